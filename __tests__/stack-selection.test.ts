import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { changedStacks, stackIds } from "../lib/ci/stack-selection";
import { environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { environmentsFromYaml } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

const run = promisify(execFile);
const makeTemporaryDirectory = useTemporaryDirectories("stacks");

function writeStack(outdir: string, id: string, json: string): void {
  mkdirSync(join(outdir, "stacks", id), { recursive: true });
  writeFileSync(join(outdir, "stacks", id, "cdk.tf.json"), json);
}

describe("the stacks CI runs", () => {
  test("are the environments file's stacks in its order, the deploy order; --remote-state drops those whose state is a local file", () => {
    const environments = environmentsFromYaml(`
environments:
  - name: zeta
    target: collate
    openmetadataUrl: https://zeta.example.com
    okta: { orgName: a, baseUrl: okta.com, access: { everyone: true } }
    backend: { type: s3, bucket: example-state, region: eu-west-1 }
  - name: alpha
    target: collate
    openmetadataUrl: https://alpha.example.com
    okta: { orgName: a, baseUrl: okta.com, access: { everyone: true } }
  - name: mid
    target: collate
    openmetadataUrl: https://mid.example.com
    okta: { orgName: a, baseUrl: okta.com, access: { everyone: true } }
    backend: { type: remote, organization: o }
`);
    expect(stackIds(environments)).toEqual(["openmetadata-zeta", "openmetadata-alpha", "openmetadata-mid"]);
    expect(stackIds(environments, { remoteState: true })).toEqual(["openmetadata-zeta", "openmetadata-mid"]);
  });

  test(
    "a pull request plans the stacks whose synthesized JSON differs from the base " +
      "branch's or that the base lacks, and leaves byte-identical ones",
    () => {
      const head = makeTemporaryDirectory();
      const base = makeTemporaryDirectory();
      writeStack(head, "openmetadata-a", '{"same":1}');
      writeStack(base, "openmetadata-a", '{"same":1}');
      writeStack(head, "openmetadata-b", '{"changed":2}');
      writeStack(base, "openmetadata-b", '{"changed":1}');
      writeStack(head, "openmetadata-new", "{}");
      expect(changedStacks(["openmetadata-a", "openmetadata-b", "openmetadata-new"], head, base)).toEqual({
        changed: ["openmetadata-b", "openmetadata-new"],
        unchanged: ["openmetadata-a"],
      });
      // No base synthesis at all (the base does not synthesize): everything is planned.
      expect(changedStacks(["openmetadata-a"], head, join(base, "missing"))).toEqual({ changed: ["openmetadata-a"], unchanged: [] });
      expect(() => changedStacks(["openmetadata-unsynthesized"], head, base)).toThrow("run npm run synth first");
    },
  );

  test("npm run -s stacks prints the list as JSON for a matrix, and a bad option is a usage error", async () => {
    const root = resolve(__dirname, "..");
    const inUse = process.env["OPENMETADATA_ENVIRONMENTS_FILE"];
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/stacks.ts", "--remote-state"], {
      cwd: root,
      env: { PATH: process.env["PATH"] ?? "", ...(inUse ? { OPENMETADATA_ENVIRONMENTS_FILE: inUse } : {}) },
    });
    // The command reads the environments file in use, like the workflows that call it.
    expect(JSON.parse(stdout)).toEqual(stackIds(loadEnvironmentsFile(environmentsFilePath()), { remoteState: true }));
    const failure = await run(process.execPath, ["--import", "tsx", "scripts/stacks.ts", "--remote"], {
      cwd: root,
      env: { PATH: process.env["PATH"] ?? "" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/^error: .*--remote[\s\S]*Run "npm run stacks -- --help" for usage\.\n$/);
  });
});
