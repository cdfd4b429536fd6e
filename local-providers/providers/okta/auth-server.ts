/**
 * The custom authorization server and what hangs off it: okta_auth_server, okta_auth_server_scope,
 * okta_auth_server_claim, okta_auth_server_claim_default, okta_auth_server_policy and
 * okta_auth_server_policy_rule, as okta/okta v6.12.0 does them (okta/terraform-provider-okta@v6.12.0
 * okta/services/idaas/resource_okta_auth_server*.go, cited by file and line).
 *
 * What a new server holds before Terraform adds anything (its system claims and scopes) is taken from
 * the provider's recorded API answers: test/fixtures/vcr/idaas/TestAccResourceOktaAuthServerClaimDefault_crud
 * (GET .../claims on a new server) and TestAccDataSourceOktaAuthServerScopes_read (the system scopes).
 */
import { randomBytes } from "node:crypto";
import { ProviderDiagnostic, type ResourceBehaviour } from "../../provider/behaviour";
import { isUnknown, type ObjectValue, type Value } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import { apiError, goTimeString, keepNulls, nextSequence, notFound, oktaId, oktaTimestamp, orgOf, servedOrgUrl, stringsOf } from "./common";
import { customDomain, NO_CUSTOM_DOMAIN } from "./org";

const str = (value: Value | undefined): string => (typeof value === "string" ? value : "");
const int = (value: Value | undefined): number => (typeof value === "number" ? value : 0);

export interface OktaAuthServer {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly audiences: string[];
  readonly issuer: string;
  readonly issuerMode: string;
  readonly status: "ACTIVE" | "INACTIVE";
  readonly created: string;
  readonly lastUpdated: string;
  readonly credentials: { signing: { kid: string; rotationMode: string; lastRotated: string; nextRotation?: string } };
  readonly default: false;
}

export interface OktaClaim {
  readonly id: string;
  readonly authServerId: string;
  readonly name: string;
  readonly status: string;
  readonly claimType: "RESOURCE" | "IDENTITY";
  readonly valueType: string;
  readonly value?: string;
  readonly conditions: { scopes: string[] };
  readonly system: boolean;
  readonly alwaysIncludeInToken: boolean;
  readonly groupFilterType?: string;
  /** Creation order, for listing the server's claims as Okta appears to: newest first (see claimsOf). */
  readonly sequence: number;
}

export interface OktaScope {
  readonly id: string;
  readonly authServerId: string;
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly system: boolean;
  readonly metadataPublish: string;
  readonly consent: string;
  readonly optional: boolean;
  readonly default: boolean;
}

export interface OktaPolicy {
  readonly id: string;
  readonly authServerId: string;
  readonly type: "OAUTH_AUTHORIZATION_POLICY";
  readonly name: string;
  readonly description: string;
  readonly status: string;
  readonly priority: number;
  readonly system: false;
  readonly conditions: { clients: { include: string[] } };
}

export interface OktaPolicyRule {
  readonly id: string;
  readonly authServerId: string;
  readonly policyId: string;
  readonly name: string;
  readonly status: string;
  readonly priority: number;
  readonly system: false;
  readonly type: string;
  readonly conditions: {
    people: { users: { include: string[]; exclude: string[] }; groups: { include: string[]; exclude: string[] } };
    grantTypes: { include: string[] };
    scopes: { include: string[] };
  };
  readonly actions: {
    token: {
      accessTokenLifetimeMinutes: number;
      refreshTokenLifetimeMinutes: number;
      refreshTokenWindowMinutes: number;
      inlineHook?: { id: string };
    };
  };
}

type Stored<T> = T & Record<string, unknown>;

/** The system claims of a new custom server: name, token type, scope and the always-include flag Okta gives each. */
const SYSTEM_CLAIMS: readonly (readonly [string, "IDENTITY" | "RESOURCE", string | null, boolean])[] = [
  ["address", "IDENTITY", "address", false],
  ["birthdate", "IDENTITY", "profile", false],
  ["email", "IDENTITY", "email", true],
  ["email_verified", "IDENTITY", "email", false],
  ["family_name", "IDENTITY", "profile", false],
  ["gender", "IDENTITY", "profile", false],
  ["given_name", "IDENTITY", "profile", false],
  ["locale", "IDENTITY", "profile", false],
  ["sub", "RESOURCE", null, true],
  ["name", "IDENTITY", "profile", true],
  ["nickname", "IDENTITY", "profile", false],
  ["phone_number", "IDENTITY", "phone", false],
  ["picture", "IDENTITY", "profile", false],
  ["preferred_username", "IDENTITY", "profile", true],
  ["profile", "IDENTITY", "profile", false],
  ["updated_at", "IDENTITY", "profile", false],
  ["website", "IDENTITY", "profile", false],
  ["zoneinfo", "IDENTITY", "profile", false],
  ["middle_name", "IDENTITY", "profile", false],
];
/** The `sub` claim's expression on a new server (the same recording). */
const SUB_EXPRESSION = "(appuser != null) ? appuser.userName : app.clientId";

/** The system scopes of an authorization server (recorded GET .../scopes: system true). */
const SYSTEM_SCOPES: readonly (readonly [string, string])[] = [
  ["openid", "openid"],
  ["profile", "View your profile information."],
  ["email", "View your email address."],
  ["address", "View your address."],
  ["phone", "View your phone number."],
  ["offline_access", "Keep you signed in to the app."],
  ["device_sso", "Request device secret."],
];

/**
 * Names Okta reserves for custom claims of each token type beyond the existing claims (Okta KB "OIDC
 * Bearer Tokens: List of Reserved Claims"; okta/terraform-provider-okta#49 for `sub`). Kept here, not imported from lib/: a local
 * provider never relies on the project's own checks.
 */
const TOKEN_CLAIMS = ["iss", "aud", "exp", "iat", "nbf", "jti", "ver", "amr", "acr", "auth_time"];
const RESERVED: Readonly<Record<string, readonly string[]>> = {
  IDENTITY: [...TOKEN_CLAIMS, "idp", "nonce", "at_hash", "c_hash", "sid", "azp"],
  RESOURCE: [...TOKEN_CLAIMS, "sub", "cid", "uid", "scp", "as_uri", "rpt", "rsi", "username", "token_type"],
};

/** validDefaultAuthServerClaims, resource_okta_auth_server_claim_default.go:196-200. */
const DEFAULT_CLAIM_NAMES = SYSTEM_CLAIMS.map(([name]) => name);

/* ------------------------------------------------------------------ world access */

function server(tenant: WorldTenant, id: string): OktaAuthServer | undefined {
  return tenant.get<Stored<OktaAuthServer>>("authServers", id);
}

function requireServer(tenant: WorldTenant, id: string, action: string): OktaAuthServer {
  const found = server(tenant, id);
  if (!found) throw new ProviderDiagnostic(`${action}: ${notFound(id, "AuthorizationServer")}`);
  return found;
}

/**
 * ListOAuth2Claims: the server's claims, newest first. Evidence, not a documented rule: the recorded list
 * of a new server (TestAccResourceOktaAuthServerClaimDefault_crud) runs by descending id, with two
 * exceptions (middle_name, sub). It decides which claim findClaim takes when two share a name.
 */
function claimsOf(tenant: WorldTenant, serverId: string): OktaClaim[] {
  return tenant
    .list<Stored<OktaClaim>>("claims")
    .filter((claim) => claim.authServerId === serverId)
    .sort((left, right) => right.sequence - left.sequence);
}

function put<T extends object>(tenant: WorldTenant, collection: string, object: T & { id: string }): void {
  tenant.put(collection, object.id, object as unknown as Record<string, unknown>);
}

/** utils.CreateNestedResourceImporter (utils/utils.go:193-229): "<auth_server_id>/<id>" and the like. */
function nestedImport(id: string, fields: readonly string[]): ObjectValue {
  const parts = id.split("/");
  if (parts.length !== fields.length) {
    throw new ProviderDiagnostic(`expected ${fields.length} import fields "${fields.join("/")}", got ${parts.length} fields "${id}"`);
  }
  return Object.fromEntries(fields.map((field, index) => [field, parts[index] ?? ""]));
}

/* ------------------------------------------------------------------ okta_auth_server */

function issuerFor(tenant: WorldTenant, id: string, issuerMode: string): string {
  // ORG_URL and DYNAMIC: the org's own domain (Okta answers the org URL form for a DYNAMIC server; its
  // tokens then carry the domain each request used). CUSTOM_URL: the org's custom URL domain.
  const domain = issuerMode === "CUSTOM_URL" ? `https://${customDomain(tenant)}` : servedOrgUrl(tenant);
  return `${domain}/oauth2/${id}`;
}

function seedServer(tenant: WorldTenant, serverId: string): void {
  for (const [name, claimType, scope, alwaysInclude] of SYSTEM_CLAIMS) {
    const claim: OktaClaim = {
      id: oktaId("ocl"),
      authServerId: serverId,
      name,
      status: "ACTIVE",
      claimType,
      valueType: claimType === "RESOURCE" ? "EXPRESSION" : "SYSTEM",
      ...(claimType === "RESOURCE" ? { value: SUB_EXPRESSION } : {}),
      conditions: { scopes: scope ? [scope] : [] },
      system: true,
      alwaysIncludeInToken: alwaysInclude,
      sequence: nextSequence(),
    };
    put(tenant, "claims", claim);
  }
  for (const [name, displayName] of SYSTEM_SCOPES) {
    const scope: OktaScope = {
      id: oktaId("scp"),
      authServerId: serverId,
      name,
      displayName,
      description: displayName,
      system: true,
      metadataPublish: "ALL_CLIENTS",
      consent: "IMPLICIT",
      optional: false,
      default: false,
    };
    put(tenant, "scopes", scope);
  }
}

function authServerState(found: OktaAuthServer, prior: ObjectValue): ObjectValue {
  // resourceAuthServerRead, resource_okta_auth_server.go:93-126.
  const read: Record<string, Value> = {
    id: found.id,
    audiences: found.audiences,
    kid: found.credentials.signing.kid,
    credentials_rotation_mode: found.credentials.signing.rotationMode,
    description: found.description,
    name: found.name,
    status: found.status,
    issuer: found.issuer,
    issuer_mode: found.issuerMode,
    credentials_last_rotated: found.credentials.signing.lastRotated,
  };
  if (found.credentials.signing.nextRotation !== undefined) read["credentials_next_rotation"] = found.credentials.signing.nextRotation;
  else if (isUnknown(prior["credentials_next_rotation"])) read["credentials_next_rotation"] = null;
  return { ...prior, ...keepNulls(prior, read) };
}

function signing(rotationMode: string, previous?: OktaAuthServer["credentials"]["signing"]): OktaAuthServer["credentials"]["signing"] {
  const lastRotated = new Date();
  const kid = previous?.kid ?? randomBytes(32).toString("base64url");
  const last = previous?.lastRotated ?? goTimeString(lastRotated);
  // The recorded server rotates every 90 days (lastRotated 2025-03-13, nextRotation 2025-06-11); only AUTO has a next rotation.
  return rotationMode === "AUTO"
    ? {
        kid,
        rotationMode,
        lastRotated: last,
        nextRotation: previous?.nextRotation ?? goTimeString(new Date(lastRotated.getTime() + 90 * 86400_000)),
      }
    : { kid, rotationMode, lastRotated: last };
}

export const authServer: ResourceBehaviour = {
  create(planned, context) {
    const tenant = orgOf(context);
    const issuerMode = str(planned["issuer_mode"]);
    if (issuerMode === "CUSTOM_URL" && !customDomain(tenant))
      throw new ProviderDiagnostic(`failed to create authorization server: ${NO_CUSTOM_DOMAIN}`);
    const id = oktaId("aus");
    const now = oktaTimestamp();
    // :76-91 buildAuthServer sends no status: a new server is ACTIVE whatever the configuration says;
    // MANUAL rotation is only accepted on update, which the create then runs (:83-89).
    const created: OktaAuthServer = {
      id,
      name: str(planned["name"]),
      description: str(planned["description"]),
      audiences: stringsOf(planned["audiences"]),
      issuer: issuerFor(tenant, id, issuerMode),
      issuerMode,
      status: "ACTIVE",
      created: now,
      lastUpdated: now,
      credentials: { signing: signing(str(planned["credentials_rotation_mode"])) },
      default: false,
    };
    put(tenant, "authServers", created);
    seedServer(tenant, id);
    return authServerState(created, { ...planned, id });
  },

  read(state, context) {
    const found = server(orgOf(context), str(state["id"]));
    return found ? authServerState(found, state) : null; // :95-101 (404 suppressed)
  },

  update(planned, prior, context) {
    const tenant = orgOf(context);
    const existing = requireServer(tenant, str(prior["id"]), "failed to update authorization server");
    const issuerMode = str(planned["issuer_mode"]);
    if (issuerMode === "CUSTOM_URL" && !customDomain(tenant))
      throw new ProviderDiagnostic(`failed to update authorization server: ${NO_CUSTOM_DOMAIN}`);
    const updated: OktaAuthServer = {
      ...existing,
      name: str(planned["name"]),
      description: str(planned["description"]),
      audiences: stringsOf(planned["audiences"]),
      issuerMode,
      issuer: issuerFor(tenant, existing.id, issuerMode),
      // :129-134 activate or deactivate when status changes.
      status: str(planned["status"]) === "INACTIVE" ? "INACTIVE" : "ACTIVE",
      lastUpdated: oktaTimestamp(),
      credentials: { signing: signing(str(planned["credentials_rotation_mode"]), existing.credentials.signing) },
    };
    put(tenant, "authServers", updated);
    return authServerState(updated, planned);
  },

  delete(prior, context) {
    const tenant = orgOf(context);
    const id = str(prior["id"]);
    tenant.delete("authServers", id); // :159-170, 404s suppressed
    for (const collection of ["claims", "scopes", "policies", "rules"]) {
      for (const object of tenant.list(collection)) if (object["authServerId"] === id) tenant.delete(collection, String(object["id"]));
    }
  },

  import: (id) => ({ id }), // ImportStatePassthroughContext (:18-20)
};

/* ------------------------------------------------------------------ okta_auth_server_claim */

/** Why Okta refuses a custom claim of this name and token type on this server, or undefined. */
function claimClash(tenant: WorldTenant, serverId: string, name: string, claimType: string, except?: string): string | undefined {
  const tokens = claimType === "IDENTITY" ? "ID" : "access";
  const existing = claimsOf(tenant, serverId).find((claim) => claim.id !== except && claim.name === name && claim.claimType === claimType);
  if (existing) {
    return existing.system
      ? `"${name}" is a system claim of ${tokens} tokens on this authorization server`
      : `a claim named "${name}" already exists for ${tokens} tokens on this authorization server`;
  }
  if (RESERVED[claimType]?.includes(name)) return `"${name}" is reserved in ${tokens} tokens`;
  return undefined;
}

/**
 * The API's refusal. The provider only passes it on ("failed to create auth server claim: %v",
 * resource_okta_auth_server_claim.go:72-74); the Okta errorSummary for a clash was never recorded
 * against a live org, so its wording after "Api validation failed: name" is the local world's.
 */
function clashError(action: string, reason: string): ProviderDiagnostic {
  return new ProviderDiagnostic(`${action}: ${apiError("Api validation failed: name", [`name: ${reason}`])}`);
}

function claimFromPlan(planned: ObjectValue, id: string, sequence: number): OktaClaim {
  const groupFilterType = str(planned["group_filter_type"]);
  return {
    id,
    authServerId: str(planned["auth_server_id"]),
    name: str(planned["name"]),
    status: str(planned["status"]) || "ACTIVE",
    claimType: str(planned["claim_type"]) === "IDENTITY" ? "IDENTITY" : "RESOURCE",
    valueType: str(planned["value_type"]),
    value: str(planned["value"]),
    conditions: { scopes: stringsOf(planned["scopes"]) },
    system: false,
    alwaysIncludeInToken: planned["always_include_in_token"] === true,
    ...(groupFilterType ? { groupFilterType } : {}),
    sequence,
  };
}

function claimState(claim: OktaClaim, prior: ObjectValue): ObjectValue {
  // resourceAuthServerClaimRead, resource_okta_auth_server_claim.go:79-99 (scopes only when non-empty).
  const read: Record<string, Value> = {
    id: claim.id,
    name: claim.name,
    status: claim.status,
    value: claim.value ?? "",
    value_type: claim.valueType,
    claim_type: claim.claimType,
    always_include_in_token: claim.alwaysIncludeInToken,
    group_filter_type: claim.groupFilterType ?? "",
  };
  if (claim.conditions.scopes.length > 0) read["scopes"] = claim.conditions.scopes;
  return { ...prior, ...keepNulls(prior, read) };
}

function claimOf(tenant: WorldTenant, serverId: string, id: string): OktaClaim | undefined {
  const claim = tenant.get<Stored<OktaClaim>>("claims", id);
  return claim && claim.authServerId === serverId ? claim : undefined;
}

export const authServerClaim: ResourceBehaviour = {
  create(planned, context) {
    const tenant = orgOf(context);
    const serverId = str(planned["auth_server_id"]);
    const action = "failed to create auth server claim";
    requireServer(tenant, serverId, action);
    const reason = claimClash(tenant, serverId, str(planned["name"]), str(planned["claim_type"]));
    if (reason) throw clashError(action, reason);
    const claim = claimFromPlan(planned, oktaId("ocl"), nextSequence());
    put(tenant, "claims", claim);
    return claimState(claim, { ...planned, id: claim.id });
  },

  read(state, context) {
    const claim = claimOf(orgOf(context), str(state["auth_server_id"]), str(state["id"]));
    return claim ? claimState(claim, state) : null;
  },

  update(planned, prior, context) {
    const tenant = orgOf(context);
    const serverId = str(planned["auth_server_id"]);
    const action = "failed to update auth server claim";
    const existing = claimOf(tenant, serverId, str(prior["id"]));
    if (!existing) throw new ProviderDiagnostic(`${action}: ${notFound(str(prior["id"]), "OAuth2Claim")}`);
    const reason = claimClash(tenant, serverId, str(planned["name"]), str(planned["claim_type"]), existing.id);
    if (reason) throw clashError(action, reason);
    const claim = claimFromPlan(planned, existing.id, existing.sequence);
    put(tenant, "claims", claim);
    return claimState(claim, planned);
  },

  delete(prior, context) {
    // :111-115: a SYSTEM claim that is always included is left alone.
    if (prior["value_type"] === "SYSTEM" && prior["always_include_in_token"] === true) return;
    const tenant = orgOf(context);
    if (!tenant.delete("claims", str(prior["id"])))
      throw new ProviderDiagnostic(`failed to delete auth server claim: ${notFound(str(prior["id"]), "OAuth2Claim")}`);
  },

  import: (id) => nestedImport(id, ["auth_server_id", "id"]), // :18
};

/* ------------------------------------------------------------------ okta_auth_server_claim_default */

/** findClaim, resource_okta_auth_server_claim_default.go:172-194: the first claim of that name, whatever its token type. */
function findClaim(tenant: WorldTenant, serverId: string, name: string): OktaClaim {
  const found = claimsOf(tenant, serverId).find((claim) => claim.name === name);
  if (!found) throw new ProviderDiagnostic(`no claim '${name}' found for auth server '${serverId}'`);
  return found;
}

function claimDefaultState(claim: OktaClaim, prior: ObjectValue): ObjectValue {
  // resourceAuthServerClaimDefaultRead, :93-112.
  const read: Record<string, Value> = {
    id: claim.id,
    name: claim.name,
    status: claim.status,
    value: claim.value ?? "",
    value_type: claim.valueType,
    claim_type: claim.claimType,
    always_include_in_token: claim.alwaysIncludeInToken,
  };
  if (claim.conditions.scopes.length > 0) read["scopes"] = claim.conditions.scopes;
  else if (isUnknown(prior["scopes"])) read["scopes"] = null;
  return { ...prior, ...keepNulls(prior, read) };
}

export const authServerClaimDefault: ResourceBehaviour = {
  create(planned, context) {
    const tenant = orgOf(context);
    const serverId = str(planned["auth_server_id"]);
    const name = str(planned["name"]);
    let claim = findClaim(tenant, serverId, name);
    // :121-127. An unset always_include_in_token is unknown at create, which the SDK hands the create as
    // false: the claim is then switched to false.
    const wanted = planned["always_include_in_token"] === true;
    if (name !== "sub" && wanted !== claim.alwaysIncludeInToken) {
      claim = { ...claim, alwaysIncludeInToken: wanted };
      put(tenant, "claims", claim);
    }
    if (name === "sub") {
      // :140-147
      if (str(planned["value"]) === "") throw new ProviderDiagnostic("'value' is required parameter for 'sub' claim");
      if (planned["always_include_in_token"] === false) throw new ProviderDiagnostic("'sub' claim can not be excluded from the token");
      if (str(planned["value"]) !== (claim.value ?? "")) {
        claim = { ...claim, value: str(planned["value"]) };
        put(tenant, "claims", claim);
      }
    }
    return claimDefaultState(claim, { ...planned, id: claim.id });
  },

  read(state, context) {
    const tenant = orgOf(context);
    const claim = claimOf(tenant, str(state["auth_server_id"]), str(state["id"]));
    return claim ? claimDefaultState(claim, state) : null;
  },

  update(planned, prior, context) {
    const tenant = orgOf(context);
    const name = str(planned["name"]);
    let claim = claimOf(tenant, str(planned["auth_server_id"]), str(prior["id"]));
    if (!claim) throw new ProviderDiagnostic(`failed to update auth server default claim: ${notFound(str(prior["id"]), "OAuth2Claim")}`);
    if (name === "sub") {
      if (str(planned["value"]) === "") throw new ProviderDiagnostic("'value' is required parameter for 'sub' claim");
      if (planned["always_include_in_token"] === false) throw new ProviderDiagnostic("'sub' claim can not be excluded from the token");
      claim = { ...claim, value: str(planned["value"]) };
    } else if (typeof planned["always_include_in_token"] === "boolean") {
      // :148-151: only always_include_in_token changes a claim other than sub.
      claim = { ...claim, alwaysIncludeInToken: planned["always_include_in_token"] };
    }
    put(tenant, "claims", claim);
    return claimDefaultState(claim, planned);
  },

  delete() {
    // DeleteContext: utils.ResourceFuncNoOp (:19): the system claim stays.
  },

  import(id, context) {
    // :23-39: "<auth_server_id>/<name>" looks the claim up by name; "<auth_server_id>/<id>" takes the id.
    const parts = id.split("/");
    if (parts.length !== 2) {
      throw new ProviderDiagnostic(
        "invalid resource import specifier, expecting the following format: <auth_server_id>/<id> or <auth_server_id>/<name>",
      );
    }
    const [serverId = "", second = ""] = parts;
    const claimId = DEFAULT_CLAIM_NAMES.includes(second) ? findClaim(orgOf(context), serverId, second).id : second;
    return { id: claimId, auth_server_id: serverId };
  },
};

/* ------------------------------------------------------------------ okta_auth_server_scope */

function scopeState(scope: OktaScope, prior: ObjectValue): ObjectValue {
  // resourceAuthServerScopeRead, resource_okta_auth_server_scope.go:86-106.
  const read: Record<string, Value> = {
    id: scope.id,
    name: scope.name,
    description: scope.description,
    display_name: scope.displayName,
    metadata_publish: scope.metadataPublish,
    default: scope.default,
    system: scope.system,
    optional: scope.optional,
  };
  if (scope.consent !== "") read["consent"] = scope.consent;
  return { ...prior, ...keepNulls(prior, read) };
}

function scopeFromPlan(planned: ObjectValue, id: string): OktaScope {
  return {
    id,
    authServerId: str(planned["auth_server_id"]),
    name: str(planned["name"]),
    displayName: str(planned["display_name"]),
    description: str(planned["description"]),
    system: false,
    metadataPublish: str(planned["metadata_publish"]),
    consent: str(planned["consent"]),
    optional: planned["optional"] === true,
    default: planned["default"] === true,
  };
}

/** Scope names are unique per server; the errorSummary after "Api validation failed: name" is the local world's (not recorded). */
function scopeClash(tenant: WorldTenant, serverId: string, name: string, except?: string): string | undefined {
  const clash = tenant
    .list<Stored<OktaScope>>("scopes")
    .find((scope) => scope.authServerId === serverId && scope.name === name && scope.id !== except);
  return clash
    ? apiError("Api validation failed: name", [`name: a scope named "${name}" already exists on this authorization server`])
    : undefined;
}

export const authServerScope: ResourceBehaviour = {
  create(planned, context) {
    const tenant = orgOf(context);
    const serverId = str(planned["auth_server_id"]);
    requireServer(tenant, serverId, "failed to create auth server scope");
    const clash = scopeClash(tenant, serverId, str(planned["name"]));
    if (clash) throw new ProviderDiagnostic(`failed to create auth server scope: ${clash}`); // :78-81
    const scope = scopeFromPlan(planned, oktaId("scp"));
    put(tenant, "scopes", scope);
    return scopeState(scope, { ...planned, id: scope.id });
  },

  read(state, context) {
    const scope = orgOf(context).get<Stored<OktaScope>>("scopes", str(state["id"]));
    return scope && scope.authServerId === str(state["auth_server_id"]) ? scopeState(scope, state) : null;
  },

  update(planned, prior, context) {
    const tenant = orgOf(context);
    // ReplaceOAuth2Scope (a PUT) answers 404 for a scope deleted since the refresh, and the update fails (:108-116).
    if (!tenant.get("scopes", str(prior["id"])))
      throw new ProviderDiagnostic(`failed to update auth server scope: ${notFound(str(prior["id"]), "OAuth2Scope")}`);
    const clash = scopeClash(tenant, str(planned["auth_server_id"]), str(planned["name"]), str(prior["id"]));
    if (clash) throw new ProviderDiagnostic(`failed to update auth server scope: ${clash}`);
    const scope = scopeFromPlan(planned, str(prior["id"]));
    put(tenant, "scopes", scope);
    return scopeState(scope, planned);
  },

  delete(prior, context) {
    orgOf(context).delete("scopes", str(prior["id"])); // :120-126, 404 suppressed
  },

  import: (id) => nestedImport(id, ["auth_server_id", "id"]), // :18
};

/* ------------------------------------------------------------------ okta_auth_server_policy */

function policyState(policy: OktaPolicy, prior: ObjectValue): ObjectValue {
  // resourceAuthServerPolicyRead, resource_okta_auth_server_policy.go:65-82.
  const read: Record<string, Value> = {
    id: policy.id,
    name: policy.name,
    description: policy.description,
    status: policy.status,
    priority: policy.priority,
    client_whitelist: policy.conditions.clients.include,
  };
  return { ...prior, ...keepNulls(prior, read) };
}

function policyFromPlan(planned: ObjectValue, id: string): OktaPolicy {
  return {
    id,
    authServerId: str(planned["auth_server_id"]),
    type: "OAUTH_AUTHORIZATION_POLICY",
    name: str(planned["name"]),
    description: str(planned["description"]),
    status: str(planned["status"]) || "ACTIVE",
    priority: int(planned["priority"]),
    system: false,
    conditions: { clients: { include: stringsOf(planned["client_whitelist"]) } },
  };
}

export const authServerPolicy: ResourceBehaviour = {
  create(planned, context) {
    // :53-55
    if (planned["status"] === "INACTIVE")
      throw new ProviderDiagnostic("can not create an inactive auth server policy, only existing ones can be deactivated");
    const tenant = orgOf(context);
    requireServer(tenant, str(planned["auth_server_id"]), "failed to create authorization server policy");
    const policy = policyFromPlan(planned, oktaId("00p"));
    put(tenant, "policies", policy);
    return policyState(policy, { ...planned, id: policy.id });
  },

  read(state, context) {
    const policy = orgOf(context).get<Stored<OktaPolicy>>("policies", str(state["id"]));
    return policy && policy.authServerId === str(state["auth_server_id"]) ? policyState(policy, state) : null;
  },

  update(planned, prior, context) {
    const tenant = orgOf(context);
    if (!tenant.get("policies", str(prior["id"])))
      throw new ProviderDiagnostic(`failed to update auth server policy: ${notFound(str(prior["id"]), "AuthorizationServerPolicy")}`);
    const policy = policyFromPlan(planned, str(prior["id"]));
    put(tenant, "policies", policy);
    return policyState(policy, planned);
  },

  delete(prior, context) {
    const tenant = orgOf(context);
    const id = str(prior["id"]);
    if (!tenant.delete("policies", id))
      throw new ProviderDiagnostic(`failed to delete auth server policy: ${notFound(id, "AuthorizationServerPolicy")}`); // :104-110
    for (const rule of tenant.list("rules")) if (rule["policyId"] === id) tenant.delete("rules", String(rule["id"]));
  },

  import: (id) => nestedImport(id, ["auth_server_id", "id"]), // :18
};

/* ------------------------------------------------------------------ okta_auth_server_policy_rule */

/** validateAuthServerPolicyRule, resource_okta_auth_server_policy_rule.go:307-330 (run by create and update). */
function ruleProblem(planned: ObjectValue): string | undefined {
  const grants = stringsOf(planned["grant_type_whitelist"]);
  if (
    grants.includes("implicit") &&
    stringsOf(planned["user_whitelist"]).length === 0 &&
    stringsOf(planned["group_whitelist"]).length === 0
  ) {
    return `at least "user_whitelist" or "group_whitelist" should be provided when using 'implicit' in "grant_type_whitelist"`;
  }
  const lifetime = int(planned["refresh_token_lifetime_minutes"]);
  const access = int(planned["access_token_lifetime_minutes"]);
  const window = int(planned["refresh_token_window_minutes"]);
  if (lifetime > 0 && lifetime < access)
    return "'refresh_token_lifetime_minutes' must be greater than or equal to 'access_token_lifetime_minutes'";
  if (lifetime > 0 && (access > window || lifetime < window))
    return "'refresh_token_window_minutes' must be between 'access_token_lifetime_minutes' and 'refresh_token_lifetime_minutes'";
  return undefined;
}

function ruleFromPlan(planned: ObjectValue, id: string): OktaPolicyRule {
  const hook = str(planned["inline_hook_id"]);
  return {
    id,
    authServerId: str(planned["auth_server_id"]),
    policyId: str(planned["policy_id"]),
    name: str(planned["name"]),
    status: str(planned["status"]) || "ACTIVE",
    priority: int(planned["priority"]),
    system: false,
    type: str(planned["type"]),
    conditions: {
      people: {
        users: { include: stringsOf(planned["user_whitelist"]), exclude: stringsOf(planned["user_blacklist"]) },
        groups: { include: stringsOf(planned["group_whitelist"]), exclude: stringsOf(planned["group_blacklist"]) },
      },
      grantTypes: { include: stringsOf(planned["grant_type_whitelist"]) },
      scopes: { include: stringsOf(planned["scope_whitelist"]) },
    },
    actions: {
      token: {
        accessTokenLifetimeMinutes: int(planned["access_token_lifetime_minutes"]),
        refreshTokenLifetimeMinutes: int(planned["refresh_token_lifetime_minutes"]),
        refreshTokenWindowMinutes: int(planned["refresh_token_window_minutes"]),
        ...(hook ? { inlineHook: { id: hook } } : {}),
      },
    },
  };
}

function ruleState(rule: OktaPolicyRule, prior: ObjectValue): ObjectValue {
  // resourceAuthServerPolicyRuleRead, :143-185, and setPeopleAssignments :286-305.
  const read: Record<string, Value> = {
    id: rule.id,
    system: rule.system,
    name: rule.name,
    status: rule.status,
    priority: rule.priority,
    type: rule.type,
    access_token_lifetime_minutes: rule.actions.token.accessTokenLifetimeMinutes,
    refresh_token_lifetime_minutes: rule.actions.token.refreshTokenLifetimeMinutes,
    refresh_token_window_minutes: rule.actions.token.refreshTokenWindowMinutes,
    grant_type_whitelist: rule.conditions.grantTypes.include,
    scope_whitelist: rule.conditions.scopes.include,
    group_whitelist: rule.conditions.people.groups.include,
    group_blacklist: rule.conditions.people.groups.exclude,
    user_whitelist: rule.conditions.people.users.include,
    user_blacklist: rule.conditions.people.users.exclude,
  };
  if (rule.actions.token.inlineHook) read["inline_hook_id"] = rule.actions.token.inlineHook.id;
  return { ...prior, ...keepNulls(prior, read) };
}

export const authServerPolicyRule: ResourceBehaviour = {
  create(planned, context) {
    const problem = ruleProblem(planned);
    if (problem) throw new ProviderDiagnostic(problem); // :130-133 diag.FromErr
    const tenant = orgOf(context);
    const policy = tenant.get<Stored<OktaPolicy>>("policies", str(planned["policy_id"]));
    if (!policy || policy.authServerId !== str(planned["auth_server_id"]))
      throw new ProviderDiagnostic(
        `failed to create auth server policy rule: ${notFound(str(planned["policy_id"]), "AuthorizationServerPolicy")}`,
      );
    const rule = ruleFromPlan(planned, oktaId("0pr"));
    put(tenant, "rules", rule);
    return ruleState(rule, { ...planned, id: rule.id });
  },

  read(state, context) {
    const rule = orgOf(context).get<Stored<OktaPolicyRule>>("rules", str(state["id"]));
    return rule && rule.policyId === str(state["policy_id"]) ? ruleState(rule, state) : null;
  },

  update(planned, prior, context) {
    const problem = ruleProblem(planned);
    if (problem) throw new ProviderDiagnostic(problem); // :191-194
    const tenant = orgOf(context);
    if (!tenant.get("rules", str(prior["id"])))
      throw new ProviderDiagnostic(
        `failed to update auth server policy rule: ${notFound(str(prior["id"]), "AuthorizationServerPolicyRule")}`,
      );
    const rule = ruleFromPlan(planned, str(prior["id"]));
    put(tenant, "rules", rule);
    return ruleState(rule, planned);
  },

  delete(prior, context) {
    if (!orgOf(context).delete("rules", str(prior["id"])))
      throw new ProviderDiagnostic(
        `failed to delete auth server policy rule: ${notFound(str(prior["id"]), "AuthorizationServerPolicyRule")}`,
      );
  },

  import: (id) => nestedImport(id, ["auth_server_id", "policy_id", "id"]), // :21
};
