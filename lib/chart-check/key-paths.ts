import type { Chart } from "./chart";
import { namesProperties, propertySchema, type JsonSchema } from "./schema";
import { isMap, type PathSegment, type Values } from "./values";

export interface KeyPaths {
  /** Set by the stack, known to neither values.yaml nor the schema: the chart has no such setting. */
  readonly unknown: readonly { readonly path: PathSegment[]; readonly value: unknown }[];
  /** Allowed by the schema but absent from values.yaml: a template may never read it, and Helm ignores unread keys silently. */
  readonly schemaOnly: readonly PathSegment[][];
}

/**
 * Compares each map key the stack sets with the chart's values.yaml and schema. Where neither
 * names any key (`podAnnotations: {}`, lists, a schema object without properties) the map is free-form
 * and its keys are not checked. Only the topmost unknown or schema-only key of a subtree is reported.
 */
export function checkKeyPaths(stackValues: Values, chart: Pick<Chart, "defaults" | "schema">): KeyPaths {
  const unknown: { path: PathSegment[]; value: unknown }[] = [];
  const schemaOnly: PathSegment[][] = [];
  const walk = (values: Values, defaults: unknown, schema: JsonSchema | undefined, path: PathSegment[]) => {
    const defaultsNameKeys = isMap(defaults) && Object.keys(defaults).length > 0;
    if (!defaultsNameKeys && !(schema && namesProperties(schema, chart.schema))) return;
    for (const [key, value] of Object.entries(values)) {
      const keyPath = [...path, key];
      const inDefaults = isMap(defaults) && Object.hasOwn(defaults, key);
      const keySchema = schema && propertySchema(schema, key, chart.schema);
      if (!inDefaults && !keySchema) {
        unknown.push({ path: keyPath, value });
        continue;
      }
      // Only where values.yaml lists this map's keys: a map shipped empty (`securityContext: {}`) is usually rendered whole.
      if (!inDefaults && defaultsNameKeys) schemaOnly.push(keyPath);
      if (isMap(value)) walk(value, isMap(defaults) ? defaults[key] : undefined, keySchema, keyPath);
    }
  };
  walk(stackValues, chart.defaults, chart.schema, []);
  return { unknown, schemaOnly };
}
