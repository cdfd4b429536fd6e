import type { z } from "zod";

/** One problem in an environments file: where it is, what was found and what would be right. */
export interface ConfigProblem {
  /** The environment's `name`, when it has one that could be read. */
  readonly environment?: string;
  /** Field path inside the environment (or the file, for file-level problems), e.g. `okta.flow`. */
  readonly path: string;
  /** The value found there; `undefined` when the field is missing. */
  readonly value: unknown;
  /** What is wrong and what is accepted. */
  readonly message: string;
}

/** Thrown for bad input before any construct exists, so synth exits non-zero with nothing written. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the environments\n${problems.map((problem) => `  - ${formatProblem(problem)}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Path of problems with the file as a whole (unreadable, not JSON/YAML). */
export const FILE_LEVEL = "(file)";

export function formatProblem(problem: ConfigProblem): string {
  if (problem.path === FILE_LEVEL) return `the file ${problem.message}`;
  const where = problem.environment ? `environment "${problem.environment}", ` : "";
  const found = problem.value === undefined ? "missing" : `got ${describeValue(problem.value)}`;
  return `${where}field ${problem.path || "(root)"}: ${found}; ${problem.message}`;
}

export function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Dotted path with list indexes: `environments[1].okta.access.groups[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), "");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Turns zod issues into problems that name the environment (by `name` when readable) and the
 * path inside it. Unknown fields are reported one per field, with the field in the path.
 */
export function problemsFromZod(raw: unknown, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  return issues.flatMap((issue) => {
    const paths: PropertyKey[][] = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return paths.map((path) => {
      const inEnvironment = path[0] === "environments" && typeof path[1] === "number";
      const environmentRoot = inEnvironment ? valueAt(raw, path.slice(0, 2)) : undefined;
      const environmentName = (environmentRoot as { name?: unknown } | undefined)?.name;
      const relativePath = inEnvironment ? path.slice(2) : path;
      const environment = typeof environmentName === "string" ? environmentName : inEnvironment ? `#${Number(path[1]) + 1} (unnamed)` : undefined;
      return {
        ...(environment === undefined ? {} : { environment }),
        path: formatPath(relativePath),
        value: valueAt(raw, path),
        message: issue.message,
      };
    });
  });
}
