/**
 * kubernetes_role_v1: hashicorp/terraform-provider-kubernetes@v2.38.0 kubernetes/resource_kubernetes_role_v1.go
 * (expandRules :224-246, flattenRules :248-268), names checked by schema_rbac.go:14-42. API rules:
 * kubernetes/kubernetes pkg/apis/rbac/validation/validation.go ValidateRole (ValidateObjectMeta with
 * ValidateRBACName = path.IsValidPathSegmentName, and ValidatePolicyRule for a namespaced rule).
 * The world's user may grant anything: the RBAC escalation check (the creator must hold what a Role grants,
 * or the `escalate` verb) passes as it does for a cluster admin.
 */
import { ProviderDiagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import { isObjectValue, stringListAt, valuesEqual, type ObjectValue, type Value } from "../../provider/values";
import { COLLECTIONS, namespacedId, nextResourceVersion, type ObjectMeta } from "./cluster";
import { expandMetadata, flattenMetadata, objectMetaErrors, patchedMetadata, validateMetadata } from "./metadata";
import { admitCreate, createRequest, deleteObject, locate, readObject, type NamespacedKind } from "./namespaced";
import { goQuote, invalidObjectMessage, isValidPathSegmentName, required, type FieldError } from "./validation";

/** rbac/v1 PolicyRule as the API serves it: every list but `verbs` omitempty. */
export interface PolicyRule {
  verbs: string[] | null;
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export type StoredRole = {
  apiVersion: "rbac.authorization.k8s.io/v1";
  kind: "Role";
  metadata: ObjectMeta;
  rules: PolicyRule[] | null;
};

const ROLES: NamespacedKind<StoredRole> = {
  api: "/apis/rbac.authorization.k8s.io/v1",
  collection: COLLECTIONS.roles,
  kind: "Role.rbac.authorization.k8s.io",
  resource: "roles.rbac.authorization.k8s.io",
};

/** ValidateRBACName ignores the prefix flag: a generateName is checked as a whole name too. */
export const rbacName = (name: string): string[] => isValidPathSegmentName(name);

/** A string set as the provider reads one back (newStringSet, structures.go:439): no duplicates, and cty's order. */
function stringSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** :224-246 expandRules: each set sent only when it has members. */
function expandRules(resource: ObjectValue): PolicyRule[] {
  const rules = Array.isArray(resource["rule"]) ? (resource["rule"] as Value[]).filter(isObjectValue) : [];
  return rules.map((rule) => {
    const field = (name: string) => stringListAt(rule, name);
    const result: PolicyRule = { verbs: field("verbs").length > 0 ? field("verbs") : null };
    if (field("api_groups").length > 0) result.apiGroups = field("api_groups");
    if (field("resources").length > 0) result.resources = field("resources");
    if (field("resource_names").length > 0) result.resourceNames = field("resource_names");
    return result;
  });
}

/** :248-268 flattenRules: an empty list is left unset (null in state). */
function flattenRules(rules: readonly PolicyRule[]): Value[] {
  const set = (values: readonly string[] | null | undefined): Value => (values && values.length > 0 ? stringSet(values) : null);
  return rules.map((rule) => ({
    api_groups: set(rule.apiGroups),
    resources: set(rule.resources),
    resource_names: set(rule.resourceNames),
    verbs: set(rule.verbs),
  }));
}

/** validation.go ValidatePolicyRule(rule, isNamespaced=true): the provider sends no nonResourceURLs. */
function ruleErrors(rules: readonly PolicyRule[]): FieldError[] {
  const errors: FieldError[] = [];
  rules.forEach((rule, index) => {
    const path = `rules[${index}]`;
    if (!rule.verbs || rule.verbs.length === 0) errors.push(required(`${path}.verbs`, "verbs must contain at least one value"));
    if (!rule.apiGroups?.length) errors.push(required(`${path}.apiGroups`, "resource rules must supply at least one api group"));
    if (!rule.resources?.length) errors.push(required(`${path}.resources`, "resource rules must supply at least one resource"));
  });
  return errors;
}

function state(role: StoredRole, previous: ObjectValue, context: ProviderContext): ObjectValue {
  return {
    id: namespacedId(role.metadata.namespace!, role.metadata.name),
    metadata: flattenMetadata(role.metadata, previous, context, true),
    rule: flattenRules(role.rules ?? []),
  };
}

export const roleV1: ResourceBehaviour = {
  // :31 metadataSchemaRBAC: name and generate_name take validateRBACNameFunc (schema_rbac.go:22-29).
  validate: (config) => validateMetadata(config, true, rbacName),

  create(planned, context) {
    const { input, namespace, tenant } = createRequest(ROLES, planned, context);
    const rules = expandRules(planned);
    const metadata = admitCreate(ROLES, tenant, input, [...objectMetaErrors(input, rbacName), ...ruleErrors(rules)]);
    const role: StoredRole = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata, rules };
    tenant.put(COLLECTIONS.roles, namespacedId(namespace, metadata.name), role);
    return state(role, planned, context);
  },

  read: (current, context) => readObject(ROLES, current, context, state),

  update(planned, prior, context) {
    const { tenant, namespace, name, current } = locate(ROLES, context, "PATCH", prior["id"]);
    if (!current) throw new ProviderDiagnostic(`Failed to update role: ${ROLES.resource} ${goQuote(name)} not found`);
    // :152-160: the metadata maps patched, the rules replaced as a whole when they changed.
    const rules = valuesEqual(planned["rule"] ?? null, prior["rule"] ?? null) ? current.rules : expandRules(planned);
    const errors = ruleErrors(rules ?? []);
    if (errors.length > 0) throw new ProviderDiagnostic(`Failed to update role: ${invalidObjectMessage(ROLES.kind, name, errors)}`);
    const role: StoredRole = {
      ...current,
      metadata: {
        ...patchedMetadata(current.metadata, expandMetadata(prior, true), expandMetadata(planned, true)),
        resourceVersion: nextResourceVersion(tenant),
      },
      rules,
    };
    tenant.put(COLLECTIONS.roles, namespacedId(namespace, name), role);
    return state(role, planned, context);
  },

  // :189-195: already gone is no error.
  delete: (prior, context) => deleteObject(ROLES, prior, context),

  // :26-28 resourceIdentityImportNamespaced (resourceidentity.go:61-83): the id as given; the read checks it.
  import: (id) => ({ id }),
};
