/**
 * What every Okta org has before Terraform touches it, and the world's keys for objects that belong to
 * two others: the default app sign-on policy, the groups (Everyone and those a test or a rehearsal makes).
 */
import { WorldTenant } from "../../provider/world";
import { oktaId, oktaTimestamp } from "./common";

export interface OktaGroup {
  readonly id: string;
  readonly created: string;
  readonly lastUpdated: string;
  /** OKTA_GROUP for groups people make, BUILT_IN for Everyone (as the recorded GET /api/v1/groups?q=Everyone shows). */
  readonly type: "OKTA_GROUP" | "BUILT_IN" | "APP_GROUP";
  readonly profile: { readonly name: string; readonly description: string | null };
}

/** The org `<orgName>.<baseUrl>` of a world folder: the tenant the okta provider configured with those values acts on. */
export function oktaOrgTenant(world: string, orgName: string, baseUrl: string): WorldTenant {
  return new WorldTenant(world, "okta", `${orgName}.${baseUrl}`);
}

/** Makes a group in the org, as a person would in the admin console; returns it. The name must be unique (Okta enforces it). */
export function seedOktaGroup(tenant: WorldTenant, name: string, description: string | null = null): OktaGroup {
  if (tenant.list<OktaGroup & Record<string, unknown>>("groups").some((group) => group.profile.name === name)) {
    throw new Error(`the local Okta org ${tenant.name} already has a group named ${JSON.stringify(name)}`);
  }
  const now = oktaTimestamp();
  const group: OktaGroup = { id: oktaId("00g"), created: now, lastUpdated: now, type: "OKTA_GROUP", profile: { name, description } };
  tenant.put("groups", group.id, group as unknown as Record<string, unknown>);
  return group;
}

export const EVERYONE = "Everyone";

/** The built-in Everyone group every org has (made on first use in the local world). */
export function everyoneGroup(tenant: WorldTenant): OktaGroup {
  const existing = tenant
    .list<OktaGroup & Record<string, unknown>>("groups")
    .find((group) => group.type === "BUILT_IN" && group.profile.name === EVERYONE);
  if (existing) return existing;
  const now = oktaTimestamp();
  const group: OktaGroup = {
    id: oktaId("00g"),
    created: now,
    lastUpdated: now,
    type: "BUILT_IN",
    // The description Okta gives it (recorded GET /api/v1/groups?q=Everyone).
    profile: { name: EVERYONE, description: "All users in your organization" },
  };
  tenant.put("groups", group.id, group as unknown as Record<string, unknown>);
  return group;
}

/** Every group of the org, Everyone included (it exists in every org). */
export function allGroups(tenant: WorldTenant): OktaGroup[] {
  everyoneGroup(tenant);
  return tenant.list<OktaGroup & Record<string, unknown>>("groups");
}

export interface AccessPolicy {
  readonly id: string;
  readonly name: string;
  readonly type: "ACCESS_POLICY";
  readonly system: boolean;
}

/** The org's default app sign-on (ACCESS_POLICY) policy, which OIE orgs assign to new apps ("rst" ids, as in #2295). */
export function defaultAccessPolicyId(tenant: WorldTenant): string {
  const existing = tenant.list<AccessPolicy & Record<string, unknown>>("accessPolicies").find((policy) => policy.system);
  if (existing) return existing.id;
  const policy: AccessPolicy = { id: oktaId("rst"), name: "Default Policy", type: "ACCESS_POLICY", system: true };
  tenant.put("accessPolicies", policy.id, policy as unknown as Record<string, unknown>);
  return policy.id;
}

/** World file ids of objects keyed by two ids (an app's group assignment, a client's role). */
export const pairKey = (first: string, second: string): string => `${first}~${second}`;

/** Org settings a test may set: `settings/org.json` = `{ "customDomain": "login.example.com" }` (a verified custom URL domain). */
export function customDomain(tenant: WorldTenant): string | undefined {
  const settings = tenant.get<{ customDomain?: string }>("settings", "org");
  return settings?.customDomain || undefined;
}

/** Okta's answer to CUSTOM_URL without a custom domain, as #756 quotes it (for apps; the same API check serves auth servers). */
export const NO_CUSTOM_DOMAIN =
  "the API returned an error: Api validation failed: issuerMode. Causes: errorSummary: issuerMode: 'issuerMode' can not be set to CUSTOM_URL without a custom domain configured.";
