/**
 * The local hashicorp/helm 3.1.1: configuration as helm/provider.go:325-636 Configure reads it (environment
 * first, the provider block over it) and helm/kubeconfig.go:81-232 NewKubeConfig turns it into a cluster,
 * the same cluster world as the local kubernetes provider's (../kubernetes/cluster.ts).
 */
import { ProviderDiagnostic, type Diagnostic, type ProviderBehaviour } from "../../provider/behaviour";
import { boolAt, objectAt, stringAt, stringListAt, type ObjectValue } from "../../provider/values";
import { clusterTenant, resolveCluster, type ClusterSettings } from "../kubernetes/cluster";
import { CHARTS_VARIABLE, NO_CHART_LIBRARY_WARNING } from "./chart-library";
import { helmRelease, rememberCluster } from "./release";
import { schemas } from "./schema";

/** kubeconfig.go:105-149 with provider.go:346-486: KUBE_* first, the `kubernetes` block over them, KUBE_CONFIG_PATHS over all paths. */
export function helmClusterSettings(config: ObjectValue, env: NodeJS.ProcessEnv): ClusterSettings {
  const kubernetes = objectAt(config, "kubernetes") ?? {};
  const configPath = stringAt(kubernetes, "config_path") ?? env["KUBE_CONFIG_PATH"] ?? "";
  const envPaths = (env["KUBE_CONFIG_PATHS"] ?? "").split(":").filter(Boolean);
  let configPaths = [...(configPath ? [configPath] : []), ...envPaths, ...stringListAt(kubernetes, "config_paths")];
  if (envPaths.length > 0) configPaths = envPaths;
  const context = stringAt(kubernetes, "config_context") ?? env["KUBE_CTX"] ?? "";
  const host = stringAt(kubernetes, "host") ?? env["KUBE_HOST"] ?? "";
  return { configPaths, ...(context ? { context } : {}), ...(host ? { host } : {}) };
}

/** Go's strconv.ParseBool. */
function parseGoBool(text: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(text)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(text)) return false;
  return undefined;
}

const DRIVERS = ["memory", "configmap", "secret", "sql"];

export const provider: ProviderBehaviour = {
  schemas,

  validate(config) {
    const diagnostics: Diagnostic[] = [];
    // provider.go:147-156: OneOf the lower-cased storage driver names.
    const driver = config["helm_driver"];
    if (typeof driver === "string" && !DRIVERS.includes(driver)) {
      diagnostics.push({
        severity: "error",
        summary: "Invalid Attribute Value Match",
        detail: `Attribute helm_driver value must be one of: [${DRIVERS.map((name) => `"${name}"`).join(" ")}], got: "${driver}"`,
        attribute: ["helm_driver"],
      });
    }
    // provider.go:252-260: config_path ConflictsWith kubernetes.config_paths.
    const kubernetes = objectAt(config, "kubernetes");
    if (kubernetes && (kubernetes["config_path"] ?? null) !== null && (kubernetes["config_paths"] ?? null) !== null) {
      diagnostics.push({
        severity: "error",
        summary: "Invalid Attribute Combination",
        detail: `Attribute "kubernetes.config_paths" cannot be specified when "kubernetes.config_path" is specified`,
        attribute: ["kubernetes", "config_path"],
      });
    }
    return diagnostics;
  },

  configure(config, env) {
    // provider.go:378-420: the environment's numbers and booleans must parse.
    const burst = env["HELM_BURST_LIMIT"];
    if (burst && !/^[+-]?\d+$/.test(burst)) throw new ProviderDiagnostic("Invalid burst limit", `Invalid burst limit value: ${burst}`);
    const insecure = env["KUBE_INSECURE"];
    if (insecure && parseGoBool(insecure) === undefined)
      throw new ProviderDiagnostic("Invalid insecure value", `Invalid insecure value: ${insecure}`);
    const qps = env["HELM_QPS"];
    if (qps && Number.isNaN(Number(qps))) throw new ProviderDiagnostic("Invalid QPS value", `Invalid QPS value: ${qps}`);
    const manifestExperiment = boolAt(objectAt(config, "experiments") ?? {}, "manifest") === true;
    // The client is built lazily (kubeconfig.go:226): an unusable kubeconfig fails each call, not the configure.
    const resolution = resolveCluster(helmClusterSettings(config, env), env);
    const warnings = env[CHARTS_VARIABLE] ? [] : [NO_CHART_LIBRARY_WARNING];
    if (resolution.ok) {
      return rememberCluster({ config, tenant: clusterTenant(env, resolution.name), warnings }, { env, manifestExperiment });
    }
    return rememberCluster({ config, warnings }, { env, manifestExperiment, unreachable: resolution.error });
  },

  resources: { helm_release: helmRelease },
  dataSources: {},
};
