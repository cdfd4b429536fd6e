import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadEnvironmentsFile } from "../../lib/config/load-environments";
import { schemas } from "../../local-providers/providers/helm/schema";
import type { AttributeSchema, BlockSchema } from "../../local-providers/schema/types";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE, fixtureEnvironments, synthEnvironment } from "../support/synth";

// The local helm provider's schema (hashicorp/helm 3.1.1, plugin framework) against what the stacks emit and
// against the prebuilt @cdktf/provider-helm 12.1.2 bindings, generated from the same version (3.1.1).

/** Every attribute name of a block, nested attributes' own names included. */
function servedNames(block: BlockSchema): string[] {
  const names = new Set<string>();
  const visit = (attributes: Record<string, AttributeSchema>) => {
    for (const [name, attribute] of Object.entries(attributes)) {
      names.add(name);
      if (attribute.nestedType) visit(attribute.nestedType.attributes);
    }
  };
  visit(block.attributes);
  return [...names].sort();
}

/** The names a binding module writes (*ToTerraform, synthesizeAttributes) and reads (get*Attribute, computed comments). */
function bindingNames(module: string): string[] {
  const text = readFileSync(require.resolve(`@cdktf/provider-helm/lib/${module}/index.js`), "utf8");
  const names = new Set<string>();
  for (const match of text.matchAll(/^\s+([a-z0-9_]+): (?![^\n]*Hcl)[^\n]*(?:ToTerraform|Mapper)\(/gm)) names.add(match[1]!);
  for (const match of text.matchAll(/get\w*Attribute\('([a-z0-9_]+)'\)/g)) names.add(match[1]!);
  for (const match of text.matchAll(/\/\/ ([a-z0-9_]+) - computed: /g)) names.add(match[1]!);
  return [...names].sort();
}

describe("coverage", () => {
  test("helm_release is the one helm type the fixture stacks emit (Okta and Auth0), and the only one served", () => {
    const emitted = new Set<string>();
    for (const environment of [...fixtureEnvironments(), ...loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE)]) {
      const { json } = synthEnvironment(environment);
      for (const type of Object.keys(json.resource)) if (type.startsWith("helm_")) emitted.add(type);
      for (const type of Object.keys(json.data ?? {})) if (type.startsWith("helm_")) emitted.add(`data.${type}`);
    }
    expect([...emitted]).toEqual(["helm_release"]);
    expect(Object.keys(schemas.resources)).toEqual(["helm_release"]);
    expect(schemas.dataSources).toEqual({});
  });

  // :667
  test("sources, versions and the framework's type system: helm_release declares schema version 2", () => {
    expect(schemas.provider.source).toBe("hashicorp/terraform-provider-helm@v3.1.1 helm/provider.go:123-185");
    expect(schemas.resources["helm_release"]!.source).toBe(
      "hashicorp/terraform-provider-helm@v3.1.1 helm/resource_helm_release.go:271-669",
    );
    expect(schemas.resources["helm_release"]!.version).toBe(2);
    expect(schemas).toMatchObject({ address: "registry.terraform.io/hashicorp/helm", version: "3.1.1", legacyTypeSystem: false });
  });
});

describe("plugin-framework shapes", () => {
  const release = schemas.resources["helm_release"]!.block.attributes;

  // provider.go:162-166
  test("`kubernetes` in the provider block is a single nested attribute, its exec one too; registries a list", () => {
    const kubernetes = schemas.provider.block.attributes["kubernetes"]!;
    expect(kubernetes.optional).toBe(true);
    expect(kubernetes.nestedType?.nesting).toBe("single");
    expect(kubernetes.nestedType?.attributes["exec"]?.nestedType?.nesting).toBe("single");
    expect(schemas.provider.block.attributes["registries"]!.nestedType?.nesting).toBe("list");
    expect(schemas.provider.block.blocks).toBeUndefined();
  });

  test('set and set_sensitive are list-nested attributes: set.type Optional+Computed with Default "", set_sensitive.value sensitive', () => {
    expect(release["set"]!.nestedType).toEqual({
      nesting: "list",
      attributes: {
        name: { type: "string", required: true },
        value: { type: "string", optional: true },
        type: { type: "string", optional: true, computed: true, default: "" },
      },
    });
    expect(release["set_sensitive"]!.nestedType!.attributes["value"]).toEqual({ type: "string", required: true, sensitive: true });
    expect(release["set_sensitive"]!.nestedType!.attributes["type"]).toEqual({ type: "string", optional: true });
    expect(release["set_wo"]).toMatchObject({ writeOnly: true, nestedType: { nesting: "list" } });
  });

  // :368-413; :342-344
  test("metadata is a computed single nested attribute; no SDK id block: `id` is computed only", () => {
    expect(release["metadata"]).toMatchObject({ computed: true, nestedType: { nesting: "single" } });
    expect(Object.keys(release["metadata"]!.nestedType!.attributes).sort()).toEqual(
      ["app_version", "chart", "first_deployed", "last_deployed", "name", "namespace", "notes", "revision", "values", "version"].sort(),
    );
    expect(release["id"]).toEqual({ type: "string", computed: true });
    expect(schemas.resources["helm_release"]!.block.blocks).toBeUndefined();
  });

  // :122-146
  test("the static defaults of defaultAttributes; name and namespace RequiresReplace; namespace's default is computed at plan", () => {
    const defaults = Object.fromEntries(
      Object.entries(release)
        .filter(([, attribute]) => attribute.default !== undefined)
        .map(([name, attribute]) => [name, attribute.default]),
    );
    expect(defaults).toEqual({
      atomic: false,
      cleanup_on_fail: false,
      create_namespace: false,
      dependency_update: false,
      disable_crd_hooks: false,
      disable_openapi_validation: false,
      disable_webhooks: false,
      force_update: false,
      lint: false,
      max_history: 0,
      pass_credentials: false,
      recreate_pods: false,
      render_subchart_notes: true,
      replace: false,
      reset_values: false,
      reuse_values: false,
      skip_crds: false,
      take_ownership: false,
      timeout: 300,
      verify: false,
      wait: true,
      wait_for_jobs: false,
      upgrade_install: false,
    });
    expect(release["name"]).toEqual({ type: "string", required: true, forceNew: true });
    expect(release["namespace"]).toEqual({ type: "string", optional: true, computed: true, forceNew: true });
    expect(release["timeouts"]!.nestedType!.attributes).toEqual({
      create: { type: "string", optional: true },
      read: { type: "string", optional: true },
      update: { type: "string", optional: true },
      delete: { type: "string", optional: true },
    });
  });
});

describe("the bindings (@cdktf/provider-helm 12.1.2, helm 3.1.1)", () => {
  test(
    "helm_release knows the binding's names, nested attributes' included: no difference (the binding is 3.x-shaped, " +
      "set/set_sensitive as lists of objects, metadata as an object, timeouts as one object)",
    () => {
      expect(servedNames(schemas.resources["helm_release"]!.block)).toEqual(bindingNames("release"));
    },
  );

  test("the provider block: the binding's names less `alias`, a cdktf meta-argument that is no schema attribute", () => {
    expect(bindingNames("provider").filter((name) => name !== "alias")).toEqual(servedNames(schemas.provider.block));
    expect(bindingNames("provider")).toContain("alias");
  });

  test(
    "the one difference in shape: the binding's HCL rendering marks the nested attributes set, set_list, set_sensitive, postrender " +
      "and timeouts `isBlock: true`; the served schema has them as nested attributes, as the provider declares them. The stacks " +
      "synthesize JSON, where a nested attribute and a block are written alike, so it only matters to `cdktf synth --hcl`",
    () => {
      const text = readFileSync(require.resolve("@cdktf/provider-helm/lib/release/index.js"), "utf8");
      const hcl = text.slice(text.indexOf("synthesizeHclAttributes() {"));
      const blockLike = [...hcl.matchAll(/^ {12}([a-z_]+): \{\n {16}value: [^\n]*\n {16}isBlock: true,/gm)]
        .map((match) => match[1]!)
        .sort();
      expect(blockLike).toEqual(["postrender", "set", "set_list", "set_sensitive", "set_wo", "timeouts"]);
      for (const name of blockLike) expect(schemas.resources["helm_release"]!.block.attributes[name]!.nestedType, name).toBeDefined();
    },
  );
});
