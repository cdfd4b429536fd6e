import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { describe, expect, test } from "vitest";
import { warningsOf } from "../stacks/app";
import { OktaAuthorizationServer } from "../lib/okta/okta-authorization-server";
import { OKTA_PROVIDER_VERSION } from "../lib/okta/okta-provider";
import { collateEnvironment, resourceOf, fixtureEnvironments, fixtureStack, synthEnvironment, type TerraformJson } from "./support/synth";

// One test per rule learned from okta/terraform-provider-okta at the pinned tag v6.12.0 (commit
// e59c130b) or from an upstream issue; paths are under okta/services/idaas/ there.

const dev = () => fixtureStack("dev").json;
const withServiceApp = (name: string, serviceApp: string) =>
  collateEnvironment(name, `access: { groups: [data] }, serviceApp: { jwksFile: keys/dev-service-app.jwks.json${serviceApp} }`);

/** Every address `address` reaches through `${type.name...}` references and depends_on, transitively. */
function dependenciesOf(json: TerraformJson, address: string, seen = new Set<string>()): Set<string> {
  const [type, name] = address.startsWith("data.") ? address.slice(5).split(".") : address.split(".");
  const block = (address.startsWith("data.") ? json.data : json.resource)?.[type!]?.[name!];
  if (!block) return seen;
  const { "//": _metadata, ...config } = block;
  const text = JSON.stringify(config);
  const referenced = [...text.matchAll(/\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\./g)].map((match) => match[1]!);
  for (const next of [...referenced, ...((config["depends_on"] as string[] | undefined) ?? [])]) {
    if (seen.has(next)) continue;
    seen.add(next);
    dependenciesOf(json, next, seen);
  }
  return seen;
}

// A custom claim named like a system one fails at create (okta/terraform-provider-okta#49 for `sub`).
describe("claims", () => {
  // claim_default.go:114-127
  test("email in ID tokens is the server's own system claim, managed with okta_auth_server_claim_default and always included", () => {
    for (const environment of fixtureEnvironments()) {
      const { json } = fixtureStack(environment.name);
      expect(Object.values(json.resource.okta_auth_server_claim ?? {}).filter((claim) => claim.claim_type === "IDENTITY")).toEqual([]);
      expect(resourceOf(json, "okta_auth_server_claim_default", "okta_authorization-server_email-id-token-claim")).toMatchObject({
        name: "email",
        always_include_in_token: true,
        auth_server_id: "${okta_auth_server.okta_authorization-server_server.id}",
      });
    }
  });

  // claim_default.go:196-200; Okta's reserved claims; okta/terraform-provider-okta#49
  test("a custom claim never takes a system or reserved claim name of its token type", () => {
    const stack = new TerraformStack(Testing.app(), "claims");
    const server = new OktaAuthorizationServer(stack, "server", { name: "om", description: "d", audience: "aud", clientIds: ["client"] });
    expect(() => server.addCustomClaim("id-email", { name: "email", claimType: "IDENTITY", value: "user.email" })).toThrow(
      /"email" is a system IDENTITY claim .*okta_auth_server_claim_default/,
    );
    expect(() => server.addCustomClaim("id-nonce", { name: "nonce", claimType: "IDENTITY", value: "user.email" })).toThrow(
      '"nonce" is reserved in ID tokens',
    );
    expect(() => server.addCustomClaim("at-sub", { name: "sub", claimType: "RESOURCE", value: "user.login" })).toThrow(
      '"sub" is reserved in access tokens',
    );
    expect(() => server.addCustomClaim("at-cid", { name: "cid", claimType: "RESOURCE", value: "app.clientId" })).toThrow(
      '"cid" is reserved in access tokens',
    );
    expect(() =>
      server.addCustomClaim("at-department", { name: "department", claimType: "RESOURCE", value: "user.department" }),
    ).not.toThrow();
  });

  // claim_default.go:172-182
  test("custom claims are created after the system claims, because the claim default's create finds its claim by name alone", () => {
    expect(resourceOf(dev(), "okta_auth_server_claim", "okta_authorization-server_email-access-token-claim").depends_on).toEqual([
      "okta_auth_server_claim_default.okta_authorization-server_email-id-token-claim",
    ]);
  });

  test(
    "the access-token email claim applies only to tokens granted the email scope, so " +
      "client_credentials tokens, which have no user, never evaluate user.email",
    () => {
      expect(resourceOf(dev(), "okta_auth_server_claim", "okta_authorization-server_email-access-token-claim")).toMatchObject({
        claim_type: "RESOURCE",
        value: "user.email",
        scopes: ["email"],
      });
      expect(
        resourceOf(dev(), "okta_auth_server_policy_rule", "okta_authorization-server_service-app-policy-rule").scope_whitelist,
      ).not.toContain("email");
    },
  );
});

// okta/terraform-provider-okta#2295: Okta refuses the default authentication policy for a service app.
describe("the service app", () => {
  // app_oauth.go:456-462, 569-576, 994-999; okta/terraform-provider-okta#2403, #2428
  test(
    "the okta provider is pinned to 6.12.0 over the 4.20 bindings, where a service app's create and " +
      "update can skip the sign-on policy",
    () => {
      expect(OKTA_PROVIDER_VERSION).toBe("6.12.0");
      for (const environment of fixtureEnvironments())
        expect(fixtureStack(environment.name).json.terraform["required_providers"].okta).toEqual({
          source: "okta/okta",
          version: "6.12.0",
        });
      expect(resourceOf(dev(), "okta_app_oauth", "okta_service-app_app").skip_authentication_policy).toBe(true);
      // The sign-in app keeps its policy assignment: only service apps are refused by Okta.
      expect(resourceOf(dev(), "okta_app_oauth", "okta_oidc-app_app").skip_authentication_policy).toBeUndefined();
    },
  );

  test("users' sign-in never depends on the service app: a failed or tainted service app cannot skip the users' policy, rule or app", () => {
    const json = dev();
    for (const address of [
      "okta_auth_server_policy.okta_authorization-server_access-policy",
      "okta_auth_server_policy_rule.okta_authorization-server_user-login-rule",
      "okta_app_oauth.okta_oidc-app_app",
      "okta_app_group_assignments.okta_oidc-app_group-assignments",
      "okta_auth_server_claim.okta_authorization-server_email-access-token-claim",
      "okta_trusted_origin.okta_oidc-app_trusted-origin",
    ]) {
      expect(
        [...dependenciesOf(json, address)].filter((dependency) => dependency.includes("service-app")),
        address,
      ).toEqual([]);
    }
    // The check can fail: the service app's own rule does reach the service app.
    expect([...dependenciesOf(json, "okta_auth_server_policy_rule.okta_authorization-server_service-app-policy-rule")]).toContain(
      "okta_app_oauth.okta_service-app_app",
    );
  });

  test("an admin role is assigned with okta_app_oauth_role_assignment when okta.serviceApp.adminRole is set, and no warning is left", () => {
    const { json, stack } = synthEnvironment(withServiceApp("roles", ", adminRole: ORG_ADMIN"));
    expect(resourceOf(json, "okta_app_oauth_role_assignment", "okta_service-app_admin-role")).toMatchObject({
      client_id: "${okta_app_oauth.okta_service-app_app.client_id}",
      type: "ORG_ADMIN",
    });
    expect(warningsOf([stack])).toEqual([]);
    expect(fixtureStack("dev").json.resource.okta_app_oauth_role_assignment).toBeUndefined();
  });

  test("a read-only admin role next to a .manage scope is warned about: Okta checks the role as well as the scope", () => {
    const { stack } = synthEnvironment(withServiceApp("readonly", ", adminRole: READ_ONLY_ADMIN"));
    expect(warningsOf([stack])).toEqual([
      expect.stringContaining("admin role READ_ONLY_ADMIN can only read, so its granted okta.users.manage answer 403"),
    ]);
    const { stack: reader } = synthEnvironment(withServiceApp("reader", ", adminRole: READ_ONLY_ADMIN, apiScopes: [okta.users.read]"));
    expect(warningsOf([reader])).toEqual([]);
  });
});

describe("ordering and lookups", () => {
  test("rules name the default scope by reference, so Terraform creates each rule after the scope it names", () => {
    for (const rule of Object.values(dev().resource.okta_auth_server_policy_rule ?? {})) {
      expect(rule.scope_whitelist).toContain("${okta_auth_server_scope.okta_authorization-server_default-scope.name}");
      expect(rule.scope_whitelist).not.toContain("openmetadata");
    }
  });

  // data_source_okta_group.go:90-92, 140-144, 151
  test("a group is assigned only under its exact name: data.okta_group is a starts-with search that takes a lone near match", () => {
    const group = fixtureStack("staging").json.data?.okta_group?.["okta_oidc-app_group-0"];
    expect(group?.lifecycle).toEqual({
      postcondition: [
        {
          condition: '${self.name == "openmetadata-users"}',
          error_message: expect.stringMatching(
            /^Okta group "openmetadata-users" \(okta\.access\.groups of environment "staging"\) does not exist/,
          ),
        },
      ],
    });
  });

  test("a group name is compared as a literal: Terraform template sequences in it are escaped", () => {
    // The environments file refuses "${...}" as templating that never happened (issue 19); the construct escapes
    // whatever reaches it all the same, so the environment is edited after loading.
    const loaded = collateEnvironment("templates", "access: { groups: [placeholder] }");
    const { json } = synthEnvironment({ ...loaded, okta: { ...loaded.okta!, groups: ["om-${var.x}-%{if}"] } });
    const [postcondition] = json.data?.okta_group?.["okta_oidc-app_group-0"]?.lifecycle.postcondition;
    expect(postcondition.condition).toBe('${self.name == "om-$${var.x}-%%{if}"}');
    expect(postcondition.error_message).toContain('"om-$${var.x}-%%{if}"');
  });

  test("the condition is valid Terraform and compares names exactly (terraform console, when terraform is on PATH)", (context) => {
    let terraform = true;
    try {
      execFileSync("terraform", ["version"], { stdio: "ignore" });
    } catch {
      terraform = false;
    }
    if (!terraform) context.skip("terraform is not on PATH: the expression was not evaluated");
    const condition = fixtureStack("staging").json.data?.okta_group?.["okta_oidc-app_group-0"]?.lifecycle.postcondition[0]
      .condition as string;
    // An empty folder: console needs no configuration and no provider for built-in expressions.
    const folder = mkdtempSync(join(tmpdir(), "okta-group-condition-"));
    try {
      const evaluate = (name: string) =>
        execFileSync("terraform", ["console"], {
          input: condition.slice(2, -1).replace("self.name", JSON.stringify(name)),
          encoding: "utf8",
          cwd: folder,
          env: { ...process.env, CHECKPOINT_DISABLE: "1" },
        }).trim();
      expect(evaluate("openmetadata-users")).toBe("true");
      expect(evaluate("openmetadata-users-admins")).toBe("false");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("no dead settings", () => {
  // hide_ios, hide_web: app_oauth.go:354-365
  test("no login mode or initiate-login URI: the provider hides the dashboard tile by default, so neither could be used", () => {
    for (const environment of fixtureEnvironments()) {
      const app = resourceOf(fixtureStack(environment.name).json, "okta_app_oauth", "okta_oidc-app_app");
      expect(app.login_mode).toBeUndefined();
      expect(app.login_uri).toBeUndefined();
    }
  });
});

/**
 * Every attribute the stacks write to an Okta resource, as checked against docs/resources/*.md at
 * v6.12.0 (all present there with the meaning they had at 4.20.0; the docs diff for these
 * resources only adds attributes). skip_authentication_policy is absent from those docs: it is in
 * the schema, resource_okta_app_oauth.go:456-462, and examples/resources/okta_app_oauth/.
 * A new attribute fails this test until it is checked at the pinned version and listed here.
 */
const CHECKED_ATTRIBUTES: Record<string, readonly string[]> = {
  okta_app_oauth: [
    "consent_method",
    "grant_types",
    "implicit_assignment",
    "issuer_mode",
    "jwks",
    "label",
    "omit_secret",
    "pkce_required",
    "post_logout_redirect_uris",
    "redirect_uris",
    "refresh_token_leeway",
    "refresh_token_rotation",
    "response_types",
    "skip_authentication_policy",
    "status",
    "token_endpoint_auth_method",
    "type",
    "wildcard_redirect",
    "lifecycle",
  ],
  okta_app_oauth_api_scope: ["app_id", "issuer", "scopes"],
  okta_app_oauth_role_assignment: ["client_id", "type"],
  okta_app_group_assignments: ["app_id", "group"],
  okta_trusted_origin: ["active", "name", "origin", "scopes"],
  okta_auth_server: ["audiences", "credentials_rotation_mode", "description", "issuer_mode", "name", "status", "lifecycle"],
  okta_auth_server_scope: ["auth_server_id", "consent", "default", "description", "display_name", "metadata_publish", "name"],
  okta_auth_server_claim: [
    "always_include_in_token",
    "auth_server_id",
    "claim_type",
    "name",
    "scopes",
    "status",
    "value",
    "value_type",
    "depends_on",
  ],
  okta_auth_server_claim_default: ["always_include_in_token", "auth_server_id", "name"],
  okta_auth_server_policy: ["auth_server_id", "client_whitelist", "description", "name", "priority", "status", "depends_on"],
  okta_auth_server_policy_rule: [
    "access_token_lifetime_minutes",
    "auth_server_id",
    "grant_type_whitelist",
    "group_whitelist",
    "name",
    "policy_id",
    "priority",
    "refresh_token_lifetime_minutes",
    "refresh_token_window_minutes",
    "scope_whitelist",
    "status",
    "type",
    "depends_on",
  ],
  "data.okta_group": ["name", "lifecycle"],
  "data.okta_everyone_group": [],
};

test("every attribute the stacks write to Okta was checked against the pinned provider version's docs", () => {
  const environments = [
    ...fixtureEnvironments(),
    withServiceApp("attributes", ", adminRole: READ_ONLY_ADMIN"),
    collateEnvironment("everyone", "access: { everyone: true }, flow: web"),
  ];
  const unchecked: string[] = [];
  for (const environment of environments) {
    const { json } = synthEnvironment(environment);
    for (const [prefix, blocks] of [
      ["", json.resource],
      ["data.", json.data ?? {}],
    ] as const) {
      for (const [type, byName] of Object.entries(blocks)) {
        if (!type.startsWith("okta")) continue;
        const checked = CHECKED_ATTRIBUTES[`${prefix}${type}`];
        for (const block of Object.values(byName))
          for (const attribute of Object.keys(block))
            if (attribute !== "//" && !checked?.includes(attribute)) unchecked.push(`${prefix}${type}.${attribute}`);
      }
    }
  }
  expect([...new Set(unchecked)]).toEqual([]);
});
