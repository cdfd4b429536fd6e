/**
 * The tenant's signing key: Auth0 signs a tenant's RS256 tokens with one key and lists its certificate
 * in each client's `signing_keys` ({cert, pkcs7, subject}, the Management API's client object; the
 * provider's recordings redact them to `cert`, internal/acctest/http_recorder.go:142@v1.55.0). Here it
 * is a real RSA key with a self-signed X.509 certificate, so a local OpenID tenant can sign with the key
 * whose certificate the state holds. node:crypto has no certificate builder, hence the small DER writer.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { WorldObject, WorldTenant } from "../../provider/world";
import { AUTH0_COLLECTIONS } from "./tenant";

export interface WorldSigningKey extends WorldObject {
  /** SHA-256 thumbprint of the certificate, base64url: the `kid` a JWKS would carry. */
  readonly kid: string;
  readonly cert: string;
  readonly pkcs7: string;
  /** OpenSSL's one-line form, as Auth0 writes it: "/CN=<domain>". */
  readonly subject: string;
  /** PKCS#8 PEM: only a local OpenID tenant reads it; no provider attribute holds it. */
  readonly private_key: string;
}

const CURRENT = "current";

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);

function integer(value: Buffer): Buffer {
  // A leading 1 bit would make it negative: DER needs a 0 byte in front.
  return tlv(0x02, value[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const bytes = [first! * 40 + second!];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) base128.unshift((value & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  // RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime after.
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

const SHA256_WITH_RSA = sequence(oid("1.2.840.113549.1.1.11"), tlv(0x05));

function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** A self-signed certificate (RFC 5280) for CN=<domain>, valid for ten years, and its PKCS#7 certs-only wrapping (RFC 2315). */
export function selfSignedCertificate(domain: string, privateKey: KeyObject, publicKey: KeyObject, now: Date = new Date()) {
  const name = sequence(set(sequence(oid("2.5.4.3"), tlv(0x0c, Buffer.from(domain)))));
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(now.getUTCFullYear() + 10);
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    SHA256_WITH_RSA,
    name,
    sequence(time(now), time(notAfter)),
    name,
    publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = sign("sha256", tbs, privateKey);
  const certificate = sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0]), signature));
  const signedData = sequence(integer(Buffer.from([1])), set(), sequence(oid("1.2.840.113549.1.7.1")), tlv(0xa0, certificate), set());
  const pkcs7 = sequence(oid("1.2.840.113549.1.7.2"), tlv(0xa0, signedData));
  return {
    cert: pem("CERTIFICATE", certificate),
    pkcs7: pem("PKCS7", pkcs7),
    kid: createHash("sha256").update(certificate).digest("base64url"),
  };
}

/**
 * The tenant's current signing key, made on first use. Two stacks applied at once against one tenant
 * must end up with the same key, so the file is published with link(2), which refuses to replace an
 * existing one: the loser reads the winner's key.
 */
export function tenantSigningKey(tenant: WorldTenant): WorldSigningKey {
  const existing = tenant.get<WorldSigningKey>(AUTH0_COLLECTIONS.signingKeys, CURRENT);
  if (existing) return existing;
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const { cert, pkcs7, kid } = selfSignedCertificate(tenant.name, privateKey, publicKey);
  const key: WorldSigningKey = {
    kid,
    cert,
    pkcs7,
    subject: `/CN=${tenant.name}`,
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
  const folder = join(tenant.folder, AUTH0_COLLECTIONS.signingKeys);
  mkdirSync(folder, { recursive: true });
  const target = join(folder, `${CURRENT}.json`);
  const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  try {
    linkSync(temporary, target);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return JSON.parse(readFileSync(target, "utf8")) as WorldSigningKey;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** What a client's `signing_keys` lists: the certificate, never the key. */
export function clientSigningKeys(key: WorldSigningKey): { cert: string; pkcs7: string; subject: string }[] {
  return [{ cert: key.cert, pkcs7: key.pkcs7, subject: key.subject }];
}
