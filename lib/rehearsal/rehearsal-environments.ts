/**
 * The environments file a rehearsal deploys: the user's own, with everything that would reach real
 * infrastructure pointed at the rehearsal folder instead. Remote state backends become local state files
 * there, and every cluster becomes a context of the rehearsal's kubeconfig (which the local Kubernetes
 * and Helm providers play); the identity-provider settings stay exactly as written, since the local Okta
 * and Auth0 providers play those orgs and tenants by name.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { loadEnvironments, type LoadedEnvironments } from "../config/load-environments";

export interface RehearsalPaths {
  readonly folder: string;
  /** The local world: Okta orgs, Auth0 tenants and clusters as JSON files (local-providers/provider/world.ts). */
  readonly world: string;
  readonly state: string;
  readonly kubeconfig: string;
  readonly environmentsFile: string;
  /** cdktf's output folder. */
  readonly output: string;
}

export function rehearsalPaths(folder: string): RehearsalPaths {
  return {
    folder,
    world: join(folder, "world"),
    state: join(folder, "state"),
    kubeconfig: join(folder, "kubeconfig"),
    environmentsFile: join(folder, "environments.yaml"),
    output: join(folder, "cdktf.out"),
  };
}

type RawEnvironment = Record<string, unknown> & { name?: unknown };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The kubeconfig context a cluster becomes: its own context name, "in-cluster", or the kubeconfig's current one. */
function rehearsalContext(cluster: Record<string, unknown>): string {
  if (cluster["inCluster"] === true) return "in-cluster";
  if (typeof cluster["context"] === "string") return cluster["context"];
  return `current-context-of-${String(cluster["kubeconfigPath"] ?? "kubeconfig").replace(/[^A-Za-z0-9.-]+/g, "-")}`;
}

/**
 * Writes the rehearsal's environments file and kubeconfig from the user's file, then loads it with the
 * project's own loader, so a file the project refuses is refused here too, before anything runs.
 */
export function prepareRehearsalEnvironments(
  sourceFile: string,
  paths: RehearsalPaths,
): LoadedEnvironments & { readonly contexts: string[] } {
  const raw = parseYaml(readFileSync(sourceFile, "utf8")) as { environments?: unknown };
  const entries = Array.isArray(raw?.environments) ? (raw.environments as unknown[]) : [];
  const contexts = new Set<string>();
  const rewritten = entries.map((entry) => {
    const environment = record(entry);
    if (!environment) return entry;
    const copy: RawEnvironment = structuredClone(environment);
    copy["backend"] = { type: "local", path: join(paths.state, `openmetadata-${String(copy.name)}.tfstate`) };
    const openmetadata = record(copy["openmetadata"]);
    const cluster = record(openmetadata?.["cluster"]);
    if (openmetadata && cluster) {
      const context = rehearsalContext(cluster);
      contexts.add(context);
      openmetadata["cluster"] = { kubeconfigPath: paths.kubeconfig, context };
    }
    const serviceApp = record(record(copy["okta"])?.["serviceApp"]);
    const jwksFile = serviceApp?.["jwksFile"];
    if (serviceApp && typeof jwksFile === "string" && !isAbsolute(jwksFile)) {
      serviceApp["jwksFile"] = resolve(dirname(resolve(sourceFile)), jwksFile);
    }
    return copy;
  });
  mkdirSync(paths.state, { recursive: true });
  mkdirSync(paths.world, { recursive: true });
  writeFileSync(
    paths.environmentsFile,
    `# Rehearsal copy of ${resolve(sourceFile)}: state and clusters point into this folder.\n${stringifyYaml({ ...raw, environments: rewritten })}`,
  );
  writeFileSync(paths.kubeconfig, rehearsalKubeconfig([...contexts].sort()), { mode: 0o600 });
  return { ...loadEnvironments(paths.environmentsFile), contexts: [...contexts].sort() };
}

/**
 * A kubeconfig naming the rehearsal's clusters. The local Kubernetes and Helm providers read the context
 * to choose the cluster in the world; the server address is never contacted, and there are no credentials.
 */
function rehearsalKubeconfig(contexts: readonly string[]): string {
  return stringifyYaml({
    apiVersion: "v1",
    kind: "Config",
    "current-context": contexts[0] ?? "rehearsal",
    clusters: contexts.map((name) => ({ name, cluster: { server: "https://127.0.0.1:6443" } })),
    users: [{ name: "rehearsal", user: {} }],
    contexts: contexts.map((name) => ({ name, context: { cluster: name, user: "rehearsal" } })),
  });
}
