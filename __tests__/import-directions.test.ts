import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

// The layers, read from the import statements themselves (no TypeScript program: a static parse is
// enough and fast): main.ts → stacks/ → constructs in lib/ → lib/config and lib/keys.

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
  !target.startsWith("local-providers/") &&
  !target.startsWith("stacks/") &&
  !target.startsWith("scripts/") &&
  target !== "main" &&
  !target.startsWith("__tests__/");
const PROVIDER_OR_CDKTF = /^(cdktf|constructs|@cdktf\/.*)(\/.*)?$/;

/** The modules lib/config and lib/keys may use: each other, the chart contract and plain data libraries. */
function allowedInConfig(target: string): boolean {
  if (isPackage(target)) return target.startsWith("node:") || ["zod", "yaml", "jose"].includes(target);
  return (
    target.startsWith("lib/config/") ||
    target.startsWith("lib/keys/") ||
    target === "lib/errors" ||
    target === "lib/secret-shape" ||
    target === "lib/openmetadata/resource-names"
  );
}

/** The import rule a module breaks, or undefined. */
function violation(from: string, target: string): string | undefined {
  // The local providers play the real ones: sharing the project's checks would hide a regression in them.
  if (from.startsWith("local-providers/") && !isPackage(target) && !target.startsWith("local-providers/"))
    return "local-providers/ imports nothing of the project (it stands for the real providers and services)";
  if (target.startsWith("local-providers/") && !(from.startsWith("lib/rehearsal/") || from.startsWith("local-providers/")))
    return "only the rehearsal (lib/rehearsal) uses the local providers";
  if (
    from.startsWith("lib/") &&
    (target.startsWith("stacks/") || target.startsWith("scripts/") || target === "main" || target.startsWith("__tests__/"))
  )
    return "lib/ imports nothing above it";
  if (from.startsWith("stacks/") && (target.startsWith("scripts/") || target === "main" || target.startsWith("__tests__/")))
    return "stacks/ imports neither the entry points nor the tests";
  if ((from.startsWith("lib/config/") || from.startsWith("lib/keys/")) && !allowedInConfig(target))
    return "lib/config and lib/keys import no construct, CLI or provider module";
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

describe("imports run one way", () => {
  test("the parse finds the imports of the product, multi-line and dynamic ones included", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(importsOf('import {\n  a,\n  b,\n} from "./x";\nexport { c } from "../y";\nconst z = await import("zod");')).toEqual([
      "./x",
      "../y",
      "zod",
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
    expect(violation("local-providers/providers/okta/auth-server", "lib/okta/okta-claim-names")).toBeDefined();
    expect(violation("lib/okta/okta-oidc-app", "local-providers/providers/okta/index")).toBeDefined();
    expect(violation("lib/rehearsal/seed-world", "local-providers/providers/okta/index")).toBeUndefined();
    expect(violation("lib/cli/commands/check-chart", "stacks/release-values")).toBeDefined();
    expect(violation("lib/cli/commands/verify", "cdktf")).toBeDefined();
    expect(violation("lib/cli/run", "lib/config/load-environments")).toBeDefined();
    expect(violation("lib/cli/commands/verify", "lib/verify/checks")).toBeUndefined();
  });
});
