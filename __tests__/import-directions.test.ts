import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

// The layers, read from the import statements themselves (no TypeScript program: a static parse is
// enough and fast): main.ts → stacks/ → constructs in lib/ → lib/config and lib/keys → lib/text.

const ROOT = resolve(__dirname, "..");

/** What a module imports: relative specifiers resolved to project paths (no extension), packages as written. */
function importsOf(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/gm),
    ...source.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1]!);
  return [...new Set(specifiers)];
}

function resolved(file: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return relative(ROOT, resolve(dirname(join(ROOT, file)), specifier)).replace(/\.ts$/, "");
}

const isPackage = (target: string) =>
  !target.startsWith("lib/") &&
  !target.startsWith(".gen/") &&
  !target.startsWith("local-providers/") &&
  !target.startsWith("stacks/") &&
  !target.startsWith("scripts/") &&
  target !== "main" &&
  !target.startsWith("__tests__/");
const PROVIDER_OR_CDKTF = /^(cdktf|constructs|@cdktf\/.*)(\/.*)?$/;

/** The modules lib/config and lib/keys may use: each other, the chart contract and plain data libraries. */
function allowedInConfig(target: string): boolean {
  if (isPackage(target)) return target.startsWith("node:") || ["valibot", "yaml", "jose"].includes(target);
  return (
    target.startsWith("lib/config/") ||
    target.startsWith("lib/keys/") ||
    target.startsWith("lib/text/") ||
    CONSTRUCT_INVARIANTS.test(target) ||
    target === "lib/errors" ||
    target === "lib/secret-shape" ||
    target === "lib/project-root" ||
    target === "lib/openmetadata/resource-names" ||
    target.startsWith("lib/identity-providers/")
  );
}

/**
 * A construct's invariants and defaults as pure functions and values (lib/okta/okta-invariants.ts): the construct
 * enforces them, and lib/config reports the same rule with its file and field before any construct exists.
 */
const CONSTRUCT_INVARIANTS = /^lib\/(okta|auth0|openmetadata)\/[a-z0-9-]+-invariants$/;

/** The modules that compose the sections of lib/config/sections/ into an environment and an environments file. */
const CONFIG_COMPOSERS = [
  "lib/config/environment",
  "lib/config/environment-schema",
  "lib/config/defaults",
  "lib/config/load-environments",
  "lib/config/cross-environment-checks",
];

/** The import rule a module breaks, or undefined. */
function violation(from: string, target: string): string | undefined {
  // The local providers play the real ones: sharing the project's checks would hide a regression in them.
  if (from.startsWith("local-providers/") && !isPackage(target) && !target.startsWith("local-providers/"))
    return "local-providers/ imports nothing of the project (it stands for the real providers and services)";
  if (
    target.startsWith("local-providers/") &&
    !(from.startsWith("lib/rehearsal/") || from.startsWith("lib/bindings/") || from.startsWith("local-providers/"))
  )
    return "only the rehearsal (lib/rehearsal) and the bindings generator (lib/bindings) use the local providers";
  // The generated bindings are constructs' building blocks, imported one type at a time: the package's
  // index.ts would load every type's module (~700 KB of code) for any one of them.
  if (target.startsWith(".gen/") && !from.startsWith("lib/auth0/"))
    return "only the Auth0 constructs (lib/auth0) use the generated Auth0 bindings";
  if (target.startsWith(".gen/") && !/^\.gen\/providers\/auth0\/(?!index$|lazy-index$)[a-z0-9-]+(\/index)?$/.test(target))
    return "deep imports only: .gen/providers/auth0/<type>, never the package's index";
  if (
    from.startsWith("lib/") &&
    (target.startsWith("stacks/") || target.startsWith("scripts/") || target === "main" || target.startsWith("__tests__/"))
  )
    return "lib/ imports nothing above it";
  if (from.startsWith("stacks/") && (target.startsWith("scripts/") || target === "main" || target.startsWith("__tests__/")))
    return "stacks/ imports neither the entry points nor the tests";
  // The providers' conventions are a leaf: constructs, verify, sso-sync, the hints and config may all read them.
  if (from.startsWith("lib/identity-providers/") && !target.startsWith("lib/identity-providers/"))
    return "lib/identity-providers is dependency-free (no cdktf, constructs, config or package)";
  // The project's folder, for any module: it must stay free of everything but node:path.
  if (from === "lib/project-root" && !target.startsWith("node:")) return "lib/project-root imports only node built-ins";
  if ((from.startsWith("lib/config/") || from.startsWith("lib/keys/")) && !allowedInConfig(target))
    return "lib/config and lib/keys import no construct, CLI or provider module";
  if (from.startsWith("lib/config/sections/") && CONFIG_COMPOSERS.includes(target))
    return "a config section owns its schema, type, defaults and resolver; only the composers import the sections";
  if (CONSTRUCT_INVARIANTS.test(from) && !target.startsWith("node:"))
    return "a construct's invariants import nothing, so lib/config can use them without loading a construct";
  if (from.startsWith("lib/text/") && !target.startsWith("node:") && !target.startsWith("lib/text/"))
    return "lib/text handles text in general: it imports only Node's modules and itself";
  if (
    (from === "lib/errors" || from === "lib/secret-shape" || from === "lib/openmetadata/resource-names") &&
    !target.startsWith("node:") &&
    !(from === "lib/errors" && target === "lib/secret-shape")
  )
    return "the error type and the chart contract are dependency-free";
  if (PROVIDER_OR_CDKTF.test(target) && from.startsWith("scripts/") && !["scripts/bench", "scripts/check-chart"].includes(from))
    return "a CLI that synthesizes nothing loads no cdktf";
  // The commands' declarations and their runner: scripts/check-chart.ts passes the synthesis in; the runner and the
  // command type are what the CI bundles hold, node built-ins and the error types only.
  if (from.startsWith("lib/cli/") && (PROVIDER_OR_CDKTF.test(target) || target.startsWith("lib/okta/") || target.startsWith("lib/auth0/")))
    return "a command declaration loads no cdktf and no construct";
  if (
    (from === "lib/cli/run" || from === "lib/cli/command") &&
    !(isPackage(target)
      ? target.startsWith("node:")
      : ["lib/cli/command", "lib/cli-usage", "lib/errors", "lib/config/errors"].includes(target))
  )
    return "the runner is light: the CI steps bundle it with node built-ins only";
  return undefined;
}

function productFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

const edges = [
  "main.ts",
  ...productFiles("lib"),
  ...productFiles("stacks"),
  ...productFiles("scripts"),
  ...productFiles("local-providers"),
].flatMap((file) =>
  importsOf(readFileSync(join(ROOT, file), "utf8")).map((specifier) => ({
    from: file.replace(/\.ts$/, ""),
    to: resolved(file, specifier),
  })),
);

/**
 * The import cycles of a graph, each as the path that closes it ("a → b → a"), type-only imports included:
 * a depth-first walk that reports the stretch of the current path an edge leads back into.
 */
function importCycles(graph: readonly { readonly from: string; readonly to: string }[]): string[] {
  const next = new Map<string, string[]>();
  for (const { from, to } of graph) next.set(from, [...(next.get(from) ?? []), to]);
  const done = new Set<string>();
  const found: string[] = [];
  const walk = (module: string, path: string[]) => {
    const back = path.indexOf(module);
    if (back !== -1) return void found.push([...path.slice(back), module].join(" → "));
    if (done.has(module)) return;
    for (const target of next.get(module) ?? []) walk(target, [...path, module]);
    done.add(module);
  };
  for (const module of [...next.keys()].sort()) walk(module, []);
  return found;
}

describe("imports run one way", () => {
  test("the parse finds the imports of the product, multi-line and dynamic ones included", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(importsOf('import {\n  a,\n  b,\n} from "./x";\nexport { c } from "../y";\nconst z = await import("valibot");')).toEqual([
      "./x",
      "../y",
      "valibot",
    ]);
    expect(edges).toContainEqual({ from: "main", to: "stacks/run-synth" });
  });

  test("no module of lib/, stacks/ or scripts/ breaks a direction", () => {
    const broken = edges.flatMap(({ from, to }) => {
      const rule = violation(from, to);
      return rule ? [`${from} → ${to}: ${rule}`] : [];
    });
    expect(broken).toEqual([]);
  });

  test("no module of lib/, stacks/ or scripts/ is part of an import cycle, type-only imports included", () => {
    const product = edges.filter(({ from, to }) => !from.startsWith("local-providers/") && !isPackage(to));
    expect(importCycles(product)).toEqual([]);
  });

  test("the cycle search names each cycle it finds, through any number of modules", () => {
    expect(
      importCycles([
        { from: "lib/a", to: "lib/b" },
        { from: "lib/b", to: "lib/c" },
        { from: "lib/c", to: "lib/a" },
        { from: "lib/d", to: "lib/a" },
        { from: "lib/e", to: "lib/e" },
      ]),
    ).toEqual(["lib/a → lib/b → lib/c → lib/a", "lib/e → lib/e"]);
    expect(
      importCycles([
        { from: "lib/a", to: "lib/b" },
        { from: "lib/c", to: "lib/b" },
      ]),
    ).toEqual([]);
  });

  test("the rules refuse an upward import, a construct in lib/config and an import in the chart contract", () => {
    expect(violation("lib/chart-check/check", "stacks/app")).toBeDefined();
    expect(violation("lib/app", "main")).toBeDefined();
    expect(violation("stacks/app", "scripts/verify")).toBeDefined();
    expect(violation("lib/config/environment", "lib/okta/okta-service-app")).toBeDefined();
    expect(violation("lib/config/environment", "@cdktf/provider-okta/lib/app-oauth")).toBeDefined();
    expect(violation("lib/config/environment", "lib/sso-sync/cli")).toBeDefined();
    expect(violation("lib/openmetadata/resource-names", "lib/config/environment")).toBeDefined();
    expect(violation("stacks/openmetadata-stack", "lib/okta/okta-single-sign-on")).toBeUndefined();
    expect(violation("lib/config/environment", "lib/keys/public-jwks")).toBeUndefined();
    expect(violation("lib/keys/public-jwks", "lib/text/json-text")).toBeUndefined();
    expect(violation("lib/text/suggest", "lib/config/errors")).toBeDefined();
    expect(violation("lib/text/json-text", "valibot")).toBeDefined();
    expect(violation("lib/config/sections/okta", "lib/config/defaults")).toBeDefined();
    expect(violation("lib/config/sections/okta", "lib/config/environment")).toBeDefined();
    expect(violation("lib/config/sections/openmetadata", "lib/config/sections/pipeline-service-client")).toBeUndefined();
    expect(violation("lib/config/environment", "lib/config/sections/okta")).toBeUndefined();
    expect(violation("lib/config/sections/okta", "lib/okta/okta-invariants")).toBeUndefined();
    expect(violation("lib/config/sections/okta", "lib/okta/okta-oidc-app")).toBeDefined();
    expect(violation("lib/okta/okta-invariants", "constructs")).toBeDefined();
    expect(violation("local-providers/providers/okta/auth-server", "lib/okta/okta-claim-names")).toBeDefined();
    expect(violation("lib/okta/okta-oidc-app", "local-providers/providers/okta/index")).toBeDefined();
    expect(violation("lib/rehearsal/seed-world", "local-providers/providers/okta/index")).toBeUndefined();
    expect(violation("lib/auth0/auth0-single-sign-on", ".gen/providers/auth0/client")).toBeUndefined();
    expect(violation("lib/auth0/auth0-single-sign-on", ".gen/providers/auth0/index")).toBeDefined();
    expect(violation("lib/auth0/auth0-single-sign-on", ".gen/providers/auth0/lazy-index")).toBeDefined();
    expect(violation("lib/auth0/auth0-single-sign-on", ".gen/providers/auth0")).toBeDefined();
    expect(violation("stacks/openmetadata-stack", ".gen/providers/auth0/client")).toBeDefined();
    expect(violation("lib/cli/commands/check-chart", "stacks/release-values")).toBeDefined();
    expect(violation("lib/cli/commands/verify", "cdktf")).toBeDefined();
    expect(violation("lib/cli/run", "lib/config/load-environments")).toBeDefined();
    expect(violation("lib/cli/commands/verify", "lib/verify/checks")).toBeUndefined();
  });

  test("the identity providers' conventions import nothing, and constructs, verify, sso-sync and config may import them", () => {
    expect(violation("lib/identity-providers/okta", "lib/config/environment")).toBeDefined();
    expect(violation("lib/identity-providers/auth0", "constructs")).toBeDefined();
    expect(violation("lib/identity-providers/conventions", "cdktf")).toBeDefined();
    expect(violation("lib/identity-providers/by-name", "lib/identity-providers/okta")).toBeUndefined();
    for (const from of [
      "lib/okta/okta-oidc-app",
      "lib/auth0/auth0-single-sign-on",
      "lib/verify/checks",
      "lib/sso-sync/declared",
      "lib/config/environment",
    ])
      expect(violation(from, "lib/identity-providers/conventions"), from).toBeUndefined();
    expect(edges.filter(({ from }) => from.startsWith("lib/identity-providers/")).map(({ to }) => to)).toEqual(
      expect.arrayContaining(["lib/identity-providers/okta", "lib/identity-providers/auth0"]),
    );
  });

  test("the project's folder is a leaf any module may import, config included", () => {
    expect(violation("lib/project-root", "valibot")).toBeDefined();
    expect(violation("lib/project-root", "lib/config/load-environments")).toBeDefined();
    expect(violation("lib/config/load-environments", "lib/project-root")).toBeUndefined();
    expect(violation("lib/state-backend", "lib/project-root")).toBeUndefined();
  });
});
