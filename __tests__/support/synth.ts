import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { buildApp } from "../../lib/app";
import type { Environment } from "../../lib/config/environment";
import { loadEnvironmentsFile, parseEnvironments, SHIPPED_ENVIRONMENTS_FILE } from "../../lib/config/load-environments";
import type { OpenMetadataStack } from "../../stacks/openmetadata-stack";

/** The synthesized Terraform JSON of one stack, as `cdk.tf.json` holds it. */
export type TerraformJson = {
  resource: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  output: Record<string, { value: string; description: string; sensitive?: boolean }>;
  variable?: Record<string, Record<string, any>>;
  provider: Record<string, Record<string, any>[]>;
  terraform: Record<string, any>;
};

export const shippedEnvironments = (): Environment[] => loadEnvironmentsFile(SHIPPED_ENVIRONMENTS_FILE);

/** Parses environments from YAML text; relative files resolve against the shipped stacks/ folder. */
export function environmentsFromYaml(yaml: string): Environment[] {
  return parseEnvironments(yaml, { source: "test.yaml", format: "yaml", baseDir: SHIPPED_ENVIRONMENTS_FILE.replace(/environments\.yaml$/, "") });
}

/** A Collate-target environment (Okta side only) with the given `okta` fields, as flow-style YAML. */
export function collateEnvironment(name: string, oktaFields: string): Environment {
  const [environment] = environmentsFromYaml(`
environments:
  - name: ${name}
    target: collate
    openmetadataUrl: https://${name}.example.com
    okta: { orgName: example, baseUrl: okta.com, ${oktaFields} }
`);
  return environment!;
}

const cache = new Map<Environment, { stack: OpenMetadataStack; json: TerraformJson; text: string }>();

/** Synthesizes one environment in memory (with validations) and parses its JSON. */
export function synthEnvironment(environment: Environment): { stack: OpenMetadataStack; json: TerraformJson; text: string } {
  const cached = cache.get(environment);
  if (cached) return cached;
  // cdktf creates the outdir when the App is constructed, although Testing.synth writes nothing there.
  const { stacks } = buildApp([environment], { outdir: join(tmpdir(), "openmetadata-okta-test-synth") });
  const stack = stacks[0]!;
  const text = Testing.synth(stack, true);
  const result = { stack, json: JSON.parse(text) as TerraformJson, text };
  cache.set(environment, result);
  return result;
}

export function shippedStack(name: string) {
  const environment = shippedEnvironments().find((candidate) => candidate.name === name);
  if (!environment) throw new Error(`no shipped environment ${name}`);
  return synthEnvironment(environment);
}

/** The single resource of a type at an address suffix, failing loudly when absent. */
export function resourceOf(json: TerraformJson, type: string, name: string): Record<string, any> {
  const resource = json.resource[type]?.[name];
  if (!resource) throw new Error(`no ${type}.${name}; have ${Object.keys(json.resource[type] ?? {}).join(", ") || "none"}`);
  return resource;
}
