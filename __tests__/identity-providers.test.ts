import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { holdsLine, readStackJson, type StackJson } from "../lib/changes/terraform-json";
import { wiringDiagram } from "../lib/changes/diagram";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { AUTH0 } from "../lib/identity-providers/auth0";
import { flowOfApplicationType, identityProvider, identityProviderOf } from "../lib/identity-providers/by-name";
import { discoveryUriFor, issuerFor, jwksUriFor } from "../lib/identity-providers/conventions";
import { OKTA } from "../lib/identity-providers/okta";
import { bindingFromOutputs } from "../lib/sso-sync/declared";
import { runSsoSyncCli } from "../lib/sso-sync/cli";
import { runSsoSync } from "../lib/sso-sync/run";
import { HINTS, runVerify, verifyHints, type VerifyReport } from "../lib/verify/checks";
import { parseStackOutputs } from "../lib/verify/outputs";
import { reportAsJson, reportAsTable } from "../lib/verify/report";
import { resolveTarget, type TargetOverrides, type VerifyTarget } from "../lib/verify/target";
import { runSynth } from "../stacks/run-synth";
import { startOpenMetadataStub, type OpenMetadataStub, type StubUser } from "./support/openmetadata-stub";
import { AUTH0_JANE, deployAuth0Sso, type Auth0SsoDeployment } from "./support/sso-deployment";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE } from "./support/synth";

// One module holds what differs per identity provider (lib/identity-providers). These tests keep it
// the only place that asks which provider it is, and prove that an Auth0 user never reads of Okta:
// every hint and message verify, sso-sync and synth produce for Auth0 environments is rendered and read.

const ROOT = resolve(__dirname, "..");
const EXAMPLES_AUTH0_FILE = join(ROOT, "stacks", "examples", "auth0.yaml");
const MENTIONS_OKTA = /okta/i;

function productFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Code lines only: a comment may explain a provider's rule, a branch may not live outside the module. */
function codeLines(file: string): { line: number; text: string }[] {
  return readFileSync(join(ROOT, file), "utf8")
    .split("\n")
    .map((text, index) => ({ line: index + 1, text }))
    .filter(({ text }) => !/^\s*(\/\/|\*|\/\*)/.test(text));
}

/** Asking which provider it is, or spelling one provider's keys path or status page. */
const PROVIDER_BRANCH = [
  /\bprovider\s*(===|!==)/,
  /(===|!==)\s*["'](okta|auth0)["']/,
  /["'](okta|auth0)["']\s*(===|!==)/,
  /\/v1\/keys|\/\.well-known\/jwks\.json|status\.(okta|auth0)\.com/,
];

describe("the identity providers' conventions", () => {
  test("no module of lib/, stacks/ or scripts/ branches on the provider's name or spells its conventions outside lib/identity-providers", () => {
    const files = ["main.ts", ...productFiles("lib"), ...productFiles("stacks"), ...productFiles("scripts")].filter(
      (file) => !file.startsWith("lib/identity-providers/"),
    );
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) =>
      codeLines(file)
        .filter(({ text }) => PROVIDER_BRANCH.some((pattern) => pattern.test(text)))
        .map(({ line, text }) => `${file}:${line}: ${text.trim()}`),
    );
    expect(found).toEqual([]);
  });

  test("the scan catches a branch on the provider and Okta's keys path", () => {
    const caught = (text: string) => PROVIDER_BRANCH.some((pattern) => pattern.test(text));
    expect(caught('if (target.provider === "auth0") {')).toBe(true);
    expect(caught('const name = "okta" !== provider ? "Auth0" : "Okta";')).toBe(true);
    expect(caught("return `${issuer}/v1/keys`;")).toBe(true);
    expect(caught('if (type === "okta_app_oauth") return;')).toBe(false);
  });

  test("Okta's issuer is the authority without a trailing slash and its keys are the server's /v1/keys", () => {
    const authority = "https://example.okta.com/oauth2/aus1";
    expect(issuerFor(OKTA, `${authority}/`)).toBe(authority);
    expect(jwksUriFor(OKTA, `${authority}/`)).toBe(`${authority}/v1/keys`);
    expect(discoveryUriFor(authority)).toBe(`${authority}/.well-known/openid-configuration`);
  });

  test("Auth0's issuer is the authority plus the slash its tokens' iss ends with, and its keys the tenant's jwks.json", () => {
    const authority = "https://login.example.com";
    expect(issuerFor(AUTH0, authority)).toBe(`${authority}/`);
    // An authority that already ends in "/" is wrong for Auth0 and must not match the tenant's issuer.
    expect(issuerFor(AUTH0, `${authority}/`)).toBe(`${authority}//`);
    expect(jwksUriFor(AUTH0, `${authority}/`)).toBe(`${authority}/.well-known/jwks.json`);
  });

  test("each flow has its client: a public SPA with no secret, a confidential Web app posting its secret", () => {
    for (const provider of [OKTA, AUTH0]) {
      expect(provider.clients.spa).toMatchObject({ clientType: "public", tokenEndpointAuthMethod: "none" });
      expect(provider.clients.web).toMatchObject({ clientType: "confidential", tokenEndpointAuthMethod: "client_secret_post" });
      expect(identityProvider(provider.name)).toBe(provider);
    }
    expect([OKTA.clients.spa.applicationType, OKTA.clients.web.applicationType]).toEqual(["browser", "web"]);
    expect([AUTH0.clients.spa.applicationType, AUTH0.clients.web.applicationType]).toEqual(["spa", "regular_web"]);
    expect(OKTA.serviceClient.tokenEndpointAuthMethod).toBe("private_key_jwt");
  });

  test("an application type tells its flow, whichever provider's it is, and an unknown one tells none", () => {
    expect(["browser", "spa", "web", "regular_web", "service", undefined].map(flowOfApplicationType)).toEqual([
      "spa",
      "spa",
      "web",
      "web",
      undefined,
      undefined,
    ]);
  });

  test("an environment's provider is its section, with the field its flow is set in", () => {
    expect(identityProviderOf({ auth0: { flow: "web" } })).toMatchObject({ conventions: AUTH0, flow: "web", flowField: "auth0.flow" });
    expect(identityProviderOf({ okta: { flow: "spa" } })).toMatchObject({ conventions: OKTA, flow: "spa", flowField: "okta.flow" });
  });

  test("Okta's hints say what they said before the conventions moved out of them", () => {
    expect(HINTS).toEqual(verifyHints(OKTA));
    expect(HINTS.issuerOutage).toContain("Okta answered with a server error");
    expect(HINTS.issuerOutage).toContain("check status.okta.com");
    expect(HINTS.foreignKeys).toContain("({issuer}/v1/keys)");
    expect(HINTS.issuerMismatch).toContain("keep the issuer mode Okta URL, never Dynamic");
    expect(HINTS.callbackMismatch).toContain("the Okta app's first redirect URI");
  });
});

describe("what an Auth0 user reads", () => {
  const fastHttp = { timeoutMs: 2000, retries: 0 };
  let spa: Auth0SsoDeployment;
  let web: Auth0SsoDeployment;
  let issuer: FakeIssuer;
  let directory: string;

  beforeAll(async () => {
    const [spaEnvironment, webEnvironment] = loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE);
    const tenant = { users: [AUTH0_JANE], connections: ["Username-Password-Authentication", "google-oauth2"] };
    [spa, web, issuer] = await Promise.all([
      deployAuth0Sso(spaEnvironment!, tenant),
      deployAuth0Sso(webEnvironment!, tenant),
      startFakeIssuer(),
    ]);
    directory = mkdtempSync(join(tmpdir(), "identity-providers-test-"));
  });
  afterAll(async () => {
    await Promise.all([spa?.close(), web?.close(), issuer?.close()]);
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  /** Synthesizes an environments file into a fresh folder, keeping every line synth prints. */
  function synthPrinting(file: string): { code: number; outdir: string; printed: string[] } {
    const outdir = mkdtempSync(join(directory, "synth-"));
    const printed: string[] = [];
    const code = runSynth({
      env: { OPENMETADATA_ENVIRONMENTS_FILE: file },
      outdir,
      stdout: (line) => void printed.push(line),
      stderr: (line) => void printed.push(line),
    });
    return { code, outdir, printed };
  }

  /** Every stack's synthesized JSON in `outdir`. */
  function stackJsons(outdir: string): StackJson[] {
    const stacksDir = join(outdir, "stacks");
    return readdirSync(stacksDir).map((id) => readStackJson(outdir, id)!);
  }

  function targetOf(subject: Auth0SsoDeployment, overrides: TargetOverrides = {}): VerifyTarget {
    const { stackId } = subject.environment;
    return resolveTarget(subject.environment, parseStackOutputs(subject.outputs, stackId, "outputs.json"), {
      openmetadataUrl: subject.openmetadata.url,
      ...overrides,
    });
  }

  test("no hint verify can give in an Auth0 environment mentions Okta, and each names Auth0's own things", () => {
    const hints = verifyHints(AUTH0);
    for (const [name, hint] of Object.entries(hints)) expect(hint, name).not.toMatch(MENTIONS_OKTA);
    expect(hints.issuerOutage).toContain("check status.auth0.com");
    expect(hints.foreignKeys).toContain("({issuer}/.well-known/jwks.json)");
    expect(hints.keysMoved).toContain("since the stack derives {issuer}/.well-known/jwks.json");
    expect(hints.callbackMismatch).toContain("Allowed Callback URLs");
    expect(JSON.stringify(AUTH0)).not.toMatch(MENTIONS_OKTA);
  });

  test("no report verify prints for an Auth0 deployment mentions Okta, passing or failing at each check", async () => {
    const authority = (mode: IssuerMode) => `${issuer.url}/${mode}`;
    const staleOpenMetadata = await startOpenMetadataStub({
      values: spa.values,
      signingKey: await exportJWK((await generateKeyPair("RS256")).publicKey),
      storedAuthConfig: { clientId: "previous-client", callbackUrl: "https://elsewhere.example.com/callback" },
    });
    try {
      const targets: [string, VerifyTarget][] = [
        ["spa passes", targetOf(spa)],
        ["web passes", targetOf(web)],
        ["issuer unreachable", targetOf(spa, { issuer: "http://127.0.0.1:1" })],
        ["authority with the slash", targetOf(spa, { issuer: spa.auth0.issuer })],
        ...(["outage", "missing", "not-a-discovery", "no-slash", "no-keys", "keys-outage", "foreign-keys"] as const).map(
          (mode): [string, VerifyTarget] => [mode, targetOf(spa, { issuer: authority(mode) })],
        ),
        // publicKeys lists the issuer's own keys URL while discovery names another: the keys moved.
        ["keys moved", { ...targetOf(spa, { issuer: authority("moved-keys") }), jwksUri: jwksUriFor(AUTH0, authority("moved-keys")) }],
        ["OpenMetadata unreachable", targetOf(spa, { openmetadataUrl: "http://127.0.0.1:1" })],
        ["stale stored settings", targetOf(spa, { openmetadataUrl: staleOpenMetadata.url })],
        ["another signing key", { ...targetOf(web), jwtKeyId: "not-the-configured-key" }],
      ];
      const reports = await Promise.all(
        targets.map(async ([name, target]) => [name, await runVerify(target, { http: fastHttp })] as [string, VerifyReport]),
      );
      const hints = verifyHints(AUTH0);
      const given = new Set(reports.flatMap(([, report]) => report.checks.flatMap((check) => (check.hint ? check.hint.split(". ") : []))));
      const expected = [
        "issuerUnreachable",
        "issuerNotFound",
        "auth0IssuerMismatch",
        "issuerOutage",
        "keysUnusable",
        "foreignKeys",
        "keysMoved",
        "openmetadataUnreachable",
        "staleSettings",
        "callbackMismatch",
        "openmetadataKey",
      ] as const;
      // Each failure the walk means to reach is reached, so a scenario that stops failing cannot hide a message.
      for (const name of expected)
        expect(
          [...given].some((hint) => hints[name].startsWith(hint)),
          name,
        ).toBe(true);
      for (const [name, report] of reports) {
        const printed = reportAsTable(report, spa.environment.stackId) + reportAsJson(report);
        expect(printed, name).not.toMatch(MENTIONS_OKTA);
      }
    } finally {
      await staleOpenMetadata.close();
    }
  });

  test("no line sso-sync prints or refuses with for an Auth0 environment mentions Okta", async () => {
    const token = "om-pat-of-the-admin";
    const users = new Map<string, StubUser>([
      [token, { name: "sso-sync-admin", isAdmin: true, isBot: false }],
      ["om-bot-token", { name: "ingestion-bot", isAdmin: true, isBot: true }],
      ["om-pat-of-a-viewer", { name: "viewer", isAdmin: false, isBot: false }],
    ]);
    const signingKey = await exportJWK((await generateKeyPair("RS256")).publicKey);
    const stubs: OpenMetadataStub[] = [];
    const openmetadata = async (subject: Auth0SsoDeployment, variant: Partial<Parameters<typeof startOpenMetadataStub>[0]> = {}) => {
      const stub = await startOpenMetadataStub({
        values: subject.values,
        signingKey,
        users,
        clientSecret: "the-stored-secret",
        ...variant,
      });
      stubs.push(stub);
      return stub;
    };
    const lines: string[] = [];
    const sync = async (
      subject: Auth0SsoDeployment,
      stub: OpenMetadataStub,
      options: { apply?: boolean; clientSecret?: string; token?: string } = {},
    ) => {
      let output = "";
      try {
        await runSsoSync({
          environment: subject.environment,
          outputs: parseStackOutputs(subject.outputs, subject.environment.stackId, "outputs.json"),
          openmetadataUrl: stub.url,
          apply: options.apply ?? false,
          token: options.token ?? token,
          ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
          http: { timeoutMs: 3000 },
          write: (text) => void (output += text),
        });
      } catch (error) {
        output += (error as Error).message;
      }
      lines.push(output);
      return output;
    };
    try {
      const drifted = await openmetadata(web, {
        editStored: (document) => void (document.authenticationConfiguration["clientId"] = "old"),
      });
      expect(await sync(web, drifted, { clientSecret: "the-new-secret" })).toContain("DRIFT");
      expect(await sync(web, drifted, { apply: true, clientSecret: "the-new-secret" })).toContain(
        "is masked by OpenMetadata and not used by provider auth0; written empty",
      );
      expect(await sync(spa, await openmetadata(spa))).toContain("IN SYNC");
      expect(await sync(web, await openmetadata(web), { apply: true })).toContain("--apply needs the client secret");
      expect(await sync(web, await openmetadata(web), { clientSecret: " " })).toContain(
        "give the Auth0 Regular Web Application's client secret",
      );
      await sync(web, await openmetadata(web), { token: "om-bot-token" });
      await sync(web, await openmetadata(web), { token: "om-pat-of-a-viewer" });
      await sync(web, await openmetadata(web, { validationFailure: "authority is not reachable" }), {
        apply: true,
        clientSecret: "the-new-secret",
      });
      try {
        bindingFromOutputs(web.environment, {
          ...parseStackOutputs(web.outputs, web.environment.stackId, "o.json"),
          client_type: "public",
        });
      } catch (error) {
        lines.push((error as Error).message);
      }
      expect(lines.at(-1)).toContain("auth0.flow web declares confidential");

      // The command line: where the client secret comes from.
      const outputsFile = join(directory, "outputs.json");
      const emptyFile = join(directory, "empty-secret");
      writeFileSync(outputsFile, JSON.stringify(web.outputs));
      writeFileSync(emptyFile, "\n");
      const stub = await openmetadata(web);
      for (const secretOption of [
        ["--client-secret-env", "UNSET_VARIABLE"],
        ["--client-secret-env", "c2VjcmV0LXZhbHVlLXRoYXQtbG9va3MtcmFuZG9tLTQyOTE3"],
        ["--client-secret-file", emptyFile],
      ]) {
        let printed = "";
        await runSsoSyncCli(["auth0-staging", "--outputs", outputsFile, "--openmetadata-url", stub.url, ...secretOption], {
          env: { OPENMETADATA_ENVIRONMENTS_FILE: FIXTURE_AUTH0_ENVIRONMENTS_FILE, OPENMETADATA_ADMIN_TOKEN: token },
          stdout: (text) => void (printed += text),
          stderr: (text) => void (printed += text),
          http: { timeoutMs: 3000 },
        });
        lines.push(printed);
      }
      expect(lines.slice(-3).join("\n")).toMatch(/Auth0 Regular Web Application's client secret[\s\S]*AUTH0_CLIENT_SECRET/);
      for (const line of lines) expect(line).not.toMatch(MENTIONS_OKTA);
    } finally {
      await Promise.all(stubs.map((stub) => stub.close()));
    }
  });

  test.each([
    ["the Auth0 fixture", FIXTURE_AUTH0_ENVIRONMENTS_FILE],
    ["the shipped Auth0 example", EXAMPLES_AUTH0_FILE],
  ])("no line synth prints for %s, nor its stacks' JSON, diagram or summary, mentions Okta", (_name, file) => {
    const { code, outdir, printed } = synthPrinting(file);
    expect(code).toBe(0);
    expect(printed.some((line) => line.startsWith("warning: "))).toBe(true);
    const stacks = stackJsons(outdir);
    expect(stacks.length).toBeGreaterThan(0);
    for (const json of stacks) printed.push(JSON.stringify(json), wiringDiagram(json), holdsLine(json));
    for (const line of printed) expect(line.replaceAll(outdir, "OUTDIR")).not.toMatch(MENTIONS_OKTA);
  });

  test("synth's lines for an Auth0 environment set up for Collate, and its refusal of an Auth0 stack it cannot build, do not mention Okta", () => {
    const synth = (name: string, lines: readonly string[]) => {
      const file = join(directory, `${name}.yaml`);
      writeFileSync(
        file,
        ["environments:", `  - name: ${name}`, `    openmetadataUrl: https://openmetadata.${name}.example.com`, ...lines, ""].join("\n"),
      );
      return synthPrinting(file);
    };
    const collate = synth("auth0-collate", ["    target: collate", "    auth0: { domain: collate.eu.auth0.com, flow: web }"]);
    expect(collate.code).toBe(0);
    for (const json of stackJsons(collate.outdir)) collate.printed.push(JSON.stringify(json), wiringDiagram(json));
    expect(collate.printed.join("\n")).toContain("Share this with the Collate team.");

    const clash = synth("auth0-clash", [
      "    target: collate",
      '    auth0: { domain: clash.eu.auth0.com, flow: spa, connections: ["a b", "a_b"] }',
    ]);
    expect(clash.code).toBe(1);
    expect(clash.printed.join("\n")).toContain('Auth0 connections "a b" and "a_b" would share the Terraform address suffix a_b');
    // The refusal's stack trace names the project's files; the message above it is what the user reads.
    for (const line of [...collate.printed, ...clash.printed]) expect(line.split("\n    at ")[0]).not.toMatch(MENTIONS_OKTA);
  });

  test.each([
    [
      "the schema's",
      [
        "  - name: auth0-a",
        "    openmetadataUrl: https://OpenMetadata.Example.com",
        "    target: saas",
        "    auth0: { domain: a.eu.auth0.com, flow: spa, clientSecret: Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG8 }",
      ],
      ["compares redirect URIs exactly", "sets up only the identity provider", "a client secret stays at the identity provider"],
    ],
    [
      "the resolver's",
      [
        "  - name: auth0-a",
        "    openmetadataUrl: https://openmetadata.example.com",
        "    auth0: { domain: a.eu.auth0.com, flow: spa }",
        "    openmetadata: { cluster: { kubeconfigPath: ~/.kube/config, context: kind }, principalDomain: example.com, initialAdmins: [admin] }",
      ],
      ['the chart\'s default "admin" is not accepted'],
    ],
    [
      "the rules across environments'",
      [
        "  - { name: auth0-a, target: collate, openmetadataUrl: https://openmetadata.example.com, auth0: { domain: a.auth0.com, flow: spa } }",
        "  - { name: auth0-b, target: collate, openmetadataUrl: https://openmetadata.example.com, auth0: { domain: b.auth0.com, flow: web } }",
      ],
      ["each environment needs its own URL"],
    ],
  ])("%s refusals of an Auth0 environments file do not mention Okta", (_name, lines, expected) => {
    const file = join(directory, "mistakes.yaml");
    writeFileSync(file, ["environments:", ...lines, ""].join("\n"));
    const { code, printed } = synthPrinting(file);
    expect(code).toBe(1);
    for (const text of expected) expect(printed.join("\n")).toContain(text);
    for (const line of printed) expect(line).not.toMatch(MENTIONS_OKTA);
  });
});

type IssuerMode = "outage" | "missing" | "not-a-discovery" | "no-slash" | "no-keys" | "keys-outage" | "foreign-keys" | "moved-keys";

interface FakeIssuer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * An issuer whose answers break the way a misconfigured or failing tenant would: `/{mode}` is its
 * authority and `/{mode}/` the issuer it reports (Auth0's slash), unless the mode says otherwise.
 */
async function startFakeIssuer(): Promise<FakeIssuer> {
  const { publicKey } = await generateKeyPair("RS256");
  const key: JWK = { ...(await exportJWK(publicKey)), kid: "fake-issuer-key", alg: "RS256", use: "sig" };
  let base = "";
  const server: Server = createServer((request, response) => {
    const [, mode = "", ...rest] = (request.url ?? "/").split("/");
    const path = `/${rest.join("/")}`;
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const authority = `${base}/${mode}`;
    if (mode === "outage") return send(503, { error: "unavailable" });
    if (mode === "missing") return send(404, { error: "not found" });
    if (path === "/.well-known/openid-configuration") {
      if (mode === "not-a-discovery") return send(200, { hello: "world" });
      return send(200, {
        issuer: mode === "no-slash" ? authority : `${authority}/`,
        jwks_uri: `${authority}/discovered-keys`,
        token_endpoint: `${authority}/oauth/token`,
      });
    }
    if (path === "/discovered-keys") {
      if (mode === "keys-outage") return send(500, { error: "internal" });
      return send(200, { keys: mode === "no-keys" ? [] : [key] });
    }
    return send(404, { error: "not found" });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, close: () => new Promise((done) => server.close(() => done())) };
}
