/**
 * Which cluster a kubernetes or helm provider configuration points at, and that cluster's world.
 *
 * One world tenant per cluster, shared by both providers (a helm release lives in the namespaces the
 * kubernetes provider creates): <world>/kubernetes/<cluster>/<collection>/<id>.json. The cluster is named
 * by the kubeconfig context the real client would use (the configured context, else the kubeconfig's
 * current-context), by `host` when no kubeconfig is given, and "in-cluster" when the configuration names
 * no cluster at all (the real clients then use the pod's service account: client-go@v0.28.6
 * tools/clientcmd/merged_client_builder.go:96-127; the local world does not ask whether it runs in a pod).
 *
 * The kubeconfig is read as client-go reads it (tools/clientcmd/loader.go:197-260, client_config.go:396-425,
 * validation.go:215-240), only for context and cluster names: credentials are never read into a message.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { parse } from "yaml";
import { WorldTenant, worldFolder } from "../../provider/world";

/** The world's provider folder for clusters; both local providers use it. */
export const CLUSTER_WORLD_PROVIDER = "kubernetes";

/** The tenant name when the configuration names no cluster. */
export const IN_CLUSTER = "in-cluster";

/** World collections. Namespaced objects are keyed "namespace/name", as the provider's ids (structures.go:29). */
export const COLLECTIONS = {
  namespaces: "namespaces",
  secrets: "secrets",
  configmaps: "configmaps",
  networkpolicies: "networkpolicies",
  serviceaccounts: "serviceaccounts",
  roles: "roles",
  rolebindings: "rolebindings",
  releases: "releases",
  /** StorageClasses a person or test declares; see ../helm/release-rules.ts (the Airflow logs claim). */
  storageclasses: "storageclasses",
  /** The cluster's own counters (the resourceVersion sequence). */
  cluster: "cluster",
} as const;

/** Collections whose objects live in a namespace: deleting the namespace deletes them (the namespace controller). */
export const NAMESPACED_COLLECTIONS = [
  COLLECTIONS.secrets,
  COLLECTIONS.configmaps,
  COLLECTIONS.networkpolicies,
  COLLECTIONS.serviceaccounts,
  COLLECTIONS.roles,
  COLLECTIONS.rolebindings,
  COLLECTIONS.releases,
];

/** Namespaces every cluster starts with (kube-apiserver creates them; `default` may not be deleted). */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

/** What a provider configuration says about the cluster, after the provider's own environment fallbacks. */
export interface ClusterSettings {
  /** config_path, or config_paths, or KUBE_CONFIG_PATHS, in the provider's order of preference. */
  readonly configPaths: readonly string[];
  /** config_context (KUBE_CTX): only honoured together with a kubeconfig, as both providers do. */
  readonly context?: string;
  readonly host?: string;
}

export type ClusterResolution = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly error: string };

/** client-go validation.go:33: the error client-go turns into in-cluster configuration when it can. */
const EMPTY_CONFIG = "invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable";
const EMPTY_CLUSTER = "cluster has no server defined";

/** mitchellh/go-homedir Expand: "~" and "~/..." against $HOME; "~user" is refused. */
export function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  if (!path.startsWith("~")) return path;
  if (path.length > 1 && path[1] !== "/" && path[1] !== "\\") throw new Error("cannot expand user-specific home dir");
  const home = env["HOME"] ?? "";
  if (!home) throw new Error("HOME is not defined");
  return join(home, path.slice(1));
}

interface Kubeconfig {
  readonly currentContext?: string;
  readonly contexts: Map<string, { cluster?: string }>;
  readonly clusters: Map<string, { server?: string }>;
}

function readKubeconfig(path: string): Kubeconfig {
  let document: unknown;
  try {
    document = parse(readFileSync(path, "utf8"));
  } catch (error) {
    // Only the position: a parser's excerpt of the file could show a credential.
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new Error(`error loading config file "${path}": yaml: ${line === undefined ? "" : `line ${line}: `}could not parse the file`);
  }
  const object = (document ?? {}) as Record<string, unknown>;
  const named = (key: string, inner: string) => {
    const entries = new Map<string, Record<string, unknown>>();
    for (const item of Array.isArray(object[key]) ? (object[key] as unknown[]) : []) {
      const entry = item as Record<string, unknown> | null;
      if (entry && typeof entry["name"] === "string" && !entries.has(entry["name"])) {
        entries.set(entry["name"], (entry[inner] ?? {}) as Record<string, unknown>);
      }
    }
    return entries;
  };
  const currentContext = object["current-context"];
  return {
    ...(typeof currentContext === "string" && currentContext ? { currentContext } : {}),
    contexts: named("contexts", "context") as Map<string, { cluster?: string }>,
    clusters: named("clusters", "cluster") as Map<string, { server?: string }>,
  };
}

/**
 * The cluster a configuration reaches, or the error the real client reports for it. One kubeconfig is an
 * explicit path that must exist (loader.go:208-212: the os.Stat error); several are a precedence list
 * where missing files are skipped and the first file to name a context or cluster wins (loader.go:218-260).
 */
export function resolveCluster(settings: ClusterSettings, env: NodeJS.ProcessEnv): ClusterResolution {
  if (settings.configPaths.length === 0) {
    if (settings.host) return { ok: true, name: settings.host };
    return { ok: true, name: IN_CLUSTER };
  }
  const merged: { currentContext?: string; contexts: Map<string, { cluster?: string }>; clusters: Map<string, { server?: string }> } = {
    contexts: new Map(),
    clusters: new Map(),
  };
  try {
    const paths = settings.configPaths.map((path) => expandHome(path, env));
    if (paths.length === 1 && !existsSync(paths[0]!)) return { ok: false, error: `stat ${paths[0]}: no such file or directory` };
    for (const path of paths) {
      if (!path || !existsSync(path)) continue;
      const config = readKubeconfig(path);
      merged.currentContext ??= config.currentContext;
      for (const [name, context] of config.contexts) if (!merged.contexts.has(name)) merged.contexts.set(name, context);
      for (const [name, cluster] of config.clusters) if (!merged.clusters.has(name)) merged.clusters.set(name, cluster);
    }
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const contextName = settings.context || merged.currentContext;
  const errors: string[] = [];
  const context = contextName ? merged.contexts.get(contextName) : undefined;
  if (contextName && !context) errors.push(`context was not found for specified context: ${contextName}`);
  if (!settings.host) {
    const clusterName = context?.cluster ?? "";
    const cluster = merged.clusters.get(clusterName);
    if (!cluster || Object.keys(cluster).length === 0) errors.push(EMPTY_CLUSTER);
    else if (!cluster.server)
      errors.push(clusterName ? `no server found for cluster "${clusterName}"` : "default cluster has no server defined");
  }
  if (errors.length === 1 && errors[0] === EMPTY_CLUSTER) {
    // Nothing named: client-go falls back to the in-cluster configuration (merged_client_builder.go:106-123).
    return contextName ? { ok: false, error: EMPTY_CONFIG } : { ok: true, name: IN_CLUSTER };
  }
  if (errors.length > 0)
    return { ok: false, error: `invalid configuration: ${errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`}` };
  return { ok: true, name: contextName ?? settings.host ?? IN_CLUSTER };
}

/** The world of a cluster both providers share. */
export function clusterTenant(env: NodeJS.ProcessEnv, name: string): WorldTenant {
  return new WorldTenant(worldFolder(env), CLUSTER_WORLD_PROVIDER, name);
}

/** A namespaced object's id, as the kubernetes provider builds it (structures.go:29 buildId). */
export function namespacedId(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A stored namespace, or the one the API server made for a system namespace (stable uid per cluster). */
export function getNamespace(tenant: WorldTenant, name: string): { metadata: ObjectMeta; status: { phase: string } } | undefined {
  const stored = tenant.get<{ metadata: ObjectMeta; status: { phase: string } }>(COLLECTIONS.namespaces, name);
  if (stored) return stored;
  if (!(SYSTEM_NAMESPACES as readonly string[]).includes(name)) return undefined;
  return {
    metadata: {
      name,
      uid: systemUid(tenant, name),
      resourceVersion: "1",
      creationTimestamp: "1970-01-01T00:00:00Z",
      labels: { "kubernetes.io/metadata.name": name },
    },
    status: { phase: "Active" },
  };
}

/** A uid that stays the same for an object the cluster made itself (a digest: names sharing a prefix differ). */
function systemUid(tenant: WorldTenant, name: string): string {
  const hex = createHash("sha256").update(`${tenant.name}/${name}`).digest("hex").slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function namespaceExists(tenant: WorldTenant, name: string): boolean {
  return getNamespace(tenant, name) !== undefined;
}

/** A ServiceAccount as the API serves it (core/v1). */
export interface StoredServiceAccount {
  readonly [key: string]: unknown;
  apiVersion: "v1";
  kind: "ServiceAccount";
  metadata: ObjectMeta;
  /** ObjectReference and LocalObjectReference: `name` is omitempty. */
  secrets?: { name?: string }[];
  imagePullSecrets?: { name?: string }[];
  automountServiceAccountToken?: boolean;
}

/**
 * A stored service account, or the `default` one the service account controller makes in every namespace
 * (kubernetes/kubernetes pkg/controller/serviceaccount/serviceaccounts_controller.go: it recreates it at
 * once when deleted, so the world never stores it).
 */
export function getServiceAccount(tenant: WorldTenant, namespace: string, name: string): StoredServiceAccount | undefined {
  const stored = tenant.get<StoredServiceAccount>(COLLECTIONS.serviceaccounts, namespacedId(namespace, name));
  if (stored) return stored;
  if (name !== "default" || !namespaceExists(tenant, namespace)) return undefined;
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: {
      name,
      namespace,
      uid: systemUid(tenant, `${namespace}/serviceaccounts/default`),
      resourceVersion: "1",
      creationTimestamp: "1970-01-01T00:00:00Z",
    },
  };
}

/** The next resourceVersion: etcd's revision, one sequence per cluster (a string of digits). */
export function nextResourceVersion(tenant: WorldTenant): string {
  const current = tenant.get<{ revision: number }>(COLLECTIONS.cluster, "revision")?.revision ?? 1000;
  const next = current + 1;
  tenant.put(COLLECTIONS.cluster, "revision", { revision: next });
  return String(next);
}

/** Metadata the API server fills in on create: uid, resourceVersion, creationTimestamp. */
export function newObjectMeta(tenant: WorldTenant, meta: { name: string; namespace?: string; generateName?: string }): ObjectMeta {
  return {
    ...meta,
    uid: randomUUID(),
    resourceVersion: nextResourceVersion(tenant),
    creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

/**
 * apiserver storage/names SimpleNameGenerator: generateName plus five characters from an alphabet without
 * vowels, the prefix cut to leave room within 63 characters.
 */
export function generateName(prefix: string): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
  let suffix = "";
  for (let index = 0; index < 5; index++) suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
  return base + suffix;
}
