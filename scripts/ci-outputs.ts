import { ciOutputsCommand } from "../lib/cli/commands/ci-outputs";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(ciOutputsCommand);
