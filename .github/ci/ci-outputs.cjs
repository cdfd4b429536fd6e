// Generated from scripts/ci-outputs.ts by __tests__/ci-terraform.test.ts; do not edit. The workflows run it with node alone (help/ci.md).
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

// scripts/ci-outputs.ts
var ci_outputs_exports = {};
__export(ci_outputs_exports, {
  main: () => main
});
module.exports = __toCommonJS(ci_outputs_exports);
var import_node_util = require("node:util");

// lib/ci/outputs.ts
var import_node_fs2 = require("node:fs");

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
function looksLikeSecretPath(value) {
  if (/-----BEGIN |\n/.test(value)) return true;
  return value.split(/[/\\]/).some((part) => looksLikeSecretValue(part));
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
var SYSTEM_ERRORS = {
  ENOENT: "no such file",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENAMETOOLONG: "the name is too long for a path",
  ELOOP: "too many symbolic links"
};
function pathProblem(option, path, error) {
  const code = error?.code;
  const said = code ? SYSTEM_ERRORS[code] ?? "cannot be read" : "cannot be read";
  return `${option} ${shownPath(path)}: ${said}${code ? ` (${code})` : ""}`;
}
function shownPath(path) {
  return looksLikeSecretPath(path) ? "(a value that may be secret, not shown)" : path;
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

// lib/ci/terraform.ts
var import_node_child_process = require("node:child_process");
var import_node_fs = require("node:fs");
var import_node_path = require("node:path");
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

// lib/ci/outputs.ts
function flattenOutputs(terraformOutputJson) {
  const outputs = JSON.parse(terraformOutputJson);
  return Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output?.value ?? null]));
}
function writeOutputs({ stack, folder, out }, io) {
  const result = runTerraform(["output", "-json"], folder, withoutEmptyVariables(io.env), { stdout: "capture", stderr: "inherit" });
  if (result.status !== 0) {
    reportError(io, `terraform output failed for ${stack}`, `exit code ${result.status}; see Terraform's message above`);
    return 1;
  }
  const outputs = flattenOutputs(result.stdout);
  try {
    (0, import_node_fs2.writeFileSync)(out, `${JSON.stringify(outputs, null, 2)}
`, { mode: 384 });
  } catch (error) {
    throw new UserError(pathProblem("--out", out, error));
  }
  io.stdout(`Wrote ${Object.keys(outputs).length} outputs of ${stack} to ${out}: ${Object.keys(outputs).join(", ") || "none"}
`);
  return 0;
}

// scripts/ci-outputs.ts
var USAGE = `Usage: npm run ci:outputs -- --stack ID --out FILE [--outdir DIR]

Writes the applied stack's outputs to FILE as {"name": value}, the file npm run verify and sso-sync
read with --outputs: terraform output -json in <outdir>/stacks/<ID>, each value taken out of its
{"value": ...} (help/ci.md). No value is printed.

Options:
  --stack ID     the stack id (npm run -s stacks lists them)
  --out FILE     the file to write (mode 0600)
  --outdir DIR   the synthesized output (default cdktf.out)
  -h, --help     show this help

Exit codes: 0 written, 1 terraform output failed, 2 bad usage, a stack that is not synthesized,
or no terraform on PATH.
`;
var OPTIONS = {
  stack: { type: "string" },
  out: { type: "string" },
  outdir: { type: "string", default: "cdktf.out" },
  help: { type: "boolean", short: "h", default: false }
};
function main(args, io = processIo()) {
  let values;
  try {
    ({ values } = (0, import_node_util.parseArgs)({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError("ci:outputs", describeArgumentError(error, Object.keys(OPTIONS), USAGE), io.stderr);
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.stack === void 0) return usageError("ci:outputs", "--stack ID is required: the stack whose outputs to write", io.stderr);
  if (!values.out) return usageError("ci:outputs", "--out FILE is required: the outputs file to write", io.stderr);
  try {
    return writeOutputs({ stack: values.stack, folder: stackFolder(values.outdir, values.stack), out: values.out }, io);
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("ci:outputs", error, io.stderr);
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
