import type { IdentityProviderConventions } from "./conventions";

/**
 * An Auth0 tenant (or its custom domain). Tokens' `iss` is `https://DOMAIN/`; OpenMetadata's
 * authority is the same without the slash, because the UI hands it to auth0-spa-js as its domain,
 * which appends "/" itself. The tenant's keys are at `/.well-known/jwks.json`; applications are
 * `spa` and `regular_web` (auth0/auth0 v1.55.0 docs/resources/client.md).
 */
export const AUTH0 = {
  name: "auth0",
  displayName: "Auth0",
  statusPage: "status.auth0.com",
  authoritySlash: "appended",
  signInLibrary: "auth0-spa-js",
  keysPath: "/.well-known/jwks.json",
  clients: {
    spa: { applicationType: "spa", clientType: "public", tokenEndpointAuthMethod: "none", consoleName: "Auth0 Single Page Application" },
    // OpenMetadata's confidential client posts the secret in the form body.
    web: {
      applicationType: "regular_web",
      clientType: "confidential",
      tokenEndpointAuthMethod: "client_secret_post",
      consoleName: "Auth0 Regular Web Application",
    },
  },
  wording: {
    issuerKind: "tenant",
    issuerFoundCheck: "check the domain is the tenant's own or one of its verified custom domains",
    signingKeysPlace: "the tenant's signing keys in the Auth0 dashboard (Settings > Signing Keys)",
    issuerSettingAdvice: "",
    redirectUriPlace: "the first of the Auth0 application's Allowed Callback URLs",
    serviceKeysPlace: "the application's credentials",
    serviceGrantPlace: "the application is authorized for the API with the client_credentials grant",
    serviceTokenChecks: "the API's identifier (the audience), the tenant's issuer and the API's scopes",
    accessLabel: "Connections",
    clientSecretVariableExample: "AUTH0_CLIENT_SECRET",
  },
} as const satisfies IdentityProviderConventions;

/** OpenMetadata's authority for a tenant domain: no trailing slash (the issuer adds it). */
export function auth0Authority(domain: string): string {
  return `https://${domain}`;
}
