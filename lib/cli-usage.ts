import { closest } from "./text/suggest";
import { USER_ERROR_EXIT_CODE, UserError } from "./errors";
import { looksLikeSecretPath, quoted, withoutKeysAndTokens } from "./secret-shape";

/**
 * The words of the command-line mistakes every command shares (lib/cli/run.ts answers with them): exit code 2,
 * one line saying what was wrong and what to write, and a pointer to --help (the full usage text would bury it).
 */

/** Writes `error: <problem>` and the --help pointer to stderr; returns the usage exit code. */
export function usageError(script: string, problem: string, write: (text: string) => void): number {
  write(`error: ${withoutKeysAndTokens(problem)}\nRun "npm run ${script} -- --help" for usage.\n`);
  return USER_ERROR_EXIT_CODE;
}

/**
 * node:util parseArgs messages, reworded: they advise its own syntax ("place it at the end of the
 * command after '--'"), and an unknown option deserves the option it most likely meant.
 */
export function describeArgumentError(error: unknown, knownOptions: readonly string[], usage = ""): string {
  const { code, message } = error as { code?: string; message: string };
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    // --client-secret=VALUE: the value is never repeated, only the option's name.
    const option = (/'([^']+)'/.exec(message)?.[1] ?? message).split("=")[0]!;
    const name = option.replace(/^-+/, "");
    const near = closest(name, knownOptions);
    return (
      `unknown option ${option}${near ? ` (did you mean --${near}?)` : ""}; ` +
      `options: ${knownOptions.map((known) => `--${known}`).join(", ")}`
    );
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? "the option";
    // The value's name as the usage text spells it ("--out DIR"), else parseArgs' generic <value>.
    const metavar = new RegExp(`${option} ([A-Z][A-Z_]*)\\b`).exec(usage)?.[1] ?? "VALUE";
    if (/argument missing/.test(message)) return `${option} needs a value, e.g. ${option} ${metavar}`;
    if (/ambiguous/.test(message)) return `${option} needs a value; one starting with "-" is written ${option}=-1`;
    if (/does not take an argument/.test(message)) return `${option} takes no value; write ${option} alone`;
    return message;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const argument = /'([^']*)'/.exec(message)?.[1] ?? "";
    return (
      `unexpected argument ${quoted(argument)}; this command takes only ` +
      `options (${knownOptions.map((known) => `--${known}`).join(", ")})`
    );
  }
  return message;
}

/** With `npm run x --out d`, npm keeps --out for itself; the script sees nothing. */
export const NPM_DASHES_HINT = "with npm run, put -- before the script's options";

/**
 * A file option given the secret itself (a PEM block pasted where its path belongs, a client secret instead of
 * its file): what was expected, without repeating the value, which would land in the terminal and CI logs.
 */
export function secretInsteadOfPath(option: string, value: string): string | undefined {
  if (!looksLikeSecretPath(value)) return undefined;
  const what = /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value) ? "a private key" : "a secret or key";
  return (
    `${option} takes the path of a file, and this value looks like ${what} itself (not shown): ` +
    `write it to a file readable only by you (chmod 600) and give that file's path`
  );
}

/** The operating system's error codes for a path, said the way a user can act on them. */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENAMETOOLONG: "the name is too long for a path",
  ELOOP: "too many symbolic links",
};

/**
 * An operating-system error about a path the user gave, as a usage message naming the option and the path (never
 * the internal error a bare ENOTDIR would otherwise become): e.g. `--outputs out.json: no such file (ENOENT)`.
 */
export function pathProblem(option: string, path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const said = code ? (SYSTEM_ERRORS[code] ?? "cannot be read") : "cannot be read";
  return `${option} ${shownPath(path)}: ${said}${code ? ` (${code})` : ""}`;
}

function shownPath(path: string): string {
  return looksLikeSecretPath(path) ? "(a value that may be secret, not shown)" : path;
}

/** A whole-number option (`--timeout-ms 5000`): its value, or a UserError saying what it takes. */
export function wholeNumberOption(text: string, option: string, minimum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < minimum)
    throw new UserError(`${option} must be a whole number of at least ${minimum}, got ${quoted(text)}`);
  return value;
}

/** An http(s) URL option (`--openmetadata-url URL`): the text, or a UserError. */
export function httpUrlOption(text: string, option: string): string {
  const protocol = URL.canParse(text) ? new URL(text).protocol : undefined;
  if (protocol !== "https:" && protocol !== "http:") throw new UserError(`${option} must be an http(s) URL, got ${quoted(text)}`);
  return text;
}
