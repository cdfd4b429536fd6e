/**
 * The apply-time rules the project encodes for its Helm releases, enforced by the local helm provider so a
 * regression fails here as it would on a cluster. Each names its source:
 *
 * - lib/openmetadata/helm-release-rules.ts (from hashicorp/terraform-provider-helm@v3.1.1
 *   helm/resource_helm_release.go:707-720, hashicorp/terraform-provider-helm#1788): a `set_sensitive` name with an
 *   escaped dot is stored uncloaked in `metadata.values`. The real provider stores it (and a later plan prints
 *   it); the local provider refuses the configuration instead, naming the entry, never its value.
 * - help/kubernetes.md#the-dependencies-release and #the-secrets-and-why-each-exists (chart 1.13.1): installs that
 *   Helm's wait (helm/helm@v3.18.4 pkg/action/install.go:286-288 `Wait = Wait || Atomic`, 468-477) cannot see
 *   through. On a cluster they end after `timeout` with "context deadline exceeded" (and, with atomic, the
 *   release uninstalled: install.go:505-517); the local world fails at once with Helm's words and the reason.
 */
import type { Diagnostic } from "../../provider/behaviour";
import { isObjectValue, type ObjectValue, type Value } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import { COLLECTIONS, namespacedId } from "../kubernetes/cluster";
import type { Values } from "./values";

const HELP = "help/kubernetes.md";

/** lib/openmetadata/helm-release-rules.ts: refused at validate, as the project refuses it at synth. */
export function escapedDotSensitiveNames(config: ObjectValue): Diagnostic[] {
  const entries = Array.isArray(config["set_sensitive"]) ? (config["set_sensitive"] as Value[]) : [];
  return entries.flatMap((entry, index) => {
    const name = isObjectValue(entry) ? entry["name"] : null;
    if (typeof name !== "string" || !name.includes("\\.")) return [];
    return [
      {
        severity: "error" as const,
        summary: "set_sensitive name with an escaped dot is not cloaked",
        detail:
          `set_sensitive "${name}": helm provider 3.1.1 cloaks a sensitive value by splitting its name on every "." ` +
          "(helm/resource_helm_release.go:707-720), so a name with an escaped dot finds no key and the value is stored in clear in " +
          "metadata.values (hashicorp/terraform-provider-helm#1788; the project's rule: lib/openmetadata/helm-release-rules.ts). " +
          "Give the chart the value through a Kubernetes Secret it reads.",
        attribute: ["set_sensitive", index, "name"],
      },
    ];
  });
}

const isMap = (value: unknown): value is Values => typeof value === "object" && value !== null && !Array.isArray(value);

function at(values: Values, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split(".")) current = isMap(current) ? current[key] : undefined;
  return current;
}

/**
 * The Airflow subchart's migration Job is a post-install/post-upgrade hook unless
 * `airflow.migrateDatabaseJob.useHelmHooks: false`; Helm runs hooks only after its wait, while every Airflow
 * pod waits for the migrations (apache/airflow chart/templates/jobs/migrate-database-job.yaml, read
 * unpinned).
 */
function airflowHookDeadlock(chart: string, values: Values): string | undefined {
  if (chart !== "openmetadata-dependencies" || at(values, "airflow.enabled") === false) return undefined;
  if (at(values, "airflow.migrateDatabaseJob.useHelmHooks") === false) return undefined;
  return (
    "the Airflow pods wait for the database migration, which airflow.migrateDatabaseJob.useHelmHooks (default true) makes a " +
    `post-install hook that Helm runs only after its wait (${HELP}#the-dependencies-release)`
  );
}

/**
 * A ReadWriteMany claim binds only on a StorageClass that provisions ReadWriteMany. The Airflow chart's
 * logs claim is always ReadWriteMany (chart/templates/logs-persistent-volume-claim.yaml), the DAGs claim when
 * `accessMode` says so. The local cluster's default class is ReadWriteOnce only, as kind's local-path is; a
 * class named in the release's values binds when the cluster has it (world collection "storageclasses").
 */
function pendingClaims(chart: string, values: Values, tenant: WorldTenant): string | undefined {
  if (chart !== "openmetadata-dependencies" || at(values, "airflow.enabled") === false) return undefined;
  const unbound: string[] = [];
  for (const volume of ["logs", "dags"] as const) {
    const persistence = at(values, `airflow.${volume}.persistence`);
    if (!isMap(persistence) || persistence["enabled"] !== true || persistence["existingClaim"]) continue;
    const readWriteMany = volume === "logs" || persistence["accessMode"] === "ReadWriteMany";
    if (!readWriteMany) continue;
    const storageClass = typeof persistence["storageClassName"] === "string" ? persistence["storageClassName"] : "";
    if (storageClass && tenant.get(COLLECTIONS.storageclasses, storageClass)) continue;
    unbound.push(
      `airflow.${volume} (storage class ${storageClass ? `"${storageClass}", not in this cluster` : "the cluster's default, ReadWriteOnce only"})`,
    );
  }
  if (unbound.length === 0) return undefined;
  return `the ReadWriteMany PersistentVolumeClaims of ${unbound.join(" and ")} stay Pending (${HELP}#the-dependencies-release)`;
}

/** A secretRef/secretKey pair of the OpenMetadata chart's values, with the template gate that renders it. */
interface SecretReference {
  readonly path: string;
  readonly rendered: (values: Values) => boolean;
}

const PIPELINE = "openmetadata.config.pipelineServiceClientConfig";

/** _helpers.tpl 348: `if and $pipelineConfig.type (eq $pipelineConfig.type "airflow")`; values.yaml 83 defaults it to "airflow". */
function pipelineType(values: Values): string {
  const type = at(values, `${PIPELINE}.type`);
  return typeof type === "string" ? type : "";
}

/**
 * Every Secret reference of the values (chart openmetadata 1.13.1): secrets.yaml and _helpers.tpl read
 * each pair into a secretKeyRef only behind its gate.
 */
const OPENMETADATA_SECRET_REFERENCES: readonly SecretReference[] = [
  // _helpers.tpl 224-232: FERNET_KEY from the Secret when secretRef is set.
  { path: "openmetadata.config.fernetkey", rendered: (values) => Boolean(at(values, "openmetadata.config.fernetkey.secretRef")) },
  // secrets.yaml 15-39, _helpers.tpl 337-345: DB_USER_PASSWORD.
  {
    path: "openmetadata.config.database.auth.password",
    rendered: (values) => at(values, "openmetadata.config.database.enabled") !== false,
  },
  // _helpers.tpl 346-372: AIRFLOW_PASSWORD and AIRFLOW_TRUST_STORE_PASSWORD come from airflow.auth when the type
  // is "airflow", else from pipelineServiceClientConfig.auth (the k8s runner reads neither Airflow Secret), and
  // only when that auth is enabled (`| default false`). The `enabled | default true` gate is always true in
  // Go templates (default replaces false), so pipelineServiceClientConfig.enabled does not close it.
  ...["password", "trustStorePassword"].flatMap((field) => [
    {
      path: `openmetadata.config.pipelineServiceClientConfig.airflow.auth.${field}`,
      rendered: (values: Values) => pipelineType(values) === "airflow" && at(values, PIPELINE + ".airflow.auth.enabled") === true,
    },
    {
      path: `openmetadata.config.pipelineServiceClientConfig.auth.${field}`,
      rendered: (values: Values) => pipelineType(values) !== "airflow" && at(values, PIPELINE + ".auth.enabled") === true,
    },
  ]),
  // secrets.yaml 41-65, _helpers.tpl 319-327: ELASTICSEARCH_PASSWORD with auth enabled.
  {
    path: "openmetadata.config.elasticsearch.auth.password",
    rendered: (values) => at(values, "openmetadata.config.elasticsearch.auth.enabled") === true,
  },
  // secrets.yaml 320 and _helpers.tpl 233-247: OIDC_CLIENT_ID / OIDC_CLIENT_SECRET, both gates.
  ...["clientId", "clientSecret"].map((name) => ({
    path: `openmetadata.config.authentication.oidcConfiguration.${name}`,
    rendered: (values: Values) =>
      at(values, "openmetadata.config.authentication.oidcConfiguration.enabled") === true &&
      at(values, "openmetadata.config.authentication.clientType") === "confidential",
  })),
];

function secretKeys(tenant: WorldTenant, namespace: string, name: string): Set<string> | undefined {
  const secret = tenant.get<{ data?: Record<string, string> }>(COLLECTIONS.secrets, namespacedId(namespace, name));
  return secret ? new Set(Object.keys(secret.data ?? {})) : undefined;
}

/**
 * §2.2: every Secret and key the pod reads must exist in the release's namespace; a missing one leaves the
 * container in CreateContainerConfigError (or the pod without its volume), so the wait times out.
 */
function missingSecrets(chart: string, values: Values, tenant: WorldTenant, namespace: string): string | undefined {
  if (chart !== "openmetadata") return undefined;
  const missing: string[] = [];
  const check = (name: string, keys: readonly string[], what: string) => {
    const present = secretKeys(tenant, namespace, name);
    if (!present) missing.push(`Secret "${name}" (${what})`);
    else for (const key of keys) if (!present.has(key)) missing.push(`key "${key}" of Secret "${name}" (${what})`);
  };
  for (const reference of OPENMETADATA_SECRET_REFERENCES) {
    if (!reference.rendered(values)) continue;
    const secretRef = at(values, `${reference.path}.secretRef`);
    const secretKey = at(values, `${reference.path}.secretKey`);
    if (typeof secretRef === "string" && secretRef)
      check(secretRef, typeof secretKey === "string" && secretKey ? [secretKey] : [], reference.path);
  }
  // deployment.yaml 119-122: extraVolumes rendered as they are; a secret volume needs its Secret (and listed keys).
  const volumes = at(values, "extraVolumes");
  for (const [index, volume] of (Array.isArray(volumes) ? volumes : []).entries()) {
    const secret = isMap(volume) ? volume["secret"] : undefined;
    if (!isMap(secret) || typeof secret["secretName"] !== "string" || secret["optional"] === true) continue;
    const items = Array.isArray(secret["items"]) ? secret["items"] : [];
    const keys = items.flatMap((item) => (isMap(item) && typeof item["key"] === "string" ? [item["key"]] : []));
    check(secret["secretName"], keys, `extraVolumes[${index}]`);
  }
  if (missing.length === 0) return undefined;
  return `the pods read ${missing.join(", ")}, which the namespace "${namespace}" does not have (${HELP}#the-secrets-and-why-each-exists)`;
}

/**
 * Why Helm's wait would not end for this install or upgrade, or undefined when it would. Only asked when the
 * release waits (wait, or atomic which implies it).
 */
export function waitFailure(chart: string, values: Values, tenant: WorldTenant, namespace: string): string | undefined {
  const reasons = [
    airflowHookDeadlock(chart, values),
    pendingClaims(chart, values, tenant),
    missingSecrets(chart, values, tenant, namespace),
  ];
  const found = reasons.filter((reason): reason is string => reason !== undefined);
  return found.length === 0 ? undefined : found.join("; ");
}
