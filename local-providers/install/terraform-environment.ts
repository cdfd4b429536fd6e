/**
 * The environment a Terraform or cdktf command runs in against the local providers: the installation's
 * CLI configuration instead of the user's, the world folder, no telemetry, and none of the user's
 * TF_CLI_ARGS or plugin cache that could change what is run. The user's own credentials and variables
 * are left out too: a rehearsal never needs them, and a local provider configured from a real
 * OKTA_API_TOKEN or AUTH0_CLIENT_ID would behave differently from the one the rehearsal set up.
 */
import { WORLD_VARIABLE } from "../provider/world";
import type { LocalProviderInstallation } from "./build";

import { CHARTS_VARIABLE } from "../providers/helm/chart-library";

/** Names (or prefixes, ending in _) of the user's variables a command against the local world never sees. */
const LEFT_OUT = [
  "TF_CLI_ARGS",
  "TF_CLI_ARGS_",
  "TF_PLUGIN_CACHE_DIR",
  "TF_DATA_DIR",
  "TF_LOG",
  "TF_LOG_PATH",
  "TF_VAR_",
  "TF_TOKEN_",
  "OKTA_",
  "AUTH0_",
  "KUBECONFIG",
  "KUBE_",
  "HELM_",
  "AWS_",
  "GOOGLE_",
  "ARM_",
];

export interface LocalWorldOptions {
  readonly world: string;
  /** A folder of <chart>-<version>/ folders (Chart.yaml, values.schema.json); absent: no chart can be installed. */
  readonly charts?: string;
  /** More variables for the command (credentials for the local tenants, TF_VAR_...). */
  readonly extra?: NodeJS.ProcessEnv;
}

export function terraformEnvironment(
  installation: LocalProviderInstallation,
  options: LocalWorldOptions,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (LEFT_OUT.some((left) => (left.endsWith("_") ? name.startsWith(left) : name === left))) continue;
    env[name] = value;
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: installation.cliConfigFile,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    [WORLD_VARIABLE]: options.world,
    ...(options.charts ? { [CHARTS_VARIABLE]: options.charts } : {}),
    ...options.extra,
  };
}
