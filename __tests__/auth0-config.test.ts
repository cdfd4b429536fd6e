import { errorsFor as errorLinesFor, parseEnvironmentObjects, type EnvironmentJson } from "./support/environment-errors";
import { describe, expect, test } from "vitest";

// The auth0: section of an environment: exactly one identity provider, the domain as a bare host,
// and the same "environment, field, got, expected" errors as every other field.

type Json = EnvironmentJson;

function auth0Environment(): Json {
  return {
    name: "qa",
    openmetadataUrl: "https://openmetadata.qa.example.com",
    auth0: { domain: "example-qa.eu.auth0.com" },
    openmetadata: { cluster: { kubeconfigPath: "~/.kube/config" }, initialAdmins: ["jane.doe"], principalDomain: "example.com" },
  };
}

const parse = parseEnvironmentObjects;

/** The error lines for one environment changed by `change`. */
function errorsFor(change: (environment: Json) => void): string[] {
  return errorLinesFor(auth0Environment(), change);
}

describe("the auth0 section", () => {
  test("resolves with its defaults: flow spa, appName from the environment, no connections, and no okta settings", () => {
    const [environment] = parse([auth0Environment()]);
    expect(environment!.auth0).toEqual({ domain: "example-qa.eu.auth0.com", flow: "spa", appName: "OpenMetadata (qa)", connections: [] });
    expect(environment!.okta).toBeUndefined();
  });

  test("takes the Web flow, an application name and connections", () => {
    const [environment] = parse([
      {
        ...auth0Environment(),
        auth0: { domain: "login.example.com", flow: "web", appName: "OpenMetadata", connections: ["google-oauth2"] },
      },
    ]);
    expect(environment!.auth0).toEqual({
      domain: "login.example.com",
      flow: "web",
      appName: "OpenMetadata",
      connections: ["google-oauth2"],
    });
  });

  test("an environment with both okta and auth0 is refused: exactly one identity provider", () => {
    const errors = errorsFor((environment) => (environment.okta = { orgName: "example", baseUrl: "okta.com", access: { groups: ["g"] } }));
    expect(errors).toEqual([
      'environment "qa", field auth0: got "{...}"; an environment has exactly one identity provider; remove the okta or the auth0 section',
    ]);
  });

  test("an environment with neither is refused and told both options", () => {
    expect(errorsFor((environment) => delete environment.auth0)).toEqual([
      'environment "qa", field okta: missing; an environment needs an identity provider: an ' +
        "okta section (orgName, baseUrl, access) or an auth0 section (domain)",
    ]);
  });

  test.each([
    ["https://example.eu.auth0.com", "a scheme is not accepted"],
    ["example.eu.auth0.com/", "a path or slash is not accepted"],
    ["example.eu.auth0.com/authorize", "a path or slash is not accepted"],
    ["example.eu.auth0.com.", "a trailing dot is not accepted"],
    ["example.eu.auth0.com:443", "a port is not accepted"],
    ["Example.eu.auth0.com", "upper-case letters are not accepted"],
    ["localhost", "not a domain name"],
  ])("the domain %j is refused: %s", (domain, reason) => {
    const [line] = errorsFor((environment) => (environment.auth0.domain = domain));
    expect(line).toContain(`environment "qa", field auth0.domain: got ${JSON.stringify(domain)}; ${reason}`);
    expect(line).toContain('expected the tenant or custom domain as a bare host, e.g. "dev-abc123.eu.auth0.com"');
  });

  test("a missing domain, an unknown flow and an unknown field are reported together", () => {
    const errors = errorsFor((environment) => (environment.auth0 = { flow: "implicit", tenant: "x" }));
    expect(errors).toEqual([
      'environment "qa", field auth0.domain: missing; expected the Auth0 domain, e.g. "dev-abc123.eu.auth0.com"',
      'environment "qa", field auth0.flow: got "implicit"; expected one of "spa", "web" ("spa" is a public ' +
        'Single-Page App with PKCE, "web" a confidential Regular Web App with a client secret)',
      'environment "qa", field auth0.tenant: got "x"; unknown field; accepted fields here: domain, flow, appName, connections',
    ]);
  });

  // auth0_connection_client's id is the pair connection::client and its delete disables the pair
  // (internal/auth0/connection/resource_client.go@v1.55.0:74, 114-131): two resources for one pair would share one enablement.
  test("a connection listed twice is refused", () => {
    expect(errorsFor((environment) => (environment.auth0.connections = ["google-oauth2", "google-oauth2"]))).toEqual([
      'environment "qa", field auth0.connections: got "google-oauth2"; each connection may be listed once',
    ]);
  });

  // hashicorp/terraform v1.11.4 internal/configs/named_values.go:21: letters, digits, underscores and dashes only.
  test("two connection names that would share a Terraform address are refused with the field, before any construct exists", () => {
    expect(errorsFor((environment) => (environment.auth0.connections = ["a.b", "a_b"]))).toEqual([
      'environment "qa", field auth0.connections: got "a_b"; Auth0 connections "a.b" and "a_b" would share the ' +
        "Terraform address suffix a_b; rename one in Auth0",
    ]);
  });

  test("adopt.okta is refused for an Auth0 environment; adopting the OpenMetadata release still works", () => {
    expect(errorsFor((environment) => (environment.adopt = { okta: { appId: "0oa1a2b3c4d5e6f7g8h9" } }))).toEqual([
      'environment "qa", field adopt.okta: got "{...}"; the identity provider of this environment is Auth0, which ' +
        "has no Okta objects to adopt; remove adopt.okta (adopt.openmetadata.release still applies)",
    ]);
    const [environment] = parse([{ ...auth0Environment(), adopt: { openmetadata: { release: true } } }]);
    expect(environment!.adopt).toEqual({ okta: {}, openmetadataRelease: true });
  });

  test("an empty connection name is refused", () => {
    expect(errorsFor((environment) => (environment.auth0.connections = [" "]))[0]).toContain("field auth0.connections[0]");
  });
});
