import { AuthServer } from "@cdktf/provider-okta/lib/auth-server";
import { AuthServerClaim } from "@cdktf/provider-okta/lib/auth-server-claim";
import { AuthServerClaimDefault } from "@cdktf/provider-okta/lib/auth-server-claim-default";
import { AuthServerPolicy } from "@cdktf/provider-okta/lib/auth-server-policy";
import { AuthServerPolicyRule } from "@cdktf/provider-okta/lib/auth-server-policy-rule";
import { AuthServerScope } from "@cdktf/provider-okta/lib/auth-server-scope";
import { Construct } from "constructs";
import { discoveryUriFor, jwksUriFor } from "../identity-providers/conventions";
import { OKTA } from "../identity-providers/okta";
import { DEFAULT_SCOPE_NAME } from "../openmetadata-urls";
import { reservedClaimReason, SYSTEM_CLAIM_NAMES, type ClaimType } from "./okta-claim-names";
import { OKTA_CONSTRUCT_DEFAULTS, tokenLifetimeProblems } from "./okta-invariants";

export interface OktaAuthorizationServerProps {
  readonly name: string;
  readonly description: string;
  /** The audience of access tokens: OpenMetadata's client id, as the guide says. */
  readonly audience: string;
  /**
   * @default "ORG_URL" - the guide's "Okta URL"; DYNAMIC is never used (token `iss` would vary)
   */
  readonly issuerMode?: "ORG_URL" | "CUSTOM_URL";
  /**
   * Client ids the first access policy (`accessPolicy`, priority 1) admits: the OpenMetadata sign-in
   * app. Other clients get their own policy (addAccessPolicy), so that users' sign-in never depends
   * on them.
   */
  readonly clientIds: readonly string[];
  /**
   * Name of the scope granted when a client asks for none (client_credentials).
   * @default DEFAULT_SCOPE_NAME ("openmetadata")
   */
  readonly defaultScopeName?: string;
  /** @default false */
  readonly preventDestroy?: boolean;
}

export interface AccessPolicyOptions {
  readonly name: string;
  readonly description: string;
  readonly clientIds: readonly string[];
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
  /** Scope names; pass `defaultScope.name` (a reference), not a literal, so the rule is created after the scope. */
  readonly scopes: readonly string[];
  readonly accessTokenLifetimeMinutes: number;
  readonly refreshTokenLifetimeMinutes?: number;
  readonly refreshTokenWindowMinutes?: number;
  /**
   * The policy the rule belongs to.
   * @default accessPolicy - the first policy
   */
  readonly policy?: AuthServerPolicy;
}

export interface CustomClaimOptions {
  readonly name: string;
  /** `RESOURCE`: access tokens; `IDENTITY`: ID tokens. */
  readonly claimType: ClaimType;
  /** An Okta expression, e.g. `user.email`. */
  readonly value: string;
  /**
   * Include the claim only in tokens granted one of these scopes.
   * @default every token of the type, client_credentials tokens (which have no user) included
   */
  readonly scopes?: readonly string[];
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
  /** The first policy (priority 1), for the clients of `props.clientIds`. */
  readonly accessPolicy: AuthServerPolicy;
  readonly policies: AuthServerPolicy[] = [];
  readonly rules: AuthServerPolicyRule[] = [];
  readonly systemClaims: AuthServerClaimDefault[] = [];
  readonly customClaims: AuthServerClaim[] = [];
  /** The access-token `email` claim (RESOURCE, user flows only). */
  readonly emailAccessTokenClaim: AuthServerClaim;
  private readonly rulesByPolicy = new Map<AuthServerPolicy, AuthServerPolicyRule[]>();

  constructor(scope: Construct, id: string, props: OktaAuthorizationServerProps) {
    super(scope, id);
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;

    this.server = new AuthServer(this, "server", {
      name: props.name,
      description: props.description,
      audiences: [props.audience],
      issuerMode: props.issuerMode ?? OKTA_CONSTRUCT_DEFAULTS.issuerMode,
      // Okta rotates the signing keys; OpenMetadata follows them through `{issuer}/v1/keys`.
      credentialsRotationMode: "AUTO",
      status: "ACTIVE",
      lifecycle,
    });

    this.defaultScope = new AuthServerScope(this, "default-scope", {
      authServerId: this.server.id,
      name: props.defaultScopeName ?? DEFAULT_SCOPE_NAME,
      displayName: "OpenMetadata",
      description: "Default scope of the OpenMetadata authorization server",
      default: true,
      consent: "IMPLICIT",
      metadataPublish: "ALL_CLIENTS",
    });

    // OpenMetadata maps its principal from `email` first. In ID tokens it is the server's own system
    // claim (a custom IDENTITY `email` fails at create, as a custom `sub` does: okta/terraform-provider-okta#49); always included so that a thin ID
    // token from the authorize endpoint carries it too.
    this.addSystemClaim("email-id-token-claim", { name: "email", alwaysIncludeInToken: true });
    // Custom servers put no email in access tokens. Only with the `email` scope, i.e. in user flows:
    // a client_credentials token has no user for `user.email` to read (help/okta-guide-mapping.md, "Claims: email").
    this.emailAccessTokenClaim = this.addCustomClaim("email-access-token-claim", {
      name: "email",
      claimType: "RESOURCE",
      value: "user.email",
      scopes: ["email"],
    });

    this.accessPolicy = this.addAccessPolicy("access-policy", {
      name: "OpenMetadata",
      description: "Lets the OpenMetadata clients get tokens from this authorization server",
      clientIds: props.clientIds,
    });

    // Rules are added after construction, so this can only be checked at synth time.
    this.node.addValidation({
      validate: () =>
        this.policies
          .filter((policy) => (this.rulesByPolicy.get(policy) ?? []).length === 0)
          .map(
            (policy) =>
              `the access policy of authorization server "${props.name}" has no rules, so no client it ` +
              `admits could get a token; call addPolicyRule() (policy ${policy.node.id})`,
          ),
    });
  }

  /**
   * Manages one of the SYSTEM claims Okta creates with every custom server; only
   * `always_include_in_token` can change. okta/okta v6.12.0
   * `okta/services/idaas/resource_okta_auth_server_claim_default.go:114-127` (the create finds the
   * claim by name and updates that flag), `:196-200` (the names it accepts).
   */
  addSystemClaim(
    id: string,
    options: { readonly name: (typeof SYSTEM_CLAIM_NAMES)[number]; readonly alwaysIncludeInToken: boolean },
  ): AuthServerClaimDefault {
    const claim = new AuthServerClaimDefault(this, id, {
      authServerId: this.server.id,
      name: options.name,
      alwaysIncludeInToken: options.alwaysIncludeInToken,
    });
    this.systemClaims.push(claim);
    return claim;
  }

  /**
   * A custom claim. Throws for a name that is a system or reserved claim of its token type (Okta
   * rejects it at create, on every apply; see okta-claim-names.ts). Custom claims are created after
   * the system claims: the claim default's create looks its claim up by name alone
   * (`resource_okta_auth_server_claim_default.go:172-182` at v6.12.0) and would otherwise find a
   * custom claim of the same name in another token type.
   */
  addCustomClaim(id: string, options: CustomClaimOptions): AuthServerClaim {
    const reason = reservedClaimReason(options.name, options.claimType);
    if (reason) throw new Error(`OktaAuthorizationServer ${this.node.path}: custom ${options.claimType} claim ${reason}`);
    const claim = new AuthServerClaim(this, id, {
      authServerId: this.server.id,
      name: options.name,
      claimType: options.claimType,
      valueType: "EXPRESSION",
      value: options.value,
      alwaysIncludeInToken: true,
      ...(options.scopes ? { scopes: [...options.scopes] } : {}),
      status: "ACTIVE",
      dependsOn: this.systemClaims,
    });
    this.customClaims.push(claim);
    return claim;
  }

  /**
   * A policy after the existing ones. Each depends on the one before, because Okta assigns
   * priorities racily when policies are created in parallel (#1198, #2140). A policy whose client
   * fails to create leaves the policies before it untouched.
   */
  addAccessPolicy(id: string, options: AccessPolicyOptions): AuthServerPolicy {
    const previous = this.policies.at(-1);
    const policy = new AuthServerPolicy(this, id, {
      authServerId: this.server.id,
      name: options.name,
      description: options.description,
      priority: this.policies.length + 1,
      clientWhitelist: [...options.clientIds],
      status: "ACTIVE",
      ...(previous ? { dependsOn: [previous] } : {}),
    });
    this.policies.push(policy);
    this.rulesByPolicy.set(policy, []);
    return policy;
  }

  /**
   * Adds a rule to a policy after its existing rules. Each rule depends on the one before in its
   * policy, because Okta assigns priorities racily when rules are created in parallel (#1198, #2140).
   * Throws for token lifetimes out of Okta's order (access <= window <= refresh lifetime; okta-invariants.ts).
   */
  addPolicyRule(id: string, options: PolicyRuleOptions): AuthServerPolicyRule {
    const policy = options.policy ?? this.accessPolicy;
    const siblings = this.rulesByPolicy.get(policy);
    if (!siblings) throw new Error(`OktaAuthorizationServer ${this.node.path}: rule ${id} names a policy of another authorization server`);
    const lifetimes = tokenLifetimeProblems(options);
    if (lifetimes.length > 0)
      throw new Error(
        `OktaAuthorizationServer ${this.node.path}: rule ${id}: ` +
          lifetimes.map((problem) => `${problem.field} ${problem.value}: ${problem.message}`).join("; "),
      );
    const previous = siblings.at(-1);
    const rule = new AuthServerPolicyRule(this, id, {
      authServerId: this.server.id,
      policyId: policy.id,
      name: options.name,
      priority: siblings.length + 1,
      status: "ACTIVE",
      type: "RESOURCE_ACCESS",
      grantTypeWhitelist: [...options.grantTypes],
      ...(options.forAssignedUsers ? { groupWhitelist: ["EVERYONE"] } : {}),
      scopeWhitelist: [...options.scopes],
      accessTokenLifetimeMinutes: options.accessTokenLifetimeMinutes,
      ...(options.refreshTokenLifetimeMinutes === undefined ? {} : { refreshTokenLifetimeMinutes: options.refreshTokenLifetimeMinutes }),
      ...(options.refreshTokenWindowMinutes === undefined ? {} : { refreshTokenWindowMinutes: options.refreshTokenWindowMinutes }),
      dependsOn: [previous ?? policy],
    });
    siblings.push(rule);
    this.rules.push(rule);
    return rule;
  }

  /** What OpenMetadata calls the authority. */
  get issuer(): string {
    return this.server.issuer;
  }

  /** Signing keys of this server: OpenMetadata must list exactly this URL, not the org's (#2773). */
  get jwksUri(): string {
    return jwksUriFor(OKTA, this.server.issuer);
  }

  get discoveryUri(): string {
    return discoveryUriFor(this.server.issuer);
  }
}
