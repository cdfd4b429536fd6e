import {
  isOwnJwksUrl,
  SECRET_FIELDS,
  SECURITY_CONFIG_SECTIONS,
  type JsonObject,
  type SecurityConfigDocument,
} from "../openmetadata/security-config";

/**
 * Merging the declared settings into the stored document, and the differences between the two.
 * Pure; values of secret fields never leave this module except inside the document to write.
 */

/** What OpenMetadata sends instead of a secret to a caller that is not a bot (PasswordEntityMasker). */
export function isMasked(value: unknown): boolean {
  return typeof value === "string" && /^\*{3,}$/.test(value);
}

export interface MergeInput {
  readonly stored: SecurityConfigDocument;
  readonly declared: SecurityConfigDocument;
  /** The calling admin's user name: dropping it from adminPrincipals could take away the caller's admin rights. */
  readonly caller: string;
}

export interface MergeResult {
  readonly document: SecurityConfigDocument;
  /** Masked values outside the stack's fields, written empty: the real ones cannot be read (e.g. an unused LDAP password). */
  readonly blankedMasks: readonly string[];
}

/**
 * The whole document to write: the stored one with every declared field replaced, OpenMetadata's
 * own jwks URLs kept first in publicKeyUrls and the caller kept in adminPrincipals. A masked value
 * is never sent back (it would become the stored secret).
 */
export function mergeDocument({ stored, declared, caller }: MergeInput): MergeResult {
  const authentication = overlay(stored.authenticationConfiguration, declared.authenticationConfiguration);
  const storedKeys = stringArray(stored.authenticationConfiguration["publicKeyUrls"]);
  const declaredKeys = stringArray(declared.authenticationConfiguration["publicKeyUrls"]);
  authentication["publicKeyUrls"] = unique([...declaredKeys.filter(isOwnJwksUrl), ...storedKeys.filter(isOwnJwksUrl), ...declaredKeys]);

  const authorizer = overlay(stored.authorizerConfiguration, declared.authorizerConfiguration);
  // The caller is kept where it is stored (a dedicated admin added by hand), not added: isAdmin, not this list, makes it an admin.
  const keptCaller = stringArray(stored.authorizerConfiguration["adminPrincipals"]).includes(caller) ? [caller] : [];
  authorizer["adminPrincipals"] = unique([...stringArray(declared.authorizerConfiguration["adminPrincipals"]), ...keptCaller]);

  const blankedMasks: string[] = [];
  const document = { authenticationConfiguration: authentication, authorizerConfiguration: authorizer };
  const unmask = (value: unknown, path: string): unknown => {
    if (isMasked(value)) {
      blankedMasks.push(path);
      return "";
    }
    if (isPlainObject(value))
      return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, unmask(member, `${path}.${key}`)]));
    return value;
  };
  return {
    document: {
      authenticationConfiguration: unmask(document.authenticationConfiguration, "authenticationConfiguration") as JsonObject,
      authorizerConfiguration: unmask(document.authorizerConfiguration, "authorizerConfiguration") as JsonObject,
    },
    blankedMasks,
  };
}

export type Difference =
  | { readonly field: string; readonly kind: "value"; readonly stored: unknown; readonly declared: unknown }
  /** A secret field that differs, or that the stored document lacks; its values are never kept. */
  | { readonly field: string; readonly kind: "secret" }
  /** A secret OpenMetadata masks or that no source was given for: not comparable, so not counted as drift. */
  | { readonly field: string; readonly kind: "secret-unknown"; readonly reason: string };

/**
 * Every field of `wanted` whose value `actual` does not have. Numbers and numeric strings compare
 * equal (the chart's strings are the server's integers); arrays compare in order.
 */
export function differences(actual: SecurityConfigDocument, wanted: SecurityConfigDocument, secrets: SecretFields): Difference[] {
  const found: Difference[] = [];
  const walk = (have: unknown, want: unknown, path: string) => {
    // A masked value outside the stack's secrets (an unused LDAP password) is written blank, and is not drift.
    if (isMasked(have) && !SECRET_FIELDS.includes(path)) return;
    if (SECRET_FIELDS.includes(path)) {
      // A secret in an object the stack does not declare (the public flow's oidcConfiguration) is kept as stored.
      if (!secrets.owned.has(path)) return;
      if (!secrets.given.has(path)) {
        found.push({
          field: path,
          kind: "secret-unknown",
          reason: "no client secret source given (--client-secret-env or --client-secret-file)",
        });
      } else if (isMasked(have)) {
        found.push({ field: path, kind: "secret-unknown", reason: "OpenMetadata masks it for non-bot callers" });
      } else if (!sameValue(have, want)) {
        found.push({ field: path, kind: "secret" });
      }
      return;
    }
    // Field by field, also where the stored object is missing, so a secret inside is never printed as part of a whole.
    if (isPlainObject(want)) {
      const stored = isPlainObject(have) ? have : {};
      for (const key of Object.keys(want)) walk(stored[key], want[key], `${path}.${key}`);
      return;
    }
    if (!sameValue(have, want)) found.push({ field: path, kind: "value", stored: have, declared: want });
  };
  for (const section of SECURITY_CONFIG_SECTIONS) walk(actual[section], wanted[section], section);
  return found;
}

export interface SecretFields {
  /** Secret fields inside an object the stack declares. */
  readonly owned: ReadonlySet<string>;
  /** Owned secret fields the declared document carries a value for (from the source the user named). */
  readonly given: ReadonlySet<string>;
}

export function declaredSecrets(declared: SecurityConfigDocument): SecretFields {
  const owned = SECRET_FIELDS.filter((field) => isPlainObject(valueAt(declared, field.slice(0, field.lastIndexOf(".")))));
  return { owned: new Set(owned), given: new Set(owned.filter((field) => valueAt(declared, field) !== undefined)) };
}

function valueAt(document: SecurityConfigDocument, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (isPlainObject(value) ? value[key] : undefined), document);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  if ((typeof a === "number" || typeof a === "string") && (typeof b === "number" || typeof b === "string")) return String(a) === String(b);
  return a === b;
}

/** The stored section with each declared field replaced; declared objects are merged one level down (unowned members kept). */
function overlay(stored: JsonObject, declared: JsonObject): JsonObject {
  const result: JsonObject = { ...stored };
  for (const [key, value] of Object.entries(declared)) {
    const current = stored[key];
    result[key] = isPlainObject(value) && isPlainObject(current) ? { ...current, ...value } : value;
  }
  return result;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
