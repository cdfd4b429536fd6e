import { execFile, execFileSync } from "node:child_process";
import { FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { loadChart, type Chart } from "../lib/chart-check/chart";
import { checkChart, parseDocuments, validateStackValues } from "../lib/chart-check/check";
import { ChartCheckError } from "../lib/chart-check/errors";
import { findOnPath } from "../lib/chart-check/helm";
import { ReferencePlaceholders } from "../lib/chart-check/references";
import { deploysChart } from "../lib/chart-check/release-values";
import { synthesizeReleaseValues } from "../stacks/release-values";
import { mergeValues, type Values } from "../lib/chart-check/values";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { useTemporaryDirectories } from "./support/temporary-directories";

const projectRoot = resolve(__dirname, "..");
const tsxCli = createRequire(__filename).resolve("tsx/cli");
// Reference data beside the project, never copied into it; copies made here live in the OS temp dir only.
const referenceChart = resolve(projectRoot, "..", "shared", "reference", "openmetadata-chart-1.13.1");
const CHART_FILES = ["Chart.yaml", "values.yaml", "values.schema.json"] as const;
const noReference = !CHART_FILES.every((file) => existsSync(join(referenceChart, file)));
const needsReference = noReference ? ` [skipped: no reference chart at ${referenceChart}]` : "";

const makeTemporaryDirectory = useTemporaryDirectories("chart-check-test");

/** A temp copy of the reference chart in `<parent>/openmetadata`, the layout `helm package` uses. */
function copyReferenceChart(parent: string, edit?: { file: (typeof CHART_FILES)[number]; change: (text: string) => string }): string {
  const dir = join(parent, "openmetadata");
  mkdirSync(dir);
  for (const file of CHART_FILES) {
    if (edit?.file === file) writeFileSync(join(dir, file), edit.change(readFileSync(join(referenceChart, file), "utf8")));
    else copyFileSync(join(referenceChart, file), join(dir, file));
  }
  return dir;
}

type CliResult = { code: number; stdout: string; stderr: string };

function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [tsxCli, "scripts/check-chart.ts", ...args],
      { cwd: projectRoot, env, encoding: "utf8" },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** The CLI's environment: the fixture environments, and a PATH without helm (node is started by its absolute path). */
function cliEnv(): NodeJS.ProcessEnv {
  return { ...process.env, OPENMETADATA_ENVIRONMENTS_FILE: FIXTURE_ENVIRONMENTS_FILE, PATH: makeTemporaryDirectory() };
}

const shipped = () => loadEnvironmentsFile(FIXTURE_ENVIRONMENTS_FILE);

/** The schema text with `okta` removed from authentication.provider's enum. */
function withoutOktaProvider(text: string): string {
  type Node = { properties: Record<string, Node>; enum?: string[] };
  const schema = JSON.parse(text) as Node;
  const provider = schema.properties.openmetadata?.properties.config?.properties.authentication?.properties.provider;
  if (!provider?.enum?.includes("okta")) throw new Error("the reference schema no longer lists okta as a provider");
  provider.enum = provider.enum.filter((value) => value !== "okta");
  return JSON.stringify(schema);
}

test("Terraform references become string placeholders, URL-shaped for URLs, one per expression", () => {
  const placeholders = new ReferencePlaceholders();
  expect(placeholders.replaceIn("${okta_auth_server.a.issuer}")).toBe("https://tf-ref-1.placeholder.invalid");
  expect(placeholders.replaceIn("${okta_auth_server.a.issuer}/v1/keys")).toBe("https://tf-ref-1.placeholder.invalid/v1/keys");
  expect(placeholders.replaceIn("${okta_app_oauth.b.client_id}")).toBe("tf-ref-2");
  expect(placeholders.replaceIn("id=${okta_app_oauth.b.client_id};")).toBe("id=tf-ref-2;");
  expect(placeholders.replaceIn('${lookup({a = 1}, "a")}')).toBe("tf-ref-3");
  expect(placeholders.replaceIn("${random_id.c.hex}/path")).toBe("https://tf-ref-4.placeholder.invalid/path");
  expect(placeholders.replaceIn("literal $${not_a_reference}")).toBe("literal ${not_a_reference}");
  expect([...placeholders.references.keys()]).toEqual([
    "okta_auth_server.a.issuer",
    "okta_app_oauth.b.client_id",
    'lookup({a = 1}, "a")',
    "random_id.c.hex",
  ]);

  // In parsed YAML a reference in a number's position stays a string; other scalars keep their type.
  const { documents } = parseDocuments(
    ['port: ${var.port}\nreplicas: 2\nenabled: true\nkeys: ["${x.jwks_uri}"]\n'],
    new ReferencePlaceholders(),
  );
  expect(documents).toEqual([{ port: "tf-ref-1", replicas: 2, enabled: true, keys: ["https://tf-ref-2.placeholder.invalid"] }]);
});

test("values merge as Helm's do: maps key by key, lists replaced, null removes the default", () => {
  const merged = mergeValues(
    { a: { keep: 1, change: 1, drop: 1 }, list: [1, 2, 3] },
    { a: { change: 2, drop: null, add: 3 }, list: [9] },
    { a: { add: 4 } },
  );
  expect(merged).toEqual({ a: { keep: 1, change: 2, add: 4 }, list: [9] });
});

test("the CLI looks helm up on the PATH only", () => {
  const empty = makeTemporaryDirectory();
  expect(findOnPath("helm", empty)).toBeUndefined();
  const withHelm = makeTemporaryDirectory();
  writeFileSync(join(withHelm, "helm"), "#!/bin/sh\n", { mode: 0o755 });
  expect(findOnPath("helm", `${empty}:${withHelm}`)).toBe(join(withHelm, "helm"));
});

test("a chart directory without values.schema.json is refused with a clear error", () => {
  const dir = makeTemporaryDirectory();
  writeFileSync(join(dir, "Chart.yaml"), "apiVersion: v2\nname: openmetadata\nversion: 1.13.1\n");
  writeFileSync(join(dir, "values.yaml"), "fullnameOverride: openmetadata\n");
  expect(() => loadChart(dir)).toThrow(ChartCheckError);
  expect(() => loadChart(dir)).toThrow(`${dir}: no values.schema.json in the chart`);
});

test("a missing path, a file that is no chart and another chart are refused with what is wrong", () => {
  const dir = makeTemporaryDirectory();
  expect(() => loadChart(join(dir, "absent"))).toThrow(/absent: no such file or directory/);
  writeFileSync(join(dir, "notes.txt"), "");
  expect(() => loadChart(join(dir, "notes.txt"))).toThrow(/expected a chart directory or a packaged chart \(\.tgz\)/);
  writeFileSync(join(dir, "Chart.yaml"), "apiVersion: v2\nname: openmetadata-dependencies\nversion: 1.13.1\n");
  expect(() => loadChart(dir)).toThrow('the chart is "openmetadata-dependencies", expected "openmetadata"');
});

describe.skipIf(noReference)(`against the reference openmetadata 1.13.1 chart${needsReference}`, () => {
  let chart: Chart;
  /** The dev environment's release values, placeholders in, as the stack synthesizes them. */
  let devValues: Values;

  // The CLI runs start first so they overlap the in-process tests; each test awaits its own.
  let validRun: Promise<CliResult>;
  let rejectingRun: Promise<CliResult>;

  beforeAll(() => {
    validRun = runCli(["--chart", referenceChart], cliEnv());
    // A chart whose schema does not accept okta: the stack's provider must be reported, not accepted.
    rejectingRun = runCli(
      ["--chart", copyReferenceChart(makeTemporaryDirectory(), { file: "values.schema.json", change: withoutOktaProvider }), "--json"],
      cliEnv(),
    );
    chart = loadChart(referenceChart);
    const dev = synthesizeReleaseValues(shipped().filter(deploysChart)).find((release) => release.environment.name === "dev");
    if (!dev) throw new Error("no shipped dev environment");
    devValues = mergeValues({}, ...parseDocuments(dev.documents, new ReferencePlaceholders()).documents);
  });

  test("the fixture environments' values pass the chart's schema and key checks", () => {
    const report = checkChart(chart, shipped(), { synthesize: synthesizeReleaseValues });
    expect(report.environments.map((environment) => environment.stack)).toEqual([
      "openmetadata-dev",
      "openmetadata-staging",
      "openmetadata-prod",
    ]);
    for (const environment of report.environments) {
      expect({ stack: environment.stack, violations: environment.violations, warnings: environment.warnings }).toEqual({
        stack: environment.stack,
        violations: [],
        warnings: [],
      });
      expect(environment.references).toMatchObject({
        "okta_auth_server.okta_authorization-server_server.issuer": "https://tf-ref-1.placeholder.invalid",
      });
    }
    expect(report).toMatchObject({ valid: true, helmTemplate: "skipped", chart: { name: "openmetadata", version: "1.13.1" } });
  });

  test("a misspelled key, an unknown provider and a port given as a string are reported with path and ajv's message", () => {
    const broken = structuredClone(devValues) as { openmetadata: { config: { authentication: Values; database: Values } } };
    broken.openmetadata.config.authentication.oidcConfigurationX = { enabled: true };
    broken.openmetadata.config.authentication.provider = "okta2";
    broken.openmetadata.config.database.port = "3306";

    const { violations } = validateStackValues(chart, broken as unknown as Values);
    expect(violations).toEqual(
      expect.arrayContaining([
        {
          path: "openmetadata.config.authentication.oidcConfigurationX",
          message: 'must NOT have additional properties: "oidcConfigurationX"',
          value: { enabled: true },
        },
        {
          path: "openmetadata.config.authentication.provider",
          message: "must be equal to one of the allowed values: basic, azure, auth0, custom-oidc, google, okta, aws-cognito, ldap, saml",
          value: "okta2",
        },
        { path: "openmetadata.config.database.port", message: "must be integer", value: "3306" },
      ]),
    );
    expect(violations).toHaveLength(3);
  });

  test("a key neither values.yaml nor the schema knows is a violation; one only the schema knows is a warning", () => {
    const values = structuredClone(devValues) as Values & { openmetadata: { config: { pipelineServiceClientConfig: Values } } };
    // The root of the schema allows any key, so only the key check catches this typo.
    values.fullnameOveride = "openmetadata";
    // The pre-1.x location of the Airflow endpoint: still in the schema, no longer in values.yaml.
    values.openmetadata.config.pipelineServiceClientConfig.apiEndpoint = "http://airflow:8080";

    const { violations, warnings } = validateStackValues(chart, values);
    expect(violations).toEqual([
      {
        path: "fullnameOveride",
        message: expect.stringContaining("is neither in the chart's values.yaml nor in its schema"),
        value: "openmetadata",
      },
    ]);
    expect(warnings).toEqual([
      {
        path: "openmetadata.config.pipelineServiceClientConfig.apiEndpoint",
        message: expect.stringContaining("allowed by the schema but not in the chart's values.yaml"),
      },
    ]);
  });

  test("a packaged .tgz chart is extracted, checked like its folder, and removed afterwards", () => {
    const work = makeTemporaryDirectory();
    copyReferenceChart(work);
    const archive = join(work, "openmetadata-1.13.1.tgz");
    execFileSync("tar", ["-czf", archive, "-C", work, "openmetadata"]);

    const packaged = loadChart(archive);
    try {
      expect(packaged).toMatchObject({ source: archive, name: "openmetadata", version: "1.13.1" });
      expect(packaged.dir).not.toBe(archive);
      expect(validateStackValues(packaged, devValues)).toEqual({ violations: [], warnings: [] });
      expect(validateStackValues(packaged, { ...devValues, fullnameOverride: 1 }).violations).toEqual([
        { path: "fullnameOverride", message: "must be string", value: 1 },
      ]);
    } finally {
      packaged.dispose();
    }
    expect(existsSync(packaged.dir)).toBe(false);
  });

  test("with helm on the PATH, helm template runs per environment on the placeholder values and its failure is reported", () => {
    const work = makeTemporaryDirectory();
    const log = join(work, "helm.log");
    // A stand-in helm: records its arguments and the values files it was given, then fails as a schema error would.
    const helm = join(work, "helm");
    writeFileSync(
      helm,
      `#!/bin/sh\necho "ARGS $*" >> '${log}'\nprevious=''\nfor argument in "$@"; do [ "$previous" = -f ] && cat "$argument" >> ` +
        `'${log}'; previous="$argument"; done\necho 'Error: values do not meet the chart schema' >&2\nexit 1\n`,
      { mode: 0o755 },
    );

    const report = checkChart(chart, shipped(), { synthesize: synthesizeReleaseValues, helm });
    expect(report).toMatchObject({ helmTemplate: "ran", valid: false });
    for (const environment of report.environments) {
      expect(environment).toMatchObject({
        violations: [],
        helmTemplate: "failed",
        helmTemplateOutput: "Error: values do not meet the chart schema",
        valid: false,
      });
    }
    const calls = readFileSync(log, "utf8");
    expect(calls).toMatch(new RegExp(`ARGS template openmetadata ${chart.dir} --namespace openmetadata-dev -f \\S+values-0\\.yaml`));
    expect(calls).toContain("--namespace openmetadata-prod");
    expect(calls).toContain("authority: https://tf-ref-1.placeholder.invalid");
    expect(calls).not.toContain("${");
  });

  test("the CLI exits 0 with a line per valid environment and says helm template was skipped without helm", async () => {
    const { code, stdout } = await validRun;
    expect(stdout).toContain("✔ openmetadata-dev: values valid against openmetadata 1.13.1 schema");
    expect(stdout).toContain("✔ openmetadata-prod: values valid against openmetadata 1.13.1 schema");
    expect(stdout).toContain("helm not found on PATH: helm template skipped (schema validation only)");
    expect(code).toBe(0);
  });

  test("the CLI exits 1 and reports each environment's violation as JSON when the chart rejects a value", async () => {
    const { code, stdout } = await rejectingRun;
    const report = JSON.parse(stdout) as {
      valid: boolean;
      helmTemplate: string;
      environments: { stack: string; violations: { path: string; message: string; value: unknown }[] }[];
    };
    expect(report).toMatchObject({ valid: false, helmTemplate: "skipped" });
    expect(report.environments.map(({ stack, violations }) => ({ stack, violations }))).toEqual(
      ["openmetadata-dev", "openmetadata-staging", "openmetadata-prod"].map((stack) => ({
        stack,
        violations: [
          {
            path: "openmetadata.config.authentication.provider",
            message: "must be equal to one of the allowed values: basic, azure, auth0, custom-oidc, google, aws-cognito, ldap, saml",
            value: "okta",
          },
        ],
      })),
    );
    expect(code).toBe(1);
  });
});
