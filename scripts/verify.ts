import { verifyCommand } from "../lib/cli/commands/verify";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(verifyCommand);
