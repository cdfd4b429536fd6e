/**
 * What the API server and the provider do alike for every namespaced kind served here (Secret, ConfigMap,
 * NetworkPolicy, ServiceAccount, Role, RoleBinding): the object a state's id names, the create as the API
 * server admits it, and the provider's read (gone is null) and delete (already gone is no error).
 * Sources: hashicorp/terraform-provider-kubernetes@v2.38.0 kubernetes/<file>:<line>.
 */
import { ProviderDiagnostic, type PlanAdjustment, type ProviderContext } from "../../provider/behaviour";
import { isUnknown, valuesEqual, type ObjectValue, type Value } from "../../provider/values";
import type { WorldObject, WorldTenant } from "../../provider/world";
import { generateName, namespacedId, newObjectMeta, type ObjectMeta } from "./cluster";
import { clusterOf, expandMetadata, idParts, requireNamespace, type MetadataInput } from "./metadata";
import { alreadyExistsMessage, invalidObjectMessage, type FieldError } from "./validation";

export interface NamespacedKind<T> {
  /** The group's API path: "/api/v1", "/apis/rbac.authorization.k8s.io/v1". */
  readonly api: string;
  /** The world collection, which is also the API's plural resource name ("secrets"). */
  readonly collection: string;
  /** The kind as an Invalid error names it: "Secret", "Role.rbac.authorization.k8s.io". */
  readonly kind: string;
  /** The resource as an AlreadyExists error names it: "secrets", "roles.rbac.authorization.k8s.io". */
  readonly resource: string;
  /** The object the API serves; by default the world's file (a ServiceAccount adds the controller's `default`). */
  readonly get?: (tenant: WorldTenant, namespace: string, name: string) => T | undefined;
}

export function storedObject<T extends WorldObject>(
  kind: NamespacedKind<T>,
  tenant: WorldTenant,
  namespace: string,
  name: string,
): T | undefined {
  return kind.get ? kind.get(tenant, namespace, name) : tenant.get<T>(kind.collection, namespacedId(namespace, name));
}

/** The object a state's id names (structures.go:19 idParts): the cluster reached with `method` on its path, and what it holds. */
export function locate<T extends WorldObject>(kind: NamespacedKind<T>, context: ProviderContext, method: string, id: Value | undefined) {
  const [namespace, name] = idParts(String(id));
  const tenant = clusterOf(context, method, `${kind.api}/namespaces/${namespace}/${kind.collection}/${name}`);
  return { tenant, namespace, name, current: storedObject(kind, tenant, namespace, name) };
}

/** The metadata the provider sends on create and the cluster the POST reaches. */
export function createRequest<T>(kind: NamespacedKind<T>, planned: ObjectValue, context: ProviderContext) {
  const input = expandMetadata(planned, true);
  const namespace = input.namespace!;
  const tenant = clusterOf(context, "POST", `${kind.api}/namespaces/${namespace}/${kind.collection}`);
  return { input, namespace, tenant };
}

/**
 * The API server's create: NamespaceLifecycle admission (the namespace must exist), then validation (`errors`,
 * the metadata's and the kind's), then a name made for generateName, then AlreadyExists. The new object's metadata.
 */
export function admitCreate<T extends WorldObject>(
  kind: NamespacedKind<T>,
  tenant: WorldTenant,
  input: MetadataInput,
  errors: readonly FieldError[],
): ObjectMeta {
  const namespace = input.namespace!;
  requireNamespace(tenant, namespace);
  if (errors.length > 0) throw new ProviderDiagnostic(invalidObjectMessage(kind.kind, input.name ?? input.generateName ?? "", errors));
  const name = input.name ?? generateName(input.generateName!);
  if (storedObject(kind, tenant, namespace, name)) throw new ProviderDiagnostic(alreadyExistsMessage(kind.resource, name));
  return {
    ...newObjectMeta(tenant, { name, namespace, ...(input.generateName ? { generateName: input.generateName } : {}) }),
    ...(input.labels ? { labels: input.labels } : {}),
    ...(input.annotations ? { annotations: input.annotations } : {}),
  };
}

/**
 * The CustomizeDiff the Secret and the ConfigMap share (resource_kubernetes_secret_v1.go:37-59,
 * resource_kubernetes_config_map_v1.go:30-52): once immutable, a change to data, binary_data or immutable
 * replaces the object. The plan adjustment, `planned` kept.
 */
export function immutableDataPlan(planned: ObjectValue, prior: ObjectValue | null): PlanAdjustment {
  if (!prior || prior["immutable"] !== true) return { planned };
  const requiresReplace = (["data", "binary_data", "immutable"] as const)
    .filter((name) => !isUnknown(planned[name] ?? null) && !valuesEqual(planned[name] ?? null, prior[name] ?? null))
    .map((name) => [name]);
  return { planned, requiresReplace };
}

/** The provider's read: the object as the state shows it, or null when it is gone (Terraform then plans to create it). */
export function readObject<T extends WorldObject>(
  kind: NamespacedKind<T>,
  current: ObjectValue,
  context: ProviderContext,
  state: (object: T, previous: ObjectValue, context: ProviderContext) => ObjectValue,
): ObjectValue | null {
  const { current: object } = locate(kind, context, "GET", current["id"]);
  return object ? state(object, current, context) : null;
}

/** The provider's delete: an object already gone is no error (each kind's delete ignores NotFound). */
export function deleteObject<T extends WorldObject>(kind: NamespacedKind<T>, prior: ObjectValue, context: ProviderContext): void {
  const [namespace, name] = idParts(String(prior["id"]));
  const tenant = clusterOf(context, "DELETE", `${kind.api}/namespaces/${namespace}/${kind.collection}/${name}`);
  tenant.delete(kind.collection, namespacedId(namespace, name));
}
