import type { AuthServerPolicyRule } from "@cdktf/provider-okta/lib/auth-server-policy-rule";
import { Construct } from "constructs";
import type { AdoptSettings, OktaSettings } from "../config/environment";
import { OKTA } from "../identity-providers/okta";
import { importExisting } from "../terraform-import";
import type { SsoBinding } from "../sso-binding";
import { LOGIN_SCOPES, OktaAuthorizationServer } from "./okta-authorization-server";
import { OktaOidcApp } from "./okta-oidc-app";
import { OktaServiceApp } from "./okta-service-app";

export interface OktaSingleSignOnProps {
  readonly environmentName: string;
  readonly openmetadataUrl: string;
  readonly okta: OktaSettings;
  /** @default false */
  readonly preventDestroy?: boolean;
  /**
   * Ids of Okta objects made by hand to import instead of creating a second of each.
   * @default nothing is imported
   */
  readonly adopt?: AdoptSettings["okta"];
}

/**
 * Every step of the Okta guide for OpenMetadata: the OIDC app, its trusted origin and groups, the
 * optional service app, and a custom authorization server whose policy admits those clients.
 */
export class OktaSingleSignOn extends Construct {
  readonly oidcApp: OktaOidcApp;
  readonly serviceApp?: OktaServiceApp;
  readonly authorizationServer: OktaAuthorizationServer;
  /** The rule users sign in with. */
  readonly userLoginRule: AuthServerPolicyRule;
  /** What OpenMetadata (or Collate) is configured with. */
  readonly binding: SsoBinding;

  constructor(scope: Construct, id: string, props: OktaSingleSignOnProps) {
    super(scope, id);
    const { okta } = props;
    const preventDestroy = props.preventDestroy ?? false;

    this.oidcApp = new OktaOidcApp(this, "oidc-app", {
      environmentName: props.environmentName,
      openmetadataUrl: props.openmetadataUrl,
      flow: okta.flow,
      label: okta.appLabel,
      groups: okta.groups,
      everyone: okta.everyone,
      refreshTokenLeewaySeconds: okta.refreshTokenLeewaySeconds,
      issuerMode: okta.issuerMode,
      preventDestroy,
      adopted: props.adopt?.appId !== undefined,
    });

    if (okta.serviceApp) {
      this.serviceApp = new OktaServiceApp(this, "service-app", {
        label: okta.serviceApp.label,
        publicKeys: okta.serviceApp.publicKeys,
        orgUrl: okta.orgUrl,
        apiScopes: okta.serviceApp.apiScopes,
        ...(okta.serviceApp.adminRole ? { adminRole: okta.serviceApp.adminRole } : {}),
        preventDestroy,
      });
    }

    this.authorizationServer = new OktaAuthorizationServer(this, "authorization-server", {
      name: okta.authorizationServerName,
      description: `OpenMetadata ${props.environmentName}: tokens for ${props.openmetadataUrl}`,
      audience: this.oidcApp.clientId,
      issuerMode: okta.issuerMode,
      // Users' policy admits only the sign-in app: if the service app fails to apply, Terraform skips
      // what depends on it, and sign-in must not be among that (okta/terraform-provider-okta#2295).
      clientIds: [this.oidcApp.clientId],
      preventDestroy,
    });

    // The scope by reference, so each rule is created after the scope it names: Terraform orders by references.
    const defaultScope = this.authorizationServer.defaultScope.name;
    const scopes = [...LOGIN_SCOPES, defaultScope];
    this.userLoginRule = this.authorizationServer.addPolicyRule("user-login-rule", {
      name: "OpenMetadata users",
      grantTypes: okta.flow === "spa" ? ["authorization_code", "implicit"] : ["authorization_code"],
      forAssignedUsers: true,
      scopes,
      accessTokenLifetimeMinutes: okta.accessTokenLifetimeMinutes,
      refreshTokenLifetimeMinutes: okta.refreshTokenLifetimeMinutes,
      refreshTokenWindowMinutes: okta.refreshTokenWindowMinutes,
    });
    if (this.serviceApp) {
      const servicePolicy = this.authorizationServer.addAccessPolicy("service-app-policy", {
        name: "OpenMetadata service app",
        description: "Lets the OpenMetadata service app get client_credentials tokens from this authorization server",
        clientIds: [this.serviceApp.clientId],
      });
      this.authorizationServer.addPolicyRule("service-app-policy-rule", {
        name: "OpenMetadata service app",
        policy: servicePolicy,
        grantTypes: ["client_credentials"],
        forAssignedUsers: false,
        scopes: [defaultScope],
        accessTokenLifetimeMinutes: okta.accessTokenLifetimeMinutes,
      });
    }

    if (props.adopt) this.importAdopted(props.adopt);

    this.binding = {
      provider: OKTA.name,
      clientType: this.oidcApp.clientType,
      authority: this.authorizationServer.issuer,
      clientId: this.oidcApp.clientId,
      ...(this.oidcApp.clientSecret
        ? { clientSecret: this.oidcApp.clientSecret, clientAuthenticationMethod: OKTA.clients.web.tokenEndpointAuthMethod }
        : {}),
      jwksUri: this.authorizationServer.jwksUri,
      discoveryUri: this.authorizationServer.discoveryUri,
    };
  }

  /**
   * Import ids as okta/okta v6.12.0 docs/resources/*.md give them: children of an authorization
   * server as `<server>/<child>`, a rule as `<server>/<policy>/<rule>`, group assignments by app.
   */
  private importAdopted(ids: NonNullable<OktaSingleSignOnProps["adopt"]>): void {
    const server = this.authorizationServer;
    if (ids.appId) {
      importExisting(this.oidcApp.app, ids.appId);
      // Owns every assignment of the app: the plan shows hand-made ones that are not declared as removals.
      importExisting(this.oidcApp.groupAssignments, ids.appId);
    }
    if (ids.trustedOriginId) importExisting(this.oidcApp.trustedOrigin, ids.trustedOriginId);
    if (ids.serviceAppId && this.serviceApp) importExisting(this.serviceApp.app, ids.serviceAppId);
    const serverId = ids.authorizationServerId;
    if (!serverId) return;
    importExisting(server.server, serverId);
    // The system claim exists on every server; the claim default's importer takes its name (claim_default.go:23-39).
    for (const claim of server.systemClaims) importExisting(claim, `${serverId}/${claim.nameInput}`);
    if (ids.scopeId) importExisting(server.defaultScope, `${serverId}/${ids.scopeId}`);
    if (ids.accessTokenEmailClaimId) importExisting(server.emailAccessTokenClaim, `${serverId}/${ids.accessTokenEmailClaimId}`);
    if (ids.policyId) importExisting(server.accessPolicy, `${serverId}/${ids.policyId}`);
    if (ids.policyId && ids.userLoginRuleId) importExisting(this.userLoginRule, `${serverId}/${ids.policyId}/${ids.userLoginRuleId}`);
  }
}
