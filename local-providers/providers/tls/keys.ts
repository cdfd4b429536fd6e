/**
 * Private keys as hashicorp/terraform-provider-tls v4.1.0 makes, encodes and parses them, with
 * node:crypto: generation (internal/provider/common_key.go:33), the PEM encodings of Create
 * (resource_private_key.go:273-331), the public attributes (common_key.go:162) and the two parsers of
 * tls_public_key (common_key.go:85,121), whose error texts are Go's. No error here carries key material.
 */
import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  generatePrimeSync,
  type JsonWebKey,
  type KeyObject,
} from "node:crypto";
import {
  authorizedKey,
  bigintToBytes,
  bytesToBigint,
  fingerprintMd5,
  fingerprintSha256,
  openSshPrivateKeyBytes,
  parseOpenSshPrivateKey,
  GoError,
  type RawKey,
  type SshCurve,
} from "./openssh";

export { GoError };
import { hashForState, pemDecode, pemEncode } from "./pem";

export const ALGORITHMS = ["RSA", "ECDSA", "ED25519"] as const;
export const ECDSA_CURVES = ["P224", "P256", "P384", "P521"] as const;
export type Algorithm = (typeof ALGORITHMS)[number];
export type EcdsaCurve = (typeof ECDSA_CURVES)[number];

/** The curves Go's crypto/elliptic knows, by OpenSSL name (what node:crypto reports). */
const CURVES: Record<string, { readonly name: EcdsaCurve; readonly jwk: string; readonly ssh?: SshCurve }> = {
  secp224r1: { name: "P224", jwk: "P-224" },
  prime256v1: { name: "P256", jwk: "P-256", ssh: "nistp256" },
  secp384r1: { name: "P384", jwk: "P-384", ssh: "nistp384" },
  secp521r1: { name: "P521", jwk: "P-521", ssh: "nistp521" },
};
const OPENSSL_CURVE: Record<EcdsaCurve, string> = { P224: "secp224r1", P256: "prime256v1", P384: "secp384r1", P521: "secp521r1" };
const SSH_TO_OPENSSL: Record<SshCurve, string> = { nistp256: "prime256v1", nistp384: "secp384r1", nistp521: "secp521r1" };

const b64url = (value: string | undefined): Buffer => Buffer.from(value ?? "", "base64url");
const toB64url = (value: bigint): string => bigintToBytes(value).toString("base64url");
const modInverse = (value: bigint, modulus: bigint): bigint => {
  let [oldR, r, oldS, s] = [((value % modulus) + modulus) % modulus, modulus, 1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return oldR === 1n ? ((oldS % modulus) + modulus) % modulus : 0n;
};
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** The SSH view of a node:crypto private key; undefined for P-224, which x/crypto/ssh does not support. */
function rawOf(privateKey: KeyObject): RawKey | undefined {
  // Checked first: node:crypto has no JWK for P-224 either.
  const curve = CURVES[String(privateKey.asymmetricKeyDetails?.namedCurve)];
  if (privateKey.asymmetricKeyType === "ec" && !curve?.ssh) return undefined;
  const jwk = privateKey.export({ format: "jwk" });
  if (privateKey.asymmetricKeyType === "rsa") {
    const [n, e, d, p, q, qInv] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.qi].map((field) => bytesToBigint(b64url(field)));
    return { kind: "rsa", n: n!, e: e!, d: d!, p: p!, q: q!, qInv: qInv! };
  }
  if (privateKey.asymmetricKeyType === "ed25519") return { kind: "ed25519", seed: b64url(jwk.d), publicKey: b64url(jwk.x) };
  return {
    kind: "ecdsa",
    curve: curve!.ssh!,
    point: Buffer.concat([Buffer.from([4]), b64url(jwk.x), b64url(jwk.y)]),
    d: bytesToBigint(b64url(jwk.d)),
  };
}

/**
 * rsa.GenerateKey of Go 1.24 (go.mod's toolchain go1.24.1) for the sizes OpenSSL refuses (under 512
 * bits): two primes with their top two bits set, d = e⁻¹ mod λ(n), drawn again when d is not above
 * 2^(bits/2) or e shares a factor (crypto/internal/fips140/rsa/keygen.go). Go's 1024-bit minimum does not
 * apply: the provider's go.mod says go 1.23.7, so GODEBUG rsa1024min defaults to 0.
 */
function smallRsaKey(bits: number): KeyObject {
  const e = 65537n;
  for (;;) {
    const p = generatePrimeSync(Math.floor((bits + 1) / 2), { bigint: true });
    const q = generatePrimeSync(Math.floor(bits / 2), { bigint: true });
    const n = p * q;
    if (p === q || n.toString(2).length !== bits) continue;
    const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
    if (gcd(e, lambda) !== 1n) continue;
    const d = modInverse(e, lambda);
    if (d.toString(2).length <= Math.floor(bits / 2)) continue;
    const jwk: JsonWebKey = {
      kty: "RSA",
      n: toB64url(n),
      e: toB64url(e),
      d: toB64url(d),
      p: toB64url(p),
      q: toB64url(q),
      dp: toB64url(d % (p - 1n)),
      dq: toB64url(d % (q - 1n)),
      qi: toB64url(modInverse(q, p)),
    };
    return createPrivateKey({ key: jwk, format: "jwk" });
  }
}

/** keyGenerators (common_key.go:33): the configured key; "Unable to generate Key from configuration" wraps a GoError. */
export function generatePrivateKey(algorithm: Algorithm, rsaBits: number, curve: EcdsaCurve): KeyObject {
  if (algorithm === "RSA") {
    // crypto/internal/fips140/rsa/keygen.go: "bits must be at least 32".
    if (rsaBits < 32) throw new GoError("rsa: key too small");
    if (rsaBits < 512) return smallRsaKey(rsaBits);
    return generateKeyPairSync("rsa", { modulusLength: rsaBits, publicExponent: 65537 }).privateKey;
  }
  if (algorithm === "ECDSA") return generateKeyPairSync("ec", { namedCurve: OPENSSL_CURVE[curve] }).privateKey;
  return generateKeyPairSync("ed25519").privateKey;
}

export interface PublicAttributes {
  readonly public_key_pem: string;
  readonly public_key_openssh: string;
  readonly public_key_fingerprint_md5: string;
  readonly public_key_fingerprint_sha256: string;
  readonly id: string;
}

/**
 * setPublicKeyAttributes (common_key.go:162): the PKIX public key in PEM, `id` the SHA-1 of its DER, and
 * the OpenSSH line and fingerprints, "" where ssh.NewPublicKey refuses the key (ECDSA P-224).
 */
function publicAttributes(publicDer: Buffer, ssh: RawKey | undefined): PublicAttributes {
  return {
    id: hashForState(publicDer),
    public_key_pem: pemEncode("PUBLIC KEY", publicDer),
    public_key_openssh: ssh ? authorizedKey(ssh) : "",
    public_key_fingerprint_md5: ssh ? fingerprintMd5(ssh) : "",
    public_key_fingerprint_sha256: ssh ? fingerprintSha256(ssh) : "",
  };
}

const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export interface PrivateKeyAttributes extends PublicAttributes {
  readonly private_key_pem: string;
  readonly private_key_pem_pkcs8: string;
  readonly private_key_openssh: string;
}

/**
 * What Create stores (resource_private_key.go:273-342): PKCS#1 "RSA PRIVATE KEY" for RSA, SEC 1 "EC PRIVATE
 * KEY" (named curve and public key) for ECDSA, PKCS#8 "PRIVATE KEY" for ED25519; PKCS#8 for all in
 * private_key_pem_pkcs8; the OpenSSH private key, "" for P-224. node:crypto's DER for these is Go's:
 * x509.MarshalPKCS1PrivateKey, MarshalECPrivateKey and MarshalPKCS8PrivateKey write the same structures
 * (PKCS#8 EC keys without inner parameters, Ed25519 keys as a bare seed), and the tests check the shapes.
 */
export function privateKeyAttributes(privateKey: KeyObject): PrivateKeyAttributes {
  const type = privateKey.asymmetricKeyType;
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" });
  const traditional: Record<string, () => string> = {
    rsa: () => pemEncode("RSA PRIVATE KEY", privateKey.export({ type: "pkcs1", format: "der" })),
    ec: () => pemEncode("EC PRIVATE KEY", privateKey.export({ type: "sec1", format: "der" })),
  };
  const privateKeyPem = traditional[String(type)]?.() ?? pemEncode("PRIVATE KEY", pkcs8);
  const ssh = rawOf(privateKey);
  const publicDer = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  return {
    private_key_pem: privateKeyPem,
    private_key_pem_pkcs8: pemEncode("PRIVATE KEY", pkcs8),
    private_key_openssh: ssh ? pemEncode("OPENSSH PRIVATE KEY", openSshPrivateKeyBytes(ssh)) : "",
    ...publicAttributes(publicDer, ssh),
  };
}

export interface ParsedPrivateKey extends PublicAttributes {
  readonly algorithm: Algorithm;
}

function algorithmOf(privateKey: KeyObject): Algorithm {
  const type = privateKey.asymmetricKeyType;
  if (type === "rsa") return "RSA";
  if (type === "ec") return "ECDSA";
  if (type === "ed25519") return "ED25519";
  // privateKeyToAlgorithm (common_key.go:147) on a key Go parses but the provider does not support.
  const goType = ({ x25519: "*ecdh.PrivateKey", dsa: "*dsa.PrivateKey" } as Record<string, string>)[String(type)] ?? String(type);
  throw new GoError(`failed to determine key algorithm for private key of type ${goType}: unsupported private key type: ${goType}`);
}

function fromKeyObject(privateKey: KeyObject): ParsedPrivateKey {
  const algorithm = algorithmOf(privateKey);
  const publicDer = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  return { algorithm, ...publicAttributes(publicDer, rawOf(privateKey)) };
}

type DerFormat = "pkcs1" | "pkcs8" | "sec1";

function tryParse(der: Buffer, type: DerFormat): KeyObject | undefined {
  try {
    return createPrivateKey({ key: der, format: "der", type });
  } catch {
    return undefined;
  }
}

/** The length of the outer DER element, or undefined when it is not a complete SEQUENCE. */
function outerLength(der: Buffer): number | undefined {
  if (der.length < 2 || der[0] !== 0x30) return undefined;
  const first = der[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || der.length < 2 + count) return undefined;
  return 2 + count + der.subarray(2, 2 + count).reduce((length, byte) => length * 256 + byte, 0);
}

/**
 * The start of the encoding/asn1 error Go reports for DER that is no key at all; Go goes on to describe
 * the mismatching tag and Go type, which only a Go program can print.
 */
function asn1Problem(der: Buffer): string {
  if (der.length === 0) return "asn1: syntax error: sequence truncated";
  const length = outerLength(der);
  if (length !== undefined && length > der.length) return "asn1: syntax error: data truncated";
  return "asn1: structure error: tags don't match";
}

const USE_INSTEAD = (parser: string) => `x509: failed to parse private key (use ${parser} instead for this key format)`;

function knownCurve(key: KeyObject, embedded: boolean): KeyObject {
  if (key.asymmetricKeyType === "ec" && !CURVES[String(key.asymmetricKeyDetails?.namedCurve)]) {
    throw new GoError(
      embedded ? "x509: failed to parse EC private key embedded in PKCS#8: x509: unknown elliptic curve" : "x509: unknown elliptic curve",
    );
  }
  return key;
}

/** OIDs of the PKCS#8 algorithms Go's x509 does not parse (x509.ParsePKCS8PrivateKey's default case). */
const UNKNOWN_PKCS8_OIDS: Record<string, string> = {
  dsa: "1.2.840.10040.4.1",
  "rsa-pss": "1.2.840.113549.1.1.10",
  ed448: "1.3.101.113",
  x448: "1.3.101.111",
  dh: "1.2.840.113549.1.3.1",
};

/** x509.ParsePKCS1PrivateKey: with its hints when the DER is another format, and its trailing-data check. */
function parsePkcs1(der: Buffer): KeyObject {
  const length = outerLength(der);
  const key = tryParse(der, "pkcs1");
  if (key) {
    if (length !== undefined && length < der.length) throw new GoError("asn1: syntax error: trailing data");
    return key;
  }
  if (tryParse(der, "sec1")) throw new GoError(USE_INSTEAD("ParseECPrivateKey"));
  if (tryParse(der, "pkcs8")) throw new GoError(USE_INSTEAD("ParsePKCS8PrivateKey"));
  throw new GoError(asn1Problem(der));
}

/** x509.ParsePKCS8PrivateKey. */
function parsePkcs8(der: Buffer): KeyObject {
  const key = tryParse(der, "pkcs8");
  if (key) {
    const oid = UNKNOWN_PKCS8_OIDS[String(key.asymmetricKeyType)];
    if (oid) throw new GoError(`x509: PKCS#8 wrapping contained private key with unknown algorithm: ${oid}`);
    return knownCurve(key, true);
  }
  if (tryParse(der, "sec1")) throw new GoError(USE_INSTEAD("ParseECPrivateKey"));
  if (tryParse(der, "pkcs1")) throw new GoError(USE_INSTEAD("ParsePKCS1PrivateKey"));
  throw new GoError(asn1Problem(der));
}

/** x509.ParseECPrivateKey. */
function parseSec1(der: Buffer): KeyObject {
  const key = tryParse(der, "sec1");
  if (key) return knownCurve(key, false);
  if (tryParse(der, "pkcs8")) throw new GoError(USE_INSTEAD("ParsePKCS8PrivateKey"));
  if (tryParse(der, "pkcs1")) throw new GoError(USE_INSTEAD("ParsePKCS1PrivateKey"));
  throw new GoError(`x509: failed to parse EC private key: ${asn1Problem(der)}`);
}

const PEM_PREAMBLES = ["PUBLIC KEY", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "CERTIFICATE", "CERTIFICATE REQUEST"];
const PEM_PARSERS: Record<string, (der: Buffer) => KeyObject> = {
  "RSA PRIVATE KEY": parsePkcs1,
  "EC PRIVATE KEY": parseSec1,
  "PRIVATE KEY": parsePkcs8,
};

/** parsePrivateKeyPEM (common_key.go:85). */
export function parsePrivateKeyPem(text: string): ParsedPrivateKey {
  const bytes = Buffer.from(text, "utf8");
  const block = pemDecode(bytes);
  // pem.Decode returns all of its input as the rest when it finds no block.
  if (!block) throw new GoError(`failed to decode PEM block: decoded bytes 0, undecoded ${bytes.length}`);
  if (!PEM_PREAMBLES.includes(block.type)) throw new GoError(`unsupported PEM preamble/type: ${block.type}`);
  const parser = PEM_PARSERS[block.type];
  if (!parser) throw new GoError(`unable to determine parser for PEM preamble: ${block.type}`);
  let key: KeyObject;
  try {
    key = parser(block.bytes);
  } catch (error) {
    throw new GoError(`failed to parse private key given PEM preamble '${block.type}': ${(error as Error).message}`);
  }
  return fromKeyObject(key);
}

/** The public key of an OpenSSH-format key, checked as keys.go:1568-1610 checks ECDSA keys. */
function fromRawKey(raw: RawKey): ParsedPrivateKey {
  if (raw.kind === "ed25519") {
    // Go keeps the file's 64-byte private key, whose second half is the public key it reports.
    return { algorithm: "ED25519", ...publicAttributes(Buffer.concat([ED25519_SPKI_PREFIX, raw.publicKey]), raw) };
  }
  if (raw.kind === "rsa") {
    const publicKey = createPublicKey({ key: { kty: "RSA", n: toB64url(raw.n), e: toB64url(raw.e) }, format: "jwk" });
    return { algorithm: "RSA", ...publicAttributes(publicKey.export({ type: "spki", format: "der" }), raw) };
  }
  const curve = SSH_TO_OPENSSL[raw.curve];
  const coordinateLength = (raw.point.length - 1) / 2;
  let publicKey: KeyObject;
  try {
    if (raw.point[0] !== 4 || !Number.isInteger(coordinateLength)) throw new Error("not an uncompressed point");
    publicKey = createPublicKey({
      key: {
        kty: "EC",
        crv: CURVES[curve]!.jwk,
        x: raw.point.subarray(1, 1 + coordinateLength).toString("base64url"),
        y: raw.point.subarray(1 + coordinateLength).toString("base64url"),
      },
      format: "jwk",
    });
  } catch {
    throw new GoError("ssh: failed to unmarshal public key");
  }
  if (raw.d === 0n) throw new GoError("ssh: public key does not match private key");
  const ecdh = createECDH(curve);
  try {
    const scalar = bigintToBytes(raw.d);
    ecdh.setPrivateKey(Buffer.concat([Buffer.alloc(Math.max(0, coordinateLength - scalar.length)), scalar]));
  } catch {
    throw new GoError("ssh: scalar is out of range");
  }
  if (!ecdh.getPublicKey().equals(raw.point)) throw new GoError("ssh: public key does not match private key");
  return { algorithm: "ECDSA", ...publicAttributes(publicKey.export({ type: "spki", format: "der" }), raw) };
}

/** ssh.ParseRawPrivateKey (x/crypto ssh/keys.go:1233) of one PEM block. */
function parseRawPrivateKey(bytes: Buffer): ParsedPrivateKey {
  const block = pemDecode(bytes);
  if (!block) throw new GoError("ssh: no key found");
  if ((block.headers["Proc-Type"] ?? "").includes("ENCRYPTED")) throw new GoError("ssh: this private key is passphrase protected");
  switch (block.type) {
    case "RSA PRIVATE KEY":
      return fromKeyObject(parsePkcs1(block.bytes));
    case "PRIVATE KEY":
      return fromKeyObject(parsePkcs8(block.bytes));
    case "EC PRIVATE KEY":
      return fromKeyObject(parseSec1(block.bytes));
    case "DSA PRIVATE KEY": {
      // ssh.ParseDSAPrivateKey succeeds on a DSA key, which the provider then cannot use.
      let key: KeyObject;
      try {
        key = createPrivateKey(pemEncode("DSA PRIVATE KEY", block.bytes));
      } catch {
        throw new GoError(asn1Problem(block.bytes));
      }
      return fromKeyObject(key);
    }
    case "OPENSSH PRIVATE KEY":
      return fromRawKey(parseOpenSshPrivateKey(block.bytes));
    default:
      throw new GoError(`ssh: unsupported key type ${JSON.stringify(block.type)}`);
  }
}

/** parsePrivateKeyOpenSSHPEM (common_key.go:121). */
export function parsePrivateKeyOpenSsh(text: string): ParsedPrivateKey {
  try {
    return parseRawPrivateKey(Buffer.from(text, "utf8"));
  } catch (error) {
    const message = (error as Error).message;
    // An unsupported algorithm is reported unwrapped (common_key.go:127-130).
    if (message.startsWith("failed to determine key algorithm")) throw error;
    throw new GoError(`failed to parse openssh private key: ${message}`);
  }
}
