import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors";

/**
 * What the CI steps share around `terraform`: the stack folder, the environment Terraform runs in, and
 * one way to run it. Node built-ins only: the workflows run these steps, bundled, in jobs that hold
 * deploy credentials and install no npm package (help/ci.md).
 */

/** The saved plan, in the stack folder: written by a deploy plan, applied (and removed) by the apply. */
export const PLAN_FILE = "tfplan";

/** What a step writes: the text goes to the process's stdout or stderr (or a test's buffer). */
export interface StepIo {
  /** The environment the step and Terraform run in; nothing else is read. */
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** A stack id as `npm run -s stacks` prints it: one path segment, so --stack cannot point elsewhere. */
const STACK_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** `<outdir>/stacks/<stack>`, where `terraform init` ran; a UserError when it is not synthesized. */
export function stackFolder(outdir: string, stack: string): string {
  if (!STACK_ID.test(stack)) throw new UserError(`--stack ${JSON.stringify(stack)} is not a stack id (npm run -s stacks lists them)`);
  const folder = join(outdir, "stacks", stack);
  if (!existsSync(join(folder, "cdk.tf.json")))
    throw new UserError(`${join(folder, "cdk.tf.json")} does not exist: run npm run synth first`, { onTheCommandLine: false });
  return folder;
}

/**
 * The environment as given, without the TF_VAR_ variables that are empty: the workflows map every
 * sensitive variable from a secret, and an unset secret arrives as "". Unset, a required variable fails
 * the plan with "No value for required variable" instead of becoming an empty password.
 */
export function withoutEmptyVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name, value]) => !(name.startsWith("TF_VAR_") && value === "")));
}

/** Where a Terraform stream goes: this process's own, captured, or an open file descriptor (`> file 2>&1`). */
export type Stream = "inherit" | "capture" | number;

/**
 * Runs `terraform <args>` in `cwd` with stdin closed (-input=false is also passed where it applies).
 * Returns its exit code (1 when a signal ended it) and, with stdout "capture", what it printed.
 */
export function runTerraform(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  streams: { readonly stdout: Stream; readonly stderr: Stream },
): { readonly status: number; readonly stdout: string } {
  const stdio = (stream: Stream) => (stream === "capture" ? "pipe" : stream);
  const result = spawnSync("terraform", [...args], {
    cwd,
    env,
    stdio: ["ignore", stdio(streams.stdout), stdio(streams.stderr)],
    encoding: "utf8",
    // `terraform output -json` of a large stack; plans are written to files, never buffered.
    maxBuffer: 256 * 1024 * 1024,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT")
    throw new UserError(
      "terraform is not on PATH: install Terraform 1.11.4 (the version CI pins) and run terraform init in the stack folder",
      { onTheCommandLine: false },
    );
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout ?? "" };
}
