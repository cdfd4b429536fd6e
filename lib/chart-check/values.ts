/** A Helm values map, as parsed from YAML. */
export type Values = { [key: string]: unknown };

export function isMap(value: unknown): value is Values {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Helm's coalescing of values files: later maps merge into earlier ones key by key, any other value
 * (lists included) replaces, and `null` deletes the key so the chart's default no longer applies.
 */
export function mergeValues(base: Values, ...overrides: readonly Values[]): Values {
  return overrides.reduce<Values>((merged, override) => mergeInto(merged, override), base);
}

function mergeInto(base: Values, override: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    if (value === null) delete merged[key];
    else merged[key] = isMap(value) && isMap(current) ? mergeInto(current, value) : value;
  }
  return merged;
}

/** A path segment: a map key or a list index. */
export type PathSegment = string | number;

/** `openmetadata.config.authentication.provider`, `extraVolumes[0].name`, `podAnnotations["example.com/a"]`. */
export function formatValuesPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === "number") return `${text}[${segment}]`;
    if (!/^[A-Za-z_][\w-]*$/.test(segment)) return `${text}[${JSON.stringify(segment)}]`;
    return text ? `${text}.${segment}` : segment;
  }, "");
}
