import { parseArgs } from "node:util";
import { explain } from "../lib/changes/run";
import { readStackJson, stackJsonPath } from "../lib/changes/terraform-json";
import { describeArgumentError, NPM_DASHES_HINT, usageError } from "../lib/cli-usage";
import { ConfigError } from "../lib/config/errors";
import { displayPath, environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run explain -- <environment> [--outdir DIR]

Prints what one environment's synthesized stack holds, its sign-in settings and a Mermaid diagram of
its wiring (identity-provider app → authorization server → policy and rules → OpenMetadata's values
and Secrets → the release), for runbooks and newcomers. Reads the output of npm run synth; no secret
is shown (help/changes.md).

Options:
  --outdir DIR     the synthesized output (default cdktf.out)
  -h, --help       show this help

Exit codes: 0 printed, 2 bad usage, an unknown environment or a stack not synthesized, 1 an internal error.
`;

const OPTIONS = { outdir: { type: "string", default: "cdktf.out" }, help: { type: "boolean", short: "h", default: false } } as const;

// Follows the current pattern of every script (main(), its logic in lib/changes/, UserError → exit 2)
// until one command runner exists for all of them (issue 22).
export function main(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    return usageError("explain", describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [name, ...extra] = parsed.positionals;
  if (!name) return usageError("explain", `name the environment, e.g. npm run explain -- dev (${NPM_DASHES_HINT})`);
  if (extra.length > 0) return usageError("explain", `one environment at a time, got ${parsed.positionals.join(", ")}`);
  try {
    const environments = loadEnvironmentsFile(environmentsFilePath());
    const environment = environments.find((candidate) => candidate.name === name);
    if (!environment)
      return usageError(
        "explain",
        `no environment ${JSON.stringify(name)} in ${displayPath(environmentsFilePath())}; it has ${environments.map((candidate) => candidate.name).join(", ")}`,
      );
    const json = readStackJson(parsed.values.outdir, environment.stackId);
    if (!json) throw new UserError(`${stackJsonPath(parsed.values.outdir, environment.stackId)} does not exist: run npm run synth first`);
    process.stdout.write(explain(environment.stackId, json));
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("explain", error);
    process.stderr.write(`${error instanceof ConfigError ? error.message : `error: ${error.message}`}\n`);
    return USER_ERROR_EXIT_CODE;
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
