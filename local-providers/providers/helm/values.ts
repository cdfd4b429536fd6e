/**
 * A release's values as hashicorp/terraform-provider-helm@v3.1.1 builds them (helm/resource_helm_release.go
 * 1434-1659 getValues: the `values` documents merged with mergeMaps (:722-739), then `set`, `set_list` and
 * `set_sensitive` through strvals), as Helm coalesces them with the chart's defaults (helm/helm@v3.18.4
 * pkg/chartutil/coalesce.go), and as the provider stores them in `metadata.values` (:1690-1705: sensitive
 * names cloaked by cloakSetValue :707-720, then Go's json.Marshal).
 */
import { parse } from "yaml";
import { ProviderDiagnostic } from "../../provider/behaviour";
import { isObjectValue, type ObjectValue, type Value } from "../../provider/values";
import { parseInto, type StrvalsValue } from "./strvals";

export type Values = { [key: string]: unknown };

const isMap = (value: unknown): value is Values => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * YAML as sigs.k8s.io/yaml v1.4.0 reads it: YAML 1.1 (yes/no/on/off are booleans, 0777 is octal), merge
 * keys, and timestamps and sexagesimals left as strings, as its go-yaml v2 does when decoding into interface{}.
 */
export function parseGoYaml(text: string): unknown {
  return parse(text, {
    version: "1.1",
    merge: true,
    customTags: (tags) =>
      tags.filter((tag) => {
        if (typeof tag === "string") return tag !== "timestamp" && tag !== "intTime" && tag !== "floatTime";
        return tag.tag !== "tag:yaml.org,2002:timestamp" && (tag as { format?: string }).format !== "TIME";
      }),
  });
}

/** :722-739 mergeMaps: maps merge key by key, anything else replaces. */
export function mergeMaps(base: Values, override: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isMap(value) && isMap(current) ? mergeMaps(current, value) : value;
  }
  return out;
}

function goTypeName(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  return "object";
}

/** :1455-1459: one `values` document; a document that is not a map fails as sigs.k8s.io/yaml reports it. */
function valuesDocument(text: string): Values {
  let document: unknown;
  try {
    document = parseGoYaml(text);
  } catch (error) {
    // The provider appends the whole document (`---> %v %s`); it is left out here, as it may hold a secret.
    const first = (error as Error).message.split("\n")[0];
    throw new ProviderDiagnostic("Error unmarshaling values", `---> error converting YAML to JSON: yaml: ${first}`);
  }
  if (document === null || document === undefined) return {};
  if (!isMap(document)) {
    throw new ProviderDiagnostic(
      "Error unmarshaling values",
      `---> error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goTypeName(document)} into Go value of type map[string]interface {}`,
    );
  }
  return document;
}

interface SetEntry {
  readonly name: string;
  readonly value: string;
  readonly type: string;
}

function setEntries(value: Value | undefined): SetEntry[] {
  if (!Array.isArray(value)) return [];
  return (value as Value[]).filter(isObjectValue).map((entry) => ({
    name: typeof entry["name"] === "string" ? entry["name"] : "",
    value: typeof entry["value"] === "string" ? entry["value"] : "",
    type: typeof entry["type"] === "string" ? entry["type"] : "",
  }));
}

/** :1540-1575 getValue. For set_sensitive the value is never put in a message (the provider prints it). */
function applySet(base: Values, entry: SetEntry, sensitive: boolean): void {
  const shown = sensitive ? "(sensitive value)" : entry.value;
  const destination = base as { [key: string]: StrvalsValue };
  switch (entry.type) {
    case "auto":
    case "":
      try {
        parseInto(`${entry.name}=${entry.value}`, destination);
      } catch (error) {
        throw new ProviderDiagnostic(
          "Failed parsing value",
          `Failed parsing key "${entry.name}" with value ${shown}: ${(error as Error).message}`,
        );
      }
      return;
    case "string":
      try {
        parseInto(`${entry.name}=${entry.value}`, destination, true);
      } catch (error) {
        throw new ProviderDiagnostic(
          "Failed parsing string value",
          `Failed parsing key "${entry.name}" with value ${shown}: ${(error as Error).message}`,
        );
      }
      return;
    case "literal": {
      // :1558-1569: `<name>: <value>` as YAML, stored under the whole name (dots and all).
      let literal: unknown;
      try {
        literal = parseGoYaml(`${entry.name}: ${entry.value}`);
      } catch (error) {
        throw new ProviderDiagnostic(
          "Failed parsing literal value",
          `Key "${entry.name}" with literal value ${shown}: ${(error as Error).message.split("\n")[0]}`,
        );
      }
      base[entry.name] = isMap(literal) ? literal[entry.name] : literal;
      return;
    }
    default:
      throw new ProviderDiagnostic("Unexpected type", `Unexpected type: ${entry.type}`);
  }
}

/** The release's user values (`r.Config`): documents, then set, set_list, set_sensitive (getValues). */
export function releaseValues(model: ObjectValue): Values {
  let base: Values = {};
  for (const document of Array.isArray(model["values"]) ? (model["values"] as Value[]) : []) {
    if (typeof document !== "string" || document === "") continue;
    base = mergeMaps(base, valuesDocument(document));
  }
  for (const entry of setEntries(model["set"])) applySet(base, entry, false);
  // :1628-1659 getListValue: the list joined with "," into `name={a,b}`.
  for (const entry of Array.isArray(model["set_list"]) ? (model["set_list"] as Value[]).filter(isObjectValue) : []) {
    const name = typeof entry["name"] === "string" ? entry["name"] : "";
    if (!Array.isArray(entry["value"])) throw new ProviderDiagnostic("Null List Value", "The list value is null.");
    const joined = (entry["value"] as Value[]).filter((item): item is string => typeof item === "string").join(",");
    try {
      parseInto(`${name}={${joined}}`, base as { [key: string]: StrvalsValue });
    } catch (error) {
      throw new ProviderDiagnostic(
        "Error parsing list value",
        `Failed parsing key "${name}" with value ${joined}: ${(error as Error).message}`,
      );
    }
  }
  for (const entry of setEntries(model["set_sensitive"])) applySet(base, entry, true);
  return base;
}

/** The write-only `set_wo` entries (:1410-1432 getWriteOnlyValues), merged over the others with mergeMaps. */
export function writeOnlyValues(config: ObjectValue): Values {
  const base: Values = {};
  for (const entry of setEntries(config["set_wo"])) applySet(base, entry, true);
  return base;
}

/** The names `set_sensitive` declares, for cloaking. */
export function sensitiveNames(model: ObjectValue): string[] {
  return setEntries(model["set_sensitive"]).map((entry) => entry.name);
}

function clone(values: unknown): unknown {
  if (Array.isArray(values)) return values.map(clone);
  if (isMap(values)) return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, clone(value)]));
  return values;
}

/**
 * :707-720 cloakSetValue: the name split on every "." (an escaped dot too, hashicorp/terraform-provider-helm#1788),
 * the parents walked as maps, the last key replaced by "(sensitive value)"; a walk that finds no map stops.
 */
export function cloakedValues(values: Values, names: readonly string[]): Values {
  const result = clone(values) as Values;
  for (const name of names) {
    const keys = name.split(".");
    const last = keys.pop()!;
    let current: Values = result;
    let found = true;
    for (const key of keys) {
      const next = current[key];
      if (!isMap(next)) {
        found = false;
        break;
      }
      current = next;
    }
    if (found) current[last] = "(sensitive value)";
  }
  return result;
}

/** Go's encoding/json Marshal: map keys sorted, <, > and & escaped as \u003c, \u003e, \u0026 (HTML-safe), U+2028/9 escaped. */
export function goJson(value: unknown): string {
  const sorted = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sorted);
    if (isMap(item))
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, sorted(item[key])]),
      );
    return item;
  };
  return JSON.stringify(sorted(value) ?? null)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * helm/helm@v3.18.4 pkg/chartutil/coalesce.go CoalesceValues for a chart without subcharts: the chart's
 * defaults fill what the release leaves out, maps merge, and a release value of null deletes the key.
 */
export function coalesceValues(defaults: Values, values: Values): Values {
  const result = clone(values) as Values;
  coalesceInto(result, defaults);
  return result;
}

function coalesceInto(destination: Values, source: Values): void {
  for (const [key, sourceValue] of Object.entries(source)) {
    if (!(key in destination)) {
      destination[key] = clone(sourceValue);
      continue;
    }
    const value = destination[key];
    if (value === null) delete destination[key];
    else if (isMap(value) && isMap(sourceValue)) coalesceInto(value, sourceValue);
  }
}
