import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { loadChart } from "../lib/chart-check/chart";
import { checkChart } from "../lib/chart-check/check";
import { ingestionWorkflowConfig } from "../lib/ingestion-config";
import { SERVER_PIPELINE_RULES } from "../lib/openmetadata/ingestion-rbac";
import { warningsOf } from "../stacks/app";
import { synthesizeReleaseValues } from "../stacks/release-values";
import { problemsOf } from "./support/environment-errors";
import {
  airflowFixtureStack,
  environmentsFromYaml,
  fixtureEnvironments,
  fixtureStack,
  fixtureWithInClusterAirflow,
  resourceOf,
  synthEnvironment,
  type TerraformJson,
} from "./support/synth";

// Every rule learnt from the chart's templates (open-metadata/openmetadata-helm-charts at tag
// openmetadata-1.13.1, charts/openmetadata/) and the server's K8s pipeline client
// (openmetadata-service/.../clients/pipeline/k8s/, read at 05a8f83f: the 1.13.1-release tag could not be
// fetched here) as a test named after it. Where the rule lives: lib/config/sections/pipeline-service-client.ts.

const referenceChart = resolve(__dirname, "..", "..", "shared", "reference", "openmetadata-chart-1.13.1");
const haveReference = existsSync(join(referenceChart, "values.schema.json"));

/** An environment on the dependencies chart (or external services) running its pipelines as Jobs. */
function jobs(name: string, k8s = "", openmetadata = "") {
  const [environment] = environmentsFromYaml(`
environments:
  - name: ${name}
    openmetadataUrl: https://${name}.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [data] } }
    openmetadata:
      cluster: { kubeconfigPath: ~/.kube/config }
      initialAdmins: [jane.doe]
      principalDomain: example.com
      pipelineServiceClient: { type: k8s, k8s: { ${k8s} } }
      ${openmetadata}
`);
  return environment!;
}

/** The same, as the problems its load reports. */
const problemsWith = (k8s: string, openmetadata = "") => problemsOf(() => jobs("bad", k8s, openmetadata));

/** An environment with free `openmetadata` fields after the required ones. */
function environmentWith(name: string, openmetadata: string) {
  return environmentsFromYaml(`
environments:
  - name: ${name}
    openmetadataUrl: https://${name}.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [data] } }
    openmetadata:
      cluster: { kubeconfigPath: ~/.kube/config }
      initialAdmins: [jane.doe]
      principalDomain: example.com
      ${openmetadata}
`)[0]!;
}

const EXTERNAL = "database: { host: db.example.com }\n      search: { host: search.example.com }";
const releaseValues = (json: TerraformJson, release = "openmetadata_release") => parse(resourceOf(json, "helm_release", release).values[0]);
const pipelineValues = (json: TerraformJson) => releaseValues(json).openmetadata.config.pipelineServiceClientConfig;
const k8sValues = (json: TerraformJson) => pipelineValues(json).k8s;
const policies = (json: TerraformJson) => json.resource.kubernetes_network_policy_v1 ?? {};

describe("an environment chooses how ingestion runs (openmetadata.pipelineServiceClient.type)", () => {
  // the chart's default, values.yaml 83
  test("an environment that says nothing keeps what it ran: Airflow where one runs, else none", () => {
    expect(environmentWith("deps", "").openmetadata!.pipelineServiceClient).toEqual({ type: "airflow", airflow: "dependencies" });
    const external = environmentWith("ext", `${EXTERNAL}\n      airflow: { apiEndpoint: https://airflow.example.com }`);
    expect(external.openmetadata!.pipelineServiceClient).toEqual({ type: "airflow", airflow: "external" });
    expect(environmentWith("none", EXTERNAL).openmetadata!.pipelineServiceClient).toEqual({ type: "disabled" });
  });

  test("Airflow is refused where none runs: no dependencies chart and no openmetadata.airflow", () => {
    expect(problemsOf(() => environmentWith("bad", `${EXTERNAL}\n      pipelineServiceClient: { type: airflow }`))).toEqual([
      expect.stringMatching(/^openmetadata\.pipelineServiceClient\.type: no Airflow runs for this environment .*type: k8s/),
    ]);
  });

  test("the k8s block is refused with any other type, rather than ignored", () => {
    expect(problemsOf(() => environmentWith("bad", "pipelineServiceClient: { type: airflow, k8s: { backoffLimit: 1 } }"))).toEqual([
      expect.stringMatching(/^openmetadata\.pipelineServiceClient\.k8s: configures the Kubernetes Jobs, but .*type is "airflow"/),
    ]);
  });

  test("disabled runs no Airflow in the dependencies chart and tells the server so", () => {
    const { json } = synthEnvironment(environmentWith("off", "pipelineServiceClient: { type: disabled }"));
    expect(releaseValues(json, "openmetadata_dependencies_release").airflow).toEqual({ enabled: false });
    expect(pipelineValues(json)).toEqual({ enabled: false, metadataApiEndpoint: "http://openmetadata:8585/api" });
  });
});

describe("with Jobs the dependencies release runs no Airflow, and MySQL and OpenSearch stay as they are", () => {
  test("the Airflow subchart is disabled, and nothing else in the stack names Airflow", () => {
    const { json, text } = fixtureStack("dev");
    expect(releaseValues(json, "openmetadata_dependencies_release").airflow).toEqual({ enabled: false });
    // The only mention: `airflow:\n  enabled: false` in the dependencies release's values.
    expect(text.match(/airflow/gi)).toEqual(["airflow"]);
  });

  // deps values.yaml 30-40
  test("MySQL keeps its Secret, user and database, and gets no init script: the chart's defaults are removed", () => {
    const { mysql } = releaseValues(fixtureStack("dev").json, "openmetadata_dependencies_release");
    const { mysql: withAirflow } = releaseValues(airflowFixtureStack("dev").json, "openmetadata_dependencies_release");
    expect(mysql.auth).toEqual(withAirflow.auth);
    expect(mysql.networkPolicy).toEqual({ enabled: false });
    expect(mysql).toHaveProperty("initdbScripts", null);
    expect(mysql.initdbScriptsConfigMap).toBeUndefined();
    expect(mysql.primary).toBeUndefined();
    expect(fixtureStack("dev").json.resource.kubernetes_config_map_v1).toBeUndefined();
  });

  test("OpenSearch is configured as before: the dependencies release sets nothing for it either way", () => {
    expect(releaseValues(fixtureStack("dev").json, "openmetadata_dependencies_release").opensearch).toBeUndefined();
    expect(releaseValues(airflowFixtureStack("dev").json, "openmetadata_dependencies_release").opensearch).toBeUndefined();
  });

  test("the Airflow-only fields are refused with Jobs, each with what to do, all at once", () => {
    const problems = problemsOf(() =>
      jobs(
        "bad",
        "",
        "dependencies: { airflowExecutor: KubernetesExecutor, sharedStorageClass: nfs }\n      airflow: { apiEndpoint: https://airflow.example.com }",
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^openmetadata\.airflow: is an Airflow-only field; with openmetadata\.pipelineServiceClient\.type "k8s" .*set type: airflow/,
      ),
      expect.stringMatching(/^openmetadata\.dependencies\.airflowExecutor: is an Airflow-only field .*remove it/),
      expect.stringMatching(/^openmetadata\.dependencies\.sharedStorageClass: is an Airflow-only field/),
    ]);
  });

  test("the Airflow-only fields are refused when no pipelines run either", () => {
    expect(
      problemsOf(() =>
        environmentWith("bad", "pipelineServiceClient: { type: disabled }\n      dependencies: { airflowExecutor: LocalExecutor }"),
      ),
    ).toEqual([expect.stringMatching(/^openmetadata\.dependencies\.airflowExecutor: .*type "disabled" OpenMetadata deploys no pipeline/)]);
  });
});

describe("the server's values set the chart's k8s block fully and deliberately", () => {
  // values.yaml 114-171
  test.skipIf(!haveReference)("every key of the chart's k8s block is set, none left to the chart's default", () => {
    const chartK8s = parse(readFileSync(join(referenceChart, "values.yaml"), "utf8")).openmetadata.config.pipelineServiceClientConfig.k8s;
    expect(Object.keys(k8sValues(fixtureStack("dev").json)).sort()).toEqual(Object.keys(chartK8s).sort());
  });

  test("the values say type k8s and leave the Airflow block out", () => {
    const values = pipelineValues(fixtureStack("dev").json);
    expect(values).toMatchObject({ enabled: true, type: "k8s", metadataApiEndpoint: "http://openmetadata:8585/api" });
    expect(values.airflow).toBeUndefined();
  });

  // values.yaml 119
  test("the ingestion image is ingestion-base at the server's version, never the chart's :latest", () => {
    expect(k8sValues(fixtureStack("dev").json)).toMatchObject({
      ingestionImage: "docker.getcollate.io/openmetadata/ingestion-base:1.13.1",
      imagePullPolicy: "IfNotPresent",
    });
  });

  test("the Jobs run as the ingestion image's own non-root user 1000 (ingestion/operators/docker/Dockerfile)", () => {
    expect(k8sValues(fixtureStack("dev").json).securityContext).toEqual({
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      runAsNonRoot: true,
    });
  });

  test("the OMJob operator stays off: its CRDs and ClusterRole are cluster-wide objects a namespace's stack must not own", () => {
    const values = releaseValues(fixtureStack("dev").json);
    expect(values.omjobOperator).toEqual({ enabled: false });
    expect(values.openmetadata.config.pipelineServiceClientConfig.k8s.useOMJobOperator).toBe(false);
  });

  test("the Job settings are deliberate: a week of finished Jobs and logs, two hours a run, no blind retry, three of each in history", () => {
    expect(k8sValues(fixtureStack("dev").json)).toMatchObject({
      ttlSecondsAfterFinished: 604800,
      activeDeadlineSeconds: 7200,
      backoffLimit: 0,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      enableFailureDiagnostics: true,
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } },
    });
  });

  // secrets.yaml 103, 110, 120-124
  test("node selector, tolerations and pull secrets reach the chart in the forms it passes on", () => {
    expect(k8sValues(fixtureStack("staging").json)).toMatchObject({
      nodeSelector: "example.com/pool=ingestion",
      tolerations: [{ key: "example.com/pool", operator: "Equal", value: "ingestion", effect: "NoSchedule" }],
      resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "6Gi" } },
    });
    const values = k8sValues(
      synthEnvironment(jobs("pull", "imagePullSecrets: [registry-a, registry-b], nodeSelector: { a: b, c.io/d: e }")).json,
    );
    expect(values).toMatchObject({ imagePullSecrets: "registry-a,registry-b", nodeSelector: "a=b,c.io/d=e" });
    expect(k8sValues(fixtureStack("dev").json)).toMatchObject({ imagePullSecrets: "", nodeSelector: "", tolerations: [] });
  });

  test("a Jobs environment with every k8s field set synthesizes its values to the chart's types", () => {
    const all = jobs(
      "all",
      "namespace: open, serviceAccountName: ingest, rbac: external, image: 'registry.example.com/om/ingestion-base:1.13.1', " +
        "imagePullSecrets: [reg], resources: { requests: { cpu: '1', memory: 2Gi }, limits: { cpu: '4', memory: 8Gi } }, " +
        "ttlSecondsAfterFinished: 0, activeDeadlineSeconds: 600, backoffLimit: 2, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5, " +
        "nodeSelector: { pool: ingestion }, tolerations: [{ operator: Exists }], networkPolicy: true, egress: [{ cidr: '10.0.0.0/8', ports: [443] }]",
    );
    expect(k8sValues(synthEnvironment(all).json)).toMatchObject({
      namespace: "open",
      serviceAccountName: "ingest",
      ingestionImage: "registry.example.com/om/ingestion-base:1.13.1",
      ttlSecondsAfterFinished: 0,
      tolerations: [{ operator: "Exists" }],
      rbac: { enabled: false },
    });
  });

  test.skipIf(!haveReference)(
    "the Jobs environments, and one with every k8s field, pass the chart 1.13.1 schema (npm run check:chart)",
    () => {
      const all = jobs(
        "all",
        "rbac: chart, imagePullSecrets: [reg], nodeSelector: { pool: x }, tolerations: [{ key: a, value: b, effect: NoExecute }]",
      );
      const environments = [fixtureStack("dev").stack.environment, fixtureStack("staging").stack.environment, all];
      const report = checkChart(loadChart(referenceChart), environments, { synthesize: synthesizeReleaseValues });
      expect(report.environments.map((environment) => [environment.environment, environment.valid])).toEqual([
        ["dev", true],
        ["staging", true],
        ["all", true],
      ]);
    },
  );
});

describe("rules from the chart's and the server's sources, checked before synthesis", () => {
  // k8s-pipeline-rbac.yaml 2: every object in the release namespace
  test("a Jobs namespace the chart's or the stack's RBAC cannot reach is refused", () => {
    expect(problemsWith("namespace: elsewhere")).toEqual([
      expect.stringMatching(
        /^openmetadata\.pipelineServiceClient\.k8s\.namespace: the stack's RBAC .* release namespace "openmetadata-bad" .*rbac: external/,
      ),
    ]);
    expect(problemsWith("namespace: elsewhere, rbac: chart")).toEqual([expect.stringContaining("the chart's RBAC")]);
  });

  // k8s-pipeline-rbac.yaml 3-8: the default exists only when the chart makes it
  test("RBAC managed elsewhere needs a named service account", () => {
    expect(problemsWith("rbac: external")).toEqual([
      expect.stringMatching(
        /^openmetadata\.pipelineServiceClient\.k8s\.serviceAccountName: with rbac: external nothing creates the service account/,
      ),
    ]);
  });

  test("with RBAC managed elsewhere the Jobs may run in another namespace, and call the server by its namespace-qualified name", () => {
    const { json } = synthEnvironment(jobs("other", "namespace: pipelines, rbac: external, serviceAccountName: ingest"));
    expect(pipelineValues(json).metadataApiEndpoint).toBe("http://openmetadata.openmetadata-other.svc:8585/api");
    expect(json.resource.kubernetes_role_v1).toBeUndefined();
    const policy = resourceOf(json, "kubernetes_network_policy_v1", "openmetadata_ingestion-network-policy_jobs");
    expect(policy.metadata.namespace).toBe("pipelines");
    expect(policy.spec.egress[0].to).toEqual([
      {
        pod_selector: { match_labels: { "app.kubernetes.io/name": "openmetadata", "app.kubernetes.io/instance": "openmetadata" } },
        namespace_selector: {
          match_labels: { "kubernetes.io/metadata.name": "${kubernetes_namespace_v1.openmetadata_namespace.metadata[0].name}" },
        },
      },
    ]);
  });

  // Chart.yaml 18 and 24, deployment.yaml 48
  test("an ingestion image whose tag differs from the server's version is refused", () => {
    expect(problemsWith("image: 'docker.getcollate.io/openmetadata/ingestion-base:1.12.0'")).toEqual([
      expect.stringMatching(
        /^openmetadata\.pipelineServiceClient\.k8s\.image: tag 1\.12\.0 differs from the server's version 1\.13\.1 .*ingestion-base:1\.13\.1/,
      ),
    ]);
  });

  // the chart's own default, values.yaml 119
  test("an ingestion image on :latest or without a tag is refused", () => {
    expect(problemsWith("image: 'docker.getcollate.io/openmetadata/ingestion-base:latest'")).toEqual([
      expect.stringContaining(":latest moves with every release"),
    ]);
    expect(problemsWith("image: 'registry.example.com:5000/ingestion-base'")).toEqual([
      expect.stringContaining(
        'has no tag, which means :latest; pin the server\'s version: "registry.example.com:5000/ingestion-base:1.13.1"',
      ),
    ]);
  });

  test("the image follows the chart version: a pinned older chart runs an ingestion image of its own version", () => {
    const environment = jobs("older", "", "chartVersion: 1.12.3");
    expect(environment.openmetadata!.pipelineServiceClient).toMatchObject({
      k8s: { image: "docker.getcollate.io/openmetadata/ingestion-base:1.12.3" },
    });
  });

  // values.yaml has the k8s block from 1.11.12
  test("a chart without the k8s pipeline client is refused for Jobs", () => {
    expect(problemsWith("", "chartVersion: 1.11.11")).toEqual([
      expect.stringMatching(/^openmetadata\.chartVersion: chart 1\.11\.11 has no k8s pipeline service client .*1\.11\.12/),
    ]);
  });

  // serviceaccount.yaml 5, _helpers.tpl 59-61
  test("the Jobs never run as the server's own service account", () => {
    expect(problemsWith("serviceAccountName: openmetadata")).toEqual([
      expect.stringMatching(/^openmetadata\.pipelineServiceClient\.k8s\.serviceAccountName: is the server's own service account/),
    ]);
  });

  test("a resource quantity the server cannot parse is refused (K8sPipelineClientConfig.validateConfiguration stops the server)", () => {
    expect(problemsWith("resources: { limits: { memory: 4GB } }")).toEqual([
      expect.stringMatching(
        /^openmetadata\.pipelineServiceClient\.k8s\.resources\.limits\.memory: expected a Kubernetes quantity \(write "4Gi"\)/,
      ),
    ]);
    expect(problemsWith("resources: { requests: { cpu: 2 } }")).toEqual([expect.stringContaining('quote it: "2"')]);
  });

  test("requests above their limits are refused: Kubernetes would reject every Job pod", () => {
    expect(problemsWith("resources: { requests: { memory: 8Gi } }")).toEqual([
      expect.stringMatching(/^openmetadata\.pipelineServiceClient\.k8s\.resources\.requests\.memory: is above limits\.memory \(4Gi\)/),
    ]);
    expect(problemsWith("resources: { requests: { cpu: 1500m }, limits: { cpu: '1.5' } }")).toEqual([]);
  });

  test("a toleration with operator Exists may not name a value, and one with Equal needs its key", () => {
    expect(problemsWith("tolerations: [{ key: a, operator: Exists, value: b }, { value: c }]")).toEqual([
      expect.stringMatching(/^openmetadata\.pipelineServiceClient\.k8s\.tolerations\[0\]\.value: a toleration with operator "Exists"/),
      expect.stringMatching(/^openmetadata\.pipelineServiceClient\.k8s\.tolerations\[1\]\.key: a toleration with operator "Equal" needs/),
    ]);
  });

  test("egress is refused when the Jobs' NetworkPolicy is off, where it would open nothing", () => {
    expect(problemsWith("networkPolicy: false, egress: [{ cidr: 10.0.0.0/8, ports: [5432] }]")).toEqual([
      expect.stringMatching(/^openmetadata\.pipelineServiceClient\.k8s\.egress: opens paths in the Jobs' NetworkPolicy/),
    ]);
  });

  // secrets.yaml 110
  test("node selector values cannot hold the ',' and '=' the chart's key=value list splits on", () => {
    expect(problemsWith("nodeSelector: { pool: 'a,b=c' }")).toEqual([
      expect.stringMatching(/^openmetadata\.pipelineServiceClient\.k8s\.nodeSelector\.pool: expected a label value/),
    ]);
  });

  test("two environments on one cluster may not run their Jobs in one namespace: the servers name what they create after the pipeline alone", () => {
    const environment = (name: string) => `
  - name: ${name}
    openmetadataUrl: https://${name}.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [data] } }
    openmetadata:
      cluster: { kubeconfigPath: ~/.kube/config }
      initialAdmins: [jane.doe]
      principalDomain: example.com
      pipelineServiceClient: { type: k8s, k8s: { namespace: pipelines, rbac: external, serviceAccountName: ingest } }`;
    expect(problemsOf(() => environmentsFromYaml(`environments:${environment("one")}${environment("two")}`))).toEqual([
      expect.stringMatching(
        /^openmetadata\.pipelineServiceClient\.k8s\.namespace: environment "one" runs its ingestion Jobs in the same namespace/,
      ),
    ]);
  });

  test("the Jobs may not run in another environment's namespace, which that environment's stack deletes on destroy", () => {
    const problems = problemsOf(() =>
      environmentsFromYaml(`
environments:
  - name: owner
    openmetadataUrl: https://owner.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [data] } }
    openmetadata: { cluster: { kubeconfigPath: ~/.kube/config }, initialAdmins: [jane.doe], principalDomain: example.com }
  - name: guest
    openmetadataUrl: https://guest.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [data] } }
    openmetadata:
      cluster: { kubeconfigPath: ~/.kube/config }
      initialAdmins: [jane.doe]
      principalDomain: example.com
      pipelineServiceClient: { type: k8s, k8s: { namespace: openmetadata-owner, rbac: external, serviceAccountName: ingest } }
`),
    );
    expect(problems).toEqual([expect.stringContaining('is the namespace of environment "owner", whose stack owns it')]);
  });

  test("every problem of the section is reported in one run", () => {
    expect(problemsWith("rbac: external, namespace: x, image: 'a/b:latest', resources: { requests: { cpu: '3' } }")).toHaveLength(3);
  });
});

describe("the service account and its RBAC", () => {
  const rbacOf = (json: TerraformJson) => ({
    account: resourceOf(json, "kubernetes_service_account_v1", "openmetadata_ingestion-rbac_service-account"),
    role: resourceOf(json, "kubernetes_role_v1", "openmetadata_ingestion-rbac_server-role"),
    binding: resourceOf(json, "kubernetes_role_binding_v1", "openmetadata_ingestion-rbac_server-role-binding"),
  });

  // k8s-pipeline-rbac.yaml 78-102
  test("the stack gives the server the chart's pipeline-manager rules without the OMJob ones", () => {
    const { role, binding } = rbacOf(fixtureStack("dev").json);
    expect(role.metadata).toMatchObject({ name: "openmetadata-pipeline-client" });
    expect(role.rule).toEqual(
      SERVER_PIPELINE_RULES.map((rule) => ({ api_groups: rule.apiGroups, resources: rule.resources, verbs: rule.verbs })),
    );
    expect(JSON.stringify(role.rule)).not.toContain("pipelines.openmetadata.org");
    // The chart names the server's service account after the release (serviceaccount.yaml 5, _helpers.tpl 59-61).
    expect(binding.subject).toEqual([
      { kind: "ServiceAccount", name: "openmetadata", namespace: "${kubernetes_namespace_v1.openmetadata_namespace.metadata[0].name}" },
    ]);
    expect(binding.role_ref).toEqual({ api_group: "rbac.authorization.k8s.io", kind: "Role", name: "openmetadata-pipeline-client" });
  });

  test("the Jobs' service account has no Role and mounts no token: main.py never calls the Kubernetes API", () => {
    const { json } = fixtureStack("dev");
    expect(rbacOf(json).account).toMatchObject({ metadata: { name: "openmetadata-ingestion" }, automount_service_account_token: false });
    expect(Object.keys(json.resource.kubernetes_role_v1 ?? {})).toEqual(["openmetadata_ingestion-rbac_server-role"]);
  });

  test("the server installs after its Role, so its pipeline client starts with its permissions", () => {
    expect(resourceOf(fixtureStack("dev").json, "helm_release", "openmetadata_release").depends_on).toEqual(
      expect.arrayContaining([
        "kubernetes_role_v1.openmetadata_ingestion-rbac_server-role",
        "kubernetes_role_binding_v1.openmetadata_ingestion-rbac_server-role-binding",
        "kubernetes_service_account_v1.openmetadata_ingestion-rbac_service-account",
      ]),
    );
  });

  // k8s-pipeline-rbac.yaml 39-42
  test("the chart's RBAC is used only when asked for, with a warning that its Role opens every Secret to the Jobs", () => {
    const { json, stack } = synthEnvironment(jobs("chart", "rbac: chart"));
    expect(k8sValues(json).rbac).toEqual({ enabled: true });
    expect(json.resource.kubernetes_service_account_v1).toBeUndefined();
    expect(warningsOf([stack])).toEqual([expect.stringContaining("the chart's Role lets every ingestion pod read and write every Secret")]);
    expect(warningsOf([synthEnvironment(jobs("quiet")).stack])).toEqual([]);
  });

  test("external RBAC creates no account or Role and turns the chart's off", () => {
    const { json } = synthEnvironment(jobs("ext", "rbac: external, serviceAccountName: ingest"));
    expect(json.resource.kubernetes_service_account_v1).toBeUndefined();
    expect(json.resource.kubernetes_role_binding_v1).toBeUndefined();
    expect(k8sValues(json)).toMatchObject({ rbac: { enabled: false }, serviceAccountName: "ingest" });
  });
});

describe("the network: the Jobs reach the server and their sources, and nothing reaches them", () => {
  const jobsPolicy = (json: TerraformJson) =>
    resourceOf(json, "kubernetes_network_policy_v1", "openmetadata_ingestion-network-policy_jobs");

  test("the ingestion pods, found by the labels K8sPipelineClient gives them, accept no connection", () => {
    const { spec } = jobsPolicy(fixtureStack("dev").json);
    expect(spec.pod_selector).toEqual({
      match_labels: {
        "app.kubernetes.io/name": "openmetadata",
        "app.kubernetes.io/component": "ingestion",
        "app.kubernetes.io/managed-by": "openmetadata",
      },
    });
    expect(spec.policy_types).toEqual(["Ingress", "Egress"]);
    expect(spec.ingress).toBeUndefined();
  });

  test("they reach the OpenMetadata server on 8585, DNS, and only the address ranges and ports the environment opens", () => {
    const { spec } = jobsPolicy(fixtureStack("staging").json);
    expect(spec.egress).toEqual([
      {
        to: [
          { pod_selector: { match_labels: { "app.kubernetes.io/name": "openmetadata", "app.kubernetes.io/instance": "openmetadata" } } },
        ],
        ports: [{ port: "8585", protocol: "TCP" }],
      },
      {
        ports: [
          { port: "53", protocol: "UDP" },
          { port: "53", protocol: "TCP" },
        ],
      },
      { to: [{ ip_block: { cidr: "10.40.0.0/16" } }], ports: [{ port: "5432", protocol: "TCP" }] },
      { to: [{ ip_block: { cidr: "0.0.0.0/0" } }], ports: [{ port: "443", protocol: "TCP" }] },
    ]);
  });

  test("MySQL and OpenSearch admit only the server: the Jobs talk to its API, never to its database or search", () => {
    for (const [name, policy] of Object.entries(policies(fixtureStack("dev").json)).filter(([name]) => name.includes("dependencies")))
      expect(policy.spec.ingress[0].from, name).toEqual([
        { pod_selector: { match_labels: { "app.kubernetes.io/name": "openmetadata", "app.kubernetes.io/instance": "openmetadata" } } },
      ]);
  });

  test("networkPolicy: false creates no policy for the Jobs", () => {
    expect(Object.keys(policies(synthEnvironment(jobs("open", "networkPolicy: false")).json))).not.toContain(
      "openmetadata_ingestion-network-policy_jobs",
    );
  });

  test("a Jobs environment with external services still gets the Jobs' policy, and no dependencies policy", () => {
    expect(Object.keys(policies(synthEnvironment(jobs("ext", "", EXTERNAL)).json))).toEqual(["openmetadata_ingestion-network-policy_jobs"]);
  });
});

describe("secrets: the Jobs authenticate as the server arranges, and the stack hands them no credential", () => {
  test("the k8s values hold no Secret reference, environment variable or annotation a credential could travel in", () => {
    const values = k8sValues(fixtureStack("staging").json);
    expect(values).toMatchObject({ extraEnvVars: [], podAnnotations: "" });
    expect(JSON.stringify(values)).not.toMatch(/secretRef|secretKey|password|token|\$\{/i);
  });

  test("no Airflow credential exists with Jobs: no airflow-secrets Secret and no Airflow password", () => {
    const { json } = fixtureStack("dev");
    const secrets = Object.values(json.resource.kubernetes_secret_v1 ?? {}).map((secret) => secret.metadata.name);
    expect(secrets).not.toContain("airflow-secrets");
    expect(Object.keys(json.resource.random_password ?? {})).toEqual([
      "openmetadata_secrets_database-password",
      "openmetadata_secrets_mysql-root-password",
    ]);
  });
});

describe("moving an environment from Airflow to Jobs (help/runbooks/airflow-to-jobs.md)", () => {
  const addressesOf = (json: TerraformJson) =>
    Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));

  test("the move leaves no Airflow object behind: every address that goes is Airflow's, and no address or name that stays is", () => {
    for (const name of ["dev", "staging"]) {
      const before = addressesOf(airflowFixtureStack(name).json);
      const after = addressesOf(fixtureStack(name).json);
      const removed = before.filter((address) => !after.includes(address)).sort();
      expect(removed, name).toEqual([
        "kubernetes_config_map_v1.openmetadata_dependencies_mysql-init-scripts",
        "kubernetes_secret_v1.openmetadata_dependencies_airflow-metadata-secret",
        "kubernetes_secret_v1.openmetadata_dependencies_airflow-secret-key-secret",
        "kubernetes_secret_v1.openmetadata_dependencies_mysql-init-env-secret",
        "kubernetes_secret_v1.openmetadata_secrets_airflow-secret",
        "random_bytes.openmetadata_secrets_airflow-webserver-secret-key",
        "random_password.openmetadata_secrets_airflow-admin-password",
        "random_password.openmetadata_secrets_airflow-database-password",
      ]);
      expect(after.filter((address) => /airflow/i.test(address))).toEqual([]);
      expect(after.filter((address) => !before.includes(address)).sort()).toEqual([
        "kubernetes_network_policy_v1.openmetadata_ingestion-network-policy_jobs",
        "kubernetes_role_binding_v1.openmetadata_ingestion-rbac_server-role-binding",
        "kubernetes_role_v1.openmetadata_ingestion-rbac_server-role",
        "kubernetes_service_account_v1.openmetadata_ingestion-rbac_service-account",
      ]);
    }
  });

  test("the releases that stay change in place: the dependencies release drops its Airflow subchart, the server its Airflow client", () => {
    const before = airflowFixtureStack("staging").json;
    const after = fixtureStack("staging").json;
    for (const release of ["openmetadata_release", "openmetadata_dependencies_release"]) {
      // Same release, same name: Helm upgrades it (no replacement), and the Airflow subchart's objects go with the upgrade.
      expect(resourceOf(after, "helm_release", release).name).toBe(resourceOf(before, "helm_release", release).name);
    }
    expect(releaseValues(before, "openmetadata_dependencies_release").airflow.executor).toBe("LocalExecutor");
    expect(releaseValues(after, "openmetadata_dependencies_release").airflow).toEqual({ enabled: false });
    // The server's values change, so its pod rolls (checksum/values) and starts with the K8s client.
    expect(releaseValues(after).podAnnotations["checksum/values"]).not.toBe(releaseValues(before).podAnnotations["checksum/values"]);
  });
});

describe("npm run ingestion-config prints what a metadata CLI user needs, in either mode", () => {
  const fixture = (name: string) => fixtureEnvironments().find((environment) => environment.name === name)!;
  const header = (text: string) => text.split("\n").filter((line) => line.startsWith("#"));

  test("with Jobs: the client version of the server, and the namespace, image and account the UI's pipelines run with", () => {
    const text = ingestionWorkflowConfig(fixture("dev"));
    expect(header(text)).toEqual([
      expect.stringContaining("paste under your workflow's"),
      expect.stringContaining("Export OPENMETADATA_JWT_TOKEN"),
      '# Use the metadata CLI of the server\'s version: pip install "openmetadata-ingestion==1.13.1.*"',
      "# Pipelines deployed from the UI run as Kubernetes Jobs in namespace openmetadata-dev, image " +
        "docker.getcollate.io/openmetadata/ingestion-base:1.13.1, service account openmetadata-ingestion; the same image runs this workflow with `metadata ingest`.",
    ]);
    // The workflowConfig itself is the same in every mode: the bot's token by variable, never its value.
    expect(parse(text).workflowConfig.openMetadataServerConfig.securityConfig).toEqual({ jwtToken: "${OPENMETADATA_JWT_TOKEN}" });
  });

  test("with Airflow: which Airflow runs the UI's pipelines, the dependencies chart's or the environment's own", () => {
    expect(header(ingestionWorkflowConfig(fixtureWithInClusterAirflow("dev")))[3]).toBe(
      "# Pipelines deployed from the UI run in Airflow at http://openmetadata-dependencies-api-server:8080 (the dependencies chart's).",
    );
    expect(header(ingestionWorkflowConfig(fixture("prod")))[3]).toBe(
      "# Pipelines deployed from the UI run in Airflow at https://airflow.prod.internal.example.com.",
    );
  });

  test("with no pipeline service: that the CLI is the way to run them", () => {
    expect(header(ingestionWorkflowConfig(environmentWith("none", EXTERNAL)))[3]).toContain(
      "OpenMetadata deploys no pipelines for this environment",
    );
  });
});
