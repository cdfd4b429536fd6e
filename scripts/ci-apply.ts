import { parseArgs } from "node:util";
import { applyReviewedPlan } from "../lib/ci/apply";
import { processIo, stackFolder, type StepIo } from "../lib/ci/terraform";
import { describeArgumentError, usageError } from "../lib/cli-usage";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run ci:apply -- --stack ID --plan-dir DIR --commit SHA [--outdir DIR]

The deploy's apply of exactly the reviewed plan, <outdir>/stacks/<ID>/tfplan (help/ci.md): refused when
DIR/commit, which npm run ci:plan -- --for deploy wrote, names another commit than --commit; otherwise
terraform apply -input=false -no-color tfplan, nothing planned in between (Terraform refuses a plan
whose state changed since: "Saved plan is stale"). The plan file is removed afterwards.

Options:
  --stack ID       the stack id (npm run -s stacks lists them)
  --plan-dir DIR   the plan's folder, holding its commit file
  --commit SHA     the commit this run deploys
  --outdir DIR     the synthesized output (default cdktf.out)
  -h, --help       show this help

Problems are GitHub annotations (::error) when GITHUB_ACTIONS=true, "error: ..." lines otherwise.
Exit codes: 0 applied, 1 refused (a plan of another commit) or terraform apply failed,
2 bad usage, a missing plan or commit file, a stack that is not synthesized, or no terraform on PATH.
`;

const OPTIONS = {
  stack: { type: "string" },
  "plan-dir": { type: "string" },
  commit: { type: "string" },
  outdir: { type: "string", default: "cdktf.out" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export function main(args: string[], io: StepIo = processIo()): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError("ci:apply", describeArgumentError(error, Object.keys(OPTIONS), USAGE), io.stderr);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.stack === undefined) return usageError("ci:apply", "--stack ID is required: the stack to apply", io.stderr);
  if (values["plan-dir"] === undefined)
    return usageError("ci:apply", "--plan-dir DIR is required: the plan's folder, with its commit file", io.stderr);
  if (!values.commit) return usageError("ci:apply", "--commit SHA is required: the commit this run deploys", io.stderr);
  try {
    return applyReviewedPlan(
      { stack: values.stack, folder: stackFolder(values.outdir, values.stack), planDir: values["plan-dir"], commit: values.commit },
      io,
    );
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("ci:apply", error, io.stderr);
    io.stderr(`error: ${error.message}\n`);
    return USER_ERROR_EXIT_CODE;
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
