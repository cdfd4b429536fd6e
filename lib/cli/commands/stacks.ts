import { changedStacks, stackIds } from "../../ci/stack-selection";
import { defineCommand } from "../command";
import { loadEnvironments } from "../environment";

export const stacksCommand = defineCommand({
  name: "stacks",
  usage: `Usage: npm run -s stacks -- [options]

Prints the stack ids of the environments file as JSON, in the file's order (the deploy order), for
the workflows' matrices.

Options:
  --remote-state            only stacks whose state is remote (CI cannot plan or apply local state)
  --changed-against DIR     print {"changed":[...],"unchanged":[...]}: stacks whose cdk.tf.json in
                            --outdir differs from DIR's (a synthesis of the base branch)
  --outdir DIR              the synthesized output to compare (default cdktf.out)
  -h, --help                show this help

Exit codes: 0 printed, 2 bad usage or the environments file or a synthesized stack could not be read,
70 an internal error (help/commands.md).
`,
  options: {
    "remote-state": { type: "boolean", default: false },
    "changed-against": { type: "string" },
    outdir: { type: "string", default: "cdktf.out" },
  },
  run({ values }, io) {
    const ids = stackIds(loadEnvironments(io).environments, { remoteState: values["remote-state"] });
    const base = values["changed-against"];
    io.stdout(`${JSON.stringify(base === undefined ? ids : changedStacks(ids, values.outdir, base))}\n`);
    return 0;
  },
});
