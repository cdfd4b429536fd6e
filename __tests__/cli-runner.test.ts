import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { defineCommand, type Command } from "../lib/cli/command";
import { adoptCommand } from "../lib/cli/commands/adopt";
import { verifyCommand } from "../lib/cli/commands/verify";
import { positionalEnvironment } from "../lib/cli/environment";
import { runCommand } from "../lib/cli/run";
import { ENVIRONMENTS_FILE_VARIABLE } from "../lib/config/load-environments";
import { UserError } from "../lib/errors";
import { ssoSyncCommand } from "../lib/sso-sync/cli";
import { FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

// The runner of every npm run command (lib/cli/run.ts): what it answers around a command's run, and the exit codes
// of help/commands.md. The catalogue (mistakes.test.ts) runs each real command's mistakes through it.

const scratch = useTemporaryDirectories("cli-runner");
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJTRU5USU5FTCJ9.SENTINEL-c2lnbmF0dXJl";

/** A command that reports what it was given, or throws what it is told to. */
function probe(fails?: () => never): Command {
  return defineCommand({
    name: "probe",
    usage: "Usage: npm run probe -- <environment> [--outdir DIR]\n",
    options: { outdir: { type: "string", default: "cdktf.out" }, "dry-run": { type: "boolean", default: false } },
    environment: positionalEnvironment({ example: "dev", purpose: "probe" }),
    run({ values, environment }, io) {
      fails?.();
      io.stdout(`${environment.name} ${values.outdir}\n`);
      return environment.name === "prod" ? 1 : 0;
    },
  });
}

async function run(command: Command, args: readonly string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runCommand(command, args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { [ENVIRONMENTS_FILE_VARIABLE]: FIXTURE_ENVIRONMENTS_FILE, ...env },
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

const POINTER = 'Run "npm run probe -- --help" for usage.\n';

describe("the command runner", () => {
  test("--help prints the usage on stdout and exits 0 without running the command", async () => {
    expect(await run(probe(), ["--help"])).toEqual({
      code: 0,
      stdout: "Usage: npm run probe -- <environment> [--outdir DIR]\n",
      stderr: "",
    });
    expect((await run(probe(), ["-h"])).code).toBe(0);
  });

  test("passes the environment named and the options to run, and returns run's exit code", async () => {
    expect(await run(probe(), ["dev", "--outdir", "out"])).toEqual({ code: 0, stdout: "dev out\n", stderr: "" });
    expect((await run(probe(), ["prod"])).code).toBe(1);
  });

  test("an unknown option suggests the nearest known one and lists them all, with the --help pointer, exit 2", async () => {
    expect(await run(probe(), ["dev", "--outdri", "out"])).toEqual({
      code: 2,
      stdout: "",
      stderr: `error: unknown option --outdri (did you mean --outdir?); options: --outdir, --dry-run, --help\n${POINTER}`,
    });
  });

  test("an unknown environment lists the file's environments and suggests the nearest, exit 2", async () => {
    expect(await run(probe(), ["stagign"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'error: no environment "stagign" in __tests__/fixtures/environments.yaml (did you mean staging?); ' +
        `the file has dev, staging, prod\n${POINTER}`,
    });
  });

  test("a missing environment, or two, is a usage mistake naming what to write", async () => {
    expect((await run(probe(), [])).stderr).toContain("error: name the environment to probe, e.g. npm run probe -- dev");
    expect((await run(probe(), ["dev", "prod"])).stderr).toContain('error: one environment at a time, got "dev", "prod"');
    expect((await run(probe(), [])).code).toBe(2);
  });

  test("an internal error exits 70 with one line naming the command, and prints no secret nor stack trace", async () => {
    const result = await run(
      probe(() => {
        throw new TypeError(`the token ${JWT} was refused\n    at f (/work/lib/x.ts:1:2)`);
      }),
      ["dev"],
    );
    expect(result.code).toBe(70);
    expect(result.stderr).toBe("probe: internal error (not a mistake in your input): the token (a JWT, not shown) was refused\n");
    expect(result.stderr).not.toContain("SENTINEL");
  });

  test("a user error is one line and the --help pointer, or that line alone when the fix is not on the command line", async () => {
    const fails = (error: UserError) => () => {
      throw error;
    };
    expect(await run(probe(fails(new UserError("--outdir must be a folder"))), ["dev"])).toEqual({
      code: 2,
      stdout: "",
      stderr: `error: --outdir must be a folder\n${POINTER}`,
    });
    expect(await run(probe(fails(new UserError("export TOKEN", { onTheCommandLine: false }))), ["dev"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "error: export TOKEN\n",
    });
  });

  test.each([
    ["probe", (): Command => probe(), ["dev"]],
    ["sso-sync", (): Command => ssoSyncCommand, ["dev", "--outputs", "outputs.json"]],
    ["adopt", (): Command => adoptCommand, ["dev"]],
    ["verify", (): Command => verifyCommand, ["dev", "--outputs", "outputs.json"]],
  ] as const)(
    "%s prints an environments file's several problems as they are, one per line, with no --help pointer",
    async (_, command, args) => {
      const file = join(scratch(), "environments.yaml");
      writeFileSync(
        file,
        "environments:\n  - name: dev\n    openmetadataUrl: http://openmetadata.example.com/\n    okta: { orgName: example, baseUrl: okta.com, flow: spaa }\n",
      );
      const { code, stdout, stderr } = await run(command(), args, { [ENVIRONMENTS_FILE_VARIABLE]: file });
      const lines = stderr.trimEnd().split("\n");
      expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
      expect(lines[0]).toMatch(/environments\.yaml: \d+ problems in the environments$/);
      const problems = Number(/: (\d+) problems/.exec(lines[0]!)![1]);
      expect(problems).toBeGreaterThanOrEqual(2);
      expect(lines.slice(1)).toHaveLength(problems);
      for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}- /);
      expect(stderr).toContain("okta.flow");
      expect(stderr).toContain("openmetadataUrl");
      expect(stderr).not.toContain("--help");
    },
  );

  test("as a process, the command's exit code is the process's: 70 for an internal error, with its one line", async () => {
    const script = join(scratch(), "crash.ts");
    const lib = (path: string) => JSON.stringify(resolve(__dirname, "..", "lib", path));
    writeFileSync(
      script,
      `import { defineCommand } from ${lib("cli/command")};\nimport { runFromCommandLine } from ${lib("cli/run")};\n` +
        `runFromCommandLine(defineCommand({ name: "crash", usage: "", options: {}, run: () => { throw new Error("boom"); } }));\n`,
    );
    const failure = await promisify(execFile)(process.execPath, ["--import", "tsx", script]).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 70, stdout: "", stderr: "crash: internal error (not a mistake in your input): boom\n" });
  });
});
