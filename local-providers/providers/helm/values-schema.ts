/**
 * Helm's values.schema.json check: helm/helm@v3.18.4 pkg/chartutil/values.go:161-171 (ToRenderValues
 * validates the coalesced values unless SkipSchemaValidation) and pkg/chartutil/jsonschema.go:32-93
 * (ValidateAgainstSchema: "<chart>:\n" then one "- <field>: <description>\n" per error, from
 * xeipuuv/gojsonschema v1.2.0). The schema is checked here with ajv as draft-07 (gojsonschema accepts
 * draft-04 to 07; the OpenMetadata chart declares the generic http://json-schema.org/schema#); each ajv
 * error is worded with gojsonschema's English locale (v1.2.0 locales.go:197-456), fields as its
 * ResultErrorFields.Field() gives them (result.go:94: the context without "(root)."). Which errors appear
 * for a failing anyOf/oneOf branch, and their order, is modelled: gojsonschema keeps its best-scoring
 * branch's errors, this keeps the branch with the fewest. No message carries a value from the release.
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Values } from "./values";

/** values.go:168. */
export const SCHEMA_ERROR_HEADER = "values don't meet the specifications of the schema(s) in the following chart(s):";

const compiled = new Map<string, ValidateFunction | Error>();

function validatorFor(schemaText: string): ValidateFunction {
  let validator = compiled.get(schemaText);
  if (!validator) {
    try {
      const schema = JSON.parse(schemaText) as Record<string, unknown>;
      const declared = typeof schema["$schema"] === "string" ? schema["$schema"] : "";
      // ajv knows draft-07 by its own URI; any other declaration is read as draft-07 too.
      const { $schema: _ignored, ...body } = schema;
      // Loaded on first use: ajv adds ~60 ms to a provider start that most commands (validate, plan) never need.
      const { default: Ajv } = require("ajv") as typeof import("ajv");
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
      validator = ajv.compile(declared.includes("draft-07") ? schema : body);
    } catch (error) {
      validator = error as Error;
    }
    compiled.set(schemaText, validator);
  }
  if (validator instanceof Error) throw validator;
  return validator;
}

function field(pointer: string): string {
  if (pointer === "") return "(root)";
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

function valueAt(values: unknown, pointer: string): unknown {
  let current = values;
  for (const segment of pointer === "" ? [] : pointer.slice(1).split("/")) {
    const key = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    current = current !== null && typeof current === "object" ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** gojsonschema's type names for a value (an integral number is "integer"). */
function givenType(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  return typeof value === "object" ? "object" : "string";
}

function describe(error: ErrorObject, values: unknown, name: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type": {
      const expected = Array.isArray(params["type"]) ? `[${(params["type"] as string[]).join(",")}]` : String(params["type"]);
      return `Invalid type. Expected: ${expected}, given: ${givenType(valueAt(values, error.instancePath))}`;
    }
    case "required":
      return `${String(params["missingProperty"])} is required`;
    case "additionalProperties":
      return `Additional property ${String(params["additionalProperty"])} is not allowed`;
    case "enum":
      return `${name} must be one of the following: ${(params["allowedValues"] as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    case "const":
      return `${name} does not match: ${JSON.stringify(params["allowedValue"])}`;
    case "minLength":
      return `String length must be greater than or equal to ${String(params["limit"])}`;
    case "maxLength":
      return `String length must be less than or equal to ${String(params["limit"])}`;
    case "pattern":
      return `Does not match pattern '${String(params["pattern"])}'`;
    case "format":
      return `Does not match format '${String(params["format"])}'`;
    case "minimum":
      return `Must be greater than or equal to ${String(params["limit"])}`;
    case "exclusiveMinimum":
      return `Must be greater than ${String(params["limit"])}`;
    case "maximum":
      return `Must be less than or equal to ${String(params["limit"])}`;
    case "exclusiveMaximum":
      return `Must be less than ${String(params["limit"])}`;
    case "multipleOf":
      return `Must be a multiple of ${String(params["multipleOf"])}`;
    case "minItems":
      return `Array must have at least ${String(params["limit"])} items`;
    case "maxItems":
      return `Array must have at most ${String(params["limit"])} items`;
    case "uniqueItems":
      return `array items[${String(params["j"])},${String(params["i"])}] must be unique`;
    case "minProperties":
      return `Must have at least ${String(params["limit"])} properties`;
    case "maxProperties":
      return `Must have at most ${String(params["limit"])} properties`;
    case "anyOf":
      return "Must validate at least one schema (anyOf)";
    case "oneOf":
      return "Must validate one and only one schema (oneOf)";
    case "not":
      return "Must not validate the schema (not)";
    case "if":
      return params["failingKeyword"] === "else" ? 'Must validate "else" as "if" was not valid' : 'Must validate "then" as "if" was valid';
    case "dependencies":
    case "dependentRequired":
      return `Has a dependency on ${String(params["deps"] ?? params["missingProperty"])}`;
    case "propertyNames":
      return `Property name of "${String(params["propertyName"])}" does not match`;
    case "additionalItems":
      return "No additional items allowed on array";
    case "contains":
      return "At least one of the items must match";
    case "false schema":
      return "False always fails validation";
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

/** Keeps, under a failing anyOf/oneOf, only the errors of its branch with the fewest errors. */
function bestBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const combinator of errors.filter((error) => error.keyword === "anyOf" || error.keyword === "oneOf")) {
    const prefix = `${combinator.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of kept) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split("/")[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    if (branches.size === 0) continue;
    const best = [...branches.values()].sort((left, right) => left.length - right.length)[0]!;
    kept = kept.filter((error) => !error.schemaPath.startsWith(prefix) || best.includes(error));
  }
  return kept;
}

/**
 * jsonschema.go:58-93 ValidateAgainstSingleSchema: the "- <field>: <description>" lines, or undefined
 * when the values are valid. A schema that is not JSON fails as gojsonschema would, with its parser's message.
 */
export function schemaViolations(values: Values, schemaText: string): string | undefined {
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schemaText);
  } catch (error) {
    return `${(error as Error).message}\n`;
  }
  // values.go: a nil map validates as {} (jsonschema.go:73-75).
  const document = JSON.parse(JSON.stringify(values ?? {})) as unknown;
  if (validate(document)) return undefined;
  return bestBranches(validate.errors ?? [])
    .map((error) => {
      const name = field(error.instancePath);
      return `- ${name}: ${describe(error, document, name)}\n`;
    })
    .join("");
}

/** jsonschema.go:32-55 and values.go:166-170: the whole error Helm returns for a chart, or undefined. */
export function validateChartValues(chartName: string, values: Values, schemaText: string | undefined): string | undefined {
  if (schemaText === undefined) return undefined;
  const violations = schemaViolations(values, schemaText);
  return violations === undefined ? undefined : `${SCHEMA_ERROR_HEADER}\n${chartName}:\n${violations}`;
}
