// Generated from scripts/ci-apply.ts by __tests__/ci-terraform.test.ts; do not edit. The workflows run it with node alone (help/ci.md).
// After changing its sources: npx vitest run __tests__/ci-terraform.test.ts -u
"use strict";

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
function withoutValue(text, value) {
  const strings = [];
  const collect = (inner) => {
    if (typeof inner === "string") strings.push(inner, inner.trim(), JSON.stringify(inner), JSON.stringify(inner.trim()));
    else if (Array.isArray(inner)) inner.forEach(collect);
    else if (inner !== null && typeof inner === "object") Object.values(inner).forEach(collect);
  };
  collect(value);
  return strings.filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length).reduce((result, secret) => result.split(secret).join("(value not shown)"), text);
}
var PEM_BLOCK = /-----BEGIN [A-Z0-9 ]*-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|$)/g;
var JWT_GLOBAL = new RegExp(JWT.source, "g");
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
  /** The fix is on the command line, so the answer points to --help; not so for a variable to export. */
  onTheCommandLine;
  /** @param options.onTheCommandLine @default true: the answer ends with the --help pointer */
  constructor(message, options = {}) {
    super(withoutKeysAndTokens(message));
    this.onTheCommandLine = options.onTheCommandLine ?? true;
  }
};
var USER_ERROR_EXIT_CODE = 2;
var INTERNAL_ERROR_EXIT_CODE = 70;
function internalError(script, error, write) {
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
function usageError(script, problem, write) {
  write(`error: ${withoutKeysAndTokens(problem)}
Run "npm run ${script} -- --help" for usage.
`);
  return USER_ERROR_EXIT_CODE;
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
var STACK_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
function stackFolder(outdir, stack) {
  if (!STACK_ID.test(stack)) throw new UserError(`--stack ${JSON.stringify(stack)} is not a stack id (npm run -s stacks lists them)`);
  const folder = (0, import_node_path.join)(outdir, "stacks", stack);
  if (!(0, import_node_fs.existsSync)((0, import_node_path.join)(folder, "cdk.tf.json")))
    throw new UserError(`${(0, import_node_path.join)(folder, "cdk.tf.json")} does not exist: run npm run synth first`, { onTheCommandLine: false });
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
      "terraform is not on PATH: install Terraform 1.11.4 (the version CI pins) and run terraform init in the stack folder",
      { onTheCommandLine: false }
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
    throw new UserError(`${savedPlan} does not exist: the reviewed plan must be there (npm run ci:plan -- --for deploy writes it)`, {
      onTheCommandLine: false
    });
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

// lib/cli/command.ts
function defineCommand(declaration) {
  return declaration;
}

// lib/cli/commands/ci-apply.ts
var ciApplyCommand = defineCommand({
  name: "ci:apply",
  usage: `Usage: npm run ci:apply -- --stack ID --plan-dir DIR --commit SHA [--outdir DIR]

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
2 bad usage, a missing plan or commit file, a stack that is not synthesized, or no terraform on PATH,
70 an internal error (help/commands.md).
`,
  options: {
    stack: { type: "string" },
    "plan-dir": { type: "string" },
    commit: { type: "string" },
    outdir: { type: "string", default: "cdktf.out" }
  },
  run({ values }, io) {
    if (values.stack === void 0) throw new UserError("--stack ID is required: the stack to apply");
    if (values["plan-dir"] === void 0) throw new UserError("--plan-dir DIR is required: the plan's folder, with its commit file");
    if (!values.commit) throw new UserError("--commit SHA is required: the commit this run deploys");
    return applyReviewedPlan(
      { stack: values.stack, folder: stackFolder(values.outdir, values.stack), planDir: values["plan-dir"], commit: values.commit },
      io
    );
  }
});

// lib/cli/run.ts
var import_node_util = require("node:util");

// lib/config/errors.ts
var ConfigError = class extends UserError {
  constructor(source, problems) {
    const [only] = problems;
    const lines = groupedLines(problems);
    super(
      problems.length === 1 && only.path === SETTING_LEVEL ? `${source} ${only.message}` : `${source}: ${lines.length} problem${lines.length === 1 ? "" : "s"} in the environments
${lines.map((line) => `  - ${line}`).join("\n")}`
    );
    this.source = source;
    this.problems = problems;
    this.name = "ConfigError";
  }
  source;
  problems;
};
var LISTED_ENVIRONMENTS = 10;
function groupedLines(problems) {
  const groups = /* @__PURE__ */ new Map();
  for (const problem of problems) {
    const key = problem.environment === void 0 ? formatProblem(problem) : formatProblem({ ...problem, environment: "\0" });
    const group = groups.get(key);
    if (group && problem.environment !== void 0) group.environments.push(problem.environment);
    else
      groups.set(group ? `${key}\0${groups.size}` : key, {
        problem,
        environments: problem.environment === void 0 ? [] : [problem.environment]
      });
  }
  return [...groups.values()].map(({ problem, environments }) => {
    if (environments.length <= 1) return formatProblem(problem);
    const listed = environments.slice(0, LISTED_ENVIRONMENTS).map((name) => JSON.stringify(name));
    const more = environments.length > LISTED_ENVIRONMENTS ? ` and ${environments.length - LISTED_ENVIRONMENTS} more` : "";
    const line = formatProblem({ ...problem, environment: "\0" });
    return line.replace('environment "\0"', `${environments.length} environments (${listed.join(", ")}${more})`);
  });
}
var FILE_LEVEL = "(file)";
var SETTING_LEVEL = "(setting)";
function formatProblem(problem) {
  if (problem.path === FILE_LEVEL) return `the file ${problem.message}`;
  if (problem.path === SETTING_LEVEL) return problem.message;
  const where = problem.environment ? `environment "${problem.environment}", ` : "";
  const secret = problem.secret === true || looksLikeSecretValue(problem.value);
  let found = problem.value === void 0 ? "missing" : `got ${describeValue(problem.value)}`;
  if (problem.value !== void 0 && secret) found = "a value that may be secret (not shown)";
  const message = secret ? withoutValue(problem.message, problem.value) : problem.message;
  if (!problem.path && problem.environment) return `environment "${problem.environment}": ${found}; ${message}`;
  return `${where}field ${problem.path || "(root)"}: ${found}; ${message}`;
}
function describeValue(value) {
  const text = JSON.stringify(value);
  if (text === void 0) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// lib/cli/run.ts
var HELP = { help: { type: "boolean", short: "h", default: false } };
async function runCommand(command, args, io) {
  const options = { ...command.options, ...HELP };
  let parsed;
  try {
    parsed = (0, import_node_util.parseArgs)({
      args: [...args],
      options,
      strict: true,
      allowPositionals: command.positionals === true || command.environment !== void 0
    });
  } catch (error) {
    return usageError(command.name, describeArgumentError(error, Object.keys(options), command.usage), io.stderr);
  }
  if (parsed.values.help) {
    io.stdout(command.usage.endsWith("\n") ? command.usage : `${command.usage}
`);
    return 0;
  }
  try {
    const selected = command.environment ? command.environment.select(command.name, parsed.positionals, io) : {};
    return await command.run({ ...parsed, ...selected }, io);
  } catch (error) {
    return answer(command.name, error, io);
  }
}
function answer(name, error, io) {
  if (error instanceof ConfigError) {
    io.stderr(`${error.message}
`);
    return USER_ERROR_EXIT_CODE;
  }
  if (error instanceof UserError && !error.onTheCommandLine) {
    io.stderr(`error: ${error.message}
`);
    return USER_ERROR_EXIT_CODE;
  }
  if (error instanceof UserError) return usageError(name, error.message, io.stderr);
  return internalError(name, error, io.stderr);
}
function processIo() {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd()
  };
}
function runFromCommandLine(command) {
  const io = processIo();
  void runCommand(command, process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    // Only a failing stderr gets here; the answer is still an internal error, not a stack trace.
    (error) => {
      process.exitCode = internalError(command.name, error, io.stderr);
    }
  );
}

// scripts/ci-apply.ts
runFromCommandLine(ciApplyCommand);
