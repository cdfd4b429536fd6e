import { describe, expect, test } from "vitest";
import { problemsOf } from "./support/environment-errors";
import { parse } from "yaml";
import { airflowFixtureStack, environmentsFromYaml, fixtureStack, resourceOf, synthEnvironment, type TerraformJson } from "./support/synth";

const dependenciesRelease = (json: TerraformJson) => resourceOf(json, "helm_release", "openmetadata_dependencies_release");
const dependenciesValues = (json: TerraformJson) => parse(dependenciesRelease(json).values[0]);

/** A dependencies environment with the given `openmetadata.dependencies` fields, as flow-style YAML. */
function withDependencies(name: string, fields: string) {
  return environmentsFromYaml(`
environments:
  - name: ${name}
    openmetadataUrl: https://${name}.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [data] } }
    openmetadata:
      cluster: { kubeconfigPath: ~/.kube/config }
      initialAdmins: [jane.doe]
      principalDomain: example.com
      dependencies: { ${fields} }
`);
}

// help/kubernetes.md#the-dependencies-release (migration and create-user Jobs); hashicorp/terraform-provider-helm#683
describe("the dependencies release installs under Terraform", () => {
  test("the Airflow migration and create-user Jobs are not Helm hooks, which Helm would run only after its wait", () => {
    const { airflow } = dependenciesValues(airflowFixtureStack("dev").json);
    expect(airflow.migrateDatabaseJob.useHelmHooks).toBe(false);
    expect(airflow.createUserJob.useHelmHooks).toBe(false);
    // Without hooks, the template's only Job annotations are jobAnnotations: none may name a Helm hook either.
    expect(JSON.stringify(airflow)).not.toContain("helm.sh/hook");
  });

  test(
    "the migration Job keeps the custom env that carries the FAB downgrade, and " +
      "finished Jobs are removed so a changed env can recreate them",
    () => {
      const { airflow } = dependenciesValues(airflowFixtureStack("dev").json);
      expect(airflow.migrateDatabaseJob).toMatchObject({ applyCustomEnv: true, ttlSecondsAfterFinished: 300 });
      expect(airflow.createUserJob).toMatchObject({ applyCustomEnv: true, ttlSecondsAfterFinished: 300 });
      // The deps chart's own `env` (with _PIP_ADDITIONAL_REQUIREMENTS) must not be replaced by an `env` of ours.
      expect(airflow.env).toBeUndefined();
    },
  );

  test("the dependencies release waits for the Airflow Jobs, so OpenMetadata installs after Airflow is migrated", () => {
    const release = dependenciesRelease(airflowFixtureStack("staging").json);
    expect(release).toMatchObject({ atomic: true, wait: true, wait_for_jobs: true });
  });
});

// help/kubernetes.md#the-dependencies-release (executor and storage)
describe("storage fits the cluster", () => {
  test("Airflow logs are not persisted unless the environment names a ReadWriteMany storage class", () => {
    const { airflow } = dependenciesValues(airflowFixtureStack("dev").json);
    expect(airflow.logs.persistence).toEqual({ enabled: false });
    expect(airflow.dags.persistence).toEqual({ enabled: true, accessMode: "ReadWriteOnce", storageClassName: "" });
    expect(airflow.executor).toBe("LocalExecutor");
  });

  test("a shared storage class makes the DAG and log volumes ReadWriteMany on that class", () => {
    const [environment] = withDependencies("rwx", "airflowExecutor: KubernetesExecutor, sharedStorageClass: nfs-client");
    const { airflow } = dependenciesValues(synthEnvironment(environment!).json);
    expect(airflow.executor).toBe("KubernetesExecutor");
    expect(airflow.dags.persistence).toEqual({ enabled: true, accessMode: "ReadWriteMany", storageClassName: "nfs-client" });
    expect(airflow.logs.persistence).toEqual({ enabled: true, storageClassName: "nfs-client" });
  });

  test("KubernetesExecutor without a shared storage class is refused before synthesis", () => {
    expect(problemsOf(() => withDependencies("k8s", "airflowExecutor: KubernetesExecutor"))).toEqual([
      expect.stringMatching(
        /^openmetadata\.dependencies\.sharedStorageClass: KubernetesExecutor task pods run on any node .*ReadWriteMany StorageClass/,
      ),
    ]);
  });
});

// help/kubernetes.md#the-dependencies-release; hashicorp/terraform-provider-helm#1788
describe("no password reaches MySQL or Airflow through Helm values, a ConfigMap or a command line", () => {
  test("MySQL reads its passwords from the stack's Secret and creates OpenMetadata's user and database itself", () => {
    const { mysql } = dependenciesValues(airflowFixtureStack("dev").json);
    expect(mysql.auth).toEqual({
      existingSecret: "openmetadata-dependencies-mysql-auth",
      database: "openmetadata_db",
      username: "openmetadata_user",
    });
    expect(mysql.primary.extraEnvVarsSecret).toBe("openmetadata-dependencies-mysql-init-env");
  });

  test("the chart's init scripts with their passwords are replaced by a ConfigMap that reads the password from the environment", () => {
    const json = airflowFixtureStack("dev").json;
    expect(dependenciesValues(json).mysql.initdbScriptsConfigMap).toBe("openmetadata-dependencies-mysql-init");
    const configMaps = Object.values(json.resource.kubernetes_config_map_v1 ?? {});
    expect(configMaps.map((configMap) => configMap.metadata.name)).toEqual(["openmetadata-dependencies-mysql-init"]);
    const script: string = configMaps[0]!.data["airflow_db.sh"];
    expect(script).toContain("IDENTIFIED BY '$AIRFLOW_DATABASE_PASSWORD'");
    for (const configMap of configMaps) expect(JSON.stringify(configMap.data)).not.toMatch(/\$\{/);
  });

  test("Airflow reads its database connection and its API and webserver secret keys from the stack's Secrets", () => {
    const { airflow } = dependenciesValues(airflowFixtureStack("dev").json);
    expect(airflow.data).toEqual({ metadataSecretName: "openmetadata-dependencies-airflow-metadata" });
    expect(airflow.apiSecretKeySecretName).toBe("openmetadata-dependencies-airflow-secret-key");
    expect(airflow.webserverSecretKeySecretName).toBe("openmetadata-dependencies-airflow-secret-key");
  });

  test("the create-user Job reads the admin password from a mounted Secret, not from its arguments", () => {
    const { airflow } = dependenciesValues(airflowFixtureStack("dev").json);
    const command: string = airflow.createUserJob.args.join(" ");
    expect(command).toContain('--password "$(cat /etc/airflow-admin/password)"');
    expect(command).not.toMatch(/\$\{|\{\{/);
    expect(airflow.webserver.defaultUser.password).toBeUndefined();
    expect(airflow.createUserJob.extraVolumes).toEqual([
      {
        name: "airflow-admin-password",
        secret: { secretName: "airflow-secrets", items: [{ key: "openmetadata-airflow-password", path: "password" }] },
      },
    ]);
    expect(airflow.createUserJob.extraVolumeMounts).toEqual([
      { name: "airflow-admin-password", mountPath: "/etc/airflow-admin", readOnly: true },
    ]);
  });

  test("the release is installed after every Secret and the ConfigMap it names", () => {
    const release = dependenciesRelease(airflowFixtureStack("dev").json);
    expect(release.depends_on).toEqual(
      expect.arrayContaining([
        "kubernetes_secret_v1.openmetadata_dependencies_mysql-auth-secret",
        "kubernetes_secret_v1.openmetadata_dependencies_mysql-init-env-secret",
        "kubernetes_secret_v1.openmetadata_dependencies_airflow-metadata-secret",
        "kubernetes_secret_v1.openmetadata_dependencies_airflow-secret-key-secret",
        "kubernetes_secret_v1.openmetadata_secrets_airflow-secret",
        "kubernetes_config_map_v1.openmetadata_dependencies_mysql-init-scripts",
      ]),
    );
  });
});

// help/kubernetes.md#the-dependencies-release (NetworkPolicy): OpenSearch runs with its security plugin disabled
describe("the database and search are not open to every pod", () => {
  const policies = (json: TerraformJson) => Object.values(json.resource.kubernetes_network_policy_v1 ?? {});

  test("a NetworkPolicy admits only OpenMetadata and Airflow to MySQL and OpenSearch, by the subcharts' pod labels", () => {
    const byName = Object.fromEntries(policies(airflowFixtureStack("dev").json).map((policy) => [policy.metadata.name, policy.spec]));
    const clients = [
      { pod_selector: { match_labels: { "app.kubernetes.io/name": "openmetadata", "app.kubernetes.io/instance": "openmetadata" } } },
      { pod_selector: { match_labels: { tier: "airflow", release: "openmetadata-dependencies" } } },
    ];
    expect(byName["mysql-clients"]).toEqual({
      pod_selector: { match_labels: { "app.kubernetes.io/name": "mysql", "app.kubernetes.io/instance": "openmetadata-dependencies" } },
      policy_types: ["Ingress"],
      ingress: [{ from: clients, ports: [{ port: "3306", protocol: "TCP" }] }],
    });
    expect(byName["opensearch-clients"]?.pod_selector).toEqual({
      match_labels: { "app.kubernetes.io/name": "opensearch", "app.kubernetes.io/instance": "openmetadata-dependencies" },
    });
    expect(byName["opensearch-clients"]?.ingress[0]).toEqual({ from: clients, ports: [{ port: "9200", protocol: "TCP" }] });
  });

  test("the MySQL chart's own allow-all policy is switched off, since NetworkPolicies add up", () => {
    expect(dependenciesValues(airflowFixtureStack("dev").json).mysql.networkPolicy).toEqual({ enabled: false });
  });

  test("the policy is on by default where the dependencies chart runs and can be turned off", () => {
    expect(policies(airflowFixtureStack("staging").json)).toHaveLength(2);
    expect(policies(fixtureStack("prod").json)).toHaveLength(0);
    const [environment] = withDependencies("open", "networkPolicy: false");
    const { json } = synthEnvironment(environment!);
    expect(policies(json)).toHaveLength(0);
    expect(dependenciesValues(json).mysql.networkPolicy).toBeUndefined();
  });

  test("dependency options are refused when the dependencies chart is disabled", () => {
    const problems = problemsOf(() =>
      environmentsFromYaml(`
environments:
  - name: ext
    openmetadataUrl: https://ext.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [data] } }
    openmetadata:
      cluster: { inCluster: true }
      initialAdmins: [jane.doe]
      principalDomain: example.com
      database: { host: db.example.com }
      search: { host: search.example.com }
      dependencies: { networkPolicy: true }
`),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(
          String.raw`^openmetadata\.dependencies: airflowExecutor, sharedStorageClass and` +
            String.raw` networkPolicy configure the dependencies chart, which is disabled`,
        ),
      ),
    ]);
  });
});
