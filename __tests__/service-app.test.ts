import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { ingestionWorkflowConfig } from "../lib/ingestion-config";
import { warningsOf } from "../stacks/app";
import { collateEnvironment, environmentsFromYaml, resourceOf, fixtureEnvironments, fixtureStack, synthEnvironment } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

const SERVICE_APP = "okta_service-app_app";
const makeTemporaryDirectory = useTemporaryDirectories("jwks");
const committedJwks = JSON.parse(readFileSync(resolve(__dirname, "..", "stacks", "keys", "dev-service-app.jwks.json"), "utf8"));

describe("the Okta service app", () => {
  test("is a client_credentials service app authenticated with private_key_jwt and the committed public keys", () => {
    const app = resourceOf(fixtureStack("dev").json, "okta_app_oauth", SERVICE_APP);
    expect(app).toMatchObject({
      type: "service",
      grant_types: ["client_credentials"],
      response_types: ["token"],
      token_endpoint_auth_method: "private_key_jwt",
      omit_secret: true,
      implicit_assignment: false,
    });
    expect(app.jwks).toEqual(committedJwks.keys.map(({ kid, kty, e, n }: Record<string, string>) => ({ kid, kty, e, n })));
  });

  test("is granted the Okta API scopes by the org authorization server", () => {
    expect(resourceOf(fixtureStack("dev").json, "okta_app_oauth_api_scope", "okta_service-app_api-scopes")).toEqual(
      expect.objectContaining({
        app_id: "${okta_app_oauth.okta_service-app_app.id}",
        issuer: "https://example-dev.oktapreview.com",
        scopes: ["okta.users.read", "okta.users.manage", "okta.clients.read"],
      }),
    );
  });

  test("is admitted by its own access policy and gets client_credentials with the default scope only", () => {
    const json = fixtureStack("dev").json;
    expect(resourceOf(json, "okta_auth_server_policy", "okta_authorization-server_access-policy").client_whitelist).toEqual([
      "${okta_app_oauth.okta_oidc-app_app.client_id}",
    ]);
    expect(resourceOf(json, "okta_auth_server_policy", "okta_authorization-server_service-app-policy").client_whitelist).toEqual([
      "${okta_app_oauth.okta_service-app_app.client_id}",
    ]);
    const rule = resourceOf(json, "okta_auth_server_policy_rule", "okta_authorization-server_service-app-policy-rule");
    expect(rule).toMatchObject({
      policy_id: "${okta_auth_server_policy.okta_authorization-server_service-app-policy.id}",
      grant_type_whitelist: ["client_credentials"],
      scope_whitelist: ["${okta_auth_server_scope.okta_authorization-server_default-scope.name}"],
      priority: 1,
    });
    expect(rule.group_whitelist).toBeUndefined();
  });

  test("is off by default and in environments that do not enable it", () => {
    expect(
      fixtureEnvironments()
        .filter((environment) => environment.okta?.serviceApp)
        .map((environment) => environment.name),
    ).toEqual(["dev"]);
    expect(fixtureStack("staging").json.resource.okta_app_oauth_api_scope).toBeUndefined();
    const disabled = collateEnvironment(
      "off",
      "access: { groups: [data] }, serviceApp: { enabled: false, jwksFile: keys/dev-service-app.jwks.json }",
    );
    expect(disabled.okta?.serviceApp).toBeUndefined();
  });

  test("a JWKS file with private key material is refused before synthesis", () => {
    const privateJwks = JSON.stringify({ keys: [{ ...committedJwks.keys[0], d: "c2VjcmV0" }] });
    const yaml = (file: string) =>
      `environments:\n  - name: leak\n    target: collate\n    openmetadataUrl: https://leak.example.com\n    okta: { orgName: ` +
      `example, baseUrl: okta.com, access: { groups: [data] }, serviceApp: { jwksFile: ${JSON.stringify(file)} } }\n`;
    const file = join(makeTemporaryDirectory(), "leak.jwks.json");
    writeFileSync(file, privateJwks);
    expect(() => environmentsFromYaml(yaml(file))).toThrow(/field okta\.serviceApp\.jwksFile: .*contains private key material \(d\)/);
  });

  test("no private key material reaches the synthesized output", () => {
    for (const environment of fixtureEnvironments()) {
      const { text } = fixtureStack(environment.name);
      expect(text).not.toMatch(/PRIVATE KEY|"d":|"p":|"q":|"dp":|"dq":|"qi":/);
    }
  });
});

describe("npm run ingestion-config", () => {
  const dev = () => fixtureEnvironments().find((environment) => environment.name === "dev")!;

  test("prints a workflowConfig for the public URL with OpenMetadata JWT auth from an environment variable", () => {
    const text = ingestionWorkflowConfig(dev());
    expect(parse(text)).toEqual({
      workflowConfig: {
        loggerLevel: "INFO",
        openMetadataServerConfig: {
          hostPort: "https://openmetadata.dev.example.com/api",
          authProvider: "openmetadata",
          verifySSL: "validate",
          securityConfig: { jwtToken: "${OPENMETADATA_JWT_TOKEN}" },
        },
      },
    });
  });

  test("never prints the token itself, even when it is set", () => {
    process.env.OPENMETADATA_JWT_TOKEN_TEST = "eyJsentinel.token.value";
    expect(ingestionWorkflowConfig(dev(), { tokenVariable: "OPENMETADATA_JWT_TOKEN_TEST" })).not.toContain("eyJsentinel");
    delete process.env.OPENMETADATA_JWT_TOKEN_TEST;
  });

  test("can target the in-cluster service and refuses a variable name that is not one", () => {
    expect(parse(ingestionWorkflowConfig(dev(), { inCluster: true })).workflowConfig.openMetadataServerConfig.hostPort).toBe(
      "http://openmetadata:8585/api",
    );
    expect(() => ingestionWorkflowConfig(dev(), { tokenVariable: "$(whoami)" })).toThrow(
      "--token-variable expects an environment variable name such as OPENMETADATA_JWT_TOKEN",
    );
    // The command line accepts lower case, so the library does too (issue 19: they agree).
    expect(() => ingestionWorkflowConfig(dev(), { tokenVariable: "om_token" })).not.toThrow();
  });
});

describe("synth warnings", () => {
  test(
    "a service app without an admin role carries a warning that its API scopes " +
      "answer 403, and the everyone choice one about who can sign in",
    () => {
      expect(warningsOf([fixtureStack("dev").stack])).toEqual([
        expect.stringMatching(
          new RegExp(
            String.raw`^openmetadata-dev\/okta\/service-app: The service app is granted okta\.users\.read,` +
              String.raw` .* no Okta admin role, .*403.*okta\.serviceApp\.adminRole`,
          ),
        ),
      ]);
      expect(warningsOf([fixtureStack("staging").stack])).toEqual([]);
      const open = collateEnvironment("open", "access: { everyone: true }");
      expect(warningsOf([synthEnvironment(open).stack])).toEqual([
        expect.stringContaining("every active user of the Okta org can sign in"),
      ]);
    },
  );
});
