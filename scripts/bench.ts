import { benchCommand } from "../lib/cli/commands/bench";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(benchCommand);
