import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE, FIXTURE_ENVIRONMENTS_FILE, synthEnvironment } from "./support/synth";
import { newWorld, terraform, TERRAFORM_MISSING } from "./support/local-terraform";
import { useTemporaryDirectories } from "./support/temporary-directories";

// terraform validate on every stack of every fixture, against the local providers' real schemas: what
// Terraform core checks before any plan (attribute names and types, required arguments, block nesting,
// references, expressions in postconditions and variable validations) is checked by Terraform itself.

const temporary = useTemporaryDirectories("terraform-validate");
const ENVIRONMENTS = [...loadEnvironmentsFile(FIXTURE_ENVIRONMENTS_FILE), ...loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE)];

describe(`terraform validate${TERRAFORM_MISSING ? ` [${TERRAFORM_MISSING}]` : ""}`, () => {
  test.skipIf(TERRAFORM_MISSING).each(ENVIRONMENTS.map((environment) => [environment.stackId, environment] as const))(
    "%s is valid for terraform 1.11.4 and the pinned providers' schemas",
    async (_stackId, environment) => {
      const { json } = synthEnvironment(environment);
      const directory = join(temporary(), environment.stackId);
      mkdirSync(directory);
      // The backend is not what is validated, and a remote one would need credentials to initialize.
      const { backend: _backend, ...settings } = json.terraform;
      writeFileSync(join(directory, "cdk.tf.json"), JSON.stringify({ ...json, terraform: settings }, null, 2));
      const world = { world: newWorld() };
      const init = await terraform(["init", "-backend=false", "-no-color"], directory, world);
      expect(init.status, init.output).toBe(0);
      const validate = await terraform(["validate", "-json", "-no-color"], directory, world);
      const result = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: { summary: string; detail: string }[] };
      expect(result.diagnostics.map((diagnostic) => `${diagnostic.summary}: ${diagnostic.detail}`)).toEqual([]);
      expect(result.valid).toBe(true);
    },
    120_000,
  );
});
