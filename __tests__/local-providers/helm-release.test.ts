import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { ProviderContext } from "../../local-providers/provider/behaviour";
import { isObjectValue, isUnknown, valuesEqual, type ObjectValue } from "../../local-providers/provider/values";
import { WORLD_VARIABLE, type WorldTenant } from "../../local-providers/provider/world";
import { conformBlock } from "../../local-providers/protocol/cty";
import { planResource } from "../../local-providers/protocol/plan";
import { CHARTS_VARIABLE } from "../../local-providers/providers/helm/chart-library";
import { provider as helm } from "../../local-providers/providers/helm/index";
import { schemas as helmSchemas } from "../../local-providers/providers/helm/schema";
import { provider as kubernetes } from "../../local-providers/providers/kubernetes/index";
import { schemas as kubernetesSchemas } from "../../local-providers/providers/kubernetes/schema";
import type { BlockSchema } from "../../local-providers/schema/types";
import { fixtureStack } from "../support/synth";
import { useTemporaryDirectories } from "../support/temporary-directories";
import { thrown } from "../support/provider-harness";

// The local helm provider's helm_release, each rule against hashicorp/terraform-provider-helm@v3.1.1
// helm/resource_helm_release.go and helm/helm@v3.18.4, installing the reference charts of
// /work/shared/reference (OpenMetadata 1.13.1 with its values.schema.json, the dependencies chart without one).

const REFERENCE = "/work/shared/reference";
const folders = useTemporaryDirectories("helm-world");
const RELEASE = helmSchemas.resources["helm_release"]!.block;

interface Cluster {
  readonly env: NodeJS.ProcessEnv;
  readonly helm: ProviderContext;
  readonly kubernetes: ProviderContext;
  readonly tenant: WorldTenant;
  readonly charts: string;
}

/** A world and a chart library holding the two reference charts; both providers configured on the same (in-cluster) cluster. */
function cluster(extra: NodeJS.ProcessEnv = {}, providerConfig: Record<string, unknown> = {}): Cluster {
  const root = folders();
  const charts = join(root, "charts");
  mkdirSync(charts);
  symlinkSync(join(REFERENCE, "openmetadata-chart-1.13.1"), join(charts, "openmetadata-1.13.1"));
  symlinkSync(join(REFERENCE, "openmetadata-dependencies-chart-1.13.1"), join(charts, "openmetadata-dependencies-1.13.1"));
  const env = { [WORLD_VARIABLE]: join(root, "world"), [CHARTS_VARIABLE]: charts, ...extra };
  const helmContext = helm.configure(conformBlock(providerConfig, helmSchemas.provider.block), env);
  const kubernetesContext = kubernetes.configure(conformBlock({}, kubernetesSchemas.provider.block), env);
  return { env, helm: helmContext, kubernetes: kubernetesContext, tenant: kubernetesContext.tenant!, charts };
}

/** Terraform JSON writes a nested block as an object or a list; the protocol value is a list for list blocks. */
function asProtocol(value: Record<string, unknown>, block: BlockSchema): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const nested = block.blocks?.[name];
    if (!nested) result[name] = item;
    else {
      const items = (Array.isArray(item) ? item : [item]) as Record<string, unknown>[];
      result[name] = items.map((entry) => asProtocol(entry, nested.block));
    }
  }
  return result;
}

/** The synthesized values with Terraform's references resolved: the namespace by name, anything else by a placeholder. */
function resolve(value: unknown, namespace: string): unknown {
  if (typeof value === "string") {
    return value
      .replace(/\$\{kubernetes_namespace_v1\.[^}]*\}/g, namespace)
      .replace(/\$\{[^}]*\}/g, "https://example.okta.com/oauth2/default");
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, namespace));
  if (isObjectValue(value as never)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => key !== "//" && key !== "depends_on" && key !== "lifecycle")
        .map(([key, item]) =>
          key === "binary_data"
            ? [key, Object.fromEntries(Object.keys(item as object).map((entry) => [entry, Buffer.from("placeholder").toString("base64")]))]
            : [key, resolve(item, namespace)],
        ),
    );
  }
  return value;
}

function planRelease(raw: Record<string, unknown>, prior: ObjectValue | null, context: ProviderContext) {
  const config = conformBlock(raw, RELEASE);
  const generic = planResource(RELEASE, config, prior);
  const adjusted = helm.resources["helm_release"]!.plan!({ planned: generic.planned, prior, config, context });
  return {
    config,
    planned: conformBlock(adjusted.planned, RELEASE),
    requiresReplace: [...generic.requiresReplace, ...(adjusted.requiresReplace ?? [])],
  };
}

function applyRelease(raw: Record<string, unknown>, context: ProviderContext, prior: ObjectValue | null = null): ObjectValue {
  const { config, planned } = planRelease(raw, prior, context);
  const resource = helm.resources["helm_release"]!;
  return conformBlock(prior ? resource.update(planned, prior, context, config) : resource.create(planned, context, config), RELEASE);
}

/** The stack's Kubernetes objects, applied with the local kubernetes provider; returns the releases' configurations. */
function applyStack(environment: string, target: Cluster): Record<string, Record<string, unknown>> {
  const { json } = fixtureStack(environment);
  const namespace = (Object.values(json.resource["kubernetes_namespace_v1"]!)[0]!["metadata"] as { name: string }).name;
  for (const type of ["kubernetes_namespace_v1", "kubernetes_secret_v1", "kubernetes_config_map_v1", "kubernetes_network_policy_v1"]) {
    const block = kubernetesSchemas.resources[type]!.block;
    for (const resource of Object.values(json.resource[type] ?? {})) {
      const config = conformBlock(asProtocol(resolve(resource, namespace) as Record<string, unknown>, block), block);
      const planned = conformBlock(planResource(block, config, null).planned, block);
      kubernetes.resources[type]!.create(planned, target.kubernetes, config);
    }
  }
  return Object.fromEntries(
    Object.entries(json.resource["helm_release"]!).map(([name, release]) => [name, resolve(release, namespace) as Record<string, unknown>]),
  );
}

/** A small release of the OpenMetadata chart into an existing namespace. */
function openmetadata(values: string[] = [], overrides: Record<string, unknown> = {}) {
  return {
    name: "om",
    namespace: "default",
    repository: "https://helm.open-metadata.org",
    chart: "openmetadata",
    version: "1.13.1",
    values,
    wait: false,
    ...overrides,
  };
}

describe("the stacks' releases (dev fixture)", () => {
  test(
    "both releases install after the stack's Kubernetes objects: status deployed, revision 1, the chart's metadata, " +
      "values that meet values.schema.json, and a plan right after the apply is empty",
    () => {
      const target = cluster();
      const releases = applyStack("dev", target);
      const dependencies = applyRelease(releases["openmetadata_dependencies_release"]!, target.helm);
      const server = applyRelease(releases["openmetadata_release"]!, target.helm);
      for (const state of [dependencies, server]) {
        expect(state["status"]).toBe("deployed");
        expect(state["version"]).toBe("1.13.1");
        expect(state["manifest"]).toBeNull();
        expect(state["description"]).toBeNull();
        expect(state["metadata"]).toMatchObject({
          revision: 1,
          version: "1.13.1",
          app_version: "1.13.1",
          namespace: "openmetadata-dev",
          notes: "",
        });
        const refreshed = conformBlock(helm.resources["helm_release"]!.read(state, target.helm)!, RELEASE);
        const again = planRelease(
          releases[state["name"] === "openmetadata" ? "openmetadata_release" : "openmetadata_dependencies_release"]!,
          refreshed,
          target.helm,
        );
        expect(again.requiresReplace).toEqual([]);
        expect(valuesEqual(again.planned, refreshed)).toBe(true);
      }
      expect((server["metadata"] as ObjectValue)["chart"]).toBe("openmetadata");
      expect(
        target.tenant
          .list("releases")
          .map((release) => (release as { name: string }).name)
          .sort(),
      ).toEqual(["openmetadata", "openmetadata-dependencies"]);
    },
  );
});

describe("chart resolution from the local chart library (OPENMETADATA_LOCAL_CHARTS)", () => {
  // ModifyPlan :1996-2000
  test("the plan resolves the chart: version from Chart.yaml, status deployed, metadata unknown until apply", () => {
    const target = cluster();
    const { planned } = planRelease(openmetadata(), null, target.helm);
    expect(planned["version"]).toBe("1.13.1");
    expect(planned["status"]).toBe("deployed");
    expect(planned["namespace"]).toBe("default");
    expect(isUnknown(planned["metadata"])).toBe(true);
  });

  test("a version the library lacks fails at plan as helm's repository lookup does, naming chart, version and the library variable", () => {
    const target = cluster();
    const error = thrown(() => planRelease(openmetadata([], { version: "9.9.9" }), null, target.helm));
    expect(error.summary).toBe("Error locating chart");
    expect(error.detail).toBe(
      'Unable to locate chart openmetadata: chart "openmetadata" version "9.9.9" not found in https://helm.open-metadata.org repository ' +
        `(local chart library: OPENMETADATA_LOCAL_CHARTS=${target.charts} has no openmetadata-9.9.9/)`,
    );
  });

  test(
    "without OPENMETADATA_LOCAL_CHARTS a repository chart at an exact version is taken as named, unchecked, " +
      "and configure warns that values are not checked against a schema",
    () => {
      const target = cluster({ [CHARTS_VARIABLE]: undefined });
      expect(planRelease(openmetadata(), null, target.helm).planned["version"]).toBe("1.13.1");
      expect(target.helm.warnings?.map((warning) => warning.summary)).toEqual(["Charts not checked"]);
      expect(thrown(() => planRelease(openmetadata([], { version: null }), null, target.helm)).detail).toBe(
        'Unable to locate chart openmetadata: chart "openmetadata" not found in https://helm.open-metadata.org repository ' +
          "(local chart library: OPENMETADATA_LOCAL_CHARTS is not set, so no chart can be found)",
      );
    },
  );

  // :2260-2262 versionsEqual
  test("a version with a leading v resolves and is kept as configured", () => {
    const target = cluster();
    expect(planRelease(openmetadata([], { version: "v1.13.1" }), null, target.helm).planned["version"]).toBe("v1.13.1");
  });

  // :2264-2268
  test("a chart whose Chart.yaml disagrees with the configured version: 'Planned version is different from configured version'", () => {
    const target = cluster();
    mkdirSync(join(target.charts, "odd-2.0.0"));
    writeFileSync(join(target.charts, "odd-2.0.0", "Chart.yaml"), "apiVersion: v2\nname: odd\nversion: 2.0.1\n");
    const error = thrown(() => planRelease(openmetadata([], { chart: "odd", version: "2.0.0" }), null, target.helm));
    expect(error.summary).toBe("Planned version is different from configured version");
  });

  // isChartInstallable, :1382-1388
  test("a library chart cannot be installed", () => {
    const target = cluster();
    mkdirSync(join(target.charts, "common-1.0.0"));
    writeFileSync(join(target.charts, "common-1.0.0", "Chart.yaml"), "apiVersion: v2\nname: common\nversion: 1.0.0\ntype: library\n");
    const error = thrown(() => applyRelease(openmetadata([], { chart: "common", version: "1.0.0" }), target.helm));
    expect([error.summary, error.detail]).toEqual([
      "Error checking if chart is installable",
      "Chart is not installable: library charts are not installable",
    ]);
  });
});

// helm/helm@v3.18.4 pkg/chartutil/values.go:166-170, jsonschema.go
describe("values against values.schema.json", () => {
  test("a values key the schema refuses fails the install with Helm's header and gojsonschema's wording", () => {
    const target = cluster();
    const error = thrown(() =>
      applyRelease(openmetadata(["openmetadata:\n  config:\n    authentication:\n      providr: okta\n"]), target.helm),
    );
    expect(error.summary).toBe("installation failed");
    expect(error.detail).toBe(
      "values don't meet the specifications of the schema(s) in the following chart(s):\nopenmetadata:\n" +
        "- openmetadata.config.authentication: Additional property providr is not allowed\n",
    );
    expect(target.tenant.list("releases")).toEqual([]);
  });

  test("a value of the wrong type is named by its field and types, never by its value (a set_sensitive value stays unprinted)", () => {
    const target = cluster();
    const error = thrown(() =>
      applyRelease(
        openmetadata([], { set_sensitive: [{ name: "openmetadata.config.authentication.enabled", value: "top-secret", type: "string" }] }),
        target.helm,
      ),
    );
    expect(error.detail).toContain("- openmetadata.config.authentication.enabled: Invalid type. Expected: boolean, given: string\n");
    expect(error.detail).not.toContain("top-secret");
  });

  test("the dependencies chart has no values.schema.json, so any value installs", () => {
    const target = cluster();
    const state = applyRelease(
      {
        name: "deps",
        namespace: "default",
        repository: "https://helm.open-metadata.org",
        chart: "openmetadata-dependencies",
        version: "1.13.1",
        wait: false,
        values: ["anything: [1, 2]\n"],
      },
      target.helm,
    );
    expect(state["status"]).toBe("deployed");
  });

  test("the schema is checked again on upgrade: 'Error upgrading chart' / 'Upgrade failed: ...', and the release keeps revision 1", () => {
    const target = cluster();
    const state = applyRelease(openmetadata(), target.helm);
    const error = thrown(() => applyRelease(openmetadata(["replicaCount: many\n"]), target.helm, state));
    expect(error.summary).toBe("Error upgrading chart");
    expect(error.detail).toMatch(
      /^Upgrade failed: values don't meet the specifications of the schema\(s\) in the following chart\(s\):\nopenmetadata:\n- replicaCount: Invalid type/,
    );
    expect(target.tenant.get<{ version: number }>("releases", "default/om")!.version).toBe(1);
  });
});

// helm/helm@v3.18.4 install.go:366-406
describe("the namespace", () => {
  test("a namespace that does not exist fails as the release Secret's create does: 'create: failed to create: namespaces \"x\" not found'", () => {
    const target = cluster();
    const error = thrown(() => applyRelease(openmetadata([], { namespace: "missing" }), target.helm));
    expect([error.summary, error.detail]).toEqual(["installation failed", 'create: failed to create: namespaces "missing" not found']);
  });

  test("create_namespace makes it, labelled name=<namespace>, in the world the kubernetes provider reads", () => {
    const target = cluster();
    applyRelease(openmetadata([], { namespace: "made", create_namespace: true }), target.helm);
    const namespace = kubernetes.resources["kubernetes_namespace_v1"]!.read({ id: "made" }, target.kubernetes)!;
    expect((namespace["metadata"] as ObjectValue[])[0]!["labels"]).toEqual({ name: "made" });
  });

  // :241-261
  test("without a namespace the release goes to HELM_NAMESPACE, else default", () => {
    const target = cluster({ HELM_NAMESPACE: "kube-public" });
    const { namespace: _omitted, ...raw } = openmetadata();
    expect(planRelease(raw, null, target.helm).planned["namespace"]).toBe("kube-public");
  });

  test("the namespace's deletion (kubernetes_namespace_v1) takes the release with it", () => {
    const target = cluster();
    const namespace = conformBlock({ metadata: [{ name: "ephemeral" }] }, kubernetesSchemas.resources["kubernetes_namespace_v1"]!.block);
    const created = kubernetes.resources["kubernetes_namespace_v1"]!.create(
      planResource(kubernetesSchemas.resources["kubernetes_namespace_v1"]!.block, namespace, null).planned,
      target.kubernetes,
      namespace,
    );
    const state = applyRelease(openmetadata([], { namespace: "ephemeral" }), target.helm);
    kubernetes.resources["kubernetes_namespace_v1"]!.delete(created, target.kubernetes);
    expect(helm.resources["helm_release"]!.read(state, target.helm)).toBeNull();
  });
});

describe("the project's apply-time rules", () => {
  // lib/openmetadata/helm-release-rules.ts, #1788
  test("set_sensitive name with an escaped dot is refused, naming the entry, not its value", () => {
    const diagnostics = helm.resources["helm_release"]!.validate!(
      conformBlock(openmetadata([], { set_sensitive: [{ name: "mysql.initdbScripts.init\\.sql", value: "IDENTIFIED BY 'pw'" }] }), RELEASE),
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.summary).toBe("set_sensitive name with an escaped dot is not cloaked");
    expect(diagnostics[0]!.detail).toContain('set_sensitive "mysql.initdbScripts.init\\.sql"');
    expect(diagnostics[0]!.detail).not.toContain("pw");
  });

  // help/kubernetes.md#the-dependencies-release (migration and create-user Jobs)
  test("the dependencies release with Airflow's migration hook and atomic is uninstalled after the wait times out", () => {
    const target = cluster();
    const raw = {
      name: "openmetadata-dependencies",
      namespace: "default",
      repository: "https://helm.open-metadata.org",
      chart: "openmetadata-dependencies",
      version: "1.13.1",
      atomic: true,
      values: ["airflow:\n  logs:\n    persistence:\n      enabled: false\n"],
    };
    const error = thrown(() => applyRelease(raw, target.helm));
    expect(error.summary).toBe("installation failed");
    expect(error.detail).toMatch(
      /^release openmetadata-dependencies failed, and has been uninstalled due to atomic being set: context deadline exceeded \(local world: .*useHelmHooks.*#the-dependencies-release\)\)$/,
    );
    expect(target.tenant.list("releases")).toEqual([]);
    const fixed = {
      ...raw,
      values: ["airflow:\n  logs:\n    persistence:\n      enabled: false\n  migrateDatabaseJob:\n    useHelmHooks: false\n"],
    };
    expect(applyRelease(fixed, target.helm)["status"]).toBe("deployed");
  });

  // help/kubernetes.md#the-dependencies-release (executor and storage)
  test("Airflow's ReadWriteMany logs claim stays Pending on the default class; a class the cluster has binds it", () => {
    const target = cluster();
    const values = (storageClassName: string) =>
      `airflow:\n  migrateDatabaseJob:\n    useHelmHooks: false\n  logs:\n    persistence:\n      enabled: true\n      storageClassName: "${storageClassName}"\n`;
    const raw = (storageClassName: string) => ({
      name: "deps",
      namespace: "default",
      repository: "https://helm.open-metadata.org",
      chart: "openmetadata-dependencies",
      version: "1.13.1",
      values: [values(storageClassName)],
    });
    const error = thrown(() => applyRelease(raw(""), target.helm));
    expect([error.summary, error.detail]).toEqual([
      "Helm release error",
      "context deadline exceeded (local world: the ReadWriteMany PersistentVolumeClaims of airflow.logs (storage class the cluster's default, " +
        "ReadWriteOnce only) stay Pending (help/kubernetes.md#the-dependencies-release))",
    ]);
    // Not atomic: Helm keeps the failed release (install.go:518).
    expect(target.tenant.get<{ info: { status: string } }>("releases", "default/deps")!.info.status).toBe("failed");
    target.tenant.put("storageclasses", "nfs", { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "nfs" } });
    expect(applyRelease({ ...raw("nfs"), name: "deps2" }, target.helm)["status"]).toBe("deployed");
  });

  // help/kubernetes.md#the-secrets-and-why-each-exists
  test("a Secret the chart's pods read must exist in the namespace with its key; without wait Helm does not notice", () => {
    const target = cluster();
    const values =
      'openmetadata:\n  config:\n    fernetkey:\n      value: ""\n      secretRef: openmetadata-fernet-key\n      secretKey: fernet-key\n';
    const error = thrown(() => applyRelease(openmetadata([values], { wait: true }), target.helm));
    expect(error.detail).toContain(
      'the pods read Secret "openmetadata-fernet-key" (openmetadata.config.fernetkey), Secret "mysql-secrets"',
    );
    expect(error.detail).toContain("help/kubernetes.md#the-secrets-and-why-each-exists");
    expect(applyRelease(openmetadata([values], { name: "nowait", wait: false }), target.helm)["status"]).toBe("deployed");
  });
});

// _helpers.tpl 346-372 at openmetadata-1.13.1
describe("the Secrets the pipeline client reads", () => {
  const AIRFLOW_SECRET = 'Secret "airflow-secrets" (openmetadata.config.pipelineServiceClientConfig.airflow.auth.password)';

  test("the Airflow runner reads the Airflow password Secret, which the namespace must hold", () => {
    const target = cluster();
    expect(thrown(() => applyRelease(openmetadata([], { wait: true }), target.helm)).detail).toContain(AIRFLOW_SECRET);
  });

  test("the k8s runner reads no Airflow Secret: the template takes pipelineServiceClientConfig.auth instead, off by default", () => {
    const target = cluster();
    const values = "openmetadata:\n  config:\n    pipelineServiceClientConfig:\n      type: k8s\n";
    expect(thrown(() => applyRelease(openmetadata([values], { wait: true }), target.helm)).detail).not.toContain("airflow-secrets");
  });
});

// setReleaseAttributes, :1665-1776
describe("state", () => {
  test("metadata.values is the user values as Go's json.Marshal writes them (sorted keys, & as \\u0026), set_sensitive cloaked by its dotted name", () => {
    const target = cluster();
    const state = applyRelease(
      openmetadata(["openmetadata:\n  config:\n    database:\n      dbParams: a=1&b=2\n"], {
        set_sensitive: [{ name: "openmetadata.config.database.auth.username", value: "admin-user" }],
        set: [{ name: "replicaCount", value: "2" }],
      }),
      target.helm,
    );
    expect((state["metadata"] as ObjectValue)["values"]).toBe(
      '{"openmetadata":{"config":{"database":{"auth":{"username":"(sensitive value)"},"dbParams":"a=1\\u0026b=2"}}},"replicaCount":2}',
    );
    expect(target.tenant.get<{ config: { replicaCount: number } }>("releases", "default/om")!.config.replicaCount).toBe(2);
  });

  // :2283-2310
  test("an upgrade is the next revision, Helm's description 'Upgrade complete'; metadata is unknown in the plan when values change", () => {
    const target = cluster();
    const state = applyRelease(openmetadata(), target.helm);
    const { planned } = planRelease(openmetadata(["replicaCount: 2\n"]), state, target.helm);
    expect(isUnknown(planned["metadata"])).toBe(true);
    const upgraded = applyRelease(openmetadata(["replicaCount: 2\n"]), target.helm, state);
    expect((upgraded["metadata"] as ObjectValue)["revision"]).toBe(2);
    expect(target.tenant.get<{ info: { description: string } }>("releases", "default/om")!.info.description).toBe("Upgrade complete");
  });

  test("any change (here only timeout) plans id and metadata unknown, as the framework marks computed nulls before ModifyPlan", () => {
    const target = cluster();
    const state = applyRelease(openmetadata(), target.helm);
    const { planned } = planRelease(openmetadata([], { timeout: 600 }), state, target.helm);
    expect(isUnknown(planned["id"])).toBe(true);
    expect(isUnknown(planned["metadata"])).toBe(true);
    expect([planned["status"], planned["version"], planned["description"]]).toEqual(["deployed", "1.13.1", null]);
    const refreshed = conformBlock(helm.resources["helm_release"]!.read(state, target.helm)!, RELEASE);
    expect(isUnknown(planRelease(openmetadata(), refreshed, target.helm).planned["metadata"])).toBe(false);
  });

  test('the manifest experiment stores the rendered manifest, "{}" for a chart without templates, and resources {}', () => {
    const target = cluster({}, { experiments: { manifest: true } });
    const state = applyRelease(openmetadata(), target.helm);
    expect(state["manifest"]).toBe("{}");
    expect(state["resources"]).toEqual({});
  });
});

describe("import, read and delete", () => {
  // :2366-2489
  test("import by namespace/name: name, chart and Helm's description, the defaults of defaultAttributes, values left null", () => {
    const target = cluster();
    applyRelease(openmetadata(), target.helm);
    const imported = conformBlock(helm.resources["helm_release"]!.import!("default/om", target.helm), RELEASE);
    expect(imported).toMatchObject({
      id: "om",
      name: "om",
      namespace: "default",
      chart: "openmetadata",
      description: "Install complete",
      version: "1.13.1",
      wait: true,
      timeout: 300,
      values: null,
      status: "deployed",
    });
    expect(thrown(() => helm.resources["helm_release"]!.import!("om", target.helm)).detail).toBe(
      'Unable to parse identifier om: Unexpected ID format ("om"), expected namespace/name',
    );
    expect(thrown(() => helm.resources["helm_release"]!.import!("default/absent", target.helm)).detail).toBe(
      "Unable to get Helm release absent: release: not found",
    );
  });

  test("an existing release name is Helm's 'cannot re-use a name that is still in use'", () => {
    const target = cluster();
    applyRelease(openmetadata(), target.helm);
    expect(thrown(() => applyRelease(openmetadata(), target.helm)).detail).toBe("cannot re-use a name that is still in use");
  });

  // :1254-1257
  test("delete uninstalls; a release already gone is no error", () => {
    const target = cluster();
    const state = applyRelease(openmetadata(), target.helm);
    helm.resources["helm_release"]!.delete(state, target.helm);
    expect(target.tenant.list("releases")).toEqual([]);
    helm.resources["helm_release"]!.delete(state, target.helm);
    expect(helm.resources["helm_release"]!.read(state, target.helm)).toBeNull();
  });

  // client.go:126-140
  test("a kubeconfig that does not exist: the plan passes (no cluster call), the install fails 'Kubernetes cluster unreachable'", () => {
    const target = cluster({}, { kubernetes: { config_path: "/nonexistent/kubeconfig", config_context: "kind-x" } });
    const raw = openmetadata();
    expect(planRelease(raw, null, target.helm).planned["version"]).toBe("1.13.1");
    const error = thrown(() => applyRelease(raw, target.helm));
    expect([error.summary, error.detail]).toEqual([
      "installation failed",
      "Kubernetes cluster unreachable: stat /nonexistent/kubeconfig: no such file or directory",
    ]);
  });

  // :419-421; :571-573
  test("validate: the release name is 1 to 53 characters; set.type is one of auto, string, literal", () => {
    const diagnostics = helm.resources["helm_release"]!.validate!(
      conformBlock(openmetadata([], { name: "x".repeat(54), set: [{ name: "a", value: "b", type: "yaml" }] }), RELEASE),
    );
    expect(diagnostics.map((diagnostic) => diagnostic.detail)).toEqual([
      "Attribute name string length must be between 1 and 53, got: 54",
      'Attribute set[0].type value must be one of: ["auto" "string" "literal"], got: "yaml"',
    ]);
  });
});
