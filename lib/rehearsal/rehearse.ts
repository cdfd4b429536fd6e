/**
 * `npm run rehearse`: the environments of the file in use, deployed, signed in to, verified and destroyed
 * in a local world, with what happened in a few lines. Protected environments are destroyed too, to show
 * that Terraform refuses it as it would for real.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { CommandResult } from "./cdktf-cli";
import { Rehearsal } from "./rehearsal";
import { checkSignIns, startIdentityProviders, type SignInReport } from "./sign-in-checks";

export interface RehearseOptions {
  readonly environmentsFile: string;
  /** Reference charts to check Helm values against (folders with Chart.yaml and values.schema.json). */
  readonly referenceCharts?: string;
  readonly only?: readonly string[];
  /** Keep the rehearsal folder instead of clearing it. */
  readonly keep?: boolean;
  readonly write: (line: string) => void;
  readonly now?: () => number;
}

export interface RehearseResult {
  /** 0: everything behaved as expected; 1: something did not (the lines say what). */
  readonly exitCode: 0 | 1;
  readonly folder: string;
}

/** Terraform's own error block of a failed command (the lines from "Error:" on), without cdktf's prefixes. */
export function terraformErrors(result: CommandResult, maxLines = 12): string[] {
  const lines = `${result.stdout}\n${result.stderr}`.split("\n").map((line) =>
    line
      .replace(/\u001b\[[0-9;]*[A-Za-z]/g, "")
      .replace(/^\S+\s{2,}/, "")
      .trimEnd(),
  );
  const start = lines.findIndex((line) => /^\s*(│ )?Error: /.test(line));
  if (start === -1) return lines.filter((line) => line.trim() !== "").slice(-maxLines);
  return lines
    .slice(start)
    .filter((line) => line.trim() !== "")
    .slice(0, maxLines);
}

function seconds(milliseconds: number): string {
  return `${Math.round(milliseconds / 1000)} s`;
}

export async function rehearse(options: RehearseOptions): Promise<RehearseResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const folder = mkdtempSync(join(tmpdir(), "openmetadata-rehearsal-"));
  const { write } = options;
  let failed = false;
  const fail = (line: string, details: readonly string[] = []) => {
    failed = true;
    write(`✗ ${line}`);
    for (const detail of details) write(`    ${detail}`);
  };

  const rehearsal = new Rehearsal({
    environmentsFile: options.environmentsFile,
    folder,
    ...(options.referenceCharts ? { referenceCharts: options.referenceCharts } : {}),
    ...(options.only ? { only: options.only } : {}),
  });
  const stackIds = rehearsal.stackIds();
  write(
    `Rehearsing ${relative(process.cwd(), options.environmentsFile) || options.environmentsFile}: ${stackIds.join(", ")}, in ${folder}`,
  );
  const seeded = await rehearsal.prepare();
  if (seeded.made.length > 0) write(`  made by hand first, as the runbook would: ${seeded.made.join("; ")}`);
  write(
    options.referenceCharts
      ? `  Helm values are checked against the charts in ${options.referenceCharts}`
      : "  no reference charts: Helm values are not checked against a chart's values.schema.json (see --charts)",
  );

  // Before anything is applied: a local org records where it is served, and issuers are built on that address.
  const identityProviders = await startIdentityProviders(rehearsal);
  try {
    await rehearsal.makeAdoptedObjects();
    await deployCheckDestroy();
  } finally {
    await identityProviders.close();
  }

  async function deployCheckDestroy(): Promise<void> {
    const deployStarted = now();
    const deploy = await rehearsal.deploy(stackIds);
    if (deploy.status !== 0) {
      fail(`cdktf deploy ${stackIds.join(" ")}: exit ${deploy.status}`, terraformErrors(deploy));
    } else {
      const applied = [...deploy.stdout.matchAll(/Apply complete! Resources: (\d+) added/g)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
      write(`✓ cdktf deploy ${stackIds.join(" ")}: ${applied} resources created in ${seconds(now() - deployStarted)}`);
    }

    if (!failed) {
      const signIns: SignInReport[] = await checkSignIns(rehearsal, identityProviders);
      for (const report of signIns) {
        if (report.ok) write(`✓ ${report.line}`);
        else fail(report.line, report.details);
      }
    }

    const unprotected = rehearsal.environments.filter((environment) => !environment.protected).map((environment) => environment.stackId);
    const protectedStacks = rehearsal.environments.filter((environment) => environment.protected).map((environment) => environment.stackId);
    if (unprotected.length > 0) {
      const destroy = await rehearsal.destroy(unprotected);
      if (destroy.status === 0) write(`✓ cdktf destroy ${unprotected.join(" ")}: destroyed`);
      else fail(`cdktf destroy ${unprotected.join(" ")}: exit ${destroy.status}`, terraformErrors(destroy));
    }
    for (const stackId of protectedStacks) {
      const destroy = await rehearsal.destroy([stackId]);
      // Terraform's reason, from Terraform itself: cdktf 0.21 does not always print it.
      const reason =
        destroy.status === 0 ? undefined : await rehearsal.terraform(stackId, ["plan", "-destroy", "-refresh=false", "-lock=false"]);
      const output = reason ? `${reason.stdout}\n${reason.stderr}` : "";
      if (destroy.status !== 0 && output.includes("Instance cannot be destroyed")) {
        const guarded = /Resource (\S+)(?: \([^)]*\))? has\s+lifecycle\.prevent_destroy\s+set/.exec(output)?.[1];
        write(
          `✓ cdktf destroy ${stackId}: refused by Terraform, as it would be for real (prevent_destroy${guarded ? ` on ${guarded}` : ""})`,
        );
      } else {
        fail(
          `cdktf destroy ${stackId}: expected Terraform to refuse it (protected: true), got exit ${destroy.status}`,
          terraformErrors(destroy),
        );
      }
    }
  }

  if (options.keep || failed) {
    write(`kept ${folder}: the world, the state files and the synthesized stacks`);
  } else {
    rmSync(folder, { recursive: true, force: true });
    write(`cleared ${folder}${existsSync(folder) ? " (not all of it could be removed)" : ""}`);
  }
  write(
    failed
      ? `Rehearsal FAILED after ${seconds(now() - started)}: see the lines marked ✗.`
      : `Rehearsal passed in ${seconds(now() - started)}. What it proves and what it does not: help/rehearsal.md`,
  );
  return { exitCode: failed ? 1 : 0, folder };
}
