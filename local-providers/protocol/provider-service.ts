/**
 * The tfplugin6 Provider service over a `ProviderBehaviour`: the generic half of every provider (schema,
 * decoding, the generic plan, conforming results) is here, the particular half in the behaviour.
 */
import type { AttributeSchema, BlockSchema, NestedBlockSchema, ProviderSchemas, TypeSchema } from "../schema/types";
import {
  ProviderDiagnostic,
  type Diagnostic,
  type ProviderBehaviour,
  type ProviderContext,
  type ResourceBehaviour,
} from "../provider/behaviour";
import type { ObjectValue } from "../provider/values";
import { conformBlock, decodeDynamic, decodeStateJson, encodeDynamic } from "./cty";
import { computedOnlyPathsSet, findUnknownPath, planResource, type AttributePath } from "./plan";

/* Wire shapes (proto-loader with keepCase, longs and enums as numbers, bytes as Buffer). */
interface WireDynamicValue {
  msgpack?: Buffer;
  json?: Buffer;
}
type WirePath = { steps: ({ attribute_name: string } | { element_key_int: number } | { element_key_string: string })[] };
interface WireDiagnostic {
  severity: number;
  summary: string;
  detail: string;
  attribute?: WirePath;
}
type Request = Record<string, unknown>;
type Response = Record<string, unknown>;

const SEVERITY = { error: 1, warning: 2 } as const;
const NESTING_BLOCK = { single: 1, list: 2, set: 3, map: 4, group: 5 } as const;
const NESTING_OBJECT = { single: 1, list: 2, set: 3, map: 4 } as const;

function wirePath(path: AttributePath): WirePath {
  return { steps: path.map((step) => (typeof step === "number" ? { element_key_int: step } : { attribute_name: step })) };
}

function wireDiagnostic(diagnostic: Diagnostic): WireDiagnostic {
  return {
    severity: SEVERITY[diagnostic.severity],
    summary: diagnostic.summary,
    detail: diagnostic.detail ?? "",
    ...(diagnostic.attribute && diagnostic.attribute.length > 0 ? { attribute: wirePath(diagnostic.attribute) } : {}),
  };
}

/** Any error becomes a diagnostic; only a ProviderDiagnostic carries the real provider's words. */
function diagnosticOf(error: unknown): Diagnostic {
  if (error instanceof ProviderDiagnostic) {
    return { severity: "error", summary: error.summary, detail: error.detail, attribute: error.attribute };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { severity: "error", summary: "Local provider error", detail: message };
}

function wireAttribute(name: string, attribute: AttributeSchema): Response {
  return {
    name,
    ...(attribute.nestedType
      ? {
          nested_type: {
            attributes: Object.entries(attribute.nestedType.attributes).map(([nestedName, nested]) => wireAttribute(nestedName, nested)),
            nesting: NESTING_OBJECT[attribute.nestedType.nesting],
          },
        }
      : { type: Buffer.from(JSON.stringify(attribute.type)) }),
    required: attribute.required ?? false,
    optional: attribute.optional ?? false,
    computed: attribute.computed ?? false,
    sensitive: attribute.sensitive ?? false,
    deprecated: attribute.deprecated ?? false,
    write_only: attribute.writeOnly ?? false,
  };
}

function wireBlock(block: BlockSchema, version = 0): Response {
  return {
    version,
    attributes: Object.entries(block.attributes)
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([name, attribute]) => wireAttribute(name, attribute)),
    block_types: Object.entries(block.blocks ?? {})
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([name, nested]) => wireNestedBlock(name, nested)),
    deprecated: block.deprecated ?? false,
  };
}

function wireNestedBlock(name: string, nested: NestedBlockSchema): Response {
  return {
    type_name: name,
    block: wireBlock(nested.block),
    nesting: NESTING_BLOCK[nested.nesting],
    min_items: nested.minItems ?? 0,
    max_items: nested.maxItems ?? 0,
  };
}

function wireSchema(type: TypeSchema): Response {
  return { version: type.version, block: wireBlock(type.block, type.version) };
}

function dynamic(value: ObjectValue | null, block: BlockSchema): WireDynamicValue {
  return { msgpack: Buffer.from(encodeDynamic(value, block)) };
}

function decoded(value: unknown, block: BlockSchema): ObjectValue | null {
  const wire = value as WireDynamicValue | undefined;
  if (wire?.json && wire.json.length > 0) return decodeStateJson(wire.json, block);
  return decodeDynamic(wire?.msgpack, block);
}

/**
 * The read-only attribute message of each kind of provider: terraform-plugin-sdk/v2 v2.37.0-v2.40.1
 * helper/schema/schema.go:1884-1890 (the versions okta 6.12.0, auth0 1.55.0 and kubernetes 2.38.0 build with),
 * and plugin-framework's for framework types.
 */
function computedOnlyDiagnostic(path: AttributePath, legacy: boolean): Diagnostic {
  const name = path.filter((step) => typeof step === "string").join(".");
  return legacy
    ? {
        severity: "error",
        summary: "Value for unconfigurable attribute",
        detail: `Can't configure a value for "${name}": its value will be decided automatically based on the result of applying this configuration.`,
        attribute: path,
      }
    : {
        severity: "error",
        summary: "Invalid Configuration for Read-Only Attribute",
        detail:
          "Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.\n\n" +
          "Refer to the provider documentation or contact the provider developers for additional information about configurable and read-only attributes that are supported.",
        attribute: path,
      };
}

/** What this server can do beyond the protocol's minimum: nothing optional. */
const SERVER_CAPABILITIES = { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false } as const;

export class ProviderService {
  private context: ProviderContext | undefined;

  constructor(
    private readonly behaviour: ProviderBehaviour,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  private get schemas(): ProviderSchemas {
    return this.behaviour.schemas;
  }

  private resourceSchema(typeName: string): TypeSchema {
    const schema = this.schemas.resources[typeName];
    if (!schema) throw new Error(`${this.schemas.address} ${this.schemas.version} has no resource type ${typeName}`);
    return schema;
  }

  private dataSourceSchema(typeName: string): TypeSchema {
    const schema = this.schemas.dataSources[typeName];
    if (!schema) throw new Error(`${this.schemas.address} ${this.schemas.version} has no data source ${typeName}`);
    return schema;
  }

  private resourceBehaviour(typeName: string): ResourceBehaviour {
    const behaviour = this.behaviour.resources[typeName];
    if (!behaviour) throw new Error(`no behaviour for ${typeName}`);
    return behaviour;
  }

  private legacy(type: TypeSchema): boolean {
    return type.legacyTypeSystem ?? this.schemas.legacyTypeSystem;
  }

  private configured(): ProviderContext {
    if (!this.context) throw new Error("the provider was not configured before use");
    return this.context;
  }

  /** Runs a handler and turns a thrown error into the response's diagnostics. */
  private guarded(handler: () => Response): Response {
    try {
      return handler();
    } catch (error) {
      return { diagnostics: [wireDiagnostic(diagnosticOf(error))] };
    }
  }

  GetMetadata(): Response {
    return {
      server_capabilities: SERVER_CAPABILITIES,
      resources: Object.keys(this.schemas.resources).map((type_name) => ({ type_name })),
      data_sources: Object.keys(this.schemas.dataSources).map((type_name) => ({ type_name })),
      diagnostics: [],
    };
  }

  GetProviderSchema(): Response {
    return {
      provider: wireSchema(this.schemas.provider),
      resource_schemas: Object.fromEntries(Object.entries(this.schemas.resources).map(([name, type]) => [name, wireSchema(type)])),
      data_source_schemas: Object.fromEntries(Object.entries(this.schemas.dataSources).map(([name, type]) => [name, wireSchema(type)])),
      server_capabilities: SERVER_CAPABILITIES,
      diagnostics: [],
    };
  }

  ValidateProviderConfig(request: Request): Response {
    return this.guarded(() => {
      const config = decoded(request["config"], this.schemas.provider.block) ?? {};
      return { diagnostics: (this.behaviour.validate?.(config) ?? []).map(wireDiagnostic) };
    });
  }

  ConfigureProvider(request: Request): Response {
    return this.guarded(() => {
      const config = decoded(request["config"], this.schemas.provider.block) ?? {};
      this.context = this.behaviour.configure(config, this.env);
      return { diagnostics: (this.context.warnings ?? []).map(wireDiagnostic) };
    });
  }

  /** A value set on a computed-only attribute, then the behaviour's own checks: for resources and data sources alike. */
  private validateConfig(request: Request, kind: "resources" | "dataSources"): Response {
    return this.guarded(() => {
      const typeName = String(request["type_name"]);
      const type = kind === "resources" ? this.resourceSchema(typeName) : this.dataSourceSchema(typeName);
      const config = decoded(request["config"], type.block) ?? {};
      const readOnly = computedOnlyPathsSet(type.block, config).map((path) => computedOnlyDiagnostic(path, this.legacy(type)));
      const particular = this.behaviour[kind][typeName]?.validate?.(config) ?? [];
      return { diagnostics: [...readOnly, ...particular].map(wireDiagnostic) };
    });
  }

  ValidateResourceConfig(request: Request): Response {
    return this.validateConfig(request, "resources");
  }

  ValidateDataResourceConfig(request: Request): Response {
    return this.validateConfig(request, "dataSources");
  }

  UpgradeResourceState(request: Request): Response {
    return this.guarded(() => {
      const type = this.resourceSchema(String(request["type_name"]));
      const raw = request["raw_state"] as { json?: Buffer } | undefined;
      const state = decodeStateJson(raw?.json, type.block);
      return { upgraded_state: dynamic(state, type.block), diagnostics: [] };
    });
  }

  ReadResource(request: Request): Response {
    return this.guarded(() => {
      const typeName = String(request["type_name"]);
      const type = this.resourceSchema(typeName);
      const current = decoded(request["current_state"], type.block);
      const behaviour = this.resourceBehaviour(typeName);
      const fresh = current === null ? null : behaviour.read(current, this.configured());
      return {
        new_state: dynamic(fresh === null ? null : conformBlock(fresh, type.block), type.block),
        private: request["private"],
        diagnostics: [],
      };
    });
  }

  PlanResourceChange(request: Request): Response {
    return this.guarded(() => {
      const typeName = String(request["type_name"]);
      const type = this.resourceSchema(typeName);
      const prior = decoded(request["prior_state"], type.block);
      const proposed = decoded(request["proposed_new_state"], type.block);
      const config = decoded(request["config"], type.block);
      const legacy_type_system = this.legacy(type);
      if (proposed === null || config === null) {
        return { planned_state: dynamic(null, type.block), requires_replace: [], legacy_type_system, diagnostics: [] };
      }
      const generic = planResource(type.block, config, prior);
      const behaviour = this.behaviour.resources[typeName];
      const adjusted = behaviour?.plan?.({ planned: generic.planned, prior, config, context: this.configured() });
      const planned = conformBlock(adjusted?.planned ?? generic.planned, type.block);
      const requiresReplace = [...generic.requiresReplace, ...(adjusted?.requiresReplace ?? [])];
      return {
        planned_state: dynamic(planned, type.block),
        requires_replace: requiresReplace.map(wirePath),
        planned_private: request["prior_private"],
        legacy_type_system,
        diagnostics: [],
      };
    });
  }

  ApplyResourceChange(request: Request): Response {
    return this.guarded(() => {
      const typeName = String(request["type_name"]);
      const type = this.resourceSchema(typeName);
      const prior = decoded(request["prior_state"], type.block);
      const planned = decoded(request["planned_state"], type.block);
      const config = decoded(request["config"], type.block) ?? {};
      const behaviour = this.resourceBehaviour(typeName);
      const legacy_type_system = this.legacy(type);
      const context = this.configured();
      if (planned === null) {
        if (prior !== null) behaviour.delete(prior, context);
        return { new_state: dynamic(null, type.block), legacy_type_system, diagnostics: [] };
      }
      const result = prior === null ? behaviour.create(planned, context, config) : behaviour.update(planned, prior, context, config);
      const state = conformBlock(result, type.block);
      const unknownAt = findUnknownPath(state);
      if (unknownAt) throw new Error(`${typeName}: the applied state still has an unknown value at ${unknownAt.join(".")}`);
      return { new_state: dynamic(state, type.block), private: request["planned_private"], legacy_type_system, diagnostics: [] };
    });
  }

  ImportResourceState(request: Request): Response {
    return this.guarded(() => {
      const typeName = String(request["type_name"]);
      const type = this.resourceSchema(typeName);
      const behaviour = this.behaviour.resources[typeName];
      if (!behaviour?.import) {
        // plugin-sdk v2.39.0 helper/schema/provider.go:495; plugin-framework's ImportResourceState for a resource without ImportState.
        throw this.legacy(type)
          ? new ProviderDiagnostic(`resource ${typeName} doesn't support import`)
          : new ProviderDiagnostic(
              "Resource Import Not Implemented",
              "This resource does not support import. Please contact the provider developer for additional information.",
            );
      }
      const state = conformBlock(behaviour.import(String(request["id"]), this.configured()), type.block);
      return { imported_resources: [{ type_name: typeName, state: dynamic(state, type.block) }], diagnostics: [] };
    });
  }

  ReadDataSource(request: Request): Response {
    return this.guarded(() => {
      const typeName = String(request["type_name"]);
      const type = this.dataSourceSchema(typeName);
      const config = decoded(request["config"], type.block) ?? {};
      const behaviour = this.behaviour.dataSources[typeName];
      if (!behaviour) throw new Error(`no behaviour for data source ${typeName}`);
      const state = conformBlock(behaviour.read(config, this.configured()), type.block);
      return { state: dynamic(state, type.block), diagnostics: [] };
    });
  }

  StopProvider(): Response {
    return { Error: "" };
  }
}
