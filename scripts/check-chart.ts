import { parseArgs } from "node:util";
import { loadChart } from "../lib/chart-check/chart";
import { checkChart, formatReport } from "../lib/chart-check/check";
import { findOnPath } from "../lib/chart-check/helm";
import { describeArgumentError, NPM_DASHES_HINT, usageError } from "../lib/cli-usage";
import { ConfigError } from "../lib/config/errors";
import { environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { synthesizeReleaseValues } from "../stacks/release-values";
import { internalError, UserError } from "../lib/errors";

const USAGE = `Usage: npm run check:chart -- --chart PATH [--json]

Synthesizes every environment that deploys OpenMetadata on Kubernetes and validates the values of
its helm_release against the chart's values.schema.json, merged over its values.yaml as Helm does.
Terraform references are replaced by string placeholders. With helm on the PATH, also runs
\`helm template\` per environment. Environments: $OPENMETADATA_ENVIRONMENTS_FILE or stacks/environments.yaml.

Options:
  --chart PATH   the openmetadata chart: a directory or a packaged .tgz
                 (helm pull open-metadata/openmetadata --version 1.13.1)
  --json         print the report as JSON (for CI)
  -h, --help     show this help

Exit codes: 0 all valid, 1 violations found, 2 the check could not run (usage, chart, environments).
`;

const OPTIONS = {
  chart: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export function main(args: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError("check:chart", describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.chart) {
    if (values.json) process.stdout.write(`${JSON.stringify({ error: "--chart PATH is required" }, null, 2)}\n`);
    return usageError(
      "check:chart",
      `--chart PATH is required: a chart directory or .tgz (${NPM_DASHES_HINT}: npm run check:chart -- --chart PATH)`,
    );
  }

  let chart;
  try {
    // The environments first: a mistake there is cheaper to report than a chart unpacked.
    const environments = loadEnvironmentsFile(environmentsFilePath());
    chart = loadChart(values.chart);
    const helm = findOnPath("helm");
    const report = checkChart(chart, environments, { synthesize: synthesizeReleaseValues, ...(helm ? { helm } : {}) });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.valid ? 0 : 1;
  } catch (error) {
    // Input errors say what and where; anything else is a bug, reported in one line.
    if (!(error instanceof UserError)) return internalError("check:chart", error);
    return cannotCheck(error.message, values.json, error instanceof ConfigError);
  } finally {
    chart?.dispose();
  }
}

/** As every command says it: the environments file's own message as it is, anything else after "error: ". */
function cannotCheck(message: string, json: boolean, environmentsFile: boolean): number {
  if (json) process.stdout.write(`${JSON.stringify({ error: message }, null, 2)}\n`);
  process.stderr.write(environmentsFile ? `${message}\n` : `error: ${message}\n`);
  return 2;
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
