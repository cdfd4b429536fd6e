/**
 * The random provider's own plan modifiers (internal/planmodifiers/ at v3.7.2), which replace a resource
 * only under a condition, and the number/numeric pairing. Each returns what the Go modifier decides.
 */
import { ProviderDiagnostic } from "../../provider/behaviour";
import { isObjectValue, isUnknown, valuesEqual, type ObjectValue, type Value } from "../../provider/values";

/**
 * RequiresReplaceIfValuesNotNull (internal/planmodifiers/map/mapplanmodifiers.go:18), for `keepers` of
 * random_id, random_password and random_string, called on updates only. Keys whose value is null do not
 * count, since terraform-plugin-sdk dropped them from state. An unknown map has no elements.
 */
export function keepersRequireReplace(configValue: Value, stateValue: Value): boolean {
  if (valuesEqual(configValue, stateValue)) return false;
  const configElements: ObjectValue = isObjectValue(configValue) ? configValue : {};
  if (stateValue === null) {
    // Replace only when a configured key has a non-null value (mapplanmodifiers.go:37-52).
    return Object.values(configElements).some((value) => value !== null);
  }
  const stateElements: ObjectValue = isObjectValue(stateValue) ? stateValue : {};
  for (const [key, value] of Object.entries(configElements)) {
    if (!(key in stateElements) && value === null) continue;
    if (key in stateElements && valuesEqual(value, stateElements[key] ?? null)) continue;
    return true;
  }
  // A key kept in state but gone from the configuration replaces (mapplanmodifiers.go:82-91).
  return Object.keys(stateElements).some((key) => !(key in configElements));
}

/**
 * RequiresReplaceIf with RequiresReplaceUnlessEmptyStringToNull (internal/planmodifiers/string/
 * stringplanmodifier.go:21), for `override_special`: the framework calls it only when the planned value
 * differs from the state's; going from "" to null does not replace (3.4.2 planned "" by mistake).
 */
export function overrideSpecialRequiresReplace(configValue: Value, stateValue: Value): boolean {
  if (valuesEqual(configValue, stateValue)) return false;
  if (isUnknown(configValue)) return false;
  if (configValue !== null || stateValue === null) return true;
  return stateValue !== "";
}

/**
 * NumberNumericAttributePlanModifier (internal/planmodifiers/bool/boolplanmodifiers.go:31): `number` and
 * `numeric` are planned from each other, true when both are null, and configuring them differently is a
 * plan-time error. Returns both planned values (a configured, possibly unknown, value stands).
 */
export function numberNumericPlan(config: ObjectValue): { number: Value; numeric: Value } {
  const number = config["number"] ?? null;
  const numeric = config["numeric"] ?? null;
  // ValueBool() of an unknown is false, so true beside an unknown counts as different (boolplanmodifiers.go:46).
  if (number !== null && numeric !== null && (number === true) !== (numeric === true)) {
    // AddError without a path, once: the framework drops the second, equal diagnostic of `numeric`.
    throw new ProviderDiagnostic(
      "Number and numeric are both configured with different values",
      "Number is deprecated, use numeric instead",
    );
  }
  if (number === null && numeric === null) return { number: true, numeric: true };
  if (number === null) return { number: numeric, numeric };
  if (numeric === null) return { number, numeric: number };
  return { number, numeric };
}
