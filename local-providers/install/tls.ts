/**
 * The server certificate a local provider presents in go-plugin's AutoMTLS: self-signed ECDSA P-256 for
 * the name "localhost", as go-plugin's own generateCert makes it (hashicorp/go-plugin v1.6.0 mtls.go), since
 * Terraform verifies the server name "localhost" against the certificate of the handshake line
 * (client.go:687-691,943-960). Made once per installation, not per process, to keep a start at ~200 ms.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API loaded first.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

export interface ServerTls {
  readonly certificatePem: string;
  readonly keyPem: string;
}

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const VALID_DAYS = 30;

export async function makeServerTls(now: Date = new Date()): Promise<ServerTls> {
  // Node's Web Crypto: the library's type names the DOM's Crypto, which this project's lib settings leave out.
  x509.cryptoProvider.set(webcrypto as never);
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16),
    name: "CN=localhost",
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + VALID_DAYS * 24 * 3600 * 1000),
    signingAlgorithm: ALGORITHM,
    keys: keys as never,
    extensions: [
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: "localhost" }]),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .replace(/\n$/, "")}\n-----END PRIVATE KEY-----\n`;
  return { certificatePem: certificate.toString("pem"), keyPem };
}
