import { parseArgs } from "node:util";
import { writeOutputs } from "../lib/ci/outputs";
import { processIo, stackFolder, type StepIo } from "../lib/ci/terraform";
import { describeArgumentError, usageError } from "../lib/cli-usage";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run ci:outputs -- --stack ID --out FILE [--outdir DIR]

Writes the applied stack's outputs to FILE as {"name": value}, the file npm run verify and sso-sync
read with --outputs: terraform output -json in <outdir>/stacks/<ID>, each value taken out of its
{"value": ...} (help/ci.md). No value is printed.

Options:
  --stack ID     the stack id (npm run -s stacks lists them)
  --out FILE     the file to write (mode 0600)
  --outdir DIR   the synthesized output (default cdktf.out)
  -h, --help     show this help

Exit codes: 0 written, 1 terraform output failed, 2 bad usage, a stack that is not synthesized,
or no terraform on PATH.
`;

const OPTIONS = {
  stack: { type: "string" },
  out: { type: "string" },
  outdir: { type: "string", default: "cdktf.out" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export function main(args: string[], io: StepIo = processIo()): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError("ci:outputs", describeArgumentError(error, Object.keys(OPTIONS), USAGE), io.stderr);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.stack === undefined) return usageError("ci:outputs", "--stack ID is required: the stack whose outputs to write", io.stderr);
  if (!values.out) return usageError("ci:outputs", "--out FILE is required: the outputs file to write", io.stderr);
  try {
    return writeOutputs({ stack: values.stack, folder: stackFolder(values.outdir, values.stack), out: values.out }, io);
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("ci:outputs", error, io.stderr);
    io.stderr(`error: ${error.message}\n`);
    return USER_ERROR_EXIT_CODE;
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
