import { parseArgs } from "node:util";
import { quoted } from "../lib/secret-shape";
import { describeArgumentError, NPM_DASHES_HINT, usageError } from "../lib/cli-usage";
import { ConfigError } from "../lib/config/errors";
import { displayPath, environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { DEFAULT_TOKEN_VARIABLE, ingestionWorkflowConfig, tokenVariableProblem } from "../lib/ingestion-config";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run ingestion-config -- <environment> [--token-variable NAME] [--in-cluster]

Prints the workflowConfig block for OpenMetadata's metadata CLI. The bot's JWT token is read by the
CLI from the environment variable (default ${DEFAULT_TOKEN_VARIABLE}); it is never printed.

  <environment>          the environment's name in the environments file (OPENMETADATA_ENVIRONMENTS_FILE)
  --token-variable NAME  the environment variable the metadata CLI reads the bot's JWT from (its name, never
                         the token); default ${DEFAULT_TOKEN_VARIABLE}
  --in-cluster           use OpenMetadata's in-cluster service URL, for ingestion running next to it
                         (Kubernetes targets only; a Collate environment has no in-cluster OpenMetadata)
  -h, --help             this text

Exit codes: 0 printed; 2 a mistake in the command line or the environments file (nothing printed on stdout);
1 an internal error.`;

const OPTIONS = { "token-variable": { type: "string" }, "in-cluster": { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;

export function main(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    return usageError("ingestion-config", describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [name, ...extra] = parsed.positionals;
  if (!name) return usageError("ingestion-config", `name the environment, e.g. npm run ingestion-config -- dev (${NPM_DASHES_HINT})`);
  if (extra.length > 0)
    return usageError(
      "ingestion-config",
      `one environment at a time, got ${parsed.positionals.map(quoted).join(", ")} (${NPM_DASHES_HINT})`,
    );
  const tokenVariable = parsed.values["token-variable"] ?? DEFAULT_TOKEN_VARIABLE;
  const tokenProblem = tokenVariableProblem(tokenVariable);
  if (tokenProblem) return usageError("ingestion-config", tokenProblem);
  try {
    const environments = loadEnvironmentsFile(environmentsFilePath());
    const environment = environments.find((candidate) => candidate.name === name);
    if (!environment)
      return usageError(
        "ingestion-config",
        `no environment ${quoted(name)} in ${displayPath(environmentsFilePath())}; ` +
          `it has ${environments.map((candidate) => candidate.name).join(", ")}`,
      );
    process.stdout.write(ingestionWorkflowConfig(environment, { tokenVariable, inCluster: parsed.values["in-cluster"] ?? false }));
    if (!process.env[tokenVariable])
      process.stderr.write(`note: ${tokenVariable} is not set in this shell; set it before running the metadata CLI.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("ingestion-config", error);
    process.stderr.write(`${error instanceof ConfigError ? error.message : `error: ${error.message}`}\n`);
    return USER_ERROR_EXIT_CODE;
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
