/**
 * Between Terraform values and the Management API's JSON, driven by the SDK schema: what the provider's
 * expand functions send (configured values only; a MaxItems-1 block as one object) and what its flatten
 * functions set (the API's value, or the Go zero value where the API leaves a field out; an object as a
 * one-element list), plus the SDK's habit of keeping null where the plan had null.
 */
import { isObjectValue, isUnknown, type ObjectValue, type Value } from "../../provider/values";
import type { SdkSchema, SdkSchemaMap } from "./sdkv2";

export type ApiObject = { [field: string]: unknown };

function nestedOf(schema: SdkSchema): SdkSchemaMap | undefined {
  return typeof schema.elem === "object" && "resource" in schema.elem ? schema.elem.resource : undefined;
}

function isApiObject(value: unknown): value is ApiObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The API fields for the values a configuration sets (expandClient reads the raw config,
 * internal/auth0/client/expand.go): null and unknown values are left out, a block of at most one item
 * becomes an object. An attribute left null that has a Default gets it: the raw config has no
 * defaults, and Auth0 then applies its own, which the provider's Default states (token_quota's
 * enforce, session_transfer's enforce_* flags). `rename` maps attribute names to API field names.
 */
export function toApi(value: ObjectValue, map: SdkSchemaMap, rename: { readonly [name: string]: string } = {}): ApiObject {
  const result: ApiObject = {};
  for (const [name, schema] of Object.entries(map)) {
    const item = value[name] ?? (schema.default as Value | undefined);
    if (item === undefined || item === null || isUnknown(item)) continue;
    const nested = nestedOf(schema);
    const field = rename[name] ?? name;
    if (nested && Array.isArray(item)) {
      const objects = (item as readonly Value[]).filter(isObjectValue).map((element) => toApi(element, nested));
      if (schema.maxItems === 1) {
        if (objects[0]) result[field] = objects[0];
      } else result[field] = objects;
    } else {
      result[field] = plain(item);
    }
  }
  return result;
}

/** A known value as plain JSON (unknown elements dropped). */
function plain(value: Value): unknown {
  if (Array.isArray(value)) return (value as readonly Value[]).filter((item) => !isUnknown(item)).map((item) => plain(item));
  if (isObjectValue(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => !isUnknown(item))
        .map(([key, item]) => [key, plain(item)]),
    );
  }
  return value;
}

function zeroOf(schema: SdkSchema): Value {
  switch (schema.type) {
    case "string":
      return "";
    case "int":
    case "float":
      return 0;
    case "bool":
      return false;
    case "map":
      return {};
    default:
      return [];
  }
}

function fromApiValue(raw: unknown, schema: SdkSchema): Value {
  const nested = nestedOf(schema);
  if (nested && schema.type !== "map") {
    if (isApiObject(raw)) return [fromApi(raw, nested)];
    if (Array.isArray(raw)) return raw.filter(isApiObject).map((element) => fromApi(element, nested));
    return [];
  }
  if (raw === undefined || raw === null) return zeroOf(schema);
  if (schema.type === "map" && isApiObject(raw)) {
    return Object.fromEntries(Object.entries(raw).map(([key, item]) => [key, typeof item === "string" ? item : JSON.stringify(item)]));
  }
  return raw as Value;
}

/**
 * The state the provider's flatten sets from an API object: its values, the zero value of a field the
 * API leaves out (data.Set of a Go getter), a nested object as a one-element list.
 */
export function fromApi(api: ApiObject, map: SdkSchemaMap, rename: { readonly [name: string]: string } = {}): ObjectValue {
  const result: Record<string, Value> = {};
  for (const [name, schema] of Object.entries(map)) result[name] = fromApiValue(api[rename[name] ?? name], schema);
  return result;
}

function isZero(value: Value): boolean {
  if (value === "" || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObjectValue(value) && Object.keys(value).length === 0;
}

/**
 * Null where the plan (on apply) or the prior state (on read) had null and flatten set a zero value,
 * for attributes Terraform cannot compute: the SDK's normalizeNullValues
 * (hashicorp/terraform-plugin-sdk@v2.40.1 helper/schema/grpc_provider.go) and its legacy diff treat
 * "" and null alike, and this keeps a plan right after an apply empty.
 */
export function normalizeNulls(value: ObjectValue, prior: ObjectValue | null, map: SdkSchemaMap): ObjectValue {
  const result: Record<string, Value> = { ...value };
  for (const [name, schema] of Object.entries(map)) {
    const item = value[name] ?? null;
    const before = prior ? (prior[name] ?? null) : null;
    const nested = nestedOf(schema);
    if (nested && schema.type !== "map" && Array.isArray(item)) {
      const priorItems = Array.isArray(before) ? (before as readonly Value[]) : [];
      result[name] = (item as readonly Value[]).map((element, index) =>
        isObjectValue(element) ? normalizeNulls(element, objectOrNull(priorItems[index]), nested) : element,
      );
    } else if (!schema.computed && before === null && item !== null && isZero(item)) {
      result[name] = null;
    }
  }
  return result;
}

function objectOrNull(value: Value | undefined): ObjectValue | null {
  return isObjectValue(value) ? value : null;
}

/**
 * SDKv2 keeps the state of an Optional+Computed block the configuration leaves out (a computed value,
 * not a removal); the generic plan would plan it away.
 */
export function keepComputedBlocks(planned: ObjectValue, config: ObjectValue, prior: ObjectValue | null, map: SdkSchemaMap): ObjectValue {
  if (!prior) return planned;
  const result: Record<string, Value> = { ...planned };
  for (const [name, schema] of Object.entries(map)) {
    if (!nestedOf(schema) || !schema.optional || !schema.computed) continue;
    const configured = config[name] ?? null;
    if ((configured === null || (Array.isArray(configured) && configured.length === 0)) && prior[name] !== undefined) {
      result[name] = prior[name] ?? null;
    }
  }
  return result;
}

/** Deep merge as the Management API applies a PATCH: objects merge, anything else replaces. */
export function mergeApi(target: ApiObject, patch: ApiObject): ApiObject {
  const result: ApiObject = { ...target };
  for (const [field, item] of Object.entries(patch)) {
    const current = result[field];
    result[field] = isApiObject(current) && isApiObject(item) ? mergeApi(current, item) : item;
  }
  return result;
}
