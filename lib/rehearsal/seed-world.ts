/**
 * What exists before the first deploy, made in the local world as a person following the manual runbook
 * would have made it: the Okta groups an environment assigns (help/okta-requirements.md: the groups are
 * created by people, the stack only looks them up) and the Auth0 connections it enables.
 */
import { auth0Tenant, seedAuth0Connection } from "../../local-providers/providers/auth0/index";
import { everyoneGroup, oktaOrgTenant, seedOktaGroup } from "../../local-providers/providers/okta/index";
import type { Environment } from "../config/environment";

export interface SeededWorld {
  /** "<org>: <group>" and "<domain>: <connection>" lines, for the rehearsal's report. */
  readonly made: readonly string[];
  /** An adopted confidential app's secret, by stack id: the value of the stack's okta_adopted_client_secret variable. */
  readonly adoptedClientSecrets: Map<string, string>;
}

/** The database connection every new Auth0 tenant has. */
const DEFAULT_AUTH0_CONNECTION = "Username-Password-Authentication";

/** Auth0's database connection strategy; any other name is taken for a social or enterprise connection. */
function strategyOf(connection: string): string {
  return connection === DEFAULT_AUTH0_CONNECTION ? "auth0" : "oauth2";
}

export function seedWorld(environments: readonly Environment[], world: string): SeededWorld {
  const made: string[] = [];
  for (const environment of environments) {
    if (environment.okta) {
      const org = oktaOrgTenant(world, environment.okta.orgName, environment.okta.baseUrl);
      everyoneGroup(org);
      for (const group of environment.okta.groups) {
        const exists = org.list<{ profile: { name: string } }>("groups").some((existing) => existing.profile.name === group);
        if (!exists) {
          seedOktaGroup(org, group);
          made.push(`Okta group ${group} in ${org.name}`);
        }
      }
    }
    if (environment.auth0) {
      const tenant = auth0Tenant(world, environment.auth0.domain);
      // Every Auth0 tenant is created with this database connection; an environment naming no connection
      // relies on it (with the tenant's enable_client_connections, a new application is enabled on it).
      if (!tenant.list<{ name: string }>("connections").some((existing) => existing.name === DEFAULT_AUTH0_CONNECTION)) {
        seedAuth0Connection(tenant, DEFAULT_AUTH0_CONNECTION, "auth0");
      }
      for (const connection of environment.auth0.connections) {
        const exists = tenant.list<{ name: string }>("connections").some((existing) => existing.name === connection);
        if (!exists) {
          seedAuth0Connection(tenant, connection, strategyOf(connection));
          made.push(`Auth0 connection ${connection} in ${tenant.name}`);
        }
      }
    }
  }
  return { made, adoptedClientSecrets: new Map() };
}
