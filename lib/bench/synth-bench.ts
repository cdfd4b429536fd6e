import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { PROJECT_ROOT } from "../project-root";

/**
 * `npm run bench`'s measurement: synthesis scenarios run as separate processes, interleaved, CPU and wall
 * time per run, medians, and the targets on CPU ratios. lib/cli/commands/bench.ts parses the command line and
 * calls `runBench`.
 */

export const TSX = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
const SHIPPED_ENVIRONMENTS = join(PROJECT_ROOT, "stacks", "environments.yaml");

/** The targets, on medians of CPU time (help/performance.md says why CPU and why these numbers). */
const TARGETS = [
  { numerator: "3 environments", denominator: "minimal app", limit: 1.3 },
  { numerator: "100 environments", denominator: "3 environments", limit: 2.6 },
] as const;

export interface BenchOptions {
  /** Timed runs per scenario. */
  readonly runs: number;
  /** Untimed runs of each scenario first. */
  readonly warmup: number;
}

interface Scenario {
  readonly name: string;
  readonly script: string;
  readonly stacks: number;
  readonly env?: Record<string, string>;
}

export interface Result {
  readonly scenario: string;
  readonly stacks: number;
  /** User + system CPU time of each run, its whole process tree from start to exit. */
  readonly cpuRunsMs: number[];
  readonly cpuMedianMs: number;
  /** Wall time of each run, around the whole process: sensitive to other load on the machine. */
  readonly runsMs: number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export interface Target {
  readonly name: string;
  readonly ratio: number;
  readonly limit: number;
  readonly pass: boolean;
}

export interface BenchReport {
  readonly runs: number;
  readonly warmup: number;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly node: string; readonly platform: string };
  /** Where CPU times come from: the kernel's account of the children (/proc), or each process's own report. */
  readonly cpuSource: CpuSource;
  readonly results: Result[];
  /** Ratios of CPU medians; the targets are checked on these. */
  readonly cpuRatios: Record<string, number>;
  /** The same ratios of wall medians, for comparison with measurements before the targets were on CPU. */
  readonly ratios: Record<string, number>;
  readonly targets: Target[];
}

type CpuSource = "proc" | "reporter";

interface Run {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** A synthesis run failed or wrote the wrong stacks: nothing is measured. */
export class RunFailed extends Error {}

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

/**
 * Where /proc is missing (macOS), preloaded into every process of a run (tsx's CLI and the child it
 * starts): appends its CPU time on exit. It misses each process's start before the preload and its exit
 * after the handler, so its times are lower than the kernel's.
 */
const CPU_REPORTER = `process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  require("node:fs").appendFileSync(process.env.BENCH_CPU_FILE, \`\${user + system}\\n\`);
});
`;

/**
 * CPU time (user + system) of this process's finished children, their own children included, from the
 * kernel (Linux /proc/self/stat fields 16-17, cutime and cstime, in clock ticks of 1/100 s). spawnSync
 * waits for the run's tsx process, which has waited for the node process it started, so the difference
 * around one run is that whole run, from exec to exit. Undefined where there is no /proc.
 */
function childrenCpuMs(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync("/proc/self/stat", "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[16 - 3]) + Number(fields[17 - 3]);
  return Number.isFinite(ticks) ? ticks * 10 : undefined;
}

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

/** Runs one synthesis in a fresh output folder and checks that it wrote every stack. */
function runOnce(scenario: Scenario, workDirectory: string, cpuSource: CpuSource, cpuReporter: string): Run {
  const outdir = mkdtempSync(join(workDirectory, "out-"));
  const cpuFile = `${outdir}.cpu`;
  try {
    const reporter =
      cpuSource === "reporter" ? { NODE_OPTIONS: [`--require ${cpuReporter}`, process.env["NODE_OPTIONS"] ?? ""].join(" ").trim() } : {};
    const cpuBefore = childrenCpuMs();
    const started = process.hrtime.bigint();
    const child = spawnSync(TSX, [scenario.script], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...scenario.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", BENCH_CPU_FILE: cpuFile, ...reporter },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const cpuAfter = childrenCpuMs();
    if (child.error) throw new RunFailed(`${scenario.name}: ${child.error.message}`);
    if (child.status !== 0) throw new RunFailed(`${scenario.name}: exit code ${child.status}\n${child.stderr || child.stdout}`);
    // A run that wrote nothing would be fast and wrong: count the stacks in the manifest.
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
    const written = Object.keys(manifest.stacks).length;
    if (written !== scenario.stacks) throw new RunFailed(`${scenario.name}: wrote ${written} stacks, expected ${scenario.stacks}`);
    const cpuMs =
      cpuSource === "proc"
        ? (cpuAfter as number) - (cpuBefore as number)
        : readFileSync(cpuFile, "utf8")
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
  options: BenchOptions,
  workDirectory: string,
  cpuSource: CpuSource,
  cpuReporter: string,
  log: (line: string) => void,
): Result[] {
  for (let round = 0; round < options.warmup; round++)
    for (const scenario of scenarios) runOnce(scenario, workDirectory, cpuSource, cpuReporter);
  const measured = scenarios.map(() => [] as Run[]);
  for (let round = 0; round < options.runs; round++) {
    scenarios.forEach((scenario, index) => {
      const run = runOnce(scenario, workDirectory, cpuSource, cpuReporter);
      measured[index]?.push(run);
      log(`  round ${round + 1}/${options.runs} ${scenario.name}: ${run.cpuMs.toFixed(0)} ms CPU, ${run.wallMs.toFixed(0)} ms wall`);
    });
  }
  return scenarios.map((scenario, index) => {
    const runsMs = (measured[index] ?? []).map((run) => run.wallMs);
    const cpuRunsMs = (measured[index] ?? []).map((run) => run.cpuMs);
    return {
      scenario: scenario.name,
      stacks: scenario.stacks,
      cpuRunsMs,
      cpuMedianMs: median(cpuRunsMs),
      runsMs,
      medianMs: median(runsMs),
      minMs: Math.min(...runsMs),
      maxMs: Math.max(...runsMs),
    };
  });
}

/**
 * Measures the four scenarios (minimal app, 3, 30 and 100 environments) and checks the targets.
 * `log` receives the progress lines. Throws RunFailed when a synthesis run fails.
 */
export function runBench(options: BenchOptions, log: (line: string) => void): BenchReport {
  const workDirectory = mkdtempSync(join(tmpdir(), "openmetadata-bench-"));
  // tsx resolves the minimal app's imports from its own folder upwards: inside the project's node_modules they resolve.
  const minimalDirectory = join(PROJECT_ROOT, "node_modules", ".cache", "bench");
  mkdirSync(minimalDirectory, { recursive: true });
  const minimalApp = join(minimalDirectory, "minimal-app.ts");
  writeFileSync(minimalApp, MINIMAL_APP);
  const cpuReporter = join(minimalDirectory, "cpu-reporter.cjs");
  writeFileSync(cpuReporter, CPU_REPORTER);
  const cpuSource: CpuSource = childrenCpuMs() === undefined ? "reporter" : "proc";
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
      `Benchmarking synthesis: ${options.runs} timed run(s) after ${options.warmup} warm-up run(s) per scenario, on ` +
        `${cpus().length} CPU(s), node ${process.version}; CPU time from ` +
        (cpuSource === "proc" ? "the kernel (/proc)" : "each process's own report (no /proc here)"),
    );
    const results = measureAll(scenarios, options, workDirectory, cpuSource, cpuReporter, log);
    const resultOf = (name: string) => results.find((result) => result.scenario === name) as Result;
    const ratio = (of: (result: Result) => number, numerator: string, denominator: string) =>
      of(resultOf(numerator)) / of(resultOf(denominator));
    const pairs = [
      ["3 environments", "minimal app"],
      ["30 environments", "3 environments"],
      ["100 environments", "3 environments"],
      ["100 environments", "minimal app"],
    ] as const;
    const ratiosOf = (of: (result: Result) => number) =>
      Object.fromEntries(pairs.map(([numerator, denominator]) => [`${numerator} / ${denominator}`, ratio(of, numerator, denominator)]));
    const targets = TARGETS.map(({ numerator, denominator, limit }) => {
      const measured = ratio((result) => result.cpuMedianMs, numerator, denominator);
      return { name: `${numerator} <= ${limit} x ${denominator} (CPU)`, ratio: measured, limit, pass: measured <= limit };
    });
    return {
      runs: options.runs,
      warmup: options.warmup,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
      },
      cpuSource,
      results,
      cpuRatios: ratiosOf((result) => result.cpuMedianMs),
      ratios: ratiosOf((result) => result.medianMs),
      targets,
    };
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

/** The report as the lines `npm run bench` prints: a table of medians, the ratios, a PASS or FAIL line per target. */
export function reportLines(report: BenchReport): string[] {
  const ms = (value: number, width: number) => `${value.toFixed(0)} ms`.padStart(width);
  return [
    "",
    `${"scenario".padEnd(18)} ${"CPU median".padStart(11)}  ${"CPU per stack".padStart(13)} ${"wall median".padStart(12)} ` +
      `${"min".padStart(9)} ${"max".padStart(9)}`,
    ...report.results.map(
      (result) =>
        `${result.scenario.padEnd(18)} ${ms(result.cpuMedianMs, 11)}  ${ms(result.cpuMedianMs / result.stacks, 13)} ` +
        `${ms(result.medianMs, 12)} ${ms(result.minMs, 9)} ${ms(result.maxMs, 9)}`,
    ),
    "",
    ...Object.entries(report.cpuRatios).map(
      ([name, ratio]) => `${name}: ${ratio.toFixed(2)}x CPU (${(report.ratios[name] ?? NaN).toFixed(2)}x wall)`,
    ),
    "",
    ...report.targets.map(({ name, ratio, pass }) => `${pass ? "PASS" : "FAIL"} ${name} (measured ${ratio.toFixed(2)}x)`),
  ];
}

export const tsxMissing = (): boolean => !existsSync(TSX);
