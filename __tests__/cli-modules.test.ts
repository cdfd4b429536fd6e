import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";
import { FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

// A CLI that synthesizes nothing must not pay for the provider bindings (hundreds of modules, most of
// its start-up): the chart contract and the config are dependency-free so that it need not.
// Each CLI runs as `npm run` runs it, in a child process; a hook records every module loaded by the end.

const ROOT = resolve(__dirname, "..");
const temporaryDirectory = useTemporaryDirectories("cli-modules");
const CONSTRUCT_LIBRARIES = /[\\/]node_modules[\\/](cdktf|constructs|@cdktf[\\/]provider-[^\\/]+)[\\/]/;

let probe: string;
beforeAll(() => {
  probe = join(temporaryDirectory(), "record-loaded-modules.cjs");
  writeFileSync(
    probe,
    'process.on("exit", () => ' +
      'require("node:fs").writeFileSync(process.env.LOADED_MODULES_FILE, ' +
      "JSON.stringify(Object.keys(require.cache))));\n",
  );
});

async function modulesLoadedBy(script: string, args: readonly string[]): Promise<string[]> {
  const out = join(temporaryDirectory(), "loaded.json");
  await promisify(execFile)(process.execPath, ["--import", "tsx", "--require", probe, join("scripts", script), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOADED_MODULES_FILE: out,
      OPENMETADATA_ENVIRONMENTS_FILE: FIXTURE_ENVIRONMENTS_FILE,
      OPENMETADATA_JWT_TOKEN: "unused",
    },
  });
  return JSON.parse(readFileSync(out, "utf8")) as string[];
}

describe("CLIs that synthesize nothing load no provider bindings", () => {
  test.concurrent.each([
    ["ingestion-config.ts", ["dev"]],
    ["stacks.ts", []],
    ["sso-sync.ts", ["--help"]],
    ["verify.ts", ["--help"]],
    ["adopt.ts", ["--help"]],
    ["check-chart.ts", ["--help"]],
  ] as const)("%s %j loads neither cdktf nor constructs nor a @cdktf/provider-* module", async (script, args) => {
    const loaded = await modulesLoadedBy(script, args);
    expect(loaded.some((module) => module.endsWith(join("lib", "config", "load-environments.ts")))).toBe(true);
    expect(loaded.filter((module) => CONSTRUCT_LIBRARIES.test(module))).toEqual([]);
  });

  test("the probe sees the provider bindings when a script does load them", async () => {
    // check:chart synthesizes the fixture's environments to check their values against this chart, which takes any.
    const chart = temporaryDirectory();
    writeFileSync(join(chart, "Chart.yaml"), "apiVersion: v2\nname: openmetadata\nversion: 1.13.1\n");
    writeFileSync(join(chart, "values.yaml"), "{}\n");
    writeFileSync(join(chart, "values.schema.json"), "{}\n");
    const loaded = await modulesLoadedBy("check-chart.ts", ["--chart", chart]);
    expect(loaded.filter((module) => CONSTRUCT_LIBRARIES.test(module)).length).toBeGreaterThan(100);
  });
});
