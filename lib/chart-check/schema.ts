import Ajv, { type ErrorObject } from "ajv";
import type AjvCore from "ajv/dist/core";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import { ChartCheckError } from "./errors";
import { formatValuesPath, isMap, type PathSegment, type Values } from "./values";

/** A JSON schema (or sub-schema) as read from values.schema.json. */
export type JsonSchema = { [keyword: string]: unknown };

export interface SchemaViolation {
  readonly path: string;
  readonly message: string;
  /** The value found at `path`; absent when the value is missing. */
  readonly value?: unknown;
  /** The JSON schema keyword that failed, e.g. `enum`, `additionalProperties`. */
  readonly keyword: string;
}

export interface CompiledSchema {
  /** The dialect the schema was validated as, e.g. `draft-07`. */
  readonly dialect: string;
  validate(values: Values): SchemaViolation[];
}

/**
 * Compiles values.schema.json with ajv. Charts often declare the generic
 * `http://json-schema.org/schema#`, which ajv does not know: those (and draft-06/07 or no
 * `$schema`) are validated as draft-07, which Helm's validator also accepts for them.
 */
export function compileSchema(schema: JsonSchema, source: string): CompiledSchema {
  const declared = typeof schema.$schema === "string" ? schema.$schema : undefined;
  // strict: false tolerates keywords from ajv plugins (the chart uses ajv-errors' errorMessage);
  // formats are not asserted: ajv-formats is not a dependency, and `format: boolean` is no standard format.
  const options = { strict: false, allErrors: true, validateFormats: false } as const;
  let ajv: AjvCore;
  let dialect: string;
  let compiled: JsonSchema = schema;
  if (declared?.includes("2020-12")) {
    ajv = new Ajv2020(options);
    dialect = "draft 2020-12";
  } else if (declared?.includes("2019-09")) {
    ajv = new Ajv2019(options);
    dialect = "draft 2019-09";
  } else if (declared && /draft-0[34]\b/.test(declared)) {
    throw new ChartCheckError(`${source}: declares ${declared}; draft-04 and older schemas are not supported by this check (ajv 8)`);
  } else {
    ajv = new Ajv(options);
    dialect = declared?.includes("draft-07") ? "draft-07" : `draft-07 (the schema declares ${declared ?? "no $schema"})`;
    // Dropped so ajv validates against its built-in draft-07 meta-schema instead of looking up an unknown one.
    const { $schema: _declared, ...rest } = schema;
    compiled = rest;
  }
  let validate: ReturnType<AjvCore["compile"]>;
  try {
    validate = ajv.compile(compiled);
  } catch (error) {
    throw new ChartCheckError(`${source}: not a usable JSON schema: ${(error as Error).message}`);
  }
  return {
    dialect,
    validate(values) {
      if (validate(values)) return [];
      return (validate.errors ?? []).map((error) => toViolation(error, values));
    },
  };
}

function toViolation(error: ErrorObject, values: Values): SchemaViolation {
  const pointer =
    error.instancePath === ""
      ? []
      : error.instancePath
          .slice(1)
          .split("/")
          .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  // The key the message is about belongs in the path: `authentication.oidcConfigurationX`, not its parent.
  let key: unknown;
  if (error.keyword === "additionalProperties") key = error.params.additionalProperty;
  else if (error.keyword === "required") key = error.params.missingProperty;
  const { path, value } = locate(values, typeof key === "string" ? [...pointer, key] : pointer);
  return {
    path: formatValuesPath(path) || "(root)",
    message: messageOf(error),
    keyword: error.keyword,
    ...(value === undefined ? {} : { value }),
  };
}

function messageOf(error: ErrorObject): string {
  const message = error.message ?? `fails ${error.keyword}`;
  switch (error.keyword) {
    case "enum":
      return `${message}: ${(error.params.allowedValues as unknown[]).map(String).join(", ")}`;
    case "const":
      return `${message}: ${JSON.stringify(error.params.allowedValue)}`;
    case "additionalProperties":
      return `${message}: ${JSON.stringify(error.params.additionalProperty)}`;
    default:
      return message;
  }
}

/** Follows a JSON pointer through the values, telling list indexes from map keys for the path. */
function locate(values: Values, pointer: readonly string[]): { path: PathSegment[]; value: unknown } {
  const path: PathSegment[] = [];
  let current: unknown = values;
  for (const segment of pointer) {
    if (Array.isArray(current)) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else {
      path.push(segment);
      current = isMap(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
    }
  }
  return { path, value: current };
}

/**
 * The sub-schema a property of `schema` is checked against, following local `$ref`s and the
 * members of allOf/anyOf/oneOf; undefined when the schema names no such property.
 */
export function propertySchema(schema: JsonSchema, key: string, root: JsonSchema): JsonSchema | undefined {
  for (const candidate of alternatives(schema, root)) {
    const properties = candidate.properties;
    if (isMap(properties) && isMap(properties[key])) return properties[key] as JsonSchema;
    const patterns = candidate.patternProperties;
    if (isMap(patterns)) {
      const match = Object.entries(patterns).find(([pattern]) => new RegExp(pattern, "u").test(key));
      if (match && isMap(match[1])) return match[1] as JsonSchema;
    }
  }
  return undefined;
}

/** Whether the schema lists any property names: if not, it describes a free-form map. */
export function namesProperties(schema: JsonSchema, root: JsonSchema): boolean {
  return alternatives(schema, root).some((candidate) => isMap(candidate.properties) || isMap(candidate.patternProperties));
}

function alternatives(schema: JsonSchema, root: JsonSchema, seen = new Set<JsonSchema>()): JsonSchema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const result = [schema];
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#")) {
    const target = resolvePointer(root, ref.slice(1));
    if (target) result.push(...alternatives(target, root, seen));
  }
  for (const keyword of ["allOf", "anyOf", "oneOf"]) {
    const members = schema[keyword];
    if (Array.isArray(members)) for (const member of members) if (isMap(member)) result.push(...alternatives(member, root, seen));
  }
  return result;
}

function resolvePointer(root: JsonSchema, pointer: string): JsonSchema | undefined {
  let current: unknown = root;
  for (const segment of pointer.split("/").slice(1)) {
    if (!isMap(current)) return undefined;
    current = current[decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return isMap(current) ? current : undefined;
}
