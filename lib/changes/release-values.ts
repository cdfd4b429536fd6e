import { parse } from "yaml";
import { openMetadataRelease, type StackJson } from "./terraform-json";

/**
 * The OpenMetadata release's values, parsed. Apart from terraform-json.ts because it needs the yaml
 * package: what .github/ci/ci-plan.cjs bundles of lib/changes uses node built-ins only (help/ci.md).
 */

/** The release's values document, parsed; `${...}` references stay as text. */
export function releaseValues(json: StackJson | undefined): Record<string, unknown> | undefined {
  const values = openMetadataRelease(json)?.config["values"];
  const text = Array.isArray(values) ? values[0] : undefined;
  if (typeof text !== "string") return undefined;
  return (parse(text) ?? {}) as Record<string, unknown>;
}
