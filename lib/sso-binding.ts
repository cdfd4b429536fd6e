/**
 * What OpenMetadata needs to know about its identity provider, and nothing more. The Kubernetes
 * side reads only this, so another provider (Azure AD, Auth0...) can be added without touching it.
 * Values may be Terraform references resolved at apply time.
 */
export interface SsoBinding {
  /** OpenMetadata's `authentication.provider` (the chart's enum). */
  readonly provider: "okta";
  /** `public` for a Single-Page App, `confidential` for a Web app with a client secret. */
  readonly clientType: "public" | "confidential";
  /** The issuer URL, exactly as it appears in tokens' `iss`. */
  readonly authority: string;
  readonly clientId: string;
  /** Only for `confidential` clients; a reference to Terraform state, never a literal. */
  readonly clientSecret?: string;
  /** The issuer's signing keys: `{authority}/v1/keys` for Okta. */
  readonly jwksUri: string;
  readonly discoveryUri: string;
  /** How the confidential client authenticates at the token endpoint. */
  readonly clientAuthenticationMethod?: "client_secret_post" | "client_secret_basic";
}
