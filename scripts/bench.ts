import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defineCommand, type CommandIo, type Parsed } from "../lib/cli/command";
import { runFromCommandLine } from "../lib/cli/run";
import { UserError } from "../lib/errors";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

const USAGE = `Usage: npm run bench -- [--runs N] [--warmup N] [--json] [--no-fail]

Measures synthesis on this machine, each run a separate process (tsx startup included, as users run it),
as wall time around the process and as the CPU time of its processes (tsx runs the app in a child):
  minimal app        one stack, one resource of each provider (okta, kubernetes, helm, random, tls),
                     deep imports: the floor any cdktf app with these providers pays
  3 environments     the project's main.ts with the shipped stacks/environments.yaml
  30 environments    main.ts with 30 environments cloned from the shipped dev, staging and prod
  100 environments   the same with 100

Targets (printed as PASS/FAIL lines):
  3 environments   <= 1.5 x minimal app
  100 environments <= 3 x 3 environments

Options:
  --runs N     timed runs per scenario (default 5), interleaved across scenarios so that load from
               other processes affects each alike; medians are reported
  --warmup N   untimed runs of each scenario first, to warm the file and tsx caches (default 1)
  --json       print the results as JSON
  --no-fail    exit 0 even when a target fails
  -h, --help   show this help

Exit codes: 0 all targets met (or --no-fail), 1 a target failed, 2 bad usage or a run failed,
70 an internal error (help/commands.md).
`;

const PROJECT_ROOT = resolve(__dirname, "..");
const TSX = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
const SHIPPED_ENVIRONMENTS = join(PROJECT_ROOT, "stacks", "environments.yaml");

interface Scenario {
  readonly name: string;
  readonly script: string;
  readonly stacks: number;
  readonly env?: Record<string, string>;
}

interface Result {
  readonly scenario: string;
  readonly stacks: number;
  /** Wall time of each run, around the whole process. */
  readonly runsMs: number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** User + system CPU time of each run, summed over its processes: less sensitive to other load than wall time. */
  readonly cpuRunsMs: number[];
  readonly cpuMedianMs: number;
}

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
}

interface Target {
  readonly name: string;
  readonly ratio: number;
  readonly limit: number;
  readonly pass: boolean;
}

/** One resource per provider, through the same deep imports as the project: the cost of the bindings alone. */
const MINIMAL_APP = `import { App, TerraformStack } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { AppOauth } from "@cdktf/provider-okta/lib/app-oauth";
import { OktaProvider } from "@cdktf/provider-okta/lib/provider";
import { Password } from "@cdktf/provider-random/lib/password";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";

const app = new App();
const stack = new TerraformStack(app, "minimal");
new OktaProvider(stack, "okta-provider", { orgName: "example", baseUrl: "okta.com" });
new KubernetesProvider(stack, "kubernetes-provider", { configPath: "~/.kube/config" });
new HelmProvider(stack, "helm-provider", { kubernetes: { configPath: "~/.kube/config" } });
new RandomProvider(stack, "random-provider", {});
new TlsProvider(stack, "tls-provider", {});
new AppOauth(stack, "app", {
  label: "OpenMetadata",
  type: "browser",
  grantTypes: ["authorization_code"],
  responseTypes: ["code"],
  redirectUris: ["https://openmetadata.example.com/callback"],
  tokenEndpointAuthMethod: "none",
  pkceRequired: true,
});
const namespace = new NamespaceV1(stack, "namespace", { metadata: { name: "openmetadata" } });
new Release(stack, "release", {
  name: "openmetadata",
  namespace: namespace.metadata.name,
  repository: "https://helm.open-metadata.org",
  chart: "openmetadata",
  version: "1.13.1",
});
new Password(stack, "password", { length: 32, special: false });
new PrivateKey(stack, "key", { algorithm: "RSA", rsaBits: 2048 });
app.synth();
`;

/** Preloaded into every process of a run (tsx's CLI and the child it starts): appends its CPU time on exit. */
const CPU_REPORTER = `process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  require("node:fs").appendFileSync(process.env.BENCH_CPU_FILE, \`\${user + system}\\n\`);
});
`;

/**
 * Clones the shipped dev, staging and prod entries round-robin under new names. Everything that must
 * be unique per environment is made so (state key, URL); the dev entry's JWKS path, relative to the
 * shipped file, is made absolute because the generated file lives elsewhere.
 */
function generateEnvironments(count: number, directory: string): string {
  const shipped = parseYaml(readFileSync(SHIPPED_ENVIRONMENTS, "utf8")) as { environments: Record<string, any>[] };
  const templates = shipped.environments;
  const environments = Array.from({ length: count }, (_, index) => {
    const template = templates[index % templates.length] as Record<string, any>;
    const clone = structuredClone(template);
    const name = `${template["name"]}-${String(index).padStart(3, "0")}`;
    clone["name"] = name;
    clone["openmetadataUrl"] = `https://openmetadata.${name}.example.com`;
    if (clone["backend"]?.["key"]) clone["backend"]["key"] = `openmetadata/${name}/terraform.tfstate`;
    const serviceApp = clone["okta"]?.["serviceApp"];
    if (serviceApp?.["jwksFile"]) serviceApp["jwksFile"] = resolve(PROJECT_ROOT, "stacks", serviceApp["jwksFile"]);
    const jwtKeys = clone["openmetadata"]?.["jwtKeys"];
    if (jwtKeys?.["keyId"]) jwtKeys["keyId"] = `openmetadata-${name}-1`;
    return clone;
  });
  const file = join(directory, `environments-${count}.yaml`);
  writeFileSync(file, stringifyYaml({ environments }));
  return file;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

class RunFailed extends Error {}

/** Runs one synthesis in a fresh output folder and checks that it wrote every stack. */
function runOnce(scenario: Scenario, workDirectory: string, cpuReporter: string): Run {
  const outdir = mkdtempSync(join(workDirectory, "out-"));
  const cpuFile = join(outdir, "..", `${outdir.split("/").at(-1)}.cpu`);
  try {
    const nodeOptions = [`--require ${cpuReporter}`, process.env["NODE_OPTIONS"] ?? ""].join(" ").trim();
    const started = process.hrtime.bigint();
    const child = spawnSync(TSX, [scenario.script], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        ...scenario.env,
        CDKTF_OUTDIR: outdir,
        CHECKPOINT_DISABLE: "1",
        NODE_OPTIONS: nodeOptions,
        BENCH_CPU_FILE: cpuFile,
      },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.error) throw new RunFailed(`${scenario.name}: ${child.error.message}`);
    if (child.status !== 0) throw new RunFailed(`${scenario.name}: exit code ${child.status}\n${child.stderr || child.stdout}`);
    // A run that wrote nothing would be fast and wrong: count the stacks in the manifest.
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
    const written = Object.keys(manifest.stacks).length;
    if (written !== scenario.stacks) throw new RunFailed(`${scenario.name}: wrote ${written} stacks, expected ${scenario.stacks}`);
    const cpuMs = readFileSync(cpuFile, "utf8")
      .split("\n")
      .filter((line) => line.length > 0)
      .reduce((sum, microseconds) => sum + Number(microseconds) / 1000, 0);
    return { wallMs, cpuMs };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(cpuFile, { force: true });
  }
}

/** Round-robin over the scenarios, so a burst of load from other processes hits every scenario alike. */
function measureAll(
  scenarios: readonly Scenario[],
  runs: number,
  warmup: number,
  workDirectory: string,
  cpuReporter: string,
  log: (line: string) => void,
): Result[] {
  for (let round = 0; round < warmup; round++) for (const scenario of scenarios) runOnce(scenario, workDirectory, cpuReporter);
  const measured = scenarios.map(() => [] as Run[]);
  for (let round = 0; round < runs; round++) {
    scenarios.forEach((scenario, index) => {
      const run = runOnce(scenario, workDirectory, cpuReporter);
      measured[index]?.push(run);
      log(`  round ${round + 1}/${runs} ${scenario.name}: ${run.wallMs.toFixed(0)} ms wall, ${run.cpuMs.toFixed(0)} ms CPU`);
    });
  }
  return scenarios.map((scenario, index) => {
    const runsMs = (measured[index] ?? []).map((run) => run.wallMs);
    const cpuRunsMs = (measured[index] ?? []).map((run) => run.cpuMs);
    return {
      scenario: scenario.name,
      stacks: scenario.stacks,
      runsMs,
      medianMs: median(runsMs),
      minMs: Math.min(...runsMs),
      maxMs: Math.max(...runsMs),
      cpuRunsMs,
      cpuMedianMs: median(cpuRunsMs),
    };
  });
}

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
} as const;

// Declared here beside its body (the scenarios, the targets), which the benchmark's work keeps changing.
export const benchCommand = defineCommand({ name: "bench", usage: USAGE, options: OPTIONS, run: bench });

function bench({ values }: Parsed<typeof OPTIONS>, io: CommandIo): number {
  const runs = positiveInteger(values.runs, "--runs", 1);
  const warmup = positiveInteger(values.warmup, "--warmup", 0);
  if (!existsSync(TSX)) {
    io.stderr(`${TSX} not found; run npm ci first\n`);
    return 2;
  }

  // With --json, progress goes to stderr so stdout stays one JSON document.
  const log = (line: string) => (values.json ? io.stderr : io.stdout)(`${line}\n`);
  const workDirectory = mkdtempSync(join(tmpdir(), "openmetadata-bench-"));
  // tsx resolves the minimal app's imports from its own folder upwards: inside the project's node_modules they resolve.
  const minimalDirectory = join(PROJECT_ROOT, "node_modules", ".cache", "bench");
  mkdirSync(minimalDirectory, { recursive: true });
  const minimalApp = join(minimalDirectory, "minimal-app.ts");
  writeFileSync(minimalApp, MINIMAL_APP);
  const cpuReporter = join(minimalDirectory, "cpu-reporter.cjs");
  writeFileSync(cpuReporter, CPU_REPORTER);

  try {
    const scenarios: Scenario[] = [
      { name: "minimal app", script: minimalApp, stacks: 1 },
      {
        name: "3 environments",
        script: join(PROJECT_ROOT, "main.ts"),
        stacks: 3,
        env: { OPENMETADATA_ENVIRONMENTS_FILE: SHIPPED_ENVIRONMENTS },
      },
      ...[30, 100].map((count) => ({
        name: `${count} environments`,
        script: join(PROJECT_ROOT, "main.ts"),
        stacks: count,
        env: { OPENMETADATA_ENVIRONMENTS_FILE: generateEnvironments(count, workDirectory) },
      })),
    ];
    log(
      `Benchmarking synthesis: ${runs} timed run(s) after ${warmup} warm-up run(s) per ` +
        `scenario, on ${cpus().length} CPU(s), node ${process.version}`,
    );
    const results = measureAll(scenarios, runs, warmup, workDirectory, cpuReporter, log);
    const resultOf = (name: string) => results.find((result) => result.scenario === name) as Result;
    const medianOf = (name: string) => resultOf(name).medianMs;
    const cpuMedianOf = (name: string) => resultOf(name).cpuMedianMs;

    const target = (name: string, numerator: string, denominator: string, limit: number): Target => {
      const ratio = medianOf(numerator) / medianOf(denominator);
      return { name, ratio, limit, pass: ratio <= limit };
    };
    const targets = [
      target("3 environments <= 1.5 x minimal app", "3 environments", "minimal app", 1.5),
      target("100 environments <= 3 x 3 environments", "100 environments", "3 environments", 3),
    ];
    const ratios = {
      "3 environments / minimal app": medianOf("3 environments") / medianOf("minimal app"),
      "30 environments / 3 environments": medianOf("30 environments") / medianOf("3 environments"),
      "100 environments / 3 environments": medianOf("100 environments") / medianOf("3 environments"),
      "100 environments / minimal app": medianOf("100 environments") / medianOf("minimal app"),
    };
    // The same ratios in CPU time: a cross-check when the machine is busy with other work.
    const cpuRatios = {
      "3 environments / minimal app": cpuMedianOf("3 environments") / cpuMedianOf("minimal app"),
      "100 environments / 3 environments": cpuMedianOf("100 environments") / cpuMedianOf("3 environments"),
    };

    if (values.json) {
      const machine = {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
      };
      io.stdout(`${JSON.stringify({ runs, warmup, machine, results, ratios, cpuRatios, targets }, null, 2)}\n`);
    } else {
      log("");
      log(
        `${"scenario".padEnd(18)} ${"wall median".padStart(12)} ${"min".padStart(9)} ` +
          `${"max".padStart(9)} ${"CPU median".padStart(11)}  wall per stack`,
      );
      for (const result of results) {
        const ms = (value: number, width: number) => `${value.toFixed(0)} ms`.padStart(width);
        log(
          `${result.scenario.padEnd(18)} ${ms(result.medianMs, 12)} ${ms(result.minMs, 9)} ` +
            `${ms(result.maxMs, 9)} ${ms(result.cpuMedianMs, 11)}  ${(result.medianMs / result.stacks).toFixed(0)}` +
            ` ms`,
        );
      }
      log("");
      for (const [name, ratio] of Object.entries(ratios)) log(`${name}: ${ratio.toFixed(2)}x wall`);
      for (const [name, ratio] of Object.entries(cpuRatios)) log(`${name}: ${ratio.toFixed(2)}x CPU`);
      log("");
      for (const { name, ratio, pass } of targets) log(`${pass ? "PASS" : "FAIL"} ${name} (measured ${ratio.toFixed(2)}x)`);
    }
    return targets.every((entry) => entry.pass) || values["no-fail"] ? 0 : 1;
  } catch (error) {
    if (error instanceof RunFailed) {
      io.stderr(`A synthesis run failed, so nothing was measured: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

// Run only as a command: the mistakes catalogue imports benchCommand and runs it in-process.
if (typeof module !== "undefined" && require.main === module) runFromCommandLine(benchCommand);
