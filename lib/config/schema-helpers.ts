import { domainToASCII } from "node:url";
import * as v from "valibot";
import { closest } from "../text/suggest";

/**
 * Small builders that give every schema rule a message a platform engineer can act on:
 * what is accepted and, where it helps, why. The environment name, field path and bad value are
 * added by the formatter in `errors.ts`, so messages here say only what would be right.
 */

/**
 * An object that rejects unknown fields and lists the accepted ones (typos are the commonest mistake). Every
 * unknown field is reported: valibot's `strictObject` stops at the first (its `break` after the first unknown key,
 * valibot 1.5.0 dist/index.cjs), so here each field outside the entries is refused by a `never` rest schema. It is
 * typed as the strict object it behaves as: `objectWithRest`'s type would add a `never` index signature to its input.
 */
export function strictRecord<const Entries extends v.ObjectEntries>(entries: Entries): v.StrictObjectSchema<Entries, StrictRecordMessage> {
  const accepted = Object.keys(entries).join(", ");
  const notAnObject = (input: unknown) => `expected an object with fields: ${accepted}${objectHint(input)}`;
  const message: StrictRecordMessage = (issue) => {
    // A required field that is missing: the field's own message says what belongs there, as for a wrong value.
    const missing = issue.path?.[0];
    return missing?.origin === "key" ? messageFor(entries[missing.key as keyof Entries]!, undefined) : notAnObject(issue.input);
  };
  const unknownField = v.never(`unknown field; accepted fields here: ${accepted}`);
  const strict = v.objectWithRest(entries, unknownField, message);
  const refused = objectLike(strict, notAnObject, (_key, value, config) => ({ issues: unknownField["~run"]({ value }, config).issues }));
  return refused as unknown as v.StrictObjectSchema<Entries, StrictRecordMessage>;
}

/**
 * A map of names to values (annotations, a node selector), refused with one message when it is not a map or when a
 * name does not match `namePattern`.
 */
export function mapOf<Value extends v.GenericSchema>(namePattern: RegExp, value: Value, message: string) {
  const name = v.pipe(v.string(), v.regex(namePattern, message));
  return objectLike(
    v.record(name, value, message),
    () => message,
    (key, found, config) => {
      const nameIssues = name["~run"]({ value: key }, config).issues;
      if (nameIssues) return { issues: nameIssues };
      const checked = value["~run"]({ value: found }, config);
      return checked.issues ? { issues: checked.issues } : { output: checked.value };
    },
  );
}

/** One of several objects told apart by `key` (a backend's `type`), refused with `message` when none matches. */
export function taggedUnion<const Key extends string, const Options extends v.VariantOptions<Key>>(
  key: Key,
  options: Options,
  message: (found: unknown) => string,
) {
  // valibot reports the value of `key` when the input is an object, and the input itself when it is not. The options
  // (strict records) check the keys valibot passes over themselves.
  return objectLike(
    v.variant(key, options, (issue) => message(issue.input)),
    message,
  );
}

/** Keys valibot's object and record schemas pass over without a word (`_isValidObjectKey`, valibot 1.5.0 dist/index.cjs). */
const PASSED_OVER_KEYS = ["__proto__", "constructor", "prototype"] as const;

/** What a passed-over key holds: its problems, or the value to keep. */
type PassedOverKey = (
  key: string,
  value: unknown,
  config: v.Config<v.BaseIssue<unknown>>,
) => { readonly issues?: readonly v.BaseIssue<unknown>[] | undefined; readonly output?: unknown };

/** A dataset as valibot's schemas build it, before its type is narrowed by `typed`. */
interface Dataset {
  typed: boolean;
  value: unknown;
  issues?: v.BaseIssue<unknown>[];
}

/**
 * Two things valibot's objects and records do that zod did not, undone so the environments file is read as before:
 * - they take any JavaScript object, lists included (`input && typeof input === "object"` in valibot 1.5.0's object
 *   and record schemas): a YAML list where fields belong is refused as a list, with `notAnObject`;
 * - they pass over keys named `__proto__`, `constructor` and `prototype` (`_isValidObjectKey`), so a field of that
 *   name would be ignored without a word: `passedOver` checks each one (an unknown field, or a map entry like any
 *   other). `__proto__` is never copied into a result.
 * The schema is otherwise unchanged: its `~run` is wrapped, as valibot's own `pipe` wraps it.
 */
function objectLike<Schema extends v.GenericSchema>(
  schema: Schema,
  notAnObject: (input: unknown) => string,
  passedOver?: PassedOverKey,
): Schema {
  const refusal = v.custom<never>(
    () => false,
    (issue) => notAnObject(issue.input),
  );
  return {
    ...schema,
    "~run": (dataset, config) => {
      const input = dataset.value;
      if (Array.isArray(input)) return refusal["~run"](dataset, config) as ReturnType<Schema["~run"]>;
      const result = schema["~run"](dataset, config) as Dataset;
      if (!passedOver || input === null || typeof input !== "object") return result as ReturnType<Schema["~run"]>;
      for (const key of PASSED_OVER_KEYS) {
        if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
        const value = (input as Record<string, unknown>)[key];
        const { issues, output } = passedOver(key, value, config);
        if (issues) {
          const at: v.ObjectPathItem = { type: "object", origin: "value", input: input as Record<string, unknown>, key, value };
          for (const issue of issues) (issue as { path?: v.IssuePathItem[] }).path = [at, ...(issue.path ?? [])];
          result.issues = [...(result.issues ?? []), ...issues];
          result.typed = false;
        } else if (key !== "__proto__" && result.typed) {
          Object.defineProperty(result.value, key, { value: output, enumerable: true, writable: true, configurable: true });
        }
      }
      return result as ReturnType<Schema["~run"]>;
    },
  };
}

type StrictRecordMessage = (issue: v.StrictObjectIssue | v.ObjectWithRestIssue) => string;

/** The first message a schema gives for a value. */
function messageFor(schema: v.GenericSchema, value: unknown): string {
  return v.safeParse(schema, value).issues?.[0].message ?? "missing";
}

/** What a value where an object belongs usually means in YAML. */
function objectHint(input: unknown): string {
  if (Array.isArray(input)) return " (got a list; write the fields directly, without a leading -)";
  if (typeof input === "string" && /^[A-Za-z]\w*:\S/.test(input))
    return ` (a YAML key needs a space after the colon: "${input.replace(":", ": ")}")`;
  return "";
}

/** The hint for a number written in quotes, which YAML and JSON keep as a string. */
function unquoteHint(input: unknown): string {
  return typeof input === "string" && input.trim() !== "" && !Number.isNaN(Number(input))
    ? `; write it without quotes: ${input.trim()}`
    : "";
}

/** A whole number within a documented range, with its unit in the message. */
export function integerInRange(min: number, max: number, unit: string, why?: string) {
  const range = `${unit === "port" ? "a port number" : `a whole number of ${unit}`} from ${min} to ${max}${why ? ` (${why})` : ""}`;
  return v.pipe(
    v.number((issue) => `expected ${range}${unquoteHint(issue.input)}`),
    // valibot's number() takes Infinity (YAML's .inf); a number that is not finite is not in any range.
    v.finite(`expected ${range}`),
    v.integer(`expected ${range}, not a fraction`),
    v.minValue(min, `expected ${range}`),
    v.maxValue(max, `expected ${range}`),
  );
}

/** true or false; YAML's yes/no and a quoted "true" are strings, and say so. */
export function bool() {
  return v.boolean((issue) => {
    const input = issue.input;
    if (typeof input === "string" && /^(true|false|yes|no|on|off)$/i.test(input.trim()))
      return `expected true or false without quotes (${JSON.stringify(input)} is a string)`;
    return "expected true or false";
  });
}

export function oneOf<const Values extends readonly [string, ...string[]]>(values: Values, explanation?: string) {
  const accepted = values.map((value) => JSON.stringify(value)).join(", ");
  return v.picklist(values, (issue) => {
    const input = issue.input;
    const near = typeof input === "string" ? closest(input.trim(), values) : undefined;
    const exact = typeof input === "string" && near?.toLowerCase() === input.trim().toLowerCase();
    let hint = "";
    if (near !== undefined) hint = exact ? `; write it exactly as ${JSON.stringify(near)}` : `; did you mean ${JSON.stringify(near)}?`;
    return `expected one of ${accepted}${explanation ? ` (${explanation})` : ""}${hint}`;
  });
}

/**
 * Whitespace around a value that becomes a URL, name, id, path or domain is a copy-paste accident,
 * and a different value to Okta, Kubernetes or Terraform: refuse it rather than trim it silently.
 */
const SURROUNDING_WHITESPACE = "leading or trailing whitespace is not accepted";

/** trim() and the invisible characters copy-paste brings along (zero-width space, byte order mark). */
const SURROUNDING = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

/** A non-breaking space (U+00A0) looks like a space and comes with text pasted from a wiki, a document or a chat. */
const NBSP_PASTE = "a non-breaking space (U+00A0, pasted from a wiki or document)";

/**
 * Why a domain with characters outside ASCII is refused, and what to write: a non-breaking space is named as such,
 * an international domain gets its xn-- form (what DNS, Okta and Kubernetes use).
 */
export function nonAsciiDomainHint(value: string): string {
  if (value.includes("\u00A0")) return `it contains ${NBSP_PASTE}; remove it`;
  const ascii = domainToASCII(value.trim().toLowerCase());
  return ascii && ascii !== value
    ? `it contains non-ASCII characters: write an international domain in its xn-- form ("${ascii}"), or retype look-alike letters pasted from a document`
    : "it contains spaces or non-ASCII characters (look-alike letters pasted from a document?); an international domain is written in its xn-- form";
}

function surroundingWhitespace(value: string): string | undefined {
  const trimmed = value.replace(SURROUNDING, "");
  if (value !== trimmed && trimmed !== "" && /^\u00A0|\u00A0$/.test(value))
    return `${SURROUNDING_WHITESPACE}: ${NBSP_PASTE} surrounds it; write ${JSON.stringify(trimmed)}`;
  if (value !== trimmed && trimmed !== "") return `${SURROUNDING_WHITESPACE}; write ${JSON.stringify(trimmed)}`;
  // Quotes pasted from a document or chat are characters of the value, not YAML's quotes.
  if (/^[\u201C\u201D\u2018\u2019\u201E\u00AB\u00BB]|[\u201C\u201D\u2018\u2019\u00AB\u00BB]$/.test(trimmed)) {
    return (
      `typographic quotes (“ ” ‘ ’) are part of the value, not quotes; write straight quotes or none: ` +
      `${JSON.stringify(trimmed.replace(/^[\u201C\u201D\u2018\u2019\u201E\u00AB\u00BB]+|[\u201C\u201D\u2018\u2019\u00AB\u00BB]+$/g, ""))}`
    );
  }
  return undefined;
}

/** A string that must not be empty; free text (a description) may keep surrounding whitespace, which is trimmed. */
export function nonEmptyString(what: string, options: { readonly freeText?: boolean } = {}) {
  if (options.freeText) return v.pipe(v.string(`expected ${what}`), v.trim(), v.minLength(1, `expected ${what}, not an empty string`));
  return checkedString(what, (value) => (value.trim() === "" ? `expected ${what}, not an empty string` : surroundingWhitespace(value)));
}

/** A string written as a bare number or true/false, which YAML reads as a number or boolean. */
export function quoteHint(input: unknown): string {
  return typeof input === "number" || typeof input === "boolean" ? `; quote it: "${String(input)}"` : "";
}

/** A string checked by one function, so only the first thing wrong with it is reported. */
export function checkedString(expected: string, check: (value: string) => string | undefined) {
  return v.pipe(
    v.string((issue) => `expected ${expected}${quoteHint(issue.input)}`),
    v.rawCheck(({ dataset, addIssue }) => {
      const problem = dataset.typed ? (surroundingWhitespace(dataset.value) ?? check(dataset.value)) : undefined;
      if (problem) addIssue({ message: problem });
    }),
  );
}

/** A string matching a pattern, with surrounding whitespace named as such. */
export function patternString(expected: string, pattern: RegExp, hint?: (value: string) => string | undefined) {
  return checkedString(expected, (value) => (pattern.test(value) ? undefined : `${hint?.(value) ?? ""}expected ${expected}`));
}

/**
 * A path this project reads itself or hands to Terraform unexpanded: `~` is not the home directory
 * there, and a backslash is a file-name character on the Linux runners.
 */
export function filePath(what: string, relativeTo: string) {
  const accepted = `${what}, relative to ${relativeTo} or absolute`;
  return checkedString(accepted, (value) => {
    if (value.trim() === "") return `expected ${accepted}, not an empty string`;
    if (value.startsWith("~")) return `~ is not expanded here; write the path relative to ${relativeTo}, or absolute`;
    if (value.includes("\\")) return `write / instead of \\ in the path ("${value.replaceAll("\\", "/")}"), which is read on Linux too`;
    return undefined;
  });
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A base URL: https (http only for localhost, so local trials work), no path, query, fragment,
 * credentials or trailing slash. OpenMetadata and Okta build `{url}/callback` from it by string
 * concatenation, so `https://x/` would register `https://x//callback`.
 */
export function baseUrl(example: string) {
  const accepted = `an https URL with no path, query or trailing slash (http only for localhost), e.g. "${example}"`;
  return checkedString(accepted, (value) => {
    const problem = baseUrlProblem(value);
    return problem ? `${problem}; expected ${accepted}` : undefined;
  });
}

function baseUrlProblem(value: string): string | undefined {
  if (value.includes("\u00A0")) return `contains ${NBSP_PASTE}; remove it`;
  if (/[^\x21-\x7E]/.test(value))
    return (
      "contains spaces or non-ASCII characters (look-alike letters or quotes pasted from a " +
      "document?); write the URL in plain ASCII (an international domain as its xn-- form)"
    );
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    return /^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(?:\/.*)?$/i.test(value)
      ? `the scheme is missing (write "https://${value.replace(/\/+$/, "")}")`
      : "not a URL";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not a URL";
  }
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) return "http is only accepted for localhost (write https://)";
  if (url.protocol !== "https:" && url.protocol !== "http:") return `scheme ${url.protocol} is not accepted`;
  if (url.username || url.password) return "credentials in a URL are not accepted";
  if (url.search || url.hash || value.includes("?") || value.includes("#")) return "a query or fragment is not accepted";
  if (url.pathname !== "/" || value.endsWith("/"))
    return value.endsWith("/") && url.pathname === "/"
      ? `a trailing slash is not accepted (write "${value.replace(/\/+$/, "")}")`
      : `a path is not accepted (write "${url.origin}")`;
  const host = value.replace(/^[a-z]+:\/\//i, "").replace(/:\d+$/, "");
  if (host.endsWith(".")) return `a trailing dot after the host is not accepted (write "${url.origin.replace(/\.(?=(:\d+)?$)/, "")}")`;
  if (host !== host.toLowerCase())
    return `write the host in lower case ("${url.origin}"): the identity provider compares redirect URIs exactly`;
  return undefined;
}

/**
 * A lower-case DNS name of two or more labels (RFC 1123 labels, a letters-only top-level label): the one host
 * pattern of the environments file, for `okta.baseUrl`, `principalDomain` and the Auth0 `domain`.
 */
export const DOMAIN_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A bare DNS name such as `okta.com`: where the provider wants a domain, a scheme or path breaks it. */
export function domainName(example: string) {
  const accepted = `a lower-case domain name with no scheme, path or trailing slash, e.g. "${example}"`;
  return checkedString(accepted, (value) => {
    if (DOMAIN_NAME.test(value)) return undefined;
    const bare = value
      .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
      .replace(/^[^@/]*@/, "")
      .replace(/[/?#].*$/, "")
      .replace(/:\d+$/, "")
      .replace(/\.$/, "")
      .toLowerCase();
    if (bare !== value && DOMAIN_NAME.test(bare)) return `expected ${accepted} (write "${bare}")`;
    if (/[^\x21-\x7E]/.test(value)) return `expected ${accepted} (${nonAsciiDomainHint(value)})`;
    return `expected ${accepted}`;
  });
}

/** A Kubernetes object name (RFC 1123 label): a namespace, a Secret, a service account. */
export const KUBERNETES_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A field holding a Kubernetes object name; `what` names the object ("a namespace"). */
export function kubernetesName(what: string) {
  return patternString(`${what}: 1-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit`, KUBERNETES_NAME);
}

/** A Kubernetes label or annotation key: an optional DNS prefix and "/", then a name of up to 63 characters. */
export const LABEL_KEY = /^(?:[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

const HOST_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const HOST = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})*$`);
const IPV6 = /^[0-9A-Fa-f:]+$/;

/** A host name or IP address only: the chart takes the port and scheme in their own fields. */
export function hostName(what: string, example: string, portField: string) {
  const accepted = `${what}: a host name or IP address only, e.g. "${example}"`;
  return checkedString(accepted, (value) => {
    const url = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#]*)(?::(\d+))?/i.exec(value);
    if (url)
      return (
        `a URL is not accepted here; write host "${url[2]}"` +
        `${url[3] ? ` and ${portField}: ${url[3]}` : ""} (the scheme and port have their ` +
        `own fields)`
      );
    const withPort = /^([^:/]+):(\d+)$/.exec(value);
    if (withPort) return `the port goes in its own field; write host "${withPort[1]}" and ${portField}: ${withPort[2]}`;
    if (value.includes("/")) return `a path is not accepted; expected ${accepted}`;
    if (HOST.test(value) || (IPV6.test(value) && value.split(":").length > 2)) return undefined;
    return `expected ${accepted}`;
  });
}

const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** S3's bucket naming rules; a bucket URL or ARN names the bucket inside a string Terraform would not find. */
export function s3BucketName() {
  const accepted =
    'an S3 bucket name: 3-63 characters of a-z, 0-9, "." and "-", starting and ' +
    'ending with a letter or digit, e.g. "example-terraform-state"';
  return checkedString(accepted, (value) => {
    const url = /^(?:s3:\/\/|arn:aws[a-z-]*:s3:::|https?:\/\/)([^/]+)\/?(.*)$/i.exec(value);
    if (url) return `give the bucket name only: bucket "${url[1]}"${url[2] ? ` and key "${url[2]}"` : ""}; expected ${accepted}`;
    if (value.includes("/")) return `a bucket name has no "/"; put the object path in backend.key; expected ${accepted}`;
    if (!S3_BUCKET.test(value) || value.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(value) || value.startsWith("xn--"))
      return `expected ${accepted}${/[A-Z_]/.test(value) ? " (no capitals or underscores)" : ""}`;
    return undefined;
  });
}

const GCS_BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

export function gcsBucketName() {
  const accepted =
    'a GCS bucket name: 3-63 characters of a-z, 0-9, "-", "_" and ".", starting and ' +
    'ending with a letter or digit, e.g. "example-terraform-state"';
  return checkedString(accepted, (value) => {
    const url = /^(?:gs:\/\/|https?:\/\/storage\.googleapis\.com\/)([^/]+)\/?(.*)$/i.exec(value);
    if (url) return `give the bucket name only: bucket "${url[1]}"${url[2] ? ` and prefix "${url[2]}"` : ""}; expected ${accepted}`;
    if (value.includes("/")) return `a bucket name has no "/"; put the object path in backend.prefix; expected ${accepted}`;
    return GCS_BUCKET.test(value) && (value.includes(".") || value.length <= 63) ? undefined : `expected ${accepted}`;
  });
}

const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function awsRegion() {
  return patternString('an AWS region such as "eu-west-1" or "us-east-1"', AWS_REGION, (value) =>
    AWS_REGION.test(value.toLowerCase()) ? `write it in lower case ("${value.toLowerCase()}"); ` : "",
  );
}
