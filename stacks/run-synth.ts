import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { UserError } from "../lib/errors";
import { buildApp, synthesizeAll, warningsOf } from "./app";
import { environmentsFilePath, loadEnvironments } from "../lib/config/load-environments";
import { holdsLine, readStackJson, stackJsonPath } from "../lib/changes/terraform-json";

export interface RunSynthOptions {
  /** Where `$OPENMETADATA_ENVIRONMENTS_FILE` (and `$CDKTF_OUTDIR`, `$CDKTF_CONTEXT_JSON`) are read from. */
  readonly env?: NodeJS.ProcessEnv;
  /** @default "cdktf.out", or $CDKTF_OUTDIR when the cdktf CLI runs the app */
  readonly outdir?: string;
  /** What was written; one line per call. @default standard output */
  readonly stdout?: (line: string) => void;
  /** Warnings and errors; one line per call, or a message of a few lines. @default standard error */
  readonly stderr?: (line: string) => void;
}

/**
 * The whole of `npm run synth`, as a function: main.ts calls it, and the mistakes catalogue runs it
 * in-process, so the tests exercise the real entry path without a process per case.
 * Returns the exit code: 0, or 1 when the input (or a stack validation) is refused and nothing is written.
 *
 * It says what it did: a line per stack written, each warning once, and the stack folders of
 * earlier runs that the environments file no longer has are removed. Under the cdktf CLI (which
 * sets CDKTF_CONTEXT_JSON) the CLI prints the stacks and the construct warnings itself, and shows
 * the app's standard error as [ERROR]: there only the environments file's warnings are printed, on
 * standard output.
 */
export function runSynth(options: RunSynthOptions = {}): number {
  const env = options.env ?? process.env;
  const underCdktfCli = env["CDKTF_CONTEXT_JSON"] !== undefined;
  const stdout = options.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const stderr = options.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  const outdir = options.outdir ?? env["CDKTF_OUTDIR"] ?? "cdktf.out";
  try {
    // Loaded in full before any construct exists: a bad file leaves a previous cdktf.out untouched.
    const { environments, warnings } = loadEnvironments(environmentsFilePath(env));
    const { app, stacks } = withoutStackTraceText(() => {
      const built = buildApp(environments, { outdir });
      synthesizeAll(built.app, built.stacks);
      return built;
    });
    const stackIds = stacks.map((stack) => stack.node.id);
    if (underCdktfCli) {
      for (const warning of new Set(warnings)) stdout(`warning: ${warning}`);
      return 0;
    }
    // Each line says what the stack holds, from what was written (the object cdktf wrote, or the file when
    // cdktf wrote HCL instead), so it cannot disagree with it.
    for (const stack of stacks) {
      const id = stack.node.id;
      stdout(`wrote ${shown(stackJsonPath(app.outdir, id))}: ${stack.holds ?? holdsLine(readStackJson(app.outdir, id))}`);
    }
    for (const stale of removeStaleStacks(app.outdir, stackIds))
      stdout(`removed ${shown(stale)}: no environment of the file makes this stack any more`);
    for (const warning of new Set([...warnings, ...warningsOf(stacks)])) stderr(`warning: ${warning}`);
    return 0;
  } catch (error) {
    const untouched = existsSync(join(outdir, "manifest.json"))
      ? `nothing was written: ${shown(outdir)} is as the last good synthesis left it`
      : "nothing was written";
    // Input errors are the user's to fix: the message says what and where, a stack trace would only bury it.
    if (error instanceof UserError) {
      const [first = "", ...rest] = error.message.split("\n");
      stderr([`${first} (${untouched})`, ...rest].join("\n"));
      return 1;
    }
    stderr(error instanceof Error ? (error.stack ?? error.message) : String(error));
    stderr(untouched);
    return 1;
  }
}

/** Folders under `<outdir>/stacks` of stacks this run did not write: left over from an earlier environments file. */
function removeStaleStacks(outdir: string, stackIds: readonly string[]): string[] {
  const stacksDir = join(outdir, "stacks");
  if (!existsSync(stacksDir)) return [];
  const stale = readdirSync(stacksDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !stackIds.includes(entry.name))
    .map((entry) => join(stacksDir, entry.name));
  for (const dir of stale) rmSync(dir, { recursive: true, force: true });
  return stale;
}

function shown(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith("..") ? path : fromHere;
}

/**
 * cdktf captures and formats a full stack trace for every token it creates (tokens/private/stack-trace.js:
 * Error.stackTraceLimit = MAX_SAFE_INTEGER, then `.stack` is read), about a third of synth time at 100
 * environments (help/performance.md). The text is only used in cdktf's own error messages and, with
 * stackTraces: false, never written. While building and synthesizing, traces format to an empty string;
 * the formatter is restored before any error is reported, and V8 formats an error's stack when it is
 * first read, so an internal error still prints its trace.
 */
export function withoutStackTraceText<T>(work: () => T): T {
  const { prepareStackTrace, captureStackTrace } = Error;
  Error.prepareStackTrace = () => "";
  // Collecting the frames (at an unlimited depth) is the other half of the cost; `new Error()` still
  // records its own stack natively, so errors thrown meanwhile keep theirs.
  Error.captureStackTrace = (target: object) =>
    void Object.defineProperty(target, "stack", { value: "", configurable: true, writable: true });
  try {
    return work();
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.captureStackTrace = captureStackTrace;
  }
}
