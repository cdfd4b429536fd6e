/**
 * What terraform-plugin-framework v1.14.1 and terraform-plugin-framework-validators v0.17.0 (the versions
 * random v3.7.2's go.mod pins) do around the resources' own code, in their words: the diagnostics of the
 * validators the schemas use, the conversion of a configured number into an Int64, the deprecation
 * warning, and planning a replacement as a create. Plain functions over values, no provider state.
 */
import type { Diagnostic } from "../../provider/behaviour";
import { isUnknown, UNKNOWN, type ObjectValue, type Value } from "../../provider/values";
import type { BlockSchema } from "../../schema/types";

/**
 * An Int64 attribute given a number that is not one: the framework fails to read the configuration
 * (types/basetypes/int64_type.go:142,148; internal/fwschemadata/data_value.go:83).
 */
export function int64ConversionProblems(config: ObjectValue, names: readonly string[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const name of names) {
    const value = config[name];
    if (typeof value !== "number") continue;
    let error: string | undefined;
    if (!Number.isInteger(value)) error = `Value ${value} is not an integer.`;
    else if (value >= 2 ** 63 || value < -(2 ** 63)) error = `Value ${value} cannot be represented as a 64-bit integer.`;
    if (error === undefined) continue;
    problems.push({
      severity: "error",
      summary: "Configuration Read Error",
      detail:
        "An unexpected error was encountered trying to convert an attribute value from the configuration. " +
        "This is always an error in the provider. Please report the following to the provider developer:\n\n" +
        `Error: ${error}`,
      attribute: [name],
    });
  }
  return problems;
}

/** A configured integer, or undefined when null, unknown or not an integer (reported by int64ConversionProblems). */
export function knownInteger(config: ObjectValue, name: string): number | undefined {
  const value = config[name];
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

/** int64validator.AtLeast (int64validator/at_least.go:37; helpers/validatordiag/diag.go:25). */
export function atLeast(config: ObjectValue, name: string, minimum: number): Diagnostic[] {
  const value = knownInteger(config, name);
  if (value === undefined || value >= minimum) return [];
  return [
    {
      severity: "error",
      summary: "Invalid Attribute Value",
      detail: `Attribute ${name} value must be at least ${minimum}, got: ${value}`,
      attribute: [name],
    },
  ];
}

/**
 * int64validator.AtLeastSumOf (int64validator/at_least_sum_of.go:44): null addends count as nothing,
 * an unknown one defers the check.
 */
export function atLeastSumOf(config: ObjectValue, name: string, addends: readonly string[]): Diagnostic[] {
  const value = knownInteger(config, name);
  if (value === undefined) return [];
  let sum = 0;
  for (const addend of addends) {
    const addendValue = config[addend] ?? null;
    if (isUnknown(addendValue)) return [];
    if (typeof addendValue === "number") sum += addendValue;
  }
  if (value >= sum) return [];
  return [
    {
      severity: "error",
      summary: "Invalid Attribute Value",
      detail: `Attribute ${name} value must be at least sum of ${addends.join(" + ")}, got: ${value}`,
      attribute: [name],
    },
  ];
}

/** The warning the framework adds for a configured attribute with a DeprecationMessage (internal/fwserver/attribute_validation.go:194). */
export function deprecationWarning(config: ObjectValue, name: string, message: string): Diagnostic[] {
  const value = config[name] ?? null;
  if (value === null || isUnknown(value)) return [];
  return [{ severity: "warning", summary: "Attribute Deprecated", detail: message, attribute: [name] }];
}

/**
 * The plan of a create: what Terraform asks for after a provider reports a replacement (it plans again
 * with a null prior state). Configured values, then the schema's defaults, then unknown for computed.
 */
export function plannedAsCreate(block: BlockSchema, config: ObjectValue): Record<string, Value> {
  const planned: Record<string, Value> = {};
  for (const [name, attribute] of Object.entries(block.attributes)) {
    const configured = config[name] ?? null;
    if (configured !== null) planned[name] = configured;
    else if (attribute.default !== undefined) planned[name] = attribute.default as Value;
    else planned[name] = attribute.computed ? UNKNOWN : null;
  }
  return planned;
}
