import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Change } from "../changes/change";
import { parsePlanJson, planChanges } from "../changes/plan";
import { planUnreadLine, stackSummary } from "../changes/report";
import type { StackJson } from "../changes/terraform-json";
import { PLAN_FILE, runTerraform } from "./terraform";

/**
 * The stack's summary in sign-in terms above a CI plan (help/changes.md, "In CI"): the synthesis' rows,
 * which the synth job's `npm run changes --out-dir` wrote, with the rows of the plan just made added
 * (replacements and the attribute forcing them, destroys, rotations). Node built-ins only: ci-plan is
 * bundled for jobs that install no package.
 */

/** The plan's own rows, or why they could not be read. */
export type PlanRows = { readonly rows: readonly Change[] } | { readonly unread: string };

/**
 * `terraform show -json` of the saved plan in `folder`, kept in memory: it holds the prior state and
 * sensitive values in clear, so it is never written nor printed, and only addresses, actions and
 * attribute names are taken from it (lib/changes/plan.ts). Every failure is a reason, never an
 * exception: the plan itself must still be shown.
 */
export function readPlanRows(folder: string, env: NodeJS.ProcessEnv): PlanRows {
  let shown: { readonly status: number; readonly stdout: string };
  try {
    shown = runTerraform(["show", "-json", PLAN_FILE], folder, env, { stdout: "capture", stderr: "inherit" });
  } catch {
    return { unread: "terraform show -json could not be run" };
  }
  if (shown.status !== 0) return { unread: `terraform show -json failed with exit code ${shown.status}` };
  try {
    return { rows: planChanges(parsePlanJson(shown.stdout)) };
  } catch {
    // Never the error's message: JSON.parse's quotes the text around the error, which may be a secret.
    return { unread: "terraform show -json printed no plan this summary can read" };
  }
}

/**
 * The synthesized JSON the plan was made from, for the summary's "Holds:" line and picture. One that is
 * not JSON fails the plan itself, which the comment shows; the summary then draws an empty stack.
 */
export function plannedStack(folder: string): StackJson | undefined {
  try {
    return JSON.parse(readFileSync(join(folder, "cdk.tf.json"), "utf8")) as StackJson;
  } catch {
    return undefined;
  }
}

export interface SignInSummaryInput {
  readonly stack: string;
  readonly head: StackJson | undefined;
  /** The synthesis' rows; undefined when no base was compared. */
  readonly synthesis: readonly Change[] | undefined;
  /** The plan's rows; undefined when no plan was read (it failed: the comment says so). */
  readonly plan: PlanRows | undefined;
}

/** The summary above the plan; "" when neither the synthesis nor the plan changes anything for sign-in. */
export function signInSummary({ stack, head, synthesis, plan }: SignInSummaryInput): string {
  const planRows = plan !== undefined && "rows" in plan ? plan.rows : undefined;
  const unread = plan !== undefined && "unread" in plan ? plan.unread : undefined;
  if ((synthesis ?? []).length === 0 && (planRows ?? []).length === 0) return unread === undefined ? "" : planUnreadLine(unread);
  return stackSummary({ stack, head, changes: synthesis, planChanges: planRows, planUnread: unread });
}
