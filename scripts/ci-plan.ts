import { parseArgs } from "node:util";
import { plan, PLAN_PURPOSES, type PlanPurpose } from "../lib/ci/plan";
import { processIo, stackFolder, type StepIo } from "../lib/ci/terraform";
import { describeArgumentError, usageError } from "../lib/cli-usage";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run ci:plan -- --for deploy|pull-request|drift --stack ID --plan-dir DIR [options]

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
  --changes FILE      the stack's sign-in summary (npm run changes --out-dir), shown above the plan
                      in the comment and the summary; ignored when the file does not exist
  --outdir DIR        the synthesized output (default cdktf.out)
  -h, --help          show this help

Problems are GitHub annotations (::error) when GITHUB_ACTIONS=true, "error: ..." lines otherwise.
Exit codes: 0 planned (with or without changes), 1 the plan failed or (drift) found drift,
2 bad usage, a stack that is not synthesized, or no terraform on PATH.
`;

const OPTIONS = {
  for: { type: "string" },
  stack: { type: "string" },
  "plan-dir": { type: "string" },
  commit: { type: "string" },
  summary: { type: "string" },
  "run-url": { type: "string" },
  changes: { type: "string" },
  outdir: { type: "string", default: "cdktf.out" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** A full or abbreviated commit hash (SHA-1 or SHA-256). */
const COMMIT = /^[0-9a-f]{7,64}$/i;

export function main(args: string[], io: StepIo = processIo()): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError("ci:plan", describeArgumentError(error, Object.keys(OPTIONS), USAGE), io.stderr);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const purpose = values.for;
  if (!PLAN_PURPOSES.includes(purpose as PlanPurpose))
    return usageError(
      "ci:plan",
      purpose === undefined ? `--for is required: ${PLAN_PURPOSES.join(", ")}` : `--for ${purpose}: use one of ${PLAN_PURPOSES.join(", ")}`,
      io.stderr,
    );
  if (values.stack === undefined) return usageError("ci:plan", "--stack ID is required: the stack to plan", io.stderr);
  if (values["plan-dir"] === undefined) return usageError("ci:plan", "--plan-dir DIR is required: where the plan's files go", io.stderr);
  if (values.commit === undefined && purpose !== "drift")
    return usageError("ci:plan", `--commit SHA is required with --for ${purpose}: the commit planned`, io.stderr);
  if (values.commit !== undefined && !COMMIT.test(values.commit))
    return usageError("ci:plan", `--commit ${JSON.stringify(values.commit)} is not a commit hash`, io.stderr);
  try {
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
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("ci:plan", error, io.stderr);
    io.stderr(`error: ${error.message}\n`);
    return USER_ERROR_EXIT_CODE;
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
