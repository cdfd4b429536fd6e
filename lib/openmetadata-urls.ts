/**
 * URLs derived from OpenMetadata's public URL and the issuer. Dependency-free, so the identity
 * provider's constructs, the Helm values and `npm run verify` share one rule without loading provider bindings.
 */

/** OpenMetadata's sign-in callback: the first redirect URI registered with the identity provider. */
export function callbackUrl(openmetadataUrl: string): string {
  return `${openmetadataUrl}/callback`;
}

/** The sign-in redirect URIs, in the order Okta stores them (a stable order avoids diffs, provider #1170). */
export function redirectUris(openmetadataUrl: string): string[] {
  return [callbackUrl(openmetadataUrl), `${openmetadataUrl}/silent-callback`];
}

/** Name of the authorization server's default scope: what client_credentials tokens carry. */
export const DEFAULT_SCOPE_NAME = "openmetadata";
