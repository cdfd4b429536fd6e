import { existsSync, readdirSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { App, type TerraformStack } from "cdktf";
import type { Environment } from "../lib/config/environment";
import { UserError } from "../lib/errors";
import { OpenMetadataStack } from "./openmetadata-stack";

export interface BuildAppOptions {
  /** @default "cdktf.out", or $CDKTF_OUTDIR when the cdktf CLI runs the app */
  readonly outdir?: string;
}

/** One stack per environment, in the file's order. */
export function buildApp(environments: readonly Environment[], options: BuildAppOptions = {}): { app: App; stacks: OpenMetadataStack[] } {
  // No stack traces in manifest.json: they hold absolute paths, and the output must be byte-identical on every machine.
  const app = new App({ ...(options.outdir ? { outdir: options.outdir } : {}), stackTraces: false });
  const stacks = environments.map((environment) => new OpenMetadataStack(app, environment));
  return { app, stacks };
}

/**
 * Runs every stack's validations before writing anything, then synthesizes. cdktf validates each
 * stack while writing it, which would leave earlier stacks written when a later one fails.
 */
export function synthesizeAll(app: App, stacks: readonly TerraformStack[]): void {
  const errors: string[] = [];
  for (const stack of stacks) {
    try {
      stack.runAllValidations();
    } catch (error) {
      errors.push(`${stack.node.id}: ${(error as Error).message}`);
    }
  }
  if (errors.length > 0) {
    removeEmptyOutdir(app.outdir);
    throw new SynthValidationError(`Validation failed; nothing was written:\n${errors.map((error) => `  - ${error}`).join("\n")}`);
  }
  app.synth();
}

/** A stack refused its configuration (a construct's validation): the message names the stack and the fix. */
export class SynthValidationError extends UserError {
  override name = "SynthValidationError";
}

/** cdktf creates `<outdir>/stacks` when the App is constructed; a failed run leaves no trace of it. */
function removeEmptyOutdir(outdir: string): void {
  for (const dir of [join(outdir, "stacks"), outdir]) {
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  }
}

/** Warnings (Annotations) of every stack, as `stack/path: message`; the cdktf CLI prints them too. */
export function warningsOf(stacks: readonly OpenMetadataStack[]): string[] {
  return stacks.flatMap((stack) =>
    stack.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === "@cdktf/warn")
          .map((entry) => `${construct.node.path}: ${String(entry.data)}`),
      ),
  );
}
