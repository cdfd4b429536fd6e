/**
 * Values for a stack's input variables in a rehearsal: what CI would pass as TF_VAR_... secrets. Made up
 * fresh for each rehearsal and handed to Terraform through its environment only, never printed or written.
 */
import { randomBytes } from "node:crypto";
import { generateSigningKey } from "../keys/signing-keys";

export interface DeclaredVariable {
  readonly sensitive?: boolean;
  readonly description?: string;
}

/** The variable an adopted Web app's client secret comes from (lib/okta: adoption of a confidential app). */
const ADOPTED_CLIENT_SECRET_VARIABLE = "okta_adopted_client_secret";

/**
 * TF_VAR_ environment entries for every variable the stack declares: an RSA key in PKCS#8 PEM for the
 * private-key variables (their validation accepts nothing else), the hand-made app's secret for an adopted
 * Web app, and a random password otherwise.
 */
export async function rehearsalVariables(
  declared: Readonly<Record<string, DeclaredVariable>>,
  adoptedClientSecret?: string,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const name of Object.keys(declared).sort()) {
    if (name === ADOPTED_CLIENT_SECRET_VARIABLE) {
      if (adoptedClientSecret) values[`TF_VAR_${name}`] = adoptedClientSecret;
    } else if (name.endsWith("_private_key_pem")) {
      values[`TF_VAR_${name}`] = (await generateSigningKey()).privatePkcs8Pem;
    } else {
      values[`TF_VAR_${name}`] = randomBytes(24).toString("base64url");
    }
  }
  return values;
}
