import { isMap } from "./values";

/**
 * Terraform resolves `${...}` references in the release values at apply time; the check runs
 * before that, so each reference is replaced by a placeholder of the type Terraform will produce.
 *
 * The rule: references in these values always sit inside strings (an issuer, a client id), so every
 * placeholder is a string and the value keeps its type.
 * - A reference to a URL (its attribute is `issuer`, or ends in `url`, `uri` or `endpoint`), or one
 *   followed by a `/path`, becomes `https://tf-ref-<n>.placeholder.invalid`: `${issuer}/v1/keys`
 *   is then still a URL.
 * - Any other reference becomes `tf-ref-<n>`.
 * - `<n>` numbers distinct expressions in order of first appearance, so one reference gets one
 *   placeholder everywhere in an environment's values.
 * - `$${` is Terraform's escape for a literal `${` and is unescaped, as Terraform does.
 */
export class ReferencePlaceholders {
  private readonly placeholders = new Map<string, string>();

  /** Expression → placeholder, in order of first appearance. */
  get references(): ReadonlyMap<string, string> {
    return this.placeholders;
  }

  /** The text with every `${...}` replaced; braces are balanced, so `${f({a = 1})}` is one reference. */
  replaceIn(text: string): string {
    let result = "";
    let index = 0;
    while (index < text.length) {
      if (text.startsWith("$${", index)) {
        result += "${";
        index += 3;
      } else if (text.startsWith("${", index)) {
        const end = closingBrace(text, index + 2);
        // Unterminated: not a reference Terraform would resolve, so it stays as written.
        if (end === -1) return result + text.slice(index);
        result += this.placeholderFor(text.slice(index + 2, end).trim(), text[end + 1] === "/");
        index = end + 1;
      } else {
        result += text[index];
        index += 1;
      }
    }
    return result;
  }

  /** A copy of a parsed values tree with references replaced in every string, keys included. */
  replaceInValues(value: unknown): unknown {
    if (typeof value === "string") return this.replaceIn(value);
    if (Array.isArray(value)) return value.map((item) => this.replaceInValues(item));
    if (isMap(value))
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.replaceIn(key), this.replaceInValues(item)]));
    return value;
  }

  private placeholderFor(expression: string, followedByPath: boolean): string {
    const existing = this.placeholders.get(expression);
    if (existing) return existing;
    const n = this.placeholders.size + 1;
    const placeholder = followedByPath || URL_ATTRIBUTE.test(expression) ? `https://tf-ref-${n}.placeholder.invalid` : `tf-ref-${n}`;
    this.placeholders.set(expression, placeholder);
    return placeholder;
  }
}

const URL_ATTRIBUTE = /(?:^|\.)(?:issuer|\w*(?:url|uri|endpoint))$/i;

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let index = from; index < text.length; index += 1) {
    if (text[index] === "{") depth += 1;
    else if (text[index] === "}" && --depth === 0) return index;
  }
  return -1;
}
