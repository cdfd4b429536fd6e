import { loadChart } from "../../chart-check/chart";
import { checkChart, formatReport } from "../../chart-check/check";
import { findOnPath } from "../../chart-check/helm";
import type { SynthesizeReleaseValues } from "../../chart-check/release-values";
import { NPM_DASHES_HINT } from "../../cli-usage";
import { UserError } from "../../errors";
import { defineCommand } from "../command";
import { loadEnvironments } from "../environment";

/**
 * npm run check:chart. The release values come from synthesizing the stacks, which lib/ may not import: the entry
 * point (scripts/check-chart.ts) passes in a loader of stacks/release-values.ts's synthesis, called only once the
 * environments and the chart are read, so that --help and the usage answers load no cdktf nor provider bindings.
 */
export function checkChartCommand(loadSynthesize: () => Promise<SynthesizeReleaseValues>) {
  return defineCommand({
    name: "check:chart",
    usage: `Usage: npm run check:chart -- --chart PATH [--json]

Synthesizes every environment that deploys OpenMetadata on Kubernetes and validates the values of
its helm_release against the chart's values.schema.json, merged over its values.yaml as Helm does.
Terraform references are replaced by string placeholders. With helm on the PATH, also runs
\`helm template\` per environment. Environments: $OPENMETADATA_ENVIRONMENTS_FILE or stacks/environments.yaml.

Options:
  --chart PATH   the openmetadata chart: a directory or a packaged .tgz
                 (helm pull open-metadata/openmetadata --version 1.13.1)
  --json         print the report as JSON (for CI)
  -h, --help     show this help

Exit codes: 0 all valid, 1 violations found, 2 the check could not run (usage, chart, environments),
70 an internal error (help/commands.md).
`,
    options: {
      chart: { type: "string" },
      json: { type: "boolean", default: false },
    },
    async run({ values }, io) {
      // With --json, CI reads stdout: a check that could not run says why there too.
      const cannotCheck = (error: unknown) => {
        if (values.json && error instanceof UserError) io.stdout(`${JSON.stringify({ error: error.message }, null, 2)}\n`);
        return error;
      };
      if (!values.chart) {
        if (values.json) io.stdout(`${JSON.stringify({ error: "--chart PATH is required" }, null, 2)}\n`);
        throw new UserError(
          `--chart PATH is required: a chart directory or .tgz (${NPM_DASHES_HINT}: npm run check:chart -- --chart PATH)`,
        );
      }
      let chart;
      try {
        // The environments first: a mistake there is cheaper to report than a chart unpacked.
        const { environments } = loadEnvironments(io);
        chart = loadChart(values.chart);
        const helm = findOnPath("helm", io.env["PATH"] ?? "");
        const report = checkChart(chart, environments, { synthesize: await loadSynthesize(), ...(helm ? { helm } : {}) });
        io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
        return report.valid ? 0 : 1;
      } catch (error) {
        throw cannotCheck(error);
      } finally {
        chart?.dispose();
      }
    },
  });
}
