import { rehearseCommand } from "../lib/cli/commands/rehearse";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(rehearseCommand);
