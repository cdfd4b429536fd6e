import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { Password } from "@cdktf/provider-random/lib/password";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { afterAll, describe, expect, test } from "vitest";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { buildApp } from "../stacks/app";
import { runSynth, withoutStackTraceText } from "../stacks/run-synth";
import { fixtureEnvironments, fixtureStack, FIXTURE_AUTH0_ENVIRONMENTS_FILE, FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";

const run = promisify(execFile);
const PROJECT_ROOT = resolve(__dirname, "..");
const TSX = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
const scratch = mkdtempSync(join(tmpdir(), "synth-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every credential variable the Okta provider reads, set to a value that must never be synthesized. */
const CREDENTIALS = {
  OKTA_API_TOKEN: "00sentinel-api-token-9f8e7d",
  OKTA_API_CLIENT_ID: "0oa-sentinel-client-id-5c4b",
  OKTA_API_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----sentinel-private-key-3a2b-----END PRIVATE KEY-----",
  OKTA_API_PRIVATE_KEY_ID: "sentinel-private-key-id-1d0e",
  OKTA_ACCESS_TOKEN: "sentinel-access-token-7f6a",
};

async function synth(outdir: string, env: Record<string, string> = {}) {
  return run(TSX, ["main.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, OPENMETADATA_ENVIRONMENTS_FILE: FIXTURE_ENVIRONMENTS_FILE, CDKTF_OUTDIR: outdir, ...env },
  }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

describe("synthesized Terraform of the fixture environments", () => {
  for (const environment of fixtureEnvironments()) {
    test(`${environment.stackId} matches its reviewed snapshot`, async () => {
      const { text } = fixtureStack(environment.name);
      await expect(JSON.stringify(JSON.parse(text), null, 2) + "\n").toMatchFileSnapshot(`__snapshots__/${environment.stackId}.tf.json`);
    });
  }
});

describe("npm run synth", () => {
  const first = join(scratch, "first");
  const second = join(scratch, "second");
  const runs = Promise.all([synth(first, CREDENTIALS), synth(second)]);

  test("writes one stack per environment with no credentials set", async () => {
    const [result] = await runs;
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(first, "stacks")).sort()).toEqual(["openmetadata-dev", "openmetadata-prod", "openmetadata-staging"]);
  });

  test("gives byte-identical output when run twice", async () => {
    await runs;
    const a = filesUnder(first);
    const b = filesUnder(second);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).toBe(true);
  });

  test("never writes a credential from the environment into its output", async () => {
    await runs;
    const output = [...filesUnder(first).values()].map((bytes) => bytes.toString("utf8")).join("\n");
    for (const [name, value] of Object.entries(CREDENTIALS)) expect(output.includes(value), name).toBe(false);
    expect(output).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  test("exits non-zero on bad input, says what is wrong and writes nothing", async () => {
    const file = join(scratch, "bad.yaml");
    writeFileSync(
      file,
      "environments:\n  - name: qa\n    openmetadataUrl: " +
        "http://openmetadata.example.com/\n    okta: { orgName: example, baseUrl: okta.com, " +
        "flow: hybrid }\n",
    );
    const outdir = join(scratch, "bad-out");
    const result = await synth(outdir, { OPENMETADATA_ENVIRONMENTS_FILE: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('environment "qa", field okta.flow: got "hybrid"');
    expect(result.stderr).toContain('environment "qa", field openmetadataUrl: got "http://openmetadata.example.com/"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(outdir)).toBe(false);
  });
});

describe("what npm run synth says", () => {
  const run = (env: NodeJS.ProcessEnv, outdir: string) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = runSynth({
      env: { OPENMETADATA_ENVIRONMENTS_FILE: FIXTURE_ENVIRONMENTS_FILE, ...env },
      outdir,
      stdout: (line) => stdout.push(line),
      stderr: (line) => stderr.push(line),
    });
    return { code, stdout, stderr };
  };

  test("a line per stack written, each warning once, and stack folders of earlier runs removed", () => {
    const outdir = join(scratch, "said");
    mkdirSync(join(outdir, "stacks", "openmetadata-retired"), { recursive: true });
    const { code, stdout, stderr } = run({}, outdir);
    expect(code).toBe(0);
    expect(stdout).toEqual([
      ...fixtureEnvironments().map((environment) =>
        expect.stringMatching(
          new RegExp(`^wrote ${join(outdir, "stacks", environment.stackId, "cdk.tf.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `),
        ),
      ),
      `removed ${join(outdir, "stacks", "openmetadata-retired")}: no environment of the file makes this stack any more`,
    ]);
    expect(existsSync(join(outdir, "stacks", "openmetadata-retired"))).toBe(false);
    expect(stderr.length).toBeGreaterThan(0);
    expect(new Set(stderr).size).toBe(stderr.length);
    for (const line of stderr) expect(line).toMatch(/^warning: /);
  });

  test("each wrote line ends with what the stack holds: identity provider and flow, target, protection, state backend", () => {
    const { stdout } = run({}, join(scratch, "holds"));
    const holds = Object.fromEntries(
      stdout.filter((line) => line.startsWith("wrote ")).map((line) => [/stacks\/([^/]+)\//.exec(line)![1], line.split(": ")[1]]),
    );
    expect(holds["openmetadata-dev"]).toBe("Okta SPA flow, Kubernetes, not protected, local state");
    expect(holds["openmetadata-staging"]).toBe("Okta Web flow, Kubernetes, not protected, S3 state");
    expect(holds["openmetadata-prod"]).toBe("Okta SPA flow, Kubernetes, protected, S3 state");
  });

  test("a failed run leaves the previous output as it was and says so", () => {
    const outdir = join(scratch, "kept");
    expect(run({}, outdir).code).toBe(0);
    const before = filesUnder(outdir);
    const { code, stderr } = run({ OPENMETADATA_ENVIRONMENTS_FILE: join(scratch, "missing.yaml") }, outdir);
    expect(code).toBe(1);
    expect(stderr.join("\n")).toContain("(nothing was written: ");
    expect(stderr.join("\n")).toContain("is as the last good synthesis left it)");
    const after = filesUnder(outdir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, bytes] of before) expect(bytes.equals(after.get(path)!), path).toBe(true);
  });

  test(
    "under the cdktf CLI, which prints stacks and construct warnings itself and shows " +
      "standard error as [ERROR], it writes nothing to standard error",
    () => {
      const { code, stdout, stderr } = run({ CDKTF_CONTEXT_JSON: "{}" }, join(scratch, "cli"));
      expect(code).toBe(0);
      expect(stderr).toEqual([]);
      expect(stdout.filter((line) => line.startsWith("wrote "))).toEqual([]);
    },
  );
});

describe("synth without stack trace text", () => {
  test("traces created while building format to nothing, and an error thrown there still has its stack when reported", () => {
    let insideStack: string | undefined;
    let thrown: Error | undefined;
    try {
      withoutStackTraceText(() => {
        const probe: { stack?: string } = {};
        Error.captureStackTrace(probe);
        insideStack = probe.stack;
        throw new Error("internal");
      });
    } catch (error) {
      thrown = error as Error;
    }
    expect(insideStack).toBe("");
    expect(thrown?.stack).toMatch(/Error: internal\n\s+at /);
  });
});

describe("synth without cdktf's cross-stack pass", () => {
  /**
   * What the resolving part of cdktf's own prepareStack (which OpenMetadataStack skips) adds: constructs
   * per stack, and stack dependencies. The default backend it also adds, OpenMetadataStack keeps.
   */
  function addedByCdktfPreparation(stacks: readonly TerraformStack[]) {
    for (const stack of stacks) stack.ensureBackendExists();
    const before = stacks.map((stack) => stack.node.findAll().length);
    for (const stack of stacks) TerraformStack.prototype.prepareStack.call(stack);
    return {
      constructs: stacks.map((stack, index) => stack.node.findAll().length - before[index]!),
      dependencies: stacks.flatMap((stack) => stack.dependencies.map((dependency) => `${stack.node.id} -> ${dependency.node.id}`)),
    };
  }

  test("cdktf's pass would add nothing to any fixture stack: no stack refers to another's resources", () => {
    const environments = [...loadEnvironmentsFile(FIXTURE_ENVIRONMENTS_FILE), ...loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE)];
    const { stacks } = buildApp(environments, { outdir: join(scratch, "prepare") });
    expect(addedByCdktfPreparation(stacks)).toEqual({ constructs: stacks.map(() => 0), dependencies: [] });
  });

  test("a reference to another stack's resource is what that pass would add an output and a remote state for", () => {
    const app = new App({ outdir: join(scratch, "cross-stack"), stackTraces: false });
    const [origin, user] = ["origin", "user"].map((id) => {
      const stack = new TerraformStack(app, id);
      new RandomProvider(stack, "random");
      return stack;
    }) as [TerraformStack, TerraformStack];
    const password = new Password(origin, "password", { length: 16 });
    new TerraformOutput(user, "length", { value: password.length });
    expect(addedByCdktfPreparation([origin, user])).toEqual({ constructs: [1, 1], dependencies: ["user -> origin"] });
  });
});
