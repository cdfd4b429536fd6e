import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE } from "./support/synth";
import { promisify } from "node:util";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { AUTH0 } from "../lib/identity-providers/auth0";
import { runVerify, verifyHints, type VerifyReport } from "../lib/verify/checks";
import { parseStackOutputs } from "../lib/verify/outputs";
import { resolveTarget, type TargetOverrides } from "../lib/verify/target";
import { startOpenMetadataStub } from "./support/openmetadata-stub";
import { AUTH0_JANE, deployAuth0Sso, type Auth0SsoDeployment } from "./support/sso-deployment";

// `npm run verify` on Auth0 environments, against the same stand-in tenant as the logins: the
// tenant's issuer has a trailing slash that OpenMetadata's authority must not have.

const projectRoot = resolve(__dirname, "..");
const examplesFile = FIXTURE_AUTH0_ENVIRONMENTS_FILE;
const tsxCli = join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs");
const run = promisify(execFile);
const fastHttp = { timeoutMs: 2000, retries: 0 };

let spa: Auth0SsoDeployment;
let web: Auth0SsoDeployment;
let directory: string;

beforeAll(async () => {
  const [spaEnvironment, webEnvironment] = loadEnvironmentsFile(examplesFile);
  const tenant = { users: [AUTH0_JANE], connections: ["Username-Password-Authentication", "google-oauth2"] };
  [spa, web] = await Promise.all([deployAuth0Sso(spaEnvironment!, tenant), deployAuth0Sso(webEnvironment!, tenant)]);
  directory = mkdtempSync(join(tmpdir(), "auth0-verify-test-"));
});

afterAll(async () => {
  await Promise.all([spa?.close(), web?.close()]);
  if (directory) rmSync(directory, { recursive: true, force: true });
});

function targetOf(subject: Auth0SsoDeployment, overrides: TargetOverrides = {}) {
  const { stackId } = subject.environment;
  return resolveTarget(subject.environment, parseStackOutputs(subject.outputs, stackId, "outputs.json"), {
    openmetadataUrl: subject.openmetadata.url,
    ...overrides,
  });
}

const statusOf = (report: VerifyReport) => report.checks.map((check) => [check.id, check.status, check.hint]);

describe("verify on Auth0 deployments", () => {
  test.each([["spa"], ["web"]])("every check passes on the %s example, the issuer's trailing slash included", async (flow) => {
    const subject = flow === "spa" ? spa : web;
    const report = await runVerify(targetOf(subject), { http: fastHttp });
    expect(statusOf(report)).toEqual([
      ["issuer-discovery", "pass", null],
      ["issuer-keys", "pass", null],
      ["openmetadata-auth-config", "pass", null],
      ["openmetadata-jwks", "pass", null],
      ["service-app-token", "skip", null],
    ]);
    expect(report.checks[0]!.detail).toBe(`issuer ${subject.auth0.issuer}`);
    expect(report.checks[2]!.detail).toContain("provider auth0");
  });

  test("an authority with the issuer's trailing slash fails issuer discovery with the Auth0 hint", async () => {
    const authority = spa.auth0.issuer;
    expect(authority.endsWith("/")).toBe(true);
    const report = await runVerify(targetOf(spa, { issuer: authority }), { http: fastHttp });
    expect(report.checks[0]).toMatchObject({ id: "issuer-discovery", status: "fail", hint: verifyHints(AUTH0).auth0IssuerMismatch });
    expect(report.checks[0]!.detail).toContain(`(expecting issuer "${authority}/")`);
    expect(report.ok).toBe(false);
  });

  test(
    "with --issuer, the expected issuer follows it (Auth0's trailing slash) and " +
      "the keys URL stays the jwks_uri output OpenMetadata lists",
    () => {
      const target = targetOf(spa, { issuer: "https://other-tenant.eu.auth0.com" });
      // Replacing the listed keys URL by the issuer's hid a wrong publicKeys entry (#2773, issue 14).
      expect(target.jwksUri).toBe(targetOf(spa).jwksUri);
      expect(target.jwksUri).toMatch(/\/\.well-known\/jwks\.json$/);
      expect(target.expectedIssuer).toBe("https://other-tenant.eu.auth0.com/");
      expect(target.provider).toBe("auth0");
    },
  );

  test("an OpenMetadata still configured for Okta fails the settings check", async () => {
    const stale = await startOpenMetadataStub({
      values: spa.values,
      signingKey: await exportJWK((await generateKeyPair("RS256")).publicKey),
      storedAuthConfig: { provider: "okta" },
    });
    try {
      const report = await runVerify(targetOf(spa, { openmetadataUrl: stale.url }), { http: fastHttp });
      expect(report.checks[2]).toMatchObject({ id: "openmetadata-auth-config", status: "fail" });
      expect(report.checks[2]!.detail).toContain('provider is "okta", expected "auth0"');
    } finally {
      await stale.close();
    }
  });
});

describe("the verify command on an Auth0 environments file", () => {
  test("passes the Web example and exits 0", async () => {
    const outputsFile = join(directory, "outputs.json");
    writeFileSync(outputsFile, JSON.stringify(web.outputs));
    const { stdout } = await run(
      process.execPath,
      [
        tsxCli,
        "scripts/verify.ts",
        "auth0-staging",
        "--outputs",
        outputsFile,
        "--openmetadata-url",
        web.openmetadata.url,
        "--json",
        "--timeout-ms",
        "3000",
      ],
      {
        cwd: projectRoot,
        env: { ...process.env, OPENMETADATA_ENVIRONMENTS_FILE: examplesFile },
      },
    );
    const report = JSON.parse(stdout) as VerifyReport;
    expect(report).toMatchObject({ environment: "auth0-staging", ok: true });
    expect(report.checks.map((check) => check.status)).toEqual(["pass", "pass", "pass", "pass", "skip"]);
  });
});
