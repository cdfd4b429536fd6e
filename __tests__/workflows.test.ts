import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { shippedEnvironments } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

/**
 * The workflows name stacks, environments and actions as plain strings that no compiler checks. These
 * tests tie them to the shipped environments and to the pinning and permission rules.
 */
const WORKFLOWS_DIR = resolve(__dirname, "..", ".github", "workflows");
const temporaryDirectory = useTemporaryDirectories("workflows-test");

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; name?: string };
type Job = {
  environment?: string | { name: string };
  permissions?: Record<string, string> | string;
  strategy?: { matrix?: Record<string, unknown>; "max-parallel"?: number; "fail-fast"?: boolean };
  steps?: Step[];
  needs?: string | string[];
};
type Workflow = { on: Record<string, any>; permissions?: Record<string, string> | string; jobs: Record<string, Job> };

interface LoadedWorkflow {
  file: string;
  text: string;
  workflow: Workflow;
}

function loadWorkflows(): LoadedWorkflow[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(WORKFLOWS_DIR, file), "utf8");
      return { file, text, workflow: parse(text) as Workflow };
    });
}

const workflows = loadWorkflows();
const byFile = (file: string): LoadedWorkflow => {
  const found = workflows.find((candidate) => candidate.file === file);
  if (!found) throw new Error(`.github/workflows/${file} is missing`);
  return found;
};
const stackIds = shippedEnvironments().map((environment) => environment.stackId);
/** Stacks whose state CI can reach: local state lives on one developer's machine (dev by default). */
const remoteStateStackIds = shippedEnvironments()
  .filter((environment) => environment.backend.type !== "local")
  .map((environment) => environment.stackId);

/**
 * The stacks a matrix runs: a literal list, or a `fromJSON(...)` expression whose quoted JSON lists
 * name them (placeholders such as `["{0}"]` are not stacks).
 */
function matrixStacks(job: Job): string[] {
  const value = job.strategy?.matrix?.["stack"];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string") throw new Error(`unexpected matrix.stack ${JSON.stringify(value)}`);
  return [...value.matchAll(/'(\[[^']*\])'/g)]
    .flatMap((match) => JSON.parse(match[1] as string) as unknown[])
    .map(String)
    .filter((name) => !/\{\d+\}/.test(name));
}

function environmentName(job: Job): string | undefined {
  return typeof job.environment === "string" ? job.environment : job.environment?.name;
}

/** The GitHub environments a job can run in, with `${{ matrix.stack }}` replaced by each stack. */
function environmentNames(job: Job): string[] {
  const name = environmentName(job);
  if (name === undefined) return [];
  if (!name.includes("${{")) return [name];
  const stacks = matrixStacks(job);
  if (!/\$\{\{\s*matrix\.stack\s*\}\}/.test(name) || stacks.length === 0) throw new Error(`cannot resolve environment ${name}`);
  return stacks.map((stack) => name.replace(/\$\{\{\s*matrix\.stack\s*\}\}/g, stack));
}

/** Plan-only jobs use `<stack>-plan` (read-only credentials, no reviewers); applying jobs use `<stack>`. */
const PLAN_SUFFIX = "-plan";
const stackOfEnvironment = (name: string) => (name.endsWith(PLAN_SUFFIX) ? name.slice(0, -PLAN_SUFFIX.length) : name);

function scripts(job: Job): string {
  return (job.steps ?? []).map((step) => step.run ?? "").join("\n");
}

const applies = (job: Job) => /terraform apply\b/.test(scripts(job));

function allJobs(): { file: string; id: string; job: Job }[] {
  return workflows.flatMap(({ file, workflow }) => Object.entries(workflow.jobs).map(([id, job]) => ({ file, id, job })));
}

function dispatchStackOptions(workflow: Workflow): string[] {
  const inputs = (workflow.on?.["workflow_dispatch"]?.["inputs"] ?? {}) as Record<string, { options?: unknown[] }>;
  return Object.values(inputs).flatMap((input) => (input.options ?? []).map(String));
}

describe("the GitHub workflows", () => {
  it("exist for pull requests, deploys and drift", () => {
    expect(workflows.map(({ file }) => file)).toEqual(expect.arrayContaining(["deploy.yml", "drift.yml", "pull-request.yml"]));
  });

  it("name only stacks that the shipped environments define, in matrices, dispatch options and environment names", () => {
    const named = workflows.flatMap(({ file, workflow }) => [
      ...Object.values(workflow.jobs).flatMap((job) => [...matrixStacks(job), ...environmentNames(job).map(stackOfEnvironment)]),
      ...dispatchStackOptions(workflow),
    ].map((stack) => ({ file, stack })));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(({ stack }) => !stackIds.includes(stack))).toEqual([]);
  });

  it("run every shipped stack with remote state, in the order of the environments file, and none with local state", () => {
    expect(remoteStateStackIds).toEqual(["openmetadata-staging", "openmetadata-prod"]);
    const matrices = allJobs().filter(({ job }) => job.strategy?.matrix?.["stack"] !== undefined);
    expect(matrices.map(({ file, id }) => `${file}:${id}`).sort()).toEqual(["deploy.yml:apply", "drift.yml:drift", "pull-request.yml:diff"]);
    for (const { file, id, job } of matrices) expect(matrixStacks(job), `${file}:${id}`).toEqual(remoteStateStackIds);
    expect(dispatchStackOptions(byFile("deploy.yml").workflow)).toEqual(remoteStateStackIds);
  });

  it("pin every action to a full commit SHA with its version in a comment", () => {
    const usesLines = workflows.flatMap(({ file, text }) =>
      text
        .split("\n")
        .filter((line) => /^\s*(-\s+)?uses:/.test(line))
        .map((line) => ({ file, line: line.trim() })),
    );
    expect(usesLines.length).toBeGreaterThan(0);
    const unpinned = usesLines.filter(({ line }) => !/uses:\s+[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$/.test(line));
    expect(unpinned).toEqual([]);
    // The parsed values agree with the lines (no uses: hidden in a flow mapping the line check missed).
    const parsedUses = allJobs().flatMap(({ job }) => (job.steps ?? []).flatMap((step) => (step.uses ? [step.uses] : [])));
    expect(parsedUses).toHaveLength(usesLines.length);
  });

  it("pin the same version of an action everywhere", () => {
    const versions = new Map<string, Set<string>>();
    for (const { job } of allJobs())
      for (const step of job.steps ?? []) {
        if (!step.uses) continue;
        const [action, ref] = step.uses.split("@") as [string, string];
        versions.set(action, (versions.get(action) ?? new Set()).add(ref));
      }
    expect([...versions].filter(([, refs]) => refs.size > 1).map(([action]) => action)).toEqual([]);
  });

  it("pin terraform 1.11.4 and node 20", () => {
    const steps = allJobs().flatMap(({ job }) => job.steps ?? []);
    const terraform = steps.filter((step) => step.uses?.startsWith("hashicorp/setup-terraform@"));
    const node = steps.filter((step) => step.uses?.startsWith("actions/setup-node@"));
    expect(terraform.length).toBeGreaterThan(0);
    expect(node.length).toBeGreaterThan(0);
    for (const step of terraform) expect(String(step.with?.["terraform_version"])).toBe("1.11.4");
    for (const step of node) expect(String(step.with?.["node-version"])).toBe("20");
  });

  it("declare permissions, read-only by default, with write access only to pull-request comments and OIDC tokens", () => {
    const allowedWrites = new Set(["pull-requests", "id-token"]);
    for (const { file, workflow } of workflows) {
      expect(workflow.permissions, `${file} has no top-level permissions`).toEqual({ contents: "read" });
      for (const [id, job] of Object.entries(workflow.jobs)) {
        expect(job.permissions, `${file}:${id} declares no permissions`).toBeTypeOf("object");
        const writes = Object.entries(job.permissions as Record<string, string>).filter(([, level]) => level === "write").map(([scope]) => scope);
        expect(writes.filter((scope) => !allowedWrites.has(scope)), `${file}:${id}`).toEqual([]);
      }
    }
    // Only the job that comments may write to pull requests, and only jobs that assume the AWS role get OIDC tokens.
    const writers = (scope: string) =>
      allJobs()
        .filter(({ job }) => (job.permissions as Record<string, string>)[scope] === "write")
        .map(({ file, id }) => `${file}:${id}`)
        .sort();
    expect(writers("pull-requests")).toEqual(["pull-request.yml:diff"]);
    expect(writers("id-token")).toEqual(
      allJobs()
        .filter(({ job }) => (job.steps ?? []).some((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@")))
        .map(({ file, id }) => `${file}:${id}`)
        .sort(),
    );
  });

  it("check drift with terraform plan -detailed-exitcode and fail with an error naming the stack on exit code 2", () => {
    const { workflow } = byFile("drift.yml");
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["schedule", "workflow_dispatch"]));
    const drift = workflow.jobs["drift"];
    if (!drift) throw new Error("drift.yml has no drift job");
    const script = scripts(drift);
    expect(script).toMatch(/terraform plan [^\n]*-detailed-exitcode/);
    expect(script).toMatch(/-lock=false/);
    expect(script).toMatch(/^\s*2\)[\s\S]*?::error title=Drift in \$STACK::[\s\S]*?exit 1/m);
    expect(drift.strategy?.["fail-fast"]).toBe(false);
  });

  it("post the pull request diff of each stack as one comment found again by its per-stack marker", () => {
    const diff = byFile("pull-request.yml").workflow.jobs["diff"];
    if (!diff) throw new Error("pull-request.yml has no diff job");
    expect(diff.needs).toBe("synth");
    expect(scripts(diff)).toMatch(/terraform plan [^\n]*-no-color[^\n]*-lock=false/);
    const post = (diff.steps ?? []).find((step) => step.uses?.startsWith("actions/github-script@"));
    if (!post) throw new Error("the diff job has no github-script step");
    expect(post.env?.["MARKER"]).toBe("<!-- cdktf-diff:${{ matrix.stack }} -->");
    const script = String(post.with?.["script"]);
    expect(script).toMatch(/includes\(MARKER\)/);
    expect(script).toMatch(/updateComment/);
    expect(script).toMatch(/createComment/);
    expect(script).toMatch(/65536/);
    expect(script).toMatch(/paginate/);
  });

  it("keep GitHub's comment limit: a long plan is cut to fit 65536 characters", async () => {
    const post = (byFile("pull-request.yml").workflow.jobs["diff"]?.steps ?? []).find((step) => step.uses?.startsWith("actions/github-script@"));
    const script = String(post?.with?.["script"]);
    // Runs the step's script against a fake GitHub client, the way github-script calls it.
    const bodies: string[] = [];
    const github = {
      rest: { issues: { listComments: {}, createComment: async ({ body }: { body: string }) => void bodies.push(body), updateComment: async () => expect.fail("nothing to update") } },
      paginate: async () => [],
    };
    const context = { serverUrl: "https://github.com", repo: { owner: "o", repo: "r" }, runId: 1, issue: { number: 7 }, payload: { pull_request: { head: { sha: "0123456789abcdef" } } } };
    const plan = `Terraform will perform the following actions:\n${"  + resource line with ``` backticks\n".repeat(5_000)}Plan: 1 to add, 0 to change, 0 to destroy.\n`;
    const env = { STACK: "openmetadata-dev", MARKER: "<!-- cdktf-diff:openmetadata-dev -->", EXIT_CODE: "2", PLAN_FILE: "/plan.txt" };
    const fakeRequire = (name: string) => (name === "node:fs" ? { readFileSync: () => plan } : expect.fail(`unexpected require ${name}`));
    const run = new Function("require", "process", "github", "context", `return (async () => {\n${script}\n})();`);
    await run(fakeRequire, { env }, github, context);

    expect(bodies).toHaveLength(1);
    const body = bodies[0] as string;
    expect(plan.length).toBeGreaterThan(65536);
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body.startsWith(env.MARKER)).toBe(true);
    expect(body).toContain("Plan: 1 to add, 0 to change, 0 to destroy.");
    expect(body).toMatch(/truncated \d+ characters/);
    // The plan's own ``` cannot close the fence around it.
    expect(body).toContain("````text");
  });

  it("deploy each stack in the GitHub environment of that stack, one at a time", () => {
    const applying = allJobs().filter(({ job }) => applies(job));
    expect(applying.map(({ file, id }) => `${file}:${id}`)).toEqual(["deploy.yml:apply"]);
    const apply = applying[0]!.job;
    expect(environmentName(apply)).toBe("${{ matrix.stack }}");
    expect(environmentNames(apply)).toEqual(remoteStateStackIds);
    expect(apply.strategy?.["max-parallel"]).toBe(1);
    expect(apply.strategy?.["fail-fast"]).toBe(true);
    const script = scripts(apply);
    expect(script).toMatch(/terraform plan [^\n]*-out=tfplan/);
    expect(script).toMatch(/terraform apply [^\n]*tfplan/);
    expect(script).toMatch(/terraform output -json \| jq 'with_entries\(\.value = \.value\.value\)'/);
    expect(script).toMatch(/npm run (--silent )?verify -- "\$\{STACK#openmetadata-\}" --outputs outputs\.json --json/);
  });

  it("compare OpenMetadata's stored SSO settings after each apply in report mode, with the token from a secret", () => {
    const steps = byFile("deploy.yml").workflow.jobs["apply"]?.steps ?? [];
    const verify = steps.findIndex((step) => /npm run (--silent )?verify /.test(step.run ?? ""));
    const sync = steps.findIndex((step) => /npm run (--silent )?sso-sync /.test(step.run ?? ""));
    expect(verify).toBeGreaterThan(0);
    expect(sync).toBeGreaterThan(verify);
    const step = steps[sync]!;
    expect(step.run).toMatch(/npm run --silent sso-sync -- "\$\{STACK#openmetadata-\}" --outputs outputs\.json\s*$/);
    expect(step.env?.["OPENMETADATA_ADMIN_TOKEN"]).toBe("${{ secrets.OPENMETADATA_ADMIN_TOKEN }}");
    // Writing the stored settings stays a reviewed, manual step.
    expect(workflows.filter(({ text }) => /sso-sync[^\n]*--apply/.test(text)).map(({ file }) => file)).toEqual([]);
  });

  describe("the sso-sync step's script", () => {
    const step = (byFile("deploy.yml").workflow.jobs["apply"]?.steps ?? []).find((candidate) => /sso-sync/.test(candidate.run ?? ""));
    const directory = temporaryDirectory();
    // A stand-in npm that records its arguments and exits with FAKE_NPM_EXIT.
    mkdirSync(join(directory, "bin"));
    writeFileSync(join(directory, "bin", "npm"), `#!/bin/sh\necho "$@" >> "${directory}/npm-calls"\nexit "\${FAKE_NPM_EXIT:-0}"\n`, { mode: 0o755 });

    /** Runs the step as GitHub does (bash -e) with the given outputs and token. */
    function runStep(outputs: Record<string, string>, token: string, npmExit = 0) {
      writeFileSync(join(directory, "outputs.json"), JSON.stringify(outputs));
      rmSync(join(directory, "npm-calls"), { force: true });
      const result = spawnSync("bash", ["-e", "-c", step?.run ?? "exit 99"], {
        cwd: directory,
        encoding: "utf8",
        env: { PATH: `${join(directory, "bin")}:${process.env["PATH"]}`, STACK: "openmetadata-staging", OPENMETADATA_ADMIN_TOKEN: token, FAKE_NPM_EXIT: String(npmExit) },
      });
      const calls = existsSync(join(directory, "npm-calls")) ? readFileSync(join(directory, "npm-calls"), "utf8") : "";
      return { status: result.status, stdout: result.stdout, calls };
    }
    const kubernetesOutputs = { issuer_url: "https://example.okta.com/oauth2/aus1", client_id: "0oa1", jwt_key_id: "openmetadata-staging-1" };

    it("fails the job when sso-sync reports drift", () => {
      expect(runStep(kubernetesOutputs, "pat", 1)).toMatchObject({ status: 1, calls: "run --silent sso-sync -- staging --outputs outputs.json\n" });
    });

    it("is skipped with a warning naming the secret when the environment has no OPENMETADATA_ADMIN_TOKEN", () => {
      const skipped = runStep(kubernetesOutputs, "");
      expect(skipped).toMatchObject({ status: 0, calls: "" });
      expect(skipped.stdout).toMatch(/^::warning title=sso-sync skipped for openmetadata-staging::No OPENMETADATA_ADMIN_TOKEN secret/);
    });

    it("is skipped with a notice for a Collate stack, which has no jwt_key_id output", () => {
      const skipped = runStep({ issuer_url: "https://example.okta.com/oauth2/aus1", client_id: "0oa1" }, "pat");
      expect(skipped).toMatchObject({ status: 0, calls: "" });
      expect(skipped.stdout).toContain("targets Collate");
    });
  });

  it("keep plan-only jobs out of the deploy environments, so prod's reviewers gate applies and not every plan", () => {
    const planOnly = allJobs().filter(({ job }) => !applies(job) && environmentName(job) !== undefined);
    expect(planOnly.length).toBeGreaterThan(0);
    for (const { file, id, job } of planOnly) {
      for (const name of environmentNames(job)) expect(name, `${file}:${id}`).toBe(`${stackOfEnvironment(name)}${PLAN_SUFFIX}`);
    }
  });

  it("refuse to plan or apply a stack whose state is local, since a runner's disk does not outlive the job", () => {
    for (const { file, id, job } of allJobs().filter(({ job }) => /terraform (plan|apply)/.test(scripts(job)))) {
      expect(scripts(job), `${file}:${id}`).toMatch(/\.terraform\.backend[\s\S]*"?\$(type|BACKEND)"? = local/);
    }
  });

  it("give the Okta provider its credentials only through the documented environment variables, from secrets", () => {
    for (const { file, id, job } of allJobs().filter(({ job }) => /terraform (plan|apply)/.test(scripts(job)))) {
      // Steps that run terraform plan or apply as a command (not ones that only mention it in a message).
      const terraformSteps = (job.steps ?? []).filter((step) => /^\s*terraform (plan|apply) /m.test(step.run ?? ""));
      expect(terraformSteps.length, `${file}:${id}`).toBeGreaterThan(0);
      for (const step of terraformSteps) {
        for (const variable of ["OKTA_API_CLIENT_ID", "OKTA_API_PRIVATE_KEY", "OKTA_API_PRIVATE_KEY_ID", "OKTA_API_SCOPES"]) {
          expect(step.env?.[variable], `${file}:${id} ${step.name ?? ""} ${variable}`).toBe(`\${{ secrets.${variable} }}`);
        }
      }
      // No step prints a secret: secrets reach steps only through env, never inline in a script.
      expect(scripts(job), `${file}:${id}`).not.toMatch(/\$\{\{\s*secrets\./);
    }
  });
});
