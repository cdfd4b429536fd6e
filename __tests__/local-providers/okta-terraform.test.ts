import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { terraformEnvironment } from "../../local-providers/install/terraform-environment";
import { oktaOrgTenant, seedOktaGroup, type OktaApp } from "../../local-providers/providers/okta";
import { localProviders, newWorld, runCommand, TERRAFORM_MISSING } from "../support/local-terraform";
import { fixtureStack, type TerraformJson } from "../support/synth";
import { useTemporaryDirectories } from "../support/temporary-directories";

// The okta half of the dev stack, applied by the real terraform 1.11.4 through the local okta provider:
// the stack's own Okta resources, data sources and postconditions, nothing else.

const SKIPPED = TERRAFORM_MISSING;
const temporaryDirectory = useTemporaryDirectories("okta-terraform");
const API_TOKEN = "00TerraformTestTokenNeverPrinted";

/** The Okta part of a synthesized stack: provider, Okta resources and data sources, a local state in `folder`. */
function oktaOnly(json: TerraformJson, folder: string): object {
  const pick = (blocks: Record<string, unknown> | undefined) =>
    Object.fromEntries(Object.entries(blocks ?? {}).filter(([type]) => type.startsWith("okta_")));
  return {
    terraform: {
      required_providers: { okta: json.terraform["required_providers"].okta },
      backend: { local: { path: join(folder, "terraform.tfstate") } },
    },
    provider: { okta: json.provider["okta"] },
    resource: pick(json.resource),
    data: pick(json.data),
  };
}

describe.skipIf(SKIPPED !== undefined)(`the dev stack's Okta objects through terraform${SKIPPED ? ` (${SKIPPED})` : ""}`, () => {
  let cliConfigFile: string;
  beforeAll(async () => {
    ({ cliConfigFile } = await localProviders());
  }, 180_000);

  function initialized(environment = "dev") {
    const folder = temporaryDirectory();
    const { json } = fixtureStack(environment);
    writeFileSync(join(folder, "main.tf.json"), JSON.stringify(oktaOnly(json, folder), null, 2));
    const world = newWorld();
    const installation = { directory: "", mirror: "", cliConfigFile, providers: [] };
    const env = terraformEnvironment(installation, { world, extra: { OKTA_API_TOKEN: API_TOKEN, TF_INPUT: "0" } });
    const run = (...args: string[]) => runCommand("terraform", [...args, "-no-color"], folder, env);
    const init = run("init", "-input=false");
    expect(init.status, init.output).toBe(0);
    const okta = json.provider["okta"]![0]!;
    const tenant = oktaOrgTenant(world, okta["org_name"] as string, okta["base_url"] as string);
    const groupNames = Object.values(json.data?.["okta_group"] ?? {}).map((group) => group["name"] as string);
    return { folder, run, tenant, groupName: groupNames[0]!, groupNames };
  }

  test("apply creates the apps, server, claims, policies, rules and grants in the org; a plan right after is empty; destroy removes them", () => {
    const { run, tenant, groupName, folder } = initialized();
    seedOktaGroup(tenant, groupName);
    const applied = run("apply", "-auto-approve");
    expect(applied.status, applied.output).toBe(0);
    expect(applied.output).not.toContain(API_TOKEN);
    const apps = tenant.list<OktaApp & Record<string, unknown>>("apps");
    expect(apps.map((app) => app.settings.oauthClient.application_type).sort()).toEqual(["browser", "service"]);
    expect(tenant.list("authServers")).toHaveLength(1);
    expect(tenant.list("policies")).toHaveLength(2);
    expect(tenant.list("rules")).toHaveLength(2);
    expect(tenant.list("apiScopeGrants")).toHaveLength(3);
    const state = readFileSync(join(folder, "terraform.tfstate"), "utf8");
    expect(state).toContain('"issuer": "https://example-dev.oktapreview.com/oauth2/aus');

    const planned = run("plan", "-detailed-exitcode", "-input=false");
    expect(planned.status, planned.output).toBe(0);
    expect(planned.output).toContain("No changes.");

    const destroyed = run("destroy", "-auto-approve");
    expect(destroyed.status, destroyed.output).toBe(0);
    expect([tenant.list("apps"), tenant.list("authServers"), tenant.list("trustedOrigins"), tenant.list("groupAssignments")]).toEqual([
      [],
      [],
      [],
      [],
    ]);
  }, 240_000);

  test("the staging stack's Web app keeps its client secret in state only, and a plan right after apply is empty", () => {
    const { run, tenant, groupNames, folder } = initialized("staging");
    for (const name of groupNames) seedOktaGroup(tenant, name);
    const applied = run("apply", "-auto-approve");
    expect(applied.status, applied.output).toBe(0);
    const [app] = tenant.list<OktaApp & Record<string, unknown>>("apps");
    const secret = app!.credentials.oauthClient.client_secret!;
    expect(app!.settings.oauthClient.application_type).toBe("web");
    expect(readFileSync(join(folder, "terraform.tfstate"), "utf8")).toContain(`"client_secret": "${secret}"`);
    expect(applied.output).not.toContain(secret);
    const planned = run("plan", "-detailed-exitcode", "-input=false");
    expect(planned.status, planned.output).toBe(0);
  }, 240_000);

  test("with only a longer-named group in the org, the near match the provider takes fails the stack's postcondition at plan", () => {
    const { run, tenant, groupName } = initialized();
    seedOktaGroup(tenant, `${groupName}-admins`);
    const planned = run("plan", "-input=false");
    expect(planned.status).toBe(1);
    const text = planned.output.replace(/\s+/g, " "); // terraform wraps the message
    expect(text).toContain(`self.name is "${groupName}-admins"`);
    expect(text).toContain(`Okta group "${groupName}"`);
    expect(text).toContain("does not exist: Okta's name search found another group whose name starts with it");
    expect(tenant.list("apps")).toEqual([]);
  }, 240_000);
});
