import { describe, expect, test } from "vitest";
import { collateEnvironment, resourceOf, fixtureStack, synthEnvironment } from "./support/synth";

// One test per step of Okta's guide for OpenMetadata SSO, named after the step.
const spa = () => fixtureStack("dev").json;
const web = () => fixtureStack("staging").json;
const APP = "okta_oidc-app_app";
const SERVER = "okta_authorization-server_server";

describe("Okta guide, step by step", () => {
  test("Create an OIDC app integration: a Single-Page App with PKCE, authorization code, refresh token and implicit (hybrid)", () => {
    expect(resourceOf(spa(), "okta_app_oauth", APP)).toMatchObject({
      type: "browser",
      grant_types: ["authorization_code", "implicit", "refresh_token"],
      response_types: ["code", "id_token", "token"],
      token_endpoint_auth_method: "none",
      pkce_required: true,
      status: "ACTIVE",
    });
  });

  test("Create an OIDC app integration: a Web app keeps its client secret and posts it to the token endpoint", () => {
    const app = resourceOf(web(), "okta_app_oauth", APP);
    expect(app).toMatchObject({
      type: "web",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
      omit_secret: false,
    });
    expect(app.pkce_required).toBe(false);
  });

  test("Refresh token: rotate token after every use, with a grace period", () => {
    expect(resourceOf(spa(), "okta_app_oauth", APP)).toMatchObject({ refresh_token_rotation: "ROTATE", refresh_token_leeway: 30 });
  });

  test("Sign-in redirect URIs: /callback then /silent-callback, in a stable order", () => {
    expect(resourceOf(spa(), "okta_app_oauth", APP).redirect_uris).toEqual([
      "https://openmetadata.dev.example.com/callback",
      "https://openmetadata.dev.example.com/silent-callback",
    ]);
  });

  test("Sign-out redirect URI: the OpenMetadata URL", () => {
    expect(resourceOf(spa(), "okta_app_oauth", APP)).toMatchObject({ post_logout_redirect_uris: ["https://openmetadata.dev.example.com"] });
  });

  test("User consent: not required", () => {
    expect(resourceOf(spa(), "okta_app_oauth", APP).consent_method).toBe("TRUSTED");
  });

  test("Issuer: Okta URL, on the app and the authorization server", () => {
    expect(resourceOf(spa(), "okta_app_oauth", APP).issuer_mode).toBe("ORG_URL");
    expect(resourceOf(spa(), "okta_auth_server", SERVER).issuer_mode).toBe("ORG_URL");
  });

  test("Base URIs: a trusted origin for OpenMetadata with CORS and Redirect", () => {
    expect(resourceOf(spa(), "okta_trusted_origin", "okta_oidc-app_trusted-origin")).toMatchObject({
      origin: "https://openmetadata.dev.example.com",
      scopes: ["CORS", "REDIRECT"],
      active: true,
    });
  });

  test("Assignments: controlled access for the environment's groups, looked up by name and never created", () => {
    const json = web();
    expect(Object.values(json.data?.okta_group ?? {}).map((group) => group.name)).toEqual(["openmetadata-users", "data-engineering"]);
    expect(resourceOf(json, "okta_app_group_assignments", "okta_oidc-app_group-assignments")).toMatchObject({
      app_id: "${okta_app_oauth.okta_oidc-app_app.id}",
      group: [
        { id: "${data.okta_group.okta_oidc-app_group-0.id}", priority: 0 },
        { id: "${data.okta_group.okta_oidc-app_group-1.id}", priority: 1 },
      ],
    });
    expect(resourceOf(json, "okta_app_oauth", APP).implicit_assignment).toBe(false);
    expect(Object.keys(json.resource).filter((type) => /^okta_(user|group)(_|$)/.test(type))).toEqual([]);
  });

  test("Assignments: everyone is assigned only when chosen explicitly", () => {
    const environment = collateEnvironment("open", "access: { everyone: true }");
    const { json } = synthEnvironment(environment);
    expect(json.data?.okta_everyone_group).toBeDefined();
    expect(json.data?.okta_group).toBeUndefined();
  });

  test("Add authorization server: a custom one whose audience is the app's client id", () => {
    const json = spa();
    expect(resourceOf(json, "okta_auth_server", SERVER)).toMatchObject({
      audiences: ["${okta_app_oauth.okta_oidc-app_app.client_id}"],
      credentials_rotation_mode: "AUTO",
      status: "ACTIVE",
      name: "openmetadata-dev",
    });
    expect(json.resource.okta_auth_server_default).toBeUndefined();
  });

  test("Scopes: a default scope without a consent prompt", () => {
    expect(resourceOf(spa(), "okta_auth_server_scope", "okta_authorization-server_default-scope")).toMatchObject({
      name: "openmetadata",
      default: true,
      consent: "IMPLICIT",
    });
  });

  test("Claims: email in access tokens and ID tokens, so OpenMetadata can map the principal", () => {
    const claims = Object.values(spa().resource.okta_auth_server_claim ?? {});
    expect(claims.map(({ name, claim_type, value_type, value, scopes }) => ({ name, claim_type, value_type, value, scopes }))).toEqual([
      { name: "email", claim_type: "RESOURCE", value_type: "EXPRESSION", value: "user.email", scopes: ["email"] },
    ]);
    // In ID tokens, email is the server's own system claim, always included.
    expect(
      Object.values(spa().resource.okta_auth_server_claim_default ?? {}).map(({ name, always_include_in_token }) => ({
        name,
        always_include_in_token,
      })),
    ).toEqual([{ name: "email", always_include_in_token: true }]);
  });

  test("Access policies: a policy assigned to the app's client", () => {
    expect(resourceOf(web(), "okta_auth_server_policy", "okta_authorization-server_access-policy")).toMatchObject({
      client_whitelist: ["${okta_app_oauth.okta_oidc-app_app.client_id}"],
      priority: 1,
      status: "ACTIVE",
    });
  });

  test("Access policies: a rule for the flow's grant types with a people condition and a scope condition", () => {
    const rule = resourceOf(spa(), "okta_auth_server_policy_rule", "okta_authorization-server_user-login-rule");
    expect(rule).toMatchObject({
      grant_type_whitelist: ["authorization_code", "implicit"],
      group_whitelist: ["EVERYONE"],
      scope_whitelist: [
        "openid",
        "profile",
        "email",
        "offline_access",
        "${okta_auth_server_scope.okta_authorization-server_default-scope.name}",
      ],
      priority: 1,
    });
    expect(resourceOf(web(), "okta_auth_server_policy_rule", "okta_authorization-server_user-login-rule").grant_type_whitelist).toEqual([
      "authorization_code",
    ]);
  });

  test("Access policies: policies and their rules are chained in priority order so parallel creation cannot race", () => {
    const json = spa();
    expect(
      Object.entries(json.resource.okta_auth_server_policy ?? {}).map(([name, policy]) => [name, policy.priority, policy.depends_on]),
    ).toEqual([
      ["okta_authorization-server_access-policy", 1, undefined],
      ["okta_authorization-server_service-app-policy", 2, ["okta_auth_server_policy.okta_authorization-server_access-policy"]],
    ]);
    expect(
      Object.entries(json.resource.okta_auth_server_policy_rule ?? {}).map(([name, rule]) => [name, rule.priority, rule.depends_on]),
    ).toEqual([
      ["okta_authorization-server_service-app-policy-rule", 1, ["okta_auth_server_policy.okta_authorization-server_service-app-policy"]],
      ["okta_authorization-server_user-login-rule", 1, ["okta_auth_server_policy.okta_authorization-server_access-policy"]],
    ]);
  });

  test("Token lifetimes come from the environment", () => {
    expect(
      resourceOf(fixtureStack("prod").json, "okta_auth_server_policy_rule", "okta_authorization-server_user-login-rule"),
    ).toMatchObject({
      access_token_lifetime_minutes: 30,
      refresh_token_lifetime_minutes: 43200,
      refresh_token_window_minutes: 1440,
    });
  });

  test("Okta provider: the org from the environment, no credentials, a bounded share of the rate limit", () => {
    expect(spa().provider.okta).toEqual([{ org_name: "example-dev", base_url: "oktapreview.com", max_api_capacity: 50, backoff: true }]);
  });

  test("Outputs: issuer, client id, authorization server id and URL, each described", () => {
    const { output } = spa();
    expect(Object.keys(output)).toEqual(expect.arrayContaining(["issuer_url", "client_id", "authorization_server_id", "openmetadata_url"]));
    expect(output.issuer_url!.value).toBe("${okta_auth_server.okta_authorization-server_server.issuer}");
    for (const [name, { description }] of Object.entries(output)) expect(description, name).toMatch(/\w{3,}/);
  });

  test("Outputs for Collate say that they are to be shared with the Collate team", () => {
    const environment = collateEnvironment("saas", "access: { groups: [data] }");
    const { output } = synthEnvironment(environment).json;
    expect(output.issuer_url!.description).toContain("Share this with the Collate team");
    expect(output.client_id!.description).toContain("Share this with the Collate team");
  });
});
