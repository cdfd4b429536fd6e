import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseDocument } from "yaml";
import { Rehearsal } from "../lib/rehearsal/rehearsal";
import { checkSignIns, startIdentityProviders, type IdentityProviders } from "../lib/rehearsal/sign-in-checks";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE, FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { TERRAFORM_MISSING } from "./support/local-terraform";
import { useTemporaryDirectories } from "./support/temporary-directories";

/**
 * The three verbs people use, for real: the cdktf CLI synthesizes the fixture environments and drives
 * Terraform 1.11.4, which runs the project's local providers (local-providers/) against a local world.
 * What Terraform core evaluates (references, postconditions, variable validations, prevent_destroy) is
 * evaluated here by Terraform itself.
 */

const temporary = useTemporaryDirectories("deploy-diff-destroy");
const REFERENCE_CHARTS = join(__dirname, "..", "..", "shared", "reference");
const LONG = 300_000;

let rehearsal: Rehearsal;
let identityProviders: IdentityProviders | undefined;
/** What every cdktf command of the fixture rehearsal printed, for the check that no secret is among it. */
const printed: string[] = [];
/** The world's secrets right after the deploy, before any destroy removes some. */
let deployedSecrets: string[] = [];
const keep = <T extends { stdout: string; stderr: string }>(result: T): T => {
  printed.push(result.stdout, result.stderr);
  return result;
};

/**
 * Secret values the apply put in the world: the Okta and Auth0 client secrets, and the data of every
 * Kubernetes Secret (as stored, base64, and decoded) but the client ids and user names they also hold.
 */
function worldSecrets(world: string): string[] {
  const secrets: string[] = [];
  const read = (file: string) => JSON.parse(readFileSync(join(world, file), "utf8")) as Record<string, any>;
  for (const file of worldFiles(world)) {
    if (/^okta\/[^/]+\/apps\//.test(file)) secrets.push(read(file)["credentials"]?.["oauthClient"]?.["client_secret"]);
    if (/^auth0\/[^/]+\/clients\//.test(file)) secrets.push(read(file)["client_secret"]);
    if (/^kubernetes\/[^/]+\/secrets\//.test(file)) {
      for (const [key, value] of Object.entries((read(file)["data"] ?? {}) as Record<string, string>)) {
        if (/client-id|username|user$/i.test(key)) continue;
        secrets.push(value, Buffer.from(value, "base64").toString("utf8"));
      }
    }
  }
  return [...new Set(secrets.filter((secret): secret is string => typeof secret === "string" && secret.length >= 12))];
}

/** Every world file's path under a tenant folder, relative to the world. */
function worldFiles(world: string): string[] {
  const files: string[] = [];
  const walk = (folder: string, prefix: string) => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else files.push(`${prefix}${entry.name}`);
    }
  };
  walk(world, "");
  return files.sort();
}

/** The `id` of every managed resource in a stack's local state file. */
function stateIds(stateFile: string): string[] {
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as {
    resources: { mode: string; instances: { attributes: { id?: unknown } }[] }[];
  };
  return state.resources
    .filter((resource) => resource.mode === "managed")
    .flatMap((resource) => resource.instances.map((instance) => instance.attributes.id))
    .filter((id): id is string => typeof id === "string" && id !== "" && id !== "none");
}

describe.skipIf(TERRAFORM_MISSING)(
  `cdktf deploy, diff and destroy of the fixture environments${TERRAFORM_MISSING ? ` [${TERRAFORM_MISSING}]` : ""}`,
  () => {
    beforeAll(async () => {
      rehearsal = new Rehearsal({
        environmentsFile: FIXTURE_ENVIRONMENTS_FILE,
        folder: temporary(),
        ...(existsSync(REFERENCE_CHARTS) ? { referenceCharts: REFERENCE_CHARTS } : {}),
      });
      await rehearsal.prepare();
      // Before the apply: the local orgs record where they are served, and the issuers are built on it.
      identityProviders = await startIdentityProviders(rehearsal);
    }, LONG);

    afterAll(async () => {
      await identityProviders?.close();
    });

    test(
      "cdktf deploy of an Okta SPA, an Okta Web and a protected environment exits 0 and writes every stack's outputs",
      async () => {
        const deploy = keep(await rehearsal.deploy());
        expect(deploy.status, `${deploy.stdout.slice(-4000)}\n${deploy.stderr.slice(-2000)}`).toBe(0);
        deployedSecrets = worldSecrets(rehearsal.paths.world);
        const outputs = rehearsal.outputs();
        expect(Object.keys(outputs).sort()).toEqual(["openmetadata-dev", "openmetadata-prod", "openmetadata-staging"]);
        expect(outputs["openmetadata-dev"]).toMatchObject({ client_type: "public", namespace: "openmetadata-dev" });
        expect(outputs["openmetadata-staging"]).toMatchObject({ client_type: "confidential", namespace: "openmetadata-staging" });
        expect(String(outputs["openmetadata-prod"]!["issuer_url"])).toMatch(/\/oauth2\/aus[0-9A-Za-z]{17}$/);
      },
      LONG,
    );

    test(
      "a user signs in through what the apply created in the local org, and npm run verify passes on the outputs cdktf wrote",
      async () => {
        const reports = await checkSignIns(rehearsal, identityProviders!);
        expect(reports.filter((report) => !report.ok)).toEqual([]);
        expect(reports.map((report) => report.line)).toEqual([
          "dev: rehearsal.user signed in through Okta (SPA, PKCE)",
          expect.stringMatching(/^dev: npm run verify passed \(\d+ checks\)$/),
          "staging: rehearsal.user signed in through Okta (Web, client secret)",
          expect.stringMatching(/^staging: npm run verify passed/),
          "prod: rehearsal.user signed in through Okta (SPA, PKCE)",
          expect.stringMatching(/^prod: npm run verify passed/),
        ]);
      },
      LONG,
    );

    test(
      "cdktf output writes the stack's outputs file, as the runbooks and verify use it",
      async () => {
        const file = join(rehearsal.paths.folder, "dev-outputs.json");
        const output = keep(await rehearsal.output("openmetadata-dev", file));
        expect(output.status, output.stderr).toBe(0);
        expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ "openmetadata-dev": rehearsal.outputs()["openmetadata-dev"] });
      },
      LONG,
    );

    test(
      "a second cdktf diff right after the deploy reports no changes",
      async () => {
        const diff = keep(await rehearsal.diff("openmetadata-staging"));
        expect(diff.status, diff.stderr.slice(-2000)).toBe(0);
        expect(diff.stdout).toContain("No changes. Your infrastructure matches the configuration.");
      },
      LONG,
    );

    test(
      "one added initial admin shows up in cdktf diff as exactly that change: the release's values, updated in place",
      async () => {
        const file = rehearsal.paths.environmentsFile;
        const document = parseDocument(readFileSync(file, "utf8"));
        const names = (document.toJS() as { environments: { name: string }[] }).environments.map((environment) => environment.name);
        document.addIn(["environments", names.indexOf("staging"), "openmetadata", "initialAdmins"], "ada.lovelace");
        writeFileSync(file, document.toString());
        const diff = keep(await rehearsal.diff("openmetadata-staging"));
        expect(diff.status, diff.stderr.slice(-2000)).toBe(0);
        expect(diff.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
        expect(diff.stdout).toMatch(/helm_release\.openmetadata_release[^\n]*will be updated in-place/);
        expect(diff.stdout).toMatch(/\+\s+- ada\.lovelace/);
        expect(diff.stdout).not.toContain("must be replaced");
      },
      LONG,
    );

    test(
      "cdktf destroy of staging leaves none of its objects in the world, and prod's and dev's stay",
      async () => {
        const stagingIds = stateIds(join(rehearsal.paths.state, "openmetadata-staging.tfstate"));
        const prodIds = stateIds(join(rehearsal.paths.state, "openmetadata-prod.tfstate"));
        expect(stagingIds.length).toBeGreaterThan(10);
        const destroy = keep(await rehearsal.destroy(["openmetadata-staging"]));
        expect(destroy.status, destroy.stderr.slice(-2000)).toBe(0);
        expect(destroy.stdout).toMatch(/Destroy complete! Resources: \d+ destroyed\./);
        const files = worldFiles(rehearsal.paths.world);
        const contents = files.map((file) => readFileSync(join(rehearsal.paths.world, file), "utf8")).join("\n");
        const oktaIds = stagingIds.filter((id) => /^(0oa|aus|ocl|scp|00p|0pr|tos)[0-9A-Za-z]{17}$/.test(id));
        expect(oktaIds.length).toBeGreaterThan(5);
        for (const id of oktaIds) expect(contents, `staging's ${id} is still in the world`).not.toContain(id);
        expect(files.filter((file) => file.startsWith("kubernetes/staging/") && !file.includes("/cluster/"))).toEqual([]);
        for (const id of prodIds.filter((id) => /^(0oa|aus)/.test(id))) expect(contents).toContain(id);
      },
      LONG,
    );

    test(
      "cdktf destroy of the protected environment fails, Terraform's reason is prevent_destroy, and nothing is removed",
      async () => {
        const before = worldFiles(rehearsal.paths.world);
        const state = readFileSync(join(rehearsal.paths.state, "openmetadata-prod.tfstate"), "utf8");
        const destroy = keep(await rehearsal.destroy(["openmetadata-prod"]));
        expect(destroy.status).not.toBe(0);
        // cdktf 0.21 does not always print Terraform's last lines (help/runbooks/destroying-staging.md): Terraform says why.
        const reason = await rehearsal.terraform("openmetadata-prod", ["plan", "-destroy", "-refresh=false", "-lock=false"]);
        expect(reason.status).toBe(1);
        expect(reason.stderr).toContain("Error: Instance cannot be destroyed");
        expect(reason.stderr).toMatch(/has\s+lifecycle\.prevent_destroy\s+set/);
        expect(worldFiles(rehearsal.paths.world)).toEqual(before);
        expect(readFileSync(join(rehearsal.paths.state, "openmetadata-prod.tfstate"), "utf8")).toBe(state);
      },
      LONG,
    );

    test("no client secret, password, key or made-up credential appears in anything cdktf deploy, diff, output or destroy printed", () => {
      const secrets = [...deployedSecrets, ...rehearsal.secretValues()];
      expect(secrets.length).toBeGreaterThan(5);
      const text = printed.join("\n");
      expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    });
  },
);

describe.skipIf(TERRAFORM_MISSING)(
  `cdktf deploy and destroy of the Auth0 fixture environments${TERRAFORM_MISSING ? ` [${TERRAFORM_MISSING}]` : ""}`,
  () => {
    let auth0: Rehearsal;
    let providers: IdentityProviders | undefined;

    beforeAll(async () => {
      auth0 = new Rehearsal({
        environmentsFile: FIXTURE_AUTH0_ENVIRONMENTS_FILE,
        folder: temporary(),
        ...(existsSync(REFERENCE_CHARTS) ? { referenceCharts: REFERENCE_CHARTS } : {}),
      });
      await auth0.prepare();
      providers = await startIdentityProviders(auth0);
    }, LONG);

    afterAll(async () => {
      await providers?.close();
    });

    test(
      "cdktf deploy of an Auth0 SPA and an Auth0 Web environment exits 0, users sign in through the tenant the apply filled, and verify passes",
      async () => {
        const deploy = await auth0.deploy();
        expect(deploy.status, `${deploy.stdout.slice(-4000)}\n${deploy.stderr.slice(-2000)}`).toBe(0);
        const reports = await checkSignIns(auth0, providers!);
        expect(reports.filter((report) => !report.ok)).toEqual([]);
        expect(reports.filter((report) => report.line.includes("signed in through Auth0"))).toHaveLength(2);
      },
      LONG,
    );

    test(
      "cdktf destroy of both leaves no client of theirs in the tenant and no object in their clusters",
      async () => {
        const destroy = await auth0.destroy(auth0.stackIds());
        expect(destroy.status, destroy.stderr.slice(-2000)).toBe(0);
        const files = worldFiles(auth0.paths.world);
        expect(files.filter((file) => /^auth0\/[^/]+\/clients\//.test(file))).toEqual([]);
        expect(files.filter((file) => file.startsWith("kubernetes/") && !file.includes("/cluster/"))).toEqual([]);
      },
      LONG,
    );
  },
);

const ADOPTING = `
environments:
  - name: adopted
    target: collate
    openmetadataUrl: https://adopted.example.com
    okta:
      orgName: example-adopt
      baseUrl: okta.com
      flow: spa
      access: { groups: [openmetadata-users] }
    adopt:
      okta:
        appId: 0oaManualApp0000001
        authorizationServerId: ausManualServer0001
        scopeId: scpManualScope00001
        accessTokenEmailClaimId: oclManualEmail00001
        policyId: 00pManualPolicy0001
        userLoginRuleId: 0prManualRule000001
        trustedOriginId: tosManualOrigin0001
`;

describe.skipIf(TERRAFORM_MISSING)(`adopting what a manual setup made${TERRAFORM_MISSING ? ` [${TERRAFORM_MISSING}]` : ""}`, () => {
  let adopting: Rehearsal;

  beforeAll(async () => {
    const folder = temporary();
    const file = join(folder, "adopting.yaml");
    writeFileSync(file, ADOPTING);
    adopting = new Rehearsal({ environmentsFile: file, folder: join(folder, "rehearsal") });
    await adopting.prepare();
    await adopting.makeAdoptedObjects();
  }, LONG);

  test(
    "objects made by hand under the adopt section's ids plan as 9 to import, 0 to add, and the apply imports them",
    async () => {
      const diff = await adopting.diff("openmetadata-adopted");
      expect(diff.status, diff.stderr.slice(-2000)).toBe(0);
      expect(diff.stdout).toMatch(/Plan: 9 to import, 0 to add, \d+ to change, 0 to destroy\./);
      const deploy = await adopting.deploy(["openmetadata-adopted"], { skipSynth: true });
      expect(deploy.status, deploy.stderr.slice(-2000)).toBe(0);
      expect(deploy.stdout).toMatch(/Apply complete! Resources: 9 imported, 0 added/);
      expect(adopting.outputs()["openmetadata-adopted"]).toMatchObject({
        client_id: "0oaManualApp0000001",
        authorization_server_id: "ausManualServer0001",
      });
    },
    LONG,
  );
});
