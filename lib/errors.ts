import { withoutKeysAndTokens, withoutSecretShapes } from "./secret-shape";

/**
 * The one error type for mistakes the user can correct: the environments file, a command-line option,
 * an input file, a variable. Every script prints its message, without a stack trace, and exits 2
 * (`npm run synth`, which is not a script, exits 1: issue 12). Anything else reaching a script is a bug
 * of the project: a short internal-error line and exit 1, which scripts also use for "the checks ran
 * and found a problem". Dependency-free, so lib/config and the CLIs can share it.
 */
export class UserError extends Error {
  override name = "UserError";

  constructor(message: string) {
    // Messages repeat what the user typed or a server answered: a key or token is never shown (issue 19). Long
    // random-looking words are left to the places that quote a value (quoted()), since key ids look the same.
    super(withoutKeysAndTokens(message));
  }
}

/** A script's exit code for a UserError. */
export const USER_ERROR_EXIT_CODE = 2;

/** A script's exit code for an internal error (and for checks that ran and failed). */
export const INTERNAL_ERROR_EXIT_CODE = 1;

/**
 * The last branch of every script's error handling: whatever is not a UserError is reported in one line,
 * without a stack trace (the user cannot act on one), and exits 1.
 */
export function internalError(
  script: string,
  error: unknown,
  write: (text: string) => void = (text) => process.stderr.write(text),
): number {
  const message = error instanceof Error ? error.message : String(error);
  write(`${script}: internal error (not a mistake in your input): ${withoutSecretShapes(message).split("\n")[0]}\n`);
  return INTERNAL_ERROR_EXIT_CODE;
}
