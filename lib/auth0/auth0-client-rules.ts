import type { Construct } from "constructs";
import { Client, type ClientConfig, type ClientRefreshToken } from "../../.gen/providers/auth0/client";

/**
 * `auth0_client` as this project writes it: the generated binding's config (.gen/providers/auth0/client,
 * from auth0/auth0 1.55.0's schema), narrowed to the values used here. There is deliberately no
 * `token_endpoint_auth_method`: it was removed from this resource in 1.0 (MIGRATION_GUIDE.md@v1.55.0);
 * the authentication method is `auth0_client_credentials`, and the secret stays in Terraform state as its
 * Sensitive `client_secret` (`client_secret_wo` would keep it out of state, but then Terraform could not
 * hand it to the Kubernetes Secret).
 */
export interface Auth0ClientConfig extends ClientConfig {
  /** `spa` is a public client, `regular_web` a confidential one. */
  readonly appType: "spa" | "regular_web";
  /** Set explicitly: omitted, Auth0 picks grants by app type (the attribute is computed), implicit included for a SPA. */
  readonly grantTypes: string[];
  readonly refreshToken: Auth0RefreshTokenConfig;
}

/** `refresh_token` block (docs/resources/client.md@v1.55.0, "Nested Schema for refresh_token"). */
export interface Auth0RefreshTokenConfig extends ClientRefreshToken {
  readonly rotationType: "rotating" | "non-rotating";
  readonly expirationType: "expiring" | "non-expiring";
  /** @default Auth0's, which depends on the app type; set it, with `tokenLifetime`, to be sure */
  readonly infiniteTokenLifetime?: boolean;
  /** @default Auth0's, which depends on the app type */
  readonly infiniteIdleTokenLifetime?: boolean;
}

/**
 * The generated `auth0_client`, after the rules the provider only checks at plan or apply (or that
 * only Auth0's documentation states), so a mistake fails at synth.
 */
export function auth0Client(scope: Construct, id: string, config: Auth0ClientConfig): Client {
  checkAuth0Client(config);
  return new Client(scope, id, config);
}

/** Rules of the provider's schema and docs that would otherwise only fail at plan or apply (docs/resources/client.md@v1.55.0). */
export function checkAuth0Client(config: Auth0ClientConfig): void {
  const where = `Auth0Client "${config.name}"`;
  // The provider validates StringLenBetween(0, 140) only at plan (internal/auth0/client/resource.go@v1.55.0:88).
  if (config.description !== undefined && config.description.length > 140)
    throw new Error(`${where}: the description has ${config.description.length} characters; at most 140 are accepted`);
  const refresh = config.refreshToken;
  // "If rotation is `rotating`, this must be set to `expiring`."
  if (refresh.rotationType === "rotating" && refresh.expirationType !== "expiring")
    throw new Error(`${where}: rotating refresh tokens must have expirationType "expiring"`);
  // "infinite_token_lifetime ... If false, token_lifetime should also be set."
  if (refresh.infiniteTokenLifetime === false && refresh.tokenLifetime === undefined)
    throw new Error(`${where}: infiniteTokenLifetime false needs a tokenLifetime`);
  if (refresh.infiniteIdleTokenLifetime === false && refresh.idleTokenLifetime === undefined)
    throw new Error(`${where}: infiniteIdleTokenLifetime false needs an idleTokenLifetime`);
  // Auth0 returns refresh tokens to browsers only with rotation (auth0.com docs, "Refresh Token Rotation").
  if (config.appType === "spa" && config.grantTypes.includes("refresh_token") && refresh.rotationType !== "rotating")
    throw new Error(`${where}: a SPA with the refresh_token grant needs rotationType "rotating"`);
  // A refresh token is only ever issued with an authorization code login here.
  if (config.grantTypes.includes("refresh_token") && !config.grantTypes.includes("authorization_code"))
    throw new Error(`${where}: the refresh_token grant needs authorization_code`);
}
