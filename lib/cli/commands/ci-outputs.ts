import { writeOutputs } from "../../ci/outputs";
import { stackFolder } from "../../ci/terraform";
import { UserError } from "../../errors";
import { defineCommand } from "../command";

export const ciOutputsCommand = defineCommand({
  name: "ci:outputs",
  usage: `Usage: npm run ci:outputs -- --stack ID --out FILE [--outdir DIR]

Writes the applied stack's outputs to FILE as {"name": value}, the file npm run verify and sso-sync
read with --outputs: terraform output -json in <outdir>/stacks/<ID>, each value taken out of its
{"value": ...} (help/ci.md). No value is printed.

Options:
  --stack ID     the stack id (npm run -s stacks lists them)
  --out FILE     the file to write (mode 0600)
  --outdir DIR   the synthesized output (default cdktf.out)
  -h, --help     show this help

Exit codes: 0 written, 1 terraform output failed, 2 bad usage, a stack that is not synthesized,
or no terraform on PATH, 70 an internal error (help/commands.md).
`,
  options: {
    stack: { type: "string" },
    out: { type: "string" },
    outdir: { type: "string", default: "cdktf.out" },
  },
  run({ values }, io) {
    if (values.stack === undefined) throw new UserError("--stack ID is required: the stack whose outputs to write");
    if (!values.out) throw new UserError("--out FILE is required: the outputs file to write");
    return writeOutputs({ stack: values.stack, folder: stackFolder(values.outdir, values.stack), out: values.out }, io);
  },
});
