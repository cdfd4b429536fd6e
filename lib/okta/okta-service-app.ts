import { AppOauth } from "@cdktf/provider-okta/lib/app-oauth";
import { AppOauthApiScope } from "@cdktf/provider-okta/lib/app-oauth-api-scope";
import { Construct } from "constructs";

/** The public members of an RSA key that Okta stores for `private_key_jwt`. */
export interface ServiceAppPublicKey {
  readonly kid: string;
  readonly kty: string;
  readonly e: string;
  readonly n: string;
}

export interface OktaServiceAppProps {
  readonly label: string;
  /** Public keys the app's client assertions are verified with; the private key never leaves its owner. */
  readonly publicKeys: readonly ServiceAppPublicKey[];
  /** `https://{org}.{baseUrl}`: Okta API scope grants are issued by the org authorization server. */
  readonly orgUrl: string;
  /** Okta Management API scopes granted to the app, e.g. `okta.users.read`. */
  readonly apiScopes: readonly string[];
  /** @default false */
  readonly preventDestroy?: boolean;
}

/**
 * The optional machine-to-machine app of the guide: client credentials with a `private_key_jwt`
 * client assertion (no shared secret), granted Okta API scopes.
 *
 * OpenMetadata's own bots do not use it (they use OpenMetadata-issued JWTs); it serves automation
 * that calls Okta or the OpenMetadata authorization server.
 */
export class OktaServiceApp extends Construct {
  readonly app: AppOauth;
  readonly apiScopeGrant: AppOauthApiScope;

  constructor(scope: Construct, id: string, props: OktaServiceAppProps) {
    super(scope, id);
    this.app = new AppOauth(this, "app", {
      label: props.label,
      type: "service",
      status: "ACTIVE",
      grantTypes: ["client_credentials"],
      responseTypes: ["token"],
      tokenEndpointAuthMethod: "private_key_jwt",
      jwks: props.publicKeys.map(({ kid, kty, e, n }) => ({ kid, kty, e, n })),
      // With private_key_jwt there is no secret worth keeping, so none is written to state.
      omitSecret: true,
      implicitAssignment: false,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });

    this.apiScopeGrant = new AppOauthApiScope(this, "api-scopes", {
      appId: this.app.id,
      issuer: props.orgUrl,
      scopes: [...props.apiScopes],
    });
  }

  get clientId(): string {
    return this.app.clientId;
  }
}
