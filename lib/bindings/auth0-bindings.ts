/**
 * The generated Auth0 bindings (.gen/providers/auth0/): `cdktf get` from cdktf.json, run against the local
 * auth0 provider (local-providers/providers/auth0/), which serves auth0/auth0 1.55.0's real schema for the
 * types the stacks use. There is no prebuilt @cdktf/provider-auth0, and nothing is downloaded here: the
 * provider comes from a filesystem mirror through a CLI configuration of its own, never the user's.
 *
 * A fingerprint of the schema the bindings were generated from is committed beside them, so a test can tell,
 * without running Terraform, that the local provider's schema changed and the bindings must be regenerated.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { catalogueBuilds, installLocalProviders } from "../../local-providers/install/build";
import { terraformEnvironment } from "../../local-providers/install/terraform-environment";
import { schemas as auth0Schemas } from "../../local-providers/providers/auth0/schema";
import type { AttributeSchema, BlockSchema, ProviderSchemas } from "../../local-providers/schema/types";
import { findOnPath } from "../chart-check/helm";
import { UserError } from "../errors";

/** Where the bindings live, relative to the project root: cdktf's default output folder (codeMakerOutput). */
export const AUTH0_BINDINGS_DIRECTORY = join(".gen", "providers", "auth0");
/** Written by the generation beside cdktf's files; read by __tests__/auth0-bindings.test.ts. */
export const FINGERPRINT_FILE = "schema-fingerprint.json";

export interface BindingsFingerprint {
  /** The cdktf.json entry the bindings come from. */
  readonly provider: string;
  /** cdktf-cli's version: the generator, whose output changes with it. */
  readonly cdktf: string;
  /** sha256 of the schema as the local provider serves it (schemaSha256). */
  readonly schemaSha256: string;
}

/**
 * sha256 of what the bindings are generated from: every block, attribute, type and flag the protocol sends.
 * Left out on purpose: `source`, `default`, `forceNew` and the schema version, which the local provider
 * uses for plans but Terraform's schema (and so cdktf) never shows.
 */
export function schemaSha256(schemas: ProviderSchemas): string {
  const projection = {
    address: schemas.address,
    version: schemas.version,
    provider: block(schemas.provider.block),
    resources: Object.fromEntries(Object.entries(schemas.resources).map(([name, type]) => [name, block(type.block)])),
    dataSources: Object.fromEntries(Object.entries(schemas.dataSources).map(([name, type]) => [name, block(type.block)])),
  };
  return createHash("sha256").update(canonicalJson(projection)).digest("hex");
}

function block(schema: BlockSchema): unknown {
  return {
    attributes: Object.fromEntries(Object.entries(schema.attributes).map(([name, value]) => [name, attribute(value)])),
    blocks: Object.fromEntries(
      Object.entries(schema.blocks ?? {}).map(([name, nested]) => [
        name,
        { nesting: nested.nesting, minItems: nested.minItems ?? 0, maxItems: nested.maxItems ?? 0, block: block(nested.block) },
      ]),
    ),
    deprecated: schema.deprecated ?? false,
  };
}

function attribute(schema: AttributeSchema): unknown {
  return {
    type: schema.type ?? null,
    nestedType: schema.nestedType
      ? {
          nesting: schema.nestedType.nesting,
          attributes: Object.fromEntries(Object.entries(schema.nestedType.attributes).map(([name, value]) => [name, attribute(value)])),
        }
      : null,
    required: schema.required ?? false,
    optional: schema.optional ?? false,
    computed: schema.computed ?? false,
    sensitive: schema.sensitive ?? false,
    deprecated: schema.deprecated ?? false,
    writeOnly: schema.writeOnly ?? false,
  };
}

/** JSON with every object's keys sorted, so the hash does not depend on the order the schema was written in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** The cdktf.json entry for auth0/auth0 ("auth0/auth0@1.55.0"), refused when missing or ambiguous. */
function auth0ProviderEntry(projectRoot: string): string {
  const config = JSON.parse(readFileSync(join(projectRoot, "cdktf.json"), "utf8")) as { terraformProviders?: unknown[] };
  const entries = (config.terraformProviders ?? []).filter(
    (entry): entry is string => typeof entry === "string" && /^(registry\.terraform\.io\/)?auth0\/auth0@/.test(entry),
  );
  if (entries.length !== 1)
    throw new UserError(`cdktf.json lists ${entries.length} auth0/auth0 entries in terraformProviders; it needs exactly one`);
  return entries[0]!;
}

function cdktfCliVersion(projectRoot: string): string {
  return (JSON.parse(readFileSync(join(projectRoot, "node_modules", "cdktf-cli", "package.json"), "utf8")) as { version: string }).version;
}

/** What generating now would record: cdktf.json's entry, cdktf-cli's version and the local provider's schema. */
export function currentFingerprint(projectRoot: string): BindingsFingerprint {
  return { provider: auth0ProviderEntry(projectRoot), cdktf: cdktfCliVersion(projectRoot), schemaSha256: schemaSha256(auth0Schemas) };
}

/** The fingerprint committed with the bindings; undefined when there is none. */
export function recordedFingerprint(bindingsDirectory: string): BindingsFingerprint | undefined {
  const file = join(bindingsDirectory, FINGERPRINT_FILE);
  if (!existsSync(file)) return undefined;
  const { provider, cdktf, schemaSha256 } = JSON.parse(readFileSync(file, "utf8")) as BindingsFingerprint;
  return { provider, cdktf, schemaSha256 };
}

export interface GenerateOptions {
  readonly projectRoot: string;
  /** The folder to (re)write; its previous content is removed. */
  readonly outputDirectory: string;
  /** Progress lines for a person. @default none */
  readonly log?: (line: string) => void;
}

/** The local Terraform provider (local-providers/catalogue.ts) whose schema the bindings are generated from. */
const BINDINGS_PROVIDER = "auth0";

/**
 * Runs the real `cdktf get --force` in a scratch project holding the project's cdktf.json, with Terraform
 * installing the local auth0 provider from a filesystem mirror, then copies .gen/providers/auth0/ to
 * `outputDirectory` with the fingerprint beside it. Takes ~10 s.
 */
export async function generateAuth0Bindings(options: GenerateOptions): Promise<BindingsFingerprint> {
  const { projectRoot, outputDirectory } = options;
  const log = options.log ?? (() => undefined);
  if (findOnPath("terraform") === undefined)
    throw new UserError("terraform is not on PATH; cdktf get runs it to read the local auth0 provider's schema", {
      onTheCommandLine: false,
    });
  const fingerprint = currentFingerprint(projectRoot);
  const scratch = mkdtempSync(join(tmpdir(), "auth0-bindings-"));
  try {
    const builds = catalogueBuilds().filter((build) => build.provider.name === BINDINGS_PROVIDER);
    const installation = await installLocalProviders(join(scratch, "providers"), builds);
    log(`local auth0 provider ${builds[0]!.provider.version} installed in a filesystem mirror`);

    const project = join(scratch, "project");
    mkdirSync(project);
    cpSync(join(projectRoot, "cdktf.json"), join(project, "cdktf.json"));
    // cdktf get reads the cdktf version from the project's node_modules; the generated code imports nothing else.
    symlinkSync(join(projectRoot, "node_modules"), join(project, "node_modules"), "dir");
    mkdirSync(join(scratch, "world"));
    const env = {
      ...terraformEnvironment(installation, { world: join(scratch, "world") }),
      // cdktf would otherwise point TF_PLUGIN_CACHE_DIR at ~/.terraform.d/plugin-cache, and Terraform would link
      // the local provider into the user's cache (cdktf-cli bin/cdktf.js, "disable-plugin-cache-env").
      CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
      DISABLE_VERSION_CHECK: "1",
    };
    log(`cdktf get --force (${fingerprint.provider}, cdktf ${fingerprint.cdktf})`);
    const cli = join(projectRoot, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
    const result = spawnSync(process.execPath, [cli, "get", "--force"], {
      cwd: project,
      env,
      encoding: "utf8",
      input: "",
      timeout: 300_000,
    });
    const generated = join(project, AUTH0_BINDINGS_DIRECTORY);
    if (result.status !== 0 || !existsSync(generated)) {
      const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
      throw new Error(`cdktf get failed (exit ${result.status ?? result.signal}): ${output.split("\n").slice(-5).join(" / ")}`);
    }
    rmSync(outputDirectory, { recursive: true, force: true });
    mkdirSync(outputDirectory, { recursive: true });
    cpSync(generated, outputDirectory, { recursive: true });
    writeFileSync(
      join(outputDirectory, FINGERPRINT_FILE),
      `${JSON.stringify({ about: "Written by npm run bindings: what these bindings were generated from.", ...fingerprint }, null, 2)}\n`,
    );
    return fingerprint;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
