import { applyReviewedPlan } from "../../ci/apply";
import { stackFolder } from "../../ci/terraform";
import { UserError } from "../../errors";
import { defineCommand } from "../command";

export const ciApplyCommand = defineCommand({
  name: "ci:apply",
  usage: `Usage: npm run ci:apply -- --stack ID --plan-dir DIR --commit SHA [--outdir DIR]

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
2 bad usage, a missing plan or commit file, a stack that is not synthesized, or no terraform on PATH,
70 an internal error (help/commands.md).
`,
  options: {
    stack: { type: "string" },
    "plan-dir": { type: "string" },
    commit: { type: "string" },
    outdir: { type: "string", default: "cdktf.out" },
  },
  run({ values }, io) {
    if (values.stack === undefined) throw new UserError("--stack ID is required: the stack to apply");
    if (values["plan-dir"] === undefined) throw new UserError("--plan-dir DIR is required: the plan's folder, with its commit file");
    if (!values.commit) throw new UserError("--commit SHA is required: the commit this run deploys");
    return applyReviewedPlan(
      { stack: values.stack, folder: stackFolder(values.outdir, values.stack), planDir: values["plan-dir"], commit: values.commit },
      io,
    );
  },
});
