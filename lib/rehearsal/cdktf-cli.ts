/**
 * The real cdktf CLI, run the way a person runs it (`cdktf deploy|diff|destroy|output <stack>`), from the
 * project folder, with the synthesized output, the environments file and Terraform's configuration
 * given through options and the environment.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ENVIRONMENTS_FILE_VARIABLE } from "../config/load-environments";
import { PROJECT_ROOT } from "../project-root";

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CdktfRun {
  /** cdktf's --output folder. */
  readonly output: string;
  readonly environmentsFile: string;
  /** Terraform's environment (local-providers/install/terraform-environment.ts) plus credentials and TF_VAR_s. */
  readonly env: NodeJS.ProcessEnv;
}

const CDKTF = join(PROJECT_ROOT, "node_modules", ".bin", "cdktf");

export function runCdktf(args: readonly string[], run: CdktfRun): Promise<CommandResult> {
  const env: NodeJS.ProcessEnv = {
    ...run.env,
    [ENVIRONMENTS_FILE_VARIABLE]: run.environmentsFile,
    // cdktf would otherwise point TF_PLUGIN_CACHE_DIR at a cache of its own; the mirror is the only source here.
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: "true",
    // Terraform's environment sets it already; said here too, so no caller's env can bring back cdktf's telemetry call.
    CHECKPOINT_DISABLE: "1",
    FORCE_COLOR: "0",
  };
  // With CI=true, cdktf 0.21 ends a failed destroy with "Invoking Terraform CLI failed with exit code 1" and
  // drops Terraform's own error (Instance cannot be destroyed); with CI=false it shows it, as in a terminal.
  env["CI"] = "false";
  return runCommand(CDKTF, [...args, "--output", run.output], env);
}

/** `terraform <args> -no-color` in `cwd`, never asking for input. */
export function runTerraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return runCommand("terraform", [...args, "-no-color"], { ...env, TF_INPUT: "0" }, { cwd });
}

/**
 * Runs a command (from the project folder unless `cwd` says otherwise) to its end and collects what it
 * printed, without blocking this process (which may serve the local org, tenant or OpenMetadata the
 * command reaches). The rehearsal's one way to run a process.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  { cwd = PROJECT_ROOT }: { readonly cwd?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGTERM"), 300_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
