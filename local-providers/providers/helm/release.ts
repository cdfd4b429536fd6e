/**
 * helm_release: hashicorp/terraform-provider-helm@v3.1.1 helm/resource_helm_release.go (ModifyPlan 1921-2279,
 * Create 760-988, Read 990-1063, Update 1065-1213, Delete 1215-1299, ImportState 2366-2489,
 * setReleaseAttributes 1665-1776), installing with helm/helm@v3.18.4 pkg/action (install.go, upgrade.go)
 * into the cluster's world: the release record lives in collection "releases" as "<namespace>/<name>".
 */
import { ProviderDiagnostic, type Diagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import {
  boolAt,
  isObjectValue,
  isUnknown,
  numberAt,
  stringAt,
  UNKNOWN,
  valuesEqual,
  type ObjectValue,
  type Value,
} from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import { COLLECTIONS, getNamespace, namespacedId, newObjectMeta } from "../kubernetes/cluster";
import { locateChart, usesChartVersion, chartName, type LoadedChart } from "./chart-library";
import { escapedDotSensitiveNames, waitFailure } from "./release-rules";
import { coalesceValues, cloakedValues, goJson, mergeMaps, releaseValues, sensitiveNames, writeOnlyValues, type Values } from "./values";
import { schemaViolations, validateChartValues } from "./values-schema";

/** A release as Helm's storage driver keeps it (pkg/release/release.go), one record per name and namespace. */
export type StoredRelease = {
  name: string;
  namespace: string;
  /** The revision. */
  version: number;
  info: { status: string; first_deployed: number; last_deployed: number; description: string; notes: string };
  chart: { metadata: { name: string; version: string; appVersion: string } };
  /** The user-supplied values (r.Config). */
  config: Values;
  manifest: string;
  history: { revision: number; status: string; chart: string; app_version: string; updated: number; description: string }[];
};

/** What the provider's configure learnt that the resource needs later. */
export interface HelmCluster {
  readonly env: NodeJS.ProcessEnv;
  /** The error every Kubernetes call reports when the configuration reaches no cluster. */
  readonly unreachable?: string;
  readonly manifestExperiment: boolean;
}

const clusters = new WeakMap<ProviderContext, HelmCluster>();

export function rememberCluster(context: ProviderContext, cluster: HelmCluster): ProviderContext {
  clusters.set(context, cluster);
  return context;
}

function clusterOf(context: ProviderContext): HelmCluster {
  return clusters.get(context) ?? { env: process.env, manifestExperiment: false };
}

/** pkg/kube/client.go:126-140 IsReachable. */
function reachable(context: ProviderContext): WorldTenant {
  const cluster = clusterOf(context);
  if (context.tenant) return context.tenant;
  throw new Error(`Kubernetes cluster unreachable${cluster.unreachable ? `: ${cluster.unreachable}` : ""}`);
}

const text = (object: ObjectValue, name: string) => stringAt(object, name) ?? "";
const seconds = () => Math.floor(Date.now() / 1000);

function chartFor(model: ObjectValue, context: ProviderContext): LoadedChart {
  return locateChart(
    {
      chart: text(model, "chart"),
      repository: text(model, "repository"),
      version: text(model, "version"),
      devel: boolAt(model, "devel") === true,
    },
    clusterOf(context).env,
  );
}

/** :1382-1388 isChartInstallable. */
function installable(chart: LoadedChart): void {
  if (chart.metadata.type === "" || chart.metadata.type === "application") return;
  throw new ProviderDiagnostic(
    "Error checking if chart is installable",
    `Chart is not installable: ${chart.metadata.type} charts are not installable`,
  );
}

/** The values Helm installs with: getValues, then set_wo when its revision says so (:826-841, :1179-1193). */
function installValues(model: ObjectValue, config: ObjectValue, withWriteOnly: boolean): Values {
  const values = releaseValues(model);
  if (!withWriteOnly) return values;
  const writeOnly = writeOnlyValues(config);
  return Object.keys(writeOnly).length > 0 ? mergeMaps(values, writeOnly) : values;
}

/** chartutil.ValidateReleaseName (pkg/chartutil/validate_name.go:79-89). */
const VALID_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function releaseNameError(name: string): string | undefined {
  if (name === "") return "no name provided";
  if (name.length > 53 || !VALID_NAME.test(name)) {
    return `invalid release name, must match regex ${VALID_NAME.source} and the length must not be longer than 53`;
  }
  return undefined;
}

function storedRelease(tenant: WorldTenant, namespace: string, name: string): StoredRelease | undefined {
  return tenant.get<StoredRelease>(COLLECTIONS.releases, namespacedId(namespace, name));
}

/** :1665-1776 setReleaseAttributes onto a model (plan or state). */
function withRelease(model: ObjectValue, release: StoredRelease, context: ProviderContext): ObjectValue {
  const result: Record<string, Value> = { ...model };
  const chartVersion = release.chart.metadata.version;
  // :1671-1674: the version is replaced only when it differs beyond a leading "v".
  if (text(model, "version").replace(/^v/, "") !== chartVersion.replace(/^v/, "")) result["version"] = chartVersion;
  result["name"] = release.name;
  result["namespace"] = release.namespace;
  result["status"] = release.info.status;
  result["id"] = release.name;
  const manifestExperiment = clusterOf(context).manifestExperiment;
  // :1707-1736: only the manifest experiment stores the manifest (JSON of an empty manifest is "{}") and resources.
  result["manifest"] = manifestExperiment ? "{}" : null;
  result["resources"] = manifestExperiment ? {} : null;
  // :1738-1744: write-only values in use leave metadata.values "{}".
  const writeOnly = (numberAt(model, "set_wo_revision") ?? 0) > 0;
  result["metadata"] = {
    app_version: release.chart.metadata.appVersion,
    chart: release.chart.metadata.name,
    first_deployed: release.info.first_deployed,
    last_deployed: release.info.last_deployed,
    name: release.name,
    namespace: release.namespace,
    notes: release.info.notes,
    revision: release.version,
    values: writeOnly ? "{}" : goJson(cloakedValues(release.config, sensitiveNames(result))),
    version: chartVersion,
  };
  return result;
}

/** The framework sets what a Create or Update leaves unknown to null (terraform-plugin-framework fwserver). */
function unknownsToNull(model: ObjectValue): ObjectValue {
  return Object.fromEntries(Object.entries(model).map(([name, value]) => [name, isUnknown(value) ? null : value]));
}

/** Helm's wait, with the reason the local world knows it would not end. */
function waitOrFail(model: ObjectValue, chart: LoadedChart, values: Values, tenant: WorldTenant, namespace: string): string | undefined {
  const waits = boolAt(model, "wait") !== false || boolAt(model, "atomic") === true;
  if (!waits) return undefined;
  const reason = waitFailure(chart.metadata.name, coalesceValues(chart.defaults, values), tenant, namespace);
  // pkg/kube/wait.go polls until the timeout: the context's error.
  return reason === undefined ? undefined : `context deadline exceeded (local world: ${reason})`;
}

/** The namespace Helm's CreateNamespace option makes (install.go:366-390): labelled with its name. */
function createNamespace(tenant: WorldTenant, name: string): void {
  if (getNamespace(tenant, name)) return;
  tenant.put(COLLECTIONS.namespaces, name, {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { ...newObjectMeta(tenant, { name }), labels: { name, "kubernetes.io/metadata.name": name } },
    spec: { finalizers: ["kubernetes"] },
    status: { phase: "Active" },
  });
}

/** install.go:232-413 RunWithContext, as far as the local world can follow it. Returns the release, or throws Helm's error. */
function install(model: ObjectValue, chart: LoadedChart, values: Values, context: ProviderContext): StoredRelease {
  const tenant = reachable(context);
  const name = text(model, "name");
  const namespace = text(model, "namespace");
  const invalidName = releaseNameError(name);
  if (invalidName) throw new Error(`release name "${name}": ${invalidName}`);
  const previous = storedRelease(tenant, namespace, name);
  if (previous && !(boolAt(model, "replace") === true && ["uninstalled", "failed"].includes(previous.info.status))) {
    throw new Error("cannot re-use a name that is still in use");
  }
  const schemaError = validateChartValues(chart.metadata.name, coalesceValues(chart.defaults, values), chart.schema);
  if (schemaError) throw new Error(schemaError);
  if (boolAt(model, "create_namespace") === true) createNamespace(tenant, namespace);
  // The release record is a Secret in the namespace (pkg/storage/driver/secrets.go:148-170).
  if (!getNamespace(tenant, namespace)) throw new ReleaseError(`create: failed to create: namespaces "${namespace}" not found`, false);
  const now = seconds();
  const description = text(model, "description") || "Install complete";
  const release: StoredRelease = {
    name,
    namespace,
    version: 1,
    info: { status: "deployed", first_deployed: now, last_deployed: now, description, notes: "" },
    chart: { metadata: { name: chart.metadata.name, version: chart.metadata.version, appVersion: chart.metadata.appVersion } },
    config: values,
    manifest: "",
    history: [
      {
        revision: 1,
        status: "deployed",
        chart: `${chart.metadata.name}-${chart.metadata.version}`,
        app_version: chart.metadata.appVersion,
        updated: now,
        description,
      },
    ],
  };
  const failure = waitOrFail(model, chart, values, tenant, namespace);
  if (failure) {
    // install.go:505-520 failRelease: atomic uninstalls; otherwise the release stays, failed.
    if (boolAt(model, "atomic") === true) {
      throw new ReleaseError(`release ${name} failed, and has been uninstalled due to atomic being set: ${failure}`, false);
    }
    const failed: StoredRelease = {
      ...release,
      info: { ...release.info, status: "failed", description: `Release "${name}" failed: ${failure}` },
      history: [{ ...release.history[0]!, status: "failed" }],
    };
    tenant.put(COLLECTIONS.releases, namespacedId(namespace, name), failed);
    throw new ReleaseError(failure, true);
  }
  tenant.put(COLLECTIONS.releases, namespacedId(namespace, name), release);
  return release;
}

/** An install error after Helm created the release record (rel != nil in Create, :954-975). */
class ReleaseError extends Error {
  constructor(
    message: string,
    readonly recorded: boolean,
  ) {
    super(message);
  }
}

/** upgrade.go:151-260 and 485-550: the next revision, or Helm's error. */
function upgrade(model: ObjectValue, chart: LoadedChart, newValues: Values, context: ProviderContext): StoredRelease {
  const tenant = reachable(context);
  const name = text(model, "name");
  const namespace = text(model, "namespace");
  if (releaseNameError(name)) throw new Error(`release name is invalid: ${name}`);
  const current = storedRelease(tenant, namespace, name);
  if (!current || current.info.status === "uninstalled") throw new Error(`"${name}" has no deployed releases`);
  if (current.info.status.startsWith("pending")) throw new Error("another operation (install/upgrade/rollback) is in progress");
  // upgrade.go:552-596 reuseValues.
  let values = newValues;
  if (boolAt(model, "reset_values") === true) values = newValues;
  else if (boolAt(model, "reuse_values") === true) values = coalesceValues(current.config, newValues);
  else if (Object.keys(newValues).length === 0 && Object.keys(current.config).length > 0) values = current.config;
  const schemaError = validateChartValues(chart.metadata.name, coalesceValues(chart.defaults, values), chart.schema);
  if (schemaError) throw new Error(schemaError);
  const revision = Math.max(current.version, ...current.history.map((entry) => entry.revision)) + 1;
  const now = seconds();
  const failure = waitOrFail(model, chart, values, tenant, namespace);
  const description = text(model, "description") || "Upgrade complete";
  const superseded = current.history.map((entry) => (entry.status === "deployed" ? { ...entry, status: "superseded" } : entry));
  const entry = {
    revision,
    status: "deployed",
    chart: `${chart.metadata.name}-${chart.metadata.version}`,
    app_version: chart.metadata.appVersion,
    updated: now,
    description,
  };
  if (failure) {
    if (boolAt(model, "atomic") === true) {
      // upgrade.go:520-538: the failed revision is rolled back to the previous one.
      tenant.put(COLLECTIONS.releases, namespacedId(namespace, name), {
        ...current,
        history: [...current.history, { ...entry, status: "failed", description: `Upgrade "${name}" failed: ${failure}` }],
      });
      throw new Error(`release ${name} failed, and has been rolled back due to atomic being set: ${failure}`);
    }
    tenant.put(COLLECTIONS.releases, namespacedId(namespace, name), {
      ...current,
      version: revision,
      info: { ...current.info, status: "failed", last_deployed: now, description: `Upgrade "${name}" failed: ${failure}` },
      chart: { metadata: { name: chart.metadata.name, version: chart.metadata.version, appVersion: chart.metadata.appVersion } },
      config: values,
      history: [...superseded, { ...entry, status: "failed" }],
    });
    throw new Error(failure);
  }
  const upgraded: StoredRelease = {
    ...current,
    version: revision,
    info: { ...current.info, status: "deployed", last_deployed: now, description, notes: "" },
    chart: { metadata: { name: chart.metadata.name, version: chart.metadata.version, appVersion: chart.metadata.appVersion } },
    config: values,
    history: [...superseded, entry],
  };
  tenant.put(COLLECTIONS.releases, namespacedId(namespace, name), upgraded);
  return upgraded;
}

/** :2501-2541 valuesUnknown. */
function valuesUnknown(model: ObjectValue): boolean {
  return ["values", "set", "set_list", "set_sensitive"].some((name) => {
    const value = model[name] ?? null;
    if (isUnknown(value)) return true;
    if (!Array.isArray(value)) return false;
    return (value as Value[]).some(
      (item) => isUnknown(item) || (isObjectValue(item) && Object.values(item).some((inner) => isUnknown(inner))),
    );
  });
}

/** :2283-2310 recomputeMetadata. */
function recomputeMetadata(plan: ObjectValue, state: ObjectValue | null): boolean {
  if (!state) return true;
  return ["chart", "repository", "version", "values", "set", "set_sensitive", "set_list"].some(
    (name) => !valuesEqual(plan[name] ?? null, state[name] ?? null),
  );
}

/** :1921-2279 ModifyPlan, without network: the chart comes from the local library. */
function modifyPlan(planned: ObjectValue, prior: ObjectValue | null, config: ObjectValue, context: ProviderContext) {
  const cluster = clusterOf(context);
  const plan: Record<string, Value> = { ...planned };
  const requiresReplace: (string | number)[][] = [];
  // The framework marks computed attributes the configuration leaves null unknown whenever the plan differs
  // from the state (terraform-plugin-framework fwserver MarkComputedNilsAsUnknown), before this ModifyPlan;
  // of those, id and metadata are not set again below.
  if (prior && !valuesEqual(planned, prior)) {
    plan["id"] = UNKNOWN;
    plan["metadata"] = UNKNOWN;
  }
  // :241-261 namespaceDefault: HELM_NAMESPACE or "default" (a framework Default applies whenever config is null).
  if ((config["namespace"] ?? null) === null) {
    plan["namespace"] = cluster.env["HELM_NAMESPACE"] || "default";
    if (prior && !valuesEqual(plan["namespace"], prior["namespace"] ?? null)) requiresReplace.push(["namespace"]);
  }
  // :176-194 suppressDescription: ValueString() of a null or unknown plan is "", so the state's value is kept.
  if (!text(config, "description")) plan["description"] = prior?.["description"] ?? null;
  // :206-212 suppressDevel and :229-235 suppressKeyring.
  if (text(plan, "version") && (config["devel"] ?? null) === null) plan["devel"] = prior?.["devel"] ?? null;
  if (boolAt(plan, "verify") === false) plan["keyring"] = prior?.["keyring"] ?? null;
  // :1971-1972
  plan["status"] = "deployed";
  // A chart known only at apply: the real ModifyPlan would look up "" (ValueString of an unknown) and fail;
  // here the chart is located at apply, and the plan leaves what depends on it unknown.
  if (isUnknown(config["chart"] ?? null) || isUnknown(config["repository"] ?? null) || isUnknown(config["version"] ?? null)) {
    plan["metadata"] = UNKNOWN;
    return { planned: plan, requiresReplace };
  }
  const { name, repositoryUrl } = chartName({ chart: text(plan, "chart"), repository: text(plan, "repository") });
  if (!usesChartVersion(name, repositoryUrl) && prior && !valuesEqual(plan["version"] ?? null, prior["version"] ?? null)) {
    if (text(plan, "version").replace(/^v/, "") !== text(prior, "version").replace(/^v/, "") && text(plan, "version") !== "") {
      plan["metadata"] = UNKNOWN;
    }
  }
  // getVersion reads the plan: a computed version still unknown is "" there, the latest chart.
  const chart = chartFor(isUnknown(plan["version"] ?? null) ? { ...plan, version: null } : plan, context);
  // :2015-2021 lint (helm/helm@v3.18.4 pkg/lint/rules/values.go:41-100): values.yaml coalesced with the release's values.
  if (boolAt(plan, "lint") === true && !valuesUnknown(plan) && chart.hasValuesFile && chart.schema !== undefined) {
    const violations = schemaViolations(coalesceValues(chart.defaults, releaseValues(plan)), chart.schema);
    if (violations) throw new ProviderDiagnostic("Lint Error", `malformed chart or values: \n\tvalues.yaml: ${violations}`);
  }
  if (cluster.manifestExperiment) {
    if (valuesUnknown(plan)) {
      plan["manifest"] = UNKNOWN;
      plan["resources"] = UNKNOWN;
      if ((config["version"] ?? null) === null) plan["version"] = UNKNOWN;
      return { planned: plan, requiresReplace };
    }
    // :2056-2130 and :2147-2226: a dry-run install or upgrade renders the manifest, validating the values first.
    const values = releaseValues(plan);
    const schemaError = validateChartValues(chart.metadata.name, coalesceValues(chart.defaults, values), chart.schema);
    if (!prior) {
      if (!context.tenant) {
        plan["manifest"] = null;
        throw new ProviderDiagnostic("cluster was unreachable at create time, marking manifest as computed", reachableError(context));
      }
      if (schemaError) throw new ProviderDiagnostic("Error performing dry run install", schemaError);
    } else if (schemaError && context.tenant && storedRelease(context.tenant, text(plan, "namespace"), text(plan, "name"))) {
      throw new ProviderDiagnostic("Error running dry run for a diff", schemaError);
    }
    plan["manifest"] = "{}";
    plan["resources"] = {};
  } else {
    plan["manifest"] = null;
    plan["resources"] = null;
  }
  // :2234-2271: the planned version is the chart's; a configured one must agree with it.
  const installedVersion =
    boolAt(plan, "upgrade_install") === true && (config["version"] ?? null) === null && context.tenant
      ? storedRelease(context.tenant, text(plan, "namespace"), text(plan, "name"))?.chart.metadata.version
      : undefined;
  if (installedVersion) plan["version"] = installedVersion;
  else {
    plan["version"] = chart.metadata.version || null;
    const configured = stringAt(config, "version");
    if (configured !== undefined && configured !== plan["version"]) {
      if (configured.replace(/^v/, "") === String(plan["version"] ?? "").replace(/^v/, "")) plan["version"] = configured;
      else {
        throw new ProviderDiagnostic(
          "Planned version is different from configured version",
          `The version in the configuration is "${configured}" but the planned version is "${String(plan["version"] ?? "")}". \n` +
            `You should update the version in your configuration to "${String(plan["version"] ?? "")}", or remove the version attribute from your configuration.`,
        );
      }
    }
  }
  if (recomputeMetadata(plan, prior)) plan["metadata"] = UNKNOWN;
  return { planned: plan, requiresReplace };
}

function reachableError(context: ProviderContext): string {
  try {
    reachable(context);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

/** :2491-2499 parseImportIdentifier. */
function importIdentifier(id: string): [string, string] {
  const parts = id.split("/");
  if (parts.length !== 2) {
    throw new ProviderDiagnostic(
      "Unable to parse import identifier",
      `Unable to parse identifier ${id}: Unexpected ID format ("${id}"), expected namespace/name`,
    );
  }
  return [parts[0]!, parts[1]!];
}

/** :122-146 defaultAttributes, which ImportState writes into the state (:2482-2488). */
const DEFAULT_ATTRIBUTES: Record<string, Value> = {
  atomic: false,
  cleanup_on_fail: false,
  create_namespace: false,
  dependency_update: false,
  disable_crd_hooks: false,
  disable_openapi_validation: false,
  disable_webhooks: false,
  force_update: false,
  lint: false,
  max_history: 0,
  pass_credentials: false,
  recreate_pods: false,
  render_subchart_notes: true,
  replace: false,
  reset_values: false,
  reuse_values: false,
  skip_crds: false,
  take_ownership: false,
  timeout: 300,
  verify: false,
  wait: true,
  wait_for_jobs: false,
  upgrade_install: false,
};

export const helmRelease: ResourceBehaviour = {
  validate(config) {
    const diagnostics: Diagnostic[] = [];
    // :419-421 LengthBetween(1, 53) (framework-validators stringvalidator).
    const name = config["name"];
    if (typeof name === "string" && (name.length < 1 || name.length > 53)) {
      diagnostics.push({
        severity: "error",
        summary: "Invalid Attribute Value Length",
        detail: `Attribute name string length must be between 1 and 53, got: ${name.length}`,
        attribute: ["name"],
      });
    }
    // :571-573, :595-597, :637-640 OneOf on each entry's type.
    for (const [attribute, allowed] of [
      ["set", ["auto", "string", "literal"]],
      ["set_sensitive", ["auto", "string", "literal"]],
      ["set_wo", ["auto", "string"]],
    ] as const) {
      const entries = config[attribute];
      if (!Array.isArray(entries)) continue;
      (entries as Value[]).forEach((entry, index) => {
        const type = isObjectValue(entry) ? entry["type"] : null;
        if (typeof type === "string" && !(allowed as readonly string[]).includes(type)) {
          diagnostics.push({
            severity: "error",
            summary: "Invalid Attribute Value Match",
            detail: `Attribute ${attribute}[${index}].type value must be one of: [${allowed.map((value) => `"${value}"`).join(" ")}], got: "${type}"`,
            attribute: [attribute, index, "type"],
          });
        }
      });
    }
    // :605-607 AtLeast(1).
    const revision = config["set_wo_revision"];
    if (typeof revision === "number" && revision < 1) {
      diagnostics.push({
        severity: "error",
        summary: "Invalid Attribute Value",
        detail: `Attribute set_wo_revision value must be at least 1, got: ${revision}`,
        attribute: ["set_wo_revision"],
      });
    }
    diagnostics.push(...escapedDotSensitiveNames(config));
    return diagnostics;
  },

  plan({ planned, prior, config, context }) {
    return modifyPlan(planned, prior, config, context);
  },

  create(planned, context, config) {
    const chart = chartFor(planned, context);
    const values = installValues(planned, config, (numberAt(config, "set_wo_revision") ?? 0) > 0);
    installable(chart);
    let release: StoredRelease;
    try {
      release = install(planned, chart, values, context);
    } catch (error) {
      if (error instanceof ProviderDiagnostic) throw error;
      // :949-975: an error with the release recorded is "Helm release error" (the provider also warns it was created).
      if (error instanceof ReleaseError && error.recorded) throw new ProviderDiagnostic("Helm release error", error.message);
      throw new ProviderDiagnostic("installation failed", (error as Error).message);
    }
    return unknownsToNull(withRelease(planned, release, context));
  },

  read(current, context) {
    // :1018-1022: any failure to find the release, an unreachable cluster included, drops it from the state.
    if (!context.tenant) return null;
    const release = storedRelease(context.tenant, text(current, "namespace"), text(current, "name"));
    if (!release || release.info.status === "uninstalled") return null;
    return withRelease(current, release, context);
  },

  update(planned, prior, context, config) {
    const chart = chartFor(planned, context);
    const values = installValues(planned, config, (numberAt(planned, "set_wo_revision") ?? 0) > (numberAt(prior, "set_wo_revision") ?? 0));
    let release: StoredRelease;
    try {
      release = upgrade(planned, chart, values, context);
    } catch (error) {
      if (error instanceof ProviderDiagnostic) throw error;
      throw new ProviderDiagnostic("Error upgrading chart", `Upgrade failed: ${(error as Error).message}`);
    }
    return unknownsToNull(withRelease(planned, release, context));
  },

  delete(prior, context) {
    // :1254-1257: a release that cannot be found (or a cluster that cannot be reached) is not an error.
    if (!context.tenant) return;
    const namespace = text(prior, "namespace");
    const name = text(prior, "name");
    if (!storedRelease(context.tenant, namespace, name)) return;
    context.tenant.delete(COLLECTIONS.releases, namespacedId(namespace, name));
  },

  import(id, context) {
    const [namespace, name] = importIdentifier(id);
    let release: StoredRelease | undefined;
    try {
      release = storedRelease(reachable(context), namespace, name);
    } catch (error) {
      throw new ProviderDiagnostic("Error getting release", `Unable to get Helm release ${name}: ${(error as Error).message}`);
    }
    if (!release || release.info.status === "uninstalled") {
      throw new ProviderDiagnostic("Error getting release", `Unable to get Helm release ${name}: release: not found`);
    }
    const state: ObjectValue = { name: release.name, description: release.info.description, chart: release.chart.metadata.name };
    return { ...withRelease(state, release, context), ...DEFAULT_ATTRIBUTES, set: null, set_sensitive: null, set_list: null, values: null };
  },
};
