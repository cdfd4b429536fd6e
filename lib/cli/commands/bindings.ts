import { resolve } from "node:path";
import { PROJECT_ROOT } from "../../project-root";
import { defineCommand } from "../command";

export const bindingsCommand = defineCommand({
  name: "bindings",
  usage: `Usage: npm run bindings

Regenerates the Auth0 bindings in .gen/providers/auth0/ with \`cdktf get\` from cdktf.json, against the
project's local auth0 provider (local-providers/providers/auth0/, auth0/auth0 1.55.0's schema for the
types the stacks use): nothing is downloaded, and your own Terraform configuration is not read. Run it
after changing that provider's schema or cdktf's version, then commit the result (help/local-providers.md).
Needs terraform on PATH; takes about 10 seconds.

Exit codes: 0 written, 2 bad usage or terraform missing, 70 an internal error (help/commands.md).
`,
  options: {},
  async run(_parsed, io) {
    // Loaded only to run: --help and usage answers need neither the local providers' build nor the cdktf CLI.
    const { AUTH0_BINDINGS_DIRECTORY, generateAuth0Bindings } = await import("../../bindings/auth0-bindings");
    const fingerprint = await generateAuth0Bindings({
      projectRoot: PROJECT_ROOT,
      outputDirectory: resolve(PROJECT_ROOT, AUTH0_BINDINGS_DIRECTORY),
      log: (line) => io.stdout(`${line}\n`),
    });
    io.stdout(`wrote ${AUTH0_BINDINGS_DIRECTORY}/ (${fingerprint.provider}, schema sha256 ${fingerprint.schemaSha256.slice(0, 12)})\n`);
    return 0;
  },
});
