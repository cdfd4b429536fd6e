import { parseArgs } from "node:util";
import { describeArgumentError, usageError } from "../cli-usage";
import { ConfigError } from "../config/errors";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../errors";
import type { Command, CommandIo } from "./command";

/**
 * Runs a command (lib/cli/command.ts) on its arguments and answers for it, the same way for every command
 * (help/commands.md): --help prints the usage; a mistake in the arguments, an unknown environment or any other
 * UserError is `error: ...` and the --help pointer, exit 2 (without the pointer when the fix is not on the command
 * line, e.g. a variable to export), except the environments file's own errors, which say where and what already and
 * are printed as they are (all their problems, one per line); anything else is a bug of ours: one internal-error
 * line, exit 70. Only what the command's run returns means 0 or 1.
 */

/** Every command takes --help; it is declared here, last, as the usage texts list it. */
const HELP = { help: { type: "boolean", short: "h", default: false } } as const;

export async function runCommand(command: Command, args: readonly string[], io: CommandIo): Promise<number> {
  const options = { ...command.options, ...HELP };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: command.positionals === true || command.environment !== undefined,
    });
  } catch (error) {
    return usageError(command.name, describeArgumentError(error, Object.keys(options), command.usage), io.stderr);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout(command.usage.endsWith("\n") ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    const selected: object = command.environment ? command.environment.select(command.name, parsed.positionals, io) : {};
    return await command.run({ ...parsed, ...selected }, io);
  } catch (error) {
    return answer(command.name, error, io);
  }
}

/** What the user reads when `run` threw, and the exit code. */
function answer(name: string, error: unknown, io: CommandIo): number {
  if (error instanceof ConfigError) {
    // Several lines already (the file, then each problem); a pointer to --help would not help with any.
    io.stderr(`${error.message}\n`);
    return USER_ERROR_EXIT_CODE;
  }
  if (error instanceof UserError && !error.onTheCommandLine) {
    io.stderr(`error: ${error.message}\n`);
    return USER_ERROR_EXIT_CODE;
  }
  if (error instanceof UserError) return usageError(name, error.message, io.stderr);
  return internalError(name, error, io.stderr);
}

/** The running process's streams, environment and folder. */
function processIo(): CommandIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** The whole of a scripts/<name>.ts: runs the command on the process's arguments and sets its exit code. */
export function runFromCommandLine(command: Command): void {
  const io = processIo();
  void runCommand(command, process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    // Only a failing stderr gets here; the answer is still an internal error, not a stack trace.
    (error: unknown) => {
      process.exitCode = internalError(command.name, error, io.stderr);
    },
  );
}
