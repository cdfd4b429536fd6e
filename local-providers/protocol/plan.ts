/**
 * The plan every real provider makes before its own rules: the configuration, the schema's defaults,
 * computed values kept from the prior state or unknown until apply, and replacement where an attribute
 * that forces a new resource changes (terraform-plugin-sdk/v2 helper/schema: ForceNew; plugin-framework:
 * RequiresReplace). Values the configuration leaves unknown stay unknown.
 */
import type { AttributeSchema, BlockSchema, NestedAttributeType, NestedBlockSchema } from "../schema/types";
import { isObjectValue, isUnknown, UNKNOWN, valuesEqual, type ObjectValue, type Value } from "../provider/values";

export type AttributePath = readonly (string | number)[];

export interface GenericPlan {
  readonly planned: ObjectValue;
  readonly requiresReplace: AttributePath[];
}

/** Plans a resource: `prior` is null on create. A replacement is planned as a create, with the replace paths. */
export function planResource(block: BlockSchema, config: ObjectValue, prior: ObjectValue | null): GenericPlan {
  const asUpdate = planBlock(block, config, prior);
  if (prior === null) return { planned: asUpdate, requiresReplace: [] };
  const requiresReplace = forcedPaths(block, asUpdate, prior, []);
  if (requiresReplace.length === 0) return { planned: asUpdate, requiresReplace };
  return { planned: planBlock(block, config, null), requiresReplace };
}

function planBlock(block: BlockSchema, config: ObjectValue, prior: ObjectValue | null): ObjectValue {
  const planned: Record<string, Value> = {};
  for (const [name, attribute] of Object.entries(block.attributes)) {
    planned[name] = planAttribute(attribute, config[name] ?? null, prior ? (prior[name] ?? null) : null, prior !== null);
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    planned[name] = planNestedBlock(nested, config[name] ?? null, prior ? (prior[name] ?? null) : null);
  }
  return planned;
}

function planAttribute(attribute: AttributeSchema, config: Value, prior: Value, hasPrior: boolean): Value {
  // Terraform keeps a write-only value in neither plan nor state (terraform v1.11.4 internal/plans/objchange).
  if (attribute.writeOnly) return null;
  if (config === null) {
    if (attribute.default !== undefined) return attribute.default as Value;
    if (attribute.computed) return hasPrior ? prior : UNKNOWN;
    return null;
  }
  if (attribute.nestedType && !isUnknown(config)) return planNestedAttribute(attribute.nestedType, config, prior);
  return config;
}

function planNestedAttribute(nested: NestedAttributeType, config: Value, prior: Value): Value {
  const block: BlockSchema = { attributes: nested.attributes };
  const planObject = (item: Value, priorItem: Value): Value =>
    isObjectValue(item) ? planBlock(block, item, isObjectValue(priorItem) ? priorItem : null) : item;
  if (nested.nesting === "single") return planObject(config, prior);
  if (nested.nesting === "map" && isObjectValue(config)) {
    const priorMap = isObjectValue(prior) ? prior : {};
    return Object.fromEntries(Object.entries(config).map(([key, item]) => [key, planObject(item, priorMap[key] ?? null)]));
  }
  if (Array.isArray(config)) {
    const priorItems = Array.isArray(prior) ? (prior as readonly Value[]) : [];
    return config.map((item: Value, index: number) =>
      planObject(item, matchingPrior(block, item, priorItems, index, nested.nesting === "set")),
    );
  }
  return config;
}

function planNestedBlock(nested: NestedBlockSchema, config: Value, prior: Value): Value {
  if (isUnknown(config)) return config;
  if (nested.nesting === "single" || nested.nesting === "group") {
    if (!isObjectValue(config)) return nested.nesting === "group" ? planBlock(nested.block, {}, isObjectValue(prior) ? prior : null) : null;
    return planBlock(nested.block, config, isObjectValue(prior) ? prior : null);
  }
  if (nested.nesting === "map") {
    const priorMap = isObjectValue(prior) ? prior : {};
    if (!isObjectValue(config)) return {};
    return Object.fromEntries(
      Object.entries(config).map(([key, item]) => [
        key,
        isObjectValue(item) ? planBlock(nested.block, item, objectOrNull(priorMap[key])) : item,
      ]),
    );
  }
  if (!Array.isArray(config)) return [];
  const priorItems = Array.isArray(prior) ? (prior as readonly Value[]) : [];
  return config.map((item: Value, index: number) =>
    isObjectValue(item)
      ? planBlock(nested.block, item, objectOrNull(matchingPrior(nested.block, item, priorItems, index, nested.nesting === "set")))
      : item,
  );
}

function objectOrNull(value: Value | undefined): ObjectValue | null {
  return isObjectValue(value) ? value : null;
}

/**
 * The prior element a configured element continues: the same index in a list; in a set (no order), the
 * prior element whose configurable attributes are equal.
 */
function matchingPrior(block: BlockSchema, item: Value, priorItems: readonly Value[], index: number, isSet: boolean): Value {
  if (!isSet) return priorItems[index] ?? null;
  if (!isObjectValue(item)) return null;
  return (
    priorItems.find(
      // An attribute the configuration leaves to a default or to the provider is not part of the element's identity.
      (candidate) =>
        isObjectValue(candidate) &&
        Object.entries(block.attributes).every(
          ([name, attribute]) =>
            ((attribute.computed || attribute.default !== undefined) && (item[name] ?? null) === null) ||
            valuesEqual(item[name] ?? null, candidate[name] ?? null),
        ),
    ) ?? null
  );
}

/** Paths of attributes and blocks marked forceNew whose planned value differs from the prior one. */
function forcedPaths(block: BlockSchema, planned: ObjectValue, prior: ObjectValue, path: AttributePath): AttributePath[] {
  const paths: AttributePath[] = [];
  for (const [name, attribute] of Object.entries(block.attributes)) {
    if (attribute.forceNew && !valuesEqual(planned[name] ?? null, prior[name] ?? null)) paths.push([...path, name]);
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const plannedValue = planned[name] ?? null;
    const priorValue = prior[name] ?? null;
    if (nested.forceNew) {
      if (!valuesEqual(plannedValue, priorValue)) paths.push([...path, name]);
      continue;
    }
    if (nested.nesting === "single" || nested.nesting === "group") {
      if (isObjectValue(plannedValue) && isObjectValue(priorValue))
        paths.push(...forcedPaths(nested.block, plannedValue, priorValue, [...path, name]));
    } else if (nested.nesting === "list" && Array.isArray(plannedValue) && Array.isArray(priorValue)) {
      (plannedValue as readonly Value[]).forEach((item, index) => {
        const priorItem = (priorValue as readonly Value[])[index];
        if (isObjectValue(item) && isObjectValue(priorItem))
          paths.push(...forcedPaths(nested.block, item, priorItem, [...path, name, index]));
        else if (isObjectValue(item) && hasForceNew(nested.block)) paths.push([...path, name, index]);
      });
    } else if (nested.nesting === "set" && !valuesEqual(plannedValue, priorValue) && hasForceNew(nested.block)) {
      paths.push([...path, name]);
    }
  }
  return paths;
}

function hasForceNew(block: BlockSchema): boolean {
  return (
    Object.values(block.attributes).some((attribute) => attribute.forceNew) ||
    Object.values(block.blocks ?? {}).some((nested) => nested.forceNew || hasForceNew(nested.block))
  );
}

/** Paths of computed-only attributes the configuration sets (the server refuses them at validate). */
export function computedOnlyPathsSet(block: BlockSchema, config: ObjectValue, path: AttributePath = []): AttributePath[] {
  const paths: AttributePath[] = [];
  for (const [name, attribute] of Object.entries(block.attributes)) {
    if (attribute.computed && !attribute.optional && !attribute.required && (config[name] ?? null) !== null) paths.push([...path, name]);
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const value = config[name] ?? null;
    if (isObjectValue(value)) paths.push(...computedOnlyPathsSet(nested.block, value, [...path, name]));
    else if (Array.isArray(value)) {
      (value as readonly Value[]).forEach((item, index) => {
        if (isObjectValue(item)) paths.push(...computedOnlyPathsSet(nested.block, item, [...path, name, index]));
      });
    }
  }
  return paths;
}

/** True when the value holds an unknown anywhere: an applied state never may. */
export function findUnknownPath(value: Value, path: AttributePath = []): AttributePath | undefined {
  if (isUnknown(value)) return path;
  if (Array.isArray(value)) {
    for (const [index, item] of (value as readonly Value[]).entries()) {
      const found = findUnknownPath(item, [...path, index]);
      if (found) return found;
    }
  } else if (isObjectValue(value)) {
    for (const [name, item] of Object.entries(value)) {
      const found = findUnknownPath(item, [...path, name]);
      if (found) return found;
    }
  }
  return undefined;
}
