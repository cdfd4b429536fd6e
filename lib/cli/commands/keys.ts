import { NPM_DASHES_HINT, pathProblem, secretInsteadOfPath } from "../../cli-usage";
import { UserError } from "../../errors";
import { assertValidKid, generateSigningKey, readPublicJwksFile, writeSigningKeyFiles } from "../../keys/signing-keys";
import { defineCommand } from "../command";

export const keysCommand = defineCommand({
  name: "keys",
  usage: `Usage: npm run keys -- --out DIR [--kid ID] [--rotate FILE] [--json] [--force]

Generates an RSA 2048 RS256 signing key pair and writes to DIR:
  jwks.json        public JWKS (for Okta private_key_jwt or any verifier)
  private.pem      private key, PKCS#8 PEM (mode 0600)
  private_key.der  private key, PKCS#8 DER (mode 0600; OpenMetadata rsaprivateKeyFilePath)
  public_key.der   public key, SPKI DER (OpenMetadata rsapublicKeyFilePath)

Options:
  --out DIR        directory to write to; created with mode 0700 if missing. It must be
                   outside any git repository or ignored by git.
  --kid ID         key id (1-128 of A-Z a-z 0-9 . _ -); default: RFC 7638 thumbprint
  --rotate FILE    existing public JWKS: DIR/jwks.json gets the new key first, then all of
                   FILE's keys, so verifiers accept old and new keys during the switch
  --json           print a JSON description of the written files instead of a summary
  --force          replace existing files (atomically) instead of refusing
  -h, --help       show this help
`,
  options: {
    out: { type: "string" },
    kid: { type: "string" },
    rotate: { type: "string" },
    json: { type: "boolean", default: false },
    force: { type: "boolean", default: false },
  },
  async run({ values }, io) {
    if (!values.out)
      throw new UserError(`--out DIR is required: the directory to write the key files to (${NPM_DASHES_HINT}: npm run keys -- --out DIR)`);
    const pastedKey = values.rotate === undefined ? undefined : secretInsteadOfPath("--rotate", values.rotate);
    if (pastedKey) throw new UserError(pastedKey);
    // A bad option value is a usage mistake like an unknown option: exit 2 before any key is made.
    if (values.kid !== undefined) {
      try {
        assertValidKid(values.kid);
      } catch (error) {
        throw new UserError(`--kid: ${(error as Error).message}`);
      }
    }

    // Read the JWKS being rotated before generating anything, so a bad file fails fast.
    const rotateFrom = values.rotate === undefined ? undefined : readPublicJwksFile(values.rotate);
    const key = await generateSigningKey({ kid: values.kid });
    let written;
    try {
      written = writeSigningKeyFiles(values.out, key, { force: values.force, rotateFrom });
    } catch (error) {
      // The folder the user named cannot be made or written (a file in the way, no permission): their path, not our bug.
      if ((error as NodeJS.ErrnoException).code === undefined) throw error;
      throw new UserError(pathProblem("--out", values.out, error));
    }
    const { files, jwks } = written;
    const kids = jwks.keys.map((jwk) => jwk.kid);
    if (values.json) {
      io.stdout(`${JSON.stringify({ kid: key.kid, files, keys: kids }, null, 2)}\n`);
    } else {
      io.stdout(
        [
          `Wrote RS256 signing key ${key.kid}${rotateFrom ? ` (rotated: jwks.json now holds ${kids.join(", ")})` : ""}`,
          `  public JWKS:              ${files.jwks}`,
          `  private key (PKCS#8 PEM): ${files.privatePem}`,
          `  private key (PKCS#8 DER): ${files.privateKeyDer}`,
          `  public key (SPKI DER):    ${files.publicKeyDer}`,
          "Never commit private.pem or private_key.der; keep them in a secret store.",
          "",
        ].join("\n"),
      );
    }
    return 0;
  },
});
