import { writeFileSync } from "node:fs";
import { pathProblem } from "../cli-usage";
import { UserError } from "../errors";
import { reportError } from "./annotations";
import { runTerraform, withoutEmptyVariables, type StepIo } from "./terraform";

/**
 * The stack's outputs in the form verify and sso-sync read (`--outputs`): `terraform output -json`
 * nests each value under "value"; this is {name: value}, as `jq 'with_entries(.value = .value.value)'`.
 */

export function flattenOutputs(terraformOutputJson: string): Record<string, unknown> {
  const outputs = JSON.parse(terraformOutputJson) as Record<string, { readonly value?: unknown } | null>;
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output?.value ?? null]));
}

export function writeOutputs({ stack, folder, out }: { stack: string; folder: string; out: string }, io: StepIo): number {
  const result = runTerraform(["output", "-json"], folder, withoutEmptyVariables(io.env), { stdout: "capture", stderr: "inherit" });
  if (result.status !== 0) {
    reportError(io, `terraform output failed for ${stack}`, `exit code ${result.status}; see Terraform's message above`);
    return 1;
  }
  const outputs = flattenOutputs(result.stdout);
  try {
    writeFileSync(out, `${JSON.stringify(outputs, null, 2)}\n`, { mode: 0o600 });
  } catch (error) {
    // A path the user gave: a usage error naming the option, never an internal one.
    throw new UserError(pathProblem("--out", out, error));
  }
  // Names only: a value is never printed.
  io.stdout(`Wrote ${Object.keys(outputs).length} outputs of ${stack} to ${out}: ${Object.keys(outputs).join(", ") || "none"}\n`);
  return 0;
}
