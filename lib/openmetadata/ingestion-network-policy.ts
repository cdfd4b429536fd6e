import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { Construct } from "constructs";
import type { EgressRule } from "../config/environment";
import { INGESTION_POD_LABELS, OPENMETADATA_SERVICE_PORT, serverPodLabels } from "./resource-names";

export interface IngestionNetworkPolicyProps {
  /** Where the Jobs run. */
  readonly namespace: string;
  /** Where the server runs (the release namespace); the same string as `namespace` when the Jobs run there too. */
  readonly serverNamespace: string;
  readonly releaseName: string;
  /** The data sources the environment opened: address ranges and TCP ports. */
  readonly egress: readonly EgressRule[];
}

/**
 * The ingestion pods accept no connection, and reach only the OpenMetadata server (8585), DNS and the
 * address ranges the environment lists for its data sources. A pipeline holds its source's credentials and
 * the ingestion bot's token in its workflow config: whatever it may reach, it may send them to.
 *
 * The pods are selected by the labels K8sPipelineClient.buildLabels gives every ingestion pod
 * (INGESTION_POD_LABELS). DNS is open to any address on port 53: node-local DNS caches answer on a
 * link-local address that no pod selector matches. NetworkPolicies add up, so a team may open more with a
 * policy of its own selecting the same labels (e.g. an in-cluster source by namespace). Enforced only by a
 * CNI that supports NetworkPolicy.
 */
export class IngestionNetworkPolicy extends Construct {
  readonly policy: NetworkPolicyV1;

  constructor(scope: Construct, id: string, props: IngestionNetworkPolicyProps) {
    super(scope, id);
    const server = {
      podSelector: { matchLabels: { ...serverPodLabels(props.releaseName) } },
      // From another namespace the server's pods are found by their namespace's name label (Kubernetes >= 1.22).
      ...(props.namespace === props.serverNamespace
        ? {}
        : { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": props.serverNamespace } } }),
    };
    const tcp = (port: number) => ({ port: String(port), protocol: "TCP" });
    this.policy = new NetworkPolicyV1(this, "jobs", {
      metadata: { name: "openmetadata-ingestion-jobs", namespace: props.namespace, labels: { "app.kubernetes.io/managed-by": "cdktf" } },
      spec: {
        podSelector: { matchLabels: { ...INGESTION_POD_LABELS } },
        // Ingress listed with no rule: nothing may connect to an ingestion pod.
        policyTypes: ["Ingress", "Egress"],
        egress: [
          { to: [server], ports: [tcp(OPENMETADATA_SERVICE_PORT)] },
          { ports: [{ port: "53", protocol: "UDP" }, tcp(53)] },
          ...props.egress.map((rule) => ({ to: [{ ipBlock: { cidr: rule.cidr } }], ports: rule.ports.map(tcp) })),
        ],
      },
    });
  }
}
