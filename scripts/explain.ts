import { explainCommand } from "../lib/cli/commands/explain";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(explainCommand);
