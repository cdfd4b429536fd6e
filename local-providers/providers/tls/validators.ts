/**
 * The validators the tls v4.1.0 schemas use, with the texts of terraform-plugin-framework-validators
 * v0.17.0 (helpers/validatordiag/diag.go) and of the provider's own UrlWithScheme
 * (internal/provider/attribute_validator/url_with_scheme.go:39). Unknown values defer every check.
 */
import type { Diagnostic } from "../../provider/behaviour";
import { isObjectValue, isUnknown, type ObjectValue } from "../../provider/values";

type Path = readonly (string | number)[];

/** path.Path.String(): "proxy[0].url". */
export function pathString(path: Path): string {
  return path
    .map((step, index) => {
      if (typeof step === "number") return `[${step}]`;
      return index === 0 ? step : `.${step}`;
    })
    .join("");
}

/** Go's %q (strconv.Quote) for the text configuration holds: escapes, control characters as \x or \u. */
export function goQuote(text: string): string {
  const escapes: Record<string, string> = {
    "\u0007": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    '"': '\\"',
    "\\": "\\\\",
  };
  let quoted = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (escapes[char]) quoted += escapes[char];
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, "0")}`;
    else if ((code >= 0x80 && code <= 0xa0) || code === 0xad || code === 0x2028 || code === 0x2029 || code === 0xfeff)
      quoted += `\\u${code.toString(16).padStart(4, "0")}`;
    else quoted += char;
  }
  return `"${quoted}"`;
}

/** stringvalidator.OneOf (stringvalidator/one_of.go:33): "value must be one of: [\"A\" \"B\"]". */
export function oneOf(config: ObjectValue, name: string, values: readonly string[]): Diagnostic[] {
  const value = config[name] ?? null;
  if (typeof value !== "string" || values.includes(value)) return [];
  return [
    {
      severity: "error",
      summary: "Invalid Attribute Value Match",
      detail: `Attribute ${name} value must be one of: [${values.map(goQuote).join(" ")}], got: ${goQuote(value)}`,
      attribute: [name],
    },
  ];
}

/**
 * stringvalidator.ExactlyOneOf on each of `names` (internal/schemavalidator/exactly_one_of.go:59): every
 * attribute carrying it reports, so none set or both set gives one diagnostic per attribute.
 */
export function exactlyOneOf(config: ObjectValue, names: readonly string[]): Diagnostic[] {
  if (names.some((name) => isUnknown(config[name] ?? null))) return [];
  const count = names.filter((name) => (config[name] ?? null) !== null).length;
  if (count === 1) return [];
  const list = `[${names.join(",")}]`;
  const detail =
    count === 0
      ? `No attribute specified when one (and only one) of ${list} is required`
      : `${count} attributes specified when one (and only one) of ${list} is required`;
  return names.map((name) => ({ severity: "error" as const, summary: "Invalid Attribute Combination", detail, attribute: [name] }));
}

/** listvalidator.SizeBetween (listvalidator/size_between.go:33). */
export function sizeBetween(config: ObjectValue, name: string, min: number, max: number): Diagnostic[] {
  const value = config[name] ?? null;
  if (!Array.isArray(value) || (value.length >= min && value.length <= max)) return [];
  return [
    {
      severity: "error",
      summary: "Invalid Attribute Value",
      detail: `Attribute ${name} list must contain at least ${min} elements and at most ${max} elements, got: ${value.length}`,
      attribute: [name],
    },
  ];
}

/**
 * ConflictsWith and AlsoRequires between attributes of one block element (internal/schemavalidator/
 * conflicts_with.go:62, also_requires.go:62): `conflicts` when both are set, else `requires` when the
 * other is null.
 */
export function betweenAttributes(
  element: ObjectValue,
  path: Path,
  name: string,
  other: string,
  kind: "conflicts" | "requires",
): Diagnostic[] {
  const value = element[name] ?? null;
  const otherValue = element[other] ?? null;
  if (value === null || isUnknown(value) || isUnknown(otherValue)) return [];
  const here = goQuote(pathString([...path, name]));
  const there = goQuote(pathString([...path, other]));
  if (kind === "conflicts" && otherValue !== null) {
    return [
      {
        severity: "error",
        summary: "Invalid Attribute Combination",
        detail: `Attribute ${there} cannot be specified when ${here} is specified`,
        attribute: [...path, name],
      },
    ];
  }
  if (kind === "requires" && otherValue === null) {
    return [
      {
        severity: "error",
        summary: "Invalid Attribute Combination",
        detail: `Attribute ${there} must be specified when ${here} is specified`,
        attribute: [...path, name],
      },
    ];
  }
  return [];
}

/** A URL as Go's net/url Parse sees it: the scheme and host, or the error Go gives. */
type ParsedUrl = { readonly scheme: string; readonly host: string } | { readonly error: string };

const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;
const HOST_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%\u0080-\uffff]*$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})(.{0,2})/;

/**
 * net/url.Parse (go1.24 net/url/url.go: Parse, parse, getScheme, parseAuthority, parseHost), reduced to
 * what UrlWithScheme reads: errors for control characters, a missing scheme before ":", a colon in a
 * first path segment, bad escapes, userinfo and ports; otherwise the scheme (lowercased) and host.
 */
export function goParseUrl(raw: string): ParsedUrl {
  const hashIndex = raw.indexOf("#");
  const withoutFragment = hashIndex === -1 ? raw : raw.slice(0, hashIndex);
  const fail = (url: string, message: string): ParsedUrl => ({ error: `parse ${goQuote(url)}: ${message}` });
  if (/[\u0000-\u001f\u007f]/.test(withoutFragment)) return fail(withoutFragment, "net/url: invalid control character in URL");
  if (withoutFragment === "*") return { scheme: "", host: "" };
  let scheme = "";
  let rest = withoutFragment;
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(withoutFragment);
  if (withoutFragment.startsWith(":")) return fail(withoutFragment, "missing protocol scheme");
  if (schemeMatch) {
    scheme = schemeMatch[1]!.toLowerCase();
    rest = withoutFragment.slice(schemeMatch[0].length);
  }
  rest = rest.endsWith("?") && rest.split("?").length === 2 ? rest.slice(0, -1) : rest.split("?")[0]!;
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { scheme, host: "" };
    if (rest.split("/")[0]!.includes(":")) return fail(withoutFragment, "first path segment in URL cannot contain colon");
  }
  let host = "";
  if ((scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    const authority = rest.slice(2).split("/")[0]!;
    rest = rest.slice(2 + authority.length);
    const at = authority.lastIndexOf("@");
    host = authority.slice(at + 1);
    // parseHost: the port after "]" for an IPv6 literal, else after the last ":".
    let port = "";
    if (host.startsWith("[")) port = host.slice(host.lastIndexOf("]") + 1);
    else if (host.includes(":")) port = host.slice(host.lastIndexOf(":"));
    if (host.startsWith("[") && !host.includes("]")) return fail(withoutFragment, "missing ']' in host");
    if (port !== "" && !/^:[0-9]*$/.test(port)) return fail(withoutFragment, `invalid port ${goQuote(port)} after host`);
    const badHostEscape = BAD_ESCAPE.exec(host);
    if (badHostEscape) return fail(withoutFragment, `invalid URL escape ${goQuote(`%${badHostEscape[1]}`)}`);
    const badHostChar = [...host].find((char) => !HOST_CHARS.test(char));
    if (badHostChar) return fail(withoutFragment, `invalid character ${goQuote(badHostChar)} in host name`);
    if (at !== -1 && !USERINFO.test(authority.slice(0, at))) return fail(withoutFragment, "net/url: invalid userinfo");
  }
  const badPathEscape = BAD_ESCAPE.exec(rest);
  if (badPathEscape) return fail(withoutFragment, `invalid URL escape ${goQuote(`%${badPathEscape[1]}`)}`);
  const badFragmentEscape = hashIndex === -1 ? null : BAD_ESCAPE.exec(raw.slice(hashIndex + 1));
  if (badFragmentEscape) return fail(raw, `invalid URL escape ${goQuote(`%${badFragmentEscape[1]}`)}`);
  return { scheme, host };
}

/**
 * A proxy URL may carry a password: shown as url.URL.Redacted shows it ("user:xxxxx@"), where the real
 * provider prints the URL as configured. Nothing may print a secret.
 */
export function redactUrl(text: string): string {
  return text.replace(/(\/\/[^/?#@:]*:)[^/?#@]*@/g, "$1xxxxx@");
}

/** UrlWithScheme (url_with_scheme.go:39). */
export function urlWithScheme(value: unknown, path: Path, schemes: readonly string[]): Diagnostic[] {
  if (typeof value !== "string") return [];
  const parsed = goParseUrl(value);
  const problem = (summary: string, detail: string): Diagnostic[] => [
    { severity: "error", summary, detail: redactUrl(detail), attribute: path },
  ];
  if ("error" in parsed) return problem("Invalid URL", `Parsing URL ${goQuote(value)} failed: ${parsed.error}`);
  // u.String(): the URL as written, its scheme lowercased.
  const shown = parsed.scheme === "" ? value : parsed.scheme + value.slice(parsed.scheme.length);
  if (parsed.host === "") return problem("Invalid URL", `URL ${goQuote(shown)} contains no host`);
  if (schemes.includes(parsed.scheme)) return [];
  return problem(
    "Invalid URL scheme",
    `URL ${goQuote(shown)} expected to use scheme from [${schemes.map(goQuote).join(" ")}], got: ${goQuote(parsed.scheme)}`,
  );
}

/** The provider block's validators (internal/provider/provider.go:55-99). */
export function validateProxy(config: ObjectValue): Diagnostic[] {
  const proxy = config["proxy"] ?? null;
  if (!Array.isArray(proxy)) return [];
  const problems: Diagnostic[] = sizeBetween(config, "proxy", 0, 1);
  (proxy as readonly unknown[]).forEach((element, index) => {
    if (!isObjectValue(element)) return;
    const path: Path = ["proxy", index];
    if (!isUnknown(element["url"] ?? null)) problems.push(...urlWithScheme(element["url"], [...path, "url"], ["http", "https", "socks5"]));
    problems.push(
      ...betweenAttributes(element, path, "url", "from_env", "conflicts"),
      ...betweenAttributes(element, path, "username", "url", "requires"),
      ...betweenAttributes(element, path, "password", "username", "requires"),
    );
    // from_env's ConflictsWith waits until all three are known (conflicts_with.go:95).
    const others = ["url", "username", "password"];
    if (!others.some((other) => isUnknown(element[other] ?? null)))
      problems.push(...others.flatMap((other) => betweenAttributes(element, path, "from_env", other, "conflicts")));
  });
  return problems;
}
