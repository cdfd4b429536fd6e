// Generated from scripts/ci-apply.ts by __tests__/ci-terraform.test.ts; do not edit. The workflows run it with node alone (help/ci.md).
// After changing its sources: npx vitest run __tests__/ci-terraform.test.ts -u
"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// scripts/ci-apply.ts
var ci_apply_exports = {};
__export(ci_apply_exports, {
  main: () => main
});
module.exports = __toCommonJS(ci_apply_exports);
var import_node_util = require("node:util");

// lib/ci/apply.ts
var import_node_fs2 = require("node:fs");
var import_node_path2 = require("node:path");

// lib/secret-shape.ts
var NESTED_SECRET_NAME = /secret|passw|pwd|token|credential|private|api[-_]?key|access[-_]?key/i;
var JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/;
var PEM = /-----BEGIN [A-Z0-9 ]*-----/;
var RANDOM = /^[A-Za-z0-9+/_=~-]{24,}$/;
function looksLikeSecretValue(value) {
  if (typeof value === "string") {
    const text = value.trim();
    if (JWT.test(text) || PEM.test(text)) return true;
    if (!RANDOM.test(text)) return false;
    if (/(?:^|[-_.~])[a-z]{4,}(?:[-_.~]|$)/.test(text)) return false;
    const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((pattern) => pattern.test(text)).length;
    return classes >= 3 || classes === 2 && /\d/.test(text) && !/[a-z]{6,}|[A-Z]{6,}/.test(text) && text.length >= 32;
  }
  if (Array.isArray(value)) return value.some(looksLikeSecretValue);
  if (value !== null && typeof value === "object")
    return Object.entries(value).some(([name, inner]) => NESTED_SECRET_NAME.test(name) || looksLikeSecretValue(inner));
  return false;
}
var PEM_BLOCK = /-----BEGIN [A-Z0-9 ]*-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|$)/g;
var JWT_GLOBAL = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
var LONG_WORD = /[A-Za-z0-9_=~-]{24,}/g;
function withoutSecretShapes(text) {
  return withoutKeysAndTokens(text).replace(
    LONG_WORD,
    (word) => looksLikeSecretValue(word) ? "(a value that may be secret, not shown)" : word
  );
}
function withoutKeysAndTokens(text) {
  return text.replace(PEM_BLOCK, "(a PEM block, not shown)").replace(JWT_GLOBAL, "(a JWT, not shown)");
}
function quoted(value) {
  return looksLikeSecretValue(value) ? "(a value that may be secret, not shown)" : JSON.stringify(value);
}

// lib/errors.ts
var UserError = class extends Error {
  name = "UserError";
  constructor(message) {
    super(withoutKeysAndTokens(message));
  }
};
var USER_ERROR_EXIT_CODE = 2;
var INTERNAL_ERROR_EXIT_CODE = 1;
function internalError(script, error, write = (text) => process.stderr.write(text)) {
  const message = error instanceof Error ? error.message : String(error);
  write(`${script}: internal error (not a mistake in your input): ${withoutSecretShapes(message).split("\n")[0]}
`);
  return INTERNAL_ERROR_EXIT_CODE;
}

// lib/ci/annotations.ts
function inGitHubActions(env) {
  return env["GITHUB_ACTIONS"] === "true";
}
var escapeData = (text) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
var escapeProperty = (text) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
function reportError(io, title, message) {
  if (inGitHubActions(io.env)) io.stdout(`::error title=${escapeProperty(title)}::${escapeData(message)}
`);
  else io.stderr(`error: ${title}: ${message}
`);
}

// lib/text/suggest.ts
function closest(word, candidates) {
  const normalized = (text) => text.toLowerCase().replace(/[-_\s]/g, "");
  let best;
  for (const candidate of candidates) {
    const distance = normalized(candidate) === normalized(word) ? 0 : editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (best && best.distance <= Math.max(1, Math.floor(best.candidate.length / 4))) return best.candidate;
  return word.length >= 4 ? candidates.find(
    (candidate) => normalized(candidate).startsWith(normalized(word)) || normalized(word).startsWith(normalized(candidate))
  ) : void 0;
}
function editDistance(a, b) {
  const rows = [Array.from({ length: b.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let distance = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, rows[i - 2][j - 2] + 1);
      row.push(distance);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}

// lib/cli-usage.ts
var USAGE_EXIT_CODE = 2;
function usageError(script, problem, write = (text) => process.stderr.write(text)) {
  write(`error: ${withoutKeysAndTokens(problem)}
Run "npm run ${script} -- --help" for usage.
`);
  return USAGE_EXIT_CODE;
}
function describeArgumentError(error, knownOptions, usage = "") {
  const { code, message } = error;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = (/'([^']+)'/.exec(message)?.[1] ?? message).split("=")[0];
    const name = option.replace(/^-+/, "");
    const near = closest(name, knownOptions);
    return `unknown option ${option}${near ? ` (did you mean --${near}?)` : ""}; options: ${knownOptions.map((known) => `--${known}`).join(", ")}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? "the option";
    const metavar = new RegExp(`${option} ([A-Z][A-Z_]*)\\b`).exec(usage)?.[1] ?? "VALUE";
    if (/argument missing/.test(message)) return `${option} needs a value, e.g. ${option} ${metavar}`;
    if (/ambiguous/.test(message)) return `${option} needs a value; one starting with "-" is written ${option}=-1`;
    if (/does not take an argument/.test(message)) return `${option} takes no value; write ${option} alone`;
    return message;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const argument = /'([^']*)'/.exec(message)?.[1] ?? "";
    return `unexpected argument ${quoted(argument)}; this command takes only options (${knownOptions.map((known) => `--${known}`).join(", ")})`;
  }
  return message;
}

// lib/ci/terraform.ts
var import_node_child_process = require("node:child_process");
var import_node_fs = require("node:fs");
var import_node_path = require("node:path");
var PLAN_FILE = "tfplan";
function processIo() {
  return { env: process.env, stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text) };
}
var STACK_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
function stackFolder(outdir, stack) {
  if (!STACK_ID.test(stack)) throw new UserError(`--stack ${JSON.stringify(stack)} is not a stack id (npm run -s stacks lists them)`);
  const folder = (0, import_node_path.join)(outdir, "stacks", stack);
  if (!(0, import_node_fs.existsSync)((0, import_node_path.join)(folder, "cdk.tf.json")))
    throw new UserError(`${(0, import_node_path.join)(folder, "cdk.tf.json")} does not exist: run npm run synth first`);
  return folder;
}
function withoutEmptyVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([name, value]) => !(name.startsWith("TF_VAR_") && value === "")));
}
function runTerraform(args, cwd, env, streams) {
  const stdio = (stream) => stream === "capture" ? "pipe" : stream;
  const result = (0, import_node_child_process.spawnSync)("terraform", [...args], {
    cwd,
    env,
    stdio: ["ignore", stdio(streams.stdout), stdio(streams.stderr)],
    encoding: "utf8",
    // `terraform output -json` of a large stack; plans are written to files, never buffered.
    maxBuffer: 256 * 1024 * 1024
  });
  if (result.error?.code === "ENOENT")
    throw new UserError(
      "terraform is not on PATH: install Terraform 1.11.4 (the version CI pins) and run terraform init in the stack folder"
    );
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout ?? "" };
}

// lib/ci/plan.ts
var COMMIT_FILE = "commit";

// lib/ci/apply.ts
function applyReviewedPlan({ stack, folder, planDir, commit }, io) {
  const commitFile = (0, import_node_path2.join)(planDir, COMMIT_FILE);
  if (!(0, import_node_fs2.existsSync)(commitFile))
    throw new UserError(
      `${commitFile} does not exist: --plan-dir must be the folder of the plan (npm run ci:plan -- --for deploy writes it)`
    );
  const planned = (0, import_node_fs2.readFileSync)(commitFile, "utf8").trim();
  if (planned !== commit) {
    reportError(
      io,
      "Plan of another commit",
      `the plan of ${stack} was made from ${planned}, this run deploys ${commit}; run the deploy again`
    );
    return 1;
  }
  const savedPlan = (0, import_node_path2.join)(folder, PLAN_FILE);
  if (!(0, import_node_fs2.existsSync)(savedPlan))
    throw new UserError(`${savedPlan} does not exist: the reviewed plan must be there (npm run ci:plan -- --for deploy writes it)`);
  try {
    const applied = runTerraform(["apply", "-input=false", "-no-color", PLAN_FILE], folder, withoutEmptyVariables(io.env), {
      stdout: "inherit",
      stderr: "inherit"
    });
    if (applied.status === 0) return 0;
    reportError(
      io,
      `terraform apply failed for ${stack}`,
      `exit code ${applied.status}; see Terraform's message above. A stale saved plan means the state changed since it was planned: run the deploy again (help/runbooks/failed-apply.md).`
    );
    return 1;
  } finally {
    (0, import_node_fs2.rmSync)(savedPlan, { force: true });
  }
}

// scripts/ci-apply.ts
var USAGE = `Usage: npm run ci:apply -- --stack ID --plan-dir DIR --commit SHA [--outdir DIR]

The deploy's apply of exactly the reviewed plan, <outdir>/stacks/<ID>/tfplan (help/ci.md): refused when
DIR/commit, which npm run ci:plan -- --for deploy wrote, names another commit than --commit; otherwise
terraform apply -input=false -no-color tfplan, nothing planned in between (Terraform refuses a plan
whose state changed since: "Saved plan is stale"). The plan file is removed afterwards.

Options:
  --stack ID       the stack id (npm run -s stacks lists them)
  --plan-dir DIR   the plan's folder, holding its commit file
  --commit SHA     the commit this run deploys
  --outdir DIR     the synthesized output (default cdktf.out)
  -h, --help       show this help

Problems are GitHub annotations (::error) when GITHUB_ACTIONS=true, "error: ..." lines otherwise.
Exit codes: 0 applied, 1 refused (a plan of another commit) or terraform apply failed,
2 bad usage, a missing plan or commit file, a stack that is not synthesized, or no terraform on PATH.
`;
var OPTIONS = {
  stack: { type: "string" },
  "plan-dir": { type: "string" },
  commit: { type: "string" },
  outdir: { type: "string", default: "cdktf.out" },
  help: { type: "boolean", short: "h", default: false }
};
function main(args, io = processIo()) {
  let values;
  try {
    ({ values } = (0, import_node_util.parseArgs)({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError("ci:apply", describeArgumentError(error, Object.keys(OPTIONS), USAGE), io.stderr);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.stack === void 0) return usageError("ci:apply", "--stack ID is required: the stack to apply", io.stderr);
  if (values["plan-dir"] === void 0)
    return usageError("ci:apply", "--plan-dir DIR is required: the plan's folder, with its commit file", io.stderr);
  if (!values.commit) return usageError("ci:apply", "--commit SHA is required: the commit this run deploys", io.stderr);
  try {
    return applyReviewedPlan(
      { stack: values.stack, folder: stackFolder(values.outdir, values.stack), planDir: values["plan-dir"], commit: values.commit },
      io
    );
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("ci:apply", error, io.stderr);
    io.stderr(`error: ${error.message}
`);
    return USER_ERROR_EXIT_CODE;
  }
}
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  main
});
