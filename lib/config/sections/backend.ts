import * as v from "valibot";
import { awsRegion, domainName, filePath, gcsBucketName, patternString, s3BucketName, strictRecord, taggedUnion } from "../schema-helpers";
import type { EnvironmentFiles, Resolved } from "../section";

/** `backend`: where Terraform keeps an environment's state, one state per environment. */

const BACKEND_TYPES = ["local", "s3", "gcs", "remote"] as const;
export const backendSection = taggedUnion(
  "type",
  [
    strictRecord({ type: v.literal("local"), path: v.optional(filePath("a state file path", "the environments file")) }),
    strictRecord({
      type: v.literal("s3"),
      bucket: s3BucketName(),
      key: v.optional(patternString('an object key such as "openmetadata/prod.tfstate" (no leading "/")', /^[^/\s][^\s]*$/)),
      region: awsRegion(),
    }),
    strictRecord({
      type: v.literal("gcs"),
      bucket: gcsBucketName(),
      prefix: v.optional(patternString('an object prefix such as "openmetadata/prod" (no leading "/")', /^[^/\s][^\s]*$/)),
    }),
    strictRecord({
      type: v.literal("remote"),
      organization: patternString('an HCP Terraform organization name (A-Z, a-z, 0-9, "_" and "-")', /^[A-Za-z0-9_-]+$/),
      workspace: v.optional(
        patternString('a workspace name of up to 90 characters of A-Z, a-z, 0-9, "_" and "-"', /^[A-Za-z0-9_-]{1,90}$/),
      ),
      hostname: v.optional(domainName("app.terraform.io")),
    }),
  ],
  (type) => {
    const near = typeof type === "string" ? BACKEND_TYPES.find((candidate) => candidate === type.trim().toLowerCase()) : undefined;
    return `expected a backend with type "local", "s3", "gcs" or "remote" (HCP Terraform)${near ? `; write type: ${near}` : ""}`;
  },
);

export type BackendInput = v.InferOutput<typeof backendSection>;

export type StateBackend =
  | { readonly type: "local"; readonly path: string }
  | { readonly type: "s3"; readonly bucket: string; readonly key: string; readonly region: string }
  | { readonly type: "gcs"; readonly bucket: string; readonly prefix: string }
  | { readonly type: "remote"; readonly organization: string; readonly workspace: string; readonly hostname: string };

/** Each environment gets its own state: a shared key would let one stack's apply destroy another's resources. */
export const BACKEND_DEFAULTS = {
  type: "local",
  path: (stackId: string) => `terraform.${stackId}.tfstate`,
  key: (stackId: string) => `openmetadata/${stackId}.tfstate`,
  prefix: (stackId: string) => `openmetadata/${stackId}`,
  workspace: (stackId: string) => stackId,
  hostname: "app.terraform.io",
} as const;

/** The backend section: each environment gets its own state (cross-environment-checks.ts refuses a shared one). */
export function resolveBackend(input: BackendInput | undefined, stackId: string, files?: EnvironmentFiles): Resolved<StateBackend> {
  return { problems: [], value: backendOf(input, stackId, files) };
}

function backendOf(input: BackendInput | undefined, stackId: string, files?: EnvironmentFiles): StateBackend {
  const defaults = BACKEND_DEFAULTS;
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
