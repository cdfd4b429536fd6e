import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { schemas } from "../../local-providers/providers/okta/schema";
import type { BlockSchema, CtyType, TypeSchema } from "../../local-providers/schema/types";
import { collateEnvironment, fixtureEnvironments, synthEnvironment } from "../support/synth";

// The local okta provider's schema against what the stacks emit and against the prebuilt
// @cdktf/provider-okta bindings (14.1.1, generated from okta/okta 4.20.0), attribute by attribute.

/** Every okta type the stacks can emit: the fixtures, plus the optional service-app admin role and the Everyone assignment. */
function emittedTypes(): { resources: Set<string>; dataSources: Set<string> } {
  const environments = [
    ...fixtureEnvironments(),
    collateEnvironment(
      "roles",
      "access: { groups: [data] }, serviceApp: { jwksFile: keys/dev-service-app.jwks.json, adminRole: ORG_ADMIN }",
    ),
    collateEnvironment("everyone", "access: { everyone: true }, flow: web"),
  ];
  const resources = new Set<string>();
  const dataSources = new Set<string>();
  for (const environment of environments) {
    const { json } = synthEnvironment(environment);
    for (const type of Object.keys(json.resource)) if (type.startsWith("okta_")) resources.add(type);
    for (const type of Object.keys(json.data ?? {})) if (type.startsWith("okta_")) dataSources.add(type);
  }
  return { resources, dataSources };
}

describe("coverage", () => {
  test("every okta resource and data source type the stacks emit is served, and nothing else", () => {
    const { resources, dataSources } = emittedTypes();
    expect(resources.size).toBeGreaterThan(5);
    expect(Object.keys(schemas.resources).sort()).toEqual([...resources].sort());
    expect(Object.keys(schemas.dataSources).sort()).toEqual([...dataSources].sort());
  });

  test("each type records the tag and the file:line its schema was read from", () => {
    for (const type of [schemas.provider, ...Object.values(schemas.resources), ...Object.values(schemas.dataSources)]) {
      expect(type.source).toMatch(/^okta\/terraform-provider-okta@v6\.12\.0 okta\/[a-z_/]+\.go:\d+$/);
    }
  });

  // idaas.go:90
  test(
    "okta_app_oauth_role_assignment is the one plugin-framework type: no SDK id, no legacy type system; " +
      "the SDKv2 types carry the SDK's optional+computed id",
    () => {
      expect(schemas.legacyTypeSystem).toBe(true);
      const framework = Object.entries(schemas.resources).filter(([, type]) => type.legacyTypeSystem === false);
      expect(framework.map(([name]) => name)).toEqual(["okta_app_oauth_role_assignment"]);
      expect(schemas.resources["okta_app_oauth_role_assignment"]!.block.attributes["id"]).toEqual({ type: "string", computed: true });
      for (const [name, type] of Object.entries(schemas.resources).filter(([, candidate]) => candidate.legacyTypeSystem !== false))
        expect(type.block.attributes["id"], name).toEqual({ type: "string", optional: true, computed: true });
    },
  );

  // app_group_assignments.go:85-95
  test(
    "SDKv2 shapes: timeouts as a single block of the declared operations, a Required attribute with a DefaultFunc " +
      "served Optional with its default, write-only and sensitive secrets",
    () => {
      const app = schemas.resources["okta_app_oauth"]!.block;
      expect(Object.keys(app.blocks!["timeouts"]!.block.attributes)).toEqual(["create", "read", "update"]);
      expect(app.blocks!["timeouts"]!.nesting).toBe("single");
      const profile = schemas.resources["okta_app_group_assignments"]!.block.blocks!["group"]!.block.attributes["profile"];
      expect(profile).toEqual({ type: "string", optional: true, default: "{}" });
      expect(app.attributes["client_basic_secret_wo"]).toMatchObject({ writeOnly: true, sensitive: true });
      expect(app.attributes["client_secret"]).toEqual({ type: "string", computed: true, sensitive: true });
      expect(app.attributes["skip_authentication_policy"]).toEqual({ type: "bool", optional: true, default: false });
      expect(app.blocks!["groups_claim"]).toMatchObject({ maxItems: 1, block: { deprecated: true } });
    },
  );
});

/* ------------------------------------------------------------------ the 4.20 bindings */

const BINDING_MODULES: Record<string, string> = {
  okta_app_oauth: "app-oauth",
  okta_app_group_assignments: "app-group-assignments",
  okta_app_oauth_api_scope: "app-oauth-api-scope",
  okta_app_oauth_role_assignment: "app-oauth-role-assignment",
  okta_auth_server: "auth-server",
  okta_auth_server_claim: "auth-server-claim",
  okta_auth_server_claim_default: "auth-server-claim-default",
  okta_auth_server_policy: "auth-server-policy",
  okta_auth_server_policy_rule: "auth-server-policy-rule",
  okta_auth_server_scope: "auth-server-scope",
  okta_trusted_origin: "trusted-origin",
  "data.okta_group": "data-okta-group",
  "data.okta_everyone_group": "data-okta-everyone-group",
  provider: "provider",
};

interface BindingAttribute {
  readonly isBlock: boolean;
  /** "simple" | "list" | "set" | "map" | "struct", with the binding's storage class. */
  readonly kind?: string;
}

/** Everything a generated binding class knows: its configurable attributes (synthesizeHclAttributes) and computed ones (getters reading an attribute). */
function bindingAttributes(module: string): { attributes: Map<string, BindingAttribute>; nested: (block: string) => string[] | undefined } {
  const exported = require(`@cdktf/provider-okta/lib/${module}`) as Record<string, unknown>;
  const bindingClass = Object.values(exported).find(
    (value): value is { name: string; prototype: Record<string, unknown> } =>
      typeof value === "function" &&
      typeof (value as { prototype?: { synthesizeHclAttributes?: unknown } }).prototype?.synthesizeHclAttributes === "function",
  )!;
  const read: string[] = [];
  // A stand-in `this`: private fields answer as empty blocks, and get*Attribute(name) records the Terraform name.
  const fake: object = new Proxy(
    {},
    {
      get: (_target, property) => {
        if (typeof property !== "string") return undefined;
        if (property.startsWith("_")) return { internalValue: {} };
        if (property.startsWith("get") || property === "interpolationForAttribute") return (name: string) => read.push(name);
        return undefined;
      },
    },
  );
  const hcl = (
    bindingClass.prototype["synthesizeHclAttributes"] as () => Record<string, { isBlock: boolean; type: string; storageClassType: string }>
  ).call(fake);
  const attributes = new Map<string, BindingAttribute>();
  for (const [name, value] of Object.entries(hcl)) {
    if (name !== "alias") attributes.set(name, { isBlock: value.isBlock, kind: `${value.type}/${value.storageClassType}` });
  }
  for (const property of Object.getOwnPropertyNames(bindingClass.prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(bindingClass.prototype, property)!;
    if (!descriptor.get || descriptor.set || property.endsWith("Input")) continue;
    read.length = 0;
    try {
      descriptor.get.call(fake);
    } catch {
      continue;
    }
    for (const name of read) if (!attributes.has(name)) attributes.set(name, { isBlock: false });
  }
  const nested = (block: string) => {
    const converter = Object.entries(exported).find(
      ([name]) => name.toLowerCase() === `${bindingClass.name}${block.replace(/_/g, "")}ToTerraform`.toLowerCase(),
    )?.[1] as ((value: object) => Record<string, unknown>) | undefined;
    return converter ? Object.keys(converter({})) : undefined;
  };
  return { attributes, nested };
}

function schemaOf(key: string): TypeSchema {
  if (key === "provider") return schemas.provider;
  return key.startsWith("data.") ? schemas.dataSources[key.slice(5)]! : schemas.resources[key]!;
}

/** The binding's storage class for one of our attribute types. */
function bindingKind(type: CtyType | undefined): string | undefined {
  if (type === "string") return "simple/string";
  if (type === "number") return "simple/number";
  if (type === "bool") return "simple/boolean";
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set") && type[1] === "string") return `${type[0]}/stringList`;
  return undefined;
}

/**
 * Every difference between okta/okta 4.20.0 (the bindings) and 6.12.0 (this schema), with its reason.
 * Each was checked at both tags of okta/terraform-provider-okta: absent from okta/resource_okta_app_oauth.go
 * at v4.20.0, present in okta/services/idaas/resource_okta_app_oauth.go at v6.12.0.
 */
const ADDED_SINCE_4_20: Record<string, Record<string, string>> = {
  okta_app_oauth: {
    client_basic_secret_wo: "write-only client secret for Terraform >= 1.11, added in 6.8.0 (#2517); resource_okta_app_oauth.go:191-198",
    client_basic_secret_wo_version: "its version counter, same change (#2517); :199-203",
    participate_slo: "front-channel single logout, added in 6.5.1 (#2557); :276-280",
    frontchannel_logout_uri: "same change (#2557); :281-285",
    frontchannel_logout_session_required: "same change (#2557, first tagged in 6.5.1); :286-290",
    backchannel_custom_authenticator_id: "CIBA authenticator, added in 6.12.0 (#2855); :446-450",
    preconfigured_app: "Okta catalog app instead of a custom one, added in 6.7.0 (#2721); :451-455",
    skip_authentication_policy:
      "neither assign nor read the sign-on policy, added in 6.9.0 (#2428); :456-462 (the stacks set it on the service app, help/service-app.md)",
    network: "block: the client's network restrictions, added in 6.8.0 (#2754); :463-490",
  },
};

describe("the 4.20 bindings (@cdktf/provider-okta 14.1.1)", () => {
  test("the bindings are generated from okta/okta 4.20.0, the version this comparison assumes", () => {
    for (const module of Object.values(BINDING_MODULES)) {
      const text = readFileSync(require.resolve(`@cdktf/provider-okta/lib/${module}`), "utf8");
      expect(text.match(/providerVersion: '([^']+)'/)?.[1], module).toBe("4.20.0");
    }
  });

  test("every attribute and block name differs from 4.20.0 only where 6.12.0 added it, each difference with its reason", () => {
    const added: Record<string, string[]> = {};
    const removed: Record<string, string[]> = {};
    for (const [key, module] of Object.entries(BINDING_MODULES)) {
      const { attributes } = bindingAttributes(module);
      const block = schemaOf(key).block;
      const ours = new Set([...Object.keys(block.attributes), ...Object.keys(block.blocks ?? {})]);
      // The binding's property names may differ (auth server scope `system` is `systemAttribute`): the Terraform names are compared.
      const onlyOurs = [...ours].filter((name) => !attributes.has(name));
      const onlyBinding = [...attributes.keys()].filter((name) => !ours.has(name));
      if (onlyOurs.length > 0) added[key] = onlyOurs.sort();
      if (onlyBinding.length > 0) removed[key] = onlyBinding;
    }
    expect(removed).toEqual({});
    expect(added).toEqual(Object.fromEntries(Object.entries(ADDED_SINCE_4_20).map(([key, names]) => [key, Object.keys(names).sort()])));
  });

  test("the attributes both versions have are of the same kind: block or attribute, and the same primitive or collection type", () => {
    const mismatches: string[] = [];
    for (const [key, module] of Object.entries(BINDING_MODULES)) {
      const { attributes } = bindingAttributes(module);
      const block: BlockSchema = schemaOf(key).block;
      for (const [name, binding] of attributes) {
        if (block.blocks?.[name]) {
          if (!binding.isBlock && binding.kind !== undefined) mismatches.push(`${key}.${name}: a block here, an attribute in 4.20`);
          continue;
        }
        const attribute = block.attributes[name];
        if (!attribute || binding.kind === undefined) continue;
        if (binding.isBlock) mismatches.push(`${key}.${name}: an attribute here, a block in 4.20`);
        else if (bindingKind(attribute.type) !== binding.kind)
          mismatches.push(`${key}.${name}: ${JSON.stringify(attribute.type)} here, ${binding.kind} in 4.20`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("nested blocks have the same configurable attributes in both versions (computed ones, like groups_claim.issuer_mode, are not in the binding's converter)", () => {
    const differences: string[] = [];
    for (const [key, module] of Object.entries(BINDING_MODULES)) {
      const { nested } = bindingAttributes(module);
      for (const [blockName, blockSchema] of Object.entries(schemaOf(key).block.blocks ?? {})) {
        if (ADDED_SINCE_4_20[key]?.[blockName]) continue;
        const theirs = nested(blockName);
        if (!theirs) {
          differences.push(`${key}.${blockName}: no converter in the binding`);
          continue;
        }
        const configurable = Object.entries(blockSchema.block.attributes)
          .filter(([, attribute]) => attribute.optional || attribute.required)
          .map(([name]) => name);
        if ([...configurable].sort().join() !== [...theirs].sort().join())
          differences.push(`${key}.${blockName}: ${configurable.sort().join()} here, ${theirs.sort().join()} in 4.20`);
      }
    }
    expect(differences).toEqual([]);
  });
});
