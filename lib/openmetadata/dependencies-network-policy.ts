import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";
import { DEPENDENCY_SERVICES, serverPodLabels } from "./resource-names";

export interface DependenciesNetworkPolicyProps {
  readonly namespace: string;
  readonly dependenciesReleaseName: string;
  readonly openmetadataReleaseName: string;
  /**
   * Admit the dependencies chart's Airflow too. Without Airflow only the server is a client: ingestion Jobs
   * talk to the server's API, never to MySQL or OpenSearch.
   * @default true
   */
  readonly withAirflow?: boolean;
}

/**
 * Admits only OpenMetadata (and Airflow, where it runs) to MySQL (3306) and OpenSearch (9200), instead of every pod
 * in the cluster: OpenSearch runs with its security plugin disabled (deps chart `values.yaml` 56 at
 * openmetadata-1.13.1; help/kubernetes.md#the-dependencies-release). Takes effect only
 * with a CNI that enforces NetworkPolicy (Calico, Cilium, kind's kindnet since 0.24...). Egress is
 * not restricted: Airflow pods install Python packages from PyPI at start.
 *
 * Pod labels at the pinned subchart versions:
 * - MySQL: bitnami/charts mysql/14.0.2 `templates/primary/statefulset.yaml` 41-43 (common.labels.standard:
 *   `app.kubernetes.io/name` = chart name `mysql`, `app.kubernetes.io/instance` = release).
 * - OpenSearch: opensearch-project/helm-charts opensearch-3.3.2 `templates/statefulset.yaml` 62-63 and
 *   `_helpers.tpl` 48-51 (`app.kubernetes.io/name: opensearch`, `app.kubernetes.io/instance` = release);
 *   the chart creates no policy of its own (`values.yaml` 458-459, `networkPolicy.create: false`).
 * - OpenMetadata: openmetadata-helm-charts openmetadata-1.13.1 `templates/deployment.yaml` 24-25 and
 *   `_helpers.tpl` 4-6, 41, 51-54 (`app.kubernetes.io/name: openmetadata`, `app.kubernetes.io/instance` =
 *   release); its CronJob pods carry the same labels (`templates/cron-reindex.yaml` 26-27).
 * - Airflow: every pod of the Airflow chart carries `tier: airflow` and `release: <release>`
 *   (apache/airflow `chart/templates/jobs/migrate-database-job.yaml` 56-59 @058b846c, the same block in
 *   each component; not read at the 1.18.0 tag).
 */
export class DependenciesNetworkPolicy extends Construct {
  readonly policies: NetworkPolicyV1[];

  constructor(scope: Construct, id: string, props: DependenciesNetworkPolicyProps) {
    super(scope, id);
    const instance = props.dependenciesReleaseName;
    const openmetadata = { podSelector: { matchLabels: { ...serverPodLabels(props.openmetadataReleaseName) } } };
    const clients = [
      openmetadata,
      ...((props.withAirflow ?? true) ? [{ podSelector: { matchLabels: { tier: "airflow", release: instance } } }] : []),
    ];
    const policy = (policyId: string, app: string, port: number, extraIngress: object[] = []) =>
      new NetworkPolicyV1(this, policyId, {
        metadata: { name: `${app}-clients`, namespace: props.namespace, labels: { "app.kubernetes.io/managed-by": "cdktf" } },
        spec: {
          podSelector: { matchLabels: { "app.kubernetes.io/name": app, "app.kubernetes.io/instance": instance } },
          policyTypes: ["Ingress"],
          ingress: [{ from: clients, ports: [{ port: String(port), protocol: "TCP" }] }, ...extraIngress],
        },
      });
    this.policies = [
      policy("mysql", "mysql", DEPENDENCY_SERVICES.mysql.port),
      // Transport (9300) between OpenSearch nodes, should singleNode ever be turned off.
      policy("opensearch", "opensearch", DEPENDENCY_SERVICES.opensearch.port, [
        {
          from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "opensearch", "app.kubernetes.io/instance": instance } } }],
          ports: [{ port: "9300", protocol: "TCP" }],
        },
      ]),
    ];
  }
}
