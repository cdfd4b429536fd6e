/**
 * After the deploy: a test user signs in to each rehearsed OpenMetadata through the local Okta org or
 * Auth0 tenant that read what the apply created, and `npm run verify` checks the deployment from the
 * outside with the outputs cdktf wrote, as a person would right after `cdktf deploy`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  signInToOpenMetadata,
  startLocalAuth0Tenant,
  startLocalOktaOrg,
  startLocalOpenMetadata,
  type LocalAuth0Tenant,
  type LocalOktaOrg,
} from "../../local-providers/services/index";
import type { Environment } from "../config/environment";
import { ENVIRONMENTS_FILE_VARIABLE } from "../config/load-environments";
import { PROJECT_ROOT } from "../project-root";
import { identityProviderOf } from "../identity-providers/by-name";
import { runCommand } from "./cdktf-cli";
import type { Rehearsal } from "./rehearsal";

export interface SignInReport {
  readonly ok: boolean;
  readonly line: string;
  readonly details: readonly string[];
}

/** The rehearsal's test user: one per org or tenant, a member of every group the environments assign. */
const OKTA_USER_ID = "00urehearsalUser0001";
const AUTH0_USER_ID = "auth0|rehearsal-user";

function testEmail(environment: Environment): string {
  return `rehearsal.user@${environment.openmetadata?.principalDomain ?? "example.com"}`;
}

export interface IdentityProviders {
  readonly okta: ReadonlyMap<string, LocalOktaOrg>;
  readonly auth0: ReadonlyMap<string, LocalAuth0Tenant>;
  close(): Promise<void>;
}

/**
 * Starts a local Okta org for every org and a local Auth0 tenant for every domain the environments name.
 * Before the deploy: an org records where it is served, and the local okta provider builds issuers on it.
 */
export async function startIdentityProviders(rehearsal: Rehearsal): Promise<IdentityProviders> {
  const okta = new Map<string, LocalOktaOrg>();
  const auth0 = new Map<string, LocalAuth0Tenant>();
  const world = rehearsal.paths.world;
  for (const environment of rehearsal.environments) {
    if (environment.okta) {
      const key = `${environment.okta.orgName}.${environment.okta.baseUrl}`;
      if (okta.has(key)) continue;
      const sameOrg = rehearsal.environments.filter((other) => other.okta && `${other.okta.orgName}.${other.okta.baseUrl}` === key);
      const groups = [...new Set(sameOrg.flatMap((other) => other.okta?.groups ?? []))];
      okta.set(
        key,
        await startLocalOktaOrg({
          world,
          orgName: environment.okta.orgName,
          baseUrl: environment.okta.baseUrl,
          users: [{ id: OKTA_USER_ID, profile: { login: testEmail(environment), email: testEmail(environment) }, groups }],
        }),
      );
    }
    if (environment.auth0 && !auth0.has(environment.auth0.domain)) {
      auth0.set(
        environment.auth0.domain,
        await startLocalAuth0Tenant({
          world,
          domain: environment.auth0.domain,
          users: [
            {
              id: AUTH0_USER_ID,
              connection: environment.auth0.connections[0] ?? "Username-Password-Authentication",
              email: testEmail(environment),
              name: "Rehearsal User",
            },
          ],
        }),
      );
    }
  }
  return {
    okta,
    auth0,
    close: async () => {
      await Promise.all([...okta.values(), ...auth0.values()].map((server) => server.close()));
    },
  };
}

function contextOf(environment: Environment): string {
  const cluster = environment.openmetadata?.cluster;
  if (!cluster || cluster.inCluster) return "in-cluster";
  return cluster.context ?? "in-cluster";
}

/** Signs the test user in to each environment and runs verify on its outputs. */
export async function checkSignIns(rehearsal: Rehearsal, providers: IdentityProviders): Promise<SignInReport[]> {
  const reports: SignInReport[] = [];
  const outputs = rehearsal.outputs();
  for (const environment of rehearsal.environments) {
    const { conventions, flow } = identityProviderOf(environment);
    const provider = conventions.displayName;
    if (!environment.openmetadata) {
      reports.push({
        ok: true,
        line: `${environment.name}: target collate, so no OpenMetadata to sign in to here (Collate runs it)`,
        details: [],
      });
      continue;
    }
    const tenant = environment.auth0 ? providers.auth0.get(environment.auth0.domain) : undefined;
    const localize = tenant ? (url: string) => tenant.localize(url) : undefined;
    const openmetadata = await startLocalOpenMetadata({
      world: rehearsal.paths.world,
      cluster: contextOf(environment),
      namespace: environment.openmetadata.namespace,
      release: environment.openmetadata.releaseName,
      ...(localize ? { localize } : {}),
    });
    try {
      const signIn = await signInToOpenMetadata({
        sso: openmetadata.sso(),
        login: environment.auth0 ? AUTH0_USER_ID : OKTA_USER_ID,
        reachable: (url) => openmetadata.reachable(url),
      });
      reports.push({
        ok: true,
        line: `${environment.name}: ${signIn.principal} signed in through ${provider} (${flow.toUpperCase() === "SPA" ? "SPA, PKCE" : "Web, client secret"})`,
        details: [],
      });
    } catch (error) {
      reports.push({ ok: false, line: `${environment.name}: sign-in through ${provider} failed`, details: [(error as Error).message] });
      await openmetadata.close();
      continue;
    }
    reports.push(await verify(rehearsal, environment, outputs[environment.stackId] ?? {}, openmetadata.url, localize));
    await openmetadata.close();
  }
  return reports;
}

/** `npm run verify -- <env> --outputs FILE --openmetadata-url URL`, as its own process, on the outputs cdktf wrote. */
async function verify(
  rehearsal: Rehearsal,
  environment: Environment,
  outputs: Record<string, unknown>,
  openmetadataUrl: string,
  localize: ((url: string) => string) | undefined,
): Promise<SignInReport> {
  // The stacks derive Auth0's URLs from the configured domain, which only the local tenant's address serves here.
  const reached = Object.fromEntries(
    Object.entries(outputs).map(([name, value]) => [name, localize && typeof value === "string" ? localize(value) : value]),
  );
  const file = join(rehearsal.paths.folder, `outputs-${environment.name}.json`);
  writeFileSync(file, `${JSON.stringify({ [environment.stackId]: reached }, null, 2)}\n`);
  const result = await runCommand(
    process.execPath,
    [
      join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
      join(PROJECT_ROOT, "scripts", "verify.ts"),
      environment.name,
      "--outputs",
      file,
      "--openmetadata-url",
      openmetadataUrl,
      "--json",
    ],
    { ...process.env, [ENVIRONMENTS_FILE_VARIABLE]: rehearsal.paths.environmentsFile },
  );
  let report: { ok?: boolean; checks?: { id: string; status: string; detail?: string }[] } = {};
  try {
    report = JSON.parse(result.stdout) as typeof report;
  } catch {
    return {
      ok: false,
      line: `${environment.name}: npm run verify did not answer (exit ${result.status})`,
      details: [result.stderr.trim()],
    };
  }
  const checks = report.checks ?? [];
  const passed = checks.filter((check) => check.status === "pass").length;
  const failed = checks.filter((check) => check.status === "fail");
  return failed.length === 0 && result.status === 0
    ? { ok: true, line: `${environment.name}: npm run verify passed (${passed} checks)`, details: [] }
    : {
        ok: false,
        line: `${environment.name}: npm run verify failed (exit ${result.status})`,
        details: failed.map((check) => `${check.id}: ${check.detail ?? ""}`),
      };
}
