import { parseArgs } from "node:util";
import { reportLines, RunFailed, runBench, TSX, tsxMissing } from "../lib/bench/synth-bench";
import { describeArgumentError, usageError } from "../lib/cli-usage";
import { internalError, UserError } from "../lib/errors";

const USAGE = `Usage: npm run bench -- [--runs N] [--warmup N] [--json] [--no-fail]

Measures synthesis on this machine, each run a separate process (tsx startup included, as users run it),
as the CPU time of its processes (user + system, from start to exit, tsx's CLI and the child it starts)
and as wall time around it:
  minimal app        one stack, one resource of each provider (okta, kubernetes, helm, random, tls),
                     deep imports: the floor any cdktf app with these providers pays
  3 environments     the project's main.ts with the shipped stacks/environments.yaml
  30 environments    main.ts with 30 environments cloned from the shipped dev, staging and prod
  100 environments   the same with 100

Targets, on medians of CPU time (steadier than wall time when other work shares the machine),
printed as PASS/FAIL lines:
  3 environments   <= 1.3 x minimal app
  100 environments <= 2.6 x 3 environments

Options:
  --runs N     timed runs per scenario (default 5), interleaved across scenarios so that load from
               other processes affects each alike; medians are reported
  --warmup N   untimed runs of each scenario first, to warm the file and tsx caches (default 1)
  --json       print the results as JSON
  --no-fail    exit 0 even when a target fails
  -h, --help   show this help

Exit codes: 0 all targets met (or --no-fail), 1 a target failed, 2 bad usage or a run failed.
`;

function positiveInteger(value: string | undefined, option: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) throw new UserError(`${option} expects an integer >= ${minimum}, got ${value}`);
  return parsed;
}

const OPTIONS = {
  runs: { type: "string", default: "5" },
  warmup: { type: "string", default: "1" },
  json: { type: "boolean", default: false },
  "no-fail": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export function main(args: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError("bench", describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  let runs: number;
  let warmup: number;
  try {
    runs = positiveInteger(values.runs, "--runs", 1);
    warmup = positiveInteger(values.warmup, "--warmup", 0);
  } catch (error) {
    return usageError("bench", (error as Error).message);
  }
  if (tsxMissing()) {
    process.stderr.write(`${TSX} not found; run npm ci first\n`);
    return 2;
  }

  // With --json, progress goes to stderr so stdout stays one JSON document.
  const log = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);
  try {
    const report = runBench({ runs, warmup }, log);
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else for (const line of reportLines(report)) log(line);
    return report.targets.every((entry) => entry.pass) || values["no-fail"] ? 0 : 1;
  } catch (error) {
    if (error instanceof RunFailed) {
      process.stderr.write(`A synthesis run failed, so nothing was measured: ${error.message}\n`);
      return 2;
    }
    return internalError("bench", error);
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
