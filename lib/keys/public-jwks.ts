import { createPublicKey } from "node:crypto";
import { readUtf8File } from "../text/file-text";
import { parseJsonText } from "../text/json-text";
import { UserError } from "../errors";

/**
 * Public JWKS validation, kept free of jose so that loading the environments (every synth) does
 * not pay for the key-generation library.
 */

/** A problem the user can fix (bad input file, existing file, unsafe directory); the message names the file. */
export class KeyFileError extends UserError {
  override name = "KeyFileError";
}

/** An RSA public JWK; members other than the ones checked are kept as they are, so rotation leaves old keys unchanged. */
export interface PublicJwk {
  readonly kty: "RSA";
  readonly kid: string;
  readonly n: string;
  readonly e: string;
  readonly alg?: string;
  readonly use?: string;
  readonly [member: string]: unknown;
}

export interface PublicJwks {
  readonly keys: readonly PublicJwk[];
}

export const MODULUS_BITS = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** RFC 7518 §6.3.2 private RSA members; "oth" carries extra primes. */
const PRIVATE_RSA_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth"] as const;
const RSA_SIGNING_ALGORITHMS = new Set(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]);

/**
 * Validates a public JWKS of RSA signing keys and returns it typed. Side-effect free, so the stacks
 * can use it too; every error message starts with `source` and says which key and what is wrong.
 */
export function parsePublicJwks(json: unknown, source: string): PublicJwks {
  const fail = (problem: string): never => {
    throw new KeyFileError(`${source}: ${problem}`);
  };
  if (!isPlainObject(json) || !Array.isArray(json["keys"])) return fail('not a JWKS: expected an object with a "keys" array');
  const entries: unknown[] = json["keys"];
  if (entries.length === 0) return fail('"keys" is empty; a JWKS needs at least one key');

  const positionByKid = new Map<string, number>();
  const keys = entries.map((entry, index): PublicJwk => {
    const at = `keys[${index}]`;
    if (!isPlainObject(entry)) return fail(`${at} is not an object`);
    const privateMembers = PRIVATE_RSA_MEMBERS.filter((member) => member in entry);
    if (privateMembers.length > 0)
      return fail(`${at} contains private key material (${privateMembers.join(", ")}); a public JWKS must not`);
    if (entry["kty"] !== "RSA")
      return fail(
        entry["kty"] === undefined ? `${at} has no "kty"` : `${at} has kty ${JSON.stringify(entry["kty"])}; only "RSA" keys are supported`,
      );
    const kid = requireString(entry, "kid", at, fail);
    const n = requireString(entry, "n", at, fail);
    const e = requireString(entry, "e", at, fail);
    if (!BASE64URL.test(n)) fail(`${at} "n" is not base64url`);
    if (!BASE64URL.test(e)) fail(`${at} "e" is not base64url`);
    const alg = entry["alg"];
    if (alg !== undefined && (typeof alg !== "string" || !RSA_SIGNING_ALGORITHMS.has(alg)))
      fail(`${at} has alg ${JSON.stringify(alg)}; expected an RSA signing algorithm such as "RS256"`);
    if (entry["use"] !== undefined && entry["use"] !== "sig")
      fail(`${at} has use ${JSON.stringify(entry["use"])}; a signing key set holds only "sig" keys`);
    const modulusBits = rsaModulusBits(n, e) ?? fail(`${at} is not a valid RSA public key`);
    if (modulusBits < MODULUS_BITS) fail(`${at} is a ${modulusBits}-bit RSA key; at least ${MODULUS_BITS} bits are required`);
    const firstPosition = positionByKid.get(kid);
    if (firstPosition !== undefined)
      fail(`${at} has kid ${JSON.stringify(kid)}, already used by keys[${firstPosition}]; kids must be unique`);
    positionByKid.set(kid, index);
    return { ...entry, kty: "RSA", kid, n, e };
  });
  return { keys };
}

/**
 * How a reader's messages name the file. The keys CLI says `<file>: a PEM file, ...` about the file it was given;
 * the environments loader says `<file> is a PEM file, ...` after the field it reports (okta.serviceApp.jwksFile).
 */
export interface JwksFileWording {
  /** The file as messages name it; the problems parsePublicJwks finds start with it too. */
  readonly source: string;
  /** What the file is instead of a public JWKS, a phrase such as "a PEM file, not a JWKS; ...". */
  readonly isNot: (what: string) => string;
  /** A problem that completes "the file ..." (decodeUtf8's). */
  readonly theFile: (problem: string) => string;
  /** The file cannot be read at all. */
  readonly unreadable: (error: unknown) => string;
}

/** The keys CLI's wording: `<file>: <problem>`. */
function keysCliWording(file: string): JwksFileWording {
  return {
    source: file,
    isNot: (what) => `${file}: ${what}`,
    theFile: (problem) => `${file}: the file ${problem}`,
    unreadable: (error) => `${file}: cannot read the file (${describeSystemError(error)})`,
  };
}

/**
 * Reads and validates a public JWKS file: the one reader, for `npm run keys --rotate` and for the service app's
 * `okta.serviceApp.jwksFile`. Every error is a KeyFileError worded by `wording`.
 */
export function readPublicJwksFile(file: string, wording: JwksFileWording = keysCliWording(file)): PublicJwks {
  const text = readUtf8File(
    file,
    (error) => new KeyFileError(wording.unreadable(error)),
    (problem) => new KeyFileError(wording.theFile(problem)),
  );
  // A PEM where a JWKS belongs would otherwise read as "No number after minus sign in JSON".
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
    throw new KeyFileError(
      wording.isNot(
        "a PEM private key, not a public JWKS; never commit it: name the jwks.json that `npm run keys` wrote next to it " +
          "(the private key stays in your secret store)",
      ),
    );
  if (/-----BEGIN [A-Z ]+-----/.test(text))
    throw new KeyFileError(wording.isNot("a PEM file, not a JWKS; name the jwks.json that `npm run keys` wrote"));
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    throw new KeyFileError(wording.isNot(`not valid JSON at ${(error as Error).message}`));
  }
  return parsePublicJwks(json, wording.source);
}

function rsaModulusBits(n: string, e: string): number | undefined {
  try {
    return createPublicKey({ key: { kty: "RSA", n, e }, format: "jwk" }).asymmetricKeyDetails?.modulusLength;
  } catch {
    return undefined;
  }
}

function requireString(entry: Record<string, unknown>, member: string, at: string, fail: (problem: string) => never): string {
  const value = entry[member];
  if (value === undefined) return fail(`${at} has no "${member}"`);
  if (typeof value !== "string" || value === "") return fail(`${at} "${member}" must be a non-empty string`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export /** "ENOENT: no such file or directory", without the path Node appends (the caller's message already names it). */
function describeSystemError(error: unknown): string {
  return String((error as Error).message).split(", ")[0] ?? String(error);
}
