import type { Environment, OpenMetadataSettings } from "../config/environment";
import { CHART_NAME } from "./chart";

/** An environment that deploys the chart, with the values its synthesized `helm_release` passes. */
export interface ReleaseValues {
  readonly environment: Environment;
  readonly settings: OpenMetadataSettings;
  /** The `values` list of the release: YAML documents, Terraform references unresolved. */
  readonly documents: readonly string[];
}

/**
 * Synthesizes environments that deploy the chart and returns their release values. Passed in by the
 * caller (stacks/release-values.ts): lib/ does not build stacks, so the check stays below them.
 */
export type SynthesizeReleaseValues = (environments: readonly DeployedEnvironment[]) => ReleaseValues[];

export type DeployedEnvironment = Environment & { openmetadata: OpenMetadataSettings };

export function deploysChart(environment: Environment): environment is DeployedEnvironment {
  return environment.openmetadata !== undefined;
}

/** The values of the one release of the `openmetadata` chart in a stack's synthesized JSON, whatever its Terraform address. */
export function releaseValuesOf(stackId: string, synthesized: string, environment: DeployedEnvironment): ReleaseValues {
  const json = JSON.parse(synthesized) as { resource?: { helm_release?: Record<string, { chart?: unknown; values?: unknown }> } };
  const releases = Object.entries(json.resource?.helm_release ?? {}).filter(([, release]) => release.chart === CHART_NAME);
  const [release] = releases;
  if (releases.length !== 1 || !release)
    throw new Error(`${stackId}: expected one helm_release of the ${CHART_NAME} chart, found ${releases.length}`);
  const [address, { values }] = release;
  if (!Array.isArray(values) || !values.every((document): document is string => typeof document === "string")) {
    throw new Error(`${stackId}: helm_release.${address}.values is not a list of YAML strings`);
  }
  return { environment, settings: environment.openmetadata, documents: values };
}
