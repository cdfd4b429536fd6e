import { bindingsCommand } from "../lib/cli/commands/bindings";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(bindingsCommand);
