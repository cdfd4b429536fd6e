import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { AUTH0_BINDINGS_DIRECTORY, generateAuth0Bindings } from "../lib/bindings/auth0-bindings";
import { describeArgumentError, usageError } from "../lib/cli-usage";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run bindings

Regenerates the Auth0 bindings in .gen/providers/auth0/ with \`cdktf get\` from cdktf.json, against the
project's local auth0 provider (local-providers/providers/auth0/, auth0/auth0 1.55.0's schema for the
types the stacks use): nothing is downloaded, and your own Terraform configuration is not read. Run it
after changing that provider's schema or cdktf's version, then commit the result (help/local-providers.md).
Needs terraform on PATH; takes about 10 seconds.

Exit codes: 0 written, 1 cdktf get failed, 2 bad usage or terraform missing.
`;

const OPTIONS = { help: { type: "boolean", short: "h", default: false } } as const;

const PROJECT_ROOT = resolve(__dirname, "..");

export async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    return usageError("bindings", describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const fingerprint = await generateAuth0Bindings({
      projectRoot: PROJECT_ROOT,
      outputDirectory: join(PROJECT_ROOT, AUTH0_BINDINGS_DIRECTORY),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(
      `wrote ${AUTH0_BINDINGS_DIRECTORY}/ (${fingerprint.provider}, schema sha256 ${fingerprint.schemaSha256.slice(0, 12)})\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("bindings", error);
    process.stderr.write(`error: ${error.message}\n`);
    return USER_ERROR_EXIT_CODE;
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) {
  main(process.argv.slice(2)).then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      process.exitCode = internalError("bindings", error);
    },
  );
}
