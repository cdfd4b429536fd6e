import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { rowsFilePath } from "../lib/changes/rows-file";
import { diffMarker } from "../lib/ci/plan-text";
import { fixtureEnvironments } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

/**
 * The workflows name stacks, environments and actions as plain strings that no compiler checks. These
 * tests tie them to the shipped environments and to the pinning and permission rules.
 */
const WORKFLOWS_DIR = resolve(__dirname, "..", ".github", "workflows");
const temporaryDirectory = useTemporaryDirectories("workflows-test");

type Step = {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  name?: string;
  id?: string;
  if?: string;
  "working-directory"?: string;
};
type Job = {
  environment?: string | { name: string };
  env?: Record<string, unknown>;
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
const ACTIONS_DIR = resolve(__dirname, "..", ".github", "actions");
/** Composite actions of the repository, by the path workflows use them with (`./.github/actions/<name>`). */
const compositeActions = new Map<string, { file: string; text: string; steps: Step[] }>(
  readdirSync(ACTIONS_DIR).map((name) => {
    const text = readFileSync(join(ACTIONS_DIR, name, "action.yml"), "utf8");
    return [
      `./.github/actions/${name}`,
      { file: `actions/${name}/action.yml`, text, steps: (parse(text) as { runs: { steps: Step[] } }).runs.steps },
    ];
  }),
);

/** A job's steps with every local composite action expanded into its own steps. */
function expandedSteps(job: Job): Step[] {
  return (job.steps ?? []).flatMap((step) => {
    const composite = step.uses ? compositeActions.get(step.uses) : undefined;
    return composite ? [step, ...composite.steps] : [step];
  });
}

/** The stacks a matrix runs: always a job output of the synth job, which asks `npm run -s stacks`. */
function matrixSource(job: Job): string | undefined {
  const value = job.strategy?.matrix?.["stack"];
  return value === undefined ? undefined : String(value);
}

function environmentName(job: Job): string | undefined {
  return typeof job.environment === "string" ? job.environment : job.environment?.name;
}

/** Plan-only jobs use `<stack>-plan` (read-only credentials, no reviewers); applying jobs use `<stack>`. */
const PLAN_SUFFIX = "-plan";

function scripts(job: Job): string {
  return expandedSteps(job)
    .map((step) => step.run ?? "")
    .join("\n");
}

/** The steps around terraform: scripts/ci-*.ts, committed bundled (__tests__/ci-terraform.test.ts builds and runs them). */
const CI_STEP = /\bnode \.github\/ci\/(ci-[\w-]+)\.cjs\b/;
const ciSteps = (text: string) => [...text.matchAll(new RegExp(CI_STEP, "g"))].map(([, step]) => step!);
const applies = (job: Job) => /terraform apply\b|node \.github\/ci\/ci-apply\.cjs/.test(scripts(job));
const runsTerraform = (job: Job) => /terraform (plan|apply)|node \.github\/ci\/ci-(plan|apply)\.cjs/.test(scripts(job));
/** A step that runs terraform plan or apply as a command (not one that only mentions it in a message). */
const TERRAFORM_COMMAND = /^\s*(terraform (plan|apply) |node \.github\/ci\/ci-(plan|apply)\.cjs )/m;

function allJobs(): { file: string; id: string; job: Job }[] {
  return workflows.flatMap(({ file, workflow }) => Object.entries(workflow.jobs).map(([id, job]) => ({ file, id, job })));
}

const jobOf = (file: string, id: string): Job => {
  const job = byFile(file).workflow.jobs[id];
  if (!job) throw new Error(`${file} has no job ${id}`);
  return job;
};

describe("the GitHub workflows", () => {
  it("exist for pull requests, deploys and drift", () => {
    expect(workflows.map(({ file }) => file)).toEqual(expect.arrayContaining(["deploy.yml", "drift.yml", "pull-request.yml"]));
  });

  it("name no stack: every matrix comes from the synth job, which lists the stacks of the environments file with npm run -s stacks", () => {
    const matrices = allJobs().filter(({ job }) => matrixSource(job) !== undefined);
    expect(matrices.map(({ file, id }) => `${file}:${id}`).sort()).toEqual([
      "deploy.yml:apply",
      "deploy.yml:plan",
      "deploy.yml:sso-sync",
      "deploy.yml:verify",
      "drift.yml:drift",
      "pull-request.yml:diff",
    ]);
    for (const { file, id, job } of matrices) {
      expect(matrixSource(job), `${file}:${id}`).toMatch(/^\$\{\{ fromJSON\(needs\.synth\.outputs\.(stacks|changed)\) \}\}$/);
      expect(scripts(jobOf(file, "synth")), file).toMatch(/npm run -s stacks -- --remote-state/);
    }
    // No stack id, and no environment of the shipped file, appears outside comments.
    const code = workflows
      .map(({ text }) =>
        text
          .split("\n")
          .filter((line) => !/^\s*#/.test(line))
          .join("\n"),
      )
      .join("\n");
    for (const environment of fixtureEnvironments()) expect(code).not.toContain(environment.stackId);
    expect(byFile("deploy.yml").workflow.on["workflow_dispatch"]["inputs"]["stack"]["type"]).toBe("string");
  });

  it("read the environments file from the repository variable, and the shipped one when it is unset", () => {
    for (const { file, workflow } of workflows) {
      for (const [id, job] of Object.entries(workflow.jobs).filter(([, job]) =>
        /^\s*npm run (synth|--silent verify|--silent sso-sync)\b/m.test(scripts(job)),
      )) {
        const step = (job.steps ?? []).find((candidate) => candidate.name === "The environments file");
        expect(step?.env?.["FILE"], `${file}:${id}`).toBe("${{ vars.OPENMETADATA_ENVIRONMENTS_FILE }}");
        // Set only when non-empty: an unset variable expands to "".
        expect(step?.run, `${file}:${id}`).toMatch(/if \[ -n "\$FILE" \]/);
      }
    }
  });

  it(
    "plan on a pull request only the stacks whose synthesized JSON differs from the base branch, " +
      "all of them when the lock files change, and say which were left unchanged",
    () => {
      const synth = scripts(jobOf("pull-request.yml", "synth"));
      expect(synth).toMatch(/git worktree add --detach "\$RUNNER_TEMP\/base" "\$BASE_SHA"/);
      expect(synth).toMatch(/git diff --quiet "\$BASE_SHA" HEAD -- package-lock\.json locks\//);
      expect(synth).toMatch(/npm run -s stacks -- --remote-state --changed-against "\$RUNNER_TEMP\/base\/cdktf\.out"/);
      expect(jobOf("pull-request.yml", "diff").strategy?.matrix?.["stack"]).toBe("${{ fromJSON(needs.synth.outputs.changed) }}");
      const summary = String(jobOf("pull-request.yml", "summary").steps?.[0]?.with?.["script"]);
      expect(summary).toContain("UNCHANGED");
      expect(summary).toContain("Unchanged, not planned");
    },
  );

  it("pin every action to a full commit SHA with its version in a comment, in workflows and composite actions", () => {
    const texts = [
      ...workflows.map(({ file, text }) => ({ file, text })),
      ...[...compositeActions.values()].map(({ file, text }) => ({ file, text })),
    ];
    const usesLines = texts.flatMap(({ file, text }) =>
      text
        .split("\n")
        .filter((line) => /^\s*(-\s+)?uses:/.test(line))
        .map((line) => ({ file, line: line.trim() })),
    );
    expect(usesLines.length).toBeGreaterThan(0);
    const unpinned = usesLines.filter(
      ({ line }) => !/uses:\s+(\.\/\.github\/actions\/[\w-]+\s*$|[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$)/.test(line),
    );
    expect(unpinned).toEqual([]);
    for (const uses of usesLines.map(({ line }) => line.replace(/^-?\s*uses:\s+/, "")).filter((uses) => uses.startsWith("./")))
      expect(compositeActions.has(uses), uses).toBe(true);
  });

  it("pin the same version of an action everywhere", () => {
    const versions = new Map<string, Set<string>>();
    for (const { job } of allJobs())
      for (const step of expandedSteps(job)) {
        if (!step.uses || step.uses.startsWith("./")) continue;
        const [action, ref] = step.uses.split("@") as [string, string];
        versions.set(action, (versions.get(action) ?? new Set()).add(ref));
      }
    expect([...versions].filter(([, refs]) => refs.size > 1).map(([action]) => action)).toEqual([]);
  });

  it("pin terraform 1.11.4 and node 20", () => {
    const steps = allJobs().flatMap(({ job }) => expandedSteps(job));
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
        const writes = Object.entries(job.permissions as Record<string, string>)
          .filter(([, level]) => level === "write")
          .map(([scope]) => scope);
        expect(
          writes.filter((scope) => !allowedWrites.has(scope)),
          `${file}:${id}`,
        ).toEqual([]);
      }
    }
    // Only the jobs that comment may write to pull requests, and only jobs that assume the AWS role get OIDC tokens.
    const writers = (scope: string) =>
      allJobs()
        .filter(({ job }) => (job.permissions as Record<string, string>)[scope] === "write")
        .map(({ file, id }) => `${file}:${id}`)
        .sort();
    expect(writers("pull-requests")).toEqual(["pull-request.yml:diff", "pull-request.yml:summary"]);
    expect(writers("id-token")).toEqual(
      allJobs()
        .filter(({ job }) => expandedSteps(job).some((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@")))
        .map(({ file, id }) => `${file}:${id}`)
        .sort(),
    );
  });

  // How exit code 2 fails the step, naming the stack: __tests__/ci-terraform.test.ts.
  it("check drift with the drift plan (-detailed-exitcode), which fails on a difference", () => {
    const { workflow } = byFile("drift.yml");
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["schedule", "workflow_dispatch"]));
    const drift = jobOf("drift.yml", "drift");
    expect(scripts(drift)).toMatch(
      /^node \.github\/ci\/ci-plan\.cjs --for drift --stack "\$STACK" --plan-dir "\$RUNNER_TEMP\/plan" --summary "\$GITHUB_STEP_SUMMARY"$/m,
    );
    expect(drift.strategy?.["fail-fast"]).toBe(false);
  });

  it(
    "never run drift and deploy at once on one stack: drift skips while a Deploy " +
      "run is active, and both share the stack's concurrency group",
    () => {
      expect(scripts(jobOf("drift.yml", "synth"))).toMatch(/gh run list [^\n]*--workflow deploy\.yml[\s\S]*stacks=\[\]/);
      const group = (job: Job) => (job as { concurrency?: { group?: string; "cancel-in-progress"?: boolean } }).concurrency;
      for (const job of [jobOf("drift.yml", "drift"), jobOf("deploy.yml", "apply")]) {
        expect(group(job)).toEqual({ group: "terraform-state-${{ matrix.stack }}", "cancel-in-progress": false });
      }
    },
  );

  it("post the pull request diff of each stack as one comment found again by its per-stack marker", () => {
    const diff = jobOf("pull-request.yml", "diff");
    expect(diff.needs).toBe("synth");
    const plan = (diff.steps ?? []).find((step) => step.id === "plan");
    expect(plan?.run).toMatch(
      /^node \.github\/ci\/ci-plan\.cjs --for pull-request --stack "\$STACK" --plan-dir "\$RUNNER_TEMP\/plan" --commit "\$HEAD_SHA" --run-url "\$GITHUB_SERVER_URL\/\$GITHUB_REPOSITORY\/actions\/runs\/\$GITHUB_RUN_ID" --changes "cdktf\.out\/changes\/\$STACK\.json"$/,
    );
    expect(plan?.env?.["HEAD_SHA"]).toBe("${{ github.event.pull_request.head.sha }}");
    const post = (diff.steps ?? []).find((step) => step.uses?.startsWith("actions/github-script@"));
    if (!post) throw new Error("the diff job has no github-script step");
    // Posted also when the plan failed: the comment says why.
    expect(post.if).toBe("always() && steps.plan.outcome != 'skipped'");
    // The marker the plan step writes at the top of the comment (lib/ci/plan-text.ts) is the one searched for.
    expect(post.env?.["MARKER"]).toBe(diffMarker("${{ matrix.stack }}"));
    expect(post.env?.["COMMENT_FILE"]).toBe("${{ runner.temp }}/plan/comment.md");
    const script = String(post.with?.["script"]);
    expect(script).toMatch(/includes\(MARKER\)/);
    expect(script).toMatch(/paginate/);
  });

  it("write the sign-in summaries in the synth jobs with npm run changes against the base's synthesis, where one exists", () => {
    for (const file of ["pull-request.yml", "deploy.yml"]) {
      const run = (jobOf(file, "synth").steps ?? []).map((step) => step.run ?? "").join("\n");
      expect(run, file).toMatch(
        /if \[ -d "\$RUNNER_TEMP\/base\/cdktf\.out" \]; then\n\s*npm run -s changes -- --base "\$RUNNER_TEMP\/base\/cdktf\.out" --out-dir cdktf\.out\/changes\n/,
      );
      // Written before the upload, so the plan jobs find cdktf.out/changes/<stack>.md in the artifact.
      const steps = jobOf(file, "synth").steps ?? [];
      expect(steps.findIndex((step) => /npm run -s changes/.test(step.run ?? ""))).toBeLessThan(
        steps.findIndex((step) => step.uses?.startsWith("actions/upload-artifact@") ?? false),
      );
    }
    const before = (jobOf("deploy.yml", "synth").steps ?? []).find((step) => step.name === "Synthesize the commit deployed before");
    expect(before?.env?.["BEFORE_SHA"]).toBe("${{ github.event.before }}");
  });

  it(
    "give each plan job its stack's rows from the synth job's npm run changes --out-dir, in the uploaded synthesis, " +
      "for ci-plan to put above the plan with that plan's own rows added",
    () => {
      for (const [file, id] of [
        ["pull-request.yml", "diff"],
        ["deploy.yml", "plan"],
      ] as const) {
        const synth = jobOf(file, "synth").steps ?? [];
        const outDir = /npm run -s changes -- [^\n]*--out-dir (\S+)/.exec(synth.map((step) => step.run ?? "").join("\n"))?.[1];
        expect(outDir, file).toBe("cdktf.out/changes");
        // The folder travels to the plan jobs in the synthesis they download.
        const upload = synth.find((step) => step.uses?.startsWith("actions/upload-artifact@"));
        expect(outDir!.startsWith(`${String(upload?.with?.["path"])}/`), file).toBe(true);
        const download = (jobOf(file, id).steps ?? []).find((step) => step.uses?.startsWith("actions/download-artifact@"));
        expect(download?.with, `${file}:${id}`).toEqual({ name: upload?.with?.["name"], path: upload?.with?.["path"] });
        // The file ci-plan reads is the one npm run changes writes for the job's stack (lib/changes/rows-file.ts).
        const plan = (jobOf(file, id).steps ?? []).find((step) => CI_STEP.test(step.run ?? ""));
        const changes = /--changes "([^"]+)"/.exec(plan?.run ?? "")?.[1];
        expect(changes, `${file}:${id}`).toBe(rowsFilePath(outDir!, "$STACK"));
        expect(jobOf(file, id).env?.["STACK"], `${file}:${id}`).toBe("${{ matrix.stack }}");
      }
    },
  );

  describe("the pull request comment step's script", () => {
    const post = (jobOf("pull-request.yml", "diff").steps ?? []).find((step) => step.uses?.startsWith("actions/github-script@"));
    const script = String(post?.with?.["script"]);
    const MARKER = "<!-- cdktf-diff:openmetadata-dev -->";

    /** Runs the step's script as github-script calls it, against a fake GitHub client holding `existing` comments. */
    async function postComment(comment: string | undefined, existing: { id: number; body: string; user: { type: string } }[]) {
      const calls: { method: string; body: string; id?: number }[] = [];
      const github = {
        rest: {
          issues: {
            listComments: {},
            createComment: async ({ body }: { body: string }) => void calls.push({ method: "create", body }),
            updateComment: async ({ body, comment_id }: { body: string; comment_id: number }) =>
              void calls.push({ method: "update", body, id: comment_id }),
          },
        },
        paginate: async () => existing,
      };
      const context = { repo: { owner: "o", repo: "r" }, issue: { number: 7 } };
      const fakeRequire = (name: string) =>
        name === "node:fs"
          ? { existsSync: () => comment !== undefined, readFileSync: () => comment }
          : expect.fail(`unexpected require ${name}`);
      const env = { MARKER, COMMENT_FILE: "/tmp/plan/comment.md" };
      const run = new Function("require", "process", "github", "context", `return (async () => {\n${script}\n})();`);
      await run(fakeRequire, { env }, github, context);
      return calls;
    }

    it("updates the stack's earlier comment, found by its marker among the bot's comments", async () => {
      const body = `${MARKER}\n### cdktf diff \`openmetadata-dev\`: no changes\n`;
      const existing = [
        { id: 1, body: MARKER, user: { type: "User" } },
        { id: 2, body: "<!-- cdktf-diff:openmetadata-prod -->", user: { type: "Bot" } },
        { id: 3, body: `${MARKER}\nold`, user: { type: "Bot" } },
      ];
      expect(await postComment(body, existing)).toEqual([{ method: "update", body, id: 3 }]);
    });

    it("creates one when there is none, and posts nothing when the plan step wrote no comment", async () => {
      expect(await postComment("body", [])).toEqual([{ method: "create", body: "body" }]);
      expect(await postComment(undefined, [])).toEqual([]);
    });
  });

  it(
    "apply exactly the reviewed plan: a read-only plan job uploads it encrypted with its " +
      "summary, the gated apply job refuses one of another commit and applies that file",
    () => {
      const plan = jobOf("deploy.yml", "plan");
      expect(environmentName(plan)).toBe("${{ matrix.stack }}-plan");
      const planScript = scripts(plan);
      // The plan to tfplan, its text, the summary and the commit file: scripts/ci-plan.ts (ci-terraform.test.ts runs it).
      expect(planScript).toMatch(
        /^node \.github\/ci\/ci-plan\.cjs --for deploy --stack "\$STACK" --plan-dir "\$RUNNER_TEMP\/plan" --commit "\$GITHUB_SHA" --summary "\$GITHUB_STEP_SUMMARY" --changes "cdktf\.out\/changes\/\$STACK\.json"$/m,
      );
      expect(planScript).toMatch(/gpg [^\n]*--symmetric[^\n]*--output "\$RUNNER_TEMP\/plan\/tfplan\.gpg" tfplan\b[\s\S]*\brm tfplan$/m);
      const upload = (plan.steps ?? []).find((step) => step.uses?.startsWith("actions/upload-artifact@"));
      expect(upload?.with?.["path"]).toBe("${{ runner.temp }}/plan");

      const applying = allJobs().filter(({ job }) => applies(job));
      expect(applying.map(({ file, id }) => `${file}:${id}`)).toEqual(["deploy.yml:apply"]);
      const apply = applying[0]!.job;
      expect(environmentName(apply)).toBe("${{ matrix.stack }}");
      expect(apply.needs).toEqual(["synth", "plan"]);
      expect(apply.strategy?.["max-parallel"]).toBe(1);
      expect(apply.strategy?.["fail-fast"]).toBe(true);
      const script = scripts(apply);
      expect(script).not.toMatch(/terraform plan|ci-plan/);
      // Decrypted into the stack folder, where ci-apply checks the commit, applies exactly tfplan and removes it.
      const runs = (apply.steps ?? []).map((step) => step.run ?? "");
      const decrypt = runs.findIndex((run) => /gpg [^\n]*--decrypt[^\n]*--output tfplan "\$RUNNER_TEMP\/plan\/tfplan\.gpg"/.test(run));
      const applyStep = runs.findIndex((run) =>
        /^node \.github\/ci\/ci-apply\.cjs --stack "\$STACK" --plan-dir "\$RUNNER_TEMP\/plan" --commit "\$GITHUB_SHA"$/.test(run),
      );
      const outputs = runs.findIndex((run) =>
        /^node \.github\/ci\/ci-outputs\.cjs --stack "\$STACK" --out "\$RUNNER_TEMP\/outputs\.json"$/.test(run),
      );
      expect([decrypt, applyStep, outputs].every((index) => index >= 0)).toBe(true);
      expect(decrypt < applyStep && applyStep < outputs).toBe(true);
      expect((apply.steps ?? [])[decrypt]?.["working-directory"]).toBe("cdktf.out/stacks/${{ matrix.stack }}");
      const outputsUpload = (apply.steps ?? []).find((step) => step.uses?.startsWith("actions/upload-artifact@"));
      expect(outputsUpload?.with?.["path"]).toBe("${{ runner.temp }}/outputs.json");
    },
  );

  it(
    "run the steps around terraform as the committed bundles of scripts/ci-*.ts, from the repository root " +
      "(cdktf.out is the downloaded synthesis), with node set up and no npm install or dependency cache",
    () => {
      const callers = allJobs().filter(({ job }) => CI_STEP.test(scripts(job)));
      expect(callers.map(({ file, id }) => `${file}:${id}`).sort()).toEqual([
        "deploy.yml:apply",
        "deploy.yml:plan",
        "drift.yml:drift",
        "pull-request.yml:diff",
      ]);
      for (const { file, id, job } of callers) {
        for (const step of ciSteps(scripts(job))) {
          expect(existsSync(resolve(__dirname, "..", ".github", "ci", `${step}.cjs`)), `${file}:${id} ${step}`).toBe(true);
          expect(existsSync(resolve(__dirname, "..", "scripts", `${step}.ts`)), `${file}:${id} ${step}`).toBe(true);
        }
        const steps = expandedSteps(job);
        for (const step of steps.filter((candidate) => CI_STEP.test(candidate.run ?? "")))
          expect(step["working-directory"], `${file}:${id} ${step.name ?? ""}`).toBeUndefined();
        const node = steps.findIndex((step) => step.uses?.startsWith("actions/setup-node@"));
        expect(node, `${file}:${id}`).toBeGreaterThanOrEqual(0);
        expect(steps[node]?.with?.["package-manager-cache"], `${file}:${id}`).toBe(false);
        expect(node, `${file}:${id}`).toBeLessThan(steps.findIndex((step) => CI_STEP.test(step.run ?? "")));
        // No command of the job installs or runs a package (a message may still name one: "run npm run lock-providers").
        expect(scripts(job), `${file}:${id}`).not.toMatch(/^\s*(npm|npx)\b/m);
      }
    },
  );

  it("verify where no deploy credential is loaded", () => {
    const verify = jobOf("deploy.yml", "verify");
    expect(environmentName(verify)).toBeUndefined();
    expect(JSON.stringify(verify)).not.toMatch(/secrets\./);
    expect(scripts(verify)).toMatch(/npm run --silent verify -- "\$\{STACK#openmetadata-\}" --outputs outputs\.json --json/);
  });

  it("install with npm ci --ignore-scripts in every job that holds credentials", () => {
    for (const { file, id, job } of allJobs().filter(
      ({ job }) => environmentName(job) !== undefined || JSON.stringify(job).includes("secrets."),
    )) {
      for (const line of scripts(job)
        .split("\n")
        .filter((line) => /\bnpm ci\b/.test(line)))
        expect(line, `${file}:${id}`).toMatch(/npm ci --ignore-scripts/);
    }
  });

  it(
    "compare OpenMetadata's stored SSO settings after each apply in report mode, " +
      "holding only the admin token, in an environment of its own",
    () => {
      const job = jobOf("deploy.yml", "sso-sync");
      expect(job.needs).toEqual(["synth", "apply"]);
      // Not <stack>-plan, which pull-request branches reach, and not <stack>, whose reviewers would gate a read.
      expect(environmentName(job)).toBe("${{ matrix.stack }}-sso-sync");
      const step = (job.steps ?? []).find((candidate) => /npm run --silent sso-sync /.test(candidate.run ?? ""));
      expect(step?.run).toMatch(/npm run --silent sso-sync -- "\$\{STACK#openmetadata-\}" --outputs outputs\.json\s*$/);
      expect(step?.env?.["OPENMETADATA_ADMIN_TOKEN"]).toBe("${{ secrets.OPENMETADATA_ADMIN_TOKEN }}");
      expect([...JSON.stringify(job).matchAll(/secrets\.(\w+)/g)].map(([, name]) => name)).toEqual(["OPENMETADATA_ADMIN_TOKEN"]);
      // Writing the stored settings stays a reviewed, manual step.
      expect(workflows.filter(({ text }) => /sso-sync[^\n]*--apply/.test(text)).map(({ file }) => file)).toEqual([]);
    },
  );

  describe("the sso-sync step's script", () => {
    const step = (jobOf("deploy.yml", "sso-sync").steps ?? []).find((candidate) => /sso-sync/.test(candidate.run ?? ""));
    const directory = temporaryDirectory();
    // A stand-in npm that records its arguments and exits with FAKE_NPM_EXIT.
    mkdirSync(join(directory, "bin"));
    writeFileSync(join(directory, "bin", "npm"), `#!/bin/sh\necho "$@" >> "${directory}/npm-calls"\nexit "\${FAKE_NPM_EXIT:-0}"\n`, {
      mode: 0o755,
    });

    /** Runs the step as GitHub does (bash -e) with the given outputs and token. */
    function runStep(outputs: Record<string, string>, token: string, npmExit = 0) {
      writeFileSync(join(directory, "outputs.json"), JSON.stringify(outputs));
      rmSync(join(directory, "npm-calls"), { force: true });
      const result = spawnSync("bash", ["-e", "-c", step?.run ?? "exit 99"], {
        cwd: directory,
        encoding: "utf8",
        env: {
          PATH: `${join(directory, "bin")}:${process.env["PATH"]}`,
          STACK: "openmetadata-staging",
          OPENMETADATA_ADMIN_TOKEN: token,
          FAKE_NPM_EXIT: String(npmExit),
        },
      });
      const calls = existsSync(join(directory, "npm-calls")) ? readFileSync(join(directory, "npm-calls"), "utf8") : "";
      return { status: result.status, stdout: result.stdout, calls };
    }
    const kubernetesOutputs = {
      issuer_url: "https://example.okta.com/oauth2/aus1",
      client_id: "0oa1",
      jwt_key_id: "openmetadata-staging-1",
    };

    it("fails the job when sso-sync reports drift", () => {
      expect(runStep(kubernetesOutputs, "pat", 1)).toMatchObject({
        status: 1,
        calls: "run --silent sso-sync -- staging --outputs outputs.json\n",
      });
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
    // The sso-sync job has an environment of its own (its test above).
    const planOnly = allJobs().filter(({ id, job }) => !applies(job) && environmentName(job) !== undefined && id !== "sso-sync");
    expect(planOnly.map(({ file, id }) => `${file}:${id}`).sort()).toEqual(["deploy.yml:plan", "drift.yml:drift", "pull-request.yml:diff"]);
    for (const { file, id, job } of planOnly) expect(environmentName(job), `${file}:${id}`).toBe(`\${{ matrix.stack }}${PLAN_SUFFIX}`);
  });

  it("refuse to plan or apply a stack whose state is local, since a runner's disk does not outlive the job", () => {
    for (const { file, id, job } of allJobs().filter(({ job }) => runsTerraform(job))) {
      expect(scripts(job), `${file}:${id}`).toMatch(/\.terraform\.backend[\s\S]*"?\$(type|BACKEND)"? = local/);
    }
  });

  it("give every backend its credentials: S3 through OIDC, GCS and HCP Terraform from secrets, with a clear error when missing", () => {
    const init = compositeActions.get("./.github/actions/terraform-init")!;
    expect(init.text).toMatch(/type == 's3'[\s\S]*configure-aws-credentials/);
    expect(init.text).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
    expect(init.text).toMatch(/credentials\.tfrc\.json/);
    expect(init.text).toMatch(/::error title=No GCS credentials/);
    expect(init.text).toMatch(/::error title=No HCP Terraform token/);
    for (const { file, id, job } of allJobs().filter(({ job }) => runsTerraform(job))) {
      const step = (job.steps ?? []).find((candidate) => candidate.uses === "./.github/actions/terraform-init");
      expect(step?.with, `${file}:${id}`).toMatchObject({
        "aws-role-arn": "${{ secrets.AWS_ROLE_ARN }}",
        "google-credentials": "${{ secrets.GOOGLE_CREDENTIALS }}",
        "tf-api-token": "${{ secrets.TF_API_TOKEN }}",
      });
    }
  });

  it(
    "init with the committed provider checksums " +
      "(locks/<stack>.terraform.lock.hcl, -lockfile=readonly) and a plugin cache " +
      "keyed on them",
    () => {
      const init = compositeActions.get("./.github/actions/terraform-init")!;
      expect(init.text).toMatch(/locks\/\$STACK\.terraform\.lock\.hcl[\s\S]*terraform init [^\n]*-lockfile=readonly/);
      // Without a committed lock file nothing is initialized: the only init is the readonly one.
      expect(init.text.match(/^\s*terraform init /gm)).toHaveLength(1);
      expect(init.text).toMatch(/::error title=No provider lock file[\s\S]*?exit 1/);
      const cache = init.steps.find((step) => step.uses?.startsWith("actions/cache@"));
      expect(String(cache?.with?.["key"])).toContain("hashFiles('locks/*.terraform.lock.hcl'");
      expect(init.text).toMatch(/TF_PLUGIN_CACHE_DIR/);
    },
  );

  it("give the Okta provider its credentials only through the documented environment variables, from secrets", () => {
    for (const { file, id, job } of allJobs().filter(({ job }) => runsTerraform(job))) {
      const terraformSteps = (job.steps ?? []).filter((step) => TERRAFORM_COMMAND.test(step.run ?? ""));
      expect(terraformSteps.length, `${file}:${id}`).toBeGreaterThan(0);
      for (const step of terraformSteps) {
        for (const variable of ["OKTA_API_CLIENT_ID", "OKTA_API_PRIVATE_KEY", "OKTA_API_PRIVATE_KEY_ID", "OKTA_API_SCOPES"]) {
          expect(step.env?.[variable], `${file}:${id} ${step.name ?? ""} ${variable}`).toBe(`\${{ secrets.${variable} }}`);
        }
      }
      // No step prints a secret: secrets reach steps only through env or action inputs, never inline in a script.
      expect(scripts(job), `${file}:${id}`).not.toMatch(/\$\{\{\s*secrets\./);
    }
  });
});
