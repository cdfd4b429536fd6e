import { adoptCommand } from "../lib/cli/commands/adopt";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(adoptCommand);
