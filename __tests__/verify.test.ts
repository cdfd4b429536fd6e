import { execFile } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateSigningKey, writeSigningKeyFiles, type SigningKey } from "../lib/keys/signing-keys";
import { CHECK_NAMES, HINTS, runVerify, type CheckId, type VerifyReport } from "../lib/verify/checks";
import { parseStackOutputs, VerifyUsageError } from "../lib/verify/outputs";
import { kidForPrivateKey, resolveTarget, type TargetOverrides } from "../lib/verify/target";
import { FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { closeServer } from "./support/okta-test-org";
import { deploySso, type SsoDeployment } from "./support/sso-deployment";

// verify against the fixture environments "deployed" on 127.0.0.1 (a real OpenID Provider
// configured from each synthesized stack, and OpenMetadata answering from its Helm values), then
// against deployments broken in the ways help/verify.md lists.

const projectRoot = resolve(__dirname, "..");
const tsxCli = join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs");
const run = promisify(execFile);
const JWT_PATTERN = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;
/** What OpenMetadata's image signs with unless its own keys are mounted. */
const OPENMETADATA_IMAGE_KEY_ID = "Gb389a-9f76-gdjs-a92j-0242bk94356";

const deployments = new Map<string, SsoDeployment>();
const fakeIssuers: Server[] = [];
let serviceKey: SigningKey;
let unknownServiceKey: SigningKey;
let keyDirectory: string;
let outputsFile: string;
let privateKeyFile: string;

beforeAll(async () => {
  [serviceKey, unknownServiceKey] = await Promise.all([
    generateSigningKey({ kid: "verify-test-service-key" }),
    generateSigningKey({ kid: "verify-test-service-key" }),
  ]);
  const [dev, staging, prod] = await Promise.all([
    deploySso("dev", { serviceAppKeys: [serviceKey.publicJwk] }),
    deploySso("staging"),
    deploySso("prod"),
  ]);
  deployments.set("dev", dev).set("staging", staging).set("prod", prod);

  keyDirectory = mkdtempSync(join(tmpdir(), "verify-test-"));
  privateKeyFile = writeSigningKeyFiles(join(keyDirectory, "service-app"), serviceKey).files.privatePem;
  outputsFile = join(keyDirectory, "outputs.json");
  writeFileSync(outputsFile, JSON.stringify(dev.outputs, null, 2));
});

afterAll(async () => {
  await Promise.all([
    ...[...deployments.values()].map((deployment) => deployment.close()),
    ...fakeIssuers.map((server) => closeServer(server)),
  ]);
  if (keyDirectory) rmSync(keyDirectory, { recursive: true, force: true });
});

function deployment(name: string): SsoDeployment {
  const found = deployments.get(name);
  if (!found) throw new Error(`no deployment ${name}`);
  return found;
}

/** The verify target of a deployment: its outputs, OpenMetadata reached on 127.0.0.1, and the service key for dev. */
function targetOf(
  subject: SsoDeployment,
  { outputs: changedOutputs, ...overrides }: TargetOverrides & { outputs?: Record<string, string> } = {},
) {
  const { stackId } = subject.environment;
  const outputs = parseStackOutputs({ [stackId]: { ...subject.outputs[stackId], ...changedOutputs } }, stackId, "outputs.json");
  const withServiceApp = subject.environment.okta?.serviceApp
    ? { serviceAppKey: { pem: serviceKey.privatePkcs8Pem, source: "private.pem" }, serviceAppKid: serviceKey.kid }
    : {};
  return resolveTarget(subject.environment, outputs, { openmetadataUrl: subject.openmetadata.url, ...withServiceApp, ...overrides });
}

const fastHttp = { timeoutMs: 2000, retries: 0 };

/**
 * `npm run verify -- ...` as a child process. Asynchronous on purpose: the servers it talks to run
 * in this process. On the fixture environments, whatever environments file is in use.
 */
function verifyCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [tsxCli, "scripts/verify.ts", ...args], {
    cwd: projectRoot,
    env: withFixtureEnvironments(process.env),
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

function withFixtureEnvironments(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, OPENMETADATA_ENVIRONMENTS_FILE: FIXTURE_ENVIRONMENTS_FILE };
}

function statuses(report: VerifyReport): Record<CheckId, string> {
  return Object.fromEntries(report.checks.map((check) => [check.id, check.status])) as Record<CheckId, string>;
}

function check(report: VerifyReport, id: CheckId) {
  const found = report.checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

describe("verify on the faithful deployments", () => {
  test.each([
    ["dev", "pass"],
    ["staging", "skip"],
    ["prod", "skip"],
  ])("every check passes on %s (the service app check: %s)", async (name, serviceAppStatus) => {
    const report = await runVerify(targetOf(deployment(name)), { http: fastHttp });
    expect(report.checks.map((result) => [result.id, result.status, result.hint])).toEqual([
      ["issuer-discovery", "pass", null],
      ["issuer-keys", "pass", null],
      ["openmetadata-auth-config", "pass", null],
      ["openmetadata-jwks", "pass", null],
      ["service-app-token", serviceAppStatus, null],
    ]);
    expect(report).toMatchObject({ environment: name, ok: true });
  });

  test("the service app check gets a client_credentials token with a generateSigningKey key and validates it", async () => {
    const report = await runVerify(targetOf(deployment("dev")), { http: fastHttp });
    const serviceApp = check(report, "service-app-token");
    expect(serviceApp.status).toBe("pass");
    expect(serviceApp.detail).toContain(`key ${serviceKey.kid}`);
    expect(serviceApp.detail).toContain(`aud ${deployment("dev").outputs["openmetadata-dev"]!["client_id"]}`);
  });
});

describe("verify on broken deployments", () => {
  test(
    "a stored authority with a trailing slash passes every check, since " + "okta-auth-js strips it and OpenMetadata never checks iss",
    async () => {
      const dev = deployment("dev");
      const authority = `${dev.okta.issuer}/`;
      const openmetadata = await dev.startOpenMetadata({ storedAuthConfig: { authority } });
      const report = await runVerify(targetOf(dev, { issuer: authority, openmetadataUrl: openmetadata.url }), { http: fastHttp });
      expect(statuses(report)).toEqual({
        "issuer-discovery": "pass",
        "issuer-keys": "pass",
        "openmetadata-auth-config": "pass",
        "openmetadata-jwks": "pass",
        "service-app-token": "pass",
      });
      expect(check(report, "issuer-discovery").detail).toContain("the authority's trailing slash is harmless");
    },
  );

  test("a discovery issuer with a trailing slash fails with a hint that does not send you to the authority", async () => {
    const dev = deployment("dev");
    const issuer = await startFakeIssuer(dev, { discovery: (base) => ({ issuer: `${base}/`, jwks_uri: `${base}/v1/keys` }) });
    const report = await runVerify(targetOf(dev, { issuer: issuer.url, outputs: { jwks_uri: `${issuer.url}/v1/keys` } }), {
      http: fastHttp,
    });
    const discovery = check(report, "issuer-discovery");
    expect(discovery).toMatchObject({ status: "fail", hint: HINTS.discoveryTrailingSlash });
    expect(discovery.detail).toContain(`discovery reports issuer "${issuer.url}/"`);
    expect(HINTS.discoveryTrailingSlash).not.toMatch(/no trailing slash|Make OpenMetadata's authority/);
    expect(HINTS.issuerMismatch).not.toMatch(/no trailing slash/);
  });

  test("--issuer keeps checking the jwks_uri output, so publicKeys on the org server's keys still fail (#2773)", async () => {
    const dev = deployment("dev");
    const report = await runVerify(targetOf(dev, { issuer: dev.okta.issuer, outputs: { jwks_uri: dev.okta.orgKeysUrl } }), {
      http: fastHttp,
    });
    expect(check(report, "issuer-keys")).toMatchObject({ status: "fail", hint: HINTS.foreignKeys });
  });

  test("keys moved away from {issuer}/v1/keys get a hint that does not ask to list {issuer}/v1/keys, already listed", async () => {
    const dev = deployment("dev");
    const issuer = await startFakeIssuer(dev, {
      discovery: (base) => ({ issuer: base, jwks_uri: `${base}/v1/keys-moved` }),
      staleKeys: true,
    });
    const report = await runVerify(targetOf(dev, { issuer: issuer.url, outputs: { jwks_uri: `${issuer.url}/v1/keys` } }), {
      http: fastHttp,
    });
    const keys = check(report, "issuer-keys");
    expect(keys).toMatchObject({ status: "fail", hint: HINTS.keysMoved });
    expect(keys.detail).toContain(
      `the issuer's keys are at ${issuer.url}/v1/keys-moved but OpenMetadata's publicKeys ` +
        `lists ${issuer.url}/v1/keys, which serves none of the issuer's key ids`,
    );
  });

  test("a 5xx from Okta's discovery gets the outage hint, and a 404 the not-found hint", async () => {
    const dev = deployment("dev");
    const failing = await startFakeIssuer(dev, { status: 503 });
    const missing = await startFakeIssuer(dev, { status: 404 });
    const [outage, notFound] = await Promise.all([
      runVerify(targetOf(dev, { issuer: failing.url }), { http: fastHttp }),
      runVerify(targetOf(dev, { issuer: missing.url }), { http: fastHttp }),
    ]);
    expect(check(outage, "issuer-discovery")).toMatchObject({
      status: "fail",
      hint: HINTS.issuerOutage,
      detail: expect.stringContaining("answered HTTP 503"),
    });
    expect(check(notFound, "issuer-discovery")).toMatchObject({ status: "fail", hint: HINTS.issuerNotFound });
  });

  test("publicKeys listing another authorization server's keys fails the keys check with the #2773 hint", async () => {
    const dev = deployment("dev");
    const report = await runVerify(targetOf(dev, { outputs: { jwks_uri: dev.okta.orgKeysUrl } }), { http: fastHttp });
    const keys = check(report, "issuer-keys");
    expect(keys).toMatchObject({ status: "fail", hint: HINTS.foreignKeys });
    expect(keys.detail).toContain(`lists ${dev.okta.orgKeysUrl}, which serves none of the issuer's key ids`);
    expect(statuses(report)).toMatchObject({
      "issuer-discovery": "pass",
      "openmetadata-auth-config": "pass",
      "openmetadata-jwks": "pass",
      "service-app-token": "pass",
    });
  });

  test("an OpenMetadata that does not serve the configured key id fails the signing key check", async () => {
    const dev = deployment("dev");
    const { values } = dev;
    // OpenMetadata fell back to the image's shipped keys (the jwt-keys Secret is not mounted).
    const imageKeys = {
      ...values,
      openmetadata: {
        config: {
          ...values.openmetadata.config,
          jwtTokenConfiguration: { ...values.openmetadata.config.jwtTokenConfiguration, keyId: OPENMETADATA_IMAGE_KEY_ID },
        },
      },
    };
    const openmetadata = await dev.startOpenMetadata({ values: imageKeys });
    const report = await runVerify(targetOf(dev, { openmetadataUrl: openmetadata.url }), { http: fastHttp });
    const signingKey = check(report, "openmetadata-jwks");
    expect(signingKey).toMatchObject({ status: "fail", hint: HINTS.openmetadataKey });
    expect(signingKey.detail).toContain(`key ids ${OPENMETADATA_IMAGE_KEY_ID}, not ${dev.outputs["openmetadata-dev"]!["jwt_key_id"]}`);
    expect(HINTS.openmetadataKey).toContain("/api/v1/system/config/jwks first in publicKeys");
  });

  test("a callback URL that differs from the app's fails the settings check with the callback hint", async () => {
    const dev = deployment("dev");
    const openmetadata = await dev.startOpenMetadata({ storedAuthConfig: { callbackUrl: "http://localhost:8585/callback" } });
    const report = await runVerify(targetOf(dev, { openmetadataUrl: openmetadata.url }), { http: fastHttp });
    const settings = check(report, "openmetadata-auth-config");
    expect(settings).toMatchObject({ status: "fail", hint: HINTS.callbackMismatch });
    expect(settings.detail).toBe(
      `callbackUrl is "http://localhost:8585/callback", expected "https://openmetadata.dev.example.com/callback"`,
    );
  });

  test("settings stored in OpenMetadata's database before the redeploy fail the settings check with the stale-settings hint", async () => {
    const dev = deployment("dev");
    const openmetadata = await dev.startOpenMetadata({
      storedAuthConfig: { clientId: "0oa-previous-app", authority: "https://example-dev.oktapreview.com/oauth2/default" },
    });
    const report = await runVerify(targetOf(dev, { openmetadataUrl: openmetadata.url }), { http: fastHttp });
    const settings = check(report, "openmetadata-auth-config");
    expect(settings).toMatchObject({ status: "fail", hint: HINTS.staleSettings });
    expect(settings.detail).toContain(`clientId is "0oa-previous-app"`);
    expect(settings.detail).toContain(`authority is "https://example-dev.oktapreview.com/oauth2/default"`);
    expect(HINTS.staleSettings).toContain("PUT /api/v1/system/security/config");
  });

  test("a service app key Okta does not know is refused, with the service app hint", async () => {
    const dev = deployment("dev");
    const target = targetOf(dev, { serviceAppKey: { pem: unknownServiceKey.privatePkcs8Pem, source: "other.pem" } });
    const report = await runVerify(target, { http: fastHttp });
    const serviceApp = check(report, "service-app-token");
    expect(serviceApp).toMatchObject({ status: "fail", hint: HINTS.serviceAppRejected });
    expect(serviceApp.detail).toContain("HTTP 401 (invalid_client");
    expect(serviceApp.detail).toContain("the private key matches no key of __tests__/fixtures/keys/dev-service-app.jwks.json");
  });

  test("a service-app token whose aud is not the expected audience fails the token check with the audience hint", async () => {
    // The outputs name another app's client id: the token Okta issues carries the real audience, not this one.
    const target = { ...targetOf(deployment("dev")), clientId: "0oa-another-app" };
    const report = await runVerify(target, { http: fastHttp });
    const serviceApp = check(report, "service-app-token");
    expect(serviceApp).toMatchObject({ status: "fail", hint: HINTS.serviceTokenInvalid });
    expect(serviceApp.detail).toContain('"aud"');
  });

  test("an unreachable issuer fails fast within the bounded timeout, and the checks that need it are skipped", async () => {
    const dev = deployment("dev");
    const closedPort = await freePort();
    const started = Date.now();
    const report = await runVerify(targetOf(dev, { issuer: `http://127.0.0.1:${closedPort}/oauth2/aus-test` }), {
      http: { timeoutMs: 1000, retries: 2, backoffMs: 20 },
    });
    expect(Date.now() - started).toBeLessThan(1000);
    const discovery = check(report, "issuer-discovery");
    expect(discovery).toMatchObject({ status: "fail", hint: HINTS.issuerUnreachable });
    expect(discovery.detail).toContain("connection refused");
    expect(statuses(report)).toMatchObject({ "issuer-keys": "skip", "service-app-token": "skip" });
  });

  test("an issuer that accepts connections but never answers is given up after the timeout and the retries", async () => {
    const dev = deployment("dev");
    const silent = createHttpServer(() => undefined);
    await new Promise<void>((listening) => silent.listen(0, "127.0.0.1", listening));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const report = await runVerify(targetOf(dev, { issuer: `http://127.0.0.1:${port}/oauth2/aus-test` }), {
        http: { timeoutMs: 200, retries: 1, backoffMs: 10 },
      });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(400);
      expect(elapsed).toBeLessThan(1500);
      expect(check(report, "issuer-discovery")).toMatchObject({ status: "fail", hint: HINTS.issuerUnreachable });
      expect(check(report, "issuer-discovery").detail).toContain("no answer within 200 ms");
    } finally {
      await closeServer(silent);
    }
  });
});

describe("the verify command", () => {
  // Child processes spend their time starting tsx, so the two run side by side.
  test.concurrent("reports the faithful dev deployment as JSON, exits 0 and prints no token or key", async () => {
    const dev = deployment("dev");
    const { code, stdout, stderr } = await verifyCommand(
      "dev",
      "--outputs",
      outputsFile,
      "--openmetadata-url",
      dev.openmetadata.url,
      "--service-app-key",
      privateKeyFile,
      "--service-app-kid",
      serviceKey.kid,
      "--json",
      "--timeout-ms",
      "3000",
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as VerifyReport;
    expect(report.ok).toBe(true);
    expect(report.environment).toBe("dev");
    expect(report.checks.map((result) => Object.keys(result))).toEqual(Array(5).fill(["id", "name", "status", "detail", "hint"]));
    expect(report.checks.map((result) => result.status)).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(`${stdout}${stderr}`).not.toMatch(JWT_PATTERN);
    expect(`${stdout}${stderr}`).not.toContain(serviceKey.privatePkcs8Pem.split("\n")[1]);
  });

  test.concurrent("prints a table with the fix and exits 1 on a failure, and exits 2 on bad usage", async () => {
    const dev = deployment("dev");
    const stale = await dev.startOpenMetadata({ storedAuthConfig: { clientId: "0oa-previous-app" } });
    const [failure, usage] = await Promise.all([
      verifyCommand("dev", "--outputs", outputsFile, "--openmetadata-url", stale.url, "--timeout-ms", "3000"),
      verifyCommand("dev"),
    ]);

    expect(failure.code).toBe(1);
    expect(failure.stdout).toMatch(new RegExp(`${CHECK_NAMES["openmetadata-auth-config"]}\\s+FAIL\\s+clientId is "0oa-previous-app"`));
    expect(failure.stdout).toContain(`fix: ${HINTS.staleSettings}`);
    expect(failure.stdout).toMatch(/Service app token\s+SKIP\s+no --service-app-key given/);
    expect(failure.stdout).toContain("FAILED: 3 passed, 1 failed, 1 skipped");

    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("error: --outputs FILE is required");
  });
});

describe("verify's inputs", () => {
  test("outputs are read from cdktf's per-stack form and from the flat form", () => {
    const outputs = { issuer_url: "https://example.okta.com/oauth2/aus1", client_id: "0oa1", namespace: "openmetadata-dev" };
    expect(parseStackOutputs({ "openmetadata-dev": outputs }, "openmetadata-dev", "o.json")).toEqual({
      issuer_url: outputs.issuer_url,
      client_id: outputs.client_id,
    });
    expect(parseStackOutputs(outputs, "openmetadata-dev", "o.json")).toEqual({
      issuer_url: outputs.issuer_url,
      client_id: outputs.client_id,
    });
  });

  test("outputs in terraform output -json's shape are accepted, each value unwrapped", () => {
    const wrapped = (value: string) => ({ sensitive: false, type: "string", value });
    expect(
      parseStackOutputs(
        { issuer_url: wrapped("https://example.okta.com/oauth2/aus1"), client_id: wrapped("0oa1"), namespace: wrapped("openmetadata-dev") },
        "openmetadata-dev",
        "o.json",
      ),
    ).toEqual({ issuer_url: "https://example.okta.com/oauth2/aus1", client_id: "0oa1" });
  });

  test.each([
    ["the inner object of cdktf's outputs file", (outputs: object) => outputs],
    ["cdktf's outputs file under the stack's own key", (outputs: object) => ({ "openmetadata-dev": outputs })],
  ])("outputs of another environment given as %s are refused, naming the stack they belong to", (_, shape) => {
    const owners = [
      { stackId: "openmetadata-dev", openmetadataUrl: "https://openmetadata.dev.example.com" },
      { stackId: "openmetadata-staging", openmetadataUrl: "https://openmetadata.staging.example.com" },
    ];
    const staging = { issuer_url: "https://example.okta.com/oauth2/aus2", client_id: "0oa2", openmetadata_url: owners[1]!.openmetadataUrl };
    expect(() => parseStackOutputs(shape(staging), "openmetadata-dev", "o.json", owners)).toThrow(
      "o.json: these are the outputs of stack openmetadata-staging (openmetadata_url https://openmetadata.staging.example.com), " +
        "not of openmetadata-dev (https://openmetadata.dev.example.com)",
    );
  });

  test("outputs of another stack, or without the issuer, are refused with what to run", () => {
    expect(() => parseStackOutputs({ "openmetadata-prod": { issuer_url: "x", client_id: "y" } }, "openmetadata-dev", "o.json")).toThrow(
      new VerifyUsageError(
        "o.json: no outputs for stack openmetadata-dev (it has outputs for " +
          "openmetadata-prod); run `cdktf output openmetadata-dev --outputs-file o.json`",
      ),
    );
    expect(() => parseStackOutputs({ "openmetadata-dev": { client_id: "y" } }, "openmetadata-dev", "o.json")).toThrow(/issuer_url missing/);
  });

  test("the service app's kid defaults to the environment's key matching the private key, else the first", () => {
    const dev = deployment("dev");
    const publicKeys = [
      { ...unknownServiceKey.publicJwk, kid: "another-key" },
      { ...serviceKey.publicJwk, kid: "this-key" },
    ];
    expect(kidForPrivateKey(createPrivateKey(serviceKey.privatePkcs8Pem), publicKeys)).toBe("this-key");

    // The shipped dev JWKS holds a key whose private half is not here: no match, so its first kid.
    const { stackId } = dev.environment;
    const target = resolveTarget(dev.environment, parseStackOutputs(dev.outputs, stackId, "o.json"), {
      serviceAppKey: { pem: serviceKey.privatePkcs8Pem, source: "private.pem" },
    });
    expect("kid" in target.serviceApp && target.serviceApp.kid).toBe(dev.environment.okta!.serviceApp!.publicKeys[0]!.kid);
  });
});

describe("verify's hints", () => {
  test("no help page claims that OpenMetadata compares the token's iss with its authority (its JwtFilter does not)", () => {
    const pages = readdirSync(join(projectRoot, "help"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md"));
    const claims = pages.filter((file) =>
      /OpenMetadata compares the token's `iss`|equals the token `iss` exactly|`authority` differs from the token's `iss`/.test(
        readFileSync(join(projectRoot, "help", file), "utf8"),
      ),
    );
    expect(pages.length).toBeGreaterThan(10);
    expect(claims).toEqual([]);
  });

  test("every hint links to a section of help/verify.md", () => {
    const page = readFileSync(join(projectRoot, "help", "verify.md"), "utf8");
    // GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.
    const anchors = new Set(
      [...page.matchAll(/^#+ (.+)$/gm)].map(([, heading]) =>
        heading!
          .toLowerCase()
          .replace(/[^\w\- ]/g, "")
          .replace(/ /g, "-"),
      ),
    );
    for (const hint of Object.values(HINTS)) {
      const anchor = /help\/verify\.md#([\w-]+)/.exec(hint)?.[1];
      expect(anchor && anchors.has(anchor), hint).toBe(true);
    }
  });
});

interface FakeIssuerOptions {
  /** The discovery document, from the issuer URL; default: the issuer and its `/v1/keys`. */
  readonly discovery?: (issuer: string) => Record<string, string>;
  /** Every answer has this status instead. */
  readonly status?: number;
  /** `{issuer}/v1/keys` serves no key any more; only the discovered jwks_uri has the keys. */
  readonly staleKeys?: boolean;
}

/**
 * An issuer whose discovery document and keys a test shapes, serving the deployment's real keys
 * (from the test Okta org) at whatever jwks_uri the discovery names.
 */
async function startFakeIssuer(subject: SsoDeployment, options: FakeIssuerOptions): Promise<{ url: string }> {
  const keys = (await (await fetch(`${subject.okta.issuer}/v1/keys`)).json()) as unknown;
  let issuer = "";
  const server = createHttpServer((request, response) => {
    const path = (request.url ?? "").replace(/\/oauth2\/aus-fake/, "");
    const discovery = options.discovery?.(issuer) ?? { issuer, jwks_uri: `${issuer}/v1/keys` };
    const keysPath = new URL(discovery["jwks_uri"]!).pathname.replace(/\/oauth2\/aus-fake/, "");
    let body: unknown;
    if (path === "/.well-known/openid-configuration") body = discovery;
    else if (path === keysPath) body = keys;
    else if (path === "/v1/keys" && options.staleKeys) body = { keys: [] };
    const status = options.status ?? (body === undefined ? 404 : 200);
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(status === 200 ? body : { errorCode: "E0000007", errorSummary: "fake issuer" }));
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  fakeIssuers.push(server);
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/aus-fake`;
  return { url: issuer };
}

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((closed) => server.close(() => closed()));
  return port;
}
