/**
 * kubernetes_config_map_v1: hashicorp/terraform-provider-kubernetes@v2.38.0
 * kubernetes/resource_kubernetes_config_map_v1.go, against the API's ValidateConfigMap
 * (kubernetes/kubernetes pkg/apis/core/validation: NameIsDNSSubdomain, IsConfigMapKey per key in data and
 * binaryData, "duplicate of key present in binaryData").
 */
import { ProviderDiagnostic, type Diagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import { isObjectValue, valuesEqual, type ObjectValue, type Value } from "../../provider/values";
import { COLLECTIONS, namespacedId, nextResourceVersion, type ObjectMeta } from "./cluster";
import { expandMetadata, flattenMetadata, objectMetaErrors, patchedMetadata, validateMetadata } from "./metadata";
import { admitCreate, createRequest, deleteObject, immutableDataPlan, locate, readObject, type NamespacedKind } from "./namespaced";
import {
  CorruptBase64Error,
  decodeGoBase64,
  forbidden,
  goQuote,
  invalid,
  invalidObjectMessage,
  isConfigMapKey,
  nameIsDnsSubdomain,
  type FieldError,
} from "./validation";

export type StoredConfigMap = {
  apiVersion: "v1";
  kind: "ConfigMap";
  metadata: ObjectMeta;
  data?: Record<string, string>;
  /** base64, as the API serves it. */
  binaryData?: Record<string, string>;
  immutable?: boolean;
};

function stringMap(value: Value | undefined): Record<string, string> {
  return isObjectValue(value)
    ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    : {};
}

/** structures.go:94 expandBase64MapToByteMap: values that do not decode are dropped, not refused. */
function decodedBinary(value: Value | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, text] of Object.entries(stringMap(value))) {
    try {
      result[key] = decodeGoBase64(text).toString("base64");
    } catch (error) {
      if (!(error instanceof CorruptBase64Error)) throw error;
    }
  }
  return result;
}

function validationErrors(
  meta: ReturnType<typeof expandMetadata>,
  data: Record<string, string>,
  binary: Record<string, string>,
): FieldError[] {
  const errors = objectMetaErrors(meta, nameIsDnsSubdomain);
  for (const key of Object.keys(data).sort()) {
    for (const message of isConfigMapKey(key)) errors.push(invalid(`data[${key}]`, key, message));
    if (key in binary) errors.push(invalid(`data[${key}]`, key, "duplicate of key present in binaryData"));
  }
  for (const key of Object.keys(binary).sort()) {
    for (const message of isConfigMapKey(key)) errors.push(invalid(`binaryData[${key}]`, key, message));
  }
  return errors;
}

/** An empty map reads back the way it was configured: SDKv2 keeps a null optional map null. */
function mapState(values: Record<string, string> | undefined, previous: Value | undefined): Value {
  if (values && Object.keys(values).length > 0) return values;
  return isObjectValue(previous) ? {} : null;
}

function state(configMap: StoredConfigMap, previous: ObjectValue, context: ProviderContext): ObjectValue {
  return {
    id: namespacedId(configMap.metadata.namespace!, configMap.metadata.name),
    metadata: flattenMetadata(configMap.metadata, previous, context, true),
    // :131-133: binary data re-encoded, data as stored, immutable as stored (the create always sends it).
    binary_data: mapState(configMap.binaryData, previous["binary_data"]),
    data: mapState(configMap.data, previous["data"]),
    immutable: configMap.immutable ?? null,
  };
}

const CONFIG_MAPS: NamespacedKind<StoredConfigMap> = {
  api: "/api/v1",
  collection: COLLECTIONS.configmaps,
  kind: "ConfigMap",
  resource: "configmaps",
};

export const configMapV1: ResourceBehaviour = {
  validate(config) {
    const diagnostics: Diagnostic[] = validateMetadata(config, true);
    // :60 validateBase64EncodedMap (validators.go:49-64): `<key> ("<value>") <key>: must be a base64-encoded string`.
    const binary = config["binary_data"];
    if (isObjectValue(binary)) {
      for (const [key, value] of Object.entries(binary).sort(([left], [right]) => left.localeCompare(right))) {
        if (typeof value !== "string") continue;
        try {
          decodeGoBase64(value);
        } catch {
          diagnostics.push({
            severity: "error",
            summary: `${key} (${goQuote(value)}) ${key}: must be a base64-encoded string`,
            attribute: ["binary_data"],
          });
        }
      }
    }
    return diagnostics;
  },

  plan({ planned, prior, config }) {
    let result = planned;
    // SDKv2 reads a null bool as false, so a stored `immutable = false` (the create always sends it, :87)
    // is no change when the configuration leaves it out.
    if (prior && (config["immutable"] ?? null) === null && prior["immutable"] === false) result = { ...planned, immutable: false };
    // :30-52 CustomizeDiff: once immutable, a change to data, binary_data or immutable replaces the ConfigMap.
    return immutableDataPlan(result, prior);
  },

  create(planned, context) {
    const { input, namespace, tenant } = createRequest(CONFIG_MAPS, planned, context);
    const data = stringMap(planned["data"]);
    const binary = decodedBinary(planned["binary_data"]);
    const metadata = admitCreate(CONFIG_MAPS, tenant, input, validationErrors(input, data, binary));
    const configMap: StoredConfigMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata,
      ...(Object.keys(data).length > 0 ? { data } : {}),
      ...(Object.keys(binary).length > 0 ? { binaryData: binary } : {}),
      immutable: planned["immutable"] === true,
    };
    tenant.put(COLLECTIONS.configmaps, namespacedId(namespace, metadata.name), configMap);
    return state(configMap, planned, context);
  },

  read: (current, context) => readObject(CONFIG_MAPS, current, context, state),

  update(planned, prior, context) {
    const { tenant, namespace, name, current } = locate(CONFIG_MAPS, context, "PATCH", prior["id"]);
    if (!current) throw new ProviderDiagnostic(`Failed to update Config Map: configmaps ${goQuote(name)} not found`);
    const metadata = patchedMetadata(current.metadata, expandMetadata(prior, true), expandMetadata(planned, true));
    // :160-170: per-key JSON patches from the prior maps to the planned ones.
    const patch = (base: Record<string, string> | undefined, before: Record<string, string>, after: Record<string, string>) => {
      const result = { ...base };
      for (const key of Object.keys(before)) if (!(key in after)) delete result[key];
      return Object.assign(result, after);
    };
    const data = patch(current.data, stringMap(prior["data"]), stringMap(planned["data"]));
    const binaryData = patch(current.binaryData, decodedBinary(prior["binary_data"]), decodedBinary(planned["binary_data"]));
    const changed = !valuesEqual(data, current.data ?? {}) || !valuesEqual(binaryData, current.binaryData ?? {});
    if (current.immutable && changed) {
      throw new ProviderDiagnostic(
        `Failed to update Config Map: ${invalidObjectMessage("ConfigMap", name, [forbidden("data", "field is immutable when `immutable` is set")])}`,
      );
    }
    const errors = validationErrors({ ...expandMetadata(planned, true), name }, data, binaryData);
    if (errors.length > 0) throw new ProviderDiagnostic(`Failed to update Config Map: ${invalidObjectMessage("ConfigMap", name, errors)}`);
    const configMap: StoredConfigMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { ...metadata, resourceVersion: nextResourceVersion(tenant) },
      ...(Object.keys(data).length > 0 ? { data } : {}),
      ...(Object.keys(binaryData).length > 0 ? { binaryData } : {}),
      immutable: planned["immutable"] === true || current.immutable === true,
    };
    tenant.put(COLLECTIONS.configmaps, namespacedId(namespace, name), configMap);
    return state(configMap, planned, context);
  },

  delete: (prior, context) => deleteObject(CONFIG_MAPS, prior, context),

  import: (id) => ({ id }),
};
