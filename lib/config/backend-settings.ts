import { DEFAULTS } from "./defaults";
import type { EnvironmentFiles, StateBackend } from "./environment";
import type { EnvironmentInput } from "./environment-schema";
import type { Resolved } from "./section";

/** The backend section: each environment gets its own state (cross-environment-checks.ts refuses a shared one). */
export function resolveBackend(input: EnvironmentInput["backend"], stackId: string, files?: EnvironmentFiles): Resolved<StateBackend> {
  return { problems: [], value: backendOf(input, stackId, files) };
}

function backendOf(input: EnvironmentInput["backend"], stackId: string, files?: EnvironmentFiles): StateBackend {
  const defaults = DEFAULTS.backend;
  switch (input?.type) {
    case undefined:
      return { type: defaults.type, path: defaults.path(stackId) };
    case "local":
      // A path the user wrote is relative to the environments file, like every other path in it (issue 19); the
      // default stays in the project, where cdktf runs. lib/state-backend.ts keeps the synthesized path relative.
      return { type: "local", path: input.path === undefined ? defaults.path(stackId) : (files?.resolvePath(input.path) ?? input.path) };
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
