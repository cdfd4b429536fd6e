import { ciApplyCommand } from "../lib/cli/commands/ci-apply";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(ciApplyCommand);
