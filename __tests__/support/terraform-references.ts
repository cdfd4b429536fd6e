/**
 * Stands in for `terraform apply`: replaces `${type.name.attribute}` references in synthesized
 * values with what the test's Okta assigned. A reference nobody assigned throws, so a new
 * reference in the stack cannot slip through unresolved.
 */
export type References = ReadonlyMap<string, string>;

export function resolveReferences(text: string, references: References): string {
  return text.replace(/\$\{([^}]*)\}/g, (_match, reference: string) => {
    const value = references.get(reference);
    if (value === undefined)
      throw new Error(`unresolved Terraform reference \${${reference}}; known: ${[...references.keys()].join(", ")}`);
    return value;
  });
}

/** Resolves every string inside parsed JSON/YAML. */
export function resolveReferencesDeep<T>(value: T, references: References): T {
  if (typeof value === "string") return resolveReferences(value, references) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => resolveReferencesDeep(item, references)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveReferencesDeep(item, references)])) as T;
  }
  return value;
}
