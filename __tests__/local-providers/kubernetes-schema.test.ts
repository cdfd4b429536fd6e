import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadEnvironmentsFile } from "../../lib/config/load-environments";
import { schemas } from "../../local-providers/providers/kubernetes/schema";
import type { BlockSchema } from "../../local-providers/schema/types";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE, fixtureEnvironments, synthEnvironment } from "../support/synth";

// The local kubernetes provider's schema (hashicorp/kubernetes 2.38.0) against what the stacks emit and
// against the prebuilt @cdktf/provider-kubernetes 12.1.1 bindings, generated from the same version (2.38.0).

/** Every attribute and nested block name of a block, at any depth. */
function servedNames(block: BlockSchema): string[] {
  const names = new Set<string>();
  const visit = (current: BlockSchema) => {
    for (const name of Object.keys(current.attributes)) names.add(name);
    for (const [name, nested] of Object.entries(current.blocks ?? {})) {
      names.add(name);
      visit(nested.block);
    }
  };
  visit(block);
  return [...names].sort();
}

/**
 * Every name a binding module knows: the keys its *ToTerraform functions and synthesizeAttributes write,
 * the computed attributes it reads (getStringAttribute('uid')) and those its comments list.
 */
function bindingNames(module: string): string[] {
  const text = readFileSync(require.resolve(`@cdktf/provider-kubernetes/lib/${module}/index.js`), "utf8");
  const names = new Set<string>();
  for (const match of text.matchAll(/^\s+([a-z0-9_]+): (?![^\n]*Hcl)[^\n]*(?:ToTerraform|Mapper)\(/gm)) names.add(match[1]!);
  for (const match of text.matchAll(/get\w*Attribute\('([a-z0-9_]+)'\)/g)) names.add(match[1]!);
  for (const match of text.matchAll(/\/\/ ([a-z0-9_]+) - computed: /g)) names.add(match[1]!);
  return [...names].sort();
}

/** What lib/openmetadata/ingestion-rbac.ts emits for ingestion as Kubernetes Jobs (issue 20, being merged). */
const INGESTION_RBAC_TYPES = ["kubernetes_role_binding_v1", "kubernetes_role_v1", "kubernetes_service_account_v1"];

describe("coverage", () => {
  test("every kubernetes type the fixture stacks emit (Okta and Auth0) is served; the in-cluster Airflow's ConfigMap is served too", () => {
    const emitted = new Set<string>();
    for (const environment of [...fixtureEnvironments(), ...loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE)]) {
      const { json } = synthEnvironment(environment);
      for (const type of Object.keys(json.resource)) if (type.startsWith("kubernetes_")) emitted.add(type);
      for (const type of Object.keys(json.data ?? {})) if (type.startsWith("kubernetes_")) emitted.add(`data.${type}`);
    }
    expect([...emitted]).toEqual(expect.arrayContaining(["kubernetes_namespace_v1", "kubernetes_secret_v1", ...INGESTION_RBAC_TYPES]));
    const served = Object.keys(schemas.resources).sort();
    for (const type of emitted) expect(served, type).toContain(type);
    // Environments that keep the dependencies chart's Airflow still emit its init-scripts ConfigMap (issue 20).
    expect(served).toContain("kubernetes_config_map_v1");
    expect(schemas.dataSources).toEqual({});
  });

  test("each type records the tag and the file:lines its schema was read from; none declares a schema version", () => {
    for (const type of [schemas.provider, ...Object.values(schemas.resources)]) {
      expect(type.source).toMatch(/^hashicorp\/terraform-provider-kubernetes@v2\.38\.0 kubernetes\/[a-z0-9_]+\.go:\d+-\d+$/);
      expect(type.version).toBe(0);
    }
    expect(schemas).toMatchObject({ address: "registry.terraform.io/hashicorp/kubernetes", version: "2.38.0", legacyTypeSystem: true });
  });
});

describe("SDKv2 shapes (terraform-plugin-sdk v2.37.0)", () => {
  const resource = (type: string) => schemas.resources[type]!.block;

  // schema_metadata.go:69-77, 110-118
  test("metadata is one required block with the computed generation, resource_version and uid", () => {
    for (const type of Object.keys(schemas.resources)) {
      const metadata = resource(type).blocks!["metadata"]!;
      expect(metadata).toMatchObject({ nesting: "list", minItems: 1, maxItems: 1 });
      expect(metadata.block.attributes["generation"]).toEqual({ type: "number", computed: true });
      expect(metadata.block.attributes["resource_version"]).toEqual({ type: "string", computed: true });
      expect(metadata.block.attributes["uid"]).toEqual({ type: "string", computed: true });
      expect(metadata.block.attributes["name"]).toEqual({ type: "string", optional: true, computed: true, forceNew: true });
      expect(metadata.block.attributes["generate_name"]).toEqual({ type: "string", optional: true, forceNew: true });
    }
    // schema_metadata.go:91-97: only namespaced kinds have `namespace`, defaulting to "default" and forcing replacement.
    expect(resource("kubernetes_namespace_v1").blocks!["metadata"]!.block.attributes["namespace"]).toBeUndefined();
    expect(resource("kubernetes_secret_v1").blocks!["metadata"]!.block.attributes["namespace"]).toEqual({
      type: "string",
      optional: true,
      forceNew: true,
      default: "default",
    });
  });

  // :42-44; :132-134; :36-38
  test("the SDK's optional+computed id everywhere; timeouts only where declared: namespace delete, secret create, service account create", () => {
    for (const type of Object.keys(schemas.resources)) {
      expect(resource(type).attributes["id"]).toEqual({ type: "string", optional: true, computed: true });
    }
    expect(resource("kubernetes_namespace_v1").blocks!["timeouts"]!.block.attributes).toEqual({
      delete: { type: "string", optional: true },
    });
    expect(resource("kubernetes_secret_v1").blocks!["timeouts"]!.block.attributes).toEqual({ create: { type: "string", optional: true } });
    expect(resource("kubernetes_service_account_v1").blocks!["timeouts"]!.block.attributes).toEqual({
      create: { type: "string", optional: true },
    });
    for (const type of ["kubernetes_config_map_v1", "kubernetes_network_policy_v1", "kubernetes_role_v1", "kubernetes_role_binding_v1"]) {
      expect(resource(type).blocks!["timeouts"], type).toBeUndefined();
    }
  });

  // :69-74; :75-79; :41-68
  test("service account: automount_service_account_token defaults to true, default_secret_name computed and deprecated, both reference lists sets of { name }", () => {
    const account = resource("kubernetes_service_account_v1");
    expect(account.attributes["automount_service_account_token"]).toEqual({ type: "bool", optional: true, default: true });
    expect(account.attributes["default_secret_name"]).toEqual({ type: "string", computed: true, deprecated: true });
    for (const name of ["image_pull_secret", "secret"]) {
      expect(account.blocks![name]).toEqual({ nesting: "set", block: { attributes: { name: { type: "string", optional: true } } } });
    }
  });

  // :32-36, so MinItems 1; :38-65
  test("role: rule a required list, api_groups, resources and verbs required string sets, resource_names optional", () => {
    const rule = resource("kubernetes_role_v1").blocks!["rule"]!;
    expect(rule).toMatchObject({ nesting: "list", minItems: 1 });
    expect(rule.maxItems).toBeUndefined();
    expect(rule.block.attributes).toEqual({
      api_groups: { type: ["set", "string"], required: true },
      resources: { type: ["set", "string"], required: true },
      resource_names: { type: ["set", "string"], optional: true },
      verbs: { type: ["set", "string"], required: true },
    });
  });

  // :31-40, schema_rbac.go:44-67; :41-49
  test("role binding: role_ref one required block forcing replacement, each field too; subject at least one", () => {
    const binding = resource("kubernetes_role_binding_v1");
    expect(binding.blocks!["role_ref"]).toMatchObject({ nesting: "list", minItems: 1, maxItems: 1, forceNew: true });
    for (const name of ["api_group", "kind", "name"]) {
      expect(binding.blocks!["role_ref"]!.block.attributes[name]).toEqual({ type: "string", required: true, forceNew: true });
    }
    expect(binding.blocks!["subject"]).toMatchObject({ nesting: "list", minItems: 1 });
    // schema_rbac.go:69-94: api_group Optional+Computed (the API defaults it), namespace Default "default".
    expect(binding.blocks!["subject"]!.block.attributes).toEqual({
      api_group: { type: "string", optional: true, computed: true },
      kind: { type: "string", required: true },
      name: { type: "string", required: true },
      namespace: { type: "string", optional: true, default: "default" },
    });
  });

  test("secret: data optional+computed+sensitive, binary_data sensitive, write-only data_wo/binary_data_wo, type Opaque forcing replacement", () => {
    const secret = resource("kubernetes_secret_v1").attributes;
    expect(secret["data"]).toEqual({ type: ["map", "string"], optional: true, computed: true, sensitive: true });
    expect(secret["binary_data"]).toEqual({ type: ["map", "string"], optional: true, sensitive: true });
    expect(secret["data_wo"]).toMatchObject({ writeOnly: true });
    expect(secret["binary_data_wo"]).toMatchObject({ writeOnly: true });
    expect(secret["type"]).toEqual({ type: "string", optional: true, forceNew: true, default: "Opaque" });
    expect(secret["wait_for_service_account_token"]).toMatchObject({ default: true });
    expect(resource("kubernetes_namespace_v1").attributes["wait_for_default_service_account"]).toMatchObject({ default: false });
  });

  // :85, :167
  test("network policy: ports' protocol defaults to TCP, selectors' values are a set, spec and pod_selector required single blocks", () => {
    const spec = resource("kubernetes_network_policy_v1").blocks!["spec"]!;
    expect(spec).toMatchObject({ nesting: "list", minItems: 1, maxItems: 1 });
    expect(spec.block.attributes["policy_types"]).toEqual({ type: ["list", "string"], required: true });
    expect(spec.block.blocks!["pod_selector"]).toMatchObject({ nesting: "list", minItems: 1, maxItems: 1 });
    const ingress = spec.block.blocks!["ingress"]!.block;
    expect(ingress.blocks!["ports"]!.block.attributes["protocol"]).toEqual({ type: "string", optional: true, default: "TCP" });
    const peer = ingress.blocks!["from"]!.block.blocks!;
    expect(peer["pod_selector"]!.block.blocks!["match_expressions"]!.block.attributes["values"]).toEqual({
      type: ["set", "string"],
      optional: true,
    });
    expect(peer["ip_block"]).toMatchObject({ nesting: "list", maxItems: 1 });
  });
});

describe("the bindings (@cdktf/provider-kubernetes 12.1.1, kubernetes 2.38.0)", () => {
  test("each resource knows the binding's names, nested ones included: no difference", () => {
    const modules: Record<string, string> = {
      kubernetes_namespace_v1: "namespace-v1",
      kubernetes_secret_v1: "secret-v1",
      kubernetes_config_map_v1: "config-map-v1",
      kubernetes_network_policy_v1: "network-policy-v1",
      kubernetes_service_account_v1: "service-account-v1",
      kubernetes_role_v1: "role-v1",
      kubernetes_role_binding_v1: "role-binding-v1",
    };
    for (const [type, module] of Object.entries(modules)) {
      expect(servedNames(schemas.resources[type]!.block), type).toEqual(bindingNames(module));
    }
  });

  test("the provider block: the binding's names less `alias`, a cdktf meta-argument that is no schema attribute", () => {
    expect(bindingNames("provider").filter((name) => name !== "alias")).toEqual(servedNames(schemas.provider.block));
    expect(bindingNames("provider")).toContain("alias");
  });
});
