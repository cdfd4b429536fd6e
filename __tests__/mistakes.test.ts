import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { environmentSchema } from "../lib/config/environment-schema";
import { ENVIRONMENTS_FILE_VARIABLE } from "../lib/config/load-environments";
import { FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { runSynth } from "../stacks/run-synth";
import type { Command } from "../lib/cli/command";
import { runCommand } from "../lib/cli/run";
import { synthesizeReleaseValues } from "../stacks/release-values";
import { fieldPaths } from "./support/schema-fields";
import { useTemporaryDirectories } from "./support/temporary-directories";

/**
 * The catalogue of mistakes: one file per mistake in __tests__/mistakes/, with the words its error
 * must contain. An environments file (.yaml, .json, or raw bytes) carries them in `# expect:` header
 * lines or in a sidecar `<file>.expect`; a `.case` file describes a command line or an environment
 * variable. Fields: `mistake` (what the user did), `expect` (one per line), `exit` (default 1),
 * `env` (NAME=VALUE), `run` (`synth`, `spawn synth`, or a script with its arguments, e.g.
 * `keys --colour`), `spawn: true` (also run it as a real process). `{here}` is the catalogue folder,
 * `{tmp}` a scratch folder; files/ holds what cases point to. A new field or script brings its own cases.
 */

const PROJECT_ROOT = resolve(__dirname, "..");
const CATALOGUE = join(__dirname, "mistakes");
const TSX_CLI = join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const SCRIPTS: Record<string, string> = {
  adopt: "adopt.ts",
  "sso-sync": "sso-sync.ts",
  stacks: "stacks.ts",
  "lock-providers": "lock-providers.ts",
  keys: "keys.ts",
  "ingestion-config": "ingestion-config.ts",
  "check:chart": "check-chart.ts",
  verify: "verify.ts",
  bench: "bench.ts",
  "ci:plan": "ci-plan.ts",
  "ci:apply": "ci-apply.ts",
  "ci:outputs": "ci-outputs.ts",
  rehearse: "rehearse.ts",
  changes: "changes.ts",
  explain: "explain.ts",
  bindings: "bindings.ts",
};
/** One problem is two lines (the file and the problem); a command-line mistake is one line plus the --help pointer. */
const MAX_LINES = 4;
const STACK_TRACE = /^\s+at .+[:(]\d+:\d+\)?$|node:internal|\.ts:\d+:\d+/m;

interface Mistake {
  readonly name: string;
  readonly mistake: string;
  readonly expects: readonly string[];
  readonly exit: number;
  readonly env: Readonly<Record<string, string>>;
  /** ["synth"] in-process, ["spawn", "synth"] as main.ts, or a script and its arguments. */
  readonly run: readonly string[];
  readonly spawn: boolean;
}

const scratch = useTemporaryDirectories("mistakes");

function readCatalogue(): Mistake[] {
  const tmp = scratch();
  const files = readdirSync(CATALOGUE, { withFileTypes: true }).filter((entry) => entry.isFile() && !entry.name.endsWith(".expect"));
  return files.map(({ name }) => {
    const path = join(CATALOGUE, name);
    const sidecar = `${path}.expect`;
    const spec = existsSync(sidecar) ? readFileSync(sidecar, "utf8") : headerOf(readFileSync(path, "utf8"));
    const fields = spec.split("\n").flatMap((line) => {
      const match = /^(?:#\s*)?(\w+):\s?(.*)$/.exec(line.trim());
      return match ? [[match[1]!, match[2]!.replaceAll("{here}", CATALOGUE).replaceAll("{tmp}", tmp)] as const] : [];
    });
    const all = (key: string) => fields.filter(([field]) => field === key).map(([, value]) => value);
    const one = (key: string) => all(key)[0];
    const isCase = name.endsWith(".case");
    const env = Object.fromEntries(
      all("env").map((assignment) => [assignment.slice(0, assignment.indexOf("=")), assignment.slice(assignment.indexOf("=") + 1)]),
    );
    return {
      name: name.replace(/\.case$/, ""),
      mistake: one("mistake") ?? "(no description)",
      expects: all("expect"),
      exit: Number(one("exit") ?? 1),
      // Command lines run on the fixture environments unless the case names a file: whatever file is in use.
      env: isCase ? { [ENVIRONMENTS_FILE_VARIABLE]: FIXTURE_ENVIRONMENTS_FILE, ...env } : { ...env, [ENVIRONMENTS_FILE_VARIABLE]: path },
      run: (one("run") ?? "synth").split(" "),
      spawn: one("spawn") === "true",
    };
  });
}

/** The leading comment lines of a YAML file. */
function headerOf(text: string): string {
  const lines = text.split("\n");
  const end = lines.findIndex((line) => !line.startsWith("#"));
  return lines.slice(0, end === -1 ? lines.length : end).join("\n");
}

function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name)).toString("base64");
  }
  return files;
}

function spawnRun(
  args: readonly string[],
  env: Record<string, string>,
  outdir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, ...rest] = args;
  const script = command === "synth" ? "main.ts" : join("scripts", SCRIPTS[command!] ?? `${command}.ts`);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, ...env };
  if (!(ENVIRONMENTS_FILE_VARIABLE in env)) delete childEnv[ENVIRONMENTS_FILE_VARIABLE];
  return new Promise((done) => {
    execFile(
      process.execPath,
      [TSX_CLI, script, ...rest],
      { cwd: PROJECT_ROOT, env: childEnv, encoding: "utf8" },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

function expectActionableError(mistake: Mistake, result: { code: number; stderr: string }): void {
  const output = result.stderr.trimEnd();
  expect(result.code, output).toBe(mistake.exit);
  expect(output.split("\n").length, output).toBeLessThanOrEqual(MAX_LINES);
  expect(output, "no stack trace").not.toMatch(STACK_TRACE);
  for (const words of mistake.expects) expect(output).toContain(words);
}

function restoreGoodOutput(): void {
  if (JSON.stringify(filesUnder(outdir)) === JSON.stringify(goodOutput)) return;
  rmSync(outdir, { recursive: true, force: true });
  for (const [file, content] of Object.entries(goodOutput)) {
    mkdirSync(dirname(join(outdir, file)), { recursive: true });
    writeFileSync(join(outdir, file), Buffer.from(content, "base64"));
  }
}

const mistakes = readCatalogue();
const outdir = scratch();
let goodOutput: Record<string, string>;

beforeAll(() => {
  // A previous good synth that no mistake may touch.
  const lines: string[] = [];
  expect(
    runSynth({ env: { [ENVIRONMENTS_FILE_VARIABLE]: FIXTURE_ENVIRONMENTS_FILE }, outdir, stderr: (line) => lines.push(line) }),
    lines.join("\n"),
  ).toBe(0);
  goodOutput = filesUnder(outdir);
});

/** Where each script's command is declared: scripts/<x>.ts is one line running it. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  adopt: async () => (await import("../lib/cli/commands/adopt")).adoptCommand,
  "sso-sync": async () => (await import("../lib/sso-sync/cli")).ssoSyncCommand,
  stacks: async () => (await import("../lib/cli/commands/stacks")).stacksCommand,
  "lock-providers": async () => (await import("../lib/cli/commands/lock-providers")).lockProvidersCommand,
  keys: async () => (await import("../lib/cli/commands/keys")).keysCommand,
  "ingestion-config": async () => (await import("../lib/cli/commands/ingestion-config")).ingestionConfigCommand,
  "check:chart": async () => (await import("../lib/cli/commands/check-chart")).checkChartCommand(async () => synthesizeReleaseValues),
  verify: async () => (await import("../lib/cli/commands/verify")).verifyCommand,
  bench: async () => (await import("../lib/cli/commands/bench")).benchCommand,
  "ci:plan": async () => (await import("../lib/cli/commands/ci-plan")).ciPlanCommand,
  "ci:apply": async () => (await import("../lib/cli/commands/ci-apply")).ciApplyCommand,
  "ci:outputs": async () => (await import("../lib/cli/commands/ci-outputs")).ciOutputsCommand,
  rehearse: async () => (await import("../lib/cli/commands/rehearse")).rehearseCommand,
  changes: async () => (await import("../lib/cli/commands/changes")).changesCommand,
  explain: async () => (await import("../lib/cli/commands/explain")).explainCommand,
  bindings: async () => (await import("../lib/cli/commands/bindings")).bindingsCommand,
};

/**
 * A script's command, run in this process with its io passed in: the case's variables over this process's (PATH,
 * HOME), never the environments file of the shell. The cost of a spawn is tsx's startup, ~1 s.
 */
async function runScriptInProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, ...rest] = args;
  const { [ENVIRONMENTS_FILE_VARIABLE]: _shells, ...inherited } = process.env;
  let stdout = "";
  let stderr = "";
  const code = await runCommand(await COMMANDS[command!]!(), rest, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { ...inherited, ...env },
    cwd: PROJECT_ROOT,
  });
  return { code, stdout, stderr };
}

describe("the catalogue of mistakes", () => {
  test("has at least 60 cases, each with a description and the words its error must contain", () => {
    expect(mistakes.length).toBeGreaterThanOrEqual(60);
    for (const mistake of mistakes)
      expect({ name: mistake.name, described: mistake.expects.length > 0 && mistake.mistake !== "(no description)" }).toEqual({
        name: mistake.name,
        described: true,
      });
  });

  test("has a case for every field of the environment schema", () => {
    const expected = mistakes
      .flatMap((mistake) => mistake.expects)
      .join("\n")
      .replace(/\[\d+\]/g, "");
    const paths = fieldPaths(environmentSchema);
    expect(paths).toContain("openmetadata.database.host");
    expect(paths.filter((path) => !expected.includes(`field ${path}`))).toEqual([]);
  });

  test("a refused file creates no output folder where there was none", () => {
    const fresh = join(scratch(), "cdktf.out");
    const refused = mistakes.find((mistake) => mistake.name === "backend-same-s3-key.yaml")!;
    expect(runSynth({ env: refused.env, outdir: fresh, stderr: () => undefined })).toBe(1);
    expect(existsSync(fresh)).toBe(false);
  });

  test("has command-line cases for every script in scripts/, and knows the command each one runs", () => {
    const scripts = readdirSync(join(PROJECT_ROOT, "scripts")).filter((file) => file.endsWith(".ts"));
    const covered = new Set(mistakes.map((mistake) => SCRIPTS[mistake.run[0]!]));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((script) => !covered.has(script))).toEqual([]);
    expect(Object.keys(SCRIPTS).filter((name) => !(name in COMMANDS))).toEqual([]);
  });

  for (const mistake of mistakes.filter((candidate) => candidate.run[0] !== "spawn")) {
    const command = mistake.run[0] === "synth" ? "synth" : mistake.run.join(" ");
    test(
      `${mistake.name}: ${mistake.mistake} (npm run ${command}) exits ${mistake.exit} ` +
        `with an actionable error and leaves the previous output untouched`,
      async () => {
        try {
          if (command === "synth") {
            const lines: string[] = [];
            const code = runSynth({ env: mistake.env, outdir, stderr: (line) => lines.push(line) });
            expectActionableError(mistake, { code, stderr: lines.join("\n") });
          } else {
            expectActionableError(mistake, await runScriptInProcess(mistake.run, mistake.env));
          }
          expect(filesUnder(outdir)).toEqual(goodOutput);
        } finally {
          // A mistake that was accepted wrote its own output: put the good one back so the next case is judged alone.
          restoreGoodOutput();
        }
      },
    );
  }

  // A handful as real processes: the exit code and the absence of a stack trace end to end.
  for (const mistake of mistakes.filter((candidate) => candidate.spawn || candidate.run[0] === "spawn")) {
    const args = mistake.run[0] === "spawn" ? mistake.run.slice(1) : mistake.run;
    test.concurrent(
      `${mistake.name}: ${mistake.mistake}, as a process (tsx ${args.join(" ")}), exits ${mistake.exit} with an actionable error`,
      async () => {
        const result = await spawnRun(args, { ...mistake.env }, outdir);
        expectActionableError(mistake, result);
        expect(filesUnder(outdir)).toEqual(goodOutput);
      },
    );
  }
});
