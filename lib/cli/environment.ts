import type { Environment } from "../config/environment";
import { displayPath, environmentsFilePath, loadEnvironmentsFile } from "../config/load-environments";
import { closest } from "../text/suggest";
import { NPM_DASHES_HINT } from "../cli-usage";
import { UserError } from "../errors";
import { quoted } from "../secret-shape";
import type { CommandIo, EnvironmentArgument } from "./command";

/**
 * The environments file of a command and the one environment it names: the single place that answers an
 * unknown environment, with the file's environments and the nearest name (help/commands.md).
 */

/** The environments file in use ($OPENMETADATA_ENVIRONMENTS_FILE, else the shipped one), loaded. */
export interface EnvironmentsFile {
  readonly environmentsFile: string;
  readonly environments: readonly Environment[];
}

export interface SelectedEnvironment extends EnvironmentsFile {
  readonly environment: Environment;
}

/** Loads the environments file the command's environment names; a refused file is a ConfigError. */
export function loadEnvironments(io: Pick<CommandIo, "env">): EnvironmentsFile {
  const environmentsFile = environmentsFilePath(io.env);
  return { environmentsFile, environments: loadEnvironmentsFile(environmentsFile) };
}

/** `no environment "stagign" in <file> (did you mean staging?); the file has dev, staging, prod`, after `prefix`. */
export function noEnvironment(name: string, { environmentsFile, environments }: EnvironmentsFile, prefix = ""): string {
  const names = environments.map((candidate) => candidate.name);
  const near = closest(name, names);
  return (
    `${prefix}no environment ${quoted(name)} in ${displayPath(environmentsFile)}${near ? ` (did you mean ${near}?)` : ""}; ` +
    `the file has ${names.join(", ")}`
  );
}

/**
 * The environment as the first positional argument, the only one: `npm run <command> -- <environment> [options]`.
 * `example` follows the command's name in the answer to a missing environment, `purpose` (e.g. "verify") the words
 * "name the environment".
 */
export function positionalEnvironment(use: {
  readonly example: string;
  readonly purpose?: string;
}): EnvironmentArgument<SelectedEnvironment> {
  return {
    select(command, positionals, io) {
      if (positionals.length === 0)
        throw new UserError(
          `name the environment${use.purpose ? ` to ${use.purpose}` : ""}, e.g. npm run ${command} -- ${use.example} (${NPM_DASHES_HINT})`,
        );
      if (positionals.length > 1)
        throw new UserError(
          `one environment at a time, got ${positionals.map(quoted).join(", ")} ` +
            `(${NPM_DASHES_HINT}: npm run ${command} -- <environment> --option VALUE)`,
        );
      const file = loadEnvironments(io);
      const environment = file.environments.find((candidate) => candidate.name === positionals[0]);
      if (!environment) throw new UserError(noEnvironment(positionals[0]!, file));
      return { ...file, environment };
    },
  };
}
