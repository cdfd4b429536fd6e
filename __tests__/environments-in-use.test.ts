import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import type { Environment } from "../lib/config/environment";
import { displayPath, environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { internalServerUrl } from "../lib/openmetadata/resource-names";
import { callbackUrl, redirectUris } from "../lib/openmetadata-urls";
import { synthEnvironment, type TerraformJson } from "./support/synth";

/**
 * The promises the project makes about ANY environments file, checked on the one in use: the
 * shipped examples, your `stacks/environments.yaml`, or the file `OPENMETADATA_ENVIRONMENTS_FILE`
 * names. The project's own behaviour is tested on fixtures under __tests__/fixtures/; this suite is
 * what tells you your environments are sound (help/making-it-yours.md).
 */
const file = environmentsFilePath();
const environments = loadEnvironmentsFile(file);
const synthOf = (environment: Environment) => synthEnvironment(environment).json;

/** Resource types whose loss is an outage or a credential change. */
const CRITICAL_TYPES = ["okta_app_oauth", "okta_auth_server", "auth0_client", "helm_release", "kubernetes_namespace_v1"];

function resourcesOfType(json: TerraformJson, type: string): [string, Record<string, any>][] {
  return Object.entries(json.resource[type] ?? {});
}

function chartValues(json: TerraformJson): Record<string, any> | undefined {
  const release = resourcesOfType(json, "helm_release").find(([, candidate]) => candidate["chart"] === "openmetadata");
  return release ? (parse(release[1]["values"][0]) as Record<string, any>) : undefined;
}

describe(`the environments in use (${displayPath(file)})`, () => {
  test("the file has at least one environment, each with a unique name and stack", () => {
    expect(environments.length).toBeGreaterThan(0);
    expect(new Set(environments.map((environment) => environment.stackId)).size).toBe(environments.length);
  });

  describe.each(environments.map((environment) => [environment.name, environment] as const))("environment %s", (_name, environment) => {
    test("synthesizes with every validation, the same bytes each time", () => {
      const first = synthEnvironment(environment).text;
      // A second App from the same input: the cache is per Environment object, so load the file again.
      const again = loadEnvironmentsFile(file).find((candidate) => candidate.name === environment.name)!;
      expect(synthEnvironment(again).text).toBe(first);
    });

    test("registers exactly {url}/callback and {url}/silent-callback with the identity provider", () => {
      const json = synthOf(environment);
      const apps = [
        ...resourcesOfType(json, "okta_app_oauth")
          .filter(([, app]) => app["type"] !== "service")
          .map(([, app]) => app["redirect_uris"]),
        ...resourcesOfType(json, "auth0_client").map(([, client]) => client["callbacks"]),
      ];
      expect(apps).toEqual([redirectUris(environment.openmetadataUrl)]);
    });

    test("tells OpenMetadata its own keys first, then the issuer's, and the callback it registered", () => {
      const values = chartValues(synthOf(environment));
      if (!environment.openmetadata) {
        expect(values).toBeUndefined();
        return;
      }
      const authentication = values?.["openmetadata"]["config"]["authentication"];
      expect(authentication.publicKeys).toHaveLength(2);
      expect(authentication.publicKeys[0]).toBe(`${internalServerUrl(environment.openmetadata)}/api/v1/system/config/jwks`);
      expect(authentication.publicKeys[1]).toMatch(/\/v1\/keys\}?$|\/\.well-known\/jwks\.json$/);
      expect(authentication.callbackUrl).toBe(callbackUrl(environment.openmetadataUrl));
    });

    test("names real administrators: never the chart's default admin, never the chart's default principal domain", () => {
      const authorizer = chartValues(synthOf(environment))?.["openmetadata"]["config"]["authorizer"];
      if (!authorizer) return;
      expect(authorizer.initialAdmins.length).toBeGreaterThan(0);
      expect(authorizer.initialAdmins.map((admin: string) => admin.toLowerCase())).not.toContain("admin");
      expect(authorizer.principalDomain).not.toBe("open-metadata.org");
    });

    test("refuses cdktf destroy of what users depend on when it is protected", () => {
      const json = synthOf(environment);
      const critical = CRITICAL_TYPES.flatMap((type) =>
        resourcesOfType(json, type).map(([name, resource]) => ({
          address: `${type}.${name}`,
          preventDestroy: resource["lifecycle"]?.["prevent_destroy"] === true,
        })),
      );
      expect(critical.length).toBeGreaterThan(0);
      for (const { address, preventDestroy } of critical) expect(preventDestroy, address).toBe(environment.protected);
    });

    test("has readable addresses, never cdktf's hashed ids, so cdktf diff names what changes", () => {
      const json = synthOf(environment);
      const names = [json.resource, json.data ?? {}].flatMap((blocks) => Object.values(blocks).flatMap((byName) => Object.keys(byName)));
      expect(names.filter((name) => !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name) || /_[A-F0-9]{8}$/.test(name))).toEqual([]);
    });

    test("writes no secret: no key material, credentials only as sensitive variables", () => {
      const { text, json } = synthEnvironment(environment);
      expect(text).not.toMatch(/PRIVATE KEY|"(d|p|q|dp|dq|qi)":|"(api_token|client_secret|password)": "[^$]/);
      for (const [name, variable] of Object.entries(json.variable ?? {})) expect(variable["sensitive"], name).toBe(true);
      for (const provider of Object.values(json.provider).flat())
        expect(Object.keys(provider)).not.toEqual(expect.arrayContaining(["api_token", "private_key", "client_secret"]));
    });

    test("describes every output", () => {
      for (const [name, output] of Object.entries(synthOf(environment).output)) expect(output.description, name).toMatch(/\w{3,}/);
    });
  });

  test("no two environments share a state, a public URL, or a namespace on one cluster", () => {
    const backendKey = (environment: Environment) => JSON.stringify(environment.backend);
    expect(new Set(environments.map(backendKey)).size).toBe(environments.length);
    expect(new Set(environments.map((environment) => environment.openmetadataUrl)).size).toBe(environments.length);
    const placements = environments.flatMap((environment) =>
      environment.openmetadata ? [JSON.stringify([environment.openmetadata.cluster, environment.openmetadata.namespace])] : [],
    );
    expect(new Set(placements).size).toBe(placements.length);
  });
});
