import { OktaProvider } from "@cdktf/provider-okta/lib/provider";
import { App, TerraformStack } from "cdktf";
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { synthesizeAll } from "../stacks/app";
import { OktaAuthorizationServer } from "../lib/okta/okta-authorization-server";
import { OktaOidcApp } from "../lib/okta/okta-oidc-app";
import { useTemporaryDirectories } from "./support/temporary-directories";

const makeOutdir = useTemporaryDirectories("contracts");

function appWithStacks(...ids: string[]) {
  const outdir = makeOutdir();
  const app = new App({ outdir, stackTraces: false });
  const stacks = ids.map((id) => {
    const stack = new TerraformStack(app, id);
    new OktaProvider(stack, "okta", { orgName: "example", baseUrl: "okta.com" });
    return stack;
  });
  return { app, stacks, outdir };
}

describe("construct contracts", () => {
  test("an authorization server whose policy has no rules fails validation and nothing is written", () => {
    // The healthy stack comes first: cdktf alone would have written it before failing on the second.
    const { app, stacks, outdir } = appWithStacks("healthy", "broken");
    new OktaAuthorizationServer(stacks[1]!, "server", { name: "om", description: "d", audience: "aud", clientIds: ["client"] });
    expect(() => synthesizeAll(app, stacks)).toThrow(/- broken: .*the access policy of authorization server "om" has no rules/s);
    expect(existsSync(outdir)).toBe(false);
  });

  // okta/okta v6.12.0 okta/services/idaas/resource_okta_auth_server_policy_rule.go:323-328 refuses such a rule at apply:
  // a refresh lifetime under the access lifetime, or a window outside access..refresh lifetime (lib/okta/okta-invariants.ts).
  test("an authorization server refuses a policy rule whose token lifetimes are out of Okta's order, naming rule and field", () => {
    const [stack] = appWithStacks("server").stacks as [TerraformStack];
    const server = new OktaAuthorizationServer(stack, "server", { name: "om", description: "d", audience: "aud", clientIds: ["client"] });
    const rule = (id: string, lifetimes: { refreshTokenLifetimeMinutes?: number; refreshTokenWindowMinutes?: number }) =>
      server.addPolicyRule(id, {
        name: id,
        grantTypes: ["authorization_code"],
        forAssignedUsers: true,
        scopes: ["openid"],
        accessTokenLifetimeMinutes: 60,
        ...lifetimes,
      });
    expect(() => rule("short-window", { refreshTokenLifetimeMinutes: 1440, refreshTokenWindowMinutes: 30 })).toThrow(
      /rule short-window: refreshTokenWindowMinutes 30: Okta requires the refresh token window to be at least the access token lifetime \(60 minutes\)/,
    );
    expect(() => rule("long-window", { refreshTokenLifetimeMinutes: 120, refreshTokenWindowMinutes: 240 })).toThrow(
      "refreshTokenWindowMinutes 240: must not exceed the refresh token lifetime (120 minutes)",
    );
    expect(() => rule("client-credentials", {})).not.toThrow();
  });

  /** A SPA OIDC app in `stack` with the given access; the rest is the same for every case. */
  const oidcApp = (stack: TerraformStack, id: string, access: { groups: string[]; everyone?: boolean }) =>
    new OktaOidcApp(stack, id, { environmentName: "app", openmetadataUrl: "https://om.example.com", flow: "spa", label: "OM", ...access });

  // The project's rule, help/configuration.md#okta (access.everyone): with implicit_assignment false only the assigned groups
  // sign in, so no group and no Everyone is nobody; Everyone already assigns every user, so groups beside it say nothing.
  test("an OIDC app with neither groups nor everyone is refused at construction", () => {
    const [stack] = appWithStacks("app").stacks as [TerraformStack];
    expect(() => oidcApp(stack, "app", { groups: [] })).toThrow("nobody could sign in");
    expect(() => oidcApp(stack, "app2", { groups: ["a"], everyone: true })).toThrow('got groups ["a"] as well');
  });

  // okta/okta v6.12.0 okta/services/idaas/resource_okta_app_group_assignments.go:113-122 PUTs each entry to
  // /apps/{app}/groups/{group} (sdk/v2_application.go:861-862), so Okta keeps one assignment per group and a second entry
  // only overwrites the first one's priority; Read (:225-239) then reads that one assignment back for both entries.
  test("an OIDC app given a group twice is refused at construction", () => {
    const [stack] = appWithStacks("app").stacks as [TerraformStack];
    expect(() => oidcApp(stack, "app", { groups: ["a", "b", "a"] })).toThrow('group "a" is listed twice');
  });
});
