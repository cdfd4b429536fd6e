import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { fixtureEnvironments, fixtureStack, FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";

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
  return run(TSX, ["main.ts"], { cwd: PROJECT_ROOT, env: { ...process.env, OPENMETADATA_ENVIRONMENTS_FILE: FIXTURE_ENVIRONMENTS_FILE, CDKTF_OUTDIR: outdir, ...env } }).then(
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
    writeFileSync(file, "environments:\n  - name: qa\n    openmetadataUrl: http://openmetadata.example.com/\n    okta: { orgName: example, baseUrl: okta.com, flow: hybrid }\n");
    const outdir = join(scratch, "bad-out");
    const result = await synth(outdir, { OPENMETADATA_ENVIRONMENTS_FILE: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('environment "qa", field okta.flow: got "hybrid"');
    expect(result.stderr).toContain('environment "qa", field openmetadataUrl: got "http://openmetadata.example.com/"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(outdir)).toBe(false);
  });
});
