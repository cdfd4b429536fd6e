import { describe, expect, test } from "vitest";
import { resolveAdopt } from "../lib/config/sections/adopt";
import { resolveAuth0Settings } from "../lib/config/sections/auth0";
import { resolveBackend } from "../lib/config/sections/backend";
import { resolveOktaSettings } from "../lib/config/sections/okta";
import { tokenLifetimeProblems } from "../lib/okta/okta-invariants";

// Each section of an environment resolves on its own and returns its value and its problems, so a
// new section (a new identity provider) is one more resolver, not more lines in resolveEnvironment.

describe("the resolver of each section", () => {
  test("backend returns the default state of the stack and no problem", () => {
    expect(resolveBackend(undefined, "openmetadata-qa")).toEqual({
      problems: [],
      value: { type: "local", path: "terraform.openmetadata-qa.tfstate" },
    });
  });

  test("auth0 returns its problems, named by environment and field, and no value when it has one", () => {
    const resolved = resolveAuth0Settings("qa", { domain: "qa.eu.auth0.com", connections: ["google-oauth2", "google-oauth2"] });
    expect(resolved.value).toBeUndefined();
    expect(resolved.problems).toEqual([
      { environment: "qa", path: "auth0.connections", value: "google-oauth2", message: "each connection may be listed once" },
    ]);
  });

  test("auth0 returns its settings with the defaults applied when it has no problem", () => {
    expect(resolveAuth0Settings("qa", { domain: "qa.eu.auth0.com" })).toEqual({
      problems: [],
      value: { domain: "qa.eu.auth0.com", flow: "spa", appName: "OpenMetadata (qa)", connections: [] },
    });
  });

  test("adopt returns the problem of a child id without its parent's", () => {
    const resolved = resolveAdopt("qa", { okta: { scopeId: "scp1a2b3c4d5e6f7g8h9" } }, { serviceApp: false, kubernetes: true });
    expect(resolved.problems.map((problem) => [problem.environment, problem.path])).toEqual([["qa", "adopt.okta.authorizationServerId"]]);
  });

  test("okta reports the authorization server's token-lifetime rule under okta.tokens, with the construct's words", () => {
    const tokens = { accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 30, refreshTokenWindowMinutes: 45 };
    const files = {
      resolvePath: (path: string) => path,
      readPublicKeys: () => {
        throw new Error("no service app here");
      },
    };
    const resolved = resolveOktaSettings("qa", { orgName: "example", baseUrl: "okta.com", access: { groups: ["data"] }, tokens }, files);
    expect(resolved.value).toBeUndefined();
    const construct = tokenLifetimeProblems(tokens);
    expect(construct.map((problem) => problem.field)).toEqual([
      "refreshTokenLifetimeMinutes",
      "refreshTokenWindowMinutes",
      "refreshTokenWindowMinutes",
    ]);
    expect(resolved.problems).toEqual(
      construct.map((problem) => ({
        environment: "qa",
        path: `okta.tokens.${problem.field}`,
        value: problem.value,
        message: problem.message,
      })),
    );
  });
});
