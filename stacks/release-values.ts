import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { releaseValuesOf, type DeployedEnvironment, type ReleaseValues } from "../lib/chart-check/release-values";
import { buildApp } from "./app";

/**
 * Synthesizes each environment in memory (validations included; no Terraform files written) and reads the
 * values of the release of the `openmetadata` chart. check:chart passes it to lib/chart-check's checkChart.
 */
export function synthesizeReleaseValues(environments: readonly DeployedEnvironment[]): ReleaseValues[] {
  // cdktf's App creates its outdir even when nothing is synthesized to disk: a temp one, removed after.
  const outdir = mkdtempSync(join(tmpdir(), "chart-check-synth-"));
  try {
    const { stacks } = buildApp(environments, { outdir });
    return stacks.map((stack, index) => releaseValuesOf(stack.node.id, Testing.synth(stack, true), environments[index]!));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
