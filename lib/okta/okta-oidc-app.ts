import { AppGroupAssignments } from "@cdktf/provider-okta/lib/app-group-assignments";
import { AppOauth } from "@cdktf/provider-okta/lib/app-oauth";
import { DataOktaEveryoneGroup } from "@cdktf/provider-okta/lib/data-okta-everyone-group";
import { DataOktaGroup } from "@cdktf/provider-okta/lib/data-okta-group";
import { TrustedOrigin } from "@cdktf/provider-okta/lib/trusted-origin";
import { Annotations, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import type { SignInFlow } from "../identity-providers/conventions";
import { OKTA } from "../identity-providers/okta";
import { redirectUris } from "../openmetadata-urls";
import { groupAssignmentProblem, OKTA_CONSTRUCT_DEFAULTS, repeatedGroup } from "./okta-invariants";

export interface OktaOidcAppProps {
  /** Named in plan-time errors, so the person reading them knows which environments file entry to fix. */
  readonly environmentName: string;
  /** Public URL of OpenMetadata, no trailing slash; redirect URIs and the trusted origin derive from it. */
  readonly openmetadataUrl: string;
  /**
   * `spa`: a public Single-Page App (browser) with PKCE and no secret, OpenMetadata's `public` client.
   * `web`: a confidential Web app with a client secret, OpenMetadata's `confidential` client.
   */
  readonly flow: SignInFlow;
  readonly label: string;
  /** Okta group names to assign the app to (controlled access). Looked up by name, never created. */
  readonly groups: readonly string[];
  /**
   * Assign the app to Okta's built-in Everyone group instead of named groups.
   * @default false - access is limited to `groups`
   */
  readonly everyone?: boolean;
  /**
   * Grace period in which the previous refresh token still works after rotation (0-60 s).
   * @default 30 - Okta's own default for SPAs; the provider's default of 0 breaks concurrent tabs
   */
  readonly refreshTokenLeewaySeconds?: number;
  /**
   * Issuer of ID tokens; must match the authorization server's issuer mode.
   * @default "ORG_URL" - the guide's "Okta URL"; Dynamic would make `iss` vary by request domain
   */
  readonly issuerMode?: "ORG_URL" | "CUSTOM_URL";
  /**
   * Refuse `terraform destroy` of the app (users would lose SSO).
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * The app already exists and is imported (adopt.okta.appId). For a Web app the secret then comes
   * from the sensitive variable `okta_adopted_client_secret` until state holds one: the provider's
   * Read never sets `client_secret`, so right after an import it is empty (okta/okta v6.12.0
   * okta/services/idaas/resource_okta_app_oauth.go:737).
   * @default false
   */
  readonly adopted?: boolean;
}

/**
 * The Okta OIDC app integration OpenMetadata signs in with, its trusted origin and its group
 * assignments: the "Create an app integration", "Base URIs" and "Assignments" steps of the guide.
 *
 * Every value whose Okta provider default is wrong for OpenMetadata is set explicitly.
 */
export class OktaOidcApp extends Construct {
  readonly app: AppOauth;
  readonly trustedOrigin: TrustedOrigin;
  readonly groupAssignments: AppGroupAssignments;
  /** OpenMetadata's `authentication.clientType`. */
  readonly clientType: "public" | "confidential";
  private readonly adoptedSecretReference?: string;

  constructor(scope: Construct, id: string, props: OktaOidcAppProps) {
    super(scope, id);
    const assignment = groupAssignmentProblem(props.groups, props.everyone ?? OKTA_CONSTRUCT_DEFAULTS.everyone);
    if (assignment === "both")
      throw new Error(
        `OktaOidcApp "${props.label}": everyone: true already assigns every user; got groups ${JSON.stringify(props.groups)} as well`,
      );
    if (assignment === "nobody")
      throw new Error(
        `OktaOidcApp "${props.label}": no groups and everyone not set, so nobody could sign in; pass groups or everyone: true`,
      );
    const repeated = repeatedGroup(props.groups);
    if (repeated !== undefined)
      throw new Error(`OktaOidcApp "${props.label}": group ${JSON.stringify(repeated)} is listed twice; list each group once`);
    const url = props.openmetadataUrl;
    const adoptedSecret = props.adopted && props.flow === "web" ? adoptedClientSecretVariable(this) : undefined;
    this.adoptedSecretReference = adoptedSecret;
    const lifecycle =
      props.preventDestroy || adoptedSecret
        ? {
            ...(props.preventDestroy ? { preventDestroy: true } : {}),
            // Never hand OpenMetadata an empty secret: stop at the app, before its Kubernetes Secret is written.
            ...(adoptedSecret
              ? {
                  postcondition: [
                    { condition: `\${self.client_secret != "" || ${adoptedSecret} != ""}`, errorMessage: ADOPTED_SECRET_MISSING },
                  ],
                }
              : {}),
          }
        : undefined;
    this.clientType = OKTA.clients[props.flow].clientType;

    const common = {
      label: props.label,
      status: "ACTIVE",
      redirectUris: redirectUris(url),
      postLogoutRedirectUris: [url],
      // No login_mode/login_uri: the provider hides the dashboard tile (hide_ios and hide_web default
      // true, okta/okta v6.12.0 okta/services/idaas/resource_okta_app_oauth.go:354-365), so an
      // "initiate login URI" would never be used, and the guide does not ask for one.

      // Controlled access: users get the app only through the group assignments below.
      implicitAssignment: false,
      // "User consent: not required". The provider default is TRUSTED today; set so a change there cannot add a prompt.
      consentMethod: "TRUSTED",
      // "Issuer: Okta URL"; the provider default ORG_URL is kept explicit because DYNAMIC breaks token validation.
      issuerMode: props.issuerMode ?? OKTA_CONSTRUCT_DEFAULTS.issuerMode,
      // Wildcard redirect URIs would let any matching host receive codes and tokens.
      wildcardRedirect: "DISABLED",
      // "Rotate token after every use"; the provider default STATIC keeps one refresh token forever (#1738).
      refreshTokenRotation: "ROTATE",
      refreshTokenLeeway: props.refreshTokenLeewaySeconds ?? OKTA_CONSTRUCT_DEFAULTS.refreshTokenLeewaySeconds,
      lifecycle,
    };

    this.app =
      props.flow === "spa"
        ? new AppOauth(this, "app", {
            ...common,
            type: OKTA.clients.spa.applicationType,
            // Authorization code with PKCE, plus implicit (hybrid) as the OpenMetadata guide enables.
            grantTypes: ["authorization_code", "implicit", "refresh_token"],
            responseTypes: ["code", "id_token", "token"],
            // A SPA cannot keep a secret; the provider default client_secret_basic is rejected by Okta (#580, #685).
            tokenEndpointAuthMethod: OKTA.clients.spa.tokenEndpointAuthMethod,
            pkceRequired: true,
          })
        : new AppOauth(this, "app", {
            ...common,
            type: OKTA.clients.web.applicationType,
            grantTypes: ["authorization_code", "refresh_token"],
            responseTypes: ["code"],
            // OpenMetadata's confidential client posts the secret in the form body (clientAuthenticationMethod below).
            tokenEndpointAuthMethod: OKTA.clients.web.tokenEndpointAuthMethod,
            // OpenMetadata's confidential client sends no PKCE verifier (disablePkce: true); requiring it would fail every login.
            pkceRequired: false,
            // The secret is needed for OpenMetadata's Kubernetes Secret, so it is kept (in state only).
            omitSecret: false,
          });

    // The admin console adds this for a SPA's "Base URIs"; the API does not. Sign-out calls Okta with CORS.
    this.trustedOrigin = new TrustedOrigin(this, "trusted-origin", {
      name: `${props.label} origin`,
      origin: new URL(url).origin,
      scopes: ["CORS", "REDIRECT"],
      active: true,
    });

    if (props.everyone)
      Annotations.of(this).addWarning("The app is assigned to Everyone: every active user of the Okta org can sign in to OpenMetadata.");
    const groupIds = props.everyone
      ? [new DataOktaEveryoneGroup(this, "everyone-group", {}).id]
      : props.groups.map(
          (name, index) =>
            new DataOktaGroup(this, `group-${index}`, { name, lifecycle: { postcondition: [exactGroupName(name, props.environmentName)] } })
              .id,
        );
    this.groupAssignments = new AppGroupAssignments(this, "group-assignments", {
      appId: this.app.id,
      group: groupIds.map((id, priority) => ({ id, priority })),
    });
  }

  /**
   * The Web app's client secret for OpenMetadata (a reference to state, or to the variable while an
   * adopted app's secret is not in state yet); undefined for a SPA.
   */
  get clientSecret(): string | undefined {
    if (this.clientType === "public") return undefined;
    if (!this.adoptedSecretReference) return this.app.clientSecret;
    return `\${${this.app.fqn}.client_secret != "" ? ${this.app.fqn}.client_secret : ${this.adoptedSecretReference}}`;
  }

  get clientId(): string {
    return this.app.clientId;
  }
}

/**
 * `data.okta_group` searches with Okta's `q=`, a starts-with match, and takes a near match when it is
 * the only result (okta/okta v6.12.0 `okta/services/idaas/data_source_okta_group.go:90-92`,
 * `:140-144`); it then stores the found group's name (`:151`). So a missing `openmetadata-users`
 * would silently assign `openmetadata-users-admins`: the plan fails instead.
 */
function exactGroupName(name: string, environmentName: string) {
  return {
    condition: `\${self.name == ${terraformString(name)}}`,
    errorMessage: escapeTemplate(
      `Okta group ${JSON.stringify(name)} (okta.access.groups of environment "${environmentName}") does not exist: Okta's name search ` +
        `found another group whose name starts with it. Create the group in Okta or correct its name in the environments file.`,
    ),
  };
}

/** A Terraform string literal: JSON quoting, with template sequences escaped so a name is never evaluated. */
function terraformString(value: string): string {
  return escapeTemplate(JSON.stringify(value));
}

/** Terraform JSON evaluates `${...}` and `%{...}` in every string; doubling the sigil makes them literal. */
function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, "$$${").replace(/%\{/g, "%%{");
}

const ADOPTED_SECRET_VARIABLE = "okta_adopted_client_secret";
const ADOPTED_SECRET_MISSING =
  "The adopted Okta app's client secret is not in Terraform state (import never reads it), and OpenMetadata must " +
  "not get an empty one. Set TF_VAR_okta_adopted_client_secret to the app's current secret (Okta admin console > " +
  "the app > General > Client Credentials) and plan again (help/runbooks/adopting.md).";

/** The variable, as an expression (`var.okta_adopted_client_secret`). */
function adoptedClientSecretVariable(scope: Construct): string {
  const variable = new TerraformVariable(scope, ADOPTED_SECRET_VARIABLE, {
    type: "string",
    sensitive: true,
    nullable: false,
    default: "",
    description: "Client secret of the adopted Okta Web app, needed until Terraform state holds it (import does not read it)",
  });
  variable.overrideLogicalId(ADOPTED_SECRET_VARIABLE);
  return `var.${ADOPTED_SECRET_VARIABLE}`;
}
