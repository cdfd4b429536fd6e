/**
 * The name and key rules the kubernetes provider and the API server share, with their exact messages:
 * kubernetes/apimachinery@v0.28.6 (the version hashicorp/terraform-provider-kubernetes@v2.38.0 pins in go.mod)
 * pkg/util/validation/validation.go, pkg/api/validation/generic.go, pkg/util/validation/field/errors.go and
 * pkg/api/errors/errors.go. Messages are built the way Go builds them, quirks included (RegexError's
 * "'MyName',  or 'my.name', " double space).
 */

const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_ERR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QNAME_CHAR_FMT = "[A-Za-z0-9]";
const QNAME_EXT_CHAR_FMT = "[-A-Za-z0-9_.]";
const QUALIFIED_NAME_FMT = `(${QNAME_CHAR_FMT}${QNAME_EXT_CHAR_FMT}*)?${QNAME_CHAR_FMT}`;
const QUALIFIED_NAME_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
const CONFIG_MAP_KEY_ERR = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

const anchored = (format: string) => new RegExp(`^${format}$`);
const dns1123Label = anchored(DNS1123_LABEL_FMT);
const dns1123Subdomain = anchored(DNS1123_SUBDOMAIN_FMT);
const qualifiedName = anchored(QUALIFIED_NAME_FMT);
const labelValue = anchored(LABEL_VALUE_FMT);
const configMapKey = anchored(CONFIG_MAP_KEY_FMT);

/** validation.go:445 MaxLenError. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** validation.go:450 RegexError, byte for byte. */
export function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  let text = `${message} (e.g. `;
  examples.forEach((example, index) => {
    if (index > 0) text += " or ";
    text += `'${example}', `;
  });
  return `${text}regex used for validation is '${format}')`;
}

/** validation.go:188 IsDNS1123Label. */
export function isDns1123Label(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLenError(63));
  if (!dns1123Label.test(value)) {
    if (dns1123Subdomain.test(value)) errors.push("must not contain dots");
    else errors.push(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, "my-name", "123-abc"));
  }
  return errors;
}

/** validation.go:215 IsDNS1123Subdomain. */
export function isDns1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLenError(253));
  if (!dns1123Subdomain.test(value)) errors.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
  return errors;
}

/** validation.go:43 IsQualifiedName (label keys, annotation keys). */
export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errors.push("prefix part must be non-empty");
    else errors.push(...isDns1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  } else {
    return [
      "a qualified name " +
        regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc") +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errors.push("name part must be non-empty");
  else if (name.length > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!qualifiedName.test(name))
    errors.push(`name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")}`);
  return errors;
}

/** validation.go:167 IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLenError(63));
  if (!labelValue.test(value)) errors.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  return errors;
}

/** validation.go:431 IsConfigMapKey (ConfigMap and Secret keys), with hasChDirPrefix. */
export function isConfigMapKey(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLenError(253));
  if (!configMapKey.test(value)) errors.push(regexError(CONFIG_MAP_KEY_ERR, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
  if (value === ".") errors.push("must not be '.'");
  else if (value === "..") errors.push("must not be '..'");
  else if (value.startsWith("..")) errors.push("must not start with '..'");
  return errors;
}

/** validation.go:284 IsValidPortNum. */
export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];
}

/** validation.go:334 IsValidPortName. */
export function isValidPortName(port: string): string[] {
  const errors: string[] = [];
  if (port.length > 15) errors.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errors.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(port)) errors.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errors.push("must not contain consecutive hyphens");
  if (port.length > 0 && (port.startsWith("-") || port.endsWith("-"))) errors.push("must not begin or end with a hyphen");
  return errors;
}

/** generic.go:74 maskTrailingDash: a generateName may end in '-' (a suffix follows). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith("-") ? `${name.slice(0, -2)}a` : name;
}

/** generic.go:37 NameIsDNSSubdomain (Secret, ConfigMap, NetworkPolicy names; the provider's validateName). */
export function nameIsDnsSubdomain(name: string, prefix: boolean): string[] {
  return isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);
}

/** generic.go:45 NameIsDNSLabel (= ValidateNamespaceName, generic.go:63; the provider's validateGenerateName). */
export function nameIsDnsLabel(name: string, prefix: boolean): string[] {
  return isDns1123Label(prefix ? maskTrailingDash(name) : name);
}

/**
 * pkg/api/validation/path/name.go:31 IsValidPathSegmentName: RBAC names (the provider's validateRBACNameFunc,
 * schema_rbac.go:33-42, and the API's ValidateRBACName for Roles and RoleBindings, even for a generateName).
 */
export function isValidPathSegmentName(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  return ["/", "%"].filter((illegal) => name.includes(illegal)).map((illegal) => `may not contain '${illegal}'`);
}

/** A field.Error (field/errors.go:31): its field path, type and detail, formatted as ErrorBody does. */
export interface FieldError {
  readonly field: string;
  readonly type: "Invalid value" | "Required value" | "Forbidden" | "Unsupported value" | "Too long";
  /** Shown for Invalid and Unsupported values: strings quoted (%q), numbers plain. */
  readonly value?: string | number;
  readonly detail?: string;
}

/** field/errors.go:51 ErrorBody: Required, Forbidden and Too long omit the value. */
function errorBody(error: FieldError): string {
  let text: string = error.type;
  if (error.type === "Invalid value" || error.type === "Unsupported value") {
    text += `: ${typeof error.value === "number" ? String(error.value) : goQuote(error.value ?? "")}`;
  }
  if (error.detail) text += `: ${error.detail}`;
  return text;
}

export const invalid = (field: string, value: string | number, detail: string): FieldError => ({
  field,
  type: "Invalid value",
  value,
  detail,
});
export const required = (field: string, detail = ""): FieldError => ({ field, type: "Required value", detail });
export const forbidden = (field: string, detail: string): FieldError => ({ field, type: "Forbidden", detail });
/** field/errors.go:203 NotSupported: "supported values: " and each value quoted. */
export const notSupported = (field: string, value: string, supported: readonly string[]): FieldError => ({
  field,
  type: "Unsupported value",
  value,
  detail: `supported values: ${supported.map((item) => goQuote(item)).join(", ")}`,
});
export const tooLong = (field: string, maxBytes: number): FieldError => ({
  field,
  type: "Too long",
  detail: `must have at most ${maxBytes} bytes`,
});

/** apimachinery pkg/util/errors/errors.go:69 aggregate.Error: one message alone, several in brackets, duplicates once. */
function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(", ")}]`;
}

/**
 * errors.go:282 NewInvalid: `Secret "x" is invalid: metadata.name: Invalid value: "x": ...`.
 * `kind` is the qualified kind ("Secret", "NetworkPolicy.networking.k8s.io").
 */
export function invalidObjectMessage(kind: string, name: string, errors: readonly FieldError[]): string {
  return `${kind} ${goQuote(name)} is invalid: ${aggregate(errors.map((error) => `${error.field}: ${errorBody(error)}`))}`;
}

/** errors.go:144 NewNotFound: `namespaces "x" not found`. */
export function notFoundMessage(resource: string, name: string): string {
  return `${resource} ${goQuote(name)} not found`;
}

/** errors.go:159 NewAlreadyExists: `secrets "x" already exists`. */
export function alreadyExistsMessage(resource: string, name: string): string {
  return `${resource} ${goQuote(name)} already exists`;
}

/** Go's %q for the strings these messages hold (strconv.Quote: backslash escapes, non-printables as \x/\u). */
export function goQuote(text: string): string {
  let quoted = '"';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (character === '"' || character === "\\") quoted += `\\${character}`;
    else if (character === "\n") quoted += "\\n";
    else if (character === "\t") quoted += "\\t";
    else if (character === "\r") quoted += "\\r";
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, "0")}`;
    else quoted += character;
  }
  return `${quoted}"`;
}

/** Go's encoding/base64 StdEncoding.DecodeString error: "illegal base64 data at input byte N" (decodeQuantum). */
export class CorruptBase64Error extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
  }
}

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Decodes standard padded base64 as Go's StdEncoding.DecodeString does (encoding/base64 decodeQuantum):
 * '\r' and '\n' are skipped, padding is required, anything else is an error at the offending byte.
 */
export function decodeGoBase64(source: string): Buffer {
  const bytes = Buffer.from(source, "latin1");
  const out: number[] = [];
  let si = 0;
  while (si < bytes.length) {
    const quantum: number[] = [];
    let j = 0;
    for (; j < 4; j++) {
      if (si === bytes.length) {
        if (j === 0) return Buffer.from(out);
        throw new CorruptBase64Error(si - j);
      }
      const character = String.fromCharCode(bytes[si]!);
      si++;
      if (character === "\n" || character === "\r") {
        j--;
        continue;
      }
      const index = BASE64_ALPHABET.indexOf(character);
      if (index >= 0) {
        quantum.push(index);
        continue;
      }
      if (character !== "=") throw new CorruptBase64Error(si - 1);
      // Padding: "=" after two symbols needs a second "="; after three it ends the input.
      if (j === 0 || j === 1) throw new CorruptBase64Error(si - 1);
      if (j === 2) {
        while (si < bytes.length && (bytes[si] === 0x0a || bytes[si] === 0x0d)) si++;
        if (si === bytes.length) throw new CorruptBase64Error(bytes.length);
        if (bytes[si] !== 0x3d) throw new CorruptBase64Error(si - 1);
        si++;
      }
      while (si < bytes.length && (bytes[si] === 0x0a || bytes[si] === 0x0d)) si++;
      if (si < bytes.length) throw new CorruptBase64Error(si);
      break;
    }
    const [a = 0, b = 0, c = 0, d = 0] = quantum;
    const value = (a << 18) | (b << 12) | (c << 6) | d;
    out.push((value >> 16) & 0xff);
    if (quantum.length > 2) out.push((value >> 8) & 0xff);
    if (quantum.length > 3) out.push(value & 0xff);
    if (quantum.length < 4) return Buffer.from(out);
  }
  return Buffer.from(out);
}
