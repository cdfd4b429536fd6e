import { parseArgs } from "node:util";
import { changedStacks, stackIds } from "../lib/ci/stack-selection";
import { describeArgumentError, usageError } from "../lib/cli-usage";
import { ConfigError } from "../lib/config/errors";
import { environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run -s stacks -- [options]

Prints the stack ids of the environments file as JSON, in the file's order (the deploy order), for
the workflows' matrices.

Options:
  --remote-state            only stacks whose state is remote (CI cannot plan or apply local state)
  --changed-against DIR     print {"changed":[...],"unchanged":[...]}: stacks whose cdk.tf.json in
                            --outdir differs from DIR's (a synthesis of the base branch)
  --outdir DIR              the synthesized output to compare (default cdktf.out)
  -h, --help                show this help

Exit codes: 0 printed, 2 bad usage or the environments file or a synthesized stack could not be read,
1 an internal error.
`;

const OPTIONS = {
  "remote-state": { type: "boolean", default: false },
  "changed-against": { type: "string" },
  outdir: { type: "string", default: "cdktf.out" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export function main(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    return usageError("stacks", describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const ids = stackIds(loadEnvironmentsFile(environmentsFilePath()), { remoteState: parsed.values["remote-state"] });
    const base = parsed.values["changed-against"];
    process.stdout.write(`${JSON.stringify(base === undefined ? ids : changedStacks(ids, parsed.values.outdir, base))}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("stacks", error);
    process.stderr.write(`${error instanceof ConfigError ? error.message : `error: ${error.message}`}\n`);
    return USER_ERROR_EXIT_CODE;
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
