import { describe, expect, test } from "vitest";
import { schemas } from "../../local-providers/providers/auth0/schema";
import { coreConfigSchema, transformResourceToDataSource } from "../../local-providers/providers/auth0/sdkv2";
import type { BlockSchema } from "../../local-providers/schema/types";
import { environmentsFromYaml, FIXTURE_AUTH0_ENVIRONMENTS_FILE, synthEnvironment, type TerraformJson } from "../support/synth";
import { loadEnvironmentsFile } from "../../lib/config/load-environments";

// The local auth0 provider's schema against what the stacks emit. There is no prebuilt
// @cdktf/provider-auth0 binding: the stacks' Auth0 JSON is the cross-check (the bindings in
// .gen/providers/auth0/ are generated from this very schema, so they cannot check it).

/** The Auth0 examples, plus a protected web environment with one connection (prevent_destroy, postcondition). */
function auth0Stacks(): TerraformJson[] {
  const [guarded] = environmentsFromYaml(`
environments:
  - name: guarded
    target: collate
    protected: true
    openmetadataUrl: https://guarded.example.com
    auth0: { domain: example.eu.auth0.com, flow: web, connections: [google-oauth2] }
`);
  return [...loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE), guarded!].map((environment) => synthEnvironment(environment).json);
}

const META_ARGUMENTS = new Set(["//", "lifecycle", "depends_on", "provider", "count", "for_each"]);

/** Attribute paths a synthesized element writes that the schema does not accept as configuration. */
function unacceptedPaths(block: BlockSchema, written: Record<string, unknown>, path: string): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(written)) {
    if (META_ARGUMENTS.has(name) || value === undefined) continue;
    const attribute = block.attributes[name];
    const nested = block.blocks?.[name];
    if (attribute) {
      if (!attribute.optional && !attribute.required) problems.push(`${path}${name} (computed only)`);
    } else if (nested) {
      // Terraform's JSON syntax takes one object or a list of objects for a block.
      for (const item of Array.isArray(value) ? value : [value]) {
        problems.push(...unacceptedPaths(nested.block, item as Record<string, unknown>, `${path}${name}.`));
      }
    } else problems.push(`${path}${name} (unknown)`);
  }
  return problems;
}

describe("coverage", () => {
  test("every auth0 resource and data source type the stacks emit is served, and nothing else", () => {
    const resources = new Set<string>();
    const dataSources = new Set<string>();
    for (const json of auth0Stacks()) {
      for (const type of Object.keys(json.resource)) if (type.startsWith("auth0_")) resources.add(type);
      for (const type of Object.keys(json.data ?? {})) if (type.startsWith("auth0_")) dataSources.add(type);
    }
    expect([...resources].sort()).toEqual(["auth0_client", "auth0_client_credentials", "auth0_connection_client"]);
    expect(Object.keys(schemas.resources).sort()).toEqual([...resources].sort());
    expect(Object.keys(schemas.dataSources).sort()).toEqual([...dataSources].sort());
    expect(schemas).toMatchObject({ address: "registry.terraform.io/auth0/auth0", version: "1.55.0" });
  });

  test("each type records the tag and the file:line its schema was read from", () => {
    for (const type of [schemas.provider, ...Object.values(schemas.resources), ...Object.values(schemas.dataSources)]) {
      expect(type.source).toMatch(/^auth0\/terraform-provider-auth0@v1\.55\.0 internal\/[a-z0-9_/]+\.go:\d+$/);
    }
    expect(schemas.resources["auth0_client"]!.source).toContain("internal/auth0/client/resource.go:79");
    expect(schemas.dataSources["auth0_connection"]!.source).toContain("internal/auth0/connection/data_source.go:23");
  });

  test(
    "auth0 1.x is terraform-plugin-sdk/v2 throughout (go.mod@v1.55.0 has no plugin framework): the legacy type system, " +
      "the SDK's optional+computed id on every resource and data source, none on the provider block",
    () => {
      expect(schemas.legacyTypeSystem).toBe(true);
      for (const type of [...Object.values(schemas.resources), ...Object.values(schemas.dataSources)]) {
        expect(type.legacyTypeSystem).toBeUndefined();
        expect(type.block.attributes["id"]).toEqual({ type: "string", optional: true, computed: true });
      }
      expect(schemas.provider.block.attributes["id"]).toBeUndefined();
      // SchemaVersion 1 (resource_credentials_schema.go:645); the others declare none.
      expect(schemas.resources["auth0_client_credentials"]!.version).toBe(1);
      expect(schemas.resources["auth0_client"]!.version).toBe(0);
    },
  );
});

describe("the Auth0 constructs of lib/auth0/ against the schema (the binding cross-check)", () => {
  test("every attribute and block the synthesized stacks write is configurable in the served schema", () => {
    const problems: string[] = [];
    let elements = 0;
    for (const json of auth0Stacks()) {
      for (const [kind, byType] of [
        ["resource", json.resource],
        ["data", json.data ?? {}],
      ] as const) {
        for (const [type, byName] of Object.entries(byType)) {
          if (!type.startsWith("auth0_")) continue;
          const schema = kind === "resource" ? schemas.resources[type] : schemas.dataSources[type];
          for (const [name, element] of Object.entries(byName)) {
            elements += 1;
            problems.push(...unacceptedPaths(schema!.block, element, `${kind}.${type}.${name}.`));
          }
        }
      }
      for (const block of json.provider["auth0"] ?? []) problems.push(...unacceptedPaths(schemas.provider.block, block, "provider.auth0."));
    }
    expect(elements).toBeGreaterThanOrEqual(10);
    expect(problems).toEqual([]);
  });

  test("the differences from what the constructs assume, each with its reason", () => {
    const client = schemas.resources["auth0_client"]!.block;
    const credentials = schemas.resources["auth0_client_credentials"]!.block;
    // Removed from auth0_client in 1.0 (MIGRATION_GUIDE.md): the constructs never write it, and Terraform refuses it.
    expect(client.attributes["token_endpoint_auth_method"]).toBeUndefined();
    // The secret moved to auth0_client_credentials in 1.0; auth0_client has no client_secret at all.
    expect(client.attributes["client_secret"]).toBeUndefined();
    expect(credentials.attributes["client_secret"]).toEqual({ type: "string", optional: true, computed: true, sensitive: true });
    // The write-only alternative to client_secret: served, write-only and sensitive, with its version counter.
    expect(credentials.attributes["client_secret_wo"]).toEqual({ type: "string", optional: true, sensitive: true, writeOnly: true });
    expect(credentials.attributes["client_secret_wo_version"]).toEqual({ type: "number", optional: true });
    // Auth0SingleSignOn reads client_id (computed) and the data source's id; both are there.
    expect(client.attributes["client_id"]).toEqual({ type: "string", computed: true });
    // The provider block declares no attribute Sensitive, credentials included (provider.go:51-155):
    // nothing in Terraform's schema hides them, which is why the project keeps them in the environment.
    expect(Object.values(schemas.provider.block.attributes).some((attribute) => attribute.sensitive)).toBe(false);
    expect(Object.keys(schemas.provider.block.attributes).sort()).toEqual([
      "api_token",
      "audience",
      "cli_login",
      "client_assertion_private_key",
      "client_assertion_signing_alg",
      "client_id",
      "client_secret",
      "custom_domain_header",
      "debug",
      "domain",
      "dynamic_credentials",
    ]);
    // auth0_connection_clients (authoritative) and auth0_client_grant are not served:
    // the stacks emit neither (the first on purpose, lib/auth0/auth0-single-sign-on.ts).
    expect(schemas.resources["auth0_connection_clients"]).toBeUndefined();
    expect(schemas.resources["auth0_client_grant"]).toBeUndefined();
  });

  // resource.go:280,513; :603
  test(
    "the attributes the stacks write have the real kinds: jwt_configuration and refresh_token are Optional+Computed blocks " +
      "of at most one item, signing_keys a computed, sensitive list of maps",
    () => {
      const client = schemas.resources["auth0_client"]!.block;
      expect(client.blocks!["jwt_configuration"]).toMatchObject({ nesting: "list", maxItems: 1 });
      expect(client.blocks!["jwt_configuration"]!.block.attributes["secret_encoded"]).toMatchObject({ forceNew: true, computed: true });
      expect(client.blocks!["refresh_token"]!.block.attributes["rotation_type"]).toEqual({ type: "string", required: true });
      expect(client.blocks!["refresh_token"]!.block.attributes["leeway"]).toEqual({ type: "number", optional: true, computed: true });
      expect(client.blocks!["refresh_token"]!.block.blocks!["policies"]).toMatchObject({ nesting: "set" });
      expect(client.attributes["signing_keys"]).toEqual({ type: ["list", ["map", "string"]], computed: true, sensitive: true });
      expect(client.attributes["callbacks"]).toEqual({ type: ["list", "string"], optional: true, computed: true });
      expect(client.attributes["web_origins"]).toEqual({ type: ["list", "string"], optional: true });
      expect(client.attributes["oidc_backchannel_logout_urls"]).toMatchObject({ type: ["set", "string"], deprecated: true });
      // client_metadata's Elem is the ValueType schema.TypeString (resource.go:371): a map of strings all the same.
      expect(client.attributes["client_metadata"]).toEqual({ type: ["map", "string"], optional: true });
      // token_quota comes from commons.TokenQuotaSchema (internal/auth0/commons/token_quota.go:17), enforce defaulting to true.
      expect(client.blocks!["token_quota"]!.block.blocks!["client_credentials"]).toMatchObject({ minItems: 1, maxItems: 1 });
      expect(client.blocks!["token_quota"]!.block.blocks!["client_credentials"]!.block.attributes["enforce"]).toMatchObject({
        default: true,
      });
      const link = schemas.resources["auth0_connection_client"]!.block.attributes;
      expect(link["connection_id"]).toEqual({ type: "string", required: true, forceNew: true });
      expect(link["client_id"]).toEqual({ type: "string", required: true, forceNew: true });
      expect(schemas.resources["auth0_client_credentials"]!.block.attributes["client_id"]).toMatchObject({ forceNew: true });
    },
  );

  test(
    "data auth0_connection is the connection resource made computed (TransformResourceToDataSource): no blocks, no sensitivity, " +
      "with name and connection_id optional, skip_enabled_clients defaulting to false and enabled_clients a computed set",
    () => {
      const lookup = schemas.dataSources["auth0_connection"]!.block;
      expect(lookup.blocks).toBeUndefined();
      expect(lookup.attributes["name"]).toEqual({ type: "string", optional: true });
      expect(lookup.attributes["connection_id"]).toEqual({ type: "string", optional: true });
      expect(lookup.attributes["skip_enabled_clients"]).toEqual({ type: "bool", optional: true, default: false });
      expect(lookup.attributes["enabled_clients"]).toEqual({ type: ["set", "string"], computed: true });
      expect(lookup.attributes["strategy"]).toEqual({ type: "string", computed: true });
      const options = lookup.attributes["options"]!;
      expect(options.computed).toBe(true);
      expect(options.optional).toBeUndefined();
      // options.configuration is Sensitive in the resource (schema.go:416); the transform keeps no Sensitive flag.
      expect(JSON.stringify(options)).not.toContain("sensitive");
      expect(options.type).toEqual(["list", expect.arrayContaining(["object"])]);
    },
  );
});

// core_schema.go@v2.40.1
describe("the SDK's rules for turning a schema into a protocol schema", () => {
  test("a Required block needs one item, an Optional one drops MinItems, a computed-only one is an attribute", () => {
    const block = coreConfigSchema({
      required: { type: "list", required: true, elem: { resource: { a: { type: "string", optional: true } } } },
      optional: { type: "list", optional: true, minItems: 2, maxItems: 3, elem: { resource: { a: { type: "int", optional: true } } } },
      computed: { type: "list", computed: true, elem: { resource: { a: { type: "bool", computed: true } } } },
      asMap: { type: "map", optional: true, elem: { resource: { a: { type: "string", optional: true } } } },
      noElem: { type: "list", optional: true },
    });
    expect(block.blocks!["required"]).toMatchObject({ nesting: "list", minItems: 1 });
    expect(block.blocks!["optional"]!.minItems).toBeUndefined();
    expect(block.blocks!["optional"]!.maxItems).toBe(3);
    expect(block.attributes["computed"]).toEqual({ type: ["list", ["object", { a: "bool" }]], computed: true });
    // A TypeMap of a Resource is a map of strings (core_schema.go:87); a missing Elem is a string (:270).
    expect(block.attributes["asMap"]).toEqual({ type: ["map", "string"], optional: true });
    expect(block.attributes["noElem"]).toEqual({ type: ["list", "string"], optional: true });
  });

  test("TransformResourceToDataSource keeps only Type, Set and Elem: every attribute computed, nested ones too", () => {
    const transformed = transformResourceToDataSource({
      secret: { type: "string", optional: true, sensitive: true, forceNew: true, default: "x" },
      nested: { type: "list", optional: true, maxItems: 1, elem: { resource: { inner: { type: "string", required: true } } } },
    });
    expect(transformed).toEqual({
      secret: { type: "string", computed: true },
      nested: { type: "list", computed: true, elem: { resource: { inner: { type: "string", computed: true } } } },
    });
  });
});
