import { DEFAULT_TOKEN_VARIABLE, ingestionWorkflowConfig, tokenVariableProblem } from "../../ingestion-config";
import { UserError } from "../../errors";
import { defineCommand } from "../command";
import { positionalEnvironment } from "../environment";

export const ingestionConfigCommand = defineCommand({
  name: "ingestion-config",
  usage: `Usage: npm run ingestion-config -- <environment> [--token-variable NAME] [--in-cluster]

Prints the workflowConfig block for OpenMetadata's metadata CLI. The bot's JWT token is read by the
CLI from the environment variable (default ${DEFAULT_TOKEN_VARIABLE}); it is never printed.

  <environment>          the environment's name in the environments file (OPENMETADATA_ENVIRONMENTS_FILE)
  --token-variable NAME  the environment variable the metadata CLI reads the bot's JWT from (its name, never
                         the token); default ${DEFAULT_TOKEN_VARIABLE}
  --in-cluster           use OpenMetadata's in-cluster service URL, for ingestion running next to it
                         (Kubernetes targets only; a Collate environment has no in-cluster OpenMetadata)
  -h, --help             this text

Exit codes: 0 printed; 2 a mistake in the command line or the environments file (nothing printed on stdout);
70 an internal error (help/commands.md).`,
  options: { "token-variable": { type: "string" }, "in-cluster": { type: "boolean" } },
  environment: positionalEnvironment({ example: "dev" }),
  run({ values, environment }, io) {
    const tokenVariable = values["token-variable"] ?? DEFAULT_TOKEN_VARIABLE;
    const tokenProblem = tokenVariableProblem(tokenVariable);
    if (tokenProblem) throw new UserError(tokenProblem);
    io.stdout(ingestionWorkflowConfig(environment, { tokenVariable, inCluster: values["in-cluster"] ?? false }));
    if (!io.env[tokenVariable]) io.stderr(`note: ${tokenVariable} is not set in this shell; set it before running the metadata CLI.\n`);
    return 0;
  },
});
