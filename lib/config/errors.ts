import type { BaseIssue } from "valibot";
import { closest } from "../text/suggest";
import { UserError } from "../errors";
import { looksLikeSecretName, looksLikeSecretValue, WHERE_SECRETS_GO, withoutValue } from "../secret-shape";

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
  /** The value may be a secret (its field's name says so): the message never shows it. */
  readonly secret?: boolean;
}

/** Thrown for bad input before any construct exists, so synth exits non-zero with nothing written. */
export class ConfigError extends UserError {
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    // A setting outside the file (the environment variable) is one line: there is no file to list problems of.
    const [only] = problems;
    const lines = groupedLines(problems);
    super(
      problems.length === 1 && only!.path === SETTING_LEVEL
        ? `${source} ${only!.message}`
        : `${source}: ${lines.length} problem${lines.length === 1 ? "" : "s"} in the ` +
            `environments\n${lines.map((line) => `  - ${line}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/** Environments named in a repeated problem before "and N more". */
const LISTED_ENVIRONMENTS = 10;

/**
 * One line per distinct problem: the same mistake in many environments (a shared YAML anchor) is said once, with
 * the environments it is in, rather than 300 times.
 */
function groupedLines(problems: readonly ConfigProblem[]): string[] {
  const groups = new Map<string, { problem: ConfigProblem; environments: string[] }>();
  for (const problem of problems) {
    const key = problem.environment === undefined ? formatProblem(problem) : formatProblem({ ...problem, environment: "\0" });
    const group = groups.get(key);
    if (group && problem.environment !== undefined) group.environments.push(problem.environment);
    else
      groups.set(group ? `${key}\0${groups.size}` : key, {
        problem,
        environments: problem.environment === undefined ? [] : [problem.environment],
      });
  }
  return [...groups.values()].map(({ problem, environments }) => {
    if (environments.length <= 1) return formatProblem(problem);
    const listed = environments.slice(0, LISTED_ENVIRONMENTS).map((name) => JSON.stringify(name));
    const more = environments.length > LISTED_ENVIRONMENTS ? ` and ${environments.length - LISTED_ENVIRONMENTS} more` : "";
    const line = formatProblem({ ...problem, environment: "\0" });
    return line.replace('environment "\0"', `${environments.length} environments (${listed.join(", ")}${more})`);
  });
}

/** Path of problems with the file as a whole (unreadable, not JSON/YAML). */
export const FILE_LEVEL = "(file)";

/** Path of problems with a setting outside the file (an environment variable): the message says it all. */
export const SETTING_LEVEL = "(setting)";

export function formatProblem(problem: ConfigProblem): string {
  if (problem.path === FILE_LEVEL) return `the file ${problem.message}`;
  if (problem.path === SETTING_LEVEL) return problem.message;
  const where = problem.environment ? `environment "${problem.environment}", ` : "";
  const secret = problem.secret === true || looksLikeSecretValue(problem.value);
  // A secret's value is named, never shown, also where a message would repeat it in a suggestion.
  let found = problem.value === undefined ? "missing" : `got ${describeValue(problem.value)}`;
  if (problem.value !== undefined && secret) found = "a value that may be secret (not shown)";
  const message = secret ? withoutValue(problem.message, problem.value) : problem.message;
  if (!problem.path && problem.environment) return `environment "${problem.environment}": ${found}; ${message}`;
  return `${where}field ${problem.path || "(root)"}: ${found}; ${message}`;
}

export function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Dotted path with list indexes: `environments[1].okta.access.groups[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, "");
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
 * Turns schema issues into problems that name the environment (by `name` when readable) and the
 * path inside it. Unknown fields are reported one per field, with the field in the path and the
 * accepted field it most likely meant. One problem per path: the first rule that fails is enough.
 */
export function problemsFromIssues(raw: unknown, issues: readonly BaseIssue<unknown>[]): ConfigProblem[] {
  const seen = new Set<string>();
  return issues.flatMap((issue) => {
    const path = (issue.path ?? []).map((item) => item.key as PropertyKey);
    const key = formatPath(path);
    if (seen.has(key)) return [];
    seen.add(key);
    const inEnvironment = path[0] === "environments" && typeof path[1] === "number";
    const environmentRoot = inEnvironment ? valueAt(raw, path.slice(0, 2)) : undefined;
    const environmentName = (environmentRoot as { name?: unknown } | undefined)?.name;
    const relativePath = inEnvironment ? path.slice(2) : path;
    const named = typeof environmentName === "string" && environmentName.trim() !== "" ? environmentName : undefined;
    const environment = named ?? (inEnvironment ? `#${Number(path[1]) + 1} (unnamed)` : undefined);
    const field = String(path[path.length - 1]);
    const unknown = isUnknownField(issue);
    const value = valueAt(raw, path);
    // An unknown field named like a secret (clientSecret:, password:) or holding one is a secret pasted in the wrong place.
    const secret = unknown && (looksLikeSecretName(field) || looksLikeSecretValue(value));
    const message = unknown ? withSuggestion(issue.message, field) : issue.message;
    return [
      {
        ...(environment === undefined ? {} : { environment }),
        path: formatPath(relativePath),
        value,
        message: secret ? `${message}; ${WHERE_SECRETS_GO}` : message,
        ...(secret ? { secret } : {}),
      },
    ];
  });
}

/** An unknown field: `strictRecord` (schema-helpers.ts) refuses every field it does not list with `never`. */
function isUnknownField(issue: BaseIssue<unknown>): boolean {
  return issue.kind === "schema" && issue.type === "never";
}

/** "accepted fields here: a, b" plus the field a typo most likely meant. */
function withSuggestion(message: string, field: string): string {
  const accepted = /accepted fields here: (.*)$/.exec(message)?.[1]?.split(", ") ?? [];
  const suggestion = closest(field, accepted);
  return suggestion ? `unknown field (did you mean ${suggestion}?); accepted fields here: ${accepted.join(", ")}` : message;
}
