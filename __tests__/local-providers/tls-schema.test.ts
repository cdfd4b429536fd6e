import { describe, expect, test } from "vitest";
import { loadEnvironmentsFile } from "../../lib/config/load-environments";
import { schemas } from "../../local-providers/providers/tls/schema";
import type { BlockSchema } from "../../local-providers/schema/types";
import { bindingNames, servedNames } from "../support/binding-names";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE, fixtureEnvironments, synthEnvironment } from "../support/synth";

// The local tls provider's schema (hashicorp/tls v4.1.0) against what the stacks emit and against the
// prebuilt @cdktf/provider-tls bindings, which are generated from the same version (4.1.0).

describe("coverage", () => {
  test("every tls type the fixture stacks emit (Okta and Auth0) is served: tls_private_key and the data source tls_public_key", () => {
    const resources = new Set<string>();
    const dataSources = new Set<string>();
    for (const environment of [...fixtureEnvironments(), ...loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE)]) {
      const { json } = synthEnvironment(environment);
      for (const type of Object.keys(json.resource)) if (type.startsWith("tls_")) resources.add(type);
      for (const type of Object.keys(json.data ?? {})) if (type.startsWith("tls_")) dataSources.add(type);
    }
    expect([...resources]).toEqual(["tls_private_key"]);
    expect([...dataSources]).toEqual(["tls_public_key"]);
    expect(Object.keys(schemas.resources)).toEqual([...resources]);
    expect(Object.keys(schemas.dataSources)).toEqual([...dataSources]);
  });

  test("each type records the tag and the file:line its schema was read from, and its schema version", () => {
    for (const type of [schemas.provider, ...Object.values(schemas.resources), ...Object.values(schemas.dataSources)]) {
      expect(type.source).toMatch(/^hashicorp\/terraform-provider-tls@v4\.1\.0 internal\/provider\/[a-z_]+\.go:\d+$/);
    }
    expect(schemas).toMatchObject({ address: "registry.terraform.io/hashicorp/tls", version: "4.1.0", legacyTypeSystem: false });
    // resource_private_key.go:47 Version 1.
    expect(schemas.resources["tls_private_key"]!.version).toBe(1);
  });
});

/* ------------------------------------------------------------------ the bindings */

const BINDINGS = "@cdktf/provider-tls";

describe("the bindings (@cdktf/provider-tls 11.0.1, tls 4.1.0)", () => {
  test("tls_private_key and tls_public_key have the binding's attributes, required, optional and computed alike: no difference", () => {
    expect(servedNames(schemas.resources["tls_private_key"]!.block)).toEqual(bindingNames(BINDINGS, "private-key"));
    expect(servedNames(schemas.dataSources["tls_public_key"]!.block)).toEqual(bindingNames(BINDINGS, "data-tls-public-key"));
  });

  test(
    "the provider block: the binding's `proxy` block has the same attributes; its other input, `alias`, is a cdktf " +
      "meta-argument and no schema attribute",
    () => {
      const block = schemas.provider.block;
      expect(Object.keys(block.attributes)).toEqual([]);
      expect(bindingNames(BINDINGS, "provider")).toEqual({ required: [], optional: ["alias", "proxy"], computedOnly: [] });
      expect(servedNames(block.blocks!["proxy"]!.block)).toEqual(bindingNames(BINDINGS, "provider", "TlsProviderProxy"));
      // A ListNestedBlock: no MinItems/MaxItems on the wire, SizeBetween(0, 1) is a validator (provider.go:58).
      expect(block.blocks!["proxy"]).toMatchObject({ nesting: "list" });
      expect(block.blocks!["proxy"]!.maxItems).toBeUndefined();
    },
  );
});

/* ------------------------------------------------------------------ plan-relevant flags */

const flagged = (block: BlockSchema, flag: "forceNew" | "sensitive") =>
  Object.entries(block.attributes)
    .filter(([, attribute]) => attribute[flag] === true)
    .map(([name]) => name)
    .sort();

describe("plan-relevant flags", () => {
  const privateKey = schemas.resources["tls_private_key"]!.block;
  const publicKey = schemas.dataSources["tls_public_key"]!.block;

  // resource_private_key.go:53,68,77
  test("RequiresReplace on all three inputs of tls_private_key", () => {
    expect(flagged(privateKey, "forceNew")).toEqual(["algorithm", "ecdsa_curve", "rsa_bits"]);
  });

  test("sensitive: the three private key encodings, both private key inputs of tls_public_key, and the proxy password", () => {
    expect(flagged(privateKey, "sensitive")).toEqual(["private_key_openssh", "private_key_pem", "private_key_pem_pkcs8"]);
    expect(flagged(publicKey, "sensitive")).toEqual(["private_key_openssh", "private_key_pem"]);
    expect(flagged(schemas.provider.block.blocks!["proxy"]!.block, "sensitive")).toEqual(["password"]);
  });

  test("defaults as the framework schema declares them: rsa_bits 2048 and ecdsa_curve P224, whatever the algorithm", () => {
    expect(privateKey.attributes["rsa_bits"]).toEqual({ type: "number", optional: true, computed: true, forceNew: true, default: 2048 });
    expect(privateKey.attributes["ecdsa_curve"]).toEqual({
      type: "string",
      optional: true,
      computed: true,
      forceNew: true,
      default: "P224",
    });
  });
});
