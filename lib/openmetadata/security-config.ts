import type { OpenMetadataChartValues } from "./chart-values";

/**
 * The Helm values' SSO settings in the shape OpenMetadata stores them and serves them at
 * `GET /api/v1/system/security/config` (securityConfiguration.json): what the chart turns into
 * the server's `authenticationConfiguration` and `authorizerConfiguration` at first boot. Only
 * the fields this project sets; the rest of the stored document is not ours. Pure.
 */

/** A JSON object as OpenMetadata's API sends and takes it. */
export type JsonObject = { [key: string]: unknown };

export interface SecurityConfigDocument {
  readonly authenticationConfiguration: JsonObject;
  readonly authorizerConfiguration: JsonObject;
}

/** The two sections, in the order the API document has them. */
export const SECURITY_CONFIG_SECTIONS = ["authenticationConfiguration", "authorizerConfiguration"] as const;

/** Stored fields holding a secret: compared, never printed, and masked by the GET for non-bot callers. */
export const SECRET_FIELDS: readonly string[] = ["authenticationConfiguration.oidcConfiguration.secret"];

/** Where OpenMetadata serves its own signing keys; a publicKeyUrls entry ending so verifies bots and sessions. */
export const OWN_JWKS_PATH = "/api/v1/system/config/jwks";

/**
 * The declared SSO settings. `clientSecret` is the confidential client's real secret: the values
 * only reference the Kubernetes Secret, and the API wants the value itself.
 */
export function declaredSecurityConfig(values: OpenMetadataChartValues, clientSecret?: string): SecurityConfigDocument {
  const { authentication, authorizer } = values.openmetadata.config;
  const oidc = authentication.oidcConfiguration;
  return {
    authenticationConfiguration: {
      provider: authentication.provider,
      clientType: authentication.clientType,
      // The chart's `publicKeys` becomes the server's `publicKeyUrls`.
      publicKeyUrls: [...authentication.publicKeys],
      authority: authentication.authority,
      clientId: authentication.clientId,
      callbackUrl: authentication.callbackUrl,
      responseType: authentication.responseType,
      jwtPrincipalClaims: [...authentication.jwtPrincipalClaims],
      enableSelfSignup: authentication.enableSelfSignup,
      ...(oidc.enabled
        ? {
            // The chart's OIDC_* variables, by the names of oidcClientConfig.json.
            oidcConfiguration: {
              type: oidc.oidcType,
              // The chart reads the id from the Secret; it is the app's client id.
              id: authentication.clientId,
              ...(clientSecret === undefined ? {} : { secret: clientSecret }),
              scope: oidc.scope,
              discoveryUri: oidc.discoveryUri,
              useNonce: oidc.useNonce,
              preferredJwsAlgorithm: oidc.preferredJwsAlgorithm,
              responseType: oidc.responseType,
              disablePkce: oidc.disablePkce,
              callbackUrl: oidc.callbackUrl,
              serverUrl: oidc.serverUrl,
              clientAuthenticationMethod: oidc.clientAuthenticationMethod,
              // Strings in the chart's schema, integers in the server's.
              tokenValidity: Number(oidc.tokenValidity),
              sessionExpiry: Number(oidc.sessionExpiry),
            },
          }
        : {}),
    },
    authorizerConfiguration: {
      // The chart's `initialAdmins` becomes the server's `adminPrincipals`.
      adminPrincipals: [...authorizer.initialAdmins],
      allowedEmailRegistrationDomains: [...authorizer.allowedEmailRegistrationDomains],
      principalDomain: authorizer.principalDomain,
      enforcePrincipalDomain: authorizer.enforcePrincipalDomain,
      enableSecureSocketConnection: authorizer.enableSecureSocketConnection,
      useRolesFromProvider: authorizer.useRolesFromProvider,
    },
  };
}

export function isOwnJwksUrl(url: string): boolean {
  return url.replace(/\/+$/, "").endsWith(OWN_JWKS_PATH);
}
