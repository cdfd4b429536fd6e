/**
 * kubernetes_namespace_v1: hashicorp/terraform-provider-kubernetes@v2.38.0
 * kubernetes/resource_kubernetes_namespace_v1.go, against the API server's rules for namespaces
 * (kubernetes/kubernetes pkg/apis/core/validation ValidateNamespace: ValidateObjectMeta with
 * ValidateNamespaceName = NameIsDNSLabel, apimachinery@v0.28.6 pkg/api/validation/generic.go:63).
 */
import { ProviderDiagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import type { ObjectValue } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import {
  COLLECTIONS,
  NAMESPACED_COLLECTIONS,
  SYSTEM_NAMESPACES,
  generateName,
  getNamespace,
  newObjectMeta,
  nextResourceVersion,
  type ObjectMeta,
} from "./cluster";
import { clusterOf, expandMetadata, flattenMetadata, objectMetaErrors, patchedMetadata, validateMetadata } from "./metadata";
import { alreadyExistsMessage, goQuote, invalidObjectMessage, nameIsDnsLabel } from "./validation";

type StoredNamespace = {
  apiVersion: "v1";
  kind: "Namespace";
  metadata: ObjectMeta;
  spec: { finalizers: string[] };
  status: { phase: string };
};

function state(namespace: { metadata: ObjectMeta }, previous: ObjectValue, context: ProviderContext): ObjectValue {
  return {
    id: namespace.metadata.name,
    metadata: flattenMetadata(namespace.metadata, previous, context, false),
    wait_for_default_service_account: previous["wait_for_default_service_account"] ?? false,
    timeouts: previous["timeouts"] ?? null,
  };
}

/**
 * The namespace controller's cleanup: deleting a namespace deletes everything in it, Helm's release
 * records included (they are Secrets in the namespace).
 */
function deleteContents(tenant: WorldTenant, name: string): void {
  for (const collection of NAMESPACED_COLLECTIONS) {
    // API objects carry metadata; Helm's release records (../helm/release.ts) their own name and namespace.
    type Stored = { metadata?: { name?: string; namespace?: string }; name?: string; namespace?: string };
    for (const object of tenant.list<Stored>(collection)) {
      const objectName = object.metadata?.name ?? object.name;
      const objectNamespace = object.metadata?.namespace ?? object.namespace;
      if (objectNamespace === name && objectName) tenant.delete(collection, `${name}/${objectName}`);
    }
  }
}

export const namespaceV1: ResourceBehaviour = {
  validate: (config) => validateMetadata(config, false),

  create(planned, context) {
    const tenant = clusterOf(context, "POST", "/api/v1/namespaces");
    const input = expandMetadata(planned, false);
    const errors = objectMetaErrors(input, nameIsDnsLabel);
    if (errors.length > 0) throw new ProviderDiagnostic(invalidObjectMessage("Namespace", input.name ?? input.generateName ?? "", errors));
    const name = input.name ?? generateName(input.generateName!);
    if (getNamespace(tenant, name)) throw new ProviderDiagnostic(alreadyExistsMessage("namespaces", name));
    const namespace: StoredNamespace = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        ...newObjectMeta(tenant, { name, ...(input.generateName ? { generateName: input.generateName } : {}) }),
        // The API server labels every namespace with its name (KEP-2161, GA in 1.22); the provider hides it.
        labels: { ...input.labels, "kubernetes.io/metadata.name": name },
        ...(input.annotations ? { annotations: input.annotations } : {}),
      },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    };
    tenant.put(COLLECTIONS.namespaces, name, namespace);
    // :66-85 wait_for_default_service_account: the service account controller makes `default` at once here.
    return state(namespace, planned, context);
  },

  read(current, context) {
    const tenant = clusterOf(context, "GET", `/api/v1/namespaces/${String(current["id"])}`);
    const namespace = getNamespace(tenant, String(current["id"]));
    return namespace ? state(namespace, current, context) : null;
  },

  update(planned, prior, context) {
    const name = String(prior["id"]);
    const tenant = clusterOf(context, "PATCH", `/api/v1/namespaces/${name}`);
    const stored = tenant.get<StoredNamespace>(COLLECTIONS.namespaces, name) ?? getNamespace(tenant, name);
    if (!stored) throw new ProviderDiagnostic(`namespaces ${goQuote(name)} not found`);
    const metadata = patchedMetadata(stored.metadata, expandMetadata(prior, false), expandMetadata(planned, false));
    const updated: StoredNamespace = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { ...metadata, resourceVersion: nextResourceVersion(tenant) },
      spec: { finalizers: ["kubernetes"] },
      status: stored.status,
    };
    tenant.put(COLLECTIONS.namespaces, name, updated);
    return state(updated, planned, context);
  },

  delete(prior, context) {
    const name = String(prior["id"]);
    const tenant = clusterOf(context, "DELETE", `/api/v1/namespaces/${name}`);
    // The NamespaceLifecycle admission plugin refuses to delete the immortal namespaces.
    if ((SYSTEM_NAMESPACES as readonly string[]).slice(0, 3).includes(name)) {
      throw new ProviderDiagnostic(`namespaces ${goQuote(name)} is forbidden: this namespace may not be deleted`);
    }
    // :155-160: a namespace already gone is no error; :163-185 waits while it is Terminating (immediate here).
    deleteContents(tenant, name);
    tenant.delete(COLLECTIONS.namespaces, name);
  },

  // :29-31 resourceIdentityImportNonNamespaced: the id is the name.
  import: (id) => ({ id }),
};
