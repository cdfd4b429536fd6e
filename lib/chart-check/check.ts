import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml, stringify } from "yaml";
import type { Environment } from "../config/environment";
import { describeValue } from "../config/errors";
import type { Chart } from "./chart";
import { helmTemplate } from "./helm";
import { checkKeyPaths } from "./key-paths";
import { ReferencePlaceholders } from "./references";
import { deploysChart, type ReleaseValues, type SynthesizeReleaseValues } from "./release-values";
import { formatValuesPath, isMap, mergeValues, type Values } from "./values";

export interface Finding {
  /** Where in the values, e.g. `openmetadata.config.authentication.provider`; absent for findings about the environment. */
  readonly path?: string;
  readonly message: string;
  /** The value found at `path`, when there is one. */
  readonly value?: unknown;
}

export interface ValuesCheck {
  /** Make `helm install` fail, or set keys the chart does not have. */
  readonly violations: Finding[];
  /** Likely ignored by the chart; the install itself would work. */
  readonly warnings: Finding[];
}

export interface EnvironmentReport {
  readonly environment: string;
  readonly stack: string;
  /** The chart version the environment pins (`openmetadata.chartVersion`). */
  readonly chartVersion: string;
  readonly valid: boolean;
  readonly violations: readonly Finding[];
  readonly warnings: readonly Finding[];
  /** Terraform expression → the placeholder validated in its place. */
  readonly references: Readonly<Record<string, string>>;
  readonly helmTemplate: "passed" | "failed" | "skipped";
  readonly helmTemplateOutput?: string;
}

export interface ChartCheckReport {
  readonly chart: { readonly name: string; readonly version: string; readonly source: string; readonly schemaDialect: string };
  readonly helmTemplate: "ran" | "skipped";
  readonly valid: boolean;
  readonly environments: readonly EnvironmentReport[];
  /** Environments without a Helm release (target collate). */
  readonly skipped: readonly { readonly environment: string; readonly stack: string; readonly reason: string }[];
}

export interface CheckOptions {
  /** Builds the stacks and reads their release values (stacks/release-values.ts); lib/ does not import stacks/. */
  readonly synthesize: SynthesizeReleaseValues;
  /** Path of the helm binary; without it `helm template` is skipped, and the report says so. */
  readonly helm?: string;
}

/** Checks the release values of every environment that deploys the chart. */
export function checkChart(chart: Chart, environments: readonly Environment[], options: CheckOptions): ChartCheckReport {
  const reports = options.synthesize(environments.filter(deploysChart)).map((release) => checkRelease(chart, release, options));
  return {
    chart: { name: chart.name, version: chart.version, source: chart.source, schemaDialect: chart.compiledSchema.dialect },
    helmTemplate: options.helm ? "ran" : "skipped",
    valid: reports.every((report) => report.valid),
    environments: reports,
    skipped: environments
      .filter((environment) => !deploysChart(environment))
      .map((environment) => ({
        environment: environment.name,
        stack: environment.stackId,
        reason: `target "${environment.target}" deploys no Helm release`,
      })),
  };
}

function checkRelease(chart: Chart, release: ReleaseValues, options: CheckOptions): EnvironmentReport {
  const { environment, settings } = release;
  const placeholders = new ReferencePlaceholders();
  const parsed = parseDocuments(release.documents, placeholders);
  const { violations, warnings }: ValuesCheck =
    parsed.violations.length > 0
      ? { violations: parsed.violations, warnings: [] }
      : validateStackValues(chart, mergeValues({}, ...parsed.documents));
  if (settings.chartVersion !== chart.version) {
    warnings.push({
      message: `the environment pins chart ${settings.chartVersion} but the chart checked is ${chart.version}: check the chart you deploy`,
    });
  }
  const helm = options.helm && parsed.violations.length === 0 ? runHelmTemplate(options.helm, chart, release, parsed.documents) : undefined;
  return {
    environment: environment.name,
    stack: environment.stackId,
    chartVersion: settings.chartVersion,
    valid: violations.length === 0 && helm?.status !== "failed",
    violations,
    warnings,
    references: Object.fromEntries(placeholders.references),
    helmTemplate: helm?.status ?? "skipped",
    ...(helm?.status === "failed" ? { helmTemplateOutput: helm.output } : {}),
  };
}

/** Parses each YAML document of the release, with Terraform references replaced by placeholders. */
export function parseDocuments(
  documents: readonly string[],
  placeholders: ReferencePlaceholders,
): { documents: Values[]; violations: Finding[] } {
  const parsed: Values[] = [];
  const violations: Finding[] = [];
  documents.forEach((text, index) => {
    let value: unknown;
    try {
      value = placeholders.replaceInValues(parseYaml(text) ?? {});
    } catch (error) {
      violations.push({ path: `values[${index}]`, message: `is not valid YAML: ${(error as Error).message.split("\n")[0]}` });
      return;
    }
    if (isMap(value)) parsed.push(value);
    else violations.push({ path: `values[${index}]`, message: "is not a YAML map of chart values", value });
  });
  return { documents: parsed, violations };
}

/**
 * Validates the values a release sets (placeholders in place of references) as Helm does: merged
 * over the chart's values.yaml, against values.schema.json. Then checks each key the release sets
 * against values.yaml and the schema, since Helm silently ignores keys no template reads.
 */
export function validateStackValues(chart: Pick<Chart, "defaults" | "schema" | "compiledSchema">, stackValues: Values): ValuesCheck {
  const violations: Finding[] = chart.compiledSchema
    .validate(mergeValues(chart.defaults, stackValues))
    .map(({ path, message, value }) => ({ path, message, ...(value === undefined ? {} : { value }) }));
  const reported = new Set(violations.map((violation) => violation.path));
  const keys = checkKeyPaths(stackValues, chart);
  for (const unknown of keys.unknown) {
    const path = formatValuesPath(unknown.path);
    // A schema with additionalProperties: false has already reported the key.
    if (!reported.has(path))
      violations.push({
        path,
        message:
          "is neither in the chart's values.yaml nor in its schema: the chart has no " +
          "such setting (misspelled, or from another chart version?)",
        value: unknown.value,
      });
  }
  const warnings: Finding[] = keys.schemaOnly.map((path) => ({
    path: formatValuesPath(path),
    message:
      "is allowed by the schema but not in the chart's values.yaml: check that the " +
      "chart's templates read it (Helm ignores keys no template reads)",
  }));
  return { violations, warnings };
}

function runHelmTemplate(helm: string, chart: Chart, release: ReleaseValues, documents: readonly Values[]) {
  const dir = mkdtempSync(join(tmpdir(), "chart-check-values-"));
  try {
    const valuesFiles = documents.map((document, index) => {
      const file = join(dir, `values-${index}.yaml`);
      writeFileSync(file, stringify(document, { lineWidth: 0 }));
      return file;
    });
    return helmTemplate({
      helm,
      releaseName: release.settings.releaseName,
      namespace: release.settings.namespace,
      chartDir: chart.dir,
      valuesFiles,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The human-readable report: one line per environment, then its findings. */
export function formatReport(report: ChartCheckReport): string {
  const { chart } = report;
  const against = `${chart.name} ${chart.version} schema`;
  const lines = [`Chart ${chart.name} ${chart.version} from ${chart.source}; values.schema.json checked as ${chart.schemaDialect}`];
  for (const environment of report.environments) {
    const count = environment.violations.length;
    lines.push(
      count === 0
        ? `✔ ${environment.stack}: values valid against ${against}`
        : `✘ ${environment.stack}: ${count} violation${count === 1 ? "" : "s"} against ${against}`,
    );
    for (const violation of environment.violations) lines.push(`    ✘ ${formatFinding(violation)}`);
    for (const warning of environment.warnings) lines.push(`    ⚠ ${formatFinding(warning)}`);
    if (environment.helmTemplate === "passed") lines.push("    ✔ helm template rendered the chart");
    if (environment.helmTemplate === "failed") {
      lines.push("    ✘ helm template failed:", ...(environment.helmTemplateOutput ?? "").split("\n").map((line) => `        ${line}`));
    }
  }
  for (const skipped of report.skipped) lines.push(`- ${skipped.stack}: skipped, ${skipped.reason}`);
  if (report.helmTemplate === "skipped") lines.push("helm not found on PATH: helm template skipped (schema validation only)");
  const failing = report.environments.filter((environment) => !environment.valid).length;
  const total = report.environments.length;
  lines.push(
    failing === 0
      ? `${total} environment${total === 1 ? "" : "s"} checked: all valid`
      : `${failing} of ${total} environments have violations`,
  );
  return `${lines.join("\n")}\n`;
}

function formatFinding(finding: Finding): string {
  const found = "value" in finding ? ` (got ${describeValue(finding.value)})` : "";
  return `${finding.path ? `${finding.path}: ` : ""}${finding.message}${found}`;
}
