import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import type { Change } from "../lib/changes/change";
import { changes } from "../lib/changes/run";
import { writeRowsFile } from "../lib/changes/rows-file";
import { CHANGES_LIMIT, changesSection, COMMENT_LIMIT, diffMarker, pullRequestComment } from "../lib/ci/plan-text";
import { flattenOutputs } from "../lib/ci/outputs";
import type { LocalProviderInstallation } from "../local-providers/install/build";
import { terraformEnvironment } from "../local-providers/install/terraform-environment";
import { localProviders, newWorld, runCommand, TERRAFORM_MISSING, type CommandResult } from "./support/local-terraform";
import { useTemporaryDirectories } from "./support/temporary-directories";

/**
 * The workflows' steps around terraform (plan, apply of the reviewed plan, outputs) are scripts/ci-*.ts,
 * committed bundled as .github/ci/*.cjs: the jobs that hold deploy credentials install no npm package,
 * so they run these files with node alone. The tests run the same files.
 */

const ROOT = resolve(__dirname, "..");
const STEPS = ["ci-plan", "ci-apply", "ci-outputs"] as const;
const bundle = (step: (typeof STEPS)[number]) => join(ROOT, ".github", "ci", `${step}.cjs`);
const temporaryDirectory = useTemporaryDirectories("ci-terraform");

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const OTHER_COMMIT = "fedcba9876543210fedcba9876543210fedcba98";
const STACK = "openmetadata-ci";

/** Runs a committed step as the workflow does: `node .github/ci/<step>.cjs ...`. */
function step(name: (typeof STEPS)[number], args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): CommandResult {
  return runCommand(process.execPath, [bundle(name), ...args], cwd, env);
}

describe("the CI steps' committed bundles", () => {
  test.each(STEPS)(
    ".github/ci/%s.cjs is the build of its script in scripts/, node built-ins only (regenerate: vitest run -u)",
    async (name) => {
      const result = await build({
        entryPoints: [join(ROOT, "scripts", `${name}.ts`)],
        absWorkingDir: ROOT,
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        write: false,
        outdir: join(ROOT, ".github", "ci"),
        outExtension: { ".js": ".cjs" },
        metafile: true,
        legalComments: "none",
        logLevel: "silent",
        banner: {
          js:
            `// Generated from scripts/${name}.ts by __tests__/ci-terraform.test.ts; do not edit. The workflows run it with node ` +
            "alone (help/ci.md).\n// After changing its sources: npx vitest run __tests__/ci-terraform.test.ts -u",
        },
      });
      expect(Object.keys(result.metafile.inputs).filter((input) => input.includes("node_modules"))).toEqual([]);
      await expect(result.outputFiles[0]!.text).toMatchFileSnapshot(bundle(name));
    },
  );
});

/**
 * A stand-in terraform that records each call (folder, arguments, TF_VAR_ names) and acts just enough:
 * `show -json` prints the file FAKE_PLAN_JSON (a plan without changes by default) and exits FAKE_SHOW_JSON_EXIT.
 */
function fakeTerraform(): { bin: string; calls: () => string[] } {
  const directory = temporaryDirectory();
  const log = join(directory, "calls");
  const noChanges = join(directory, "no-changes.json");
  writeFileSync(noChanges, JSON.stringify({ format_version: "1.2", resource_changes: [] }));
  mkdirSync(join(directory, "bin"));
  writeFileSync(
    join(directory, "bin", "terraform"),
    [
      "#!/bin/sh",
      `echo "$(basename "$PWD") $* [$(env | grep -o '^TF_VAR_[A-Za-z_]*' | sort | tr '\\n' ' ')]" >> "${log}"`,
      'case "$1" in',
      '  plan) for a in "$@"; do case "$a" in -out=*) echo plan > "${a#-out=}";; esac; done; echo "Plan: 1 to add, 0 to change, 0 to destroy."; exit "${FAKE_PLAN_EXIT:-0}";;',
      `  show) if [ "$2" = -json ]; then cat "\${FAKE_PLAN_JSON:-${noChanges}}"; exit "\${FAKE_SHOW_JSON_EXIT:-0}"; fi; echo "Plan: 1 to add, 0 to change, 0 to destroy.";;`,
      '  output) echo \'{"issuer_url":{"sensitive":false,"type":"string","value":"https://example"},"n":{"value":2}}\';;',
      "esac",
      "",
    ].join("\n"),
  );
  chmodSync(join(directory, "bin", "terraform"), 0o755);
  return { bin: join(directory, "bin"), calls: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []) };
}

function synthesizedStack(config: object): { directory: string; outdir: string; folder: string } {
  const directory = temporaryDirectory();
  const folder = join(directory, "cdktf.out", "stacks", STACK);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "cdk.tf.json"), JSON.stringify(config, null, 2));
  return { directory, outdir: join(directory, "cdktf.out"), folder };
}

describe("the CI steps run terraform with the workflows' flags, in the stack folder (a stand-in terraform)", () => {
  const fake = fakeTerraform();
  const { directory, outdir, folder } = synthesizedStack({});
  const env = {
    PATH: `${fake.bin}:${process.env["PATH"]}`,
    GITHUB_ACTIONS: "false",
    TF_VAR_given: "x",
    TF_VAR_missing_secret: "",
  };
  const planDir = join(directory, "plan");

  test("plan --for deploy: plan -out=tfplan then show of that file, with the empty TF_VAR_ unset; apply: exactly tfplan; outputs: -json", () => {
    expect(
      step("ci-plan", ["--for", "deploy", "--stack", STACK, "--outdir", outdir, "--plan-dir", planDir, "--commit", COMMIT], directory, env),
    ).toMatchObject({ status: 0 });
    expect(readFileSync(join(planDir, "commit"), "utf8")).toBe(`${COMMIT}\n`);
    expect(
      step("ci-apply", ["--stack", STACK, "--outdir", outdir, "--plan-dir", planDir, "--commit", COMMIT], directory, env),
    ).toMatchObject({
      status: 0,
    });
    expect(existsSync(join(folder, "tfplan"))).toBe(false);
    const outputs = join(directory, "outputs.json");
    expect(step("ci-outputs", ["--stack", STACK, "--outdir", outdir, "--out", outputs], directory, env)).toMatchObject({ status: 0 });
    expect(JSON.parse(readFileSync(outputs, "utf8"))).toEqual({ issuer_url: "https://example", n: 2 });
    expect(fake.calls()).toEqual([
      `${STACK} plan -input=false -no-color -lock=false -out=tfplan [TF_VAR_given ]`,
      `${STACK} show -no-color tfplan [TF_VAR_given ]`,
      `${STACK} apply -input=false -no-color tfplan [TF_VAR_given ]`,
      `${STACK} output -json [TF_VAR_given ]`,
    ]);
  });

  test("plan --for pull-request and --for drift: plan -detailed-exitcode, never a saved plan", () => {
    const before = fake.calls().length;
    for (const purpose of ["pull-request", "drift"])
      expect(
        step(
          "ci-plan",
          ["--for", purpose, "--stack", STACK, "--outdir", outdir, "--plan-dir", planDir, "--commit", COMMIT],
          directory,
          env,
        ),
      ).toMatchObject({ status: 0 });
    expect(fake.calls().slice(before)).toEqual([
      `${STACK} plan -input=false -no-color -lock=false -detailed-exitcode [TF_VAR_given ]`,
      `${STACK} plan -input=false -no-color -lock=false -detailed-exitcode [TF_VAR_given ]`,
    ]);
  });

  test("a failed pull-request plan still writes its comment, and fails with the workflow's annotation in GitHub Actions", () => {
    const failed = step(
      "ci-plan",
      ["--for", "pull-request", "--stack", STACK, "--outdir", outdir, "--plan-dir", planDir, "--commit", COMMIT],
      directory,
      { ...env, FAKE_PLAN_EXIT: "1", GITHUB_ACTIONS: "true" },
    );
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain(
      `::error title=terraform plan failed for ${STACK}::see the plan output above and the pull request comment`,
    );
    expect(readFileSync(join(planDir, "comment.md"), "utf8")).toMatch(
      new RegExp(`^${diffMarker(STACK)}\\n### cdktf diff \`${STACK}\`: plan failed`),
    );
  });

  // The synthesis' rows as the synth job's npm run changes --out-dir writes them, and plans as terraform show -json prints them.
  const synthesisRow: Change = {
    level: "info",
    topic: "The app",
    what: "name shown in the identity provider: `OpenMetadata (dev)` → `OpenMetadata`",
    consequences: [],
    node: "app",
    where: "okta_app_oauth.okta_oidc-app_app.label",
  };
  const rowsDirectory = join(directory, "changes");
  mkdirSync(rowsDirectory);
  writeRowsFile(rowsDirectory, STACK, [synthesisRow]);
  const rows = join(rowsDirectory, `${STACK}.json`);
  const FAKE_SECRET = "fake-client-secret-9d1e7";
  const replacingPlan = join(directory, "replacing-plan.json");
  writeFileSync(
    replacingPlan,
    JSON.stringify({
      format_version: "1.2",
      resource_changes: [
        {
          address: "okta_app_oauth.okta_oidc-app_app",
          mode: "managed",
          type: "okta_app_oauth",
          name: "okta_oidc-app_app",
          change: { actions: ["delete", "create"], before: { client_secret: FAKE_SECRET }, replace_paths: [["type"]] },
        },
      ],
    }),
  );
  const notAPlan = join(directory, "not-a-plan.json");
  writeFileSync(notAPlan, `{"client_secret": ${FAKE_SECRET}`);
  const REPLACED = "okta_app_oauth.okta_oidc-app_app is replaced (forced by `type`)";
  const common = ["--stack", STACK, "--outdir", outdir, "--plan-dir", planDir, "--commit", COMMIT];
  const comment = () => readFileSync(join(planDir, "comment.md"), "utf8");

  test("--changes FILE puts the stack's summary, the synthesis' rows and the plan's replacement with its forcing attribute, above the plan on the approvers' page and in the comment", () => {
    const summary = join(directory, "summary-with-changes.md");
    const withPlan = { ...env, FAKE_PLAN_JSON: replacingPlan };
    expect(step("ci-plan", ["--for", "deploy", ...common, "--summary", summary, "--changes", rows], directory, withPlan)).toMatchObject({
      status: 0,
    });
    const page = readFileSync(summary, "utf8");
    expect(page.indexOf(`#### What \`${STACK}\` changes for sign-in: 🛑 disruptive (1 disruptive, 1 info)`)).toBe(0);
    expect(page).toContain(synthesisRow.what);
    expect(page.indexOf("From the plan:")).toBeLessThan(page.indexOf(REPLACED));
    expect(page.indexOf(REPLACED)).toBeLessThan(page.indexOf(`## Plan of ${STACK} at`));
    expect(step("ci-plan", ["--for", "pull-request", ...common, "--changes", rows], directory, withPlan)).toMatchObject({ status: 0 });
    expect(comment()).toContain(synthesisRow.what);
    expect(comment().indexOf(REPLACED)).toBeGreaterThan(0);
    expect(comment().indexOf(REPLACED)).toBeLessThan(comment().indexOf("<details"));
    expect(`${page}${comment()}`).not.toContain(FAKE_SECRET);
  });

  test("with --changes the pull-request plan is saved to tfplan for terraform show -json, and removed after", () => {
    const before = fake.calls().length;
    expect(step("ci-plan", ["--for", "pull-request", ...common, "--changes", rows], directory, env)).toMatchObject({ status: 0 });
    expect(fake.calls().slice(before)).toEqual([
      `${STACK} plan -input=false -no-color -lock=false -detailed-exitcode -out=tfplan [TF_VAR_given ]`,
      `${STACK} show -json tfplan [TF_VAR_given ]`,
    ]);
    expect(existsSync(join(folder, "tfplan"))).toBe(false);
  });

  test("a missing --changes file means no base was compared: the plan's rows alone, and nothing above the plan when it changes nothing for sign-in", () => {
    const none = join(directory, "none.json");
    const planned = step("ci-plan", ["--for", "pull-request", ...common, "--changes", none], directory, {
      ...env,
      FAKE_PLAN_JSON: replacingPlan,
    });
    expect(planned).toMatchObject({ status: 0 });
    expect(comment()).toContain("No synthesis of the base to compare with: the rows are the plan's alone.");
    expect(comment()).toContain(REPLACED);
    expect(step("ci-plan", ["--for", "pull-request", ...common, "--changes", none], directory, env)).toMatchObject({ status: 0 });
    expect(comment()).not.toContain("#### What");
    expect(comment()).not.toContain("From the plan");
  });

  test("when terraform show -json fails or prints no plan, the comment and the page still hold the plan, one line says its rows are missing, and nothing of the JSON is shown", () => {
    const summary = join(directory, "summary-unread.md");
    const failed = { ...env, FAKE_SHOW_JSON_EXIT: "1" };
    expect(step("ci-plan", ["--for", "pull-request", ...common, "--changes", rows], directory, failed)).toMatchObject({ status: 0 });
    expect(comment()).toContain(synthesisRow.what);
    expect(comment()).toContain(
      "From the plan: its rows could not be read (terraform show -json failed with exit code 1); read the plan itself.",
    );
    expect(comment()).toMatch(/<summary>terraform plan<\/summary>\n\n```text\nPlan: 1 to add/);
    const garbled = { ...env, FAKE_PLAN_JSON: notAPlan };
    expect(step("ci-plan", ["--for", "deploy", ...common, "--summary", summary, "--changes", rows], directory, garbled)).toMatchObject({
      status: 0,
    });
    const page = readFileSync(summary, "utf8");
    expect(page).toContain("From the plan: its rows could not be read (terraform show -json printed no plan this summary can read)");
    expect(page).toContain(`## Plan of ${STACK} at 0123456\n\n\`\`\`text\nPlan: 1 to add`);
    expect(existsSync(join(folder, "tfplan"))).toBe(true);
    // No synthesis rows and none from the plan: the line alone, still above the plan.
    expect(
      step("ci-plan", ["--for", "pull-request", ...common, "--changes", join(directory, "none.json")], directory, garbled),
    ).toMatchObject({
      status: 0,
    });
    expect(comment()).toMatch(/\n\nFrom the plan: its rows could not be read \([^)]*\); read the plan itself\.\n\nCommit 0123456\./);
    expect(`${page}${comment()}`).not.toContain(FAKE_SECRET);
  });

  test("a failed pull-request plan with --changes still writes its comment with the synthesis' rows, and reads no plan", () => {
    const before = fake.calls().length;
    const failed = step("ci-plan", ["--for", "pull-request", ...common, "--changes", rows], directory, { ...env, FAKE_PLAN_EXIT: "1" });
    expect(failed.status).toBe(1);
    expect(comment()).toMatch(new RegExp(`^${diffMarker(STACK)}\\n### cdktf diff \`${STACK}\`: plan failed`));
    expect(comment()).toContain(synthesisRow.what);
    expect(comment()).not.toContain("From the plan");
    expect(
      fake
        .calls()
        .slice(before)
        .map((call) => call.split(" ")[1]),
    ).toEqual(["plan"]);
    expect(existsSync(join(folder, "tfplan"))).toBe(false);
  });

  test("a --changes file that is not the stack's synthesis rows is refused before terraform runs, naming the file", () => {
    const other = join(directory, "other.json");
    writeFileSync(other, JSON.stringify({ stack: "openmetadata-prod", changes: [] }));
    const before = fake.calls().length;
    const refused = step("ci-plan", ["--for", "pull-request", ...common, "--changes", other], directory, env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`error: --changes ${other}: the rows of "openmetadata-prod", not of ${STACK};`);
    expect(fake.calls().slice(before)).toEqual([]);
  });

  test("terraform missing from PATH is a one-line error, exit 2", () => {
    const result = step("ci-outputs", ["--stack", STACK, "--outdir", outdir, "--out", join(directory, "o.json")], directory, {
      PATH: "/nonexistent",
    });
    expect(result).toMatchObject({ status: 2, stdout: "" });
    expect(result.stderr).toMatch(/^error: terraform is not on PATH: [^\n]*\n$/);
  });
});

describe("the pull request comment", () => {
  test("keeps GitHub's limit: a long plan is cut to fit 65536 characters, and its backticks cannot close the fence", () => {
    const plan =
      `Terraform will perform the following actions:\n` +
      `${"  + resource line with ``` backticks\n".repeat(5_000)}Plan: 1 to add, 0 to change, 0 to destroy.\n`;
    const body = pullRequestComment({
      stack: "openmetadata-dev",
      exitCode: 2,
      plan,
      commit: COMMIT,
      runUrl: "https://github.com/o/r/actions/runs/1",
    });
    expect(plan.length).toBeGreaterThan(COMMENT_LIMIT);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(
      body.startsWith(`${diffMarker("openmetadata-dev")}\n### cdktf diff \`openmetadata-dev\`: Plan: 1 to add, 0 to change, 0 to destroy.`),
    ).toBe(true);
    expect(body).toContain("Commit 0123456, [run log](https://github.com/o/r/actions/runs/1).");
    expect(body).toMatch(/truncated \d+ characters/);
    expect(body).toContain("````text");
  });

  test("puts the sign-in summary at the top, above the plan, and still keeps GitHub's limit with a long plan", () => {
    const changes = "#### What `openmetadata-dev` changes for sign-in: ⚠️ attention (1 attention)\n\n```mermaid\nflowchart LR\n```\n";
    const plan = `${"  ~ resource line\n".repeat(8_000)}Plan: 0 to add, 1 to change, 0 to destroy.\n`;
    const body = pullRequestComment({ stack: "openmetadata-dev", exitCode: 2, plan, commit: COMMIT, changes });
    expect(body.indexOf("#### What `openmetadata-dev` changes for sign-in")).toBeGreaterThan(0);
    expect(body.indexOf("#### What `openmetadata-dev` changes for sign-in")).toBeLessThan(body.indexOf("<details"));
    expect(body).toContain("```mermaid");
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  });

  test("cuts a sign-in summary longer than its room at a line end, without a half Mermaid block", () => {
    const long = `#### What \`s\` changes\n\n${"| ⚠️ attention | x | y | z |\n".repeat(2_000)}\n\`\`\`mermaid\nflowchart LR\n\`\`\`\n`;
    const section = changesSection(long);
    expect(section.length).toBeLessThanOrEqual(CHANGES_LIMIT + 100);
    expect(section).not.toContain("mermaid");
    expect(section).toContain("the sign-in summary is longer; run npm run changes for all of it.");
    expect(changesSection(undefined)).toBe("");
  });

  test("says no changes, folded, for exit code 0", () => {
    const body = pullRequestComment({ stack: "s", exitCode: 0, plan: "No changes.\n", commit: COMMIT });
    expect(body).toContain("### cdktf diff `s`: no changes");
    expect(body).toContain("<details><summary>");
  });
});

test("outputs are flattened as jq 'with_entries(.value = .value.value)' does", () => {
  expect(flattenOutputs('{"a":{"sensitive":true,"type":"string","value":"x"},"b":{"value":{"k":[1]}},"c":{}}')).toEqual({
    a: "x",
    b: { k: [1] },
    c: null,
  });
});

// ---------------------------------------------------------------------------------------------------------
// Against Terraform 1.11.4 and the project's local hashicorp/random and okta/okta providers.

const SENTINEL = "sentinel-secret-value-3f9c2a";

/** A stack like a synthesized one: the random provider, a local backend, a sensitive variable, outputs. */
function randomStack(statePath: string, keyBytes = 8): object {
  return {
    terraform: {
      required_providers: { random: { source: "hashicorp/random", version: "3.7.2" } },
      backend: { local: { path: statePath } },
    },
    provider: { random: [{}] },
    variable: { database_password: { type: "string", sensitive: true } },
    resource: {
      random_password: { admin: { length: 24, special: false } },
      random_id: { key_id: { byte_length: keyBytes, keepers: { password: "${var.database_password}" } } },
    },
    output: {
      key_id: { value: "${random_id.key_id.hex}" },
      admin_password: { value: "${random_password.admin.result}", sensitive: true },
      database_password: { value: "${var.database_password}", sensitive: true },
    },
  };
}

const OKTA_API_TOKEN = "00CiTerraformTestTokenNeverPrinted";

/**
 * The random stack with an Okta org and the user-facing app as the stacks name it (lib/changes reads
 * `okta_app_oauth.okta_oidc-app_app` as "the app"): a Web app, whose client secret Okta generates, or an
 * SPA. The provider's `type` is ForceNew (okta/terraform-provider-okta@v6.12.0
 * okta/services/idaas/resource_okta_app_oauth.go, local-providers/providers/okta/schema.ts): Web → SPA
 * replaces the app.
 */
function oktaStack(statePath: string, type: "web" | "browser"): object {
  const random = randomStack(statePath) as { resource: object; output: object; variable: object };
  const flow =
    type === "web"
      ? {
          grant_types: ["authorization_code", "refresh_token"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_post",
          pkce_required: false,
          omit_secret: false,
        }
      : {
          grant_types: ["authorization_code", "implicit", "refresh_token"],
          response_types: ["code", "id_token", "token"],
          token_endpoint_auth_method: "none",
          pkce_required: true,
        };
  return {
    terraform: {
      required_providers: { random: { source: "hashicorp/random", version: "3.7.2" }, okta: { source: "okta/okta", version: "6.12.0" } },
      backend: { local: { path: statePath } },
    },
    provider: { random: [{}], okta: [{ org_name: "example-ci", base_url: "oktapreview.com" }] },
    variable: random.variable,
    resource: {
      ...random.resource,
      okta_app_oauth: {
        "okta_oidc-app_app": {
          label: "OpenMetadata (ci)",
          type,
          status: "ACTIVE",
          consent_method: "TRUSTED",
          implicit_assignment: false,
          issuer_mode: "ORG_URL",
          redirect_uris: ["https://openmetadata.ci.example.com/callback"],
          post_logout_redirect_uris: ["https://openmetadata.ci.example.com"],
          ...flow,
        },
      },
    },
    output: random.output,
  };
}

interface StateFile {
  readonly serial: number;
  readonly resources: {
    readonly type: string;
    readonly name: string;
    readonly instances: { readonly attributes: Record<string, unknown> }[];
  }[];
}

describe.skipIf(TERRAFORM_MISSING !== undefined)(
  `the CI steps against Terraform 1.11.4 and the local random and okta providers${TERRAFORM_MISSING ? ` (${TERRAFORM_MISSING})` : ""}`,
  () => {
    let installation: LocalProviderInstallation;
    beforeAll(async () => {
      installation = await localProviders();
    }, 120_000);

    /** A synthesized, initialized stack, its folders and the env a CI step gets; one world for all its steps. */
    function initializedStack(config: (statePath: string) => object = randomStack) {
      const stateDirectory = temporaryDirectory();
      const statePath = join(stateDirectory, "terraform.tfstate");
      const stack = synthesizedStack(config(statePath));
      const world = newWorld();
      const env = (extra: NodeJS.ProcessEnv = {}) =>
        terraformEnvironment(installation, {
          world,
          extra: { GITHUB_ACTIONS: "false", TF_VAR_database_password: SENTINEL, OKTA_API_TOKEN, ...extra },
        });
      const init = runCommand("terraform", ["init", "-input=false", "-no-color"], stack.folder, env());
      expect(init.status, init.output).toBe(0);
      const planDir = join(stack.directory, "plan");
      const state = (): StateFile | undefined =>
        existsSync(statePath) ? (JSON.parse(readFileSync(statePath, "utf8")) as StateFile) : undefined;
      const printed: string[] = [];
      const run = (name: (typeof STEPS)[number], args: readonly string[], extra?: NodeJS.ProcessEnv) => {
        const result = step(name, ["--stack", STACK, "--outdir", stack.outdir, ...args], stack.directory, env(extra));
        printed.push(result.output);
        return result;
      };
      const planForDeploy = (extra?: NodeJS.ProcessEnv) =>
        run(
          "ci-plan",
          ["--for", "deploy", "--plan-dir", planDir, "--commit", COMMIT, "--summary", join(stack.directory, "summary.md")],
          extra,
        );
      const apply = (commit = COMMIT, extra?: NodeJS.ProcessEnv) => run("ci-apply", ["--plan-dir", planDir, "--commit", commit], extra);
      return { ...stack, statePath, planDir, state, printed, run, planForDeploy, apply, env };
    }

    const attribute = (state: StateFile | undefined, type: string, name: string) =>
      state?.resources.find((resource) => resource.type === type)?.instances[0]?.attributes[name] as string | undefined;
    const keyId = (state: StateFile | undefined) => attribute(state, "random_id", "hex");

    test("plan --for deploy writes the plan file beside the config, the summary under its heading, plan.txt and the commit file", () => {
      const stack = initializedStack();
      const planned = stack.planForDeploy();
      expect(planned.status, planned.output).toBe(0);
      expect(planned.stdout).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");
      expect(existsSync(join(stack.folder, "tfplan"))).toBe(true);
      expect(readFileSync(join(stack.planDir, "commit"), "utf8")).toBe(`${COMMIT}\n`);
      const text = readFileSync(join(stack.planDir, "plan.txt"), "utf8");
      expect(text).toContain("# random_password.admin will be created");
      const summary = readFileSync(join(stack.directory, "summary.md"), "utf8");
      expect(summary).toBe(`## Plan of ${STACK} at 0123456\n\n\`\`\`text\n${text}${text.endsWith("\n") ? "" : "\n"}\`\`\`\n`);
      expect(stack.state()).toBeUndefined();
    }, 120_000);

    test('an empty TF_VAR_ fails the plan as "No value for required variable", naming the variable, and leaves no plan', () => {
      const stack = initializedStack();
      const planned = stack.planForDeploy({ TF_VAR_database_password: "" });
      expect(planned.status).toBe(1);
      expect(planned.output).toContain("No value for required variable");
      expect(planned.output).toContain('"database_password"');
      expect(planned.stderr).toContain(`error: terraform plan failed for ${STACK}: exit code 1`);
      expect(existsSync(join(stack.folder, "tfplan"))).toBe(false);
      expect(existsSync(join(stack.planDir, "commit"))).toBe(false);
    }, 120_000);

    test("apply refuses a plan made from another commit with the workflow's message, and applies nothing", () => {
      const stack = initializedStack();
      expect(stack.planForDeploy().status).toBe(0);
      const message = `the plan of ${STACK} was made from ${COMMIT}, this run deploys ${OTHER_COMMIT}; run the deploy again`;
      const refused = stack.apply(OTHER_COMMIT);
      expect(refused).toMatchObject({ status: 1, stdout: "", stderr: `error: Plan of another commit: ${message}\n` });
      const annotated = stack.apply(OTHER_COMMIT, { GITHUB_ACTIONS: "true" });
      expect(annotated).toMatchObject({ status: 1, stdout: `::error title=Plan of another commit::${message}\n` });
      expect(stack.state()).toBeUndefined();
      expect(existsSync(join(stack.folder, "tfplan"))).toBe(true);
    }, 120_000);

    test("apply applies exactly the reviewed plan file: the state follows the plan, not the configuration changed since, and the file is removed", () => {
      const stack = initializedStack();
      expect(stack.planForDeploy().status).toBe(0);
      writeFileSync(join(stack.folder, "cdk.tf.json"), JSON.stringify(randomStack(stack.statePath, 32)));
      const applied = stack.apply();
      expect(applied.status, applied.output).toBe(0);
      expect(applied.stdout).toContain("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.");
      // byte_length 8 as planned: 16 hex digits, not the 64 of the changed configuration.
      expect(keyId(stack.state())).toMatch(/^[0-9a-f]{16}$/);
      expect(existsSync(join(stack.folder, "tfplan"))).toBe(false);
    }, 120_000);

    test("Terraform refuses a stale plan, one made before the state changed; nothing more is applied and the file is removed", () => {
      const stack = initializedStack();
      expect(stack.planForDeploy().status).toBe(0);
      cpSync(join(stack.folder, "tfplan"), join(stack.directory, "stale-tfplan"));
      expect(stack.apply().status).toBe(0);
      const after = stack.state();
      cpSync(join(stack.directory, "stale-tfplan"), join(stack.folder, "tfplan"));
      const stale = stack.apply();
      expect(stale.status).toBe(1);
      expect(stale.output).toMatch(/Saved plan is stale/);
      expect(stale.stderr).toContain(`error: terraform apply failed for ${STACK}: exit code 1;`);
      expect(stack.state()).toEqual(after);
      expect(existsSync(join(stack.folder, "tfplan"))).toBe(false);
    }, 120_000);

    test("outputs writes {name: value}, what terraform output -json holds under each value, and prints no value", () => {
      const stack = initializedStack();
      expect(stack.planForDeploy().status).toBe(0);
      expect(stack.apply().status).toBe(0);
      const out = join(stack.directory, "outputs.json");
      const written = stack.run("ci-outputs", ["--out", out]);
      expect(written.status, written.output).toBe(0);
      const state = stack.state();
      const password = state?.resources.find((resource) => resource.type === "random_password")?.instances[0]?.attributes["result"];
      expect(JSON.parse(readFileSync(out, "utf8"))).toEqual({
        key_id: keyId(state),
        admin_password: password,
        database_password: SENTINEL,
      });
      expect(written.stdout).toBe(`Wrote 3 outputs of ${STACK} to ${out}: admin_password, database_password, key_id\n`);
    }, 120_000);

    test("plan --for pull-request writes the comment, and --for drift fails naming the stack once the state and main differ", () => {
      const stack = initializedStack();
      const summary = join(stack.directory, "summary.md");
      const pullRequest = stack.run("ci-plan", [
        "--for",
        "pull-request",
        "--plan-dir",
        stack.planDir,
        "--commit",
        COMMIT,
        "--run-url",
        "https://github.com/o/r/actions/runs/9",
      ]);
      expect(pullRequest.status, pullRequest.output).toBe(0);
      const comment = readFileSync(join(stack.planDir, "comment.md"), "utf8");
      expect(comment).toContain(`### cdktf diff \`${STACK}\`: Plan: 2 to add, 0 to change, 0 to destroy.`);
      expect(comment).toContain("Commit 0123456, [run log](https://github.com/o/r/actions/runs/9).");

      expect(stack.planForDeploy().status).toBe(0);
      expect(stack.apply().status).toBe(0);
      expect(stack.run("ci-plan", ["--for", "drift", "--plan-dir", stack.planDir, "--summary", summary]).status).toBe(0);
      expect(readFileSync(summary, "utf8")).toMatch(new RegExp(`No drift in ${STACK}\\.\\n$`));

      writeFileSync(join(stack.folder, "cdk.tf.json"), JSON.stringify(randomStack(stack.statePath, 32)));
      const drift = stack.run("ci-plan", ["--for", "drift", "--plan-dir", stack.planDir, "--summary", summary], { GITHUB_ACTIONS: "true" });
      expect(drift.status).toBe(1);
      expect(drift.stdout).toContain(
        `::error title=Drift in ${STACK}::${STACK} differs from main (Plan: 1 to add, 0 to change, 1 to destroy.). Review the plan`,
      );
      expect(readFileSync(summary, "utf8")).toContain(`## Drift in ${STACK}\n\n\`\`\`text\n`);
    }, 120_000);

    test("no sensitive value reaches the summary, plan.txt, the comment or what the steps print", () => {
      const stack = initializedStack();
      expect(stack.planForDeploy().status).toBe(0);
      expect(stack.apply().status).toBe(0);
      writeFileSync(join(stack.folder, "cdk.tf.json"), JSON.stringify(randomStack(stack.statePath, 32)));
      // With --changes the plan's JSON is read too: the replaced key's keepers hold the sensitive variable.
      const noBase = ["--changes", join(stack.directory, "no-base.json")];
      expect(stack.run("ci-plan", ["--for", "pull-request", "--plan-dir", stack.planDir, "--commit", COMMIT, ...noBase]).status).toBe(0);
      expect(readFileSync(join(stack.planDir, "comment.md"), "utf8")).toContain("random_id.key_id is replaced (forced by `byte_length`)");
      stack.run("ci-plan", ["--for", "drift", "--plan-dir", stack.planDir, "--summary", join(stack.directory, "summary.md")]);
      expect(stack.run("ci-outputs", ["--out", join(stack.directory, "outputs.json")]).status).toBe(0);
      const password = stack.state()?.resources.find((resource) => resource.type === "random_password")?.instances[0]?.attributes["result"];
      expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
      const read = [
        ...stack.printed,
        readFileSync(join(stack.directory, "summary.md"), "utf8"),
        readFileSync(join(stack.planDir, "plan.txt"), "utf8"),
        readFileSync(join(stack.planDir, "comment.md"), "utf8"),
      ].join("\n");
      expect(read).toContain("(sensitive value)");
      expect(read).not.toContain(SENTINEL);
      expect(read).not.toContain(password as string);
    }, 120_000);

    test(
      "a replaced Okta app reaches the pull request comment and the approvers' page as the plan's row with the attribute " +
        "forcing it, above the plan and beside the synthesis' rows; no secret of the plan does",
      () => {
        const stack = initializedStack((statePath) => oktaStack(statePath, "web"));
        expect(stack.planForDeploy().status).toBe(0);
        const applied = stack.apply();
        expect(applied.status, applied.output).toBe(0);
        const clientSecret = attribute(stack.state(), "okta_app_oauth", "client_secret");
        const password = attribute(stack.state(), "random_password", "result");
        expect(clientSecret).toMatch(/^\S{20,}$/);

        // The synth job: the base's synthesis compared with the head's, the rows written beside the head (npm run changes --out-dir).
        const base = join(stack.directory, "base");
        mkdirSync(join(base, "stacks", STACK), { recursive: true });
        cpSync(join(stack.folder, "cdk.tf.json"), join(base, "stacks", STACK, "cdk.tf.json"));
        writeFileSync(join(stack.folder, "cdk.tf.json"), JSON.stringify(oktaStack(stack.statePath, "browser")));
        changes({ base, head: stack.outdir, outDir: join(stack.outdir, "changes") });
        const rows = ["--changes", join(stack.outdir, "changes", `${STACK}.json`)];

        const replaced = "okta_app_oauth.okta_oidc-app_app is replaced (forced by `type`)";
        const pullRequest = stack.run("ci-plan", ["--for", "pull-request", "--plan-dir", stack.planDir, "--commit", COMMIT, ...rows]);
        expect(pullRequest.status, pullRequest.output).toBe(0);
        const comment = readFileSync(join(stack.planDir, "comment.md"), "utf8");
        expect(comment).toContain(`### cdktf diff \`${STACK}\`: Plan: 1 to add, 0 to change, 1 to destroy.`);
        expect(comment).toContain(`#### What \`${STACK}\` changes for sign-in: 🛑 disruptive`);
        expect(comment).toContain("client type: `web` → `browser`");
        expect(comment.indexOf("From the plan:")).toBeLessThan(comment.indexOf(replaced));
        expect(comment.indexOf(replaced)).toBeLessThan(comment.indexOf("<details"));
        expect(comment.indexOf("<details")).toBeLessThan(comment.indexOf("# okta_app_oauth.okta_oidc-app_app must be replaced"));
        expect(existsSync(join(stack.folder, "tfplan"))).toBe(false);

        // A page of its own: the first deploy plan's is in summary.md.
        const summary = join(stack.directory, "replaced-summary.md");
        const deploy = stack.run("ci-plan", [
          "--for",
          "deploy",
          "--plan-dir",
          stack.planDir,
          "--commit",
          COMMIT,
          "--summary",
          summary,
          ...rows,
        ]);
        expect(deploy.status, deploy.output).toBe(0);
        const page = readFileSync(summary, "utf8");
        expect(page.indexOf("client type: `web` → `browser`")).toBeLessThan(page.indexOf(replaced));
        expect(page.indexOf(replaced)).toBeLessThan(page.indexOf(`## Plan of ${STACK} at 0123456`));

        // The plan the rows were read from holds the secrets in clear: the checks below have something to find.
        const planJson = runCommand("terraform", ["show", "-json", "tfplan"], stack.folder, stack.env()).stdout;
        const secrets = [clientSecret!, password!, SENTINEL];
        expect(secrets.filter((secret) => planJson.includes(secret))).toEqual(secrets);
        const read = [...stack.printed, comment, page, readFileSync(join(stack.planDir, "plan.txt"), "utf8")].join("\n");
        for (const secret of [...secrets, OKTA_API_TOKEN]) expect(read).not.toContain(secret);
      },
      180_000,
    );
  },
);
