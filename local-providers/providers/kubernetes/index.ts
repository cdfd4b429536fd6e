/**
 * The local hashicorp/kubernetes 2.38.0: configuration as kubernetes/provider.go:40-216 and 457-647 reads
 * it (environment defaults, the kubeconfig), the cluster it reaches kept in the local world.
 */
import type { Diagnostic, ProviderBehaviour, ProviderContext } from "../../provider/behaviour";
import { firstBlock, stringAt, stringListAt, type ObjectValue, type Value } from "../../provider/values";
import { clusterTenant, resolveCluster, type ClusterSettings } from "./cluster";
import { configMapV1 } from "./config-map";
import { namespaceV1 } from "./namespace";
import { networkPolicyV1 } from "./network-policy";
import { roleV1 } from "./role";
import { roleBindingV1 } from "./role-binding";
import { schemas } from "./schema";
import { secretV1 } from "./secret";
import { serviceAccountV1 } from "./service-account";

/** provider.go:43-131: the environment variable behind each attribute's DefaultFunc. */
const ENVIRONMENT_DEFAULTS: Record<string, string> = {
  host: "KUBE_HOST",
  username: "KUBE_USER",
  password: "KUBE_PASSWORD",
  insecure: "KUBE_INSECURE",
  tls_server_name: "KUBE_TLS_SERVER_NAME",
  client_certificate: "KUBE_CLIENT_CERT_DATA",
  client_key: "KUBE_CLIENT_KEY_DATA",
  cluster_ca_certificate: "KUBE_CLUSTER_CA_CERT_DATA",
  config_path: "KUBE_CONFIG_PATH",
  config_context: "KUBE_CTX",
  config_context_auth_info: "KUBE_CTX_AUTH_INFO",
  config_context_cluster: "KUBE_CTX_CLUSTER",
  token: "KUBE_TOKEN",
  proxy_url: "KUBE_PROXY_URL",
};

/** The provider block with its DefaultFuncs applied (a null attribute takes its variable's value). */
function withEnvironmentDefaults(config: ObjectValue, env: NodeJS.ProcessEnv): ObjectValue {
  const result: Record<string, Value> = { ...config };
  for (const [name, variable] of Object.entries(ENVIRONMENT_DEFAULTS)) {
    const value = env[variable];
    if ((result[name] ?? null) === null && value !== undefined && value !== "") {
      result[name] = name === "insecure" ? value === "true" || value === "1" : value;
    }
  }
  return result;
}

/** provider.go:505-561: config_path, else config_paths, else KUBE_CONFIG_PATHS; the context only with a kubeconfig. */
export function kubernetesClusterSettings(config: ObjectValue, env: NodeJS.ProcessEnv): ClusterSettings {
  const path = stringAt(config, "config_path");
  const paths = stringListAt(config, "config_paths");
  let configPaths: string[] = [];
  if (path) configPaths = [path];
  else if (paths.length > 0) configPaths = paths;
  else if (env["KUBE_CONFIG_PATHS"]) configPaths = env["KUBE_CONFIG_PATHS"].split(":").filter(Boolean);
  const context = stringAt(config, "config_context");
  const host = stringAt(config, "host");
  return { configPaths, ...(context ? { context } : {}), ...(host ? { host } : {}) };
}

export const provider: ProviderBehaviour = {
  schemas,

  validate(config) {
    const diagnostics: Diagnostic[] = [];
    // provider.go:102 ConflictsWith.
    if ((config["config_path"] ?? null) !== null && Array.isArray(config["config_paths"])) {
      diagnostics.push({ severity: "error", summary: `"config_path": conflicts with config_paths`, attribute: ["config_path"] });
    }
    // provider.go:142-152: a warning for the deprecated exec API version.
    const exec = firstBlock(config, "exec");
    if (exec && stringAt(exec, "api_version") === "client.authentication.k8s.io/v1alpha1") {
      diagnostics.push({
        severity: "warning",
        summary: "v1alpha1 of the client authentication API is deprecated, use v1beta1 or above",
        detail:
          "v1alpha1 of the client authentication API will be removed in Kubernetes client versions 1.24 and above. You may need to update your exec plugin to use the latest version.",
        attribute: ["exec", 0, "api_version"],
      });
    }
    // provider.go:198-215 StringIsValidRegExp (JavaScript's parser stands in for Go's regexp).
    for (const name of ["ignore_annotations", "ignore_labels"]) {
      const values = config[name];
      if (!Array.isArray(values)) continue;
      (values as Value[]).forEach((value, index) => {
        if (typeof value !== "string") return;
        try {
          new RegExp(value);
        } catch (error) {
          diagnostics.push({
            severity: "error",
            summary: `"${name}.${index}": error parsing regexp: ${(error as Error).message}`,
            attribute: [name, index],
          });
        }
      });
    }
    return diagnostics;
  },

  configure(config, env): ProviderContext {
    const effective = withEnvironmentDefaults(config, env);
    const resolution = resolveCluster(kubernetesClusterSettings(effective, env), env);
    if (resolution.ok) return { config: effective, tenant: clusterTenant(env, resolution.name) };
    // provider.go:634-644: an unusable kubeconfig is only a warning; calls then go to an empty client (http://localhost).
    return {
      config: effective,
      warnings: [
        {
          severity: "warning",
          summary: "Provider was supplied an invalid configuration. Further operations likely to fail.",
          detail: resolution.error,
        },
      ],
    };
  },

  resources: {
    kubernetes_namespace_v1: namespaceV1,
    kubernetes_secret_v1: secretV1,
    kubernetes_config_map_v1: configMapV1,
    kubernetes_network_policy_v1: networkPolicyV1,
    kubernetes_service_account_v1: serviceAccountV1,
    kubernetes_role_v1: roleV1,
    kubernetes_role_binding_v1: roleBindingV1,
  },
  dataSources: {},
};
