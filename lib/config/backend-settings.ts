import { DEFAULTS } from "./defaults";
import type { StateBackend } from "./environment";
import type { EnvironmentInput } from "./environment-schema";
import type { Resolved } from "./section";

/** The backend section: each environment gets its own state (cross-environment-checks.ts refuses a shared one). */
export function resolveBackend(input: EnvironmentInput["backend"], stackId: string): Resolved<StateBackend> {
  return { problems: [], value: backendOf(input, stackId) };
}

function backendOf(input: EnvironmentInput["backend"], stackId: string): StateBackend {
  const defaults = DEFAULTS.backend;
  switch (input?.type) {
    case undefined:
      return { type: defaults.type, path: defaults.path(stackId) };
    case "local":
      return { type: "local", path: input.path ?? defaults.path(stackId) };
    case "s3":
      return { type: "s3", bucket: input.bucket, key: input.key ?? defaults.key(stackId), region: input.region };
    case "gcs":
      return { type: "gcs", bucket: input.bucket, prefix: input.prefix ?? defaults.prefix(stackId) };
    case "remote":
      return {
        type: "remote",
        organization: input.organization,
        workspace: input.workspace ?? defaults.workspace(stackId),
        hostname: input.hostname ?? defaults.hostname,
      };
  }
}
