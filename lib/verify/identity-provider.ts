import type { Environment } from "../config/environment";

/**
 * How each identity provider relates OpenMetadata's authority to its issuer and keys. The checks
 * compare discovery against these instead of assuming Okta's layout, so Auth0's trailing slash is a
 * rule here and not a special case inside a check.
 */
export interface IssuerConventions {
  /** OpenMetadata's `authentication.provider` for this environment. */
  readonly provider: "okta" | "auth0";
  /** The issuer discovery must report (tokens' `iss`) for this authority. */
  issuerFor(authority: string): string;
  /** The keys URL OpenMetadata's publicKeys lists for this authority. */
  jwksUriFor(authority: string): string;
}

const OKTA: IssuerConventions = {
  provider: "okta",
  // A custom authorization server's issuer is the authority; okta-auth-js strips an authority's trailing slash first.
  issuerFor: (authority) => authority.replace(/\/+$/, ""),
  jwksUriFor: (authority) => `${authority.replace(/\/+$/, "")}/v1/keys`,
};

const AUTH0: IssuerConventions = {
  provider: "auth0",
  // Auth0's iss is `https://DOMAIN/`; OpenMetadata's authority is the same without the slash (the UI
  // hands it to auth0-spa-js, which appends "/"), so an authority that already ends in "/" is wrong
  // and must not match.
  issuerFor: (authority) => `${authority}/`,
  jwksUriFor: (authority) => `${authority.replace(/\/+$/, "")}/.well-known/jwks.json`,
};

export function issuerConventions(environment: Pick<Environment, "auth0">): IssuerConventions {
  return environment.auth0 ? AUTH0 : OKTA;
}
