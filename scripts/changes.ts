import { parseArgs } from "node:util";
import { changes } from "../lib/changes/run";
import { describeArgumentError, NPM_DASHES_HINT, usageError } from "../lib/cli-usage";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run changes -- --base DIR [options]

Compares two syntheses (DIR is the base's cdktf.out, --head the current one) and prints, per changed
stack, a Markdown summary in sign-in terms: what changes about the app, the authorization server,
scopes and claims, token lifetimes, who may sign in, the service app, OpenMetadata's authentication
and authorizer, Secrets and keys, and what restarts; each change with its consequence for people,
its source in help/, a level (info, attention, disruptive), and a Mermaid diagram of the stack's
wiring with what the change touches highlighted. Secret values are never shown (help/changes.md).

Options:
  --base DIR       the base's synthesized output (its cdktf.out)
  --head DIR       the current synthesized output (default cdktf.out)
  --plans DIR      a folder of <stack>.json files, terraform show -json of each stack's plan:
                   adds every replacement with the attribute forcing it, and the Secrets rotated
  --out-dir DIR    also write <stack>.md for each changed stack there (the workflows read them)
  -h, --help       show this help

Exit codes: 0 printed, 2 bad usage or an output that cannot be read, 1 an internal error.
`;

const OPTIONS = {
  base: { type: "string" },
  head: { type: "string", default: "cdktf.out" },
  plans: { type: "string" },
  "out-dir": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

// Follows the current pattern of every script (main(), its logic in lib/changes/, UserError → exit 2)
// until one command runner exists for all of them (issue 22).
export function main(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    return usageError("changes", describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { base, head, plans } = parsed.values;
  if (base === undefined) return usageError("changes", `--base DIR is required: the base's cdktf.out (${NPM_DASHES_HINT})`);
  try {
    process.stdout.write(changes({ base, head, plans, outDir: parsed.values["out-dir"] }).text);
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("changes", error);
    process.stderr.write(`error: ${error.message}\n`);
    return USER_ERROR_EXIT_CODE;
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
