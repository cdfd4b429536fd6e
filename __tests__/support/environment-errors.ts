import { expect } from "vitest";
import type { Environment } from "../../lib/config/environment";
import { ConfigError } from "../../lib/config/errors";
import { parseEnvironments } from "../../lib/config/load-environments";
import { FIXTURES_DIR } from "./synth";

/** An environment as the file holds it, before the schema. */
export type EnvironmentJson = Record<string, any>;

/** Parses environments given as objects, the way a JSON environments file next to the fixtures would be. */
export function parseEnvironmentObjects(environments: EnvironmentJson[]): Environment[] {
  return parseEnvironments(JSON.stringify({ environments }), { source: "environments.json", format: "json", baseDir: FIXTURES_DIR });
}

/** The error lines (without the file's header line) for `environment` after `change`; fails when it parses. */
export function errorsFor(environment: EnvironmentJson, change: (environment: EnvironmentJson) => void): string[] {
  change(environment);
  try {
    parseEnvironmentObjects([environment]);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message
      .split("\n")
      .slice(1)
      .map((line) => line.replace(/^\s+- /, ""));
  }
  throw new Error("expected a ConfigError");
}

/** The problems (`path: message`) a load reports, or none when it succeeds; other errors are rethrown. */
export function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw error;
  }
  return [];
}
