import { ciPlanCommand } from "../lib/cli/commands/ci-plan";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(ciPlanCommand);
