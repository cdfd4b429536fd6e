import { readFileSync } from "node:fs";
import { stackJsonPath } from "../changes/terraform-json";
import type { Environment } from "../config/environment";
import { UserError } from "../errors";

/**
 * Which stacks CI runs, derived from the environments file so that no workflow names a stack.
 * Dependency-free (no provider bindings): the workflows call it before anything is synthesized.
 */

/** Stack ids in the file's order, which is the deploy order; `remoteState` drops stacks whose state is a local file. */
export function stackIds(environments: readonly Environment[], options: { readonly remoteState?: boolean } = {}): string[] {
  return environments
    .filter((environment) => !options.remoteState || environment.backend.type !== "local")
    .map((environment) => environment.stackId);
}

/**
 * Splits stacks into those whose synthesized Terraform JSON differs from the base branch's (or that
 * the base does not have) and those that are byte-identical, so a pull request plans only what it
 * changes. Synthesis is deterministic, so identical JSON means an identical plan input.
 */
export function changedStacks(
  ids: readonly string[],
  outdir: string,
  baseOutdir: string,
): { readonly changed: string[]; readonly unchanged: string[] } {
  const read = (dir: string, id: string) => {
    try {
      return readFileSync(stackJsonPath(dir, id), "utf8");
    } catch {
      return undefined;
    }
  };
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const id of ids) {
    const current = read(outdir, id);
    if (current === undefined) throw new UserError(`${stackJsonPath(outdir, id)} does not exist: run npm run synth first`);
    (current === read(baseOutdir, id) ? unchanged : changed).push(id);
  }
  return { changed, unchanged };
}
