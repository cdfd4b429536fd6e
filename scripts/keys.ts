import { keysCommand } from "../lib/cli/commands/keys";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(keysCommand);
