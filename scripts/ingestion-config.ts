import { ingestionConfigCommand } from "../lib/cli/commands/ingestion-config";
import { runFromCommandLine } from "../lib/cli/run";

runFromCommandLine(ingestionConfigCommand);
