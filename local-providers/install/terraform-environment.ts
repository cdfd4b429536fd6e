/**
 * The environment a Terraform or cdktf command runs in against the local providers: the installation's
 * CLI configuration instead of the user's, the world folder, no telemetry, and none of the user's
 * TF_CLI_ARGS or plugin cache that could change what is run.
 */
import { WORLD_VARIABLE } from "../provider/world";
import type { LocalProviderInstallation } from "./build";

/** The variable naming the local chart library the helm provider reads charts from. */
export const CHARTS_VARIABLE = "OPENMETADATA_LOCAL_CHARTS";

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
    if (
      name.startsWith("TF_CLI_ARGS") ||
      name === "TF_PLUGIN_CACHE_DIR" ||
      name === "TF_DATA_DIR" ||
      name === "TF_LOG" ||
      name === "TF_LOG_PATH"
    )
      continue;
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
