/**
 * Terraform values as the local providers see them: plain JSON-like data, plus one marker for a value
 * Terraform does not know yet (msgpack extension 0 or 12 on the wire; go-cty msgpack/unknown.go:26,32).
 * Lists and sets are arrays, maps and objects are plain objects, null is null.
 */

export class UnknownValue {
  toJSON(): string {
    return "(known after apply)";
  }
}

/** The one unknown marker: compare with `isUnknown`, never by shape. */
export const UNKNOWN: UnknownValue = new UnknownValue();

export type Value = null | string | number | boolean | UnknownValue | readonly Value[] | { readonly [name: string]: Value };

export type ObjectValue = { readonly [name: string]: Value };

export function isUnknown(value: unknown): value is UnknownValue {
  return value instanceof UnknownValue;
}

export function isObjectValue(value: unknown): value is ObjectValue {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isUnknown(value);
}

/** True when the value, or anything inside it, is unknown. */
export function containsUnknown(value: Value): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some((item: Value) => containsUnknown(item));
  if (isObjectValue(value)) return Object.values(value).some((item) => containsUnknown(item));
  return false;
}

/** Structural equality; an unknown equals only an unknown. */
export function valuesEqual(left: Value, right: Value): boolean {
  if (isUnknown(left) || isUnknown(right)) return isUnknown(left) && isUnknown(right);
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item: Value, index: number) => valuesEqual(item, (right as readonly Value[])[index] ?? null));
  }
  if (isObjectValue(left) || isObjectValue(right)) {
    if (!isObjectValue(left) || !isObjectValue(right)) return false;
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => valuesEqual(left[key] ?? null, right[key] ?? null));
  }
  return left === right;
}

/** Reads a string attribute of a known object, or undefined when it is null, unknown or not a string. */
export function stringAt(object: ObjectValue, name: string): string | undefined {
  const value = object[name];
  return typeof value === "string" ? value : undefined;
}

export function numberAt(object: ObjectValue, name: string): number | undefined {
  const value = object[name];
  return typeof value === "number" ? value : undefined;
}

export function boolAt(object: ObjectValue, name: string): boolean | undefined {
  const value = object[name];
  return typeof value === "boolean" ? value : undefined;
}

export function listAt(object: ObjectValue, name: string): readonly Value[] {
  const value = object[name];
  return Array.isArray(value) ? (value as readonly Value[]) : [];
}

export function stringListAt(object: ObjectValue, name: string): string[] {
  return listAt(object, name).filter((item): item is string => typeof item === "string");
}

export function objectAt(object: ObjectValue, name: string): ObjectValue | undefined {
  const value = object[name];
  return isObjectValue(value) ? value : undefined;
}

/** The first element of a single-item nested block (SDKv2 lists with MaxItems 1). */
export function firstBlock(object: ObjectValue, name: string): ObjectValue | undefined {
  const first = listAt(object, name)[0];
  return isObjectValue(first) ? first : objectAt(object, name);
}
