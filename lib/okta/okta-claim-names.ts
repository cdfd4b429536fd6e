/**
 * Claim names a custom claim of a custom authorization server must not take, by token type. Okta
 * answers a clash only at create ("failed to create auth server claim"), on every apply; the
 * provider does not check it, so OktaAuthorizationServer refuses these names at synth.
 */

/**
 * The SYSTEM claims every new custom authorization server already has (IDENTITY, one per OIDC
 * profile claim) and that `okta_auth_server_claim_default` manages instead. okta/okta v6.12.0
 * `okta/services/idaas/resource_okta_auth_server_claim_default.go:196-200`
 * (validDefaultAuthServerClaims); PR #135 shows `email` as `claim_type: IDENTITY, value_type: SYSTEM`.
 */
export const SYSTEM_CLAIM_NAMES = [
  "sub",
  "address",
  "birthdate",
  "email",
  "email_verified",
  "family_name",
  "gender",
  "given_name",
  "locale",
  "middle_name",
  "name",
  "nickname",
  "phone_number",
  "picture",
  "preferred_username",
  "profile",
  "updated_at",
  "website",
  "zoneinfo",
] as const;

/**
 * Names reserved per token type beyond the system claims (Okta KB "OIDC Bearer Tokens: List of
 * Reserved Claims"): the registered JWT claims and what Okta itself writes into each token. A
 * custom `sub` on a new server fails the same way (okta/terraform-provider-okta#49).
 */
/** Registered JWT claims and Okta's own, written into both kinds of token. */
const TOKEN_CLAIM_NAMES = ["iss", "aud", "exp", "iat", "nbf", "jti", "ver", "amr", "acr", "auth_time"] as const;

export const RESERVED_CLAIM_NAMES = {
  /** ID tokens: registered OIDC claims, plus every system claim above. */
  IDENTITY: [...TOKEN_CLAIM_NAMES, "idp", "nonce", "at_hash", "c_hash", "sid", "azp", ...SYSTEM_CLAIM_NAMES],
  /** Access tokens: `sub` is their one system claim; the rest Okta writes itself. */
  RESOURCE: [...TOKEN_CLAIM_NAMES, "sub", "cid", "uid", "scp", "as_uri", "rpt", "rsi", "username", "token_type"],
} as const;

export type ClaimType = keyof typeof RESERVED_CLAIM_NAMES;

/** Why `name` cannot be a custom claim of `claimType`, or undefined when it can. */
export function reservedClaimReason(name: string, claimType: ClaimType): string | undefined {
  if (!(RESERVED_CLAIM_NAMES[claimType] as readonly string[]).includes(name)) return undefined;
  const isSystem = (SYSTEM_CLAIM_NAMES as readonly string[]).includes(name);
  return isSystem && claimType === "IDENTITY"
    ? `"${name}" is a system IDENTITY claim of every new custom authorization server; ` +
        `manage it with okta_auth_server_claim_default (addSystemClaim) instead`
    : `"${name}" is reserved in ${claimType === "IDENTITY" ? "ID" : "access"} tokens; Okta rejects a custom claim of that name`;
}
