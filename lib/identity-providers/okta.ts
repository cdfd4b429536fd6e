import type { IdentityProviderConventions } from "./conventions";

/**
 * Okta with a custom authorization server (the OpenMetadata guide's setup). The issuer is the
 * server's `issuer` attribute; its keys are at `{issuer}/v1/keys`, not the org's `/oauth2/v1/keys`
 * (#2773); apps are `browser` (SPA), `web` and `service` (okta/okta v6.12.0 docs/resources/app_oauth.md).
 */
export const OKTA = {
  name: "okta",
  displayName: "Okta",
  statusPage: "status.okta.com",
  // okta-auth-js strips an authority's trailing slash and then trusts discovery's issuer.
  authoritySlash: "stripped",
  signInLibrary: "okta-auth-js",
  keysPath: "/v1/keys",
  clients: {
    // A SPA cannot keep a secret; the provider default client_secret_basic is rejected by Okta (#580, #685).
    spa: { applicationType: "browser", clientType: "public", tokenEndpointAuthMethod: "none", consoleName: "Okta SPA app" },
    // OpenMetadata's confidential client posts the secret in the form body.
    web: { applicationType: "web", clientType: "confidential", tokenEndpointAuthMethod: "client_secret_post", consoleName: "Okta Web app" },
  },
  serviceClient: {
    applicationType: "service",
    clientType: "confidential",
    tokenEndpointAuthMethod: "private_key_jwt",
    consoleName: "Okta API Services app",
  },
  wording: {
    issuerKind: "authorization server",
    issuerFoundCheck: "check the server is ACTIVE",
    signingKeysPlace: "the authorization server's signing key rotation in Okta",
    issuerSettingAdvice: " and keep the issuer mode Okta URL, never Dynamic",
    redirectUriPlace: "the Okta app's first redirect URI",
    serviceKeysPlace: "the app's JWKS",
    serviceGrantPlace: "the access policy has a client_credentials rule for the app",
    serviceTokenChecks: "the authorization server's audience (the OIDC app's client id), its issuer and its default scope",
    accessLabel: "Groups",
    clientSecretVariableExample: "OKTA_CLIENT_SECRET",
  },
} as const satisfies IdentityProviderConventions;
