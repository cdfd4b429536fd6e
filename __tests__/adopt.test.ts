import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { findAdoptable } from "../lib/adopt/find-adoptable";
import { writeAdoptSection } from "../lib/adopt/write-adopt-section";
import { OktaManagementApi } from "../lib/adopt/okta-management-api";
import { ConfigError } from "../lib/config/errors";
import { IMPORT_BLOCKS_REQUIRED_VERSION } from "../lib/terraform-import";
import { manualSetup, startOktaManagementStub, type OktaManagementStub } from "./support/okta-management-stub";
import { environmentsFromYaml, resourceOf, synthEnvironment } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

const run = promisify(execFile);
const ROOT = resolve(__dirname, "..");
const makeTemporaryDirectory = useTemporaryDirectories("adopt");
const API_TOKEN = "00sentinel-api-token-never-printed";
const URL_OF_TEAM = "https://om.team.example.com";

function environmentYaml(flow: "spa" | "web", adopt = ""): string {
  return `# the team's environments
environments:
  - name: team
    openmetadataUrl: ${URL_OF_TEAM}
    okta:
      orgName: example
      baseUrl: okta.com
      flow: ${flow}
      appLabel: OpenMetadata
      access: { groups: [om-users] }
    openmetadata:
      cluster: { inCluster: true }
      initialAdmins: [jane.doe]
      principalDomain: example.com
${adopt}`;
}

const stubs: OktaManagementStub[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((stub) => stub.close()));
});

async function adopt(
  flow: "spa" | "web",
  objects: Parameters<typeof startOktaManagementStub>[0],
  args: string[] = [],
  env: Record<string, string> = { OKTA_API_TOKEN: API_TOKEN },
) {
  const stub = await startOktaManagementStub(objects);
  stubs.push(stub);
  const file = join(makeTemporaryDirectory(), "environments.yaml");
  writeFileSync(file, environmentYaml(flow));
  const result = await run(process.execPath, ["--import", "tsx", "scripts/adopt.ts", "team", "--okta-api-url", stub.url, ...args], {
    cwd: ROOT,
    env: { PATH: process.env["PATH"] ?? "", OPENMETADATA_ENVIRONMENTS_FILE: file, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  return { ...result, stub, file };
}

/** The discovery in-process (the CLI's own path, without a process start): the error message, or the findings. */
async function findIn(flow: "spa" | "web", objects: ReturnType<typeof manualSetup>) {
  const stub = await startOktaManagementStub({ objects, apiToken: API_TOKEN });
  stubs.push(stub);
  const [environment] = environmentsFromYaml(environmentYaml(flow));
  return findAdoptable(environment!, new OktaManagementApi(stub.url, { kind: "api-token", token: API_TOKEN })).then(
    (findings) => ({ findings, error: undefined }),
    (error: Error) => ({ findings: undefined, error: error.message }),
  );
}

describe("npm run adopt", () => {
  test(
    "finds the app by label, its server by audience, the server's scope, " +
      "claim, policy and user rule, and the trusted origin of the URL",
    async () => {
      const { code, stdout, stderr, stub } = await adopt("spa", {
        objects: manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" }),
        apiToken: API_TOKEN,
      });
      expect(code, stderr).toBe(0);
      expect(parse(stdout)).toEqual({
        adopt: {
          okta: {
            appId: "0oaManualApp0000001",
            authorizationServerId: "ausManualServer0001",
            scopeId: "scpManualScope00001",
            accessTokenEmailClaimId: "oclManualEmail00001",
            policyId: "00pManualPolicy0001",
            userLoginRuleId: "0prManualRule000001",
            trustedOriginId: "tosManualOrigin0001",
          },
        },
      });
      // The apps list has more than one page: the second was followed.
      expect(stub.requests.filter((request) => request === "GET /api/v1/apps").length).toBeGreaterThan(1);
      expect(stub.requests.every((request) => request.startsWith("GET "))).toBe(true);
      expect(stderr).toContain("the cluster is not read");
      expect(`${stdout}${stderr}`).not.toContain(API_TOKEN);
    },
  );

  test("the printed section, pasted into the file, makes synth import each object at the address the stack manages", async () => {
    const { stdout } = await adopt("spa", {
      objects: manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" }),
      apiToken: API_TOKEN,
    });
    const section = stdout
      .split("\n")
      .filter((line) => !line.startsWith("#"))
      .map((line) => `    ${line}`)
      .join("\n");
    const [environment] = environmentsFromYaml(environmentYaml("spa", section));
    const { json } = synthEnvironment(environment!);
    expect((json as any).import).toEqual([
      { to: "okta_app_oauth.okta_oidc-app_app", id: "0oaManualApp0000001" },
      { to: "okta_app_group_assignments.okta_oidc-app_group-assignments", id: "0oaManualApp0000001" },
      { to: "okta_trusted_origin.okta_oidc-app_trusted-origin", id: "tosManualOrigin0001" },
      { to: "okta_auth_server.okta_authorization-server_server", id: "ausManualServer0001" },
      { to: "okta_auth_server_claim_default.okta_authorization-server_email-id-token-claim", id: "ausManualServer0001/email" },
      { to: "okta_auth_server_scope.okta_authorization-server_default-scope", id: "ausManualServer0001/scpManualScope00001" },
      { to: "okta_auth_server_claim.okta_authorization-server_email-access-token-claim", id: "ausManualServer0001/oclManualEmail00001" },
      { to: "okta_auth_server_policy.okta_authorization-server_access-policy", id: "ausManualServer0001/00pManualPolicy0001" },
      {
        to: "okta_auth_server_policy_rule.okta_authorization-server_user-login-rule",
        id: "ausManualServer0001/00pManualPolicy0001/0prManualRule000001",
      },
    ]);
    expect(json.terraform["required_version"]).toBe(IMPORT_BLOCKS_REQUIRED_VERSION);
  });

  test("--write puts the section into the environment's entry, keeping the file's comments, and the file still loads", async () => {
    const { code, stderr, file } = await adopt(
      "spa",
      { objects: manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" }), apiToken: API_TOKEN },
      ["--write"],
    );
    expect(code, stderr).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("# the team's environments")).toBe(true);
    expect(parse(text).environments[0].adopt.okta.appId).toBe("0oaManualApp0000001");
    expect(stderr).toContain("next: npx cdktf diff openmetadata-team");
  });

  test("refuses a SPA where the file says web: the app type cannot change in place, so importing would replace it (exit 1)", async () => {
    const { code, stderr } = await adopt("web", {
      objects: manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" }),
      apiToken: API_TOKEN,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        String.raw`^error: app "OpenMetadata" \(0oaManualApp0000001\) is a browser app, but environment "team"` +
          String.raw` declares okta\.flow: web .*replace the app with a new client id\. Set okta\.flow: spa`,
      ),
    );
  });

  test("refuses a Web app that has no client secret, which the Web flow hands to OpenMetadata", async () => {
    const { error } = await findIn(
      "web",
      manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "web", authMethod: "private_key_jwt" }),
    );
    expect(error).toContain("authenticates with private_key_jwt, so it has no client secret");
  });

  test("a Web app is adopted with a note that import does not read its secret", async () => {
    const { findings } = await findIn("web", manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "web" }));
    expect(findings?.adopt.okta?.appId).toBe("0oaManualApp0000001");
    expect(findings?.notes).toContainEqual(expect.stringContaining("export TF_VAR_okta_adopted_client_secret"));
  });

  test("authenticates like the provider with a private key: a signed client assertion for the read scopes only", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const objects = manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" });
    const env = {
      OKTA_API_CLIENT_ID: "0oaTerraform0000001",
      OKTA_API_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      OKTA_API_PRIVATE_KEY_ID: "terraform-1",
      OKTA_API_SCOPES: "okta.apps.manage,okta.apps.read,okta.authorizationServers.read,okta.trustedOrigins.read",
    };
    const { code, stderr, stub } = await adopt(
      "spa",
      {
        objects,
        serviceApp: { clientId: env.OKTA_API_CLIENT_ID, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() },
      },
      [],
      env,
    );
    expect(code, stderr).toBe(0);
    expect(stub.tokenScopes).toEqual(["okta.apps.read", "okta.authorizationServers.read", "okta.trustedOrigins.read"]);
  });

  test("OKTA_API_PRIVATE_KEY may be the path of the PEM file, as the Okta provider documents", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyFile = join(makeTemporaryDirectory(), "okta-api.pem");
    writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }).toString(), { mode: 0o600 });
    const objects = manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" });
    const env = {
      OKTA_API_CLIENT_ID: "0oaTerraform0000001",
      OKTA_API_PRIVATE_KEY: keyFile,
      OKTA_API_PRIVATE_KEY_ID: "terraform-1",
      OKTA_API_SCOPES: "okta.apps.read,okta.authorizationServers.read,okta.trustedOrigins.read",
    };
    const serviceApp = { clientId: env.OKTA_API_CLIENT_ID, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
    const { code, stderr } = await adopt("spa", { objects, serviceApp }, [], env);
    expect(code, stderr).toBe(0);
  });

  test("an encrypted OKTA_API_PRIVATE_KEY is named as encrypted, with how to decrypt it", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const encrypted = privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pass" }).toString();
    const env = {
      OKTA_API_CLIENT_ID: "0oaTerraform0000001",
      OKTA_API_PRIVATE_KEY: encrypted,
      OKTA_API_SCOPES: "okta.apps.read,okta.authorizationServers.read,okta.trustedOrigins.read",
    };
    const { code, stderr } = await adopt(
      "spa",
      { objects: manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" }) },
      [],
      env,
    );
    expect(code).toBe(2);
    expect(stderr).toContain("OKTA_API_PRIVATE_KEY is an encrypted (passphrase-protected) private key");
    expect(stderr).toContain("openssl pkcs8 -topk8 -nocrypt");
    expect(stderr).not.toContain("BEGIN ENCRYPTED");
  });

  test("without credentials it says which variables to set, exits 2 and sends nothing", async () => {
    const { code, stderr, stub } = await adopt(
      "spa",
      { objects: manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" }) },
      [],
      {},
    );
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe(
      "error: no Okta credentials: set OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY, " +
        "OKTA_API_PRIVATE_KEY_ID and OKTA_API_SCOPES (recommended) or OKTA_API_TOKEN, as for cdktf " +
        "deploy",
    );
    expect(stub.requests).toEqual([]);
  });

  test("an app label that matches no app names the label and the way out", async () => {
    const { error } = await findIn("spa", manualSetup({ label: "OpenMetadata prod", url: URL_OF_TEAM, applicationType: "browser" }));
    expect(error).toContain('no OIDC app is labelled "OpenMetadata" (okta.appLabel); give its client id with --client-id');
  });

  test("what was not made by hand is left for the stack to create, with a note for each", async () => {
    const objects = manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" });
    const { findings } = await findIn("spa", { ...objects, authorizationServers: [], trustedOrigins: [] });
    expect(findings?.adopt).toEqual({ okta: { appId: "0oaManualApp0000001" } });
    expect(findings?.notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining("no authorization server has audience 0oaManualApp0000001"),
        expect.stringContaining(`no trusted origin for ${URL_OF_TEAM}`),
      ]),
    );
  });

  test("two authorization servers for the same audience are refused, naming both", async () => {
    const objects = manualSetup({ label: "OpenMetadata", url: URL_OF_TEAM, applicationType: "browser" });
    const copy = { ...objects.authorizationServers[1]!, id: "ausSecondServer0001", name: "OpenMetadata copy" };
    const { error } = await findIn("spa", { ...objects, authorizationServers: [...objects.authorizationServers, copy] });
    expect(error).toContain(
      "2 authorization servers have the app's client id as audience (OpenMetadata " +
        "ausManualServer0001, OpenMetadata copy ausSecondServer0001)",
    );
  });
});

describe("the adopt section", () => {
  const adopted = (section: string, flow: "spa" | "web" = "spa") =>
    environmentsFromYaml(environmentYaml(flow, `    adopt:\n${section}`))[0]!;

  test("without adopt nothing is imported and no Terraform version is demanded", () => {
    const { json } = synthEnvironment(environmentsFromYaml(environmentYaml("spa"))[0]!);
    expect((json as any).import).toBeUndefined();
    expect(json.terraform["required_version"]).toBeUndefined();
  });

  test("adopt.openmetadata.release imports the namespace by name and each release as <namespace>/<name>", () => {
    const { json } = synthEnvironment(adopted("      openmetadata: { release: true }\n"));
    expect((json as any).import).toEqual([
      { to: "kubernetes_namespace_v1.openmetadata_namespace", id: "openmetadata-team" },
      { to: "helm_release.openmetadata_dependencies_release", id: "openmetadata-team/openmetadata-dependencies" },
      { to: "helm_release.openmetadata_release", id: "openmetadata-team/openmetadata" },
    ]);
  });

  test(
    "an adopted Web app never hands OpenMetadata an empty secret: a sensitive variable stands " +
      "in until state holds one, and a postcondition stops the plan otherwise",
    () => {
      const { json } = synthEnvironment(adopted("      okta: { appId: 0oaManualApp0000001 }\n", "web"));
      expect(json.variable?.["okta_adopted_client_secret"]).toMatchObject({ sensitive: true, type: "string", default: "" });
      const app = resourceOf(json, "okta_app_oauth", "okta_oidc-app_app");
      expect(app.lifecycle.postcondition).toEqual([
        {
          condition: '${self.client_secret != "" || var.okta_adopted_client_secret != ""}',
          error_message: expect.stringContaining("Set TF_VAR_okta_adopted_client_secret"),
        },
      ]);
      expect(resourceOf(json, "kubernetes_secret_v1", "openmetadata_secrets_oidc-secret").data["openmetadata-oidc-client-secret"]).toBe(
        '${okta_app_oauth.okta_oidc-app_app.client_secret != "" ? ' +
          "okta_app_oauth.okta_oidc-app_app.client_secret : " +
          "var.okta_adopted_client_secret}",
      );
      // A created Web app reads its secret from state directly.
      const { json: created } = synthEnvironment(environmentsFromYaml(environmentYaml("web"))[0]!);
      expect(created.variable?.["okta_adopted_client_secret"]).toBeUndefined();
    },
  );

  test("ids are checked like every other field: the type prefix, and the parent every child id is imported under", () => {
    const errors = (section: string) => {
      try {
        adopted(section);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error("expected a ConfigError");
    };
    expect(errors("      okta: { appId: aus1a2b3c4d5e6f7g8h9 }\n")).toContain(
      'field adopt.okta.appId: got "aus1a2b3c4d5e6f7g8h9"; expected the OIDC app\'s id',
    );
    expect(errors("      okta: { policyId: 00p1a2b3c4d5e6f7g8h9 }\n")).toContain(
      'field adopt.okta.authorizationServerId: missing; adopt.okta.policyId is imported as "<authorizationServerId>/<policyId>"',
    );
    expect(errors("      okta: { authorizationServerId: aus1a2b3c4d5e6f7g8h9, userLoginRuleId: 0pr1a2b3c4d5e6f7g8h9 }\n")).toContain(
      "field adopt.okta.policyId: missing",
    );
    expect(errors("      okta: { serviceAppId: 0oa1a2b3c4d5e6f7g8h9 }\n")).toContain("the environment declares no service app");
    expect(errors("      {}\n")).toContain("names nothing to adopt");
  });
});

describe("writing the adopt section into the file", () => {
  const BOM = "\uFEFF";
  const section = { okta: { appId: "0oaManualApp0000001" } };

  test.each(["json", "yaml"] as const)(
    "a %s file saved with a UTF-8 byte order mark (PowerShell's -Encoding utf8) gets its section and keeps its mark",
    (format) => {
      const file = join(makeTemporaryDirectory(), `environments.${format}`);
      const text = format === "json" ? JSON.stringify(parse(environmentYaml("spa")), null, 2) : environmentYaml("spa");
      writeFileSync(file, `${BOM}${text}`);
      writeAdoptSection(file, "team", section);
      const written = readFileSync(file, "utf8");
      expect(written.startsWith(BOM)).toBe(true);
      expect(parse(written.slice(1)).environments[0].adopt).toEqual(section);
    },
  );

  test("a file without the mark is written without one", () => {
    const file = join(makeTemporaryDirectory(), "environments.yaml");
    writeFileSync(file, environmentYaml("spa"));
    writeAdoptSection(file, "team", section);
    expect(readFileSync(file, "utf8").startsWith("# the team's environments")).toBe(true);
  });
});
