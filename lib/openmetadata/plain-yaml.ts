import { Document } from "yaml";

/**
 * The YAML text `yaml`'s `stringify(values, { lineWidth: 0, indent: 2, sortMapEntries: false })` writes,
 * for the shapes chart values have, built directly; undefined for anything else, so that the caller
 * falls back to `stringify` itself. Building a `yaml` Document for every release was the larger part of
 * building a stack (help/performance.md); this writes the same bytes in a fraction of the time.
 *
 * Covered: maps and lists (block style, lists indented under their key), `{}` and `[]` as a map's value,
 * integers, booleans, null, a map entry whose value is undefined (left out, as `yaml` does), and strings
 * `yaml` writes plain or, for a string `yaml` would read as another type ("2", "true"), in double quotes.
 * Anything else (a string needing escapes, quotes or several lines, a non-ASCII character, a key that is
 * not plain, a fraction, an object met twice, which `yaml` writes as an anchor) answers undefined.
 * `__tests__/plain-yaml.test.ts` compares both writers on every fixture's values and on strings
 * at each boundary.
 */
export function plainYaml(values: object): string | undefined {
  const lines: string[] = [];
  if (!writeMap(values, "", lines, new Set())) return undefined;
  // An empty document is "{}" to `yaml`.
  return lines.length > 0 ? `${lines.join("\n")}\n` : undefined;
}

/** The core schema's tests (null, bool, int, float) that make `yaml` quote a string, as it finds them. */
const OTHER_TYPES = new Document().schema.tags.flatMap((tag) =>
  tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test ? [tag.test] : [],
);

// Printable ASCII that is never an indicator where it stands: no quote, backslash, `#`, `|`, `>`, `!`, `%`,
// `` ` ``, or tab. The first character is a letter, a digit, `$`, `/` or `(` (not `-`, `?`, `:`, `.`, `&`,
// `*`, `[`, `{`, `@`), and ": " never occurs, nor a trailing space or colon.
const PLAIN = /^[A-Za-z0-9$/(][A-Za-z0-9 $/()._:@=&*,;+~^<[\]{}-]*$/;
const QUOTABLE = /^[A-Za-z0-9.+~-]+$/;

function scalar(value: unknown): string | undefined {
  if (typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (typeof value === "number") return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
  if (typeof value !== "string") return undefined;
  if (value === "") return '""';
  const otherType = OTHER_TYPES.some((test) => test.test(value));
  if (otherType) return QUOTABLE.test(value) ? `"${value}"` : undefined;
  return isPlain(value) ? value : undefined;
}

function isPlain(text: string): boolean {
  return PLAIN.test(text) && !text.includes(": ") && !text.endsWith(" ") && !text.endsWith(":");
}

/** A key `yaml` writes as it is: plain, and not read as another type (a key "true" is quoted). */
function isPlainKey(key: string): boolean {
  return isPlain(key) && !OTHER_TYPES.some((test) => test.test(key));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** A map's entries at `indent`; false when something is not covered. */
function writeMap(map: object, indent: string, lines: string[], seen: Set<object>): boolean {
  if (!isPlainObject(map) || seen.has(map)) return false;
  seen.add(map);
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    if (!isPlainKey(key)) return false;
    if (!writeEntry(`${indent}${key}:`, value, `${indent}  `, lines, seen)) return false;
  }
  return true;
}

/** `head` is "key:" or "- key:" with its indent; nested collections go on the next lines at `indent`. */
function writeEntry(head: string, value: unknown, indent: string, lines: string[], seen: Set<object>): boolean {
  if (typeof value === "object" && value !== null) {
    if (seen.has(value)) return false;
    if (Array.isArray(value)) {
      if (value.length > 0) return lines.push(head) > 0 && writeList(value, indent, lines, seen);
      seen.add(value);
      return lines.push(`${head} []`) > 0;
    }
    if (!isPlainObject(value)) return false;
    if (Object.values(value).some((entry) => entry !== undefined)) return lines.push(head) > 0 && writeMap(value, indent, lines, seen);
    seen.add(value);
    return lines.push(`${head} {}`) > 0;
  }
  const text = scalar(value);
  if (text === undefined) return false;
  lines.push(`${head} ${text}`);
  return true;
}

/** A list's items at `indent`: scalars, and maps whose first entry shares the `- ` line. */
function writeList(list: readonly unknown[], indent: string, lines: string[], seen: Set<object>): boolean {
  if (seen.has(list)) return false;
  seen.add(list);
  for (const item of list) {
    if (isPlainObject(item)) {
      const entries = Object.entries(item).filter(([, value]) => value !== undefined);
      if (entries.length === 0 || seen.has(item)) return false;
      seen.add(item);
      let first = true;
      for (const [key, value] of entries) {
        if (!isPlainKey(key)) return false;
        const head = `${indent}${first ? "- " : "  "}${key}:`;
        if (!writeEntry(head, value, `${indent}    `, lines, seen)) return false;
        first = false;
      }
      continue;
    }
    const text = scalar(item);
    if (text === undefined) return false;
    lines.push(`${indent}- ${text}`);
  }
  return true;
}
