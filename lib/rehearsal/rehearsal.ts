/**
 * A rehearsal: the environments of a file deployed, checked and destroyed with the real cdktf CLI and
 * Terraform, against the project's local providers (local-providers/) and a local world in one folder.
 * `npm run rehearse` runs it for a newcomer; the end-to-end tests drive the same steps one by one.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { installLocalProviders, type LocalProviderInstallation } from "../../local-providers/install/build";
import { terraformEnvironment } from "../../local-providers/install/terraform-environment";
import { oktaOrgTenant } from "../../local-providers/providers/okta/index";
import { stackJsonPath } from "../changes/terraform-json";
import type { Environment } from "../config/environment";
import { runCdktf, runTerraform, type CommandResult } from "./cdktf-cli";
import { chartLibrary } from "./chart-library";
import { prepareRehearsalEnvironments, rehearsalPaths, type RehearsalPaths } from "./rehearsal-environments";
import { rehearsalVariables, type DeclaredVariable } from "./stack-variables";
import { seedWorld, type SeededWorld } from "./seed-world";
import { makeAdoptedObjectsByHand, withoutAdopt, type ImportBlock } from "./adopt-by-hand";

export interface RehearsalOptions {
  /** The user's environments file. */
  readonly environmentsFile: string;
  /** An empty folder the rehearsal owns. */
  readonly folder: string;
  /** Where the reference charts are (a folder of <name>-chart-<version>/ folders), when available. */
  readonly referenceCharts?: string;
  /** Only these environments (names); default: every one of the file. */
  readonly only?: readonly string[];
}

export class Rehearsal {
  readonly paths: RehearsalPaths;
  readonly environments: readonly Environment[];
  /** What synth would warn about, once per warning: the rehearsal says it before deploying. */
  readonly warnings: readonly string[];
  private seeded: SeededWorld | undefined;
  private installation: LocalProviderInstallation | undefined;
  private readonly charts: string | undefined;
  /** Made-up credentials the local providers check for, as the real ones check for real credentials. */
  private readonly credentials: NodeJS.ProcessEnv;
  /** TF_VAR_ values per stack, made once: a new key at every command would show as a change in the next diff. */
  private readonly variables = new Map<string, Record<string, string>>();

  constructor(private readonly options: RehearsalOptions) {
    this.paths = rehearsalPaths(options.folder);
    const loaded = prepareRehearsalEnvironments(options.environmentsFile, this.paths);
    this.environments = loaded.environments.filter((environment) => !options.only || options.only.includes(environment.name));
    this.warnings = loaded.warnings;
    this.charts = options.referenceCharts ? chartLibrary(options.referenceCharts, join(options.folder, "charts")) : undefined;
    this.credentials = {
      OKTA_API_TOKEN: randomBytes(24).toString("base64url"),
      AUTH0_API_TOKEN: randomBytes(24).toString("base64url"),
    };
  }

  /** Every made-up credential and TF_VAR_ value handed to Terraform so far: for checks that nothing printed them. */
  secretValues(): string[] {
    return [
      ...Object.values(this.credentials).filter((value): value is string => typeof value === "string"),
      ...[...this.variables.values()].flatMap((variables) => Object.values(variables)),
    ];
  }

  stackIds(): string[] {
    return this.environments.map((environment) => environment.stackId);
  }

  /** Installs the local providers and makes by hand, in the world, what a manual runbook would have made first. */
  async prepare(): Promise<SeededWorld> {
    this.installation = await installLocalProviders(join(this.options.folder, "providers"));
    this.seeded = seedWorld(this.environments, this.paths.world);
    return this.seeded;
  }

  private async env(stackIds: readonly string[]): Promise<NodeJS.ProcessEnv> {
    if (!this.installation || !this.seeded) throw new Error("prepare() the rehearsal first");
    const variables: Record<string, string> = {};
    for (const stackId of stackIds) {
      const declared = this.declaredVariables(stackId);
      if (Object.keys(declared).length > 0 && !this.variables.has(stackId)) {
        this.variables.set(stackId, await rehearsalVariables(declared, this.seeded.adoptedClientSecrets.get(stackId)));
      }
      Object.assign(variables, this.variables.get(stackId) ?? {});
    }
    return terraformEnvironment(this.installation, {
      world: this.paths.world,
      ...(this.charts ? { charts: this.charts } : {}),
      extra: { ...this.credentials, ...variables },
    });
  }

  /** The variables a synthesized stack declares (after a synth); none before. */
  private declaredVariables(stackId: string): Record<string, DeclaredVariable> {
    const file = stackJsonPath(this.paths.output, stackId);
    if (!existsSync(file)) return {};
    return ((JSON.parse(readFileSync(file, "utf8")) as { variable?: Record<string, DeclaredVariable> }).variable ?? {}) as Record<
      string,
      DeclaredVariable
    >;
  }

  private async cdktf(args: readonly string[], stackIds: readonly string[]): Promise<CommandResult> {
    return runCdktf(args, { output: this.paths.output, environmentsFile: this.paths.environmentsFile, env: await this.env(stackIds) });
  }

  /** The import blocks of a synthesized stack (the adopt section's). */
  importBlocks(stackId: string): ImportBlock[] {
    const file = stackJsonPath(this.paths.output, stackId);
    return ((JSON.parse(readFileSync(file, "utf8")) as { import?: ImportBlock[] }).import ?? []).map(({ to, id }) => ({ to, id }));
  }

  /**
   * Makes by hand, in the world, what each environment's adopt section names (./adopt-by-hand.ts), after a
   * synth; returns the import blocks per stack. Environments without one are left alone.
   */
  async makeAdoptedObjects(): Promise<Map<string, ImportBlock[]>> {
    if (!this.seeded) throw new Error("prepare() the rehearsal first");
    const adopting = this.environments.filter((environment) => environment.adopt);
    const made = new Map<string, ImportBlock[]>();
    if (adopting.length === 0) return made;
    const synth = await this.synth();
    if (synth.status !== 0) throw new Error(`cdktf synth failed:\n${synth.stdout}${synth.stderr}`);
    for (const environment of adopting) {
      const imports = this.importBlocks(environment.stackId);
      const scratch = join(this.options.folder, "by-hand", environment.name);
      mkdirSync(scratch, { recursive: true });
      const file = join(scratch, "environments.yaml");
      withoutAdopt(this.paths.environmentsFile, environment.name, file, join(scratch, "terraform.tfstate"));
      const output = join(scratch, "cdktf.out");
      const scratchSynth = await runCdktf(["synth"], { output, environmentsFile: file, env: await this.env([]) });
      if (scratchSynth.status !== 0)
        throw new Error(`cdktf synth of ${environment.name} without adopt failed:\n${scratchSynth.stdout}${scratchSynth.stderr}`);
      const handMade = await makeAdoptedObjectsByHand({
        scratchStack: join(output, "stacks", environment.stackId),
        imports,
        env: await this.env([]),
        ...(environment.okta
          ? { oktaTenantFolder: oktaOrgTenant(this.paths.world, environment.okta.orgName, environment.okta.baseUrl).folder }
          : {}),
      });
      if (handMade.clientSecret) this.seeded.adoptedClientSecrets.set(environment.stackId, handMade.clientSecret);
      made.set(environment.stackId, imports);
    }
    return made;
  }

  /** `cdktf synth` into the rehearsal's output folder. */
  synth(): Promise<CommandResult> {
    return this.cdktf(["synth"], []);
  }

  /** `cdktf deploy <stacks> --auto-approve`, writing the outputs file. */
  async deploy(stackIds: readonly string[] = this.stackIds(), options: { skipSynth?: boolean } = {}): Promise<CommandResult> {
    if (!options.skipSynth) {
      const synth = await this.synth();
      if (synth.status !== 0) return synth;
    }
    return this.cdktf(
      ["deploy", ...stackIds, "--auto-approve", "--skip-synth", "--skip-provider-lock", "--outputs-file", this.outputsFile()],
      stackIds,
    );
  }

  diff(stackId: string): Promise<CommandResult> {
    return this.cdktf(["diff", stackId, "--skip-provider-lock"], [stackId]);
  }

  destroy(stackIds: readonly string[]): Promise<CommandResult> {
    return this.cdktf(["destroy", ...stackIds, "--auto-approve", "--skip-synth", "--skip-provider-lock"], stackIds);
  }

  /**
   * Terraform itself in a synthesized stack's folder (after a deploy, so it is initialized), e.g. to read
   * the reason of a refused destroy: cdktf 0.21 sometimes ends one with only "Invoking Terraform CLI
   * failed with exit code 1", the last lines of Terraform's output lost.
   */
  async terraform(stackId: string, args: readonly string[]): Promise<CommandResult> {
    return runTerraform(args, join(this.paths.output, "stacks", stackId), await this.env([stackId]));
  }

  output(stackId: string, outputsFile: string): Promise<CommandResult> {
    return this.cdktf(["output", stackId, "--skip-synth", "--outputs-file", outputsFile], [stackId]);
  }

  outputsFile(): string {
    return join(this.options.folder, "outputs.json");
  }

  /** The outputs `cdktf deploy --outputs-file` wrote, by stack id. */
  outputs(): Record<string, Record<string, unknown>> {
    return JSON.parse(readFileSync(this.outputsFile(), "utf8")) as Record<string, Record<string, unknown>>;
  }
}
