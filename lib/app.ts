import { App } from "cdktf";
import type { Environment } from "./config/environment";
import { OpenMetadataStack } from "../stacks/openmetadata-stack";

export interface BuildAppOptions {
  /** @default "cdktf.out", or $CDKTF_OUTDIR when the cdktf CLI runs the app */
  readonly outdir?: string;
}

/** One stack per environment, in the file's order. */
export function buildApp(environments: readonly Environment[], options: BuildAppOptions = {}): { app: App; stacks: OpenMetadataStack[] } {
  const app = new App({ ...(options.outdir ? { outdir: options.outdir } : {}), skipValidation: false });
  const stacks = environments.map((environment) => new OpenMetadataStack(app, environment));
  return { app, stacks };
}

/**
 * Runs every stack's validations before writing anything, then synthesizes. cdktf validates each
 * stack while writing it, which would leave earlier stacks written when a later one fails.
 */
export function synthesizeAll(app: App, stacks: readonly OpenMetadataStack[]): void {
  const errors = stacks.flatMap((stack) => stack.node.validate().map((message) => `${stack.node.id}: ${message}`));
  for (const stack of stacks) {
    try {
      stack.runAllValidations();
    } catch (error) {
      errors.push(`${stack.node.id}: ${(error as Error).message}`);
    }
  }
  if (errors.length > 0) throw new Error(`Validation failed; nothing was written:\n${errors.map((error) => `  - ${error}`).join("\n")}`);
  app.synth();
}
