import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Testing } from "cdktf";
import { parse } from "yaml";
import { buildApp } from "../../stacks/app";
import type { Environment } from "../../lib/config/environment";
import { loadEnvironmentsFile, parseEnvironments } from "../../lib/config/load-environments";
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

/**
 * The project's own tests run on these fixtures (a copy of the examples as they were when the tests
 * were written), never on the environments file in use: a team's own stacks/environments.yaml or
 * OPENMETADATA_ENVIRONMENTS_FILE cannot break them. __tests__/environments-in-use.test.ts checks
 * the file in use.
 */
export const FIXTURES_DIR = resolve(__dirname, "..", "fixtures");
export const FIXTURE_ENVIRONMENTS_FILE = join(FIXTURES_DIR, "environments.yaml");
export const FIXTURE_AUTH0_ENVIRONMENTS_FILE = join(FIXTURES_DIR, "auth0.yaml");

export const fixtureEnvironments = (): Environment[] => loadEnvironmentsFile(FIXTURE_ENVIRONMENTS_FILE);

/** Parses environments from YAML text; relative files resolve against the fixtures folder. */
export function environmentsFromYaml(yaml: string): Environment[] {
  return parseEnvironments(yaml, { source: "test.yaml", format: "yaml", baseDir: FIXTURES_DIR });
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

export interface SynthesizedStack {
  readonly stack: OpenMetadataStack;
  readonly json: TerraformJson;
  readonly text: string;
}

// Keyed by the environment's content, not the object: fixtureStack re-loads the file on every call,
// so equal environments are distinct objects. An Environment is plain data, so its JSON is its content.
const cache = new Map<string, SynthesizedStack>();
const cacheStats = { hits: 0, misses: 0 };

/** How often synthEnvironment answered from its cache; a test proves that re-loaded environments hit. */
export function synthCacheStats(): { readonly hits: number; readonly misses: number } {
  return { ...cacheStats };
}

/** Synthesizes one environment in memory (with validations) and parses its JSON; equal environments synthesize once. */
export function synthEnvironment(environment: Environment): SynthesizedStack {
  const key = JSON.stringify(environment);
  const cached = cache.get(key);
  if (cached) {
    cacheStats.hits += 1;
    return cached;
  }
  cacheStats.misses += 1;
  // cdktf creates the outdir when the App is constructed, although Testing.synth writes nothing there.
  const { stacks } = buildApp([environment], { outdir: join(tmpdir(), "openmetadata-okta-test-synth") });
  const stack = stacks[0]!;
  const text = Testing.synth(stack, true);
  const result = { stack, json: JSON.parse(text) as TerraformJson, text };
  cache.set(key, result);
  return result;
}

/**
 * A fixture environment as it ran before the examples moved to Kubernetes Jobs: the dependencies chart's
 * own Airflow (LocalExecutor), everything else as the fixture has it. Airflow's behaviour is tested on it.
 */
export function fixtureWithInClusterAirflow(name: string): Environment {
  const document = parse(readFileSync(FIXTURE_ENVIRONMENTS_FILE, "utf8")) as { environments: { name: string; openmetadata?: any }[] };
  const entry = document.environments.find((candidate) => candidate.name === name);
  if (!entry?.openmetadata) throw new Error(`no fixture environment ${name} with an openmetadata section`);
  delete entry.openmetadata.pipelineServiceClient;
  entry.openmetadata.dependencies = { ...entry.openmetadata.dependencies, airflowExecutor: "LocalExecutor" };
  const environments = parseEnvironments(JSON.stringify(document), { source: "airflow.json", format: "json", baseDir: FIXTURES_DIR });
  return environments.find((candidate) => candidate.name === name)!;
}

/** The stack of `fixtureWithInClusterAirflow(name)`. */
export const airflowFixtureStack = (name: string) => synthEnvironment(fixtureWithInClusterAirflow(name));

export function fixtureStack(name: string) {
  const environment = fixtureEnvironments().find((candidate) => candidate.name === name);
  if (!environment) throw new Error(`no fixture environment ${name}`);
  return synthEnvironment(environment);
}

/** The single resource of a type at an address suffix, failing loudly when absent. */
export function resourceOf(json: TerraformJson, type: string, name: string): Record<string, any> {
  const resource = json.resource[type]?.[name];
  if (!resource) throw new Error(`no ${type}.${name}; have ${Object.keys(json.resource[type] ?? {}).join(", ") || "none"}`);
  return resource;
}
