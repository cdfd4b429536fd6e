import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
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

/** A stand-in terraform that records each call (folder, arguments, TF_VAR_ names) and acts just enough. */
function fakeTerraform(): { bin: string; calls: () => string[] } {
  const directory = temporaryDirectory();
  const log = join(directory, "calls");
  mkdirSync(join(directory, "bin"));
  writeFileSync(
    join(directory, "bin", "terraform"),
    [
      "#!/bin/sh",
      `echo "$(basename "$PWD") $* [$(env | grep -o '^TF_VAR_[A-Za-z_]*' | sort | tr '\\n' ' ')]" >> "${log}"`,
      'case "$1" in',
      '  plan) for a in "$@"; do case "$a" in -out=*) echo plan > "${a#-out=}";; esac; done; echo "Plan: 1 to add, 0 to change, 0 to destroy."; exit "${FAKE_PLAN_EXIT:-0}";;',
      '  show) echo "Plan: 1 to add, 0 to change, 0 to destroy.";;',
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

  test("--changes FILE puts the stack's sign-in summary above the plan on the approvers' page and in the comment; a missing file is no error", () => {
    const changes = join(directory, "changes.md");
    writeFileSync(changes, "#### What `openmetadata-dev` changes for sign-in: ℹ️ info (1 info)\n");
    const summary = join(directory, "summary.md");
    const common = ["--stack", STACK, "--outdir", outdir, "--plan-dir", planDir, "--commit", COMMIT];
    expect(step("ci-plan", ["--for", "deploy", ...common, "--summary", summary, "--changes", changes], directory, env)).toMatchObject({
      status: 0,
    });
    const page = readFileSync(summary, "utf8");
    expect(page.indexOf("#### What `openmetadata-dev` changes for sign-in")).toBe(0);
    expect(page).toContain(`## Plan of ${STACK} at`);
    expect(step("ci-plan", ["--for", "pull-request", ...common, "--changes", changes], directory, env)).toMatchObject({ status: 0 });
    const comment = readFileSync(join(planDir, "comment.md"), "utf8");
    expect(comment.indexOf("#### What")).toBeLessThan(comment.indexOf("<details"));
    expect(step("ci-plan", ["--for", "pull-request", ...common, "--changes", join(directory, "none.md")], directory, env)).toMatchObject({
      status: 0,
    });
    expect(readFileSync(join(planDir, "comment.md"), "utf8")).not.toContain("#### What");
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
// Against Terraform 1.11.4 and the project's local hashicorp/random provider.

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

interface StateFile {
  readonly serial: number;
  readonly resources: {
    readonly type: string;
    readonly name: string;
    readonly instances: { readonly attributes: Record<string, unknown> }[];
  }[];
}

describe.skipIf(TERRAFORM_MISSING !== undefined)(
  `the CI steps against Terraform 1.11.4 and the local random provider${TERRAFORM_MISSING ? ` (${TERRAFORM_MISSING})` : ""}`,
  () => {
    let installation: LocalProviderInstallation;
    beforeAll(async () => {
      installation = await localProviders();
    }, 120_000);

    /** A synthesized, initialized stack, its folders and the env a CI step gets. */
    function initializedStack() {
      const stateDirectory = temporaryDirectory();
      const statePath = join(stateDirectory, "terraform.tfstate");
      const stack = synthesizedStack(randomStack(statePath));
      const env = (extra: NodeJS.ProcessEnv = {}) =>
        terraformEnvironment(installation, {
          world: newWorld(),
          extra: { GITHUB_ACTIONS: "false", TF_VAR_database_password: SENTINEL, ...extra },
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
      return { ...stack, statePath, planDir, state, printed, run, planForDeploy, apply };
    }

    const keyId = (state: StateFile | undefined) =>
      state?.resources.find((resource) => resource.type === "random_id")?.instances[0]?.attributes["hex"] as string | undefined;

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
      stack.run("ci-plan", ["--for", "pull-request", "--plan-dir", stack.planDir, "--commit", COMMIT]);
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
  },
);
