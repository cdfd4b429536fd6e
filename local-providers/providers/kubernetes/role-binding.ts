/**
 * kubernetes_role_binding_v1: hashicorp/terraform-provider-kubernetes@v2.38.0
 * kubernetes/resource_kubernetes_role_binding_v1.go, with schema_rbac.go (role_ref and subject) and
 * structures_rbac.go (expand :14-56, flatten :104-130, the subject patch :161-193). API rules:
 * kubernetes/kubernetes pkg/apis/rbac/validation/validation.go ValidateRoleBinding and
 * ValidateRoleBindingSubject, after pkg/apis/rbac/v1/defaults.go (SetDefaults_RoleBinding, SetDefaults_Subject).
 * A binding may name a Role that does not exist (the API does not look); the world's user may bind anything
 * (the RBAC `bind` check passes as it does for a cluster admin).
 */
import { ProviderDiagnostic, type Diagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import { firstBlock, isObjectValue, valuesEqual, type ObjectValue, type Value } from "../../provider/values";
import { COLLECTIONS, namespacedId, nextResourceVersion, type ObjectMeta } from "./cluster";
import { expandMetadata, flattenMetadata, objectMetaErrors, patchedMetadata, validateMetadata } from "./metadata";
import { admitCreate, createRequest, deleteObject, locate, readObject, type NamespacedKind } from "./namespaced";
import { rbacName } from "./role";
import { goQuote, invalid, invalidObjectMessage, nameIsDnsSubdomain, notSupported, required, type FieldError } from "./validation";

const RBAC_GROUP = "rbac.authorization.k8s.io";

interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}
/** rbac/v1 Subject: apiGroup and namespace omitempty. */
interface Subject {
  kind: string;
  name: string;
  apiGroup?: string;
  namespace?: string;
}
export type StoredRoleBinding = {
  apiVersion: "rbac.authorization.k8s.io/v1";
  kind: "RoleBinding";
  metadata: ObjectMeta;
  subjects?: Subject[];
  roleRef: RoleRef;
};

const ROLE_BINDINGS: NamespacedKind<StoredRoleBinding> = {
  api: "/apis/rbac.authorization.k8s.io/v1",
  collection: COLLECTIONS.rolebindings,
  kind: "RoleBinding.rbac.authorization.k8s.io",
  resource: "rolebindings.rbac.authorization.k8s.io",
};

/** A string field as d.Get reads it: null and unknown are Go's "". */
const text = (object: ObjectValue, name: string): string => (typeof object[name] === "string" ? (object[name] as string) : "");

/** structures_rbac.go:14-31 expandRBACRoleRef, then SetDefaults_RoleBinding (an empty apiGroup becomes the RBAC group). */
function expandRoleRef(resource: ObjectValue): RoleRef {
  const ref = firstBlock(resource, "role_ref") ?? {};
  return { apiGroup: text(ref, "api_group") || RBAC_GROUP, kind: text(ref, "kind"), name: text(ref, "name") };
}

/** structures_rbac.go:33-56 expandRBACSubjects, then SetDefaults_Subject (User and Group get the RBAC group). */
function expandSubjects(resource: ObjectValue): Subject[] {
  const subjects = Array.isArray(resource["subject"]) ? (resource["subject"] as Value[]).filter(isObjectValue) : [];
  return subjects.map((subject) => {
    const kind = text(subject, "kind");
    let apiGroup = text(subject, "api_group");
    if (!apiGroup && (kind === "User" || kind === "Group")) apiGroup = RBAC_GROUP;
    const namespace = text(subject, "namespace");
    return { kind, name: text(subject, "name"), ...(apiGroup ? { apiGroup } : {}), ...(namespace ? { namespace } : {}) };
  });
}

/** validation.go ValidateRoleBinding and ValidateRoleBindingSubject (isNamespaced = true). */
function bindingErrors(roleRef: RoleRef, subjects: readonly Subject[]): FieldError[] {
  const errors: FieldError[] = [];
  if (roleRef.apiGroup !== RBAC_GROUP) errors.push(notSupported("roleRef.apiGroup", roleRef.apiGroup, [RBAC_GROUP]));
  if (roleRef.kind !== "Role" && roleRef.kind !== "ClusterRole")
    errors.push(notSupported("roleRef.kind", roleRef.kind, ["Role", "ClusterRole"]));
  if (!roleRef.name) errors.push(required("roleRef.name"));
  else for (const message of rbacName(roleRef.name)) errors.push(invalid("roleRef.name", roleRef.name, message));
  subjects.forEach((subject, index) => {
    const path = `subjects[${index}]`;
    if (!subject.name) errors.push(required(`${path}.name`));
    const apiGroup = subject.apiGroup ?? "";
    switch (subject.kind) {
      case "ServiceAccount":
        // ValidateServiceAccountName = NameIsDNSSubdomain.
        if (subject.name)
          for (const message of nameIsDnsSubdomain(subject.name, false)) errors.push(invalid(`${path}.name`, subject.name, message));
        if (apiGroup) errors.push(notSupported(`${path}.apiGroup`, apiGroup, [""]));
        break;
      case "User":
      case "Group":
        if (apiGroup !== RBAC_GROUP) errors.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
        break;
      default:
        errors.push(notSupported(`${path}.kind`, subject.kind, ["ServiceAccount", "User", "Group"]));
    }
  });
  return errors;
}

/** structures_rbac.go:104-130: apiGroup and namespace only when not empty. */
function state(binding: StoredRoleBinding, previous: ObjectValue, context: ProviderContext): ObjectValue {
  const { roleRef } = binding;
  return {
    id: namespacedId(binding.metadata.namespace!, binding.metadata.name),
    metadata: flattenMetadata(binding.metadata, previous, context, true),
    role_ref: [{ api_group: roleRef.apiGroup || null, kind: roleRef.kind, name: roleRef.name }],
    subject: (binding.subjects ?? []).map((subject) => ({
      api_group: subject.apiGroup || null,
      kind: subject.kind,
      name: subject.name,
      namespace: subject.namespace || null,
    })),
  };
}

/** Go's %q of a []string, as validation.StringInSlice prints the valid values: ["Role" "ClusterRole"]. */
const quotedSlice = (values: readonly string[]) => `[${values.map((value) => goQuote(value)).join(" ")}]`;

export const roleBindingV1: ResourceBehaviour = {
  validate(config) {
    // :30 metadataSchemaRBAC: validateRBACNameFunc on name and generate_name (schema_rbac.go:22-29).
    const diagnostics: Diagnostic[] = validateMetadata(config, true, rbacName);
    // schema_rbac.go:51 and :58: StringInSlice (helper/validation/strings.go:135-152 in terraform-plugin-sdk v2.37.0).
    const ref = firstBlock(config, "role_ref");
    const allowed: [string, string[]][] = [
      ["api_group", [RBAC_GROUP]],
      ["kind", ["Role", "ClusterRole"]],
    ];
    for (const [name, valid] of allowed) {
      const value = ref?.[name];
      if (typeof value === "string" && !valid.includes(value)) {
        diagnostics.push({
          severity: "error",
          summary: `expected role_ref.0.${name} to be one of ${quotedSlice(valid)}, got ${value}`,
          attribute: ["role_ref", 0, name],
        });
      }
    }
    return diagnostics;
  },

  create(planned, context) {
    const { input, namespace, tenant } = createRequest(ROLE_BINDINGS, planned, context);
    const roleRef = expandRoleRef(planned);
    const subjects = expandSubjects(planned);
    const metadata = admitCreate(ROLE_BINDINGS, tenant, input, [...objectMetaErrors(input, rbacName), ...bindingErrors(roleRef, subjects)]);
    const binding: StoredRoleBinding = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata,
      ...(subjects.length > 0 ? { subjects } : {}),
      roleRef,
    };
    tenant.put(COLLECTIONS.rolebindings, namespacedId(namespace, metadata.name), binding);
    return state(binding, planned, context);
  },

  read: (current, context) => readObject(ROLE_BINDINGS, current, context, state),

  update(planned, prior, context) {
    const { tenant, namespace, name, current } = locate(ROLE_BINDINGS, context, "PATCH", prior["id"]);
    if (!current) throw new ProviderDiagnostic(`Failed to update RoleBinding: ${ROLE_BINDINGS.resource} ${goQuote(name)} not found`);
    // :140-144: the metadata maps patched; a subject change patched index by index (structures_rbac.go:161-193),
    // which leaves exactly the planned subjects. role_ref cannot change here: it forces a new binding (:35).
    const subjects = valuesEqual(planned["subject"] ?? null, prior["subject"] ?? null) ? (current.subjects ?? []) : expandSubjects(planned);
    const errors = bindingErrors(current.roleRef, subjects);
    if (errors.length > 0)
      throw new ProviderDiagnostic(`Failed to update RoleBinding: ${invalidObjectMessage(ROLE_BINDINGS.kind, name, errors)}`);
    const { subjects: _subjects, ...rest } = current;
    const binding: StoredRoleBinding = {
      ...rest,
      metadata: {
        ...patchedMetadata(current.metadata, expandMetadata(prior, true), expandMetadata(planned, true)),
        resourceVersion: nextResourceVersion(tenant),
      },
      ...(subjects.length > 0 ? { subjects } : {}),
    };
    tenant.put(COLLECTIONS.rolebindings, namespacedId(namespace, name), binding);
    return state(binding, planned, context);
  },

  // :172-178: already gone is no error.
  delete: (prior, context) => deleteObject(ROLE_BINDINGS, prior, context),

  // :25-27 resourceIdentityImportNamespaced (resourceidentity.go:61-83): the id as given; the read checks it.
  import: (id) => ({ id }),
};
