/**
 * An `adopt:` section rehearsed: before the deploy, the objects it names are made "by hand" in the local
 * world, as the manual runbook made them, under the very ids the section gives, so the stack's import
 * blocks find them and the plan says "N to import".
 *
 * "By hand" is Terraform too, in a scratch folder: the same environment without its adopt section is
 * applied with -target on each import's address (so the objects look exactly as the runbook's steps,
 * which the stack reproduces, made them), forgotten by that scratch state, and renamed in the world to
 * the ids of the section. What else the scratch apply needed is destroyed again.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { runTerraform, type CommandResult } from "./cdktf-cli";

export interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

export interface HandMadeObjects {
  /** Import address → the id the world now holds it under (the section's). */
  readonly imported: readonly ImportBlock[];
  /** The adopted confidential app's client secret, when the stack reads one from okta_adopted_client_secret. */
  readonly clientSecret?: string;
}

async function must(step: string, running: Promise<CommandResult>): Promise<CommandResult> {
  const result = await running;
  if (result.status !== 0)
    throw new Error(`making the adopted objects by hand: terraform ${step} failed:\n${`${result.stdout}${result.stderr}`.slice(-3000)}`);
  return result;
}

/** An environments file with one environment, its adopt section removed and its state in `statePath`. */
export function withoutAdopt(environmentsFile: string, name: string, target: string, statePath: string): void {
  const raw = parseYaml(readFileSync(environmentsFile, "utf8")) as { environments: Record<string, unknown>[] };
  const environment = raw.environments.find((candidate) => candidate["name"] === name);
  if (!environment) throw new Error(`no environment ${name} in ${environmentsFile}`);
  const { adopt: _adopt, ...rest } = environment;
  writeFileSync(target, stringifyYaml({ environments: [{ ...rest, backend: { type: "local", path: statePath } }] }));
}

/** The ids an Okta world object goes by; the last part of an import id ("aus…/scp…" → "scp…"). */
const OKTA_ID = /^(0oa|aus|ocl|scp|00p|0pr|tos|00g|rst)[0-9A-Za-z]{12,}$/;

/** Replaces every occurrence of each old id by its new one, in the files and the file names of a world tenant. */
function renameWorldIds(tenantFolder: string, renames: ReadonlyMap<string, string>): void {
  if (renames.size === 0) return;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      let text = readFileSync(path, "utf8");
      let name = entry.name;
      for (const [from, to] of renames) {
        text = text.split(from).join(to);
        name = name.split(from).join(to);
      }
      writeFileSync(path, text);
      if (name !== entry.name) renameSync(path, join(folder, name));
    }
  };
  walk(tenantFolder);
}

interface StateResource {
  readonly address: string;
  readonly values: Record<string, unknown>;
}

async function stateResources(stackFolder: string, env: NodeJS.ProcessEnv): Promise<StateResource[]> {
  const shown = await must("show", runTerraform(["show", "-json"], stackFolder, env));
  const state = JSON.parse(shown.stdout) as { values?: { root_module?: { resources?: StateResource[] } } };
  return state.values?.root_module?.resources ?? [];
}

/**
 * Makes the objects of `imports` in the world: applies the scratch stack at `scratchStack` (synthesized from
 * the environment without adopt) with -target on each address, then hands them to the world under the
 * section's ids and destroys whatever else the scratch apply made.
 */
export async function makeAdoptedObjectsByHand(options: {
  readonly scratchStack: string;
  readonly imports: readonly ImportBlock[];
  readonly env: NodeJS.ProcessEnv;
  /** The Okta org's folder in the world, where ids are renamed. */
  readonly oktaTenantFolder?: string;
}): Promise<HandMadeObjects> {
  const { scratchStack, imports, env } = options;
  mkdirSync(scratchStack, { recursive: true });
  await must("init", runTerraform(["init"], scratchStack, env));
  await must("apply", runTerraform(["apply", "-auto-approve", ...imports.map((block) => `-target=${block.to}`)], scratchStack, env));

  const resources = await stateResources(scratchStack, env);
  const renames = new Map<string, string>();
  let clientSecret: string | undefined;
  for (const block of imports) {
    const made = resources.find((resource) => resource.address === block.to);
    const madeId = String(made?.values["id"] ?? "");
    const wanted = block.id.split("/").pop() ?? block.id;
    const madeLast = madeId.split("/").pop() ?? madeId;
    if (OKTA_ID.test(madeLast) && OKTA_ID.test(wanted) && madeLast !== wanted) renames.set(madeLast, wanted);
    if (
      block.to.startsWith("okta_app_oauth.") &&
      typeof made?.values["client_secret"] === "string" &&
      made.values["client_secret"] !== ""
    ) {
      clientSecret = made.values["client_secret"];
    }
  }
  // Forgotten first, so destroying the rest of the scratch apply leaves them in the world.
  await must("state rm", runTerraform(["state", "rm", ...imports.map((block) => block.to)], scratchStack, env));
  await must("destroy", runTerraform(["destroy", "-auto-approve"], scratchStack, env));
  if (options.oktaTenantFolder) renameWorldIds(options.oktaTenantFolder, renames);
  return { imported: imports, ...(clientSecret ? { clientSecret } : {}) };
}
