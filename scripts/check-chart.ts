import { checkChartCommand } from "../lib/cli/commands/check-chart";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(checkChartCommand(async () => (await import("../stacks/release-values")).synthesizeReleaseValues));
