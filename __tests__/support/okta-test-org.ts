import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JWK } from "jose";
import { oktaId, type WorldTenant } from "../../local-providers/provider/world";
import type {
  OktaApp,
  OktaAuthServer,
  OktaClaim,
  OktaJwk,
  OktaPolicy,
  OktaPolicyRule,
  OktaScope,
} from "../../local-providers/providers/okta/index";
import { everyoneGroup, seedOktaGroup } from "../../local-providers/providers/okta/org";
import { startLocalOktaOrg } from "../../local-providers/services";
import type { TerraformJson } from "./synth";
import { resolveReferences, type References } from "./terraform-references";

export { closeServer } from "../../local-providers/services";

/**
 * A stand-in Okta org for a synthesized stack: the local Okta org (local-providers/services/okta-org.ts)
 * on a world of its own, into which this adapter writes what an apply of the stack's okta resources would
 * leave there, in the world's shapes (local-providers/providers/okta/index.ts). So a wrong value in the
 * stack shows up as a failed login or token request, as it would against Okta.
 *
 * Written: okta_app_oauth, okta_auth_server (with Okta's system scopes; of its system claims only those
 * the stack manages with okta_auth_server_claim_default), okta_auth_server_claim, _scope, _policy,
 * _policy_rule, okta_app_group_assignments, and the groups the stack looks up with data.okta_group.
 * Not written (the org serves nothing of them): trusted origins, API scope grants, role assignments.
 */

/** An Okta user; `profile` is what `user.<attribute>` expressions of claims read. */
export interface TestUser {
  readonly id: string;
  readonly profile: Readonly<Record<string, string>>;
  /** Group names; default: every group the stack looks up (the app's access groups). */
  readonly groups?: readonly string[];
}

export interface OktaTestOrgOptions {
  readonly users: readonly TestUser[];
  /**
   * Replaces the service app's synthesized `jwks`: the committed JWKS has no private half here,
   * so tests register the public key of a key pair they hold.
   */
  readonly serviceAppKeys?: readonly JWK[];
}

export interface RegisteredClient {
  readonly clientId: string;
  /** Only for apps that authenticate with a secret (Okta generates it; here it is random). */
  readonly clientSecret?: string;
}

export interface OktaTestOrg {
  /** `http://127.0.0.1:PORT`, the org URL. */
  readonly origin: string;
  /** The custom authorization server's issuer: OpenMetadata's authority. */
  readonly issuer: string;
  /** The org authorization server's keys: a keys URL of another authorization server than the issuer. */
  readonly orgKeysUrl: string;
  /** Registered clients by Terraform address (`okta_app_oauth.okta_oidc-app_app`). */
  readonly clients: ReadonlyMap<string, RegisteredClient>;
  /** What Okta assigned, by Terraform reference (`okta_app_oauth.okta_oidc-app_app.client_id`, ...). */
  readonly references: References;
  close(): Promise<void>;
}

/** The scope of each OpenID Connect standard claim (OpenID Connect Core 1.0 section 5.4), as Okta's system claims carry it. */
const STANDARD_CLAIM_SCOPES: Readonly<Record<string, string>> = {
  email: "email",
  email_verified: "email",
  address: "address",
  phone_number: "phone",
  name: "profile",
  family_name: "profile",
  given_name: "profile",
  middle_name: "profile",
  nickname: "profile",
  preferred_username: "profile",
  profile: "profile",
  picture: "profile",
  website: "profile",
  gender: "profile",
  birthdate: "profile",
  zoneinfo: "profile",
  locale: "profile",
  updated_at: "profile",
};
/** The scopes Okta gives every custom authorization server (system: true). */
const SYSTEM_SCOPES = ["openid", "profile", "email", "address", "phone", "offline_access", "device_sso"];
const now = new Date().toISOString();

export async function startOktaTestOrg(json: TerraformJson, options: OktaTestOrgOptions): Promise<OktaTestOrg> {
  const [providerBlock] = json.provider["okta"] ?? [];
  if (!providerBlock) throw new Error("the stack has no okta provider");
  const world = mkdtempSync(join(tmpdir(), "okta-test-org-"));
  const lookedUp = Object.values(json.data?.["okta_group"] ?? {}).map((lookup) => String(lookup["name"]));
  const users = options.users.map((user) => ({ ...user, groups: user.groups ?? lookedUp }));
  const org = await startLocalOktaOrg({ world, orgName: providerBlock["org_name"], baseUrl: providerBlock["base_url"], users });
  const close = async () => {
    await org.close();
    rmSync(world, { recursive: true, force: true });
  };
  try {
    const applied = applyOktaResources(json, org.tenant, org.issuerUrl, options.serviceAppKeys);
    const servers = Object.keys(json.resource["okta_auth_server"] ?? {});
    if (servers.length !== 1) throw new Error(`the test org stands for one okta_auth_server; the stack has ${servers.length}`);
    const issuer = applied.references.get(`okta_auth_server.${servers[0]}.issuer`)!;
    return { origin: org.origin, issuer, orgKeysUrl: org.orgKeysUrl, ...applied, close };
  } catch (error) {
    await close();
    throw error;
  }
}

type Resources = Record<string, Record<string, any>>;

/** Writes the stack's okta resources into the org as an apply would, in dependency order; returns what Okta assigned. */
function applyOktaResources(json: TerraformJson, tenant: WorldTenant, issuerUrl: (id: string) => string, serviceAppKeys?: readonly JWK[]) {
  const references = new Map<string, string>();
  const resolve = (text: string) => resolveReferences(text, references);
  const entries = (type: string) => Object.entries((json.resource[type] ?? {}) as Resources);
  const put = (collection: string, object: { id: string }) =>
    tenant.put(collection, object.id, object as unknown as Record<string, unknown>);

  everyoneGroup(tenant);
  for (const [name, lookup] of Object.entries((json.data?.["okta_group"] ?? {}) as Resources)) {
    const group = seedOktaGroup(tenant, lookup["name"]);
    references.set(`data.okta_group.${name}.id`, group.id).set(`data.okta_group.${name}.name`, group.profile.name);
  }

  const clients = new Map<string, RegisteredClient>();
  for (const [name, app] of entries("okta_app_oauth")) {
    const id = oktaId("0oa");
    const method = String(app["token_endpoint_auth_method"] ?? "client_secret_basic");
    const clientSecret = method.startsWith("client_secret") ? randomBytes(48).toString("base64url") : undefined;
    const keys = (serviceAppKeys ?? app["jwks"] ?? []) as readonly Record<string, string>[];
    put("apps", oktaAppOf(id, app, method, clientSecret, method === "private_key_jwt" ? keys : []));
    clients.set(`okta_app_oauth.${name}`, { clientId: id, ...(clientSecret ? { clientSecret } : {}) });
    references.set(`okta_app_oauth.${name}.id`, id).set(`okta_app_oauth.${name}.client_id`, id);
    if (clientSecret) references.set(`okta_app_oauth.${name}.client_secret`, clientSecret);
  }

  for (const [name, server] of entries("okta_auth_server")) {
    const id = oktaId("aus");
    const authServer: OktaAuthServer = {
      id,
      name: server["name"],
      description: server["description"] ?? "",
      audiences: (server["audiences"] as string[]).map(resolve),
      // What the local okta provider computes: the servedAt the org recorded, then /oauth2/<id> (okta/common.ts servedOrgUrl).
      issuer: issuerUrl(id),
      issuerMode: server["issuer_mode"] ?? "ORG_URL",
      status: server["status"] ?? "ACTIVE",
      created: now,
      lastUpdated: now,
      credentials: {
        signing: {
          kid: randomBytes(16).toString("base64url"),
          rotationMode: server["credentials_rotation_mode"] ?? "AUTO",
          lastRotated: now,
        },
      },
      default: false,
    };
    put("authServers", authServer);
    for (const scope of SYSTEM_SCOPES) put("scopes", scopeOf(id, { name: scope }, true));
    references.set(`okta_auth_server.${name}.id`, id).set(`okta_auth_server.${name}.issuer`, authServer.issuer);
  }

  for (const [name, scope] of entries("okta_auth_server_scope")) {
    const object = scopeOf(resolve(scope["auth_server_id"]), scope, false);
    put("scopes", object);
    references.set(`okta_auth_server_scope.${name}.id`, object.id).set(`okta_auth_server_scope.${name}.name`, object.name);
  }

  for (const [name, policy] of entries("okta_auth_server_policy")) {
    const object: OktaPolicy = {
      id: oktaId("00p"),
      authServerId: resolve(policy["auth_server_id"]),
      type: "OAUTH_AUTHORIZATION_POLICY",
      name: policy["name"],
      description: policy["description"] ?? "",
      status: policy["status"] ?? "ACTIVE",
      priority: policy["priority"] ?? 1,
      system: false,
      conditions: { clients: { include: (policy["client_whitelist"] as string[]).map(resolve) } },
    };
    put("policies", object);
    references.set(`okta_auth_server_policy.${name}.id`, object.id);
  }

  for (const [, rule] of entries("okta_auth_server_policy_rule")) {
    const strings = (key: string) => ((rule[key] ?? []) as string[]).map(resolve);
    const object: OktaPolicyRule = {
      id: oktaId("0pr"),
      authServerId: resolve(rule["auth_server_id"]),
      policyId: resolve(rule["policy_id"]),
      name: rule["name"],
      status: rule["status"] ?? "ACTIVE",
      priority: rule["priority"] ?? 1,
      system: false,
      type: rule["type"] ?? "RESOURCE_ACCESS",
      conditions: {
        people: {
          users: { include: strings("user_whitelist"), exclude: strings("user_blacklist") },
          groups: { include: strings("group_whitelist"), exclude: strings("group_blacklist") },
        },
        grantTypes: { include: strings("grant_type_whitelist") },
        scopes: { include: strings("scope_whitelist") },
      },
      actions: {
        token: {
          accessTokenLifetimeMinutes: rule["access_token_lifetime_minutes"] ?? 60,
          refreshTokenLifetimeMinutes: rule["refresh_token_lifetime_minutes"] ?? 0,
          refreshTokenWindowMinutes: rule["refresh_token_window_minutes"] ?? 10080,
        },
      },
    };
    put("rules", object);
  }

  let sequence = 0;
  for (const [, claim] of entries("okta_auth_server_claim_default")) {
    const scope = STANDARD_CLAIM_SCOPES[claim["name"]];
    if (!scope) throw new Error(`the test org knows the system claims of the OpenID standard scopes; the stack manages ${claim["name"]}`);
    put(
      "claims",
      claimOf(
        resolve(claim["auth_server_id"]),
        claim,
        { valueType: "SYSTEM", claimType: "IDENTITY", system: true, scopes: [scope] },
        sequence++,
      ),
    );
  }
  for (const [, claim] of entries("okta_auth_server_claim")) {
    put("claims", claimOf(resolve(claim["auth_server_id"]), claim, { scopes: (claim["scopes"] ?? []) as string[] }, sequence++));
  }

  for (const [, assignments] of entries("okta_app_group_assignments")) {
    const appId = resolve(assignments["app_id"]);
    for (const [index, group] of ((assignments["group"] ?? []) as Record<string, any>[]).entries()) {
      const groupId = resolve(group["id"]);
      tenant.put("groupAssignments", `${appId}~${groupId}`, {
        id: groupId,
        appId,
        priority: group["priority"] ?? index,
        profile: {},
        lastUpdated: now,
      });
    }
  }
  return { clients, references: references as References };
}

/** An okta_app_oauth as Okta's Application object (the fields the org reads, and Okta's usual others). */
function oktaAppOf(
  id: string,
  app: Record<string, any>,
  method: string,
  clientSecret: string | undefined,
  keys: readonly Record<string, string>[],
): OktaApp {
  const jwks: OktaJwk[] = keys.map((key) => ({ ...key, id: `pks${key["kid"]}`, status: "ACTIVE" }) as OktaJwk);
  return {
    id,
    name: "oidc_client",
    label: app["label"],
    status: app["status"] ?? "ACTIVE",
    signOnMode: "OPENID_CONNECT",
    created: now,
    lastUpdated: now,
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false } },
    credentials: {
      userNameTemplate: { template: "${source.login}", type: "BUILT_IN" },
      oauthClient: {
        client_id: id,
        ...(clientSecret ? { client_secret: clientSecret } : {}),
        token_endpoint_auth_method: method,
        pkce_required: app["pkce_required"] ?? method === "none",
        autoKeyRotation: true,
      },
    },
    settings: {
      implicitAssignment: app["implicit_assignment"] ?? false,
      notes: { admin: null, enduser: null },
      oauthClient: {
        application_type: app["type"],
        redirect_uris: app["redirect_uris"] ?? [],
        post_logout_redirect_uris: app["post_logout_redirect_uris"] ?? [],
        response_types: app["response_types"] ?? [],
        grant_types: app["grant_types"] ?? [],
        ...(jwks.length > 0 ? { jwks: { keys: jwks } } : {}),
        jwks_uri: null,
        consent_method: app["consent_method"] ?? "TRUSTED",
        issuer_mode: app["issuer_mode"] ?? "ORG_URL",
        wildcard_redirect: app["wildcard_redirect"] ?? "DISABLED",
        initiate_login_uri: null,
        client_uri: null,
        logo_uri: null,
        tos_uri: null,
        policy_uri: null,
        idp_initiated_login: { mode: "DISABLED", default_scope: [] },
        participate_slo: false,
        frontchannel_logout_uri: null,
        frontchannel_logout_session_required: false,
        backchannel_custom_authenticator_id: null,
      },
    },
    accessPolicyId: "rst-default",
  };
}

function scopeOf(authServerId: string, scope: Record<string, any>, system: boolean): OktaScope {
  return {
    id: oktaId("scp"),
    authServerId,
    name: scope["name"],
    displayName: scope["display_name"] ?? scope["name"],
    description: scope["description"] ?? scope["name"],
    system,
    metadataPublish: scope["metadata_publish"] ?? "ALL_CLIENTS",
    consent: scope["consent"] ?? "IMPLICIT",
    optional: scope["optional"] ?? false,
    default: scope["default"] ?? false,
  };
}

function claimOf(
  authServerId: string,
  claim: Record<string, any>,
  fields: { valueType?: string; claimType?: "RESOURCE" | "IDENTITY"; system?: boolean; scopes: string[] },
  sequence: number,
): OktaClaim {
  return {
    id: oktaId("ocl"),
    authServerId,
    name: claim["name"],
    status: claim["status"] ?? "ACTIVE",
    claimType: fields.claimType ?? claim["claim_type"],
    valueType: fields.valueType ?? claim["value_type"] ?? "EXPRESSION",
    ...(claim["value"] === undefined ? {} : { value: claim["value"] }),
    conditions: { scopes: fields.scopes },
    system: fields.system ?? false,
    alwaysIncludeInToken: claim["always_include_in_token"] ?? true,
    ...(claim["group_filter_type"] === undefined ? {} : { groupFilterType: claim["group_filter_type"] }),
    sequence,
  };
}
