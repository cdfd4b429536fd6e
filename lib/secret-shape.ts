/**
 * What a secret looks like, so no message prints one (issue 19): an environments file is committed and its
 * errors land in CI logs, so a pasted client secret, password or token must not be echoed back. The
 * checks are deliberately broad: hiding a harmless value costs a little help, printing a secret cannot be undone.
 */

/** Field names that say a secret (a field of the schema never holds one: secrets go elsewhere by design). */
const SECRET_NAME = /secret|passw|pwd|token|credential|private|key/i;
/** Inside a mapping the project declares (a backend has a `key`, an object path), a bare "key" names no secret. */
const NESTED_SECRET_NAME = /secret|passw|pwd|token|credential|private|api[-_]?key|access[-_]?key/i;

const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/;
const PEM = /-----BEGIN [A-Z0-9 ]*-----/;
/** Okta's SSWS API tokens start "00" and are 42 characters; long random strings are caught below. */
const RANDOM = /^[A-Za-z0-9+/_=~-]{24,}$/;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A JWT, a PEM block, or a long string mixing letters and digits the way generated secrets do (not a name or path). */
export function looksLikeSecretValue(value: unknown): boolean {
  if (typeof value === "string") {
    const text = value.trim();
    if (JWT.test(text) || PEM.test(text)) return true;
    if (!RANDOM.test(text)) return false;
    // A whole lower-case word between separators is a name someone typed (openmetadata-rehearsal-P9gTZN, a temporary
    // folder), which generated secrets almost never hold.
    if (/(?:^|[-_.~])[a-z]{4,}(?:[-_.~]|$)/.test(text)) return false;
    const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((pattern) => pattern.test(text)).length;
    // Names people write (kebab-case words, version numbers) have few classes or long runs of letters.
    return classes >= 3 || (classes === 2 && /\d/.test(text) && !/[a-z]{6,}|[A-Z]{6,}/.test(text) && text.length >= 32);
  }
  if (Array.isArray(value)) return value.some(looksLikeSecretValue);
  if (value !== null && typeof value === "object")
    return Object.entries(value).some(([name, inner]) => NESTED_SECRET_NAME.test(name) || looksLikeSecretValue(inner));
  return false;
}

/** Where secrets go instead of the environments file: said wherever one was found in it. */
export const WHERE_SECRETS_GO =
  "secrets never go in the environments file (it is committed): a client secret stays at the identity provider and reaches " +
  "OpenMetadata as a Kubernetes Secret the stack writes, passwords come from TF_VAR_... variables (help/kubernetes.md), " +
  "private keys from the file given to the command (npm run keys)";

/** Text with every occurrence of the secret strings in `value` replaced, for messages built from a value that may be secret. */
export function withoutValue(text: string, value: unknown): string {
  const strings: string[] = [];
  const collect = (inner: unknown): void => {
    if (typeof inner === "string") strings.push(inner, inner.trim(), JSON.stringify(inner), JSON.stringify(inner.trim()));
    else if (Array.isArray(inner)) inner.forEach(collect);
    else if (inner !== null && typeof inner === "object") Object.values(inner).forEach(collect);
  };
  collect(value);
  return strings
    .filter((secret) => secret.length >= 4)
    .sort((a, b) => b.length - a.length)
    .reduce((result, secret) => result.split(secret).join("(value not shown)"), text);
}

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]*-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|$)/g;
const JWT_GLOBAL = new RegExp(JWT.source, "g");
/** Words of a message that could be generated secrets; "/" and "+" split them so paths stay readable. */
const LONG_WORD = /[A-Za-z0-9_=~-]{24,}/g;

/**
 * A message with whatever has the shape of a secret replaced: the last line of defence for messages that
 * repeat what the user typed (an option's value, a file's first line) or what a server answered.
 */
export function withoutSecretShapes(text: string): string {
  return withoutKeysAndTokens(text).replace(LONG_WORD, (word) =>
    looksLikeSecretValue(word) ? "(a value that may be secret, not shown)" : word,
  );
}

/** PEM blocks and JWTs replaced, long words kept: for reports that name key ids (thumbprints) a user needs to see. */
export function withoutKeysAndTokens(text: string): string {
  return text.replace(PEM_BLOCK, "(a PEM block, not shown)").replace(JWT_GLOBAL, "(a JWT, not shown)");
}

/** How a message quotes what the user typed: quoted, unless it may be a secret, then only said to be one. */
export function quoted(value: string): string {
  return looksLikeSecretValue(value) ? "(a value that may be secret, not shown)" : JSON.stringify(value);
}

/** A path or name the user typed, unquoted, unless it may be a secret (a key pasted where its file path belongs). */
export function shown(value: string): string {
  return looksLikeSecretPath(value) ? "(a value that may be secret, not shown)" : value;
}

/**
 * A value given where a path belongs that is rather a secret: a PEM block, several lines, or a part between slashes
 * shaped like a generated secret (a temporary folder's random suffix is far shorter).
 */
export function looksLikeSecretPath(value: string): boolean {
  if (/-----BEGIN |\n/.test(value)) return true;
  return value.split(/[/\\]/).some((part) => looksLikeSecretValue(part));
}
