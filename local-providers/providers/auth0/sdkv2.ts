/**
 * auth0/auth0 1.x is built on terraform-plugin-sdk/v2 alone (go.mod@v1.55.0 requires
 * terraform-plugin-sdk/v2 v2.40.1 and no terraform-plugin-framework; main.go serves
 * provider.New through plugin.Serve). Its schemas are kept here as the SDK declares them
 * (sdk-schemas/*.ts) and turned into protocol schemas by the SDK's own rules, so each fact can be
 * checked against one line of the provider's source.
 *
 * Rules: hashicorp/terraform-plugin-sdk@v2.40.1 helper/schema/core_schema.go (cited per function) and
 * auth0/terraform-provider-auth0@v1.55.0 internal/schema/schema.go (data sources).
 */
import type { AttributeSchema, BlockSchema, CtyType, NestedBlockSchema, TypeSchema } from "../../schema/types";

export type SdkValueType = "string" | "int" | "float" | "bool";
export type SdkType = SdkValueType | "list" | "set" | "map";

/** One `*schema.Schema`: only the fields that reach the protocol schema or a plan. */
export interface SdkSchema {
  readonly type: SdkType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly writeOnly?: boolean;
  readonly forceNew?: boolean;
  /** True when the source sets a Deprecated message. */
  readonly deprecated?: boolean;
  /** A static Default; DefaultFunc defaults (the provider's environment variables) are applied by configure. */
  readonly default?: unknown;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly configMode?: string;
  /** `schema.TypeString` (a ValueType), `&schema.Schema{...}` or `&schema.Resource{Schema: ...}`. */
  readonly elem?: SdkValueType | { readonly schema: SdkSchema } | { readonly resource: SdkSchemaMap };
}

export type SdkSchemaMap = { readonly [name: string]: SdkSchema };

function nestedResource(schema: SdkSchema): SdkSchemaMap | undefined {
  return typeof schema.elem === "object" && "resource" in schema.elem ? schema.elem.resource : undefined;
}

/** coreConfigSchemaType (core_schema.go:241): ints and floats are numbers; a missing Elem is a string. */
export function ctyTypeOf(schema: SdkSchema): CtyType {
  switch (schema.type) {
    case "string":
      return "string";
    case "bool":
      return "bool";
    case "int":
    case "float":
      return "number";
    default: {
      const elem = schema.elem;
      let elemType: CtyType;
      if (elem === undefined) elemType = "string";
      else if (typeof elem === "string") elemType = ctyTypeOf({ type: elem });
      else if ("schema" in elem) elemType = ctyTypeOf(elem.schema);
      else elemType = impliedType(coreConfigSchema(elem.resource));
      return [schema.type, elemType];
    }
  }
}

/** The object type a block stands for in values (configschema Block.ImpliedType). */
export function impliedType(block: BlockSchema): CtyType {
  const fields: { [name: string]: CtyType } = {};
  for (const [name, attribute] of Object.entries(block.attributes)) fields[name] = attribute.type ?? "dynamic";
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const object = impliedType(nested.block);
    fields[name] = nested.nesting === "single" || nested.nesting === "group" ? object : [nested.nesting, object];
  }
  return ["object", fields];
}

/** coreConfigSchemaAttribute (core_schema.go:127); `forceNew` and `default` are for plans, not the protocol. */
function coreConfigSchemaAttribute(schema: SdkSchema): AttributeSchema {
  return {
    type: ctyTypeOf(schema),
    ...(schema.required ? { required: true } : {}),
    ...(schema.optional ? { optional: true } : {}),
    ...(schema.computed ? { computed: true } : {}),
    ...(schema.sensitive ? { sensitive: true } : {}),
    ...(schema.deprecated ? { deprecated: true } : {}),
    ...(schema.writeOnly ? { writeOnly: true } : {}),
    ...(schema.forceNew ? { forceNew: true } : {}),
    ...(schema.default !== undefined ? { default: schema.default } : {}),
  };
}

/** coreConfigSchemaBlock (core_schema.go:184): Required fakes MinItems 1, Optional drops MinItems, computed-only drops both. */
function coreConfigSchemaBlock(schema: SdkSchema, nested: SdkSchemaMap): NestedBlockSchema {
  let minItems = schema.minItems ?? 0;
  let maxItems = schema.maxItems ?? 0;
  if (schema.required && minItems === 0) minItems = 1;
  if (schema.optional && minItems > 0) minItems = 0;
  if (schema.computed && !schema.optional) {
    minItems = 0;
    maxItems = 0;
  }
  const block = coreConfigSchema(nested);
  const nesting = ({ set: "set", map: "map" } as const)[schema.type as "set" | "map"] ?? "list";
  return {
    nesting,
    block: schema.deprecated ? { ...block, deprecated: true } : block,
    ...(minItems ? { minItems } : {}),
    ...(maxItems ? { maxItems } : {}),
    ...(schema.forceNew ? { forceNew: true } : {}),
  };
}

/**
 * schemaMap.CoreConfigSchema (core_schema.go:63): a TypeMap of a Resource is a map of strings (:87);
 * computed-only schemas are attributes even with a Resource Elem (:102); otherwise a Resource Elem is a
 * nested block and anything else an attribute.
 */
export function coreConfigSchema(map: SdkSchemaMap): BlockSchema {
  const attributes: { [name: string]: AttributeSchema } = {};
  const blocks: { [name: string]: NestedBlockSchema } = {};
  for (const [name, schema] of Object.entries(map)) {
    const nested = nestedResource(schema);
    if (schema.elem === undefined || !nested) {
      attributes[name] = coreConfigSchemaAttribute(schema);
    } else if (schema.type === "map") {
      attributes[name] = coreConfigSchemaAttribute({ ...schema, elem: { schema: { type: "string" } } });
    } else if (schema.configMode === "schema.SchemaConfigModeAttr") {
      attributes[name] = coreConfigSchemaAttribute(schema);
    } else if (schema.configMode !== "schema.SchemaConfigModeBlock" && schema.computed && !schema.optional) {
      attributes[name] = coreConfigSchemaAttribute(schema);
    } else {
      blocks[name] = coreConfigSchemaBlock(schema, nested);
    }
  }
  return Object.keys(blocks).length ? { attributes, blocks } : { attributes };
}

/** Resource.CoreConfigSchema (core_schema.go:296): every resource and data source gets an optional+computed `id`. */
export function resourceTypeSchema(map: SdkSchemaMap, source: string, version = 0): TypeSchema {
  const block = coreConfigSchema(map);
  const id: AttributeSchema = { type: "string", optional: true, computed: true };
  const attributes = block.attributes["id"] ? block.attributes : { ...block.attributes, id };
  return { source, version, block: { ...block, attributes } };
}

/**
 * TransformResourceToDataSource (internal/schema/schema.go:9@v1.55.0): every attribute of the resource
 * becomes computed-only, keeping only Type, Set and Elem (so Sensitive, Default, ForceNew, MaxItems and
 * Deprecated are dropped), recursively through nested resources.
 */
export function transformResourceToDataSource(map: SdkSchemaMap): SdkSchemaMap {
  const result: { [name: string]: SdkSchema } = {};
  for (const [name, schema] of Object.entries(map)) {
    const nested = nestedResource(schema);
    const elem =
      nested && (schema.type === "list" || schema.type === "set") ? { resource: transformResourceToDataSource(nested) } : schema.elem;
    result[name] = { type: schema.type, computed: true, ...(elem !== undefined ? { elem } : {}) };
  }
  return result;
}
