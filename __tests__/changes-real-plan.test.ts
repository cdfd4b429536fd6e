import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parseDocument } from "yaml";
import { planChanges, type PlanJson } from "../lib/changes/plan";
import { changes } from "../lib/changes/run";
import { Rehearsal } from "../lib/rehearsal/rehearsal";
import { TERRAFORM_MISSING } from "./support/local-terraform";
import { FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

/**
 * npm run changes on a real plan: the dev fixture deployed with the real cdktf CLI and Terraform against
 * the local providers, then its flow switched from SPA to Web, synthesized again and planned; the
 * plan's JSON is `terraform show -json` of that plan file, as CI would make it.
 */

const temporary = useTemporaryDirectories("changes-real-plan");
const REFERENCE_CHARTS = join(__dirname, "..", "..", "shared", "reference");
const LONG = 600_000;
const STACK = "openmetadata-dev";

describe.skipIf(TERRAFORM_MISSING)(`npm run changes on a real plan${TERRAFORM_MISSING ? ` [${TERRAFORM_MISSING}]` : ""}`, () => {
  let rehearsal: Rehearsal;
  let plan: PlanJson;
  let folder: string;

  beforeAll(async () => {
    folder = temporary();
    rehearsal = new Rehearsal({
      environmentsFile: FIXTURE_ENVIRONMENTS_FILE,
      folder: join(folder, "rehearsal"),
      only: ["dev"],
      ...(existsSync(REFERENCE_CHARTS) ? { referenceCharts: REFERENCE_CHARTS } : {}),
    });
    await rehearsal.prepare();
    const deploy = await rehearsal.deploy([STACK]);
    if (deploy.status !== 0) throw new Error(`deploy failed:\n${deploy.stdout.slice(-4000)}\n${deploy.stderr.slice(-2000)}`);
    cpSync(rehearsal.paths.output, join(folder, "base"), { recursive: true });

    const file = rehearsal.paths.environmentsFile;
    const document = parseDocument(readFileSync(file, "utf8"));
    const index = (document.toJS() as { environments: { name: string }[] }).environments.findIndex((entry) => entry.name === "dev");
    document.setIn(["environments", index, "okta", "flow"], "web");
    writeFileSync(file, document.toString());
    const synth = await rehearsal.synth();
    if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stdout}\n${synth.stderr}`);
    const planned = await rehearsal.terraform(STACK, ["plan", "-input=false", "-lock=false", "-out=tfplan"]);
    if (planned.status !== 0) throw new Error(`plan failed:\n${planned.stdout.slice(-4000)}\n${planned.stderr}`);
    const shown = await rehearsal.terraform(STACK, ["show", "-json", "tfplan"]);
    if (shown.status !== 0) throw new Error(`show failed:\n${shown.stderr}`);
    plan = JSON.parse(shown.stdout) as PlanJson;
    mkdirSync(join(folder, "plans"));
    writeFileSync(join(folder, "plans", `${STACK}.json`), shown.stdout);
  }, LONG);

  test("the replaced Okta app is named with the attribute Terraform says forces it, and what a new client id means", () => {
    const app = planChanges(plan).find((change) => change.where === "okta_app_oauth.okta_oidc-app_app");
    expect(app).toMatchObject({ level: "disruptive", topic: "The app" });
    expect(app!.what).toMatch(/^okta_app_oauth\.okta_oidc-app_app is replaced \(forced by .*`type`/);
    expect(app!.consequences[0]).toMatch(/^new client id: OpenMetadata's values follow in the same apply/);
  });

  test("the summary of the synthesis and the plan holds no secret value of the world or of the rehearsal", () => {
    const { text, changed } = changes({ base: join(folder, "base"), head: rehearsal.paths.output, plans: join(folder, "plans") });
    expect(changed).toEqual([STACK]);
    expect(text).toContain("From the plan:");
    expect(text).toContain("client type: `browser` → `web`");
    if (process.env["SHOW_CHANGES"]) writeFileSync(process.env["SHOW_CHANGES"], text);
    const planText = JSON.stringify(plan);
    // The plan holds secrets (the Web app's client secret arrives after apply; prior state holds generated passwords).
    const secrets = rehearsal.secretValues().filter((secret) => secret.length >= 12);
    for (const value of JSON.stringify(plan).match(/"(?:result|client_secret|private_key_pem)":"([^"]{12,})"/g) ?? [])
      secrets.push(value.replace(/^"[^"]+":"|"$/g, ""));
    // Generated passwords are in the plan's prior state: the check has something to find.
    expect(secrets.filter((secret) => planText.includes(secret)).length).toBeGreaterThan(0);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
