import { runFromCommandLine } from "../lib/cli/run";
import { ssoSyncCommand } from "../lib/sso-sync/cli";

runFromCommandLine(ssoSyncCommand);
