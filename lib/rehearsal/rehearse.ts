/**
 * `npm run rehearse`: the environments of the file in use, deployed, signed in to, verified and destroyed
 * in a local world, with what happened in a few lines. Protected environments are destroyed too, to show
 * that Terraform refuses it as it would for real.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import type { CommandResult } from "./cdktf-cli";
import { Rehearsal } from "./rehearsal";
import { checkSignIns, startIdentityProviders, type IdentityProviders } from "./sign-in-checks";

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
function terraformErrors(result: CommandResult, maxLines = 12): string[] {
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

/** A path as a person reads it: relative to where the command runs when inside it, else absolute. */
function shownPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere && !fromHere.startsWith("..") ? fromHere : resolve(path);
}

function seconds(milliseconds: number): string {
  return `${Math.round(milliseconds / 1000)} s`;
}

/** What the rehearsal says, a line at a time; ✗ lines make it fail. */
class Report {
  failed = false;

  constructor(readonly write: (line: string) => void) {}

  pass(line: string): void {
    this.write(`✓ ${line}`);
  }

  fail(line: string, details: readonly string[] = []): void {
    this.failed = true;
    this.write(`✗ ${line}`);
    for (const detail of details) this.write(`    ${detail}`);
  }
}

export async function rehearse(options: RehearseOptions): Promise<RehearseResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const folder = mkdtempSync(join(tmpdir(), "openmetadata-rehearsal-"));
  const report = new Report(options.write);

  let rehearsal: Rehearsal;
  try {
    rehearsal = new Rehearsal({
      environmentsFile: options.environmentsFile,
      folder,
      ...(options.referenceCharts ? { referenceCharts: options.referenceCharts } : {}),
      ...(options.only ? { only: options.only } : {}),
    });
  } catch (error) {
    // A file the project refuses: nothing was rehearsed, so nothing is left behind.
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const stackIds = rehearsal.stackIds();
  report.write(`Rehearsing ${shownPath(options.environmentsFile)}: ${stackIds.join(", ")}, in ${folder}`);
  for (const warning of rehearsal.warnings) report.write(`  warning: ${warning}`);
  const seeded = await rehearsal.prepare();
  if (seeded.made.length > 0) report.write(`  made by hand first, as the runbook would: ${seeded.made.join("; ")}`);
  report.write(
    options.referenceCharts
      ? `  Helm values are checked against the charts in ${options.referenceCharts}`
      : "  no reference charts: Helm values are not checked against a chart's values.schema.json (see --charts)",
  );

  // Before anything is applied: a local org records where it is served, and issuers are built on that address.
  const identityProviders = await startIdentityProviders(rehearsal);
  try {
    await rehearsal.makeAdoptedObjects();
    await deployAndCheck(rehearsal, identityProviders, report, now);
    await destroyAll(rehearsal, report);
  } finally {
    await identityProviders.close();
  }

  if (options.keep || report.failed) {
    report.write(`kept ${folder}: the world, the state files and the synthesized stacks`);
  } else {
    rmSync(folder, { recursive: true, force: true });
    report.write(`cleared ${folder}${existsSync(folder) ? " (not all of it could be removed)" : ""}`);
  }
  report.write(
    report.failed
      ? `Rehearsal FAILED after ${seconds(now() - started)}: see the lines marked ✗.`
      : `Rehearsal passed in ${seconds(now() - started)}. What it proves and what it does not: help/rehearsal.md`,
  );
  return { exitCode: report.failed ? 1 : 0, folder };
}

/** `cdktf deploy` of every stack, then the sign-in and verify of each environment. */
async function deployAndCheck(
  rehearsal: Rehearsal,
  identityProviders: IdentityProviders,
  report: Report,
  now: () => number,
): Promise<void> {
  const stackIds = rehearsal.stackIds();
  const deployStarted = now();
  const deploy = await rehearsal.deploy(stackIds);
  if (deploy.status !== 0) {
    report.fail(`cdktf deploy ${stackIds.join(" ")}: exit ${deploy.status}`, terraformErrors(deploy));
    return;
  }
  const applied = [...deploy.stdout.matchAll(/Apply complete! Resources: (\d+) added/g)].reduce((sum, match) => sum + Number(match[1]), 0);
  report.pass(`cdktf deploy ${stackIds.join(" ")}: ${applied} resources created in ${seconds(now() - deployStarted)}`);
  for (const signIn of await checkSignIns(rehearsal, identityProviders)) {
    if (signIn.ok) report.pass(signIn.line);
    else report.fail(signIn.line, signIn.details);
  }
}

/** `cdktf destroy` of the unprotected stacks, then of each protected one, which Terraform must refuse. */
async function destroyAll(rehearsal: Rehearsal, report: Report): Promise<void> {
  const stacksWhere = (isProtected: boolean) =>
    rehearsal.environments.filter((environment) => environment.protected === isProtected).map((environment) => environment.stackId);
  const unprotected = stacksWhere(false);
  if (unprotected.length > 0) {
    const destroy = await rehearsal.destroy(unprotected);
    if (destroy.status === 0) report.pass(`cdktf destroy ${unprotected.join(" ")}: destroyed`);
    else report.fail(`cdktf destroy ${unprotected.join(" ")}: exit ${destroy.status}`, terraformErrors(destroy));
  }
  for (const stackId of stacksWhere(true)) {
    const destroy = await rehearsal.destroy([stackId]);
    // Terraform's reason, from Terraform itself: cdktf 0.21 does not always print it.
    const reason =
      destroy.status === 0 ? undefined : await rehearsal.terraform(stackId, ["plan", "-destroy", "-refresh=false", "-lock=false"]);
    const output = reason ? `${reason.stdout}\n${reason.stderr}` : "";
    if (destroy.status !== 0 && output.includes("Instance cannot be destroyed")) {
      const guarded = /Resource (\S+)(?: \([^)]*\))? has\s+lifecycle\.prevent_destroy\s+set/.exec(output)?.[1];
      report.pass(
        `cdktf destroy ${stackId}: refused by Terraform, as it would be for real (prevent_destroy${guarded ? ` on ${guarded}` : ""})`,
      );
    } else {
      report.fail(
        `cdktf destroy ${stackId}: expected Terraform to refuse it (protected: true), got exit ${destroy.status}`,
        terraformErrors(destroy),
      );
    }
  }
}
