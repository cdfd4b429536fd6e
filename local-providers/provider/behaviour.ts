/**
 * What a local provider does beyond its schema: the real provider's validation, the values it computes,
 * and the objects it creates, reads and deletes in the local world (lib-free: a local provider never
 * imports the project's own checks, so a regression in them cannot hide a rule the provider enforces).
 *
 * The server (../protocol) does the generic work every real provider shares: decoding values, filling
 * defaults and unknown computed attributes at plan, keeping prior computed values, forced replacement
 * from `forceNew`, and conforming every state to the schema. A behaviour only adds what is particular.
 */
import type { ProviderSchemas } from "../schema/types";
import type { ObjectValue } from "./values";
import type { WorldTenant } from "./world";

/** An error the real provider would report: its summary and detail, where the source gives them. */
export class ProviderDiagnostic extends Error {
  constructor(
    readonly summary: string,
    readonly detail: string = "",
    /** The attribute path it is about, e.g. ["redirect_uris", 0]. */
    readonly attribute: readonly (string | number)[] = [],
  ) {
    super(detail ? `${summary}: ${detail}` : summary);
    this.name = "ProviderDiagnostic";
  }
}

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly attribute?: readonly (string | number)[];
}

/** What a configured provider hands each call: its configuration and where its objects live. */
export interface ProviderContext {
  /** The provider block's values, with the real provider's environment fallbacks applied. */
  readonly config: ObjectValue;
  /** The tenant this configuration points at: an Okta org, an Auth0 tenant, a cluster. Absent for random and tls. */
  readonly tenant?: WorldTenant;
  /**
   * Warnings the real ConfigureProvider returns while still succeeding (the kubernetes provider's
   * "Provider was supplied an invalid configuration" for a kubeconfig it cannot use).
   */
  readonly warnings?: readonly Diagnostic[];
}

export interface PlanArguments {
  /** The generic plan: config, defaults, prior computed values kept, new computed values unknown. */
  readonly planned: ObjectValue;
  readonly prior: ObjectValue | null;
  readonly config: ObjectValue;
  readonly context: ProviderContext;
}

export interface PlanAdjustment {
  readonly planned: ObjectValue;
  /** Extra attribute paths that force replacement (CustomizeDiff ForceNew, RequiresReplaceIf). */
  readonly requiresReplace?: readonly (readonly (string | number)[])[];
}

export interface ResourceBehaviour {
  /** ValidateFunc, ConflictsWith, ExactlyOneOf...: config may hold unknown values, skip those. */
  validate?(config: ObjectValue): readonly Diagnostic[];
  /** Adjusts the generic plan where the real provider's plan differs (CustomizeDiff, plan modifiers). */
  plan?(args: PlanArguments): PlanAdjustment;
  /** Creates the object; `planned` may hold unknown values, the result must hold none. */
  create(planned: ObjectValue, context: ProviderContext, config: ObjectValue): ObjectValue;
  /** The object as it is now, or null when it is gone (Terraform then plans to create it again). */
  read(state: ObjectValue, context: ProviderContext): ObjectValue | null;
  update(planned: ObjectValue, prior: ObjectValue, context: ProviderContext, config: ObjectValue): ObjectValue;
  delete(prior: ObjectValue, context: ProviderContext): void;
  /** ImportResourceState: the state for an import id, at least its `id`; a read follows. Absent: not importable. */
  import?(id: string, context: ProviderContext): ObjectValue;
}

export interface DataSourceBehaviour {
  validate?(config: ObjectValue): readonly Diagnostic[];
  read(config: ObjectValue, context: ProviderContext): ObjectValue;
}

export interface ProviderBehaviour {
  readonly schemas: ProviderSchemas;
  /** ValidateProviderConfig. */
  validate?(config: ObjectValue): readonly Diagnostic[];
  /** ConfigureProvider: credentials checked as the real provider does, the tenant chosen. Throws ProviderDiagnostic. */
  configure(config: ObjectValue, env: NodeJS.ProcessEnv): ProviderContext;
  readonly resources: { readonly [typeName: string]: ResourceBehaviour };
  readonly dataSources: { readonly [typeName: string]: DataSourceBehaviour };
}
