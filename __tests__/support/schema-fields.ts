import type { GenericSchema } from "valibot";

/** The parts of a valibot schema that hold other schemas (a pipe keeps its first schema's parts). */
interface SchemaParts {
  readonly type: string;
  readonly wrapped?: GenericSchema;
  readonly entries?: Record<string, GenericSchema>;
  readonly item?: GenericSchema;
  readonly options?: readonly GenericSchema[];
}

/** Every field path of a schema, list items included (`okta.access.groups`), union members merged. */
export function fieldPaths(schema: GenericSchema, prefix = ""): string[] {
  const parts = schema as unknown as SchemaParts;
  switch (parts.type) {
    case "optional":
      return fieldPaths(parts.wrapped!, prefix);
    // strictRecord (lib/config/schema-helpers.ts) is an object with a `never` rest.
    case "object_with_rest":
    case "strict_object":
    case "object":
      return Object.entries(parts.entries!).flatMap(([key, field]) => [`${prefix}${key}`, ...fieldPaths(field, `${prefix}${key}.`)]);
    case "array":
      return fieldPaths(parts.item!, prefix);
    case "variant":
      return [...new Set(parts.options!.flatMap((option) => fieldPaths(option, prefix)))];
    default:
      return [];
  }
}
