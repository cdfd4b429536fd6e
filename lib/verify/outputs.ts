import { z } from "zod";
import { UserError } from "../errors";

/**
 * The stack outputs verify reads: what `cdktf output <stack> --outputs-file FILE` and
 * `cdktf deploy --outputs-file FILE` write (`{"<stackId>": {...}}`), or the same object without
 * the stack key. Names are the TerraformOutput ids of stacks/openmetadata-stack.ts.
 */
export interface StackOutputs {
  readonly issuer_url: string;
  readonly client_id: string;
  readonly jwks_uri?: string;
  readonly openmetadata_url?: string;
  readonly client_type?: string;
  /** Only when this stack deploys OpenMetadata (not for Collate). */
  readonly jwt_key_id?: string;
  /** Only when the environment has the optional service app. */
  readonly service_app_client_id?: string;
}

/** Input the user can correct (file, flag or environment name); the CLI exits 2 with this message. */
export class VerifyUsageError extends UserError {
  override name = "VerifyUsageError";
}

const nonEmpty = z.string({ error: (issue) => (issue.input === undefined ? "missing" : "expected a string") }).min(1, { error: "empty" });
// Unknown outputs (namespace, authorization_server_id...) are ignored: verify needs only these.
const stackOutputsSchema = z.object({
  issuer_url: nonEmpty,
  client_id: nonEmpty,
  jwks_uri: nonEmpty.optional(),
  openmetadata_url: nonEmpty.optional(),
  client_type: nonEmpty.optional(),
  jwt_key_id: nonEmpty.optional(),
  service_app_client_id: nonEmpty.optional(),
});

/** Picks the stack's outputs from either form; errors name `source` and say what was expected. */
export function parseStackOutputs(json: unknown, stackId: string, source: string): StackOutputs {
  if (!isPlainObject(json))
    throw new VerifyUsageError(`${source}: expected a JSON object as written by \`cdktf output ${stackId} --outputs-file ${source}\``);
  const nested = json[stackId];
  const isFlat = "issuer_url" in json;
  if (!isPlainObject(nested) && !isFlat) {
    const stacks = Object.keys(json).filter((key) => isPlainObject(json[key]));
    const found = stacks.length > 0 ? `it has outputs for ${stacks.join(", ")}` : "it has no stack outputs";
    throw new VerifyUsageError(
      `${source}: no outputs for stack ${stackId} (${found}); run \`cdktf output ${stackId} --outputs-file ${source}\``,
    );
  }
  const parsed = stackOutputsSchema.safeParse(isPlainObject(nested) ? nested : json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new VerifyUsageError(
      `${source}: outputs of ${stackId} are incomplete (${problems.join("; ")}); deploy the stack, then export its outputs again`,
    );
  }
  return parsed.data;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
