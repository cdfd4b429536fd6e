import type { IdentityProviderName } from "./identity-providers/conventions";

/**
 * What OpenMetadata needs to know about its identity provider, and nothing more. The Kubernetes
 * side reads only this, so another provider (Azure AD, Auth0...) can be added without touching it.
 * Values may be Terraform references resolved at apply time.
 */
export interface SsoBinding {
  /** OpenMetadata's `authentication.provider` (the chart's enum); also its `oidcType` for the confidential flow. */
  readonly provider: IdentityProviderName;
  /** `public` for a Single-Page App, `confidential` for a Web app with a client secret. */
  readonly clientType: "public" | "confidential";
  /**
   * OpenMetadata's `authority`: the issuer as in tokens' `iss`, or without the trailing slash the
   * provider's `iss` ends with (lib/identity-providers: authoritySlash; OpenMetadata appends paths to it).
   */
  readonly authority: string;
  readonly clientId: string;
  /** Only for `confidential` clients; a reference to Terraform state, never a literal. */
  readonly clientSecret?: string;
  /** The issuer's signing keys: the authority plus the provider's keysPath (lib/identity-providers). */
  readonly jwksUri: string;
  readonly discoveryUri: string;
  /** How the confidential client authenticates at the token endpoint. */
  readonly clientAuthenticationMethod?: "client_secret_post" | "client_secret_basic";
}
