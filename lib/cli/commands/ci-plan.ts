import { plan, PLAN_PURPOSES, type PlanPurpose } from "../../ci/plan";
import { stackFolder } from "../../ci/terraform";
import { UserError } from "../../errors";
import { defineCommand } from "../command";

/** A full or abbreviated commit hash (SHA-1 or SHA-256). */
const COMMIT = /^[0-9a-f]{7,64}$/i;

export const ciPlanCommand = defineCommand({
  name: "ci:plan",
  usage: `Usage: npm run ci:plan -- --for deploy|pull-request|drift --stack ID --plan-dir DIR [options]

The workflows' terraform plan of one synthesized stack, in <outdir>/stacks/<ID> after terraform init
(help/ci.md): terraform plan -input=false -no-color -lock=false, with every empty TF_VAR_ variable
unset, so a missing secret fails as "No value for required variable". Sensitive values are never printed.

  --for deploy        -out=tfplan in the stack folder; writes DIR/plan.txt (terraform show of it) and
                      DIR/commit (--commit, which the apply checks); appends the approvers' summary
  --for pull-request  -detailed-exitcode; prints the plan and writes it to DIR/plan.txt, and the
                      stack's pull request comment to DIR/comment.md (also when the plan failed)
  --for drift         -detailed-exitcode; prints the plan; drift fails with an error naming the stack;
                      appends the result to the summary

Options:
  --stack ID          the stack id (npm run -s stacks lists them)
  --plan-dir DIR      where plan.txt, commit and comment.md are written (created if missing)
  --commit SHA        the commit planned (deploy and pull-request)
  --summary FILE      markdown file the summary is appended to, e.g. "$GITHUB_STEP_SUMMARY"
  --run-url URL       the run's page, linked from the pull request comment
  --changes FILE      the stack's rows in sign-in terms from the synthesis (npm run changes --out-dir
                      DIR writes DIR/<ID>.json): the stack's summary, with the plan's own rows added
                      (terraform show -json of the plan; --for pull-request then saves it to tfplan
                      and removes it), above the plan in the comment and the summary; a missing file
                      means no base was compared: the plan's rows alone
  --outdir DIR        the synthesized output (default cdktf.out)
  -h, --help          show this help

Problems are GitHub annotations (::error) when GITHUB_ACTIONS=true, "error: ..." lines otherwise.
Exit codes: 0 planned (with or without changes), 1 the plan failed or (drift) found drift,
2 bad usage, a stack that is not synthesized, or no terraform on PATH, 70 an internal error (help/commands.md).
`,
  options: {
    for: { type: "string" },
    stack: { type: "string" },
    "plan-dir": { type: "string" },
    commit: { type: "string" },
    summary: { type: "string" },
    "run-url": { type: "string" },
    changes: { type: "string" },
    outdir: { type: "string", default: "cdktf.out" },
  },
  run({ values }, io) {
    const purpose = values.for;
    if (!PLAN_PURPOSES.includes(purpose as PlanPurpose))
      throw new UserError(
        purpose === undefined
          ? `--for is required: ${PLAN_PURPOSES.join(", ")}`
          : `--for ${purpose}: use one of ${PLAN_PURPOSES.join(", ")}`,
      );
    if (values.stack === undefined) throw new UserError("--stack ID is required: the stack to plan");
    if (values["plan-dir"] === undefined) throw new UserError("--plan-dir DIR is required: where the plan's files go");
    if (values.commit === undefined && purpose !== "drift")
      throw new UserError(`--commit SHA is required with --for ${purpose}: the commit planned`);
    if (values.commit !== undefined && !COMMIT.test(values.commit))
      throw new UserError(`--commit ${JSON.stringify(values.commit)} is not a commit hash`);
    return plan(
      {
        purpose: purpose as PlanPurpose,
        stack: values.stack,
        folder: stackFolder(values.outdir, values.stack),
        planDir: values["plan-dir"],
        commit: values.commit,
        summaryFile: values.summary,
        runUrl: values["run-url"],
        changesFile: values.changes,
      },
      io,
    );
  },
});
