import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Change } from "../changes/change";
import { readRowsFile } from "../changes/rows-file";
import { pathProblem } from "../cli-usage";
import { UserError } from "../errors";
import { reportError } from "./annotations";
import { changesSection, planLine, planSummary, pullRequestComment } from "./plan-text";
import { plannedStack, readPlanRows, signInSummary, type PlanRows } from "./sign-in-summary";
import { PLAN_FILE, runTerraform, withoutEmptyVariables, type StepIo } from "./terraform";

/**
 * `terraform plan` of one synthesized stack as each workflow runs it (help/ci.md):
 * - deploy: a saved plan (`tfplan` in the stack folder) for the apply job, its text for the approvers'
 *   summary and the artifact, and the commit it was made from;
 * - pull-request: the plan's output and the stack's pull request comment;
 * - drift: the plan's output, and a failure naming the stack when live objects differ from main.
 * Plans never take the state lock (-lock=false): the plan credentials are read-only. With --changes, the
 * stack's summary in sign-in terms, the plan's own rows added, is put above the plan (sign-in-summary.ts).
 */

export const PLAN_PURPOSES = ["deploy", "pull-request", "drift"] as const;
export type PlanPurpose = (typeof PLAN_PURPOSES)[number];

/** The files a plan writes into its plan folder (the deploy's is uploaded, encrypted plan beside them). */
export const PLAN_TEXT_FILE = "plan.txt";
export const COMMIT_FILE = "commit";
export const COMMENT_FILE = "comment.md";

const PLAN_FLAGS = ["-input=false", "-no-color", "-lock=false"];

export interface PlanOptions {
  readonly purpose: PlanPurpose;
  readonly stack: string;
  /** The stack folder, initialized. */
  readonly folder: string;
  /** Where plan.txt, commit and comment.md are written; created if missing. */
  readonly planDir: string;
  /** The commit planned: recorded for the apply (deploy), named in the summary and the comment. */
  readonly commit?: string | undefined;
  /** A markdown file the summary is appended to ($GITHUB_STEP_SUMMARY); none when undefined. */
  readonly summaryFile?: string | undefined;
  /** The run's page, linked from the pull request comment. */
  readonly runUrl?: string | undefined;
  /**
   * The stack's rows in sign-in terms from the synthesis (`npm run changes --out-dir DIR` writes
   * DIR/<stack>.json). Given, the stack's summary is put above the plan in the pull request comment and
   * the approvers' summary, with the plan's own rows added from `terraform show -json` of the plan. A
   * missing file means no base was compared: the plan's rows alone, if any.
   */
  readonly changesFile?: string | undefined;
}

/** The summary above the plan, or "" (nothing changes for sign-in, or no --changes). */
function summaryOf(options: PlanOptions, synthesis: readonly Change[] | undefined, plan: PlanRows | undefined): string {
  if (options.changesFile === undefined) return "";
  return signInSummary({ stack: options.stack, head: plannedStack(options.folder), synthesis, plan });
}

/** Runs the plan; returns the exit code: 0 planned, 1 the plan failed or (drift) found drift. */
export function plan(options: PlanOptions, io: StepIo): number {
  try {
    mkdirSync(options.planDir, { recursive: true });
  } catch (error) {
    // A path the user gave: a usage error naming the option, never an internal one.
    throw new UserError(pathProblem("--plan-dir", options.planDir, error));
  }
  const env = withoutEmptyVariables(io.env);
  if (options.purpose === "drift") {
    const { status, text } = planDetailed(options, env, false);
    io.stdout(text);
    return driftResult(options, status, text, io);
  }
  // Read before planning: a file that is not the synthesis' rows is refused without running terraform.
  const synthesis = options.changesFile === undefined ? undefined : readRowsFile(options.changesFile, options.stack);
  if (options.purpose === "deploy") return planForDeploy(options, synthesis, env, io);
  // The summary's plan rows need a saved plan: -out=tfplan, read, then removed (it holds secrets in clear).
  const saved = options.changesFile !== undefined;
  const savedPlan = join(options.folder, PLAN_FILE);
  try {
    const { status, text } = planDetailed(options, env, saved);
    io.stdout(text);
    const plan = saved && (status === 0 || status === 2) ? readPlanRows(options.folder, env) : undefined;
    return pullRequestResult(options, status, text, summaryOf(options, synthesis, plan), io);
  } finally {
    if (saved) rmSync(savedPlan, { force: true });
  }
}

function planForDeploy(options: PlanOptions, synthesis: readonly Change[] | undefined, env: NodeJS.ProcessEnv, io: StepIo): number {
  const { stack, folder, planDir } = options;
  const commit = options.commit ?? "";
  const savedPlan = join(folder, PLAN_FILE);
  // Whatever happens below, no plan of an earlier run is left behind to be encrypted and applied.
  rmSync(savedPlan, { force: true });
  for (const file of [PLAN_TEXT_FILE, COMMIT_FILE]) rmSync(join(planDir, file), { force: true });

  const planned = runTerraform(["plan", ...PLAN_FLAGS, `-out=${PLAN_FILE}`], folder, env, { stdout: "inherit", stderr: "inherit" });
  if (planned.status !== 0) {
    reportError(io, `terraform plan failed for ${stack}`, `exit code ${planned.status}; see Terraform's message above`);
    return 1;
  }
  // The text approvers read: `terraform show` of the saved plan, sensitive values shown as such.
  const textFile = join(planDir, PLAN_TEXT_FILE);
  const shown = withFile(textFile, (fd) => runTerraform(["show", "-no-color", PLAN_FILE], folder, env, { stdout: fd, stderr: "inherit" }));
  if (shown.status !== 0) {
    rmSync(savedPlan, { force: true });
    reportError(io, `terraform show failed for ${stack}`, `exit code ${shown.status}; see Terraform's message above`);
    return 1;
  }
  // The apply job refuses the plan unless this is the commit it deploys.
  writeFileSync(join(planDir, COMMIT_FILE), `${commit}\n`);
  const text = readFileSync(textFile, "utf8");
  if (options.summaryFile !== undefined) {
    const plan = options.changesFile === undefined ? undefined : readPlanRows(folder, env);
    appendFileSync(
      options.summaryFile,
      changesSection(summaryOf(options, synthesis, plan)) +
        planSummary(
          `## Plan of ${stack} at ${commit.slice(0, 7)}`,
          text,
          `the whole plan is ${PLAN_TEXT_FILE} in the plan-${stack} artifact`,
        ),
    );
  }
  io.stdout(`Saved the plan of ${stack} at ${commit.slice(0, 7)} to ${savedPlan}; its text is ${textFile}.\n`);
  return 0;
}

/** `terraform plan -detailed-exitcode` (saved to tfplan when `save`), stdout and stderr into plan.txt (`> plan.txt 2>&1`). */
function planDetailed(options: PlanOptions, env: NodeJS.ProcessEnv, save: boolean): { readonly status: number; readonly text: string } {
  const textFile = join(options.planDir, PLAN_TEXT_FILE);
  const flags = [...PLAN_FLAGS, "-detailed-exitcode", ...(save ? [`-out=${PLAN_FILE}`] : [])];
  const { status } = withFile(textFile, (fd) => runTerraform(["plan", ...flags], options.folder, env, { stdout: fd, stderr: fd }));
  return { status, text: readFileSync(textFile, "utf8") };
}

function pullRequestResult(options: PlanOptions, status: number, text: string, changes: string, io: StepIo): number {
  // The comment is written for a failed plan too: the pull request shows why.
  writeFileSync(
    join(options.planDir, COMMENT_FILE),
    pullRequestComment({
      stack: options.stack,
      exitCode: status,
      plan: text,
      commit: options.commit ?? "",
      runUrl: options.runUrl,
      changes,
    }),
  );
  if (status === 0 || status === 2) return 0;
  reportError(io, `terraform plan failed for ${options.stack}`, "see the plan output above and the pull request comment");
  return 1;
}

function driftResult(options: PlanOptions, status: number, text: string, io: StepIo): number {
  const { stack, summaryFile } = options;
  // 0: no changes; 2: live objects differ from main; anything else: the plan itself failed.
  if (status === 0) {
    if (summaryFile !== undefined) appendFileSync(summaryFile, `No drift in ${stack}.\n`);
    return 0;
  }
  if (status === 2) {
    reportError(
      io,
      `Drift in ${stack}`,
      `${stack} differs from main (${planLine(text) ?? "changes planned"}). Review the plan in this log, ` +
        "then apply main or revert the manual change (help/runbooks/reviewing-a-diff.md).",
    );
    if (summaryFile !== undefined)
      appendFileSync(summaryFile, planSummary(`## Drift in ${stack}`, text, "the whole plan is in the job's log"));
    return 1;
  }
  reportError(io, `terraform plan failed for ${stack}`, `exit code ${status}; see the plan output above (help/runbooks/failed-apply.md).`);
  return 1;
}

function withFile<T>(path: string, run: (fd: number) => T): T {
  const fd = openSync(path, "w");
  try {
    return run(fd);
  } finally {
    closeSync(fd);
  }
}
