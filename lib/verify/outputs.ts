import * as v from "valibot";
import { pathProblem } from "../cli-usage";
import { readUtf8File } from "../text/file-text";
import { parseJsonText } from "../text/json-text";
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

const nonEmpty = v.pipe(v.string("expected a string"), v.minLength(1, "empty"));
// Unknown outputs (namespace, authorization_server_id...) are ignored: verify needs only these.
const stackOutputsSchema = v.object(
  {
    issuer_url: nonEmpty,
    client_id: nonEmpty,
    jwks_uri: v.optional(nonEmpty),
    openmetadata_url: v.optional(nonEmpty),
    client_type: v.optional(nonEmpty),
    jwt_key_id: v.optional(nonEmpty),
    service_app_client_id: v.optional(nonEmpty),
  },
  // The object's own message is valibot's for a required output that is missing.
  "missing",
);

/** Which environment a stack's outputs belong to: every stack outputs its openmetadata_url, unique per environment. */
export interface OutputsOwner {
  readonly stackId: string;
  readonly openmetadataUrl: string;
}

/**
 * Picks the stack's outputs from any of the forms people pass: cdktf's outputs file (`{"<stackId>": {...}}`), its
 * inner object, or `terraform output -json` (`{"issuer_url": {"value": ..., "type": ..., "sensitive": ...}}`).
 * With `owners` (the environments of the file), outputs of another stack are refused, naming it: verify and sso-sync
 * never report on one environment with another's values. Errors name `source` and say what was expected.
 */
export function parseStackOutputs(json: unknown, stackId: string, source: string, owners: readonly OutputsOwner[] = []): StackOutputs {
  if (!isPlainObject(json))
    throw new VerifyUsageError(`${source}: expected a JSON object as written by \`cdktf output ${stackId} --outputs-file ${source}\``);
  const nested = json[stackId];
  const flat = terraformOutputValues(json);
  const isFlat = "issuer_url" in flat;
  if (!isPlainObject(nested) && !isFlat) {
    const stacks = Object.keys(json).filter((key) => isPlainObject(json[key]));
    const found = stacks.length > 0 ? `it has outputs for ${stacks.join(", ")}` : "it has no stack outputs";
    throw new VerifyUsageError(
      `${source}: no outputs for stack ${stackId} (${found}); run \`cdktf output ${stackId} --outputs-file ${source}\``,
    );
  }
  const parsed = v.safeParse(stackOutputsSchema, isPlainObject(nested) ? terraformOutputValues(nested) : flat);
  if (!parsed.success) {
    const problems = parsed.issues.map((issue) => `${(issue.path ?? []).map((item) => String(item.key)).join(".")} ${issue.message}`);
    throw new VerifyUsageError(
      `${source}: outputs of ${stackId} are incomplete (${problems.join("; ")}); deploy the stack, then export its outputs again`,
    );
  }
  const expected = owners.find((owner) => owner.stackId === stackId);
  const url = parsed.output.openmetadata_url;
  if (expected && url !== undefined && url !== expected.openmetadataUrl) {
    const owner = owners.find((candidate) => candidate.openmetadataUrl === url);
    throw new VerifyUsageError(
      `${source}: these are the outputs of ${owner ? `stack ${owner.stackId}` : "a stack this environments file does not have"} ` +
        `(openmetadata_url ${url}), not of ${stackId} (${expected.openmetadataUrl}); run ` +
        `\`cdktf output ${stackId} --outputs-file ${source}\``,
    );
  }
  return parsed.output;
}

/** `terraform output -json` wraps each value as {value, type, sensitive}: unwrap it, leave any other form as it is. */
function terraformOutputValues(outputs: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(outputs);
  const wrapped = entries.length > 0 && entries.every(([, output]) => isPlainObject(output) && "value" in output && "type" in output);
  return wrapped ? Object.fromEntries(entries.map(([name, output]) => [name, (output as { value: unknown }).value])) : outputs;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A text file named on the command line, read as UTF-8 whatever wrote it: PowerShell 5's `cdktf output ... > file`
 * writes UTF-16, which is named as such rather than "not valid JSON". verify and sso-sync share it, so they say the same.
 */
export function readUserTextFile(path: string, option: string, fail: (message: string) => Error): string {
  return readUtf8File(
    path,
    (error) => fail(pathProblem(option, path, error)),
    (problem) => fail(`${option} ${path}: the file ${problem}`),
  );
}

/** The outputs file (any form parseStackOutputs takes), JSON errors with their line and column. */
export function readOutputsFile(path: string, fail: (message: string) => Error): unknown {
  const text = readUserTextFile(path, "--outputs", fail);
  try {
    return parseJsonText(text);
  } catch (error) {
    throw fail(`${path}: not valid JSON at ${(error as Error).message}; write it with cdktf output <stack> --outputs-file FILE`);
  }
}
