import { withoutKeysAndTokens, withoutSecretShapes } from "./secret-shape";

/**
 * The one error type for mistakes the user can correct: the environments file, a command-line option,
 * an input file, a variable. Every command prints its message, without a stack trace, and exits 2
 * (`npm run synth`, which is not a command of lib/cli, exits 1: issue 12). Anything else reaching a
 * command is a bug of the project: a short internal-error line and exit 70, so that it is never taken
 * for exit 1, "the checks ran and found a problem" (help/commands.md). It imports only lib/secret-shape.ts, which
 * imports nothing, so lib/config and the CLIs can share it.
 */
export class UserError extends Error {
  override name = "UserError";

  /** The fix is on the command line, so the answer points to --help; not so for a variable to export. */
  readonly onTheCommandLine: boolean;

  /** @param options.onTheCommandLine @default true: the answer ends with the --help pointer */
  constructor(message: string, options: { readonly onTheCommandLine?: boolean } = {}) {
    // Messages repeat what the user typed or a server answered: a key or token is never shown (issue 19). Long
    // random-looking words are left to the places that quote a value (quoted()), since key ids look the same.
    super(withoutKeysAndTokens(message));
    this.onTheCommandLine = options.onTheCommandLine ?? true;
  }
}

/** A command's exit code when the checks ran and found a problem (verify, check:chart, sso-sync drift). */
export const CHECKS_FAILED_EXIT_CODE = 1;

/** A command's exit code for a UserError. */
export const USER_ERROR_EXIT_CODE = 2;

/**
 * A command's exit code for an internal error: EX_SOFTWARE of BSD's sysexits.h ("an internal software error has
 * been detected"), outside 0-2 so that CI and scripts can tell a bug of ours from a failed check or a mistake.
 */
export const INTERNAL_ERROR_EXIT_CODE = 70;

/**
 * The last branch of every command's error handling: whatever is not a UserError is reported in one line,
 * without a stack trace (the user cannot act on one) nor a secret, and exits 70.
 */
export function internalError(script: string, error: unknown, write: (text: string) => void): number {
  const message = error instanceof Error ? error.message : String(error);
  write(`${script}: internal error (not a mistake in your input): ${withoutSecretShapes(message).split("\n")[0]}\n`);
  return INTERNAL_ERROR_EXIT_CODE;
}
