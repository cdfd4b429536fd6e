import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { LOCAL_PROVIDERS } from "../local-providers/catalogue";
import { schemas } from "../local-providers/providers/auth0/schema";
import { AUTH0_PROVIDER_VERSION } from "../lib/auth0/configure-auth0-provider";
import {
  AUTH0_BINDINGS_DIRECTORY,
  currentFingerprint,
  FINGERPRINT_FILE,
  generateAuth0Bindings,
  recordedFingerprint,
  schemaSha256,
} from "../lib/bindings/auth0-bindings";
import { TERRAFORM_MISSING } from "./support/local-terraform";

// The committed Auth0 bindings (.gen/providers/auth0/) against what `npm run bindings` would generate now.

const ROOT = resolve(__dirname, "..");
const BINDINGS = join(ROOT, AUTH0_BINDINGS_DIRECTORY);
const REGENERATE = "the local auth0 provider's schema, cdktf.json or cdktf changed: run npm run bindings and commit .gen/providers/auth0/";

/** Every file under a folder, by relative path, with its content. */
function filesUnder(directory: string): Map<string, string> {
  return new Map(
    readdirSync(directory, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(directory, path), readFileSync(path, "utf8")] as const;
      })
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

describe("the generated Auth0 bindings", () => {
  test("were generated from the local auth0 provider's current schema, cdktf.json's entry and this cdktf version", () => {
    const recorded = recordedFingerprint(BINDINGS);
    expect(recorded, `${AUTH0_BINDINGS_DIRECTORY}/${FINGERPRINT_FILE} is missing; run npm run bindings`).toBeDefined();
    expect(recorded, REGENERATE).toEqual(currentFingerprint(ROOT));
  });

  test("the schema fingerprint changes with anything the bindings are made from, and not with a source citation or a default", () => {
    const client = schemas.resources["auth0_client"]!;
    const withBlock = (block: typeof client.block) => ({
      ...schemas,
      resources: { ...schemas.resources, auth0_client: { ...client, block } },
    });
    const base = schemaSha256(schemas);
    const description = client.block.attributes["description"]!;
    const attributes = (change: object) => withBlock({ ...client.block, attributes: { ...client.block.attributes, ...change } });
    expect(schemaSha256(attributes({ description: { ...description, sensitive: true } }))).not.toBe(base);
    expect(schemaSha256(attributes({ added: { type: "string", optional: true } }))).not.toBe(base);
    expect(schemaSha256(attributes({ description: { ...description, default: "x", forceNew: true } }))).toBe(base);
    expect(schemaSha256({ ...schemas, resources: { ...schemas.resources, auth0_client: { ...client, source: "elsewhere" } } })).toBe(base);
    // Key order is not content: the same schema written in another order hashes the same.
    const reversed = Object.fromEntries(Object.entries(client.block.attributes).reverse());
    expect(schemaSha256(withBlock({ ...client.block, attributes: reversed }))).toBe(base);
  });

  test("cdktf.json, the local provider, the constructs and the generated provider class pin the same auth0/auth0 version", () => {
    const entry = `auth0/auth0@${AUTH0_PROVIDER_VERSION}`;
    expect(currentFingerprint(ROOT).provider).toBe(entry);
    expect(LOCAL_PROVIDERS.find((provider) => provider.name === "auth0")?.version).toBe(AUTH0_PROVIDER_VERSION);
    expect(schemas.version).toBe(AUTH0_PROVIDER_VERSION);
    expect(readFileSync(join(BINDINGS, "provider", "index.ts"), "utf8")).toContain(`providerVersion: '${AUTH0_PROVIDER_VERSION}'`);
  });

  test("hold one module per type the local provider serves, and nothing else", () => {
    const folders = readdirSync(BINDINGS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    // cdktf names a resource's folder after the type without the provider prefix, and a data source's with data-.
    const kebab = (type: string) => type.replace(/^auth0_/, "").replace(/_/g, "-");
    const served = [
      "provider",
      ...Object.keys(schemas.resources).map(kebab),
      ...Object.keys(schemas.dataSources).map((type) => `data-auth0-${kebab(type)}`),
    ].sort();
    expect(folders).toEqual(served);
  });
});

describe(`generating the Auth0 bindings with cdktf get and Terraform 1.11.4${TERRAFORM_MISSING ? ` [${TERRAFORM_MISSING}]` : ""}`, () => {
  test.skipIf(TERRAFORM_MISSING)(
    "gives exactly the committed files",
    async () => {
      const output = mkdtempSync(join(tmpdir(), "auth0-bindings-test-"));
      try {
        await generateAuth0Bindings({ projectRoot: ROOT, outputDirectory: output });
        const generated = filesUnder(output);
        const committed = filesUnder(BINDINGS);
        expect([...generated.keys()], REGENERATE).toEqual([...committed.keys()]);
        for (const [path, text] of generated) expect(text === committed.get(path), `${path}: ${REGENERATE}`).toBe(true);
      } finally {
        rmSync(output, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
