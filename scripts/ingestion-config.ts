import { parseArgs } from "node:util";
import { ConfigError } from "../lib/config/errors";
import { environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { DEFAULT_TOKEN_VARIABLE, ingestionWorkflowConfig } from "../lib/ingestion-config";

const USAGE = `Usage: npm run ingestion-config -- <environment> [--token-variable NAME] [--in-cluster]

Prints the workflowConfig block for OpenMetadata's metadata CLI. The bot's JWT token is read by the
CLI from the environment variable (default ${DEFAULT_TOKEN_VARIABLE}); it is never printed.`;

function main(): number {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { "token-variable": { type: "string" }, "in-cluster": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [name, ...extra] = parsed.positionals;
  if (!name || extra.length > 0) {
    console.error(`error: expected exactly one environment name\n\n${USAGE}`);
    return 2;
  }
  try {
    const environments = loadEnvironmentsFile(environmentsFilePath());
    const environment = environments.find((candidate) => candidate.name === name);
    if (!environment) {
      console.error(`error: no environment "${name}"; known: ${environments.map((candidate) => candidate.name).join(", ")}`);
      return 1;
    }
    const tokenVariable = parsed.values["token-variable"] ?? DEFAULT_TOKEN_VARIABLE;
    process.stdout.write(ingestionWorkflowConfig(environment, { tokenVariable, inCluster: parsed.values["in-cluster"] ?? false }));
    if (!process.env[tokenVariable]) console.error(`note: ${tokenVariable} is not set in this shell; set it before running the metadata CLI.`);
    return 0;
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = main();
