import { internalError } from "../lib/errors";
import { runSsoSyncCli } from "../lib/sso-sync/cli";

// npm run sso-sync: the command line lives in lib/sso-sync/cli.ts (help/sso-sync.md).
runSsoSyncCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.exitCode = internalError("sso-sync", error);
  },
);
