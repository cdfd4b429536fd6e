import { execFileSync } from "node:child_process";
import { createPrivateKey, createPublicKey, randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { calculateJwkThumbprint, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { describeSystemError, KeyFileError, MODULUS_BITS, type PublicJwk, type PublicJwks } from "./public-jwks";

export { KeyFileError, parsePublicJwks, readPublicJwksFile, type PublicJwk, type PublicJwks } from "./public-jwks";

/**
 * RS256 signing keys for OpenMetadata's JWT token configuration and Okta's private_key_jwt
 * client authentication: generate a key pair, validate public JWKS files, rotate a JWKS and
 * write the key files safely. No console output and no process exit: callers decide how to report.
 */

export interface SigningKey {
  readonly kid: string;
  /** Exactly kty, kid, alg, use, n, e: safe to publish. */
  readonly publicJwk: PublicJwk;
  readonly privatePkcs8Pem: string;
  /** PKCS#8 DER: OpenMetadata's jwtTokenConfiguration.rsaprivateKeyFilePath. */
  readonly privateKeyDer: Buffer;
  /** SPKI DER: OpenMetadata's jwtTokenConfiguration.rsapublicKeyFilePath. */
  readonly publicKeyDer: Buffer;
}

export const KEY_FILE_NAMES = {
  jwks: "jwks.json",
  privatePem: "private.pem",
  privateKeyDer: "private_key.der",
  publicKeyDer: "public_key.der",
} as const;

export type KeyFilePaths = { readonly [file in keyof typeof KEY_FILE_NAMES]: string };

export interface WrittenKeyFiles {
  /** Absolute paths. */
  readonly files: KeyFilePaths;
  /** What was written to jwks.json. */
  readonly jwks: PublicJwks;
}

export interface WriteOptions {
  /** Replace existing files (atomically) instead of refusing. */
  readonly force?: boolean;
  /** Publish the new key first, then every key of this JWKS, so tokens signed with an old key still verify. */
  readonly rotateFrom?: PublicJwks;
}

const SIGNING_ALGORITHM = "RS256";
const KID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const PRIVATE_FILE_MODE = 0o600;
const PUBLIC_FILE_MODE = 0o644;
const DIRECTORY_MODE = 0o700;

export function assertValidKid(kid: string): void {
  if (!KID_PATTERN.test(kid)) {
    throw new KeyFileError(`invalid kid ${JSON.stringify(kid)}: expected 1-128 characters of A-Z, a-z, 0-9, ".", "_" and "-"`);
  }
}

/** Generates an RSA 2048 RS256 key pair; the kid defaults to the RFC 7638 SHA-256 thumbprint. */
export async function generateSigningKey(options: { kid?: string } = {}): Promise<SigningKey> {
  if (options.kid !== undefined) assertValidKid(options.kid);
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { modulusLength: MODULUS_BITS, extractable: true });
  const { n, e } = await exportJWK(publicKey);
  if (n === undefined || e === undefined) throw new Error("jose exported an RSA public key without n or e");
  const kid = options.kid ?? (await calculateJwkThumbprint({ kty: "RSA", n, e }, "sha256"));
  const privatePkcs8Pem = await exportPKCS8(privateKey);
  const publicSpkiPem = await exportSPKI(publicKey);
  return {
    kid,
    publicJwk: { kty: "RSA", kid, alg: SIGNING_ALGORITHM, use: "sig", n, e },
    privatePkcs8Pem,
    privateKeyDer: createPrivateKey(privatePkcs8Pem).export({ type: "pkcs8", format: "der" }),
    publicKeyDer: createPublicKey(publicSpkiPem).export({ type: "spki", format: "der" }),
  };
}

/** The new key first (signers pick it), then every existing key unchanged (verifiers keep accepting them). */
export function rotateJwks(existing: PublicJwks, newKey: SigningKey): PublicJwks {
  const clash = existing.keys.findIndex((key) => key.kid === newKey.kid);
  if (clash !== -1) {
    throw new KeyFileError(
      `the new kid ${JSON.stringify(newKey.kid)} is already used by keys[${clash}] of the JWKS being rotated; choose another --kid`,
    );
  }
  return { keys: [newKey.publicJwk, ...existing.keys] };
}

/**
 * Writes jwks.json, private.pem, private_key.der and public_key.der to `dir`. Refuses, before
 * writing anything, when `dir` is in a git work tree and not ignored, or (without `force`) when
 * any of the files exists. Private files are created 0600.
 */
export function writeSigningKeyFiles(dir: string, key: SigningKey, options: WriteOptions = {}): WrittenKeyFiles {
  const directory = resolve(dir);
  const jwks = options.rotateFrom ? rotateJwks(options.rotateFrom, key) : { keys: [key.publicJwk] };
  const files: KeyFilePaths = {
    jwks: join(directory, KEY_FILE_NAMES.jwks),
    privatePem: join(directory, KEY_FILE_NAMES.privatePem),
    privateKeyDer: join(directory, KEY_FILE_NAMES.privateKeyDer),
    publicKeyDer: join(directory, KEY_FILE_NAMES.publicKeyDer),
  };
  // Private files first and jwks.json last: a failure part-way never publishes a key whose private half is missing.
  const plan = [
    { path: files.privatePem, contents: key.privatePkcs8Pem, mode: PRIVATE_FILE_MODE },
    { path: files.privateKeyDer, contents: key.privateKeyDer, mode: PRIVATE_FILE_MODE },
    { path: files.publicKeyDer, contents: key.publicKeyDer, mode: PUBLIC_FILE_MODE },
    { path: files.jwks, contents: `${JSON.stringify(jwks, null, 2)}\n`, mode: PUBLIC_FILE_MODE },
  ];

  const existingAncestor = nearestExistingAncestor(directory);
  assertNotCommittable(directory, existingAncestor, [files.privatePem, files.privateKeyDer]);
  if (!options.force) {
    const existing = plan.map((file) => file.path).filter((path) => statSync(path, { throwIfNoEntry: false }) !== undefined);
    if (existing.length > 0) {
      throw new KeyFileError(
        `${directory} already contains ` +
          `${existing.map((path) => basename(path)).join(", ")}; refusing to ` +
          `overwrite (use --force to replace)`,
      );
    }
  }
  prepareDirectory(directory);

  for (const { path, contents, mode } of plan) {
    if (options.force) replaceFile(path, contents, mode);
    else writeNewFile(path, contents, mode);
  }
  return { files, jwks };
}

function nearestExistingAncestor(directory: string): string {
  let candidate = directory;
  for (;;) {
    const stat = statSync(candidate, { throwIfNoEntry: false });
    if (stat?.isDirectory()) return candidate;
    if (stat) {
      throw new KeyFileError(
        candidate === directory
          ? `${directory} exists and is not a directory`
          : `cannot create ${directory}: ${candidate} is not a directory`,
      );
    }
    candidate = dirname(candidate);
  }
}

/** Refuses a directory inside a git work tree unless git ignores it, so keys cannot be committed by accident. */
function assertNotCommittable(directory: string, existingAncestor: string, privateFiles: readonly string[]): void {
  const workTree = gitWorkTree(existingAncestor);
  if (workTree === undefined) return;
  // git reports real paths; resolve symlinks in the existing part so the paths we pass are inside its work tree.
  const realDirectory = join(realpathSync(existingAncestor), relative(existingAncestor, directory));
  const toRealPath = (path: string) => join(realDirectory, relative(directory, path));
  // The trailing separator makes git match directory patterns such as "keys/" even before the directory exists.
  const mustBeIgnored = [realDirectory + sep, ...privateFiles.map(toRealPath)];
  const tracked = mustBeIgnored.find((path) => !isIgnoredByGit(workTree, path));
  if (tracked !== undefined) {
    throw new KeyFileError(
      `refusing to write private keys to ${directory}: it is inside the git work tree ${workTree} and ${tracked} ` +
        `is not ignored by git; choose a directory outside the repository or add it to .gitignore`,
    );
  }
}

/** The top of the work tree containing `directory`, or undefined when there is none or git is not installed. */
function gitWorkTree(directory: string): string | undefined {
  try {
    const topLevel = execFileSync("git", ["-C", directory, "rev-parse", "--show-toplevel"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return topLevel === "" ? undefined : topLevel;
  } catch {
    return undefined;
  }
}

function isIgnoredByGit(workTree: string, path: string): boolean {
  try {
    execFileSync("git", ["-C", workTree, "check-ignore", "-q", "--", path], { stdio: ["ignore", "ignore", "pipe"] });
    return true;
  } catch (error) {
    const { status, stderr } = error as { status?: number | null; stderr?: Buffer };
    if (status === 1) return false;
    const reason = stderr?.toString().trim().split("\n")[0] || (error as Error).message;
    throw new KeyFileError(`cannot check whether git ignores ${path}: ${reason}`);
  }
}

function prepareDirectory(directory: string): void {
  try {
    makeMissingFolders(directory);
  } catch (error) {
    throw new KeyFileError(`cannot create directory ${directory} (${describeSystemError(error)})`);
  }
  try {
    accessSync(directory, constants.W_OK | constants.X_OK);
  } catch {
    throw new KeyFileError(`${directory} is not writable`);
  }
}

/**
 * Each missing folder made in turn, from the nearest existing one down, rather than with mkdir's recursive mode:
 * that one retries forever where the kernel answers ENOENT for a folder inside an existing one (procfs:
 * `--out /proc/x` hung `npm run keys`), and an error that names the folder is better than a hang.
 */
function makeMissingFolders(directory: string): void {
  const missing: string[] = [];
  for (let folder = resolve(directory); !existsSync(folder); folder = dirname(folder)) {
    missing.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode: DIRECTORY_MODE });
    } catch (error) {
      // Made meanwhile by another process: what was wanted.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/** Exclusive create: an existing file is never overwritten, even if it appeared after the existence check. */
function writeNewFile(path: string, contents: string | Buffer, mode: number): void {
  let descriptor: number;
  try {
    descriptor = openSync(path, "wx", mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new KeyFileError(`${path} already exists; refusing to overwrite (use --force to replace)`);
    throw new KeyFileError(`cannot create ${path} (${describeSystemError(error)})`);
  }
  try {
    writeFileSync(descriptor, contents);
    fsyncSync(descriptor);
  } catch (error) {
    throw new KeyFileError(`cannot write ${path} (${describeSystemError(error)})`);
  } finally {
    closeSync(descriptor);
  }
}

/** Write a sibling temp file with the final mode, then rename over the target: readers see the old or the new file, never a partial one. */
function replaceFile(path: string, contents: string | Buffer, mode: number): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeNewFile(temporary, contents, mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error instanceof KeyFileError ? error : new KeyFileError(`cannot replace ${path} (${describeSystemError(error)})`);
  }
}
