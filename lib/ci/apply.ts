import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors";
import { reportError } from "./annotations";
import { COMMIT_FILE } from "./plan";
import { PLAN_FILE, runTerraform, withoutEmptyVariables, type StepIo } from "./terraform";

/**
 * Applies exactly the reviewed plan: refused when it was made from another commit than the one being
 * deployed; otherwise `terraform apply tfplan`, nothing planned in between (Terraform itself refuses a
 * plan whose state changed since: "Saved plan is stale"). The plan file is removed afterwards.
 */

export interface ApplyOptions {
  readonly stack: string;
  /** The stack folder, initialized, holding the reviewed (decrypted) tfplan. */
  readonly folder: string;
  /** The plan's folder, holding the commit file the plan recorded. */
  readonly planDir: string;
  /** The commit this run deploys. */
  readonly commit: string;
}

export function applyReviewedPlan({ stack, folder, planDir, commit }: ApplyOptions, io: StepIo): number {
  const commitFile = join(planDir, COMMIT_FILE);
  if (!existsSync(commitFile))
    throw new UserError(
      `${commitFile} does not exist: --plan-dir must be the folder of the plan (npm run ci:plan -- --for deploy writes it)`,
    );
  const planned = readFileSync(commitFile, "utf8").trim();
  if (planned !== commit) {
    reportError(
      io,
      "Plan of another commit",
      `the plan of ${stack} was made from ${planned}, this run deploys ${commit}; run the deploy again`,
    );
    return 1;
  }
  const savedPlan = join(folder, PLAN_FILE);
  if (!existsSync(savedPlan))
    throw new UserError(`${savedPlan} does not exist: the reviewed plan must be there (npm run ci:plan -- --for deploy writes it)`, {
      onTheCommandLine: false,
    });
  try {
    const applied = runTerraform(["apply", "-input=false", "-no-color", PLAN_FILE], folder, withoutEmptyVariables(io.env), {
      stdout: "inherit",
      stderr: "inherit",
    });
    if (applied.status === 0) return 0;
    reportError(
      io,
      `terraform apply failed for ${stack}`,
      `exit code ${applied.status}; see Terraform's message above. A stale saved plan means the state changed ` +
        "since it was planned: run the deploy again (help/runbooks/failed-apply.md).",
    );
    return 1;
  } finally {
    // A plan holds the prior state and variable values in clear: never left behind once applied.
    rmSync(savedPlan, { force: true });
  }
}
