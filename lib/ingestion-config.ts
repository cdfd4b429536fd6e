import { stringify } from "yaml";
import type { Environment } from "./config/environment";
import { UserError } from "./errors";
import { looksLikeSecretValue } from "./secret-shape";
import { DEPENDENCIES_AIRFLOW_API_URL, internalServerUrl } from "./openmetadata/resource-names";

/** The variable the bot's JWT is read from: the metadata CLI expands ${VAR} in workflow files (metadata/config/common.py). */
export const DEFAULT_TOKEN_VARIABLE = "OPENMETADATA_JWT_TOKEN";

/**
 * What is wrong with a --token-variable value, or undefined: one rule for the command line and the library,
 * so a name the option accepts is never refused later. The metadata CLI expands ${VAR} with os.environ, where
 * lower case is as valid as upper case.
 */
export function tokenVariableProblem(name: string): string | undefined {
  if (looksLikeSecretValue(name))
    return (
      `--token-variable takes the NAME of the environment variable that holds the bot's JWT, e.g. ${DEFAULT_TOKEN_VARIABLE}; ` +
      `this value looks like a token itself (not shown): export it in that variable instead`
    );
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    return `--token-variable expects an environment variable name such as ${DEFAULT_TOKEN_VARIABLE} (letters, digits and _)`;
  return undefined;
}

export interface IngestionConfigOptions {
  /** @default "OPENMETADATA_JWT_TOKEN" */
  readonly tokenVariable?: string;
  /**
   * Use the in-cluster service URL, for ingestion that runs next to OpenMetadata.
   * @default false - the public URL
   */
  readonly inCluster?: boolean;
}

/**
 * The `workflowConfig` block of a metadata CLI workflow for one environment. Bots authenticate with
 * OpenMetadata-issued JWTs (`authProvider: openmetadata`); SSO service accounts for bots were
 * removed from OpenMetadata (#9353). The token stays in the environment: the file names the variable.
 */
export function ingestionWorkflowConfig(environment: Environment, options: IngestionConfigOptions = {}): string {
  const tokenVariable = options.tokenVariable ?? DEFAULT_TOKEN_VARIABLE;
  const problem = tokenVariableProblem(tokenVariable);
  if (problem) throw new UserError(problem);
  if (options.inCluster && !environment.openmetadata)
    throw new UserError(
      `environment "${environment.name}" has target "${environment.target}": there is no in-cluster OpenMetadata; drop --in-cluster`,
    );
  const server = options.inCluster && environment.openmetadata ? internalServerUrl(environment.openmetadata) : environment.openmetadataUrl;
  const config = {
    workflowConfig: {
      loggerLevel: "INFO",
      openMetadataServerConfig: {
        hostPort: `${server}/api`,
        authProvider: "openmetadata",
        ...(server.startsWith("https://") ? { verifySSL: "validate" } : {}),
        securityConfig: { jwtToken: `\${${tokenVariable}}` },
      },
    },
  };
  return (
    `# OpenMetadata ${environment.name}: paste under your workflow's source/sink/processor blocks.\n# Export ${tokenVariable} with the ` +
    `ingestion bot's JWT token (Settings > Bots) before running \`metadata ingest\`.\n` +
    pipelineNotes(environment)
      .map((line) => `# ${line}\n`)
      .join("") +
    stringify(config, { lineWidth: 0 })
  );
}

/**
 * What a metadata CLI user needs to know of the environment's pipelines: the client version the server
 * expects, and where the pipelines deployed from the UI run (so a workflow run by hand matches them).
 */
function pipelineNotes(environment: Environment): string[] {
  const openmetadata = environment.openmetadata;
  if (!openmetadata) return [];
  // The chart runs the server at its appVersion, which equals the chart version (Chart.yaml 18 and 24).
  const lines = [`Use the metadata CLI of the server's version: pip install "openmetadata-ingestion==${openmetadata.chartVersion}.*"`];
  const pipeline = openmetadata.pipelineServiceClient;
  if (pipeline.type === "k8s")
    lines.push(
      `Pipelines deployed from the UI run as Kubernetes Jobs in namespace ${pipeline.k8s.namespace}, image ${pipeline.k8s.image}, ` +
        `service account ${pipeline.k8s.serviceAccountName}; the same image runs this workflow with \`metadata ingest\`.`,
    );
  else if (pipeline.type === "airflow")
    lines.push(
      `Pipelines deployed from the UI run in Airflow at ${
        pipeline.airflow === "dependencies"
          ? `${DEPENDENCIES_AIRFLOW_API_URL} (the dependencies chart's)`
          : openmetadata.externalAirflow?.apiEndpoint
      }.`,
    );
  else lines.push("OpenMetadata deploys no pipelines for this environment (pipelineServiceClient.type disabled): run them with this CLI.");
  return lines;
}
