import type { z } from "zod";

/** Every field path of a schema, list items included (`okta.access.groups`), union members merged. */
export function fieldPaths(schema: z.core.$ZodType, prefix = ""): string[] {
  const def = schema._zod.def as {
    type: string;
    innerType?: z.core.$ZodType;
    shape?: Record<string, z.core.$ZodType>;
    element?: z.core.$ZodType;
    options?: z.core.$ZodType[];
  };
  switch (def.type) {
    case "optional":
      return fieldPaths(def.innerType!, prefix);
    case "object":
      return Object.entries(def.shape!).flatMap(([key, field]) => [`${prefix}${key}`, ...fieldPaths(field, `${prefix}${key}.`)]);
    case "array":
      return fieldPaths(def.element!, prefix);
    case "union":
      return [...new Set(def.options!.flatMap((option) => fieldPaths(option, prefix)))];
    default:
      return [];
  }
}
