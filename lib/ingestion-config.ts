import { stringify } from "yaml";
import type { Environment } from "./config/environment";
import { internalServerUrl } from "./openmetadata/resource-names";

/** The variable the bot's JWT is read from: the metadata CLI expands ${VAR} in workflow files (metadata/config/common.py). */
export const DEFAULT_TOKEN_VARIABLE = "OPENMETADATA_JWT_TOKEN";

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
  if (!/^[A-Z_][A-Z0-9_]*$/.test(tokenVariable))
    throw new Error(`--token-variable: got "${tokenVariable}"; expected an environment variable name such as ${DEFAULT_TOKEN_VARIABLE}`);
  if (options.inCluster && !environment.openmetadata)
    throw new Error(
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
    `ingestion bot's JWT token (Settings > Bots) before running \`metadata ingest\`.\n${stringify(config, { lineWidth: 0 })}`
  );
}
