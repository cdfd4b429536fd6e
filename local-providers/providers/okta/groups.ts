/**
 * data.okta_group and data.okta_everyone_group: findGroup as okta/okta v6.12.0 runs it
 * (okta/terraform-provider-okta@v6.12.0 okta/services/idaas/data_source_okta_group.go:80-162).
 *
 * The `q` search of GET /api/v1/groups is a starts-with match on the group name (":90-91 NOTE: Okta
 * API query on name is effectively a starts with query"); the provider then prefers an exact name among
 * several results and takes a lone near match as it is (:137-145). So a
 * missing "openmetadata-users" silently resolves to "openmetadata-users-admins", which the stacks'
 * postcondition catches.
 */
import { ProviderDiagnostic, type DataSourceBehaviour, type Diagnostic } from "../../provider/behaviour";
import { isUnknown, type ObjectValue, type Value } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import { notFound, orgOf } from "./common";
import { allGroups, EVERYONE, type OktaGroup } from "./org";

const str = (value: Value | undefined): string => (typeof value === "string" ? value : "");

/** Okta's name search: starts with the query, without regard to case (the API's `q` is case-insensitive). */
function search(tenant: WorldTenant, query: string, type: string | undefined): OktaGroup[] {
  const prefix = query.toLowerCase();
  return allGroups(tenant).filter(
    (group) => group.profile.name.toLowerCase().startsWith(prefix) && (type === undefined || group.type === type),
  );
}

function findGroup(tenant: WorldTenant, name: string, config: ObjectValue, isEveryone: boolean): ObjectValue {
  let group: OktaGroup | undefined;
  const id = config["id"];
  if (typeof id === "string" && id !== "") {
    group = allGroups(tenant).find((candidate) => candidate.id === id);
    if (!group) throw new ProviderDiagnostic(`failed get group by ID: ${notFound(id, "UserGroup")}`); // :84-88
  } else {
    const type = typeof config["type"] === "string" && config["type"] !== "" ? config["type"] : undefined;
    const groups = search(tenant, name, type);
    if (groups.length > 1) {
      // :109-132 an exact name wins (case-sensitive Go ==); otherwise the search is too wide.
      group = groups.find((candidate) => candidate.profile.name === name);
      if (!group) {
        if (type !== undefined)
          throw new ProviderDiagnostic(
            `group starting with name "${name}" and type "${type}" matches ${groups.length} groups, select a more precise name parameter`,
          );
        throw new ProviderDiagnostic(
          `group starting with name "${name}" matches ${groups.length} groups, select a more precise name parameter`,
        );
      }
    }
    if (groups.length < 1) {
      // :133-138
      if (type !== undefined) throw new ProviderDiagnostic(`group with name "${name}" and type "${type}" does not exist`);
      throw new ProviderDiagnostic(`group with name "${name}" does not exist`);
    }
    // :139-145 a single result is taken even when its name only starts with the one asked for.
    if (groups.length === 1) group = groups[0];
  }
  const found = group!;
  const state: Record<string, Value> = { ...config, id: found.id, description: found.profile.description ?? "" };
  if (!isEveryone) {
    state["type"] = found.type;
    state["name"] = found.profile.name;
  }
  // :153-160: users only when asked for; the local org has no users.
  if (!isEveryone && config["include_users"] === true) state["users"] = [];
  return state;
}

export const dataGroup: DataSourceBehaviour = {
  validate(config): Diagnostic[] {
    // :25 id ConflictsWith name and type (helper/schema/schema.go:1912-1920, :1963-1964).
    const id = config["id"];
    if (id === null || id === undefined || isUnknown(id)) return [];
    const other = ["name", "type"].find((key) => config[key] !== null && config[key] !== undefined && !isUnknown(config[key]));
    return other
      ? [{ severity: "error", summary: "Conflicting configuration arguments", detail: `"id": conflicts with ${other}`, attribute: ["id"] }]
      : [];
  },
  read(config, context) {
    return findGroup(orgOf(context), str(config["name"]), config, false);
  },
};

export const dataEveryoneGroup: DataSourceBehaviour = {
  // data_source_okta_everyone_group.go:31-33: findGroup(GroupProfileEveryone, ...).
  read(config, context) {
    return findGroup(orgOf(context), EVERYONE, { ...config, id: null }, true);
  },
};
