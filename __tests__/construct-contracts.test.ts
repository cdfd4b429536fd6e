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

  test("an OIDC app with neither groups nor everyone is refused at construction", () => {
    const [stack] = appWithStacks("app").stacks as [TerraformStack];
    expect(
      () =>
        new OktaOidcApp(stack, "app", {
          environmentName: "app",
          openmetadataUrl: "https://om.example.com",
          flow: "spa",
          label: "OM",
          groups: [],
        }),
    ).toThrow("nobody could sign in");
    expect(
      () =>
        new OktaOidcApp(stack, "app2", {
          environmentName: "app",
          openmetadataUrl: "https://om.example.com",
          flow: "spa",
          label: "OM",
          groups: ["a"],
          everyone: true,
        }),
    ).toThrow('got groups ["a"] as well');
  });
});
