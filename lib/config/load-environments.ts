import { readFileSync } from "node:fs";
import { dirname, extname, isAbsolute, relative, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { parsePublicJwks } from "../keys/public-jwks";
import { environmentsFileSchema } from "./environment-schema";
import { resolveEnvironment, type Environment } from "./environment";
import { ConfigError, FILE_LEVEL, problemsFromZod, type ConfigProblem } from "./errors";

/** Names a user's own environments file (JSON or YAML) that replaces the shipped examples. */
export const ENVIRONMENTS_FILE_VARIABLE = "OPENMETADATA_ENVIRONMENTS_FILE";

export const PROJECT_ROOT = resolve(__dirname, "..", "..");
export const SHIPPED_ENVIRONMENTS_FILE = resolve(PROJECT_ROOT, "stacks", "environments.yaml");

/** The environments file this run uses: `$OPENMETADATA_ENVIRONMENTS_FILE`, else the shipped examples. */
export function environmentsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const named = env[ENVIRONMENTS_FILE_VARIABLE];
  return named ? resolve(named) : SHIPPED_ENVIRONMENTS_FILE;
}

export function loadEnvironmentsFile(path: string): Environment[] {
  const source = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(source, [{ path: FILE_LEVEL, value: path, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); set ${ENVIRONMENTS_FILE_VARIABLE} to an existing JSON or YAML file` }]);
  }
  return parseEnvironments(text, { source, format: formatOf(path), baseDir: dirname(path) });
}

export interface ParseOptions {
  /** Shown in every error message. */
  readonly source: string;
  readonly format: "json" | "yaml";
  /** Files an environment names (the service app's JWKS) are relative to this folder. */
  readonly baseDir: string;
}

export function parseEnvironments(text: string, options: ParseOptions): Environment[] {
  const raw = parseDocument(text, options);
  const parsed = environmentsFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(options.source, problemsFromZod(raw, parsed.error.issues));

  const problems: ConfigProblem[] = [];
  const environments: Environment[] = [];
  const seen = new Set<string>();
  for (const input of parsed.data.environments) {
    if (seen.has(input.name)) {
      problems.push({ environment: input.name, path: "name", value: input.name, message: "another environment has this name; names must be unique (each becomes a stack id)" });
      continue;
    }
    seen.add(input.name);
    const resolved = resolveEnvironment(input, {
      resolvePath: (file) => (isAbsolute(file) ? file : resolve(options.baseDir, file)),
      readPublicKeys,
    });
    problems.push(...resolved.problems);
    if (resolved.environment) environments.push(resolved.environment);
  }
  if (problems.length > 0) throw new ConfigError(options.source, problems);
  return environments;
}

function parseDocument(text: string, options: ParseOptions): unknown {
  try {
    return options.format === "json" ? JSON.parse(text) : parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    throw new ConfigError(options.source, [{ path: FILE_LEVEL, value: undefined, message: `is not valid ${options.format.toUpperCase()}: ${reason}` }]);
  }
}

/** Reads a service app's public JWKS while loading, so a bad file fails synth before any API call. */
function readPublicKeys(path: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${displayPath(path)} cannot be read as JSON (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parsePublicJwks(json, displayPath(path)).keys;
}

function formatOf(path: string): "json" | "yaml" {
  return extname(path).toLowerCase() === ".json" ? "json" : "yaml";
}

/** Paths relative to the project keep messages (and synthesized descriptions) machine-independent. */
export function displayPath(path: string): string {
  const fromRoot = relative(PROJECT_ROOT, path);
  return fromRoot.startsWith("..") || isAbsolute(fromRoot) ? path : fromRoot;
}
