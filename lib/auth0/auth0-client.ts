import { TerraformResource, type TerraformResourceLifecycle } from "cdktf";
import type { Construct } from "constructs";
import { AUTH0_GENERATOR_METADATA } from "./auth0-provider";

/**
 * `auth0_client`, only the attributes this project sets; each is documented in
 * docs/resources/client.md@v1.55.0 of auth0/terraform-provider-auth0. There is deliberately no
 * `token_endpoint_auth_method`: it was removed from this resource in 1.0 (MIGRATION_GUIDE.md@v1.55.0);
 * the authentication method is `auth0_client_credentials` (Auth0ClientCredentials).
 */
export interface Auth0ClientConfig {
  readonly name: string;
  /**
   * At most 140 characters (checked here; the provider checks it only at plan).
   * @default none - the dashboard shows no description
   */
  readonly description?: string;
  /** `spa` is a public client, `regular_web` a confidential one. */
  readonly appType: "spa" | "regular_web";
  /** Allowed Callback URLs, in a stable order (a list in the provider schema). */
  readonly callbacks: readonly string[];
  readonly allowedLogoutUrls: readonly string[];
  /**
   * Origins allowed for web message response mode (silent authentication).
   * @default none - Auth0 keeps what the tenant has (the attribute is optional and computed)
   */
  readonly webOrigins?: readonly string[];
  /**
   * Origins allowed for cross-origin requests.
   * @default none - Auth0 then allows the callback URLs' origins
   */
  readonly allowedOrigins?: readonly string[];
  /** Set explicitly: omitted, Auth0 picks grants by app type (the attribute is computed), implicit included for a SPA. */
  readonly grantTypes: readonly string[];
  /** Strict OIDC: no legacy flows, standard claims only. */
  readonly oidcConformant: boolean;
  /**
   * First-party clients get no consent prompt for the tenant's own users.
   * @default Auth0's choice (computed; true for clients created through the Management API)
   */
  readonly isFirstParty?: boolean;
  /** `lifetimeInSeconds` @default Auth0's ID token lifetime (36000 s) */
  readonly jwtConfiguration: { readonly alg: "RS256" | "PS256" | "HS256"; readonly lifetimeInSeconds?: number };
  readonly refreshToken: Auth0RefreshTokenConfig;
  /** @default none */
  readonly lifecycle?: TerraformResourceLifecycle;
}

/** `refresh_token` block (docs/resources/client.md@v1.55.0, "Nested Schema for refresh_token"). */
export interface Auth0RefreshTokenConfig {
  readonly rotationType: "rotating" | "non-rotating";
  readonly expirationType: "expiring" | "non-expiring";
  /**
   * Seconds a rotated token may be reused without triggering reuse detection.
   * @default Auth0's (0: any reuse revokes the token family)
   */
  readonly leeway?: number;
  /** Absolute lifetime in seconds; required when `infiniteTokenLifetime` is false. @default Auth0's */
  readonly tokenLifetime?: number;
  /** Seconds unused before expiry; required when `infiniteIdleTokenLifetime` is false. @default Auth0's */
  readonly idleTokenLifetime?: number;
  /** @default Auth0's, which depends on the app type; set it, with `tokenLifetime`, to be sure */
  readonly infiniteTokenLifetime?: boolean;
  /** @default Auth0's, which depends on the app type */
  readonly infiniteIdleTokenLifetime?: boolean;
}

export class Auth0Client extends TerraformResource {
  static readonly tfResourceType = "auth0_client";
  private readonly config: Auth0ClientConfig;

  constructor(scope: Construct, id: string, config: Auth0ClientConfig) {
    super(scope, id, {
      terraformResourceType: Auth0Client.tfResourceType,
      terraformGeneratorMetadata: AUTH0_GENERATOR_METADATA,
      ...(config.lifecycle ? { lifecycle: config.lifecycle } : {}),
    });
    // The provider validates StringLenBetween(0, 140) only at plan (internal/auth0/client/resource.go@v1.55.0:88).
    if (config.description !== undefined && config.description.length > 140)
      throw new Error(
        `Auth0Client "${config.name}": the description has ${config.description.length} characters; at most 140 are accepted`,
      );
    checkRefreshToken(config);
    this.config = config;
  }

  /** Computed by Auth0; the id OpenMetadata is configured with (and the import id). */
  get clientId(): string {
    return this.getStringAttribute("client_id");
  }

  /** `cdktf synth --hcl` would need typed HCL attributes these thin classes do not model: fail loudly rather than write an empty block. */
  protected override synthesizeHclAttributes(): Record<string, unknown> {
    throw new Error(`${this.node.path}: the hand-written Auth0 classes in lib/auth0/ synthesize JSON only; run cdktf synth without --hcl`);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    const { config } = this;
    const refresh = config.refreshToken;
    return {
      name: config.name,
      description: config.description,
      app_type: config.appType,
      callbacks: [...config.callbacks],
      allowed_logout_urls: [...config.allowedLogoutUrls],
      web_origins: config.webOrigins && [...config.webOrigins],
      allowed_origins: config.allowedOrigins && [...config.allowedOrigins],
      grant_types: [...config.grantTypes],
      oidc_conformant: config.oidcConformant,
      is_first_party: config.isFirstParty,
      jwt_configuration: { alg: config.jwtConfiguration.alg, lifetime_in_seconds: config.jwtConfiguration.lifetimeInSeconds },
      refresh_token: {
        rotation_type: refresh.rotationType,
        expiration_type: refresh.expirationType,
        leeway: refresh.leeway,
        token_lifetime: refresh.tokenLifetime,
        idle_token_lifetime: refresh.idleTokenLifetime,
        infinite_token_lifetime: refresh.infiniteTokenLifetime,
        infinite_idle_token_lifetime: refresh.infiniteIdleTokenLifetime,
      },
    };
  }
}

/** Rules of the provider's docs that would otherwise only fail at apply (docs/resources/client.md@v1.55.0). */
function checkRefreshToken(config: Auth0ClientConfig): void {
  const refresh = config.refreshToken;
  const where = `Auth0Client "${config.name}"`;
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
