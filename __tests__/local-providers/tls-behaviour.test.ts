import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { ProviderContext } from "../../local-providers/provider/behaviour";
import { isUnknown, type ObjectValue } from "../../local-providers/provider/values";
import { planResource } from "../../local-providers/protocol/plan";
import { provider } from "../../local-providers/providers/tls/index";
import { openSshPrivateKeyBytes } from "../../local-providers/providers/tls/openssh";
import { goTrimSpace, hashForState, pemDecode } from "../../local-providers/providers/tls/pem";
import { schemas } from "../../local-providers/providers/tls/schema";
import { goParseUrl } from "../../local-providers/providers/tls/validators";
import { thrown } from "../support/provider-harness";

// The local tls provider's behaviour, each rule against hashicorp/terraform-provider-tls@v4.1.0 (paths
// under internal/provider/ there) and golang.org/x/crypto v0.37.0 ssh/keys.go. Every format is checked
// with node:crypto or by reading the bytes here, independently of the provider's own encoders.

const context: ProviderContext = provider.configure({}, {});
const privateKeyResource = provider.resources["tls_private_key"]!;
const publicKeyData = provider.dataSources["tls_public_key"]!;

function apply(config: ObjectValue): ObjectValue {
  const { planned } = planResource(schemas.resources["tls_private_key"]!.block, config, null);
  return privateKeyResource.create(planned, context, config);
}

/** An SSH wire-format reader written for the test (RFC 4251 string, uint32, mpint). */
class Wire {
  constructor(private data: Buffer) {}
  uint32(): number {
    const value = this.data.readUInt32BE(0);
    this.data = this.data.subarray(4);
    return value;
  }
  bytes(): Buffer {
    const length = this.uint32();
    const value = this.data.subarray(0, length);
    this.data = this.data.subarray(length);
    return value;
  }
  text(): string {
    return this.bytes().toString("utf8");
  }
  rest(): Buffer {
    return this.data;
  }
}

const unsigned = (bytes: Buffer) => (bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString("hex")}`));
const jwkInt = (value: string | undefined) => unsigned(Buffer.from(value!, "base64url"));

/** The authorized_keys line: its type, blob, and the blob's fields as the test reads them. */
function readAuthorizedKey(line: string): { type: string; blob: Buffer; fields: Wire } {
  expect(line).toMatch(/^[a-z0-9-]+ [A-Za-z0-9+/]+=*\n$/);
  const [type, base64] = line.trim().split(" ");
  const blob = Buffer.from(base64!, "base64");
  const fields = new Wire(blob);
  expect(fields.text()).toBe(type);
  return { type: type!, blob, fields };
}

/** The OpenSSH private key block, read here: magic, "none" cipher and KDF, one key, check words, padding. */
function readOpenSshPrivateKey(pem: string): { publicBlob: Buffer; keyType: string; fields: Wire } {
  const block = pemDecode(Buffer.from(pem));
  expect(block?.type).toBe("OPENSSH PRIVATE KEY");
  const bytes = block!.bytes;
  expect(bytes.subarray(0, 15).toString("latin1")).toBe("openssh-key-v1\0");
  const outer = new Wire(bytes.subarray(15));
  expect([outer.text(), outer.text(), outer.text(), outer.uint32()]).toEqual(["none", "none", "", 1]);
  const publicBlob = outer.bytes();
  const privateBlock = outer.bytes();
  expect(outer.rest()).toHaveLength(0);
  expect(privateBlock.length % 8).toBe(0);
  const inner = new Wire(privateBlock);
  expect(inner.uint32()).toBe(inner.uint32());
  return { publicBlob, keyType: inner.text(), fields: inner };
}

/** ssh.FingerprintLegacyMD5 and FingerprintSHA256 of a blob, computed here. */
function fingerprints(blob: Buffer) {
  return {
    md5: createHash("md5")
      .update(blob)
      .digest("hex")
      .replace(/(..)(?!$)/g, "$1:"),
    sha256: `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`,
  };
}

/** What every algorithm shares: PKCS#8, the PKIX public key, the id, the OpenSSH line and fingerprints. */
function checkCommonFormats(state: ObjectValue, privateKey: KeyObject) {
  const pkcs8 = createPrivateKey({ key: String(state["private_key_pem_pkcs8"]), format: "pem" });
  expect(pkcs8.export({ type: "pkcs8", format: "der" })).toEqual(privateKey.export({ type: "pkcs8", format: "der" }));
  expect(String(state["private_key_pem_pkcs8"])).toMatch(
    /^-----BEGIN PRIVATE KEY-----\n([A-Za-z0-9+/=]{64}\n)*[A-Za-z0-9+/=]{1,64}\n-----END PRIVATE KEY-----\n$/,
  );
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  expect(state["public_key_pem"]).toBe(createPublicKey(privateKey).export({ type: "spki", format: "pem" }));
  // hashForState (common.go:21): SHA-1 of the DER public key, trimmed as strings.TrimSpace trims.
  expect(state["id"]).toBe(createHash("sha1").update(goTrimSpace(spki)).digest("hex"));
}

// resource_private_key.go:240
describe("tls_private_key: the formats of Create", () => {
  test("RSA with rsa_bits' default 2048: PKCS#1 \"RSA PRIVATE KEY\", an ssh-rsa line with the key's e and n, fingerprints of that blob", () => {
    const state = apply({ algorithm: "RSA" });
    expect(state).toMatchObject({ rsa_bits: 2048, ecdsa_curve: "P224" });
    expect(String(state["private_key_pem"])).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const privateKey = createPrivateKey({ key: String(state["private_key_pem"]), format: "pem" });
    expect(privateKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    // PKCS#1 as Go's x509.MarshalPKCS1PrivateKey writes it: node reads it as pkcs1 and writes the same bytes.
    const der = pemDecode(Buffer.from(String(state["private_key_pem"])))!.bytes;
    expect(createPrivateKey({ key: der, format: "der", type: "pkcs1" }).export({ type: "pkcs1", format: "der" })).toEqual(der);
    checkCommonFormats(state, privateKey);

    const jwk = privateKey.export({ format: "jwk" });
    const { type, blob, fields } = readAuthorizedKey(String(state["public_key_openssh"]));
    expect(type).toBe("ssh-rsa");
    expect(unsigned(fields.bytes())).toBe(jwkInt(jwk.e));
    const modulus = fields.bytes();
    expect(modulus[0]).toBe(0); // mpint: a leading zero, the modulus' top bit being set
    expect(unsigned(modulus)).toBe(jwkInt(jwk.n));
    const expected = fingerprints(blob);
    expect(state["public_key_fingerprint_md5"]).toBe(expected.md5);
    expect(state["public_key_fingerprint_sha256"]).toBe(expected.sha256);

    // The OpenSSH private key: n, e, d, iqmp, p, q, then an empty comment and 1,2,3... padding.
    const openssh = readOpenSshPrivateKey(String(state["private_key_openssh"]));
    expect(openssh.publicBlob).toEqual(blob);
    expect(openssh.keyType).toBe("ssh-rsa");
    const values = Array.from({ length: 6 }, () => unsigned(openssh.fields.bytes()));
    expect(values).toEqual([jwk.n, jwk.e, jwk.d, jwk.qi, jwk.p, jwk.q].map(jwkInt));
    expect(openssh.fields.text()).toBe("");
    expect([...openssh.fields.rest()]).toEqual(Array.from({ length: openssh.fields.rest().length }, (_, index) => index + 1));
  });

  test.each([
    ["P256", "prime256v1", "nistp256"],
    ["P384", "secp384r1", "nistp384"],
    ["P521", "secp521r1", "nistp521"],
  ])(
    'ECDSA %s: SEC 1 "EC PRIVATE KEY" with the curve and public key, an ecdsa-sha2 line with the key\'s point',
    (curve, opensslCurve, sshCurve) => {
      const state = apply({ algorithm: "ECDSA", ecdsa_curve: curve });
      const der = pemDecode(Buffer.from(String(state["private_key_pem"])))!;
      expect(der.type).toBe("EC PRIVATE KEY");
      const privateKey = createPrivateKey({ key: der.bytes, format: "der", type: "sec1" });
      expect(privateKey.asymmetricKeyDetails?.namedCurve).toBe(opensslCurve);
      checkCommonFormats(state, privateKey);
      const jwk = privateKey.export({ format: "jwk" });
      const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, "base64url"), Buffer.from(jwk.y!, "base64url")]);

      const { type, blob, fields } = readAuthorizedKey(String(state["public_key_openssh"]));
      expect(type).toBe(`ecdsa-sha2-${sshCurve}`);
      expect(fields.text()).toBe(sshCurve);
      expect(fields.bytes()).toEqual(point);
      expect(state["public_key_fingerprint_sha256"]).toBe(fingerprints(blob).sha256);

      const openssh = readOpenSshPrivateKey(String(state["private_key_openssh"]));
      expect(openssh.publicBlob).toEqual(blob);
      expect([openssh.keyType, openssh.fields.text()]).toEqual([`ecdsa-sha2-${sshCurve}`, sshCurve]);
      expect(openssh.fields.bytes()).toEqual(point);
      expect(unsigned(openssh.fields.bytes())).toBe(jwkInt(jwk.d));
    },
  );

  // common_key.go:196
  test('ECDSA with ecdsa_curve\'s default P224: x/crypto/ssh has no P-224, so the OpenSSH values and fingerprints are ""', () => {
    const state = apply({ algorithm: "ECDSA" });
    expect(state).toMatchObject({
      ecdsa_curve: "P224",
      private_key_openssh: "",
      public_key_openssh: "",
      public_key_fingerprint_md5: "",
      public_key_fingerprint_sha256: "",
    });
    const privateKey = createPrivateKey({ key: String(state["private_key_pem"]), format: "pem" });
    expect(privateKey.asymmetricKeyDetails?.namedCurve).toBe("secp224r1");
    checkCommonFormats(state, privateKey);
  });

  test("PKCS#8 of an EC key carries no inner curve parameters, as Go's MarshalPKCS8PrivateKey writes it (marshalECPrivateKeyWithOID(k, nil))", () => {
    const state = apply({ algorithm: "ECDSA", ecdsa_curve: "P256" });
    const pkcs8 = pemDecode(Buffer.from(String(state["private_key_pem_pkcs8"])))!.bytes;
    // SEQUENCE { INTEGER 0, AlgorithmIdentifier { ecPublicKey, prime256v1 }, OCTET STRING { ECPrivateKey } }
    expect(pkcs8.subarray(0, 27).toString("hex")).toBe("308187020100301306072a8648ce3d020106082a8648ce3d030107");
    const inner = pkcs8.subarray(pkcs8.length - 0x6d);
    expect(inner.subarray(0, 2).toString("hex")).toBe("306b");
    // version 1, the 32-byte scalar, then [1] the public key directly: no [0] parameters.
    expect(inner[2 + 3 + 2 + 32]).toBe(0xa1);
  });

  test('ED25519: private_key_pem is PKCS#8 "PRIVATE KEY" (the 32-byte seed alone) and equals private_key_pem_pkcs8; an ssh-ed25519 line', () => {
    const state = apply({ algorithm: "ED25519" });
    expect(state["private_key_pem"]).toBe(state["private_key_pem_pkcs8"]);
    const der = pemDecode(Buffer.from(String(state["private_key_pem"])))!.bytes;
    expect(der).toHaveLength(48);
    expect(der.subarray(0, 16).toString("hex")).toBe("302e020100300506032b657004220420");
    const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
    checkCommonFormats(state, privateKey);
    const publicKey = Buffer.from(privateKey.export({ format: "jwk" }).x!, "base64url");
    const { type, fields } = readAuthorizedKey(String(state["public_key_openssh"]));
    expect(type).toBe("ssh-ed25519");
    expect(fields.bytes()).toEqual(publicKey);
    const openssh = readOpenSshPrivateKey(String(state["private_key_openssh"]));
    expect(openssh.keyType).toBe("ssh-ed25519");
    expect(openssh.fields.bytes()).toEqual(publicKey);
    expect(openssh.fields.bytes()).toEqual(Buffer.concat([der.subarray(16), publicKey]));
  });

  test("read returns the state unchanged; the plan after create keeps every value; a changed input replaces with every computed value unknown", () => {
    const state = apply({ algorithm: "ED25519" });
    expect(privateKeyResource.read(state, context)).toBe(state);
    const block = schemas.resources["tls_private_key"]!.block;
    expect(planResource(block, { algorithm: "ED25519" }, state)).toEqual({ planned: state, requiresReplace: [] });
    const replaced = planResource(block, { algorithm: "ED25519", rsa_bits: 4096 }, state);
    expect(replaced.requiresReplace).toEqual([["rsa_bits"]]);
    expect(isUnknown(replaced.planned["private_key_pem"])).toBe(true);
    expect(privateKeyResource.import).toBeUndefined();
  });

  // resource_private_key.go:350
  test("Update does nothing, so the framework reports a missing state; never reached, since every input replaces", () => {
    const state = apply({ algorithm: "ED25519" });
    expect(thrown(() => privateKeyResource.update(state, state, context, {})).summary).toBe("Missing Resource State After Update");
  });
});

describe("tls_private_key: what the provider refuses, in its words", () => {
  // resource_private_key.go:56,80
  test("an unknown algorithm or curve is refused by stringvalidator.OneOf", () => {
    expect(privateKeyResource.validate!({ algorithm: "DSA", ecdsa_curve: "P192" })).toEqual([
      {
        severity: "error",
        summary: "Invalid Attribute Value Match",
        detail: 'Attribute algorithm value must be one of: ["RSA" "ECDSA" "ED25519"], got: "DSA"',
        attribute: ["algorithm"],
      },
      {
        severity: "error",
        summary: "Invalid Attribute Value Match",
        detail: 'Attribute ecdsa_curve value must be one of: ["P224" "P256" "P384" "P521"], got: "P192"',
        attribute: ["ecdsa_curve"],
      },
    ]);
    expect(privateKeyResource.validate!({ algorithm: "rsa" })[0]!.detail).toContain('got: "rsa"');
  });

  test("rsa_bits has no validator: below 32 bits Go's rsa.GenerateKey fails at apply; small keys below OpenSSL's minimum are still made", () => {
    const error = thrown(() => apply({ algorithm: "RSA", rsa_bits: 16 }));
    expect([error.summary, error.detail]).toEqual(["Unable to generate Key from configuration", "rsa: key too small"]);
    const small = apply({ algorithm: "RSA", rsa_bits: 256 });
    expect(createPrivateKey(String(small["private_key_pem"])).asymmetricKeyDetails?.modulusLength).toBe(256);
  });
});

// data_source_public_key.go:117
describe("data source tls_public_key", () => {
  test("from private_key_pem or private_key_openssh, the same public values and id as the key's own, with the algorithm", () => {
    const configs: { algorithm: string; [name: string]: string | number }[] = [
      { algorithm: "RSA", rsa_bits: 1024 },
      { algorithm: "ECDSA", ecdsa_curve: "P384" },
      { algorithm: "ED25519" },
    ];
    for (const config of configs) {
      const key = apply(config);
      const expected = {
        algorithm: config.algorithm,
        public_key_pem: key["public_key_pem"],
        public_key_openssh: key["public_key_openssh"],
        public_key_fingerprint_md5: key["public_key_fingerprint_md5"],
        public_key_fingerprint_sha256: key["public_key_fingerprint_sha256"],
        id: key["id"],
      };
      for (const input of ["private_key_pem", "private_key_pem_pkcs8", "private_key_openssh"]) {
        const attribute = input === "private_key_openssh" ? "private_key_openssh" : "private_key_pem";
        const read = publicKeyData.read({ private_key_pem: null, private_key_openssh: null, [attribute]: key[input]! }, context);
        expect(read, `${config.algorithm} from ${input}`).toMatchObject(expected);
        expect(read[attribute]).toBe(key[input]);
      }
    }
  });

  // x/crypto ssh/keys.go:1233
  test("a PKCS#1 PEM also reads through private_key_openssh, as ssh.ParseRawPrivateKey accepts it", () => {
    const key = apply({ algorithm: "RSA", rsa_bits: 1024 });
    expect(publicKeyData.read({ private_key_openssh: key["private_key_pem"]! }, context)["id"]).toBe(key["id"]);
  });

  // stringvalidator.ExactlyOneOf, :41,55
  test("exactly one of the two inputs: none or both is refused on each", () => {
    const none = publicKeyData.validate!({ private_key_pem: null, private_key_openssh: null });
    expect(none.map((problem) => [problem.attribute, problem.detail])).toEqual([
      [["private_key_pem"], "No attribute specified when one (and only one) of [private_key_pem,private_key_openssh] is required"],
      [["private_key_openssh"], "No attribute specified when one (and only one) of [private_key_pem,private_key_openssh] is required"],
    ]);
    const both = publicKeyData.validate!({ private_key_pem: "a", private_key_openssh: "b" });
    expect(both[0]).toMatchObject({
      summary: "Invalid Attribute Combination",
      detail: "2 attributes specified when one (and only one) of [private_key_pem,private_key_openssh] is required",
    });
  });

  test("what cannot be parsed is reported with Go's text and never with the key's contents", () => {
    const key = apply({ algorithm: "ED25519" });
    const body = String(key["private_key_pem"]).split("\n")[1]!;
    const cases: [ObjectValue, string][] = [
      [{ private_key_pem: "not a key" }, "failed to decode PEM block: decoded bytes 0, undecoded 9"],
      [
        { private_key_pem: `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n` },
        "unsupported PEM preamble/type: OPENSSH PRIVATE KEY",
      ],
      [{ private_key_pem: String(key["public_key_pem"]) }, "unable to determine parser for PEM preamble: PUBLIC KEY"],
      [
        { private_key_pem: String(key["private_key_pem"]).replace(/PRIVATE KEY/g, "RSA PRIVATE KEY") },
        "failed to parse private key given PEM preamble 'RSA PRIVATE KEY': x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)",
      ],
      [{ private_key_openssh: "not a key" }, "failed to parse openssh private key: ssh: no key found"],
    ];
    for (const [config, detail] of cases) {
      const error = thrown(() => publicKeyData.read(config, context));
      expect(error.summary).toBe("Unable to parse private key");
      expect(error.detail).toBe(detail);
      expect(error.message).not.toContain(body);
    }
  });

  // unencryptedOpenSSHKey, keys.go:1340
  test("an encrypted OpenSSH key is refused as passphrase protected", () => {
    const key = apply({ algorithm: "ED25519" });
    const block = pemDecode(Buffer.from(String(key["private_key_openssh"])))!.bytes;
    // The cipher name follows the magic: "none" becomes "aes256-ctr" (length 4 becomes 10).
    const cipher = Buffer.concat([Buffer.from([0, 0, 0, 10]), Buffer.from("aes256-ctr")]);
    const encrypted = Buffer.concat([block.subarray(0, 15), cipher, block.subarray(15 + 8)]);
    const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${encrypted.toString("base64")}\n-----END OPENSSH PRIVATE KEY-----\n`;
    expect(thrown(() => publicKeyData.read({ private_key_openssh: text }, context)).detail).toBe(
      "failed to parse openssh private key: ssh: this private key is passphrase protected",
    );
  });

  // keys.go:1601
  test("an OpenSSH ECDSA key whose scalar is not its point's is refused as x/crypto/ssh refuses it", () => {
    const [first, second] = [0, 1].map(() => generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "jwk" }));
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(first!.x!, "base64url"), Buffer.from(first!.y!, "base64url")]);
    const mismatched = openSshPrivateKeyBytes({ kind: "ecdsa", curve: "nistp256", point, d: jwkInt(second!.d) });
    const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${mismatched.toString("base64")}\n-----END OPENSSH PRIVATE KEY-----\n`;
    expect(thrown(() => publicKeyData.read({ private_key_openssh: text }, context)).detail).toBe(
      "failed to parse openssh private key: ssh: public key does not match private key",
    );
  });

  test("an Ed448 key, which Go's x509 does not know, is refused with its algorithm's OID", () => {
    const ed448 = generateKeyPairSync("ed448").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(thrown(() => publicKeyData.read({ private_key_pem: ed448 }, context)).detail).toBe(
      "failed to parse private key given PEM preamble 'PRIVATE KEY': x509: PKCS#8 wrapping contained private key with unknown algorithm: 1.3.101.113",
    );
  });
});

describe("Go's helpers the id and the parsers rely on", () => {
  // common.go:25
  test("the id trims a DER key's trailing bytes that spell whitespace, as strings.TrimSpace does before SHA-1", () => {
    const der = Buffer.from("3003020100", "hex");
    expect(hashForState(Buffer.concat([der, Buffer.from("\n \t")]))).toBe(createHash("sha1").update(der).digest("hex"));
    expect(goTrimSpace(Buffer.concat([der, Buffer.from([0xc2, 0xa0])]))).toEqual(der);
    expect(goTrimSpace(Buffer.concat([der, Buffer.from([0xa0])]))).toHaveLength(6);
    expect(hashForState(Buffer.alloc(0))).toBe("");
  });

  test("pem.Decode skips text around the block and a block whose END does not match", () => {
    const good = "-----BEGIN X-----\nAAEC\n-----END X-----\n";
    expect(pemDecode(Buffer.from(`junk\n-----BEGIN Y-----\nAAEC\n-----END Z-----\n${good}`))).toMatchObject({
      type: "X",
      bytes: Buffer.from([0, 1, 2]),
    });
    expect(pemDecode(Buffer.from("-----BEGIN X-----\nAAE\n-----END X-----\n"))).toBeNull();
  });

  test("net/url.Parse as UrlWithScheme reads it: scheme and host, or Go's error", () => {
    expect(goParseUrl("HTTP://proxy.example.com:3128")).toEqual({ scheme: "http", host: "proxy.example.com:3128" });
    expect(goParseUrl("proxy.example.com:3128")).toEqual({ scheme: "proxy.example.com", host: "" });
    expect(goParseUrl("://x")).toEqual({ error: 'parse "://x": missing protocol scheme' });
    expect(goParseUrl("http://host:port")).toEqual({ error: 'parse "http://host:port": invalid port ":port" after host' });
  });
});

// provider.go:55-99
describe("the provider block's proxy", () => {
  const validate = (proxy: ObjectValue[]) => provider.validate!({ proxy });

  test("url and from_env conflict; username needs url and password needs username, in the validators' words", () => {
    expect(validate([{ url: "http://proxy:3128", from_env: true }]).map((problem) => problem.detail)).toEqual([
      'Attribute "proxy[0].from_env" cannot be specified when "proxy[0].url" is specified',
      'Attribute "proxy[0].url" cannot be specified when "proxy[0].from_env" is specified',
    ]);
    expect(validate([{ password: "p" }]).map((problem) => problem.detail)).toEqual([
      'Attribute "proxy[0].username" must be specified when "proxy[0].password" is specified',
    ]);
  });

  // url_with_scheme.go:59,74
  test("a URL without host or with another scheme is refused; a password in the URL is not repeated", () => {
    expect(validate([{ url: "proxy:3128" }])).toMatchObject([
      { summary: "Invalid URL", detail: 'URL "proxy:3128" contains no host', attribute: ["proxy", 0, "url"] },
    ]);
    const [problem] = validate([{ url: "ftp://user:s3cret@proxy:21" }]);
    expect(problem).toMatchObject({ summary: "Invalid URL scheme" });
    expect(problem!.detail).toBe('URL "ftp://user:xxxxx@proxy:21" expected to use scheme from ["http" "https" "socks5"], got: "ftp"');
    expect(validate([{ url: "socks5://proxy:1080" }, { url: "https://other" }]).map((problem) => problem.detail)).toEqual([
      "Attribute proxy list must contain at least 0 elements and at most 1 elements, got: 2",
    ]);
  });
});
