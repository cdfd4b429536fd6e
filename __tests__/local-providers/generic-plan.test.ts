import { describe, expect, test } from "vitest";
import { decodeDynamic, encodeDynamic } from "../../local-providers/protocol/cty";
import { computedOnlyPathsSet, planResource } from "../../local-providers/protocol/plan";
import { ProviderService } from "../../local-providers/protocol/provider-service";
import { UNKNOWN, isUnknown } from "../../local-providers/provider/values";
import type { BlockSchema } from "../../local-providers/schema/types";

// The generic half of the plan every provider makes (terraform-plugin-sdk/v2 helper/schema and
// plugin-framework behave alike here), and the wire format (terraform v1.11.4 docs/plugin-protocol/object-wire-format.md).

const APP: BlockSchema = {
  attributes: {
    id: { type: "string", optional: true, computed: true },
    label: { type: "string", required: true },
    name: { type: "string", required: true, forceNew: true },
    status: { type: "string", optional: true, default: "ACTIVE" },
    client_secret: { type: "string", computed: true, sensitive: true },
    redirect_uris: { type: ["list", "string"], optional: true },
    password: { type: "string", optional: true, writeOnly: true },
  },
  blocks: {
    jwks: { nesting: "list", block: { attributes: { kid: { type: "string", required: true }, e: { type: "string", computed: true } } } },
  },
};

describe("the generic plan", () => {
  test("on create, computed attributes are unknown, defaults fill what the configuration leaves out, and write-only values are never planned", () => {
    const { planned, requiresReplace } = planResource(APP, { label: "OpenMetadata", name: "oidc_client", password: "p" }, null);
    expect(isUnknown(planned["id"])).toBe(true);
    expect(isUnknown(planned["client_secret"])).toBe(true);
    expect(planned["status"]).toBe("ACTIVE");
    expect(planned["password"]).toBeNull();
    expect(planned["redirect_uris"]).toBeNull();
    expect(planned["jwks"]).toEqual([]);
    expect(requiresReplace).toEqual([]);
  });

  test("on update, computed values are kept from the prior state and an optional attribute the configuration drops becomes null", () => {
    const prior = {
      id: "0oa1",
      label: "Old",
      name: "oidc_client",
      status: "ACTIVE",
      client_secret: "s",
      redirect_uris: ["https://a/callback"],
      jwks: [],
    };
    const { planned, requiresReplace } = planResource(APP, { label: "New", name: "oidc_client" }, prior);
    expect(planned).toMatchObject({ id: "0oa1", label: "New", client_secret: "s", redirect_uris: null });
    expect(requiresReplace).toEqual([]);
  });

  test("a changed forceNew attribute is a replacement: its path is named and computed values become unknown again", () => {
    const prior = { id: "0oa1", label: "L", name: "oidc_client", status: "ACTIVE", client_secret: "s", jwks: [{ kid: "k1", e: "AQAB" }] };
    const { planned, requiresReplace } = planResource(APP, { label: "L", name: "service", jwks: [{ kid: "k1" }] }, prior);
    expect(requiresReplace).toEqual([["name"]]);
    expect(isUnknown(planned["id"])).toBe(true);
    expect(isUnknown((planned["jwks"] as { e: unknown }[])[0]!.e)).toBe(true);
  });

  test("computed values of a nested block are kept for the element at the same place in a list", () => {
    const prior = { id: "0oa1", label: "L", name: "n", status: "ACTIVE", client_secret: "s", jwks: [{ kid: "k1", e: "AQAB" }] };
    const { planned } = planResource(APP, { label: "L", name: "n", jwks: [{ kid: "k1" }] }, prior);
    expect(planned["jwks"]).toEqual([{ kid: "k1", e: "AQAB" }]);
  });

  test("a computed-only attribute set in the configuration is found, with its path inside nested blocks", () => {
    expect(computedOnlyPathsSet(APP, { label: "L", client_secret: "mine", jwks: [{ kid: "k", e: "x" }] })).toEqual([
      ["client_secret"],
      ["jwks", 0, "e"],
    ]);
  });
});

describe("values on the wire", () => {
  test("an unknown value travels as msgpack extension 0 and comes back unknown", () => {
    const bytes = encodeDynamic({ id: UNKNOWN, label: "L", name: "n" }, APP);
    expect(Buffer.from(bytes).includes(Buffer.from([0xd4, 0x00, 0x00]))).toBe(true);
    expect(isUnknown(decodeDynamic(bytes, APP)!["id"])).toBe(true);
  });

  test("every attribute of the schema is sent, null where absent, and an absent list block as an empty list", () => {
    const decoded = decodeDynamic(encodeDynamic({ label: "L" }, APP), APP)!;
    expect(Object.keys(decoded).sort()).toEqual(["client_secret", "id", "jwks", "label", "name", "password", "redirect_uris", "status"]);
    expect(decoded["jwks"]).toEqual([]);
    expect(decoded["id"]).toBeNull();
  });

  test("a refined unknown (extension 12, Terraform 1.6+) is read as unknown", () => {
    // fixext 1 with type 12: an unknown string refined as not null.
    const bytes = Buffer.from([0x81, 0xa5, ...Buffer.from("label"), 0xd4, 0x0c, 0x01]);
    expect(isUnknown(decodeDynamic(bytes, APP)!["label"])).toBe(true);
  });
});

describe("the read-only attribute error", () => {
  const serviceFor = (legacyTypeSystem: boolean) =>
    new ProviderService(
      {
        schemas: {
          address: "registry.terraform.io/test/app",
          version: "1.0.0",
          legacyTypeSystem,
          provider: { source: "test", version: 0, block: { attributes: {} } },
          resources: { test_app: { source: "test", version: 0, block: APP } },
          dataSources: {},
        },
        configure: (config) => ({ config }),
        resources: {},
        dataSources: {},
      },
      {},
    );
  const validate = (legacyTypeSystem: boolean) =>
    serviceFor(legacyTypeSystem).ValidateResourceConfig({
      type_name: "test_app",
      config: { msgpack: Buffer.from(encodeDynamic({ label: "L", name: "n", client_secret: "mine" }, APP)) },
    })["diagnostics"] as { summary: string; detail: string }[];

  // helper/schema/schema.go:1884-1890
  test("an SDKv2 type answers with terraform-plugin-sdk v2.37-v2.40's words", () => {
    expect(validate(true)).toEqual([
      expect.objectContaining({
        summary: "Value for unconfigurable attribute",
        detail: `Can't configure a value for "client_secret": its value will be decided automatically based on the result of applying this configuration.`,
      }),
    ]);
  });

  test("a plugin-framework type answers with the framework's words", () => {
    expect(validate(false)).toEqual([expect.objectContaining({ summary: "Invalid Configuration for Read-Only Attribute" })]);
  });
});

describe("set elements", () => {
  const KEYS: BlockSchema = {
    attributes: {},
    blocks: {
      credentials: {
        nesting: "set",
        block: {
          attributes: {
            pem: { type: "string", required: true },
            algorithm: { type: "string", optional: true, default: "RS256" },
            key_id: { type: "string", computed: true },
          },
        },
      },
    },
  };

  test("an element continues the prior element with the same configured values, whatever its defaults and computed values", () => {
    const prior = {
      credentials: [
        { pem: "B", algorithm: "RS256", key_id: "kid-b" },
        { pem: "A", algorithm: "RS256", key_id: "kid-a" },
      ],
    };
    const { planned } = planResource(KEYS, { credentials: [{ pem: "A" }, { pem: "B" }] }, prior);
    expect(planned["credentials"]).toEqual([
      { pem: "A", algorithm: "RS256", key_id: "kid-a" },
      { pem: "B", algorithm: "RS256", key_id: "kid-b" },
    ]);
  });
});
