/**
 * terraform-plugin-sdk/v2's validation messages, word for word, for the validators the auth0 schemas
 * declare (hashicorp/terraform-plugin-sdk@v2.40.1 helper/validation/strings.go:83,149, int.go:43, and
 * helper/schema/schema.go validateConflictingAttributes, validateRequiredWithAttribute,
 * validateAtLeastOneAttribute). A ValidateFunc error becomes a diagnostic whose summary is the error
 * (schema.go:621-636); the key is the SDK's flatmap key ("refresh_token.0.rotation_type").
 */
import type { Diagnostic } from "../../provider/behaviour";
import { isObjectValue, isUnknown, type ObjectValue, type Value } from "../../provider/values";

export type Path = readonly (string | number)[];

/** The value at a path of a configuration; undefined where it is absent, null or unknown. */
export function valueAt(config: ObjectValue, path: Path): Value | undefined {
  let current: Value | undefined = config;
  for (const step of path) {
    if (typeof step === "number") current = Array.isArray(current) ? (current as readonly Value[])[step] : undefined;
    else current = isObjectValue(current) ? current[step] : undefined;
    if (current === undefined || current === null || isUnknown(current)) return undefined;
  }
  return current;
}

/** Set in the SDK's sense: present, and for a block at least one item (an unknown value counts as set, as the SDK defers it). */
export function isSet(config: ObjectValue, name: string): boolean {
  const value = config[name];
  if (value === undefined || value === null) return false;
  return !Array.isArray(value) || value.length > 0;
}

const flatKey = (path: Path) => path.join(".");

/** Go's %q of a []string: ["a" "b"]. */
function goQuotedList(values: readonly string[]): string {
  return `[${values.map((value) => JSON.stringify(value)).join(" ")}]`;
}

export function stringInSlice(config: ObjectValue, path: Path, valid: readonly string[]): Diagnostic[] {
  const value = valueAt(config, path);
  if (typeof value !== "string" || valid.includes(value)) return [];
  return [{ severity: "error", summary: `expected ${flatKey(path)} to be one of ${goQuotedList(valid)}, got ${value}`, attribute: path }];
}

export function stringLenBetween(config: ObjectValue, path: Path, min: number, max: number): Diagnostic[] {
  const value = valueAt(config, path);
  if (typeof value !== "string" || (value.length >= min && value.length <= max)) return [];
  return [
    {
      severity: "error",
      summary: `expected length of ${flatKey(path)} to be in the range (${min} - ${max}), got ${value}`,
      attribute: path,
    },
  ];
}

export function intAtLeast(config: ObjectValue, path: Path, min: number): Diagnostic[] {
  const value = valueAt(config, path);
  if (typeof value !== "number" || value >= min) return [];
  return [{ severity: "error", summary: `expected ${flatKey(path)} to be at least (${min}), got ${value}`, attribute: path }];
}

export function conflictsWith(config: ObjectValue, name: string, others: readonly string[]): Diagnostic[] {
  if (!isSet(config, name) || isUnknown(config[name])) return [];
  const other = others.find((candidate) => isSet(config, candidate) && !isUnknown(config[candidate]));
  if (other === undefined) return [];
  return [
    { severity: "error", summary: "Conflicting configuration arguments", detail: `"${name}": conflicts with ${other}`, attribute: [name] },
  ];
}

export function requiredWith(config: ObjectValue, name: string, others: readonly string[]): Diagnostic[] {
  if (!isSet(config, name)) return [];
  const keys = [...new Set([...others, name])].sort();
  if (keys.every((key) => isSet(config, key))) return [];
  return [
    {
      severity: "error",
      summary: "Missing required argument",
      detail: `"${name}": all of \`${keys.join(",")}\` must be specified`,
      attribute: [name],
    },
  ];
}

export function atLeastOneOf(config: ObjectValue, name: string, keys: readonly string[]): Diagnostic[] {
  const all = [...new Set([...keys, name])].sort();
  if (all.some((key) => isSet(config, key))) return [];
  return [
    {
      severity: "error",
      summary: "Missing required argument",
      detail: `"${name}": one of \`${all.join(",")}\` must be specified`,
      attribute: [name],
    },
  ];
}
