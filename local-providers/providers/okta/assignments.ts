/**
 * What ties apps to the rest of the org: okta_trusted_origin, okta_app_group_assignments,
 * okta_app_oauth_api_scope and okta_app_oauth_role_assignment (the one plugin-framework type here), as
 * okta/okta v6.12.0 does them (okta/terraform-provider-okta@v6.12.0 okta/services/idaas/*.go, cited by line).
 */
import { ProviderDiagnostic, type Diagnostic, type ResourceBehaviour } from "../../provider/behaviour";
import { isObjectValue, type ObjectValue, type Value } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import type { OktaApp } from "./app-oauth";
import { apiError, notFound, oktaId, oktaTimestamp, orgOf, orgUrl, stringsOf } from "./common";
import { allGroups, customDomain, pairKey } from "./org";

const str = (value: Value | undefined): string => (typeof value === "string" ? value : "");
type Stored<T> = T & Record<string, unknown>;

function appOf(tenant: WorldTenant, id: string): OktaApp | undefined {
  return tenant.get<Stored<OktaApp>>("apps", id);
}

/* ------------------------------------------------------------------ okta_trusted_origin */

export interface OktaTrustedOrigin {
  readonly id: string;
  readonly name: string;
  readonly origin: string;
  readonly scopes: { type: string }[];
  readonly status: "ACTIVE" | "INACTIVE";
  readonly created: string;
  readonly lastUpdated: string;
}

/**
 * Okta keeps name and origin unique in the org (schema descriptions "Unique name for this trusted
 * origin", "Unique origin URL", okta/okta v6.12.0 resource_okta_trusted_origin.go:32,37). The errorSummary Okta
 * gives was not recorded: its wording after "Api validation failed" is the local world's.
 */
function originClash(tenant: WorldTenant, name: string, origin: string, except?: string): string | undefined {
  for (const existing of tenant.list<Stored<OktaTrustedOrigin>>("trustedOrigins")) {
    if (existing.id === except) continue;
    if (existing.name === name) return apiError("Api validation failed: name", [`name: a trusted origin named "${name}" already exists`]);
    if (existing.origin === origin)
      return apiError("Api validation failed: origin", [`origin: a trusted origin for ${origin} already exists`]);
  }
  return undefined;
}

function originState(found: OktaTrustedOrigin, prior: ObjectValue): ObjectValue {
  // setTrustedOrigin, :134-145.
  return {
    ...prior,
    id: found.id,
    active: found.status === "ACTIVE",
    origin: found.origin,
    name: found.name,
    scopes: found.scopes.map((scope) => scope.type),
  };
}

export const trustedOrigin: ResourceBehaviour = {
  create(planned, context) {
    // :50-52
    if (planned["active"] === false)
      throw new ProviderDiagnostic("can not create inactive trusted origin, only existing trusted origins can be deactivated");
    const tenant = orgOf(context);
    const clash = originClash(tenant, str(planned["name"]), str(planned["origin"]));
    if (clash) throw new ProviderDiagnostic(`failed to create trusted origin: ${clash}`);
    const now = oktaTimestamp();
    const created: OktaTrustedOrigin = {
      id: oktaId("tos"),
      name: str(planned["name"]),
      origin: str(planned["origin"]),
      scopes: stringsOf(planned["scopes"]).map((type) => ({ type })),
      status: "ACTIVE",
      created: now,
      lastUpdated: now,
    };
    tenant.put("trustedOrigins", created.id, created as unknown as Record<string, unknown>);
    return originState(created, planned);
  },

  read(state, context) {
    const found = orgOf(context).get<Stored<OktaTrustedOrigin>>("trustedOrigins", str(state["id"]));
    return found ? originState(found, state) : null; // :66-73, 404 suppressed
  },

  update(planned, prior, context) {
    const tenant = orgOf(context);
    const existing = tenant.get<Stored<OktaTrustedOrigin>>("trustedOrigins", str(prior["id"]));
    if (!existing) throw new ProviderDiagnostic(`failed to update trusted origin: ${notFound(str(prior["id"]), "TrustedOrigin")}`);
    const clash = originClash(tenant, str(planned["name"]), str(planned["origin"]), existing.id);
    if (clash) throw new ProviderDiagnostic(`failed to update trusted origin: ${clash}`);
    const updated: OktaTrustedOrigin = {
      ...existing,
      name: str(planned["name"]),
      origin: str(planned["origin"]),
      scopes: stringsOf(planned["scopes"]).map((type) => ({ type })),
      status: planned["active"] === false ? "INACTIVE" : "ACTIVE", // :83-93
      lastUpdated: oktaTimestamp(),
    };
    tenant.put("trustedOrigins", updated.id, updated as unknown as Record<string, unknown>);
    return originState(updated, planned);
  },

  delete(prior, context) {
    if (!orgOf(context).delete("trustedOrigins", str(prior["id"])))
      throw new ProviderDiagnostic(`failed to delete trusted origin: ${notFound(str(prior["id"]), "TrustedOrigin")}`);
  },

  import: (id) => ({ id }), // ImportStatePassthroughContext (:18-20)
};

/* ------------------------------------------------------------------ okta_app_group_assignments */

export interface OktaGroupAssignment {
  /** The group's id, as Okta's ApplicationGroupAssignment names it. */
  readonly id: string;
  readonly appId: string;
  readonly priority: number;
  readonly profile: unknown;
  readonly lastUpdated: string;
}

function assignmentsOf(tenant: WorldTenant, appId: string): OktaGroupAssignment[] {
  return tenant
    .list<Stored<OktaGroupAssignment>>("groupAssignments")
    .filter((assignment) => assignment.appId === appId)
    .sort((left, right) => left.priority - right.priority);
}

interface WantedAssignment {
  readonly id: string;
  readonly priority: number | undefined;
  readonly profile: unknown;
}

function wantedGroups(planned: ObjectValue): WantedAssignment[] {
  const groups = Array.isArray(planned["group"]) ? (planned["group"] as readonly Value[]) : [];
  return groups.filter(isObjectValue).map((group) => {
    const priority = group["priority"];
    let profile: unknown = {};
    try {
      profile = JSON.parse(str(group["profile"]) || "{}");
    } catch {
      profile = {};
    }
    // tfGroupsToGroupAssignments :396-413: priority is sent only when non-zero (GetOk).
    return { id: str(group["id"]), priority: typeof priority === "number" && priority !== 0 ? priority : undefined, profile };
  });
}

/** CreateApplicationGroupAssignment: the app and the group must exist (Okta answers 404 otherwise). */
function assign(tenant: WorldTenant, appId: string, wanted: WantedAssignment, action: string): void {
  if (!appOf(tenant, appId)) throw new ProviderDiagnostic(`${action}: ${notFound(appId, "AppInstance")}`);
  if (!allGroups(tenant).some((group) => group.id === wanted.id))
    throw new ProviderDiagnostic(`${action}: ${notFound(wanted.id, "UserGroup")}`);
  const existing = assignmentsOf(tenant, appId);
  const previous = existing.find((assignment) => assignment.id === wanted.id);
  // Without a priority Okta keeps the assignment's own, or puts a new one after the others.
  const priority = wanted.priority ?? previous?.priority ?? existing.length;
  const assignment: OktaGroupAssignment = { id: wanted.id, appId, priority, profile: wanted.profile, lastUpdated: oktaTimestamp() };
  tenant.put("groupAssignments", pairKey(appId, wanted.id), assignment as unknown as Record<string, unknown>);
}

/** resourceAppGroupAssignmentsRead with syncGroups, :130-165 and :219-269: the configured groups in their order, then any others. */
function assignmentState(tenant: WorldTenant, state: ObjectValue): ObjectValue | null {
  const appId = str(state["app_id"]);
  if (!appOf(tenant, appId)) return null; // a 404 listing the assignments removes the resource (:140-146)
  const current = assignmentsOf(tenant, appId);
  const configured = Array.isArray(state["group"]) ? (state["group"] as readonly Value[]).filter(isObjectValue) : [];
  const toGroup = (assignment: OktaGroupAssignment, profile: Value): ObjectValue => ({
    id: assignment.id,
    priority: assignment.priority,
    profile,
  });
  const groups: ObjectValue[] = [];
  for (const group of configured) {
    const assignment = current.find((candidate) => candidate.id === group["id"]);
    if (!assignment) continue;
    // buildProfile :271-308: the configured profile's keys, with Okta's values.
    let profile: Record<string, unknown> = {};
    try {
      profile = JSON.parse(str(group["profile"]) || "{}") as Record<string, unknown>;
    } catch {
      profile = {};
    }
    const fromOkta = (assignment.profile ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(profile)) if (fromOkta[key] !== undefined && fromOkta[key] !== null) profile[key] = fromOkta[key];
    const read = toGroup(assignment, JSON.stringify(profile));
    // SDKv2 takes a zero priority for an unset one: a group configured without priority keeps null.
    groups.push((group["priority"] ?? null) === null && assignment.priority === 0 ? { ...read, priority: null } : read);
  }
  for (const assignment of current) {
    if (configured.some((group) => group["id"] === assignment.id)) continue;
    groups.push(toGroup(assignment, JSON.stringify(assignment.profile ?? {})));
  }
  return { ...state, id: appId, group: groups };
}

export const appGroupAssignments: ResourceBehaviour = {
  create(planned, context) {
    const tenant = orgOf(context);
    const appId = str(planned["app_id"]);
    for (const wanted of wantedGroups(planned)) assign(tenant, appId, wanted, "failed to create application group assignment"); // :113-123
    return assignmentState(tenant, { ...planned, id: appId }) ?? { ...planned, id: appId };
  },

  read(state, context) {
    return assignmentState(orgOf(context), state);
  },

  update(planned, prior, context) {
    const tenant = orgOf(context);
    const appId = str(planned["app_id"]);
    // splitAssignmentsTargets :316-378: remove what left the configuration, then (re)assign the rest.
    const wanted = wantedGroups(planned);
    for (const old of wantedGroups(prior)) {
      if (!wanted.some((group) => group.id === old.id)) tenant.delete("groupAssignments", pairKey(appId, old.id));
    }
    for (const group of wanted) assign(tenant, appId, group, "failed to add/update group assignment");
    return assignmentState(tenant, planned) ?? planned;
  },

  delete(prior, context) {
    const tenant = orgOf(context);
    const appId = str(prior["app_id"]);
    for (const group of wantedGroups(prior)) tenant.delete("groupAssignments", pairKey(appId, group.id)); // :195-209, 404s suppressed
  },

  import: (id) => ({ id, app_id: id }), // :22-25
};

/* ------------------------------------------------------------------ okta_app_oauth_api_scope */

export interface OktaScopeGrant {
  readonly id: string;
  readonly appId: string;
  readonly issuer: string;
  readonly scopeId: string;
  readonly status: "ACTIVE";
  readonly source: "ADMIN";
  readonly created: string;
}

function grantsOf(tenant: WorldTenant, appId: string): OktaScopeGrant[] {
  return tenant.list<Stored<OktaScopeGrant>>("apiScopeGrants").filter((grant) => grant.appId === appId);
}

/** GrantConsentToScope for each scope (:188-196). The issuer must be the org authorization server's: the org URL (or its custom domain). */
function grant(tenant: WorldTenant, appId: string, issuer: string, scopes: readonly string[], action: string): void {
  if (!appOf(tenant, appId))
    throw new ProviderDiagnostic(`${action}: failed to grant application api scope: ${notFound(appId, "AppInstance")}`);
  const domain = customDomain(tenant);
  const issuers = [orgUrl(tenant), ...(domain ? [`https://${domain}`] : [])];
  if (!issuers.includes(issuer)) {
    // The errorSummary after "Api validation failed: issuer" is the local world's (not recorded).
    throw new ProviderDiagnostic(
      `${action}: failed to grant application api scope: ${apiError("Api validation failed: issuer", [`issuer: the issuer must be the org authorization server, ${orgUrl(tenant)}`])}`,
    );
  }
  const existing = grantsOf(tenant, appId);
  for (const scopeId of scopes) {
    if (existing.some((current) => current.scopeId === scopeId)) continue;
    const created: OktaScopeGrant = {
      id: oktaId("oag"),
      appId,
      issuer,
      scopeId,
      status: "ACTIVE",
      source: "ADMIN",
      created: oktaTimestamp(),
    };
    tenant.put("apiScopeGrants", created.id, created as unknown as Record<string, unknown>);
  }
}

function grantState(tenant: WorldTenant, state: ObjectValue): ObjectValue | null {
  const appId = str(state["app_id"]);
  // resourceAppOAuthAPIScopeRead :78-95: listing the grants of a missing app is an error, not a removal.
  if (!appOf(tenant, appId))
    throw new ProviderDiagnostic(`failed to get application scope consent grants: ${notFound(appId, "AppInstance")}`);
  // A set: the prior state's order first, so the state reads the same as it was written.
  const prior = stringsOf(state["scopes"]);
  const rank = (scope: string) => (prior.includes(scope) ? prior.indexOf(scope) : prior.length);
  const scopes = grantsOf(tenant, appId)
    .map((current) => current.scopeId)
    .sort((left, right) => rank(left) - rank(right) || left.localeCompare(right));
  return { ...state, id: appId, scopes };
}

export const appOauthApiScope: ResourceBehaviour = {
  create(planned, context) {
    const tenant = orgOf(context);
    grant(
      tenant,
      str(planned["app_id"]),
      str(planned["issuer"]),
      stringsOf(planned["scopes"]),
      "failed to create application scope consent grant",
    );
    return grantState(tenant, planned) ?? planned;
  },

  read(state, context) {
    return grantState(orgOf(context), state);
  },

  update(planned, _prior, context) {
    const tenant = orgOf(context);
    const appId = str(planned["app_id"]);
    const wanted = stringsOf(planned["scopes"]);
    grant(tenant, appId, str(planned["issuer"]), wanted, "failed to create application scope consent grant"); // :103-108
    for (const current of grantsOf(tenant, appId)) if (!wanted.includes(current.scopeId)) tenant.delete("apiScopeGrants", current.id); // :110-122
    return grantState(tenant, planned) ?? planned;
  },

  delete(prior, context) {
    const tenant = orgOf(context);
    const revoked = stringsOf(prior["scopes"]);
    for (const current of grantsOf(tenant, str(prior["app_id"])))
      if (revoked.includes(current.scopeId)) tenant.delete("apiScopeGrants", current.id);
  },

  import(id, context) {
    // :24-41: the issuer is taken from the first grant; an app without grants cannot be imported.
    const tenant = orgOf(context);
    if (!appOf(tenant, id)) throw new ProviderDiagnostic(notFound(id, "AppInstance"));
    const grants = grantsOf(tenant, id);
    if (grants.length === 0) throw new ProviderDiagnostic("no application scope found");
    return { id, app_id: id, issuer: grants[0]!.issuer, scopes: grants.map((current) => current.scopeId) };
  },
};

/* ------------------------------------------------------------------ okta_app_oauth_role_assignment (plugin-framework) */

export interface OktaRoleAssignment {
  readonly id: string;
  readonly clientId: string;
  readonly type: string;
  readonly label: string;
  readonly status: "ACTIVE";
  readonly assignmentType: "CLIENT";
  readonly resourceSet?: string;
  readonly role?: string;
  readonly created: string;
}

/**
 * Okta's standard admin roles and their labels. HELP_DESK_ADMIN's label and id are recorded
 * (test/fixtures/vcr/idaas/TestAccResourceOktaAppOAuthRoleAssignment_basic: id JBCUYUC7IRCVGS27IFCE2SKO,
 * the unpadded base32 of the type); the other labels are the names Okta's role documentation gives.
 */
const STANDARD_ROLES: Readonly<Record<string, string>> = {
  SUPER_ADMIN: "Super Administrator",
  ORG_ADMIN: "Organizational Administrator",
  APP_ADMIN: "Application Administrator",
  USER_ADMIN: "Group Administrator",
  HELP_DESK_ADMIN: "Help Desk Administrator",
  READ_ONLY_ADMIN: "Read Only Administrator",
  MOBILE_ADMIN: "Mobile Administrator",
  API_ACCESS_MANAGEMENT_ADMIN: "API Access Management Administrator",
  REPORT_ADMIN: "Report Administrator",
  GROUP_MEMBERSHIP_ADMIN: "Group Membership Administrator",
};

function base32(text: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...Buffer.from(text, "utf8")].map((byte) => byte.toString(2).padStart(8, "0")).join("");
  let encoded = "";
  for (let index = 0; index < bits.length; index += 5) encoded += alphabet[parseInt(bits.slice(index, index + 5).padEnd(5, "0"), 2)];
  return encoded;
}

function clientExists(tenant: WorldTenant, clientId: string): boolean {
  return tenant.list<Stored<OktaApp>>("apps").some((app) => app.credentials.oauthClient.client_id === clientId);
}

function roleState(role: OktaRoleAssignment, prior: ObjectValue): ObjectValue {
  // Create and Read, resource_okta_app_oauth_role_assignment.go:146-151 and :170-175.
  return {
    ...prior,
    id: role.id,
    status: role.status,
    label: role.label,
    type: role.type,
    resource_set: role.resourceSet ?? null,
    role: role.role ?? null,
  };
}

export const appOauthRoleAssignment: ResourceBehaviour = {
  validate(config): Diagnostic[] {
    // ValidateConfig :110-124
    if (config["type"] === "CUSTOM" && (config["resource_set"] === null || config["role"] === null)) {
      return [
        {
          severity: "error",
          summary: "Missing attribute configuration",
          detail: "When type is set to 'CUSTOM', the resource_set and role attributes must be set.",
          attribute: ["type"],
        },
      ];
    }
    return [];
  },

  create(planned, context) {
    const tenant = orgOf(context);
    const clientId = str(planned["client_id"]);
    const type = str(planned["type"]);
    // AssignClientRole :140-144 ("Unable to assign role to client" with the API's error).
    if (!clientExists(tenant, clientId))
      throw new ProviderDiagnostic("Unable to assign role to client", notFound(clientId, "OAuth2Client"));
    const label = type === "CUSTOM" ? "Custom Role" : STANDARD_ROLES[type];
    if (!label) {
      // The errorSummary after "Api validation failed: type" is the local world's (not recorded).
      throw new ProviderDiagnostic(
        "Unable to assign role to client",
        apiError("Api validation failed: type", [`type: '${type}' is not a standard admin role or CUSTOM`]),
      );
    }
    const role: OktaRoleAssignment = {
      id: type === "CUSTOM" ? oktaId("irb") : base32(type),
      clientId,
      type,
      label,
      status: "ACTIVE",
      assignmentType: "CLIENT",
      ...(type === "CUSTOM" ? { resourceSet: str(planned["resource_set"]), role: str(planned["role"]) } : {}),
      created: oktaTimestamp(),
    };
    tenant.put("roleAssignments", pairKey(clientId, role.id), role as unknown as Record<string, unknown>);
    return roleState(role, planned);
  },

  read(state, context) {
    const clientId = str(state["client_id"]);
    const id = str(state["id"]);
    const role = orgOf(context).get<Stored<OktaRoleAssignment>>("roleAssignments", pairKey(clientId, id));
    // Read :164-168 has no 404 case: a vanished assignment fails the read.
    if (!role) throw new ProviderDiagnostic("Unable to read role assignment", notFound(id, "RoleAssignment"));
    return roleState(role, state);
  },

  update() {
    // :180-185: every attribute requires replacement, so an update is never planned.
    throw new ProviderDiagnostic(
      "Update not supported",
      "OAuth Role Assignments cannot be updated. If you get to this contact the provider maintainers as this should not be hit.",
    );
  },

  delete(prior, context) {
    const clientId = str(prior["client_id"]);
    const id = str(prior["id"]);
    if (!orgOf(context).delete("roleAssignments", pairKey(clientId, id)))
      throw new ProviderDiagnostic("Unable to delete role assignment", notFound(id, "RoleAssignment"));
  },

  import(id) {
    // ImportState :202-213
    const parts = id.split("/");
    if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
      throw new ProviderDiagnostic("Unexpected Import Identifier", "Expected import identifier with format <client_id>/<role_id>");
    }
    return { client_id: parts[0] ?? "", id: parts[1] ?? "" };
  },
};
