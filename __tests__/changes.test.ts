import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import type { Change } from "../lib/changes/change";
import { compareStacks } from "../lib/changes/compare";
import { wiringDiagram } from "../lib/changes/diagram";
import { planChanges, readPlanJson, type PlanJson } from "../lib/changes/plan";
import { stackSummary } from "../lib/changes/report";
import { readRowsFile } from "../lib/changes/rows-file";
import { explain } from "../lib/changes/run";
import type { StackJson } from "../lib/changes/terraform-json";
import { parseEnvironments } from "../lib/config/load-environments";
import { changesCommand } from "../lib/cli/commands/changes";
import { runCommand } from "../lib/cli/run";
import {
  collateEnvironment,
  FIXTURE_AUTH0_ENVIRONMENTS_FILE,
  FIXTURE_ENVIRONMENTS_FILE,
  FIXTURES_DIR,
  synthEnvironment,
  type TerraformJson,
} from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

/**
 * Fixture pairs: the base is a fixture environment as synthesized, the head the same environment
 * with one field of the environments file changed and synthesized again. Where the file has no
 * field for a setting (PKCE, consent, the service app's keys), the head is the base's JSON with that
 * one attribute changed, as a code change to a construct would.
 */

type Entry = Record<string, any>;

function synthesized(file: string, name: string, change: (entry: Entry) => void = () => undefined): TerraformJson {
  const document = parse(readFileSync(file, "utf8")) as { environments: Entry[] };
  const entry = document.environments.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no fixture environment ${name}`);
  change(entry);
  const environments = parseEnvironments(JSON.stringify({ environments: [entry] }), {
    source: "pair.json",
    format: "json",
    baseDir: FIXTURES_DIR,
  });
  return synthEnvironment(environments[0]!).json;
}

const okta = (name: string, change?: (entry: Entry) => void) => synthesized(FIXTURE_ENVIRONMENTS_FILE, name, change);
const auth0 = (name: string, change?: (entry: Entry) => void) => synthesized(FIXTURE_AUTH0_ENVIRONMENTS_FILE, name, change);

/** The base's JSON with one attribute of one resource set (undefined removes it). */
function edited(json: TerraformJson, type: string, name: string, attribute: string, value: unknown): TerraformJson {
  const copy = structuredClone(json);
  const resource = copy.resource[type]![name]!;
  if (value === undefined) delete resource[attribute];
  else resource[attribute] = value;
  return copy;
}

const pair = (base: TerraformJson, head: TerraformJson) => compareStacks(base as StackJson, head as StackJson);
const about = (changes: readonly Change[], topic: string) => changes.filter((change) => change.topic === topic);
const text = (changes: readonly Change[]) =>
  changes.map((change) => `${change.level} | ${change.topic} | ${change.what} | ${change.consequences.join("; ")}`).join("\n");

describe("npm run changes on fixture pairs", () => {
  test("the same synthesis twice has no change", () => {
    expect(pair(okta("dev"), okta("dev"))).toEqual([]);
  });

  test("a group removed: its members lose access, disruptive", () => {
    const changes = pair(
      okta("staging"),
      okta("staging", (entry) => (entry["okta"].access.groups = ["openmetadata-users"])),
    );
    expect(text(changes)).toContain(
      "disruptive | Who may sign in | group `data-engineering` removed | members of group data-engineering lose access",
    );
    expect(about(changes, "Not understood")).toEqual([]);
  });

  test("a group added: its members may sign in, attention", () => {
    const changes = pair(
      okta("dev"),
      okta("dev", (entry) => entry["okta"].access.groups.push("analysts")),
    );
    expect(text(changes)).toContain("attention | Who may sign in | group `analysts` added | members of group analysts may sign in");
  });

  test("an Auth0 connection removed: its members lose access, disruptive", () => {
    const changes = pair(
      auth0("auth0-staging"),
      auth0("auth0-staging", (entry) => (entry["auth0"].connections = ["Username-Password-Authentication"])),
    );
    expect(text(changes)).toContain(
      "disruptive | Who may sign in | connection `google-oauth2` removed | members of connection google-oauth2 lose access",
    );
    expect(about(changes, "Not understood")).toEqual([]);
  });

  test("the flow from SPA to Web changes the client type: a new client id, everyone signs in again, disruptive", () => {
    const changes = pair(
      okta("dev"),
      okta("dev", (entry) => (entry["okta"].flow = "web")),
    );
    const clientType = changes.find((change) => change.what.startsWith("client type"))!;
    expect(clientType.level).toBe("disruptive");
    expect(clientType.what).toBe("client type: `browser` → `web`");
    expect(clientType.consequences.join(" ")).toMatch(
      /new client id.*every signed-in user must sign in again.*stored SSO settings must be synced/s,
    );
    expect(text(changes)).toContain("disruptive | OpenMetadata's authentication | clientType: `public` → `confidential`");
    expect(text(changes)).toMatch(
      /attention \| OpenMetadata's authentication \| oidcConfiguration \(the confidential client's server-side settings\): `enabled`, .* change \|/,
    );
    expect(changes.filter((change) => change.what.startsWith("oidcConfiguration"))).toHaveLength(1);
  });

  test("a new URL changes the redirect and logout URIs and OpenMetadata's stored callback", () => {
    const changes = pair(
      okta("dev"),
      okta("dev", (entry) => (entry["openmetadataUrl"] = "https://metadata.dev.example.com")),
    );
    const out = text(changes);
    expect(out).toContain(
      "attention | The app | redirect URIs: added `https://metadata.dev.example.com/callback`, `https://metadata.dev.example.com/silent-callback`; removed `https://openmetadata.dev.example.com/callback`",
    );
    expect(out).toContain("attention | The app | logout URIs: added `https://metadata.dev.example.com`");
    expect(out).toContain(
      "attention | OpenMetadata's authentication | callbackUrl: `https://openmetadata.dev.example.com/callback` → `https://metadata.dev.example.com/callback` | the stored SSO settings must be synced",
    );
    expect(out).toContain("OpenMetadata restarts");
  });

  test("PKCE and consent are named with what users see", () => {
    const base = okta("dev");
    const noPkce = pair(base, edited(base, "okta_app_oauth", "okta_oidc-app_app", "pkce_required", false));
    expect(text(noPkce)).toBe(
      "attention | The app | PKCE: `true` → `false` | the SPA signs in with PKCE (okta-auth-js `pkce: true`, OpenMetadata's utils/AuthProvider.util.ts); the Web flow's PKCE must match OpenMetadata's `disablePkce`",
    );
    const consent = pair(base, edited(base, "okta_app_oauth", "okta_oidc-app_app", "consent_method", "REQUIRED"));
    expect(text(consent)).toMatch(/^attention \| The app \| consent: `TRUSTED` → `REQUIRED` \| .*asks every user to consent/);
  });

  test("grant types name which removal stops every sign-in", () => {
    const base = okta("dev");
    const changes = pair(base, edited(base, "okta_app_oauth", "okta_oidc-app_app", "grant_types", ["authorization_code", "refresh_token"]));
    expect(text(changes)).toMatch(
      /^attention \| The app \| grant types: removed `implicit` \| .*removing `authorization_code` stops every sign-in/,
    );
  });

  test("the issuer mode changes the issuer: tokens of the old issuer stop validating, disruptive", () => {
    const changes = pair(
      okta("dev"),
      okta("dev", (entry) => (entry["okta"].authorizationServer = { issuerMode: "CUSTOM_URL" })),
    );
    expect(text(changes)).toMatch(
      /^disruptive \| The authorization server \| issuer: `ORG_URL` → `CUSTOM_URL` \| new issuer URL.*every signed-in user must sign in again/m,
    );
  });

  test("an audience change says OpenMetadata does not check it", () => {
    const base = okta("dev");
    const changes = pair(base, edited(base, "okta_auth_server", "okta_authorization-server_server", "audiences", ["api://openmetadata"]));
    expect(text(changes)).toMatch(
      /^attention \| The authorization server \| audience: added `api:\/\/openmetadata`; removed .*checks no `aud`/,
    );
  });

  test("a shorter access token lifetime applies to new tokens, attention", () => {
    const changes = pair(
      okta("dev"),
      okta("dev", (entry) => (entry["okta"].tokens.accessTokenLifetimeMinutes = 30)),
    );
    expect(text(changes)).toBe(
      [
        'attention | Token lifetimes | access token lifetime (minutes) of "OpenMetadata service app": `60` → `30` | tokens issued from the apply on carry the new lifetime: the rule sets the lifetimes of the tokens the server issues (help/okta-guide-mapping.md, Add rule)',
        'attention | Token lifetimes | access token lifetime (minutes) of "OpenMetadata users": `60` → `30` | tokens issued from the apply on carry the new lifetime: the rule sets the lifetimes of the tokens the server issues (help/okta-guide-mapping.md, Add rule)',
      ].join("\n"),
    );
  });

  test("a claim change is named under scopes and claims", () => {
    const base = okta("dev");
    const changes = pair(
      base,
      edited(base, "okta_auth_server_claim", "okta_authorization-server_email-access-token-claim", "value", "user.login"),
    );
    expect(text(changes)).toMatch(
      /^attention \| Scopes and claims \| email-access-token-claim value: `user.email` → `user.login` \| .*jwtPrincipalClaims/,
    );
  });

  test("one initial admin added: the admins line, sso-sync and a restart, not a 3 KB values diff", () => {
    const changes = pair(
      okta("dev"),
      okta("dev", (entry) => entry["openmetadata"].initialAdmins.push("john.smith")),
    );
    expect(text(changes).split("\n")[0]).toBe(
      "attention | OpenMetadata's authorizer | admins: added `john.smith` | the stored SSO settings must be synced: OpenMetadata keeps them in its database and ignores later Helm values (`npm run sso-sync -- <env> --outputs FILE --apply`, help/sso-sync.md)",
    );
    expect(changes.map((change) => change.topic)).toEqual(["OpenMetadata's authorizer", "What restarts"]);
    expect(changes[1]!.consequences[0]).toMatch(
      /^OpenMetadata restarts: .* with one replica it is down until the new pod is ready, which depends on/,
    );
  });

  test("the principal domain says which accounts land in which user", () => {
    const changes = pair(
      okta("dev"),
      okta("dev", (entry) => (entry["openmetadata"].principalDomain = "example.org")),
    );
    expect(text(changes)).toMatch(
      /attention \| OpenMetadata's authorizer \| principalDomain: `example.com` → `example.org` \| .*sso-sync.*SecurityUtil\.java findUserNameFromClaims/,
    );
  });

  test("a new JWT key id: the ingestion bot's key changes, pipelines fail until new tokens, disruptive", () => {
    const changes = pair(
      okta("dev"),
      okta("dev", (entry) => (entry["openmetadata"].jwtKeys = { keyId: "openmetadata-dev-2" })),
    );
    expect(text(changes)).toContain(
      "disruptive | Secrets and keys | OpenMetadata's JWT key id: `openmetadata-dev-1` → `openmetadata-dev-2` | the ingestion bot's key changes: every bot and personal access token already issued becomes invalid, pipelines fail until the bots have new tokens",
    );
  });

  test("the service app's public keys change: clients signing with the old key are refused, disruptive, no key shown", () => {
    const base = okta("dev");
    const changes = pair(
      base,
      edited(base, "okta_app_oauth", "okta_service-app_app", "jwks", [{ kid: "new", kty: "RSA", n: "AQAB-n", e: "AQAB" }]),
    );
    expect(text(changes)).toMatch(
      /^disruptive \| The service app and its keys \| public keys \(JWKS\): changes \(value not shown\) \| the service app's keys change/,
    );
  });

  test("the service app turned off: its objects are destroyed under the service app", () => {
    const changes = pair(
      okta("dev"),
      okta("dev", (entry) => (entry["okta"].serviceApp = { enabled: false })),
    );
    expect(changes.filter((change) => change.what === "okta_app_oauth.okta_service-app_app destroyed")).toHaveLength(1);
    expect(about(changes, "The service app and its keys").length).toBeGreaterThan(0);
  });

  test("a value under a secret-looking key of OpenMetadata's values is never shown", () => {
    const base = okta("dev");
    const values = String(base.resource["helm_release"]!["openmetadata_release"]!["values"][0]);
    const head = edited(base, "helm_release", "openmetadata_release", "values", [
      values.replace('value: ""', "value: not-a-real-fernet-key"),
    ]);
    const changes = pair(base, head);
    expect(text(changes)).toContain("openmetadata.config.fernetkey.value: changes (value not shown)");
    expect(text(changes)).not.toContain("not-a-real-fernet-key");
  });

  test("a label is information only", () => {
    const base = okta("dev");
    const changes = pair(base, edited(base, "okta_app_oauth", "okta_oidc-app_app", "label", "OpenMetadata (dev, renamed)"));
    expect(changes.map((change) => change.level)).toEqual(["info"]);
  });

  test("a change the command does not understand is listed as such, never dropped", () => {
    const base = okta("dev");
    const changes = pair(
      base,
      edited(base, "okta_auth_server_policy_rule", "okta_authorization-server_user-login-rule", "inline_hook_id", "hook-1"),
    );
    expect(text(changes)).toBe(
      "attention | Not understood | okta_auth_server_policy_rule.okta_authorization-server_user-login-rule: `inline_hook_id` set to `hook-1` | not explained by this summary: read it in the plan (help/runbooks/reviewing-a-diff.md)",
    );
  });

  test("a new and a removed stack are said so", () => {
    expect(compareStacks(undefined, okta("dev") as StackJson)[0]!.what).toBe("the stack is new: everything is created");
    expect(compareStacks(okta("dev") as StackJson, undefined)[0]!.level).toBe("disruptive");
  });
});

/** A plan in Terraform's JSON output format (terraform show -json), as documented: format_version 1.2. */
const SECRET = "s3cr3t-client-secret-value";
const documentedPlan: PlanJson & Record<string, unknown> = {
  format_version: "1.2",
  terraform_version: "1.11.4",
  resource_changes: [
    {
      address: "okta_app_oauth.okta_oidc-app_app",
      mode: "managed",
      type: "okta_app_oauth",
      name: "okta_oidc-app_app",
      action_reason: "replace_because_cannot_update",
      change: {
        actions: ["delete", "create"],
        before: { type: "browser", client_secret: SECRET },
        after: { type: "web" },
        after_sensitive: { client_secret: true },
        replace_paths: [["type"]],
      } as never,
    },
    {
      address: "kubernetes_secret_v1.openmetadata_secrets_fernet-secret",
      mode: "managed",
      type: "kubernetes_secret_v1",
      name: "openmetadata_secrets_fernet-secret",
      change: {
        actions: ["update"],
        before: { data: { key: SECRET } },
        after: { data: { key: `${SECRET}2` } },
        after_sensitive: { data: true },
      } as never,
    },
    {
      address: "tls_private_key.openmetadata_secrets_jwt-signing-key",
      mode: "managed",
      type: "tls_private_key",
      name: "openmetadata_secrets_jwt-signing-key",
      action_reason: "replace_because_cannot_update",
      change: { actions: ["delete", "create"], replace_paths: [["rsa_bits"]] },
    },
    {
      address: "okta_trusted_origin.okta_oidc-app_trusted-origin",
      mode: "managed",
      type: "okta_trusted_origin",
      name: "okta_oidc-app_trusted-origin",
      change: { actions: ["delete"] },
    },
    {
      address: "okta_auth_server_policy_rule.okta_authorization-server_user-login-rule",
      mode: "managed",
      type: "okta_auth_server_policy_rule",
      name: "okta_authorization-server_user-login-rule",
      change: { actions: ["update"] },
    },
    {
      address: "data.okta_group.okta_oidc-app_group-0",
      mode: "data",
      type: "okta_group",
      name: "okta_oidc-app_group-0",
      change: { actions: ["read"] },
    },
  ],
};

describe("npm run changes on a plan", () => {
  test("a replaced identity provider object is named with the attribute that forces it and what it means", () => {
    const [app] = planChanges(documentedPlan);
    expect(app).toMatchObject({
      level: "disruptive",
      topic: "The app",
      what: "okta_app_oauth.okta_oidc-app_app is replaced (forced by `type`)",
    });
    expect(app!.consequences[0]).toMatch(/^new client id: OpenMetadata's values follow in the same apply.*open sessions end/);
  });

  test("a rotated Secret, a replaced key and a destroyed Okta object are listed; updates in place and reads are left to the synthesis", () => {
    const changes = planChanges(documentedPlan);
    expect(changes.map((change) => `${change.level} ${change.what}`)).toEqual([
      "disruptive okta_app_oauth.okta_oidc-app_app is replaced (forced by `type`)",
      "disruptive okta_trusted_origin.okta_oidc-app_trusted-origin is destroyed",
      "disruptive tls_private_key.openmetadata_secrets_jwt-signing-key is replaced (forced by `rsa_bits`)",
      "attention kubernetes_secret_v1.openmetadata_secrets_fernet-secret is rotated (values not shown)",
    ]);
  });

  test("no value of the plan, sensitive or not, reaches the summary", () => {
    const summary = stackSummary({
      stack: "openmetadata-dev",
      head: okta("dev") as StackJson,
      changes: [],
      planChanges: planChanges(documentedPlan),
    });
    expect(summary).not.toContain(SECRET);
    expect(summary).toContain("From the plan:");
  });

  test("a replacement without replace_paths says Terraform's reason", () => {
    const [change] = planChanges({
      format_version: "1.2",
      resource_changes: [
        {
          address: "okta_auth_server.okta_authorization-server_server",
          type: "okta_auth_server",
          action_reason: "replace_by_request",
          change: { actions: ["create", "delete"] },
        },
      ],
    });
    expect(change!.what).toBe("okta_auth_server.okta_authorization-server_server is replaced (reason: replace_by_request)");
    expect(change!.level).toBe("disruptive");
  });
});

describe("what is read of a plan", () => {
  const scratch = useTemporaryDirectories("changes-plan-");

  test("a set element in a replace path, which Terraform writes as the element's value, and a reason that is not Terraform's word are not shown", () => {
    const [change] = planChanges({
      format_version: "1.2",
      resource_changes: [
        {
          address: "auth0_client.auth0_app",
          type: "auth0_client",
          action_reason: `replace ${SECRET}`,
          change: {
            actions: ["delete", "create"],
            replace_paths: [
              ["jwt_configuration", { secret_encoded: SECRET }, "alg"],
              ["callbacks", 0],
            ],
          },
        },
      ],
    });
    expect(change!.what).toBe("auth0_client.auth0_app is replaced (forced by `jwt_configuration[…].alg`, `callbacks[0]`)");
    const [server] = planChanges({
      format_version: "1.2",
      resource_changes: [
        {
          address: "okta_auth_server.okta_authorization-server_server",
          type: "okta_auth_server",
          action_reason: `replace ${SECRET}`,
          change: { actions: ["delete", "create"] },
        },
      ],
    });
    expect(server!.what).toBe("okta_auth_server.okta_authorization-server_server is replaced (reason: not given)");
  });

  test("a plan file that is not JSON is refused without quoting it: V8's JSON.parse message would quote the text around the error", () => {
    const file = join(scratch(), "plan.json");
    writeFileSync(file, `{"format_version":"1.2","prior_state":{"client_secret":${SECRET}}}`);
    const messageOf = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    };
    expect(messageOf(() => JSON.parse(readFileSync(file, "utf8")))).toContain(SECRET.slice(0, 8));
    expect(messageOf(() => readPlanJson(file))).toBe(`${file} is not JSON: write it with terraform show -json tfplan`);
  });
});

describe("the summary and the picture", () => {
  test("the summary gives the worst level, the counts, what the stack holds and the diagram with the touched boxes highlighted", () => {
    const base = okta("staging");
    const head = okta("staging", (entry) => (entry["okta"].access.groups = ["openmetadata-users"]));
    const summary = stackSummary({
      stack: "openmetadata-staging",
      base: base as StackJson,
      head: head as StackJson,
      changes: pair(base, head),
    });
    expect(summary.split("\n")[0]).toBe("#### What `openmetadata-staging` changes for sign-in: 🛑 disruptive (1 disruptive)");
    expect(summary).toContain("Holds: Okta Web flow, Kubernetes, not protected, S3 state.");
    expect(summary).toContain("```mermaid\nflowchart LR\n");
    expect(summary).toContain("  class groups changed");
  });

  test("the diagram follows the wiring: groups, app, authorization server, policy, values and Secrets, release", () => {
    const diagram = wiringDiagram(okta("dev") as StackJson);
    expect(diagram.split("\n").filter((line) => line.includes("-->"))).toEqual([
      "  groups --> app",
      "  app --> server",
      "  server --> policy",
      "  policy --> values",
      "  service --> server",
      "  values --> release",
      "  secrets --> release",
    ]);
    expect(diagram).not.toContain("classDef");
  });

  test("a Collate environment's diagram ends at Collate, with no values or Secrets", () => {
    const json = synthEnvironment(collateEnvironment("collate-demo", "flow: spa, access: { everyone: true }")).json as StackJson;
    const diagram = wiringDiagram(json);
    expect(diagram).toContain('release["Collate: its SSO settings are sent by hand"]');
    expect(diagram).not.toContain("values[");
    expect(explain("openmetadata-collate-demo", json)).toContain(
      "Holds: Okta SPA flow, Collate (identity provider only), not protected, local state.",
    );
  });

  test("an Auth0 diagram goes from the connections to the app to OpenMetadata's values", () => {
    const diagram = wiringDiagram(auth0("auth0-staging") as StackJson);
    expect(diagram).toContain('groups["Connections: Username-Password-Authentication, google-oauth2"]');
    expect(diagram).toContain("  app --> values");
  });

  test("explain lists the sign-in settings of one environment", () => {
    const out = explain("openmetadata-dev", okta("dev") as StackJson);
    expect(out).toContain("| Who may sign in | `openmetadata-dev-users` |");
    expect(out).toContain("| Token lifetimes (minutes) | access `60`, refresh `129600`, idle window `10080` |");
    expect(out).toContain("| OpenMetadata admins | `jane.doe` |");
  });
});

describe("the command", () => {
  const scratch = useTemporaryDirectories("changes-cli-");

  function synthesis(root: string, stacks: Record<string, TerraformJson>): string {
    for (const [id, json] of Object.entries(stacks)) {
      mkdirSync(join(root, "stacks", id), { recursive: true });
      writeFileSync(join(root, "stacks", id, "cdk.tf.json"), JSON.stringify(json));
    }
    return root;
  }

  async function run(args: string[]): Promise<{ code: number; stdout: string }> {
    let stdout = "";
    const code = await runCommand(changesCommand, args, {
      stdout: (text) => void (stdout += text),
      stderr: () => undefined,
      env: process.env,
      cwd: process.cwd(),
    });
    return { code, stdout };
  }

  /** dev and prod synthesized twice, dev's head adding an admin, and a plan of dev (in plans/) that replaces its app. */
  function devAdminAddedWithPlan() {
    const dir = scratch();
    const base = synthesis(join(dir, "base"), { "openmetadata-dev": okta("dev"), "openmetadata-prod": okta("prod") });
    const head = synthesis(join(dir, "head"), {
      "openmetadata-dev": okta("dev", (entry) => entry["openmetadata"].initialAdmins.push("john.smith")),
      "openmetadata-prod": okta("prod"),
    });
    mkdirSync(join(dir, "plans"));
    writeFileSync(join(dir, "plans", "openmetadata-dev.json"), JSON.stringify(documentedPlan));
    return { dir, base, head };
  }

  test("prints a summary per changed stack, lists the unchanged ones, writes <stack>.md and reads <stack>.json plans", async () => {
    const { dir, base, head } = devAdminAddedWithPlan();
    const { code, stdout } = await run(["--base", base, "--head", head, "--plans", join(dir, "plans"), "--out-dir", join(dir, "out")]);
    expect(code).toBe(0);
    expect(stdout).toContain("#### What `openmetadata-dev` changes for sign-in: 🛑 disruptive");
    expect(stdout).toContain("admins: added `john.smith`");
    expect(stdout).toContain("okta_app_oauth.okta_oidc-app_app is replaced (forced by `type`)");
    expect(stdout).toContain("Unchanged: `openmetadata-prod`");
    expect(stdout).not.toContain(SECRET);
    expect(readFileSync(join(dir, "out", "openmetadata-dev.md"), "utf8")).toContain("admins: added `john.smith`");
  });

  test("--out-dir also writes <stack>.json, the synthesis' rows without the plan's, for every stack compared, changed or not (ci:plan reads them)", async () => {
    const { dir, base, head } = devAdminAddedWithPlan();
    const out = join(dir, "out");
    expect((await run(["--base", base, "--head", head, "--plans", join(dir, "plans"), "--out-dir", out])).code).toBe(0);
    const dev = readRowsFile(join(out, "openmetadata-dev.json"), "openmetadata-dev");
    expect(dev).toEqual(
      pair(
        okta("dev"),
        okta("dev", (entry) => entry["openmetadata"].initialAdmins.push("john.smith")),
      ),
    );
    expect(dev!.map((change) => change.what)).not.toContain("okta_app_oauth.okta_oidc-app_app is replaced (forced by `type`)");
    expect(readRowsFile(join(out, "openmetadata-prod.json"), "openmetadata-prod")).toEqual([]);
    expect(existsSync(join(out, "openmetadata-prod.md"))).toBe(false);
  });
});
