import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { DEFAULTS } from "../lib/config/defaults";
import { environmentSchema } from "../lib/config/environment-schema";
import { fieldPaths } from "./support/schema-fields";

// help/configuration.md is the reference of the environments file: every field of the schema has its
// row (or, for the parts of a compound field, a mention in its parent's row), and every default of
// DEFAULTS is written where the field is.

const DOC = readFileSync(resolve(__dirname, "..", "help", "configuration.md"), "utf8");

/** The doc's section headings and the field path prefix of their tables. */
const SECTIONS: Record<string, string> = {
  "## Environment": "",
  "## `okta`": "okta.",
  "## `auth0`": "auth0.",
  "## `openmetadata`": "openmetadata.",
  "## `openmetadata.pipelineServiceClient`": "openmetadata.pipelineServiceClient.",
  "## `adopt`": "adopt.",
};

/** Table rows by field path: the text of the whole row and of its Default cell. */
function documentedRows(): Map<string, { row: string; default: string }> {
  const rows = new Map<string, { row: string; default: string }>();
  let prefix: string | undefined;
  for (const line of DOC.split("\n")) {
    if (line.startsWith("## ")) prefix = Object.entries(SECTIONS).find(([heading]) => line.startsWith(heading))?.[1];
    const cells = /^\| `([^`]+)` \| ([^|]*) \|/.exec(line);
    if (prefix !== undefined && cells) rows.set(`${prefix}${cells[1]}`, { row: line, default: cells[2]! });
  }
  return rows;
}

const STATE_BACKENDS = DOC.slice(DOC.indexOf("## State backends"), DOC.indexOf("\n## ", DOC.indexOf("## State backends") + 1));
const rows = documentedRows();

/** Where a field is documented: its own row, its parent's row mentioning it, or (backend) the State backends section. */
function documentation(path: string): string | undefined {
  const own = rows.get(path);
  if (own) return own.default;
  if (path.startsWith("backend.")) {
    const field = path.slice("backend.".length);
    return STATE_BACKENDS.includes(`${field}:`) || STATE_BACKENDS.includes(`\`${field}\``)
      ? `${STATE_BACKENDS}\n${rows.get("backend")?.row ?? ""}`
      : undefined;
  }
  // A section of nested fields (okta.tokens) is documented by its fields' rows.
  if ([...rows.keys()].some((documented) => documented.startsWith(`${path}.`))) return "(its fields)";
  const segments = path.split(".");
  for (let cut = segments.length - 1; cut > 0; cut -= 1) {
    const parent = rows.get(segments.slice(0, cut).join("."));
    const rest = segments.slice(cut).join(".");
    if (parent) return parent.row.includes(`\`${rest}\``) ? parent.row : undefined;
  }
  return undefined;
}

/** The arguments a default's function is shown with in the doc, e.g. `OpenMetadata (<name>)`. */
const SHOWN_WITH: Record<string, unknown[]> = {
  "backend.path": ["openmetadata-<name>"],
  "backend.key": ["<stack>"],
  "backend.prefix": ["<stack>"],
  "backend.workspace": ["<stack>"],
  "openmetadata.namespace": ["openmetadata-<name>"],
  "openmetadata.allowedRegistrationDomains": ["principalDomain"],
  "openmetadata.dependencies.enabled": [false],
  "openmetadata.database.port": ["mysql"],
  "openmetadata.airflow.metadataApiEndpoint": ["<openmetadataUrl>"],
  "openmetadata.pipelineServiceClient.type": [true],
  "openmetadata.pipelineServiceClient.k8s.namespace": ["openmetadata.namespace"],
  "openmetadata.pipelineServiceClient.k8s.image": ["<chartVersion>"],
};

/** Every default as [field path, the text the doc must show]; empty lists and maps are shown as "none". */
function defaults(table: object = DEFAULTS, prefix = ""): [string, string[]][] {
  return Object.entries(table).flatMap(([key, value]): [string, string[]][] => {
    const path = `${prefix}${key}`;
    const resolved: unknown =
      typeof value === "function" ? (value as (...args: unknown[]) => unknown)(...(SHOWN_WITH[path] ?? ["<name>"])) : value;
    if (Array.isArray(resolved)) return [[path, resolved.length === 0 ? ["none"] : resolved.map(String)]];
    if (typeof resolved === "object" && resolved !== null)
      return Object.keys(resolved).length === 0 ? [[path, ["none"]]] : defaults(resolved, `${path}.`);
    return [[path, [String(resolved)]]];
  });
}

describe("help/configuration.md", () => {
  test("documents every field of the environment schema", () => {
    const paths = fieldPaths(environmentSchema);
    expect(paths).toContain("openmetadata.database.port");
    expect(paths.filter((path) => documentation(path) === undefined)).toEqual([]);
  });

  test("shows every default of DEFAULTS where its field is documented", () => {
    const all = defaults();
    expect(all).toContainEqual(["okta.tokens.refreshTokenLifetimeMinutes", ["129600"]]);
    const missing = all.filter(([path, shown]) => {
      const text = documentation(path);
      return text === undefined || shown.some((value) => !text.includes(value));
    });
    expect(missing).toEqual([]);
  });

  test("DEFAULTS names only fields of the schema", () => {
    const paths = new Set(fieldPaths(environmentSchema));
    expect(defaults().filter(([path]) => !paths.has(path))).toEqual([]);
  });
});
