import { changesCommand } from "../lib/cli/commands/changes";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(changesCommand);
