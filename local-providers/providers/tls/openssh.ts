/**
 * The OpenSSH encodings golang.org/x/crypto/ssh v0.37.0 writes for the tls provider, written here with
 * node:crypto only: the public key wire format and authorized_keys line (ssh/keys.go:289), the two
 * fingerprints (keys.go:1760,1774), the "openssh-key-v1" private key (keys.go:1617) and its parser
 * (keys.go:1488), which tls_public_key uses for `private_key_openssh`.
 */
import { createHash, randomBytes } from "node:crypto";

/** Raw key material, big-endian unsigned integers and byte strings as the wire formats carry them. */
export type RawKey =
  | {
      readonly kind: "rsa";
      readonly n: bigint;
      readonly e: bigint;
      readonly d: bigint;
      readonly p: bigint;
      readonly q: bigint;
      readonly qInv: bigint;
    }
  | { readonly kind: "ecdsa"; readonly curve: SshCurve; readonly point: Buffer; readonly d: bigint }
  | { readonly kind: "ed25519"; readonly seed: Buffer; readonly publicKey: Buffer };

export type SshCurve = "nistp256" | "nistp384" | "nistp521";

export const PRIVATE_KEY_AUTH_MAGIC = Buffer.from("openssh-key-v1\0", "latin1");

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
}

export function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  return Buffer.concat([uint32(bytes.length), bytes]);
}

export function bigintToBytes(value: bigint): Buffer {
  if (value === 0n) return Buffer.alloc(0);
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
}

export function bytesToBigint(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString("hex")}`);
}

/** ssh's marshalInt: minimal big-endian bytes, a leading zero when the top bit is set, zero as "". */
export function sshMpint(value: bigint): Buffer {
  const bytes = bigintToBytes(value);
  return sshString(bytes.length > 0 && bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

export function sshKeyType(key: RawKey): string {
  if (key.kind === "rsa") return "ssh-rsa";
  if (key.kind === "ed25519") return "ssh-ed25519";
  return `ecdsa-sha2-${key.curve}`;
}

/** PublicKey.Marshal (keys.go:466 RSA: e then n; keys.go:777 ECDSA; keys.go:711 Ed25519). */
export function sshPublicKeyBlob(key: RawKey): Buffer {
  const type = sshString(sshKeyType(key));
  if (key.kind === "rsa") return Buffer.concat([type, sshMpint(key.e), sshMpint(key.n)]);
  if (key.kind === "ed25519") return Buffer.concat([type, sshString(key.publicKey)]);
  return Buffer.concat([type, sshString(key.curve), sshString(key.point)]);
}

/** MarshalAuthorizedKey (keys.go:289): "type base64\n". */
export function authorizedKey(key: RawKey): string {
  return `${sshKeyType(key)} ${sshPublicKeyBlob(key).toString("base64")}\n`;
}

/** FingerprintLegacyMD5 (keys.go:1760): colon-separated lowercase hex. */
export function fingerprintMd5(key: RawKey): string {
  const digest = createHash("md5").update(sshPublicKeyBlob(key)).digest("hex");
  return digest.match(/../g)!.join(":");
}

/** FingerprintSHA256 (keys.go:1774): "SHA256:" and unpadded standard base64. */
export function fingerprintSha256(key: RawKey): string {
  return `SHA256:${createHash("sha256").update(sshPublicKeyBlob(key)).digest("base64").replace(/=+$/, "")}`;
}

/**
 * marshalOpenSSHPrivateKey with unencryptedOpenSSHMarshaler (keys.go:1617,1395) and an empty comment:
 * the "OPENSSH PRIVATE KEY" block's bytes. A random check word, the key, padding 1,2,3... to 8 bytes.
 */
export function openSshPrivateKeyBytes(key: RawKey, comment = ""): Buffer {
  let rest: Buffer;
  if (key.kind === "rsa") {
    // N, E, D, Iqmp, P, Q, Comment (openSSHRSAPrivateKey, keys.go:1458).
    rest = Buffer.concat([
      sshMpint(key.n),
      sshMpint(key.e),
      sshMpint(key.d),
      sshMpint(key.qInv),
      sshMpint(key.p),
      sshMpint(key.q),
      sshString(comment),
    ]);
  } else if (key.kind === "ed25519") {
    rest = Buffer.concat([sshString(key.publicKey), sshString(Buffer.concat([key.seed, key.publicKey])), sshString(comment)]);
  } else {
    rest = Buffer.concat([sshString(key.curve), sshString(key.point), sshMpint(key.d), sshString(comment)]);
  }
  const check = randomBytes(4);
  let block = Buffer.concat([check, check, sshString(sshKeyType(key)), rest]);
  const padding: number[] = [];
  for (let index = 0; (block.length + index) % 8 !== 0; index++) padding.push(index + 1);
  block = Buffer.concat([block, Buffer.from(padding)]);
  return Buffer.concat([
    PRIVATE_KEY_AUTH_MAGIC,
    sshString("none"),
    sshString("none"),
    sshString(""),
    uint32(1),
    sshString(sshPublicKeyBlob(key)),
    sshString(block),
  ]);
}

/** An error whose text is the Go error the real provider reports (x/crypto/ssh's, x509's, the provider's own). */
export class GoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoError";
  }
}

/** ssh.Unmarshal's reads; a short read is Go's errShortRead. */
class WireReader {
  constructor(private data: Buffer) {}

  get remaining(): Buffer {
    return this.data;
  }

  uint32(): number {
    if (this.data.length < 4) throw new GoError("ssh: short read");
    const value = this.data.readUInt32BE(0);
    this.data = this.data.subarray(4);
    return value;
  }

  bytes(): Buffer {
    const length = this.uint32();
    if (this.data.length < length) throw new GoError("ssh: short read");
    const value = this.data.subarray(0, length);
    this.data = this.data.subarray(length);
    return value;
  }

  string(): string {
    return this.bytes().toString("latin1");
  }

  /** parseInt: a negative mpint (top bit set) is refused by Go for these fields. */
  mpint(): bigint {
    const bytes = this.bytes();
    if (bytes.length > 0 && bytes[0]! & 0x80) throw new GoError("ssh: short read");
    return bytesToBigint(bytes);
  }
}

function checkPadding(pad: Buffer): void {
  pad.forEach((byte, index) => {
    if (byte !== index + 1) throw new GoError("ssh: padding not as expected");
  });
}

const mod = (value: bigint, modulus: bigint) => ((value % modulus) + modulus) % modulus;

/**
 * parseOpenSSHPrivateKey (keys.go:1488) with unencryptedOpenSSHKey (keys.go:1340): the raw key, or the
 * ssh error Go returns. The ECDSA point and scalar are checked by the caller, with node:crypto.
 */
export function parseOpenSshPrivateKey(key: Buffer): RawKey {
  if (key.length < PRIVATE_KEY_AUTH_MAGIC.length || !key.subarray(0, PRIVATE_KEY_AUTH_MAGIC.length).equals(PRIVATE_KEY_AUTH_MAGIC)) {
    throw new GoError("ssh: invalid openssh private key format");
  }
  const outer = new WireReader(key.subarray(PRIVATE_KEY_AUTH_MAGIC.length));
  const cipherName = outer.string();
  const kdfName = outer.string();
  const kdfOptions = outer.string();
  const numKeys = outer.uint32();
  outer.bytes(); // the public key, repeated inside the private block
  const privateBlock = outer.bytes();
  if (numKeys !== 1) throw new GoError("ssh: multi-key files are not supported");
  if (kdfName !== "none" || cipherName !== "none") throw new GoError("ssh: this private key is passphrase protected");
  if (kdfOptions !== "") throw new GoError("ssh: invalid openssh private key");

  let keyType: string;
  let inner: WireReader;
  try {
    inner = new WireReader(privateBlock);
    const check1 = inner.uint32();
    const check2 = inner.uint32();
    keyType = inner.string();
    if (check1 !== check2) throw new GoError("");
  } catch {
    throw new GoError("ssh: malformed OpenSSH key");
  }

  switch (keyType) {
    case "ssh-rsa": {
      const n = inner.mpint();
      const e = inner.mpint();
      const d = inner.mpint();
      const qInv = inner.mpint();
      const p = inner.mpint();
      const q = inner.mpint();
      inner.string();
      checkPadding(inner.remaining);
      // rsa.PrivateKey.Validate (crypto/rsa/rsa.go): the primes multiply to n, and d·e ≡ 1 mod p-1, q-1.
      if (p <= 1n || q <= 1n) throw new GoError("crypto/rsa: invalid prime value");
      if (p * q !== n) throw new GoError("crypto/rsa: invalid modulus");
      if (mod(d * e, p - 1n) !== 1n || mod(d * e, q - 1n) !== 1n) throw new GoError("crypto/rsa: invalid exponents");
      return { kind: "rsa", n, e, d, p, q, qInv };
    }
    case "ssh-ed25519": {
      inner.bytes(); // the public half, repeated in the private key's last 32 bytes, which Go keeps
      const privateKey = inner.bytes();
      inner.string();
      if (privateKey.length !== 64) throw new GoError("ssh: private key unexpected length");
      checkPadding(inner.remaining);
      return { kind: "ed25519", seed: Buffer.from(privateKey.subarray(0, 32)), publicKey: Buffer.from(privateKey.subarray(32, 64)) };
    }
    case "ecdsa-sha2-nistp256":
    case "ecdsa-sha2-nistp384":
    case "ecdsa-sha2-nistp521": {
      const curve = inner.string();
      const point = Buffer.from(inner.bytes());
      const d = inner.mpint();
      inner.string();
      checkPadding(inner.remaining);
      if (curve !== "nistp256" && curve !== "nistp384" && curve !== "nistp521")
        throw new GoError(`ssh: unhandled elliptic curve: ${curve}`);
      return { kind: "ecdsa", curve, point, d };
    }
    default:
      throw new GoError("ssh: unhandled key type");
  }
}
