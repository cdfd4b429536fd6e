import { AppOauth } from "@cdktf/provider-okta/lib/app-oauth";
import { AppOauthApiScope } from "@cdktf/provider-okta/lib/app-oauth-api-scope";
import { AppOauthRoleAssignment } from "@cdktf/provider-okta/lib/app-oauth-role-assignment";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import { OKTA } from "../identity-providers/okta";
import type { PublicJwk } from "../keys/public-jwks";

export interface OktaServiceAppProps {
  readonly label: string;
  /** Public keys the app's client assertions are verified with; the private key never leaves its owner. */
  readonly publicKeys: readonly PublicJwk[];
  /** `https://{org}.{baseUrl}`: Okta API scope grants are issued by the org authorization server. */
  readonly orgUrl: string;
  /** Okta Management API scopes granted to the app, e.g. `okta.users.read`. */
  readonly apiScopes: readonly string[];
  /**
   * A standard Okta admin role assigned to the app (`okta_app_oauth_role_assignment`). Okta checks
   * both the granted scope and the app's admin role: without a role every management API call
   * answers 403. Needs the tenant feature that allows roles for OAuth apps (provider docs).
   * @default none - no role is assigned, and synth warns that the granted scopes are unusable
   */
  readonly adminRole?: string;
  /** @default false */
  readonly preventDestroy?: boolean;
}

/** Standard roles that grant no write access, whatever scopes the app holds. */
const READ_ONLY_ROLES = new Set(["READ_ONLY_ADMIN", "REPORT_ADMIN"]);

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
  readonly adminRoleAssignment?: AppOauthRoleAssignment;

  constructor(scope: Construct, id: string, props: OktaServiceAppProps) {
    super(scope, id);
    this.app = new AppOauth(this, "app", {
      label: props.label,
      type: OKTA.serviceClient.applicationType,
      status: "ACTIVE",
      grantTypes: ["client_credentials"],
      responseTypes: ["token"],
      tokenEndpointAuthMethod: OKTA.serviceClient.tokenEndpointAuthMethod,
      jwks: props.publicKeys.map(({ kid, kty, e, n }) => ({ kid, kty, e, n })),
      // With private_key_jwt there is no secret worth keeping, so none is written to state.
      omitSecret: true,
      implicitAssignment: false,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    // Okta answers 400 when a sign-on policy is attached to a service app (#2295). okta/okta v6.12.0
    // skips that on create for service apps, but its update (a key rotation) still attaches one unless
    // this is set: `okta/services/idaas/resource_okta_app_oauth.go:456-462` (the flag, added in 6.9.0,
    // #2428), `:569-576` (create), `:994-999` (update). The 4.20 bindings predate the attribute.
    this.app.addOverride("skip_authentication_policy", true);

    this.apiScopeGrant = new AppOauthApiScope(this, "api-scopes", {
      appId: this.app.id,
      issuer: props.orgUrl,
      scopes: [...props.apiScopes],
    });

    if (props.adminRole) {
      this.adminRoleAssignment = new AppOauthRoleAssignment(this, "admin-role", { clientId: this.app.clientId, type: props.adminRole });
      const writes = props.apiScopes.filter((scope) => scope.endsWith(".manage"));
      if (READ_ONLY_ROLES.has(props.adminRole) && writes.length > 0) {
        Annotations.of(this).addWarning(
          `The service app's admin role ${props.adminRole} can only read, so its granted ` +
            `${writes.join(", ")} answer 403: choose a role that may write (help/service-app.md).`,
        );
      }
    } else {
      Annotations.of(this).addWarning(
        `The service app is granted ${props.apiScopes.join(", ")} but has no Okta admin role, so its management API calls answer 403 ` +
          `until a role is assigned: set okta.serviceApp.adminRole, or assign one in the admin console (help/service-app.md).`,
      );
    }
  }

  get clientId(): string {
    return this.app.clientId;
  }
}
