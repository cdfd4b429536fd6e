import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { installLocalProviders, type LocalProviderInstallation } from "../../local-providers/install/build";
import { terraformEnvironment, type LocalWorldOptions } from "../../local-providers/install/terraform-environment";

/**
 * The real `terraform` against the project's local providers (local-providers/): installed once per
 * test worker into a temporary folder with a CLI configuration of its own, never the user's.
 */

function onPath(binary: string): boolean {
  return (process.env["PATH"] ?? "").split(delimiter).some((directory) => directory && existsSync(join(directory, binary)));
}

/** Why the Terraform tests cannot run here, in one line; undefined when they can. Test titles carry it. */
export const TERRAFORM_MISSING: string | undefined = onPath("terraform")
  ? undefined
  : "skipped: terraform is not on PATH (Terraform 1.11.4 runs these tests against the local providers)";

let installation: Promise<LocalProviderInstallation> | undefined;
const removeAtExit: string[] = [];
process.once("exit", () => {
  for (const directory of removeAtExit) rmSync(directory, { recursive: true, force: true });
});

/** The local providers, built and installed once per worker. */
export function localProviders(): Promise<LocalProviderInstallation> {
  if (!installation) {
    const directory = mkdtempSync(join(tmpdir(), "local-providers-"));
    removeAtExit.push(directory);
    installation = installLocalProviders(directory);
  }
  return installation;
}

/** A fresh, empty world folder, removed when the worker exits. */
export function newWorld(): string {
  const directory = mkdtempSync(join(tmpdir(), "local-world-"));
  removeAtExit.push(directory);
  mkdirSync(join(directory, "world"));
  return join(directory, "world");
}

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout then stderr, for assertions on what a person would read. */
  readonly output: string;
}

export function runCommand(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 180_000,
): CommandResult {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: timeoutMs, input: "" });
  const stdout = result.stdout ?? "";
  const stderr = result.stderr ?? "";
  return { status: result.status, stdout, stderr, output: `${stdout}${stderr}` };
}

/** Runs terraform in `cwd` against the local providers and the given world. */
export async function terraform(args: readonly string[], cwd: string, world: LocalWorldOptions): Promise<CommandResult> {
  const env = terraformEnvironment(await localProviders(), world);
  return runCommand("terraform", [...args], cwd, { ...env, TF_INPUT: "0" });
}
