import { AuthServer } from "@cdktf/provider-okta/lib/auth-server";
import { AuthServerClaim } from "@cdktf/provider-okta/lib/auth-server-claim";
import { AuthServerPolicy } from "@cdktf/provider-okta/lib/auth-server-policy";
import { AuthServerPolicyRule } from "@cdktf/provider-okta/lib/auth-server-policy-rule";
import { AuthServerScope } from "@cdktf/provider-okta/lib/auth-server-scope";
import { Construct } from "constructs";
import { DEFAULT_SCOPE_NAME } from "../openmetadata-urls";

export interface OktaAuthorizationServerProps {
  readonly name: string;
  readonly description: string;
  /** The audience of access tokens: OpenMetadata's client id, as the guide says. */
  readonly audience: string;
  /**
   * @default "ORG_URL" - the guide's "Okta URL"; DYNAMIC is never used (token `iss` would vary)
   */
  readonly issuerMode?: "ORG_URL" | "CUSTOM_URL";
  /** Client ids allowed by the access policy (the OIDC app, and the service app when present). */
  readonly clientIds: readonly string[];
  /**
   * Name of the scope granted when a client asks for none (client_credentials).
   * @default DEFAULT_SCOPE_NAME ("openmetadata")
   */
  readonly defaultScopeName?: string;
  /** @default false */
  readonly preventDestroy?: boolean;
}

export interface PolicyRuleOptions {
  readonly name: string;
  /** Okta grant type names (no `refresh_token`: refresh tokens come from the `offline_access` scope). */
  readonly grantTypes: readonly string[];
  /**
   * People condition. `true` adds "any user assigned the app" (EVERYONE), which Okta requires for
   * user-facing grants (authorization_code, implicit); leave false for client_credentials.
   */
  readonly forAssignedUsers: boolean;
  readonly scopes: readonly string[];
  readonly accessTokenLifetimeMinutes: number;
  readonly refreshTokenLifetimeMinutes?: number;
  readonly refreshTokenWindowMinutes?: number;
}

/**
 * Scopes the login rule allows. `offline_access` is allowed for refresh tokens, but OpenMetadata's own
 * request must not include it (it locks users out on 1.13.1, #30304): see CONFIDENTIAL_CLIENT_SCOPE.
 */
export const LOGIN_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

/**
 * A custom authorization server for OpenMetadata, never the org's default one: the guide's
 * "Add Authorization Server", "Scopes", "Claims" and "Access Policies" steps.
 */
export class OktaAuthorizationServer extends Construct {
  readonly server: AuthServer;
  readonly defaultScope: AuthServerScope;
  /** Literal name of the default scope (the resource's `name` attribute would be a reference). */
  readonly defaultScopeName: string;
  readonly accessPolicy: AuthServerPolicy;
  readonly rules: AuthServerPolicyRule[] = [];

  constructor(scope: Construct, id: string, props: OktaAuthorizationServerProps) {
    super(scope, id);
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;

    this.server = new AuthServer(this, "server", {
      name: props.name,
      description: props.description,
      audiences: [props.audience],
      issuerMode: props.issuerMode ?? "ORG_URL",
      // Okta rotates the signing keys; OpenMetadata follows them through `{issuer}/v1/keys`.
      credentialsRotationMode: "AUTO",
      status: "ACTIVE",
      lifecycle,
    });

    this.defaultScopeName = props.defaultScopeName ?? DEFAULT_SCOPE_NAME;
    this.defaultScope = new AuthServerScope(this, "default-scope", {
      authServerId: this.server.id,
      name: this.defaultScopeName,
      displayName: "OpenMetadata",
      description: "Default scope of the OpenMetadata authorization server",
      default: true,
      consent: "IMPLICIT",
      metadataPublish: "ALL_CLIENTS",
    });

    // Custom authorization servers put no email in tokens; OpenMetadata maps its principal from `email` first.
    for (const [claimId, claimType] of [["email-access-token-claim", "RESOURCE"], ["email-id-token-claim", "IDENTITY"]] as const) {
      new AuthServerClaim(this, claimId, {
        authServerId: this.server.id,
        name: "email",
        claimType,
        valueType: "EXPRESSION",
        value: "user.email",
        alwaysIncludeInToken: true,
        status: "ACTIVE",
      });
    }

    this.accessPolicy = new AuthServerPolicy(this, "access-policy", {
      authServerId: this.server.id,
      name: "OpenMetadata",
      description: "Lets the OpenMetadata clients get tokens from this authorization server",
      priority: 1,
      clientWhitelist: [...props.clientIds],
      status: "ACTIVE",
    });

    // Rules are added after construction, so this can only be checked at synth time.
    this.node.addValidation({
      validate: () => (this.rules.length === 0 ? [`the access policy of authorization server "${props.name}" has no rules, so no client could get a token; call addPolicyRule()`] : []),
    });
  }

  /**
   * Adds a rule to the access policy after the existing ones. Each rule depends on the one before,
   * because Okta assigns priorities racily when rules are created in parallel (#1198, #2140).
   */
  addPolicyRule(id: string, options: PolicyRuleOptions): AuthServerPolicyRule {
    const previous = this.rules.at(-1);
    const rule = new AuthServerPolicyRule(this, id, {
      authServerId: this.server.id,
      policyId: this.accessPolicy.id,
      name: options.name,
      priority: this.rules.length + 1,
      status: "ACTIVE",
      type: "RESOURCE_ACCESS",
      grantTypeWhitelist: [...options.grantTypes],
      ...(options.forAssignedUsers ? { groupWhitelist: ["EVERYONE"] } : {}),
      scopeWhitelist: [...options.scopes],
      accessTokenLifetimeMinutes: options.accessTokenLifetimeMinutes,
      ...(options.refreshTokenLifetimeMinutes === undefined ? {} : { refreshTokenLifetimeMinutes: options.refreshTokenLifetimeMinutes }),
      ...(options.refreshTokenWindowMinutes === undefined ? {} : { refreshTokenWindowMinutes: options.refreshTokenWindowMinutes }),
      dependsOn: previous ? [previous] : [this.accessPolicy],
    });
    this.rules.push(rule);
    return rule;
  }

  /** What OpenMetadata calls the authority. */
  get issuer(): string {
    return this.server.issuer;
  }

  /** Signing keys of this server: OpenMetadata must list exactly this URL, not the org's (#2773). */
  get jwksUri(): string {
    return `${this.server.issuer}/v1/keys`;
  }

  get discoveryUri(): string {
    return `${this.server.issuer}/.well-known/openid-configuration`;
  }
}
