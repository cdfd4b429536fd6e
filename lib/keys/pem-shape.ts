/**
 * What is wrong with a PEM private key before a crypto library says "unsupported" or "not a key": an encrypted key
 * needs its passphrase removed first, and the commands differ by format. Undefined when nothing is seen.
 */
export function encryptedPemProblem(pem: string): string | undefined {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem) || /Proc-Type:\s*4,ENCRYPTED/.test(pem))
    return (
      "is an encrypted (passphrase-protected) private key; decrypt it to a file only you can read: " +
      "openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out decrypted.pem (it asks for the passphrase), and give that file"
    );
  return undefined;
}
