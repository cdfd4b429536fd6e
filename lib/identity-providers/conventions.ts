/**
 * What differs between identity providers, in one shape: how OpenMetadata's authority relates to the
 * issuer and its keys, which kind of client each sign-in flow needs, and the words messages use for
 * the provider's own objects. Constructs, verify, sso-sync and the hints read these instead of asking
 * which provider it is, so a message shown to an Auth0 user cannot speak of Okta.
 *
 * Dependency-free on purpose (no cdktf, constructs or config): every layer may import it.
 */

/** OpenMetadata's `authentication.provider` (the chart's enum), which is also the environments file's section. */
export type IdentityProviderName = "okta" | "auth0";

/** How users sign in: `spa` a public client with PKCE, `web` a confidential client with a secret. */
export type SignInFlow = "spa" | "web";

export type TokenEndpointAuthMethod = "none" | "client_secret_post" | "private_key_jwt";

/** The client a flow needs at the provider. */
export interface ClientConvention<ApplicationType extends string = string> {
  /** The provider's application type for this flow (its API's value). */
  readonly applicationType: ApplicationType;
  /** OpenMetadata's `authentication.clientType`. */
  readonly clientType: "public" | "confidential";
  /** How the client authenticates at the token endpoint; OpenMetadata must send the same. */
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** What the admin console calls such an application, for messages ("Okta Web app"). */
  readonly consoleName: string;
}

/**
 * The words hints and messages need, each as the provider's admin console and documentation say
 * it. Each is a phrase that fits the sentence its field names.
 */
export interface ProviderWording {
  /** What serves the issuer: "authorization server" (Okta's custom server), "tenant" (Auth0). */
  readonly issuerKind: string;
  /** How to confirm an issuer URL answers: "check the server is ACTIVE". */
  readonly issuerFoundCheck: string;
  /** Where the issuer's signing keys are managed: "the authorization server's signing key rotation in Okta". */
  readonly signingKeysPlace: string;
  /** Advice on the app's issuer setting after "set the authority to the issuer_url output", "" when there is none. */
  readonly issuerSettingAdvice: string;
  /** The setting that must start with OpenMetadata's callback URL: "the Okta app's first redirect URI". */
  readonly redirectUriPlace: string;
  /** Where a service app's public keys are registered: "the app's JWKS". */
  readonly serviceKeysPlace: string;
  /** What lets a service app get client_credentials tokens: "the access policy has a client_credentials rule for the app". */
  readonly serviceGrantPlace: string;
  /** What decides a service token's audience, issuer and scope, as "check ..." continues. */
  readonly serviceTokenChecks: string;
  /** The diagram's label for who may sign in: "Groups" (Okta), "Connections" (Auth0). */
  readonly accessLabel: string;
  /** An example name for the variable holding the Web app's client secret. */
  readonly clientSecretVariableExample: string;
}

export interface IdentityProviderConventions<
  SpaType extends string = string,
  WebType extends string = string,
  ServiceType extends string = string,
> {
  readonly name: IdentityProviderName;
  /** The provider's name in messages: "Okta", "Auth0". */
  readonly displayName: string;
  /** Where the provider reports outages. */
  readonly statusPage: string;
  /**
   * How the UI's sign-in library turns OpenMetadata's authority into the issuer tokens carry:
   * `stripped` (okta-auth-js drops a trailing slash; the issuer is the authority), `appended`
   * (auth0-spa-js adds "/"; the authority must not have one).
   */
  readonly authoritySlash: "stripped" | "appended";
  /** The UI's sign-in library, named in messages about what it accepts. */
  readonly signInLibrary: string;
  /** The issuer's keys path, appended to the issuer without its trailing slash; messages show `{issuer}` + this. */
  readonly keysPath: string;
  readonly clients: { readonly spa: ClientConvention<SpaType>; readonly web: ClientConvention<WebType> };
  /** A client_credentials client signing its assertions with a private key, when the stack can make one. */
  readonly serviceClient?: ClientConvention<ServiceType>;
  readonly wording: ProviderWording;
}

/** OIDC discovery's well-known path (OpenID Connect Discovery 1.0, section 4). */
const DISCOVERY_PATH = "/.well-known/openid-configuration";

/** The URL without its trailing slashes: how issuers, authorities and OpenMetadata URLs are compared. */
export const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, "");

/** The issuer discovery must report (tokens' `iss`) for OpenMetadata's authority. */
export function issuerFor(provider: IdentityProviderConventions, authority: string): string {
  return provider.authoritySlash === "appended" ? `${authority}/` : withoutTrailingSlash(authority);
}

/** The issuer's keys URL, the one OpenMetadata's `publicKeys` must list, from the issuer or the authority. */
export function jwksUriFor(provider: IdentityProviderConventions, issuer: string): string {
  return `${withoutTrailingSlash(issuer)}${provider.keysPath}`;
}

/** The discovery document's URL, from the issuer or the authority. */
export function discoveryUriFor(issuer: string): string {
  return `${withoutTrailingSlash(issuer)}${DISCOVERY_PATH}`;
}
