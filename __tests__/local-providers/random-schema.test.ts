import { describe, expect, test } from "vitest";
import { loadEnvironmentsFile } from "../../lib/config/load-environments";
import { schemas } from "../../local-providers/providers/random/schema";
import { bindingNames, servedNames } from "../support/binding-names";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE, fixtureEnvironments, synthEnvironment } from "../support/synth";

// The local random provider's schema (hashicorp/random v3.7.2) against what the stacks emit and against
// the prebuilt @cdktf/provider-random bindings, which are generated from the same version (3.7.2).

describe("coverage", () => {
  test("every random type the fixture stacks emit (Okta and Auth0) is served", () => {
    const emitted = new Set<string>();
    for (const environment of [...fixtureEnvironments(), ...loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE)]) {
      const { json } = synthEnvironment(environment);
      for (const type of Object.keys(json.resource)) if (type.startsWith("random_")) emitted.add(type);
      for (const type of Object.keys(json.data ?? {})) if (type.startsWith("random_")) emitted.add(`data.${type}`);
    }
    expect([...emitted].sort()).toEqual(["random_bytes", "random_id", "random_password"]);
    for (const type of emitted) expect(schemas.resources[type], type).toBeDefined();
    // random_string rides along: the same schema family as random_password.
    expect(Object.keys(schemas.resources).sort()).toEqual(["random_bytes", "random_id", "random_password", "random_string"]);
  });

  test("each type records the tag and the file:line its schema was read from, and its schema version", () => {
    for (const type of [schemas.provider, ...Object.values(schemas.resources)]) {
      expect(type.source).toMatch(/^hashicorp\/terraform-provider-random@v3\.7\.2 internal\/provider\/[a-z_]+\.go:\d+$/);
    }
    expect(schemas).toMatchObject({ address: "registry.terraform.io/hashicorp/random", version: "3.7.2", legacyTypeSystem: false });
    // resource_password.go:560 Version 3; resource_string.go:358 Version 2; bytes and id declare none.
    expect(Object.fromEntries(Object.entries(schemas.resources).map(([name, type]) => [name, type.version]))).toEqual({
      random_bytes: 0,
      random_id: 0,
      random_password: 3,
      random_string: 2,
    });
  });
});

/* ------------------------------------------------------------------ the bindings */

const BINDINGS = "@cdktf/provider-random";

describe("the bindings (@cdktf/provider-random 12.0.1, random 3.7.2)", () => {
  test("each resource has the binding's attributes, required, optional and computed alike: no difference", () => {
    const modules: Record<string, string> = {
      random_bytes: "bytes",
      random_id: "id",
      random_password: "password",
      random_string: "string-resource",
    };
    for (const [type, module] of Object.entries(modules)) {
      expect(servedNames(schemas.resources[type]!.block), type).toEqual(bindingNames(BINDINGS, module));
    }
  });

  test("the provider block: empty, where the binding's only input is `alias`, a cdktf meta-argument that is no schema attribute", () => {
    expect(schemas.provider.block).toEqual({ attributes: {} });
    expect(bindingNames(BINDINGS, "provider")).toEqual({ required: [], optional: ["alias"], computedOnly: [] });
  });
});

/* ------------------------------------------------------------------ plan-relevant flags */

const flagged = (type: string, flag: "forceNew" | "sensitive" | "deprecated") =>
  Object.entries(schemas.resources[type]!.block.attributes)
    .filter(([, attribute]) => attribute[flag] === true)
    .map(([name]) => name)
    .sort();

describe("plan-relevant flags", () => {
  test(
    "RequiresReplace on every attribute that has it; keepers of id/password/string and override_special replace " +
      "only under their own modifiers' conditions, so they carry no forceNew",
    () => {
      const family = ["length", "lower", "min_lower", "min_numeric", "min_special", "min_upper", "number", "numeric", "special", "upper"];
      expect(flagged("random_password", "forceNew")).toEqual(family);
      expect(flagged("random_string", "forceNew")).toEqual(family);
      // random_bytes' keepers use the plain mapplanmodifier.RequiresReplace (resource_bytes.go:148).
      expect(flagged("random_bytes", "forceNew")).toEqual(["keepers", "length"]);
      expect(flagged("random_id", "forceNew")).toEqual(["byte_length", "prefix"]);
    },
  );

  test("sensitive: random_password's result and bcrypt_hash, random_bytes' base64 and hex; random_string's result is not", () => {
    expect(flagged("random_password", "sensitive")).toEqual(["bcrypt_hash", "result"]);
    expect(flagged("random_bytes", "sensitive")).toEqual(["base64", "hex"]);
    expect(flagged("random_string", "sensitive")).toEqual([]);
    expect(flagged("random_id", "sensitive")).toEqual([]);
  });

  test("defaults as the framework schema declares them: the classes true, the minimums 0, number and numeric none (a plan modifier pairs them)", () => {
    const attributes = schemas.resources["random_password"]!.block.attributes;
    const defaults = Object.fromEntries(
      Object.entries(attributes)
        .filter(([, attribute]) => attribute.default !== undefined)
        .map(([name, attribute]) => [name, attribute.default]),
    );
    expect(defaults).toEqual({ special: true, upper: true, lower: true, min_numeric: 0, min_upper: 0, min_lower: 0, min_special: 0 });
    expect(attributes["number"]).toEqual({ type: "bool", optional: true, computed: true, forceNew: true, deprecated: true });
    expect(attributes["numeric"]).toEqual({ type: "bool", optional: true, computed: true, forceNew: true });
    expect(flagged("random_password", "deprecated")).toEqual(["number"]);
  });
});
