import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Environment } from "../lib/config/environment";
import { declaredSecurityConfig, type JsonObject, type SecurityConfigDocument } from "../lib/openmetadata/security-config";
import { bindingFromOutputs, declaredSettings } from "../lib/sso-sync/declared";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { SsoSyncUsageError } from "../lib/sso-sync/errors";
import { runSsoSyncCli, SSO_SYNC_USAGE } from "../lib/sso-sync/cli";
import { runSsoSync } from "../lib/sso-sync/run";
import { parseStackOutputs } from "../lib/verify/outputs";
import { runVerify } from "../lib/verify/checks";
import { resolveTarget } from "../lib/verify/target";
import { FIXTURE_ENVIRONMENTS_FILE, FIXTURE_AUTH0_ENVIRONMENTS_FILE } from "./support/synth";
import { MASK, type OpenMetadataStub, type OpenMetadataStubOptions, type StubUser } from "./support/openmetadata-stub";
import { deploySso, type SsoDeployment } from "./support/sso-deployment";
import { useTemporaryDirectories } from "./support/temporary-directories";

// sso-sync against the fixture dev (SPA) and staging (Web) environments "deployed" on 127.0.0.1,
// with an OpenMetadata whose admin API behaves as help/sso-sync.md describes.

const projectRoot = resolve(__dirname, "..");
const tsxCli = join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs");
const run = promisify(execFile);
const temporaryDirectory = useTemporaryDirectories("sso-sync-test");

/** A sentinel: if it shows up in any output, the token leaked. */
const ADMIN_TOKEN = "om-pat-SENTINEL-4b1d7c2e9f";
const ADMIN: StubUser = { name: "sso-sync-admin", isAdmin: true, isBot: false };
const BOT_TOKEN = "om-bot-token-SENTINEL-88a1";
const USERS = new Map<string, StubUser>([
  [ADMIN_TOKEN, ADMIN],
  [BOT_TOKEN, { name: "ingestion-bot", isAdmin: true, isBot: true }],
  ["om-pat-of-a-viewer", { name: "viewer", isAdmin: false, isBot: false }],
]);
const WEB_APP = "okta_app_oauth.okta_oidc-app_app";

let dev: SsoDeployment;
let staging: SsoDeployment;

beforeAll(async () => {
  [dev, staging] = await Promise.all([deploySso("dev"), deploySso("staging")]);
});
afterAll(async () => {
  await Promise.all([dev?.close(), staging?.close()]);
});

function clientSecretOf(deployment: SsoDeployment): string {
  const secret = deployment.okta.clients.get(WEB_APP)?.clientSecret;
  if (!secret) throw new Error(`${deployment.environment.name} has no client secret`);
  return secret;
}

/** An OpenMetadata of the deployment with the admin API; staging's has the Web app's real secret stored. */
function startOpenMetadata(deployment: SsoDeployment, variant: Partial<OpenMetadataStubOptions> = {}): Promise<OpenMetadataStub> {
  const clientSecret = deployment.environment.okta?.flow === "web" ? clientSecretOf(deployment) : undefined;
  return deployment.startOpenMetadata({ users: USERS, ...(clientSecret ? { clientSecret } : {}), ...variant });
}

function outputsOf(deployment: SsoDeployment) {
  const { stackId } = deployment.environment;
  return parseStackOutputs(deployment.outputs, stackId, "outputs.json");
}

async function sync(
  deployment: SsoDeployment,
  openmetadata: OpenMetadataStub,
  options: { apply?: boolean; clientSecret?: string; token?: string; environment?: Environment } = {},
) {
  let output = "";
  const code = await runSsoSync({
    environment: options.environment ?? deployment.environment,
    outputs: outputsOf(deployment),
    openmetadataUrl: openmetadata.url,
    apply: options.apply ?? false,
    token: options.token ?? ADMIN_TOKEN,
    ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
    http: { timeoutMs: 3000 },
    write: (text) => {
      output += text;
    },
  });
  return { code, output };
}

const methods = (stub: OpenMetadataStub) => stub.requests.map((request) => `${request.method} ${request.path}`);
const section = (document: SecurityConfigDocument, name: "oidcConfiguration" | "ldapConfiguration") =>
  document.authenticationConfiguration[name] as JsonObject;

/** The command line in-process; the fixture environments file, and only the given variables. */
async function cli(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runSsoSyncCli(args, {
    env: { OPENMETADATA_ENVIRONMENTS_FILE: FIXTURE_ENVIRONMENTS_FILE, ...env },
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    http: { timeoutMs: 3000 },
  });
  return { code, stdout, stderr };
}

/** Options of the usage text that would take a secret's value on the command line (none may). */
const USAGE_OPTIONS_TAKING_SECRETS = [...SSO_SYNC_USAGE.matchAll(/^\s+(--[\w-]+) (\S+)/gm)]
  .filter(([, , value]) => /SECRET|TOKEN/.test(value!) && !/^(VAR|FILE)$/.test(value!))
  .map(([, option]) => option);

function outputsFile(deployment: SsoDeployment): string {
  const file = join(temporaryDirectory(), "outputs.json");
  writeFileSync(file, JSON.stringify(deployment.outputs));
  return file;
}

describe("the declared settings", () => {
  test.each(["dev", "staging"])("of %s equal the settings of the Helm release the stack synthesizes", (name) => {
    const deployment = name === "dev" ? dev : staging;
    // The release's values with Okta's references resolved, against the values rebuilt from the outputs.
    expect(declaredSettings(deployment.environment, outputsOf(deployment), "s3cret").document).toEqual(
      declaredSecurityConfig(deployment.values, "s3cret"),
    );
  });

  test("carry every SSO key the Helm values set, under the server's name, so a new value cannot escape the comparison", () => {
    const { authentication, authorizer } = staging.values.openmetadata.config;
    const declared = declaredSecurityConfig(staging.values, "s3cret");
    // The chart's names that the server stores under another name; `enabled` only switches a section on in the chart.
    const renamed: Record<string, string> = {
      "authentication.publicKeys": "publicKeyUrls",
      "oidc.oidcType": "type",
      "oidc.clientId": "id",
      "oidc.clientSecret": "secret",
      "authorizer.initialAdmins": "adminPrincipals",
    };
    const storedName = (section: string, key: string) => renamed[`${section}.${key}`] ?? key;
    const missing = (section: string, values: object, stored: JsonObject) =>
      Object.keys(values)
        .filter((key) => key !== "enabled" && !(storedName(section, key) in stored))
        .map((key) => `${section}.${key}`);
    const oidc = declared.authenticationConfiguration["oidcConfiguration"] as JsonObject;
    expect([
      ...missing("authentication", authentication, declared.authenticationConfiguration),
      ...missing("oidc", authentication.oidcConfiguration, oidc),
      ...missing("authorizer", authorizer, declared.authorizerConfiguration),
    ]).toEqual([]);
  });

  test("a Collate environment is refused before any request, with what to do instead", async () => {
    const openmetadata = await startOpenMetadata(dev);
    const collate = { ...dev.environment, target: "collate", openmetadata: undefined } as Environment;
    await expect(sync(dev, openmetadata, { environment: collate })).rejects.toThrow(
      new SsoSyncUsageError(
        `environment dev targets Collate: its OpenMetadata is configured by the Collate team, so ` +
          `there is nothing to sync; give them the issuer_url and client_id outputs`,
      ),
    );
    expect(openmetadata.requests).toEqual([]);
  });
});

describe("sso-sync without --apply", () => {
  test.each(["dev", "staging"])("finds %s as first booted in sync, exits 0 and only reads", async (name) => {
    const deployment = name === "dev" ? dev : staging;
    const openmetadata = await startOpenMetadata(deployment);
    const { code, output } = await sync(deployment, openmetadata, name === "staging" ? { clientSecret: clientSecretOf(staging) } : {});
    expect(output).toContain("IN SYNC");
    expect(code).toBe(0);
    // The SPA owns no secret; the Web flow's is masked, and said so.
    expect(output.includes("note: authenticationConfiguration.oidcConfiguration.secret not compared: OpenMetadata masks it")).toBe(
      name === "staging",
    );
    expect(methods(openmetadata)).toEqual(["GET /api/v1/users/loggedInUser", "GET /api/v1/system/security/config"]);
    expect(openmetadata.requests.every((request) => request.authorization === `Bearer ${ADMIN_TOKEN}`)).toBe(true);
  });

  test("exits 1 on drift, naming each differing field with both values, and writes nothing", async () => {
    const openmetadata = await startOpenMetadata(staging, {
      editStored: (document) => {
        document.authenticationConfiguration["clientId"] = "0oa-previous-app";
        section(document, "oidcConfiguration")["callbackUrl"] = "http://openmetadata:8585/callback";
        document.authorizerConfiguration["principalDomain"] = "old.example.com";
      },
    });
    const { code, output } = await sync(staging, openmetadata, { clientSecret: clientSecretOf(staging) });
    expect(code).toBe(1);
    const declaredClientId = outputsOf(staging).client_id;
    expect(output).toContain(`authenticationConfiguration.clientId: stored "0oa-previous-app", declared "${declaredClientId}"`);
    expect(output).toContain(
      `authenticationConfiguration.oidcConfiguration.callbackUrl: stored ` +
        `"http://openmetadata:8585/callback", declared ` +
        `"https://openmetadata.staging.example.com/callback"`,
    );
    expect(output).toContain(`authorizerConfiguration.principalDomain: stored "old.example.com"`);
    expect(output).toContain("DRIFT: 3 fields differ; nothing was written");
    // The masked secret is named as not comparable, never shown.
    expect(output).toContain("note: authenticationConfiguration.oidcConfiguration.secret not compared: OpenMetadata masks it");
    expect(output).not.toContain(clientSecretOf(staging));
    expect(output).not.toContain(ADMIN_TOKEN);
    expect(methods(openmetadata).filter((call) => !call.startsWith("GET "))).toEqual([]);
  });

  test("compares a readable stored secret and reports a difference without either value", async () => {
    // OpenMetadata does not mask an empty secret: the Web flow was first booted without one.
    const openmetadata = await startOpenMetadata(staging, { clientSecret: "" });
    const { code, output } = await sync(staging, openmetadata, { clientSecret: clientSecretOf(staging) });
    expect(code).toBe(1);
    expect(output).toContain("authenticationConfiguration.oidcConfiguration.secret: differs from the declared secret (values not shown)");
    expect(output).not.toContain(clientSecretOf(staging));
  });

  test("reports a missing oidcConfiguration field by field, naming the secret without its value", async () => {
    // Stored while the environment was still a SPA: the Web flow's settings were never stored.
    const openmetadata = await startOpenMetadata(staging, {
      editStored: (document) => void delete document.authenticationConfiguration["oidcConfiguration"],
    });
    const { code, output } = await sync(staging, openmetadata, { clientSecret: clientSecretOf(staging) });
    expect(code).toBe(1);
    expect(output).toContain(
      `authenticationConfiguration.oidcConfiguration.discoveryUri: stored null, declared "` +
        `${outputsOf(staging).issuer_url}/.well-known/openid-configuration"`,
    );
    expect(output).toContain("authenticationConfiguration.oidcConfiguration.secret: differs from the declared secret (values not shown)");
    // Not even redacted: the secret never reached a line.
    expect(output).not.toContain("[redacted]");
    expect(output).not.toContain(clientSecretOf(staging));
  });

  test("refuses a bot's token and a non-admin's before reading the settings, and says why", async () => {
    const openmetadata = await startOpenMetadata(dev);
    const bot = await sync(dev, openmetadata, { token: BOT_TOKEN });
    expect(bot).toEqual({
      code: 1,
      output: expect.stringContaining("error: the token belongs to the bot ingestion-bot; use a personal access token of an admin user"),
    });
    const viewer = await sync(dev, openmetadata, { token: "om-pat-of-a-viewer" });
    expect(viewer.output).toContain("error: the token's user viewer is not an admin");
    expect(methods(openmetadata)).toEqual(["GET /api/v1/users/loggedInUser", "GET /api/v1/users/loggedInUser"]);
    expect(`${bot.output}${viewer.output}`).not.toContain(BOT_TOKEN);
  });

  test("a token OpenMetadata does not know gets its 401 explained, and nothing else is asked", async () => {
    const openmetadata = await startOpenMetadata(dev);
    const { code, output } = await sync(dev, openmetadata, { token: "om-pat-revoked-SENTINEL" });
    expect(code).toBe(1);
    expect(output).toContain(
      "GET /api/v1/users/loggedInUser answered HTTP 401: OPENMETADATA_ADMIN_TOKEN is not a valid personal access token here",
    );
    expect(output).not.toContain("om-pat-revoked-SENTINEL");
    expect(openmetadata.requests).toHaveLength(1);
  });
});

describe("sso-sync --apply", () => {
  test(
    "validates, then writes the merged document and reads it back, keeping " + "unowned fields, OpenMetadata's own jwks URL and the caller",
    async () => {
      const openmetadata = await startOpenMetadata(staging, {
        clientSecret: "the-previous-secret",
        editStored: (document) => {
          document.authenticationConfiguration["clientId"] = "0oa-previous-app";
          document.authenticationConfiguration["publicKeyUrls"] = [
            "http://localhost:8585/api/v1/system/config/jwks",
            "https://example.okta.com/oauth2/aus-old/v1/keys",
          ];
          document.authenticationConfiguration["samlConfiguration"] = { debugMode: false };
          section(document, "oidcConfiguration")["tenant"] = "kept-tenant";
          document.authorizerConfiguration["adminPrincipals"] = ["jane.doe", ADMIN.name, "left.the.company"];
          document.authorizerConfiguration["className"] = "com.example.CustomAuthorizer";
        },
      });
      const before = openmetadata.stored();
      const secret = clientSecretOf(staging);
      const { code, output } = await sync(staging, openmetadata, { apply: true, clientSecret: secret });

      expect(output).toContain("read back: OpenMetadata stores the declared settings");
      expect(code).toBe(0);
      expect(methods(openmetadata)).toEqual([
        "GET /api/v1/users/loggedInUser",
        "GET /api/v1/system/security/config",
        "POST /api/v1/system/security/validate",
        "PUT /api/v1/system/security/config",
        "GET /api/v1/system/security/config",
      ]);
      const stored = openmetadata.stored();
      const declared = declaredSettings(staging.environment, outputsOf(staging), secret).document;
      const declaredKeys = declared.authenticationConfiguration["publicKeyUrls"] as string[];
      expect(stored.authenticationConfiguration).toMatchObject({
        ...declared.authenticationConfiguration,
        publicKeyUrls: [declaredKeys[0], "http://localhost:8585/api/v1/system/config/jwks", declaredKeys[1]],
        samlConfiguration: { debugMode: false },
      });
      expect(section(stored, "oidcConfiguration")).toMatchObject({ secret, tenant: "kept-tenant", prompt: "consent" });
      expect(stored.authorizerConfiguration).toMatchObject({
        adminPrincipals: ["jane.doe", "john.smith", ADMIN.name],
        className: "com.example.CustomAuthorizer",
        containerRequestFilter: before.authorizerConfiguration["containerRequestFilter"],
      });
      // The validated document is the written one.
      const [validated, written] = openmetadata.requests.filter((request) => request.method !== "GET").map((request) => request.body);
      expect(validated).toEqual(written);
      // The LDAP password came masked: it is not sent back as the mask.
      expect(JSON.stringify(written)).not.toContain(MASK);
      expect(output).toContain(
        "note: authenticationConfiguration.ldapConfiguration.dnAdminPassword is masked " +
          "by OpenMetadata and not used by provider okta; written empty",
      );
      expect(output).toContain("Only the pod that served the request reloaded them (#30882)");
      expect(output).toContain("kubectl -n openmetadata-staging rollout restart deploy/openmetadata");
      expect(output).not.toContain(secret);
      expect(output).not.toContain(ADMIN_TOKEN);

      // Afterwards the report finds nothing to do.
      expect((await sync(staging, openmetadata, { clientSecret: secret })).code).toBe(0);
    },
  );

  test("stops when OpenMetadata's validation fails, and writes nothing", async () => {
    const openmetadata = await startOpenMetadata(dev, {
      validationFailure: "Failed to fetch OIDC discovery document",
      editStored: (document) => void (document.authenticationConfiguration["clientId"] = "0oa-previous-app"),
    });
    const before = openmetadata.stored();
    const { code, output } = await sync(dev, openmetadata, { apply: true });
    expect(code).toBe(1);
    expect(output).toContain("validation: authentication: Failed to fetch OIDC discovery document");
    expect(output).toContain("error: OpenMetadata refused the document (POST /api/v1/system/security/validate); nothing was written");
    expect(methods(openmetadata)).not.toContain("PUT /api/v1/system/security/config");
    expect(openmetadata.stored()).toEqual(before);
  });

  test("redacts the admin token when OpenMetadata's answer echoes it", async () => {
    const openmetadata = await startOpenMetadata(dev, {
      validationFailure: `request with Authorization: Bearer ${ADMIN_TOKEN} refused`,
      editStored: (document) => void (document.authenticationConfiguration["clientId"] = "0oa-previous-app"),
    });
    const { code, output } = await sync(dev, openmetadata, { apply: true });
    expect(code).toBe(1);
    expect(output).toContain("validation: authentication: request with Authorization: Bearer [redacted] refused");
    expect(output).not.toContain(ADMIN_TOKEN);
  });

  test("fails when the settings read back differ from the ones written, naming the field", async () => {
    const openmetadata = await startOpenMetadata(dev, {
      editStored: (document) => void (document.authorizerConfiguration["principalDomain"] = "old.example.com"),
      editOnWrite: (document) => void (document.authorizerConfiguration["principalDomain"] = "old.example.com"),
    });
    const { code, output } = await sync(dev, openmetadata, { apply: true });
    expect(code).toBe(1);
    expect(output).toContain(
      "error: read back: OpenMetadata stores other values than were written (authorizerConfiguration.principalDomain)",
    );
    expect(output).not.toContain("kubectl");
  });

  test("writes nothing when the public flow is already in sync", async () => {
    const openmetadata = await startOpenMetadata(dev);
    const { code, output } = await sync(dev, openmetadata, { apply: true });
    expect(code).toBe(0);
    expect(output).toContain("IN SYNC: nothing to write");
    expect(methods(openmetadata)).toEqual(["GET /api/v1/users/loggedInUser", "GET /api/v1/system/security/config"]);
  });

  test("for the Web flow needs a client secret source, and refuses without one before any request", async () => {
    const openmetadata = await startOpenMetadata(staging);
    await expect(sync(staging, openmetadata, { apply: true })).rejects.toThrow(
      new RegExp(
        String.raw`environment staging uses the confidential \(web\) flow: --apply needs the` +
          String.raw` client secret from --client-secret-env VAR or --client-secret-file FILE`,
      ),
    );
    expect(openmetadata.requests).toEqual([]);
  });

  test("fixes the stale oidcConfiguration.callbackUrl that verify cannot see", async () => {
    const openmetadata = await startOpenMetadata(staging, {
      editStored: (document) => void (section(document, "oidcConfiguration")["callbackUrl"] = "http://openmetadata:8585/callback"),
    });
    const target = resolveTarget(staging.environment, outputsOf(staging), { openmetadataUrl: openmetadata.url });
    const report = await runVerify(target, { http: { timeoutMs: 2000, retries: 0 } });
    // verify passes (the unauthenticated endpoint nulls oidcConfiguration) but says what it cannot see.
    const settings = report.checks.find((check) => check.id === "openmetadata-auth-config");
    expect(settings).toMatchObject({
      status: "pass",
      detail: expect.stringContaining("oidcConfiguration.callbackUrl is not served without login: npm run sso-sync checks it"),
    });
    const { code, output } = await sync(staging, openmetadata, { apply: true, clientSecret: clientSecretOf(staging) });
    expect(output).toContain(`authenticationConfiguration.oidcConfiguration.callbackUrl: stored "http://openmetadata:8585/callback"`);
    expect(code).toBe(0);
    expect(section(openmetadata.stored(), "oidcConfiguration")["callbackUrl"]).toBe("https://openmetadata.staging.example.com/callback");
  });
});

describe("the sso-sync command", () => {
  test("without OPENMETADATA_ADMIN_TOKEN prints one line naming it, exits 2 and sends nothing", async () => {
    const openmetadata = await startOpenMetadata(dev);
    const { code, stdout, stderr } = await cli(["dev", "--outputs", outputsFile(dev), "--openmetadata-url", openmetadata.url], {});
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^error: OPENMETADATA_ADMIN_TOKEN is not set; .*nothing was sent$/),
    ]);
    expect(openmetadata.requests).toEqual([]);
  });

  test("reports drift with exit 1 and applies with the secret from a file, printing neither the token nor the secret", async () => {
    const openmetadata = await startOpenMetadata(staging, {
      editStored: (document) => void (document.authenticationConfiguration["authority"] = "https://example.okta.com/oauth2/default"),
    });
    const secret = clientSecretOf(staging);
    const secretFile = join(temporaryDirectory(), "client-secret");
    writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
    const args = ["staging", "--outputs", outputsFile(staging), "--openmetadata-url", openmetadata.url];
    const report = await cli(args, { OPENMETADATA_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(report.code).toBe(1);
    expect(report.stdout).toContain(`authenticationConfiguration.authority: stored "https://example.okta.com/oauth2/default"`);
    const applied = await cli([...args, "--apply", "--client-secret-file", secretFile], { OPENMETADATA_ADMIN_TOKEN: ADMIN_TOKEN });
    expect(applied.code).toBe(0);
    expect(section(openmetadata.stored(), "oidcConfiguration")["secret"]).toBe(secret);
    for (const text of [report.stdout, report.stderr, applied.stdout, applied.stderr]) {
      expect(text).not.toContain(ADMIN_TOKEN);
      expect(text).not.toContain(secret);
    }
  });

  test.each([
    [["dev", "--outputs", "missing.json"], "error: --outputs missing.json: no such file (ENOENT)"],
    [
      ["dev", "--outputs", "o.json", "--bogus"],
      "error: unknown option --bogus; options: --outputs, --openmetadata-url, --apply, " +
        "--client-secret-env, --client-secret-file, --timeout-ms, --help",
    ],
    [
      ["staging", "--outputs", "o.json", "--client-secret-env", "A", "--client-secret-file", "B"],
      "error: give the client secret either with --client-secret-env or with --client-secret-file, not both",
    ],
    [["qa", "--outputs", "o.json"], 'error: no environment "qa" in __tests__/fixtures/environments.yaml; the file has dev, staging, prod'],
  ])("answers bad usage %j with one line, a pointer to --help and exit 2", async (args, line) => {
    const { code, stdout, stderr } = await cli(args, { OPENMETADATA_ADMIN_TOKEN: ADMIN_TOKEN });
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: "", stderr: `${line}\nRun "npm run sso-sync -- --help" for usage.\n` });
  });

  test("takes the secret from a named variable, never from the command line, and refuses an unset one", async () => {
    const openmetadata = await startOpenMetadata(staging);
    const unset = await cli(
      [
        "staging",
        "--outputs",
        outputsFile(staging),
        "--openmetadata-url",
        openmetadata.url,
        "--apply",
        "--client-secret-env",
        "WEB_APP_SECRET",
      ],
      { OPENMETADATA_ADMIN_TOKEN: ADMIN_TOKEN },
    );
    expect(unset).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("error: --client-secret-env WEB_APP_SECRET: the variable is not set or empty"),
    });
    expect(openmetadata.requests).toEqual([]);
    expect(USAGE_OPTIONS_TAKING_SECRETS).toEqual([]);
  });

  test("runs as npm run sso-sync, with the token from the environment and nothing of it printed", async () => {
    const openmetadata = await startOpenMetadata(dev, {
      editStored: (document) => void (document.authenticationConfiguration["clientId"] = "0oa-previous-app"),
    });
    const { OPENMETADATA_ADMIN_TOKEN: _inherited, OPENMETADATA_ENVIRONMENTS_FILE: _file, ...inherited } = process.env;
    const { code, stdout, stderr } = await run(
      process.execPath,
      [tsxCli, "scripts/sso-sync.ts", "dev", "--outputs", outputsFile(dev), "--openmetadata-url", openmetadata.url],
      {
        cwd: projectRoot,
        env: { ...inherited, OPENMETADATA_ENVIRONMENTS_FILE: FIXTURE_ENVIRONMENTS_FILE, OPENMETADATA_ADMIN_TOKEN: ADMIN_TOKEN },
      },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(code).toBe(1);
    expect(stdout).toContain(`authenticationConfiguration.clientId: stored "0oa-previous-app"`);
    expect(`${stdout}${stderr}`).not.toContain(ADMIN_TOKEN);
    expect(openmetadata.requests.map((request) => request.authorization)).toEqual([`Bearer ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}`]);
  });

  test("imports, from scripts/sso-sync.ts down, no provider bindings, cdktf or constructs", () => {
    // The project's own import graph; the packages it reaches (valibot, yaml, jose) import none of them.
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(/^(?:import|export)[^"';]*from "([^"]+)"/gm)) {
        if (specifier!.startsWith(".")) visit(`${resolve(dirname(file), specifier!)}.ts`);
        else packages.add(specifier!);
      }
    };
    visit(join(projectRoot, "scripts", "sso-sync.ts"));
    expect(seen).toContain(join(projectRoot, "lib", "openmetadata", "openmetadata-values.ts"));
    expect([...packages].filter((name) => /^(@cdktf\/|cdktf$|constructs$)/.test(name))).toEqual([]);
  });
});

describe("sso-sync for an Auth0 environment", () => {
  test("reads the binding from the outputs with Auth0's keys URL and the Web flow's client type", () => {
    const web = loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE).find((environment) => environment.auth0?.flow === "web")!;
    const binding = bindingFromOutputs(
      web,
      parseStackOutputs({ issuer_url: `https://${web.auth0!.domain}`, client_id: "abc123" }, web.stackId, "outputs.json"),
    );
    expect(binding).toMatchObject({
      provider: "auth0",
      clientType: "confidential",
      jwksUri: `https://${web.auth0!.domain}/.well-known/jwks.json`,
      discoveryUri: `https://${web.auth0!.domain}/.well-known/openid-configuration`,
    });
  });
});
