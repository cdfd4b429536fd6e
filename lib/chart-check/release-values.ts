import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { buildApp } from "../app";
import type { Environment, OpenMetadataSettings } from "../config/environment";
import type { OpenMetadataStack } from "../../stacks/openmetadata-stack";
import { CHART_NAME } from "./chart";

/** An environment that deploys the chart, with the values its synthesized `helm_release` passes. */
export interface ReleaseValues {
  readonly environment: Environment;
  readonly settings: OpenMetadataSettings;
  /** The `values` list of the release: YAML documents, Terraform references unresolved. */
  readonly documents: readonly string[];
}

export function deploysChart(environment: Environment): environment is Environment & { openmetadata: OpenMetadataSettings } {
  return environment.openmetadata !== undefined;
}

/**
 * Synthesizes each environment in memory (validations included; no Terraform files written) and reads the
 * values of the release of the `openmetadata` chart, whatever its Terraform address.
 */
export function synthesizeReleaseValues(environments: readonly Environment[]): ReleaseValues[] {
  const deployed = environments.filter(deploysChart);
  // cdktf's App creates its outdir even when nothing is synthesized to disk: a temp one, removed after.
  const outdir = mkdtempSync(join(tmpdir(), "chart-check-synth-"));
  try {
    const { stacks } = buildApp(deployed, { outdir });
    return stacks.map((stack, index) => releaseValuesOf(stack, deployed[index]!));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function releaseValuesOf(stack: OpenMetadataStack, environment: Environment & { openmetadata: OpenMetadataSettings }): ReleaseValues {
  const json = JSON.parse(Testing.synth(stack, true)) as { resource?: { helm_release?: Record<string, { chart?: unknown; values?: unknown }> } };
  const releases = Object.entries(json.resource?.helm_release ?? {}).filter(([, release]) => release.chart === CHART_NAME);
  const [release] = releases;
  if (releases.length !== 1 || !release) throw new Error(`${stack.node.id}: expected one helm_release of the ${CHART_NAME} chart, found ${releases.length}`);
  const [address, { values }] = release;
  if (!Array.isArray(values) || !values.every((document): document is string => typeof document === "string")) {
    throw new Error(`${stack.node.id}: helm_release.${address}.values is not a list of YAML strings`);
  }
  return { environment, settings: environment.openmetadata, documents: values };
}
