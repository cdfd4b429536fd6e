import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import type { Construct } from "constructs";
import type { OpenMetadataSettings } from "../config/environment";

/**
 * The providers of the Kubernetes side. Only where the cluster is (a kubeconfig path and context,
 * or in-cluster) is written; credentials stay in the kubeconfig or the pod's service account.
 * `random` and `tls` generate the secrets, which live in Terraform state only.
 */
export function configureKubernetesProviders(scope: Construct, cluster: OpenMetadataSettings["cluster"]): void {
  const connection = cluster.inCluster
    ? {}
    : { configPath: cluster.kubeconfigPath, ...(cluster.context ? { configContext: cluster.context } : {}) };
  new KubernetesProvider(scope, "kubernetes-provider", connection);
  new HelmProvider(scope, "helm-provider", { kubernetes: connection });
  new RandomProvider(scope, "random-provider", {});
  new TlsProvider(scope, "tls-provider", {});
}
