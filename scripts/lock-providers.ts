import { lockProvidersCommand } from "../lib/cli/commands/lock-providers";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(lockProvidersCommand);
