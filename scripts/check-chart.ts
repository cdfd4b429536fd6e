import { checkChartCommand } from "../lib/cli/commands/check-chart";
import { runFromCommandLine } from "../lib/cli/run";
import { synthesizeReleaseValues } from "../stacks/release-values";

runFromCommandLine(checkChartCommand(synthesizeReleaseValues));
