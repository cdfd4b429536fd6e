import { execFileSync, spawn } from "node:child_process";
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type JsonWebKey } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { calculateJwkThumbprint, createLocalJWKSet, importJWK, importPKCS8, jwtVerify, SignJWT, type JSONWebKeySet } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import {
  assertValidKid,
  generateSigningKey,
  KeyFileError,
  parsePublicJwks,
  readPublicJwksFile,
  rotateJwks,
  writeSigningKeyFiles,
  type SigningKey,
  type WrittenKeyFiles,
} from "../lib/keys/signing-keys";
import { useTemporaryDirectories } from "./support/temporary-directories";

const projectRoot = resolve(__dirname, "..");
const tsxCli = join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs");
const makeTemporaryDirectory = useTemporaryDirectories("keys-test");

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function fileMode(path: string): number {
  return statSync(path).mode & 0o777;
}

/** The private exponent, to prove it never leaks into output or public files. */
function privateExponent(privatePem: string): string {
  const { d } = createPrivateKey(privatePem).export({ format: "jwk" });
  if (!d) throw new Error("private key has no d");
  return d;
}

/** A real RSA public JWK, for JWKS validation cases that need a key that otherwise passes. */
function publicJwkOf(key: SigningKey): Record<string, unknown> {
  return { ...key.publicJwk };
}

let key: SigningKey;
let secondKey: SigningKey;

beforeAll(async () => {
  // RSA generation dominates the runtime, so two keys are made once, in parallel, and shared.
  [key, secondKey] = await Promise.all([generateSigningKey(), generateSigningKey({ kid: "second-key.v2" })]);
});

describe("generating and writing a signing key", () => {
  let written: WrittenKeyFiles;
  let keyDirectory: string;

  beforeAll(() => {
    keyDirectory = join(makeTemporaryDirectory(), "not", "yet", "there");
    written = writeSigningKeyFiles(keyDirectory, key);
  });

  it("writes four files that jose and node:crypto read as one matching key pair", async () => {
    const privatePem = readFileSync(written.files.privatePem, "utf8");
    const jwks = readJson(written.files.jwks) as { keys: JsonWebKey[] };
    const publicJwk = jwks.keys[0];
    if (!publicJwk) throw new Error("jwks.json has no key");

    await expect(importPKCS8(privatePem, "RS256")).resolves.toBeDefined();
    await expect(importJWK(publicJwk, "RS256")).resolves.toBeDefined();
    const privateFromDer = createPrivateKey({ key: readFileSync(written.files.privateKeyDer), format: "der", type: "pkcs8" });
    const publicFromDer = createPublicKey({ key: readFileSync(written.files.publicKeyDer), format: "der", type: "spki" });
    const publicFromJwks = createPublicKey({ key: publicJwk, format: "jwk" });

    expect(publicFromDer.equals(publicFromJwks)).toBe(true);
    expect(createPrivateKey(privatePem).export({ format: "jwk" })).toEqual(privateFromDer.export({ format: "jwk" }));
    const message = Buffer.from("pairs with the published key");
    expect(verify("sha256", message, publicFromJwks, sign("sha256", message, privateFromDer))).toBe(true);
  });

  it("generates a 2048-bit modulus", () => {
    const publicKey = createPublicKey({ key: readFileSync(written.files.publicKeyDer), format: "der", type: "spki" });
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(Buffer.from(key.publicJwk.n, "base64url")).toHaveLength(256);
  });

  it("publishes only kty, kid, alg RS256, use sig, n and e in a pretty-printed jwks.json", () => {
    const text = readFileSync(written.files.jwks, "utf8");
    const jwks = JSON.parse(text) as { keys: Record<string, unknown>[] };

    expect(text).toBe(`${JSON.stringify(jwks, null, 2)}\n`);
    expect(Object.keys(jwks)).toEqual(["keys"]);
    expect(jwks.keys).toHaveLength(1);
    expect(Object.keys(jwks.keys[0] ?? {}).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: key.kid });
    expect(text).not.toContain(privateExponent(key.privatePkcs8Pem));
  });

  it("uses the RFC 7638 SHA-256 thumbprint as the default kid", async () => {
    const { n, e } = key.publicJwk;
    expect(key.kid).toBe(await calculateJwkThumbprint({ kty: "RSA", n, e }, "sha256"));
    expect(key.publicJwk.kid).toBe(key.kid);
  });

  it("honours an explicit kid", () => {
    expect(secondKey.kid).toBe("second-key.v2");
    expect(secondKey.publicJwk.kid).toBe("second-key.v2");
  });

  it("refuses a kid that is empty, too long or has characters outside A-Z a-z 0-9 . _ -", async () => {
    for (const badKid of ["", "has space", "a/b", "ü", "x".repeat(129)]) {
      await expect(generateSigningKey({ kid: badKid })).rejects.toThrow(/invalid kid/);
    }
    expect(() => assertValidKid("x".repeat(128))).not.toThrow();
  });

  it("signs a client assertion with private.pem that verifies against jwks.json", async () => {
    const clientId = "0oa1service2app3";
    const tokenUrl = "https://dev-123456.okta.com/oauth2/default/v1/token";
    const privateKey = await importPKCS8(readFileSync(written.files.privatePem, "utf8"), "RS256");
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", kid: key.kid })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(tokenUrl)
      .setJti("a8c5e8f0-unique")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);

    const jwks = createLocalJWKSet(readJson(written.files.jwks) as JSONWebKeySet);
    const { payload, protectedHeader } = await jwtVerify(assertion, jwks, {
      issuer: clientId,
      subject: clientId,
      audience: tokenUrl,
      algorithms: ["RS256"],
    });
    expect(protectedHeader.kid).toBe(key.kid);
    expect(payload.jti).toBe("a8c5e8f0-unique");
  });

  it("creates the private files 0600, the public files 0644 and a missing directory 0700", () => {
    expect(fileMode(written.files.privatePem)).toBe(0o600);
    expect(fileMode(written.files.privateKeyDer)).toBe(0o600);
    expect(fileMode(written.files.publicKeyDer)).toBe(0o644);
    expect(fileMode(written.files.jwks)).toBe(0o644);
    expect(fileMode(keyDirectory)).toBe(0o700);
  });

  it("refuses to overwrite existing files without force, naming them, and leaves them as they were", () => {
    const before = readFileSync(written.files.privatePem, "utf8");
    expect(() => writeSigningKeyFiles(keyDirectory, secondKey)).toThrow(KeyFileError);
    expect(() => writeSigningKeyFiles(keyDirectory, secondKey)).toThrow(/private\.pem.*refusing to overwrite/);
    expect(readFileSync(written.files.privatePem, "utf8")).toBe(before);
  });

  it("replaces every file with force, keeps the private files 0600 and leaves no temporary files", () => {
    const directory = makeTemporaryDirectory();
    writeSigningKeyFiles(directory, key);
    const replaced = writeSigningKeyFiles(directory, secondKey, { force: true });

    expect(readFileSync(replaced.files.privatePem, "utf8")).toBe(secondKey.privatePkcs8Pem);
    expect(readFileSync(replaced.files.privateKeyDer).equals(secondKey.privateKeyDer)).toBe(true);
    expect(readFileSync(replaced.files.publicKeyDer).equals(secondKey.publicKeyDer)).toBe(true);
    expect(readJson(replaced.files.jwks)).toEqual({ keys: [secondKey.publicJwk] });
    expect(fileMode(replaced.files.privatePem)).toBe(0o600);
    expect(fileMode(replaced.files.privateKeyDer)).toBe(0o600);
    expect(readdirSync(directory).sort()).toEqual(["jwks.json", "private.pem", "private_key.der", "public_key.der"]);
  });

  it("refuses an output path that is an existing file", () => {
    const file = join(makeTemporaryDirectory(), "a-file");
    writeFileSync(file, "");
    expect(() => writeSigningKeyFiles(file, key)).toThrow(`${file} exists and is not a directory`);
  });
});

describe("reading and rotating a public JWKS", () => {
  const source = "stacks/keys/dev.jwks.json";

  it("accepts a public JWKS and keeps members it does not check", () => {
    const withThumbprintHint = { ...publicJwkOf(key), x5t: "hint" };
    expect(parsePublicJwks({ keys: [withThumbprintHint] }, source)).toEqual({ keys: [withThumbprintHint] });
  });

  it("rotation puts the new key first and keeps every old key unchanged", () => {
    const old = parsePublicJwks({ keys: [{ ...publicJwkOf(key), x5t: "kept" }] }, source);
    const written = writeSigningKeyFiles(makeTemporaryDirectory(), secondKey, { rotateFrom: old });

    expect(written.jwks.keys.map((jwk) => jwk.kid)).toEqual([secondKey.kid, key.kid]);
    expect(readJson(written.files.jwks)).toEqual({ keys: [secondKey.publicJwk, { ...key.publicJwk, x5t: "kept" }] });
  });

  it("rotation refuses a new kid that the JWKS already holds", () => {
    const old = parsePublicJwks({ keys: [{ ...publicJwkOf(key), kid: secondKey.kid }] }, source);
    expect(() => rotateJwks(old, secondKey)).toThrow(`the new kid "second-key.v2" is already used by keys[0]`);
  });

  it("names the source and the problem when a key has no kid", () => {
    const { kid: _omitted, ...withoutKid } = publicJwkOf(key);
    expect(() => parsePublicJwks({ keys: [withoutKid] }, source)).toThrow(
      new KeyFileError('stacks/keys/dev.jwks.json: keys[0] has no "kid"'),
    );
  });

  it.each([
    ["a non-object", [], 'not a JWKS: expected an object with a "keys" array'],
    ["an object without keys", { kty: "RSA" }, 'not a JWKS: expected an object with a "keys" array'],
    ["an empty key list", { keys: [] }, '"keys" is empty'],
    [
      "a non-RSA key",
      { keys: [{ kty: "EC", kid: "ec", crv: "P-256", x: "AA", y: "AA" }] },
      'keys[0] has kty "EC"; only "RSA" keys are supported',
    ],
    ["a key without n", { keys: [{ kty: "RSA", kid: "k", e: "AQAB" }] }, 'keys[0] has no "n"'],
    ["a modulus that is not base64url", { keys: [{ kty: "RSA", kid: "k", n: "a+b/", e: "AQAB" }] }, 'keys[0] "n" is not base64url'],
    ["an encryption key", { keys: [{ kty: "RSA", kid: "k", n: "AQAB", e: "AQAB", use: "enc" }] }, 'keys[0] has use "enc"'],
  ])("refuses %s as not a JWKS of RSA public keys", (_case, json, problem) => {
    expect(() => parsePublicJwks(json, source)).toThrow(`${source}: ${problem}`);
  });

  it("refuses an RSA key shorter than 2048 bits", () => {
    const weak = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });
    expect(() => parsePublicJwks({ keys: [{ ...weak, kid: "weak" }] }, source)).toThrow(
      `${source}: keys[0] is a 1024-bit RSA key; at least 2048 bits are required`,
    );
  });

  it("refuses a JWKS that contains private key material", () => {
    const privateJwk = { ...createPrivateKey(key.privatePkcs8Pem).export({ format: "jwk" }), kid: key.kid };
    expect(() => parsePublicJwks({ keys: [privateJwk] }, source)).toThrow(
      `${source}: keys[0] contains private key material (d, p, q, dp, dq, qi); a public JWKS must not`,
    );
  });

  it("refuses a JWKS whose keys share a kid", () => {
    expect(() => parsePublicJwks({ keys: [publicJwkOf(key), publicJwkOf(key)] }, source)).toThrow(
      `keys[1] has kid "${key.kid}", already used by keys[0]`,
    );
  });

  it("refuses a file that is not valid JSON, naming the file", () => {
    const file = join(makeTemporaryDirectory(), "jwks.json");
    writeFileSync(file, "{ keys: ");
    expect(() => readPublicJwksFile(file)).toThrow(new RegExp(`^${file}: not valid JSON`));
  });

  it("refuses a file it cannot read, naming the file", () => {
    const missing = join(makeTemporaryDirectory(), "missing.json");
    expect(() => readPublicJwksFile(missing)).toThrow(`${missing}: cannot read the file (ENOENT: no such file or directory)`);
  });
});

describe("the git work tree guard", () => {
  let repository: string;

  beforeAll(() => {
    repository = makeTemporaryDirectory();
    execFileSync("git", ["init", "-q", repository]);
  });

  it("refuses a directory inside a git work tree that does not ignore it, and creates nothing", () => {
    const directory = join(repository, "secrets");
    expect(() => writeSigningKeyFiles(directory, key)).toThrow(
      /inside the git work tree .* is not ignored by git; choose a directory outside the repository or add it to \.gitignore/,
    );
    expect(existsSync(directory)).toBe(false);
  });

  it("refuses a directory whose private files are ignored but which is not ignored itself", () => {
    writeFileSync(join(repository, ".gitignore"), "*.pem\n*.der\n");
    expect(() => writeSigningKeyFiles(join(repository, "public"), key)).toThrow(/\/public\/ is not ignored by git/);
  });

  it("writes into a git work tree when the directory is ignored", () => {
    writeFileSync(join(repository, ".gitignore"), "keys/\n");
    const written = writeSigningKeyFiles(join(repository, "keys", "dev"), key);
    expect(readJson(written.files.jwks)).toEqual({ keys: [key.publicJwk] });
  });
});

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runKeysCli(args: string[]): Promise<CliRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [tsxCli, "scripts/keys.ts", ...args], { cwd: projectRoot });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolveRun({ status, stdout, stderr }));
  });
}

describe("npm run keys", () => {
  let outputDirectory: string;
  let jsonRun: CliRun;
  let rotateRun: CliRun;
  let badKidRun: CliRun;
  let unknownOptionRun: CliRun;

  beforeAll(async () => {
    const base = makeTemporaryDirectory();
    outputDirectory = join(base, "first");
    // Independent runs go in parallel: each pays tsx's start-up time.
    [jsonRun, badKidRun, unknownOptionRun] = await Promise.all([
      runKeysCli(["--out", outputDirectory, "--json"]),
      runKeysCli(["--out", join(base, "unused"), "--kid", "no spaces allowed"]),
      runKeysCli(["--out", join(base, "unused"), "--colour"]),
    ]);
    rotateRun = await runKeysCli(["--out", join(base, "rotated"), "--rotate", join(outputDirectory, "jwks.json"), "--kid", "rotated-2"]);
  });

  it("with --json prints only a JSON object naming the written files and the kids in jwks.json", () => {
    expect(jsonRun).toMatchObject({ status: 0, stderr: "" });
    const report = JSON.parse(jsonRun.stdout) as { kid: string; files: Record<string, string>; keys: string[] };
    expect(report.files).toEqual({
      jwks: join(outputDirectory, "jwks.json"),
      privatePem: join(outputDirectory, "private.pem"),
      privateKeyDer: join(outputDirectory, "private_key.der"),
      publicKeyDer: join(outputDirectory, "public_key.der"),
    });
    expect(report.keys).toEqual([report.kid]);
    expect(readJson(report.files["jwks"] ?? "")).toMatchObject({ keys: [{ kid: report.kid }] });
    expect(fileMode(join(outputDirectory, "private_key.der"))).toBe(0o600);
  });

  it("with --rotate writes the new key first and keeps the old key, and prints a summary with a warning", () => {
    expect(rotateRun).toMatchObject({ status: 0, stderr: "" });
    const { kid: oldKid } = JSON.parse(jsonRun.stdout) as { kid: string };
    const rotated = readJson(join(outputDirectory, "..", "rotated", "jwks.json")) as { keys: { kid: string }[] };
    expect(rotated.keys.map((jwk) => jwk.kid)).toEqual(["rotated-2", oldKid]);
    expect(rotated.keys[1]).toEqual((readJson(join(outputDirectory, "jwks.json")) as { keys: unknown[] }).keys[0]);
    expect(rotateRun.stdout).toContain("rotated-2");
    expect(rotateRun.stdout).toContain("Never commit private.pem or private_key.der");
  });

  it("reports a bad --kid as a usage mistake: one line, the --help pointer, exit 2", () => {
    expect(badKidRun).toMatchObject({ status: 2, stdout: "" });
    expect(badKidRun.stderr).toBe(
      'error: --kid: invalid kid "no spaces allowed": expected 1-128 characters of A-Z, ' +
        'a-z, 0-9, ".", "_" and "-"\nRun "npm run keys -- --help" for usage.\n',
    );
  });

  it("exits 2 on an unknown option with one line naming it and a pointer to --help", () => {
    expect(unknownOptionRun).toMatchObject({ status: 2, stdout: "" });
    expect(unknownOptionRun.stderr).toBe(
      'error: unknown option --colour; options: --out, --kid, --rotate, --json, --force, --help\nRun "npm run keys -- --help" for usage.\n',
    );
  });

  it("never prints private key material", () => {
    const secrets = [
      privateExponent(readFileSync(join(outputDirectory, "private.pem"), "utf8")),
      privateExponent(readFileSync(join(outputDirectory, "..", "rotated", "private.pem"), "utf8")),
    ];
    for (const run of [jsonRun, rotateRun, badKidRun, unknownOptionRun]) {
      const output = run.stdout + run.stderr;
      expect(output).not.toContain("PRIVATE KEY");
      for (const secret of secrets) expect(output).not.toContain(secret);
    }
  });
});
