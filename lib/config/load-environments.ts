import { dirname, extname, isAbsolute, relative, resolve } from "node:path";
import { safeParse } from "valibot";
import { parseDocument as parseYamlDocument, type YAMLParseError } from "yaml";
import { readPublicJwksFile } from "../keys/public-jwks";
import { environmentsFileSchema } from "./environment-schema";
import { resolveEnvironment, type Environment } from "./environment";
import { crossEnvironmentProblems, environmentWarnings } from "./cross-environment-checks";
import { ConfigError, describeValue, FILE_LEVEL, problemsFromIssues, SETTING_LEVEL, type ConfigProblem } from "./errors";
import { readTextFile } from "../text/file-text";
import { JsonTextError, parseJsonText } from "../text/json-text";
import { PROJECT_ROOT } from "../project-root";

/** Names a user's own environments file (JSON or YAML) that replaces the shipped examples. */
export const ENVIRONMENTS_FILE_VARIABLE = "OPENMETADATA_ENVIRONMENTS_FILE";

export const SHIPPED_ENVIRONMENTS_FILE = resolve(PROJECT_ROOT, "stacks", "environments.yaml");

/**
 * The environments file this run uses: `$OPENMETADATA_ENVIRONMENTS_FILE`, else the shipped examples.
 * Set but empty is refused: an unset CI variable expands to empty, and silently synthesizing the
 * shipped examples instead of the user's environments would plan against the wrong orgs.
 */
export function environmentsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const named = env[ENVIRONMENTS_FILE_VARIABLE];
  if (named === undefined) return SHIPPED_ENVIRONMENTS_FILE;
  if (named.trim() === "") {
    throw new ConfigError(ENVIRONMENTS_FILE_VARIABLE, [
      {
        path: SETTING_LEVEL,
        value: named,
        message:
          `is set but empty (an unset CI variable expands to empty); set it to your environments file, or ` +
          `unset it to use the shipped examples (${displayPath(SHIPPED_ENVIRONMENTS_FILE)})`,
      },
    ]);
  }
  if (named !== named.trim()) {
    throw new ConfigError(ENVIRONMENTS_FILE_VARIABLE, [
      {
        path: SETTING_LEVEL,
        value: named,
        message: `has leading or trailing whitespace (${JSON.stringify(named)}); set it to ${JSON.stringify(named.trim())}`,
      },
    ]);
  }
  return resolve(named);
}

/** Environments and the warnings about them (accepted, but probably not meant). */
export interface LoadedEnvironments {
  readonly environments: readonly Environment[];
  /** One line each, naming the environment and field. */
  readonly warnings: readonly string[];
}

export function loadEnvironmentsFile(path: string): Environment[] {
  return [...loadEnvironments(path).environments];
}

export function loadEnvironments(path: string): LoadedEnvironments {
  const source = displayPath(path);
  const text = readTextFile(
    path,
    `; set ${ENVIRONMENTS_FILE_VARIABLE} to an existing JSON or YAML file`,
    (message) => new ConfigError(source, [{ path: FILE_LEVEL, value: path, message }]),
  );
  return parseEnvironmentsWithWarnings(text, { source, format: formatOf(path), baseDir: dirname(path) });
}

export interface ParseOptions {
  /** Shown in every error message. */
  readonly source: string;
  readonly format: "json" | "yaml";
  /** Files an environment names (the service app's JWKS) are relative to this folder. */
  readonly baseDir: string;
}

export function parseEnvironments(text: string, options: ParseOptions): Environment[] {
  return [...parseEnvironmentsWithWarnings(text, options).environments];
}

export function parseEnvironmentsWithWarnings(text: string, options: ParseOptions): LoadedEnvironments {
  const raw = parseDocument(text, options);
  const notEnvironments = notAnEnvironmentsFile(raw);
  if (notEnvironments) throw new ConfigError(options.source, [{ path: FILE_LEVEL, value: undefined, message: notEnvironments }]);
  const templated = templatingProblems(raw);
  const parsed = safeParse(environmentsFileSchema, raw);
  if (!parsed.success) {
    // A field holding "${VAR}" is wrong for one reason: the template, not the format the schema also refuses.
    const templatedFields = new Set(templated.map((problem) => `${problem.environment}|${problem.path}`));
    const others = problemsFromIssues(raw, parsed.issues).filter(
      (problem) => !templatedFields.has(`${problem.environment}|${problem.path}`),
    );
    throw new ConfigError(options.source, [...templated, ...others]);
  }
  if (templated.length > 0) throw new ConfigError(options.source, templated);

  const problems: ConfigProblem[] = [];
  const environments: Environment[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const input of parsed.output.environments) {
    if (seen.has(input.name)) {
      problems.push({
        environment: input.name,
        path: "name",
        value: input.name,
        message: "another environment has this name; names must be unique (each becomes a stack id)",
      });
      continue;
    }
    seen.add(input.name);
    const resolved = resolveEnvironment(input, {
      resolvePath: (file) => (isAbsolute(file) ? file : resolve(options.baseDir, file)),
      readPublicKeys,
    });
    problems.push(...resolved.problems);
    if (resolved.value) {
      environments.push(resolved.value);
      warnings.push(...environmentWarnings(input, resolved.value));
    }
  }
  problems.push(...crossEnvironmentProblems(environments));
  if (problems.length > 0) throw new ConfigError(options.source, problems);
  return { environments, warnings };
}

/** `${VAR}`, `$HOME`, `%VAR%` (Windows), `{{ var }}` (Jinja, Helm, Go templates). */
const TEMPLATE = /\$\{[^}]*\}|(?:^|[^$\w\\])\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\{\{[^}]*\}\}/;

/**
 * Every string of every environment that still holds template syntax. Ingress annotations are left out: their
 * values are read by controllers that expand `$host` and the like themselves (nginx configuration snippets).
 */
function templatingProblems(raw: unknown): ConfigProblem[] {
  const environments = (raw as { environments?: unknown } | null)?.environments;
  if (!Array.isArray(environments)) return [];
  const problems: ConfigProblem[] = [];
  environments.forEach((environment: unknown, index) => {
    const name = (environment as { name?: unknown } | null)?.name;
    const label = typeof name === "string" && name.trim() !== "" && !TEMPLATE.test(name) ? name : `#${index + 1}`;
    const visit = (value: unknown, path: string): void => {
      if (/^openmetadata\.ingress\.annotations\./.test(path)) return;
      if (typeof value === "string") {
        const found = TEMPLATE.exec(value)?.[0]?.replace(/^[^$%{]/, "");
        if (found)
          problems.push({ environment: label, path, value, message: `${JSON.stringify(found)} was never substituted: ${NOT_TEMPLATED}` });
      } else if (Array.isArray(value)) value.forEach((item, position) => visit(item, `${path}[${position}]`));
      else if (value !== null && typeof value === "object")
        for (const [key, inner] of Object.entries(value)) visit(inner, path ? `${path}.${key}` : key);
    };
    visit(environment, "");
  });
  return problems;
}

function parseDocument(text: string, options: ParseOptions): unknown {
  if (options.format === "json") {
    try {
      return parseJsonText(text);
    } catch (error) {
      // A YAML file named .json fails on its first character; say which it is.
      const start = text.trimStart();
      const looksLikeYaml = /^(?:[A-Za-z_#]|-\s|---)/.test(start) && !/^(?:true|false|null)\b/.test(start);
      let message: string;
      if (looksLikeYaml) {
        message =
          `is not valid JSON` +
          `${error instanceof JsonTextError ? ` at line ${error.line}, column ${error.column}` : ""}: it looks ` +
          `like YAML; name the file .yaml (the extension .json selects strict JSON)`;
      } else if (error instanceof JsonTextError) {
        message = `is not valid JSON at ${error.message}`;
      } else {
        message = `is not valid JSON: ${(error as Error).message.split("\n")[0]}`;
      }
      throw new ConfigError(options.source, [{ path: FILE_LEVEL, value: undefined, message }]);
    }
  }
  // merge: YAML 1.1's `<<: *base` is how teams share a block between environments (YAML 1.2 dropped it).
  const document = parseYamlDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: "error", merge: true });
  const [error] = document.errors;
  if (error) throw new ConfigError(options.source, [{ path: FILE_LEVEL, value: undefined, message: yamlProblem(error, text) }]);
  // A tag such as !env or !ENV is a templating tool's (a loader that substitutes variables); this file is read as it is.
  const tags = document.warnings.filter((warning) => warning.code === "TAG_RESOLVE_FAILED");
  if (tags.length > 0)
    throw new ConfigError(
      options.source,
      tags.map((warning) => {
        const [start] = warning.linePos ?? [];
        const tag = /Unresolved tag: (\S+)/.exec(warning.message)?.[1] ?? "a tag";
        return {
          path: FILE_LEVEL,
          value: undefined,
          message: `uses the YAML tag ${tag}${start ? ` at line ${start.line}, column ${start.col}` : ""}: ${NOT_TEMPLATED}`,
        };
      }),
    );
  try {
    // 100 (the default) refuses one anchor used by 300 environments; the limit multiplies along nested aliases,
    // so an alias bomb (aliases of aliases) still exceeds it after a few levels.
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (failure) {
    // An alias (*name) without its anchor (&name) fails only when the value is built.
    const alias = /alias.*?: (\S+)$/.exec((failure as Error).message)?.[1];
    const message = alias
      ? `is not valid YAML: *${alias} refers to no anchor &${alias} above it; define the ` +
        `anchor first, or quote the value if "*${alias}" is meant literally`
      : `is not valid YAML: ${(failure as Error).message.split("\n")[0]}`;
    throw new ConfigError(options.source, [{ path: FILE_LEVEL, value: undefined, message }]);
  }
}

/** One anchor used by every environment of a large file, and nested anchors a few levels deep; a bomb's product is far above. */
const MAX_ALIAS_COUNT = 10_000;

/** The file is read exactly as written: what a templating step would have replaced is a mistake here. */
const NOT_TEMPLATED =
  "this file is not templated (nothing substitutes variables in it); write the value itself, or generate the file " +
  "before synth (e.g. envsubst < environments.tmpl.yaml > environments.yaml) and point OPENMETADATA_ENVIRONMENTS_FILE at the result";

/** The yaml library's messages advise its API ("please use parseAllDocuments()"); say what the user wrote instead. */
function yamlProblem(error: YAMLParseError, text: string): string {
  const [start] = error.linePos ?? [];
  const at = start ? `line ${start.line}, column ${start.col}` : "an unknown position";
  const lineText = start ? (text.split(/\r?\n/)[start.line - 1] ?? "") : "";
  switch (error.code) {
    case "MULTIPLE_DOCS":
      return (
        `holds more than one YAML document (a "---" line before ${at}); keep one ` +
        `document with every environment under a single environments: list`
      );
    case "DUPLICATE_KEY": {
      const key = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(lineText.slice(start ? start.col - 1 : 0))?.[1] ?? lineText.trim();
      return (
        `is not valid YAML at ${at}: duplicate key: ` +
        `${JSON.stringify(key.replace(/^["']|["']$/g, ""))} appears twice in the same ` +
        `mapping; keep one`
      );
    }
    case "TAB_AS_INDENT":
      return `is not valid YAML at ${at}: indented with a tab; YAML indentation takes spaces`;
    case "BLOCK_AS_IMPLICIT_KEY":
      return (
        `is not valid YAML at ${at}: a value contains ": " (quote the value, e.g. ` +
        `"a: b") or a nested mapping is not on its own indented line`
      );
    case "BAD_SCALAR_START": {
      const char = /reserved character (\S)/.exec(error.message)?.[1] ?? "";
      return (
        `is not valid YAML at ${at}: a value cannot start with ` +
        `${char ? `"${char}"` : "this character"} unquoted; put the value in ` +
        `quotes`
      );
    }
    case "BAD_INDENT":
    case "MISSING_CHAR":
    case "UNEXPECTED_TOKEN": {
      const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      return (
        `is not valid YAML at ${at}: ${reason}; check this line's indentation (spaces only, ` +
        `aligned with the lines at its level) and its quotes and brackets`
      );
    }
    default: {
      const reason = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      return `is not valid YAML at ${at}: ${reason}`;
    }
  }
}

/**
 * One line when the file is some other kind of file (a Terraform state, a kubeconfig), instead of one
 * "unknown field" line per top-level key.
 */
function notAnEnvironmentsFile(raw: unknown): string | undefined {
  const shape =
    'an environments file has a top-level "environments:" list, e.g. environments: [{ name: dev, ' +
    "openmetadataUrl: ..., okta: ..., openmetadata: ... }] (help/configuration.md)";
  if (raw === null || raw === undefined) return `is empty; ${shape}`;
  if (Array.isArray(raw)) {
    const looksLikeEnvironments = raw.some((item) => item !== null && typeof item === "object" && "name" in item);
    return looksLikeEnvironments
      ? `is a list at the top level; put the list under a top-level "environments:" key`
      : `is a list, not an environments file; ${shape}`;
  }
  if (typeof raw !== "object") return `holds a single ${typeof raw} (${describeValue(raw)}), not an environments file; ${shape}`;
  const keys = Object.keys(raw);
  const has = (...names: string[]) => names.every((name) => keys.includes(name));
  if (has("environments")) return undefined;
  if (has("terraform_version") || has("lineage", "serial")) return `is a Terraform state file, not an environments file; ${shape}`;
  if ((raw as { kind?: unknown }).kind === "Config" || has("clusters", "contexts"))
    return `is a kubeconfig, not an environments file; name the kubeconfig in openmetadata.cluster.kubeconfigPath instead, and ${shape}`;
  if (has("resource") || has("terraform") || has("provider")) return `is Terraform configuration, not an environments file; ${shape}`;
  if ((raw as { keys?: unknown }).keys !== undefined && Array.isArray((raw as { keys?: unknown }).keys))
    return `is a JWKS, not an environments file; name it in okta.serviceApp.jwksFile instead, and ${shape}`;
  if (has("name") && (has("okta") || has("openmetadataUrl")))
    return `holds one environment at the top level; put it in a list under a top-level "environments:" key`;
  if (has("apiVersion") || has("kind")) return `is a Kubernetes manifest, not an environments file; ${shape}`;
  if (has("environment")) return `has "environment" at the top level; the key is "environments" (plural), a list`;
  if (has("compilerOptions") || has("dependencies") || has("devDependencies") || has("app", "language"))
    return `is a project file (package.json, tsconfig.json, cdktf.json), not an environments file; ${shape}`;
  const found =
    keys.length === 0 ? "it is empty" : `its top-level keys are ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ", ..." : ""}`;
  return `has no top-level "environments:" list (${found}), so it is not an environments file; ${shape}`;
}

/**
 * Reads a service app's public JWKS while loading, so a bad file fails synth before any API call. The message
 * follows the field it is reported under: `<file> is not valid JSON at ...`.
 */
function readPublicKeys(path: string) {
  const source = displayPath(path);
  return readPublicJwksFile(path, {
    source,
    isNot: (what) => `${source} is ${what}`,
    theFile: (problem) => `${source} ${problem}`,
    unreadable: (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      return code === "EISDIR" ? `${source} is a directory, not a file` : `${source} cannot be read as JSON (${code ?? String(error)})`;
    },
  }).keys;
}

function formatOf(path: string): "json" | "yaml" {
  return extname(path).toLowerCase() === ".json" ? "json" : "yaml";
}

/** Paths relative to the project keep messages (and synthesized descriptions) machine-independent. */
export function displayPath(path: string): string {
  const fromRoot = relative(PROJECT_ROOT, path);
  return fromRoot.startsWith("..") || isAbsolute(fromRoot) ? path : fromRoot;
}
