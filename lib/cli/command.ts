import type { parseArgs, ParseArgsConfig } from "node:util";

/**
 * A command of `npm run <name>`, declared once: its usage text, its options (node:util parseArgs), whether it takes
 * an environment, and what it does. lib/cli/run.ts owns everything around `run`: parsing, --help, the answers to
 * mistakes and the exit code (help/commands.md). Dependency-free, so a declaration costs nothing to load.
 */

/** What a command reads and writes instead of the process's globals: tests pass their own. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The environment variables the command reads; nothing else is read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are taken from. */
  readonly cwd: string;
}

/** The option declarations, as parseArgs takes them. */
export type Options = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs' answer for these options, positionals allowed (a command refuses them unless it declares them). */
export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>;

/**
 * How a command takes its environment (today always the first positional argument, as `npm run verify -- dev`):
 * `select` answers with it, or throws a UserError with the list of environments and the nearest name.
 * lib/cli/environment.ts makes one, so that only the commands taking an environment load the config modules.
 */
export interface EnvironmentArgument<Selected> {
  select(command: string, positionals: readonly string[], io: CommandIo): Selected;
}

export interface CommandDeclaration<O extends Options, Selected extends object> {
  /** The npm script's name (`check:chart`): the --help pointer and internal errors name it. */
  readonly name: string;
  /** Printed by --help. */
  readonly usage: string;
  readonly options: O;
  /** Positional arguments are passed to `run`; @default false: one is a usage mistake */
  readonly positionals?: boolean;
  /** The environment, chosen by the runner before `run`; @default none */
  readonly environment?: EnvironmentArgument<Selected>;
  /** Its exit code: 0 fine, 1 the command ran and found a problem; a mistake of the user is a UserError thrown. */
  run(parsed: Parsed<O> & Selected, io: CommandIo): number | Promise<number>;
}

/** A command of any options, as the runner and the lists of commands take it. */
export type Command = CommandDeclaration<any, any>;

/**
 * Checks a declaration's types (the options' names in `run`; `Selected` is `object` when no environment is declared,
 * so run sees only what parseArgs gives); the runner takes the result as it is.
 */
export function defineCommand<O extends Options, Selected extends object = object>(
  declaration: CommandDeclaration<O, Selected>,
): CommandDeclaration<O, Selected> {
  return declaration;
}
