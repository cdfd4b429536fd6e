/**
 * kubernetes_secret_v1: hashicorp/terraform-provider-kubernetes@v2.38.0 kubernetes/resource_kubernetes_secret_v1.go.
 * The API stores `data` as bytes (base64 in JSON); the provider sends its `data` map as stringData and
 * `binary_data` decoded, and reads back every key not in `binary_data` as a string (:272-285).
 * API rules: kubernetes/kubernetes pkg/apis/core/validation ValidateSecret (ValidateObjectMeta with
 * NameIsDNSSubdomain, IsConfigMapKey per key, core.MaxSecretSize 1 MiB, the service-account-token annotation).
 */
import { randomBytes } from "node:crypto";
import { ProviderDiagnostic, type Diagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import { isObjectValue, isUnknown, numberAt, valuesEqual, type ObjectValue, type Value } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import { COLLECTIONS, getServiceAccount, namespacedId, nextResourceVersion, type ObjectMeta } from "./cluster";
import { expandMetadata, flattenMetadata, objectMetaErrors, patchedMetadata, validateMetadata } from "./metadata";
import { admitCreate, createRequest, deleteObject, immutableDataPlan, locate, readObject, type NamespacedKind } from "./namespaced";
import {
  decodeGoBase64,
  forbidden,
  invalid,
  invalidObjectMessage,
  isConfigMapKey,
  nameIsDnsSubdomain,
  required,
  tooLong,
  type FieldError,
} from "./validation";

/** kubernetes/kubernetes pkg/apis/core/types.go MaxSecretSize. */
const MAX_SECRET_SIZE = 1024 * 1024;
/** A service account's token Secret: its type, and the annotations naming the account (core/v1 types.go). */
export const SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
export const SERVICE_ACCOUNT_NAME_KEY = "kubernetes.io/service-account.name";
export const SERVICE_ACCOUNT_UID_KEY = "kubernetes.io/service-account.uid";

export type StoredSecret = {
  apiVersion: "v1";
  kind: "Secret";
  metadata: ObjectMeta;
  type: string;
  /** Values base64-encoded, as the API serves them. */
  data?: Record<string, string>;
  immutable?: boolean;
};

function stringEntries(value: Value | undefined): [string, string][] {
  return isObjectValue(value) ? Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string") : [];
}

/** :149-180: data (or data_wo) as stringData, binary_data (or binary_data_wo) decoded with Go's strict base64. */
function requestedData(planned: ObjectValue, config: ObjectValue): Record<string, Buffer> {
  const data: Record<string, Buffer> = {};
  const woRevision = numberAt(planned, "data_wo_revision") ?? 0;
  for (const [key, value] of stringEntries(woRevision >= 1 ? config["data_wo"] : planned["data"])) data[key] = Buffer.from(value, "utf8");
  const binaryWoRevision = numberAt(planned, "binary_data_wo_revision") ?? 0;
  for (const [key, value] of stringEntries(binaryWoRevision >= 1 ? config["binary_data_wo"] : planned["binary_data"])) {
    try {
      data[key] = decodeGoBase64(value);
    } catch (error) {
      // The write-only variant skips undecodable values (:440-449); binary_data fails the create (:175-178).
      if (binaryWoRevision >= 1) continue;
      throw new ProviderDiagnostic((error as Error).message);
    }
  }
  return data;
}

function validationErrors(meta: ReturnType<typeof expandMetadata>, type: string, data: Record<string, Buffer>): FieldError[] {
  const errors = objectMetaErrors(meta, nameIsDnsSubdomain);
  let total = 0;
  for (const key of Object.keys(data).sort()) {
    for (const message of isConfigMapKey(key)) errors.push(invalid(`data[${key}]`, key, message));
    total += data[key]!.length;
  }
  if (total > MAX_SECRET_SIZE) errors.push(tooLong("data", MAX_SECRET_SIZE));
  if (type === SERVICE_ACCOUNT_TOKEN && !meta.annotations?.[SERVICE_ACCOUNT_NAME_KEY]) {
    errors.push(required(`metadata.annotations[${SERVICE_ACCOUNT_NAME_KEY}]`));
  }
  return errors;
}

function state(secret: StoredSecret, previous: ObjectValue, context: ProviderContext): ObjectValue {
  const result: Record<string, Value> = {
    ...previous,
    id: namespacedId(secret.metadata.namespace!, secret.metadata.name),
    metadata: flattenMetadata(secret.metadata, previous, context, true),
    type: secret.type,
    immutable: secret.immutable ?? null,
    data_wo: null,
    binary_data_wo: null,
  };
  // :264-270: with write-only data in use, data is not read back (a value never set is null after apply, as in SDKv2).
  if ((numberAt(previous, "binary_data_wo_revision") ?? 0) > 0 || (numberAt(previous, "data_wo_revision") ?? 0) > 0) {
    if (isUnknown(result["data"] ?? null)) result["data"] = null;
    return result;
  }
  const stored = Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, "base64")] as const);
  const binaryKeys = isObjectValue(previous["binary_data"]) ? Object.keys(previous["binary_data"]) : [];
  if (binaryKeys.length > 0) {
    // :273-280: only the keys binary_data names, re-encoded (an absent key reads as empty).
    const bytes = new Map(stored);
    result["binary_data"] = Object.fromEntries(binaryKeys.map((key) => [key, (bytes.get(key) ?? Buffer.alloc(0)).toString("base64")]));
  }
  result["data"] = Object.fromEntries(
    stored.filter(([key]) => !binaryKeys.includes(key)).map(([key, value]) => [key, value.toString("utf8")]),
  );
  return result;
}

/**
 * The token controller fills a service-account-token Secret for a service account that exists (a
 * kubernetes_service_account_v1, or the namespace's `default`), and records the account's uid
 * (kubernetes/kubernetes pkg/controller/serviceaccount/tokens_controller.go generateTokenIfNeeded).
 */
function fillToken(tenant: WorldTenant, secret: StoredSecret): boolean {
  const accountName = secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_KEY];
  if (secret.type !== SERVICE_ACCOUNT_TOKEN || !accountName) return false;
  const account = getServiceAccount(tenant, secret.metadata.namespace!, accountName);
  const uid = secret.metadata.annotations?.[SERVICE_ACCOUNT_UID_KEY];
  if (!account || (uid && uid !== account.metadata.uid)) return false;
  const encode = (text: string) => Buffer.from(text).toString("base64");
  secret.data = {
    ...secret.data,
    "ca.crt": encode("-----BEGIN CERTIFICATE-----\nlocal-world\n-----END CERTIFICATE-----\n"),
    namespace: encode(secret.metadata.namespace!),
    token: encode(randomBytes(48).toString("base64url")),
  };
  secret.metadata.annotations = { ...secret.metadata.annotations, [SERVICE_ACCOUNT_UID_KEY]: account.metadata.uid };
  return true;
}

const SECRETS: NamespacedKind<StoredSecret> = { api: "/api/v1", collection: COLLECTIONS.secrets, kind: "Secret", resource: "secrets" };

export const secretV1: ResourceBehaviour = {
  validate(config) {
    const diagnostics: Diagnostic[] = validateMetadata(config, true);
    // :83-84 and :110-111: a revision is RequiredWith its write-only map; :84/:111 IntAtLeast(1).
    for (const [revision, map] of [
      ["data_wo_revision", "data_wo"],
      ["binary_data_wo_revision", "binary_data_wo"],
    ] as const) {
      const value = config[revision];
      if (typeof value === "number" && value < 1) {
        diagnostics.push({ severity: "error", summary: `expected ${revision} to be at least (1), got ${value}`, attribute: [revision] });
      }
      if (value !== null && value !== undefined && (config[map] ?? null) === null) {
        diagnostics.push({
          severity: "error",
          summary: `"${revision}": all of \`${map},${revision}\` must be specified`,
          attribute: [revision],
        });
      }
    }
    // :91 and :103: ConflictsWith.
    for (const [writeOnly, plain] of [
      ["data_wo", "data"],
      ["binary_data_wo", "binary_data"],
    ] as const) {
      if ((config[writeOnly] ?? null) !== null && (config[plain] ?? null) !== null) {
        diagnostics.push({ severity: "error", summary: `"${writeOnly}": conflicts with ${plain}`, attribute: [writeOnly] });
      }
    }
    return diagnostics;
  },

  // :37-59 CustomizeDiff: once immutable, a change to data, binary_data or immutable replaces the Secret.
  plan: ({ planned, prior }) => immutableDataPlan(planned, prior),

  create(planned, context, config) {
    const { input, namespace, tenant } = createRequest(SECRETS, planned, context);
    const type = typeof planned["type"] === "string" && planned["type"] ? planned["type"] : "Opaque";
    const data = requestedData(planned, config);
    const metadata = admitCreate(SECRETS, tenant, input, validationErrors(input, type, data));
    const { name } = metadata;
    const secret: StoredSecret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata,
      type,
      ...(Object.keys(data).length > 0
        ? { data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, value.toString("base64")])) }
        : {}),
      // :186-188: immutable is sent only when true (GetOk).
      ...(planned["immutable"] === true ? { immutable: true } : {}),
    };
    const token = fillToken(tenant, secret);
    tenant.put(COLLECTIONS.secrets, namespacedId(namespace, name), secret);
    // :199-225: a token Secret for a service account the cluster does not have never gets its token; the
    // token controller removes such a Secret, and the provider gives up after the create timeout.
    if (type === SERVICE_ACCOUNT_TOKEN && planned["wait_for_service_account_token"] !== false && !token) {
      tenant.delete(COLLECTIONS.secrets, namespacedId(namespace, name));
      throw new ProviderDiagnostic(`Waiting for secret "${namespace}/${name}" to create service account token`);
    }
    return state(secret, planned, context);
  },

  read: (current, context) => readObject(SECRETS, current, context, state),

  update(planned, prior, context, config) {
    const { tenant, namespace, name, current: stored } = locate(SECRETS, context, "PATCH", prior["id"]);
    if (!stored) throw new ProviderDiagnostic(`Failed to update secret: secrets "${name}" not found`);
    const metadata = patchedMetadata(stored.metadata, expandMetadata(prior, true), expandMetadata(planned, true));
    // :307-364: the data is replaced as a whole when data, binary_data or a write-only revision changed.
    const changed = ["data", "binary_data", "data_wo_revision", "binary_data_wo_revision"].some(
      (key) => !valuesEqual(planned[key] ?? null, prior[key] ?? null),
    );
    let data = stored.data;
    if (changed) {
      const requested = requestedData(planned, config);
      if (stored.immutable) {
        throw new ProviderDiagnostic(
          `Failed to update secret: ${invalidObjectMessage("Secret", name, [forbidden("data", "field is immutable when `immutable` is set")])}`,
        );
      }
      const errors = validationErrors({ ...expandMetadata(planned, true), name }, stored.type, requested);
      if (errors.length > 0) throw new ProviderDiagnostic(`Failed to update secret: ${invalidObjectMessage("Secret", name, errors)}`);
      data = Object.fromEntries(Object.entries(requested).map(([key, value]) => [key, value.toString("base64")]));
    }
    // :366-371: immutable is patched when it changes; from true it cannot (the plan replaces the Secret).
    const immutable = planned["immutable"] === true ? true : stored.immutable;
    const secret: StoredSecret = {
      ...stored,
      metadata: { ...metadata, resourceVersion: nextResourceVersion(tenant) },
      ...(data && Object.keys(data).length > 0 ? { data } : { data: {} }),
      ...(immutable === undefined ? {} : { immutable }),
    };
    tenant.put(COLLECTIONS.secrets, namespacedId(namespace, name), secret);
    return state(secret, planned, context);
  },

  // :402-408: already gone is no error.
  delete: (prior, context) => deleteObject(SECRETS, prior, context),

  // :33-35 resourceIdentityImportNamespaced: the id, "namespace/name", is checked by the read that follows.
  import: (id) => ({ id }),
};
