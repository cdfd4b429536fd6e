import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import type { AuthenticationValues } from "../../lib/openmetadata/chart-values";

/**
 * What OpenMetadata's server does with the ID token the UI sends: find the signing key in one of
 * the `publicKeys` URLs, check issuer = authority and audience = clientId, then take the user
 * name from the first `jwtPrincipalClaims` claim present (an email's local part).
 */
export interface OpenMetadataLogin {
  readonly principal: string;
  /** The email's domain, compared with the authorizer's principalDomain. */
  readonly domain: string | undefined;
  /** The publicKeys URL whose key verified the token. */
  readonly verifiedBy: string;
  readonly claims: JWTPayload;
}

/**
 * `issuer` defaults to the authority (Okta: the same string). For Auth0 pass the authority with its
 * trailing slash: tokens' `iss` is `https://DOMAIN/`, which auth0-spa-js expects as `${domain}/`.
 */
export async function validateAsOpenMetadata(
  idToken: string,
  authentication: AuthenticationValues,
  reachable: (url: string) => string,
  issuer: string = authentication.authority,
): Promise<OpenMetadataLogin> {
  for (const keysUrl of authentication.publicKeys) {
    const response = await fetch(reachable(keysUrl));
    if (!response.ok) throw new Error(`publicKeys ${keysUrl} answered HTTP ${response.status}`);
    const keys = createLocalJWKSet((await response.json()) as JSONWebKeySet);
    try {
      const { payload } = await jwtVerify(idToken, keys, { issuer, audience: authentication.clientId, algorithms: ["RS256"] });
      return { ...principalOf(payload, authentication.jwtPrincipalClaims), verifiedBy: keysUrl, claims: payload };
    } catch (error) {
      // The key is in another URL of the list; any other failure is a rejection.
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
    }
  }
  throw new Error(`No key found with kid: none of publicKeys (${authentication.publicKeys.join(", ")}) holds the token's signing key`);
}

function principalOf(payload: JWTPayload, principalClaims: readonly string[]): { principal: string; domain: string | undefined } {
  const claim = principalClaims.find((name) => typeof payload[name] === "string");
  if (!claim) throw new Error(`the token has none of the principal claims ${principalClaims.join(", ")}`);
  const [principal = "", domain] = String(payload[claim]).split("@");
  return { principal, domain };
}
