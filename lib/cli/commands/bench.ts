import { UserError } from "../../errors";
import { defineCommand } from "../command";

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

Exit codes: 0 all targets met (or --no-fail), 1 a target failed, 2 bad usage or a run failed, 70 an internal
error (help/commands.md).
`;

/** A count option: a whole number of at least `minimum`, or a usage mistake naming the option. */
function positiveInteger(value: string | undefined, option: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) throw new UserError(`${option} expects an integer >= ${minimum}, got ${value}`);
  return parsed;
}

export const benchCommand = defineCommand({
  name: "bench",
  usage: USAGE,
  options: {
    runs: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    json: { type: "boolean", default: false },
    "no-fail": { type: "boolean", default: false },
  },
  async run({ values }, io) {
    const runs = positiveInteger(values.runs, "--runs", 1);
    const warmup = positiveInteger(values.warmup, "--warmup", 0);
    // Loaded only to run: usage answers need none of the scenarios (the minimal app imports every provider's bindings).
    const { reportLines, RunFailed, runBench, TSX, tsxMissing } = await import("../../bench/synth-bench");
    if (tsxMissing()) throw new UserError(`${TSX} not found; run npm ci first`, { onTheCommandLine: false });

    // With --json, progress goes to stderr so stdout stays one JSON document.
    const log = (line: string) => (values.json ? io.stderr : io.stdout)(`${line}\n`);
    try {
      const report = runBench({ runs, warmup }, log);
      if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else for (const line of reportLines(report)) log(line);
      return report.targets.every((entry) => entry.pass) || values["no-fail"] ? 0 : 1;
    } catch (error) {
      if (!(error instanceof RunFailed)) throw error;
      io.stderr(`A synthesis run failed, so nothing was measured: ${error.message}\n`);
      return 2;
    }
  },
});
