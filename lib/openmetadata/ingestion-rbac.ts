import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1, type RoleV1Rule } from "@cdktf/provider-kubernetes/lib/role-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Construct } from "constructs";

export interface IngestionRbacProps {
  /** The release namespace: where the server creates the Jobs (the stack manages RBAC only there). */
  readonly namespace: string;
  /** The Jobs' service account, `k8s.serviceAccountName`. */
  readonly serviceAccountName: string;
  /** The OpenMetadata release; the chart names the server's service account after it. */
  readonly releaseName: string;
}

/**
 * What the server needs to run ingestion pipelines as Jobs, and nothing for the Jobs themselves.
 *
 * The server's Role is the chart's `openmetadata-server-pipeline-manager` (templates/k8s-pipeline-rbac.yaml
 * 78-102 at openmetadata-1.13.1) without its OMJob rules (103-116; the operator stays off), bound to the
 * server's service account, which the chart names after the release (serviceaccount.yaml 5, _helpers.tpl
 * 59-61). Each rule matches calls of K8sPipelineClient: ConfigMaps and Secrets per pipeline
 * (createOrUpdateConfigMap/Secret, deletePipeline), CronJobs and Jobs (deployPipeline, runPipeline,
 * toggleIngestion, killIngestion, getQueuedPipelineStatusInternal), pods and their logs
 * (getLastIngestionLogs), events (failure diagnostics), and the list calls of getServiceStatusInternal.
 * Its check that the namespace exists (validateNamespaceExists, a cluster-scoped read) only logs a warning
 * when refused, so no ClusterRole is granted.
 *
 * The Jobs' service account gets no Role and no token: `python main.py`, what every Job runs
 * (ingestion/operators/docker/main.py), never calls the Kubernetes API; only the OMJob operator's exit
 * handler would. The chart's own Role for it (k8s-pipeline-rbac.yaml 19-50) would let every ingestion pod
 * read and write every Secret of the namespace, OpenMetadata's signing key among them.
 */
export class IngestionRbac extends Construct {
  readonly serviceAccount: ServiceAccountV1;
  readonly serverRole: RoleV1;
  readonly serverRoleBinding: RoleBindingV1;

  constructor(scope: Construct, id: string, props: IngestionRbacProps) {
    super(scope, id);
    const metadata = (name: string) => ({
      name,
      namespace: props.namespace,
      labels: { "app.kubernetes.io/managed-by": "cdktf", "app.kubernetes.io/component": "ingestion" },
    });

    this.serviceAccount = new ServiceAccountV1(this, "service-account", {
      metadata: metadata(props.serviceAccountName),
      automountServiceAccountToken: false,
    });

    const roleName = `${props.releaseName}-pipeline-client`;
    this.serverRole = new RoleV1(this, "server-role", {
      metadata: metadata(roleName),
      rule: SERVER_PIPELINE_RULES.map((rule) => ({ ...rule })),
    });
    this.serverRoleBinding = new RoleBindingV1(this, "server-role-binding", {
      metadata: metadata(roleName),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: roleName },
      subject: [{ kind: "ServiceAccount", name: props.releaseName, namespace: props.namespace }],
    });
  }
}

const MANAGE = ["get", "list", "create", "update", "patch", "delete"];

/** templates/k8s-pipeline-rbac.yaml 78-102 at openmetadata-1.13.1, in its order. */
export const SERVER_PIPELINE_RULES: readonly RoleV1Rule[] = [
  { apiGroups: [""], resources: ["pods"], verbs: MANAGE },
  { apiGroups: [""], resources: ["pods/log"], verbs: ["get", "list", "watch"] },
  { apiGroups: [""], resources: ["configmaps"], verbs: MANAGE },
  { apiGroups: [""], resources: ["secrets"], verbs: MANAGE },
  { apiGroups: [""], resources: ["events"], verbs: ["get", "list"] },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: MANAGE },
];
