import { buildApp, synthesizeAll, SynthValidationError, warningsOf } from "./app";
import { ConfigError } from "./config/errors";
import { environmentsFilePath, loadEnvironments } from "./config/load-environments";

export interface RunSynthOptions {
  /** Where `$OPENMETADATA_ENVIRONMENTS_FILE` is read from. */
  readonly env?: NodeJS.ProcessEnv;
  /** @default "cdktf.out", or $CDKTF_OUTDIR when the cdktf CLI runs the app */
  readonly outdir?: string;
  readonly stderr?: (line: string) => void;
}

/**
 * The whole of `npm run synth`, as a function: main.ts calls it, and the mistakes catalogue runs it
 * in-process, so the tests exercise the real entry path without a process per case.
 * Returns the exit code: 0, or 1 when the input (or a stack validation) is refused and nothing is written.
 */
export function runSynth(options: RunSynthOptions = {}): number {
  const stderr = options.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    // Loaded in full before any construct exists: a bad file leaves a previous cdktf.out untouched.
    const { environments, warnings } = loadEnvironments(environmentsFilePath(options.env ?? process.env));
    const { app, stacks } = buildApp(environments, options.outdir ? { outdir: options.outdir } : {});
    synthesizeAll(app, stacks);
    for (const warning of [...warnings, ...warningsOf(stacks)]) stderr(`warning: ${warning}`);
    return 0;
  } catch (error) {
    // Input errors are the user's to fix: the message says what and where, a stack trace would only bury it.
    if (error instanceof ConfigError || error instanceof SynthValidationError) {
      stderr(error.message);
      return 1;
    }
    stderr(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
