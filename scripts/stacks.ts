import { stacksCommand } from "../lib/cli/commands/stacks";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(stacksCommand);
