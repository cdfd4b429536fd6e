import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import type { OpenMetadataSettings } from "../config/environment";
import type { SsoBinding } from "../sso-binding";
import { renderValues } from "./chart-values";
import { addHelmReleaseRules } from "./helm-release-rules";
import { IngestionNetworkPolicy } from "./ingestion-network-policy";
import { IngestionRbac } from "./ingestion-rbac";
import { OpenMetadataDependencies } from "./openmetadata-dependencies";
import { OPENMETADATA_HELM_REPOSITORY } from "./resource-names";
import { OpenMetadataSecrets } from "./openmetadata-secrets";
import { openMetadataValues } from "./openmetadata-values";
import { PodChecksums } from "./pod-checksums";

export interface OpenMetadataOnKubernetesProps {
  readonly openmetadataUrl: string;
  readonly settings: OpenMetadataSettings;
  /** The identity provider's outputs; the only thing this construct knows about Okta or Auth0. */
  readonly sso: SsoBinding;
  /**
   * Refuse `terraform destroy` of the namespace, the release and the key material.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

/**
 * OpenMetadata in its own namespace: the Secrets it reads, the optional dependencies chart and the
 * `openmetadata` Helm release configured for SSO. Destroying the stack removes the namespace and
 * with it everything inside.
 */
export class OpenMetadataOnKubernetes extends Construct {
  readonly namespace: NamespaceV1;
  readonly secrets: OpenMetadataSecrets;
  readonly dependencies?: OpenMetadataDependencies;
  /** With Jobs and `rbac: stack`: the Jobs' service account and the server's permissions to run them. */
  readonly ingestionRbac?: IngestionRbac;
  /** With Jobs and `networkPolicy`: what the ingestion pods may reach. */
  readonly ingestionNetworkPolicy?: IngestionNetworkPolicy;
  readonly checksums: PodChecksums;
  readonly release: Release;

  constructor(scope: Construct, id: string, props: OpenMetadataOnKubernetesProps) {
    super(scope, id);
    const { settings, sso } = props;
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;

    this.namespace = new NamespaceV1(this, "namespace", {
      metadata: {
        name: settings.namespace,
        labels: { "app.kubernetes.io/managed-by": "cdktf", "app.kubernetes.io/part-of": "openmetadata" },
      },
      lifecycle,
    });
    const namespace = this.namespace.metadata.name;

    const pipeline = settings.pipelineServiceClient;
    this.secrets = new OpenMetadataSecrets(this, "secrets", {
      namespace,
      jwtKeySource: settings.jwtKeySource,
      generatePasswords: settings.dependencies,
      withAirflow: pipeline.type === "airflow",
      withSearchPassword: Boolean(settings.externalSearch?.username),
      ...(sso.clientType === "confidential" && sso.clientSecret
        ? { oidcClient: { clientId: sso.clientId, clientSecret: sso.clientSecret } }
        : {}),
      preventDestroy: props.preventDestroy ?? false,
    });

    const dependencyPasswords = this.secrets.dependencyPasswords;
    if (settings.dependencies && dependencyPasswords) {
      const airflow = dependencyPasswords.airflow;
      this.dependencies = new OpenMetadataDependencies(this, "dependencies", {
        namespace,
        chartVersion: settings.chartVersion,
        timeoutSeconds: settings.helmTimeoutSeconds,
        principalDomain: settings.principalDomain,
        openmetadataReleaseName: settings.releaseName,
        options: settings.dependencyOptions,
        passwords: { openmetadataDatabase: this.secrets.databasePassword, mysqlRoot: dependencyPasswords.mysqlRoot },
        // Airflow runs in this chart only where OpenMetadata deploys its pipelines to it.
        ...(airflow && this.secrets.airflowSecret
          ? {
              airflow: {
                databasePassword: airflow.database,
                webserverSecretKey: airflow.webserverSecretKey,
                adminSecret: this.secrets.airflowSecret,
              },
            }
          : {}),
      });
    }

    if (pipeline.type === "k8s") {
      const { k8s } = pipeline;
      if (k8s.rbac === "stack")
        this.ingestionRbac = new IngestionRbac(this, "ingestion-rbac", {
          namespace,
          serviceAccountName: k8s.serviceAccountName,
          releaseName: settings.releaseName,
        });
      if (k8s.rbac === "chart")
        Annotations.of(this).addWarning(
          'openmetadata.pipelineServiceClient.k8s.rbac is "chart": the chart\'s Role lets every ingestion pod read and write every ' +
            `Secret of namespace ${settings.namespace} (templates/k8s-pipeline-rbac.yaml 39-42), OpenMetadata's JWT signing key ` +
            'included. rbac: "stack" (the default) gives the Jobs no Kubernetes permissions at all.',
        );
      if (k8s.networkPolicy)
        this.ingestionNetworkPolicy = new IngestionNetworkPolicy(this, "ingestion-network-policy", {
          // The namespace's reference where it is the stack's own, so the policy is created after it.
          namespace: k8s.namespace === settings.namespace ? namespace : k8s.namespace,
          serverNamespace: namespace,
          releaseName: settings.releaseName,
          egress: k8s.egress,
        });
    }

    if (
      settings.ingress?.tlsSecretName &&
      !settings.ingress.tlsSecretExists &&
      !Object.keys(settings.ingress.annotations).some((name) => CERT_MANAGER_ANNOTATIONS.has(name))
    ) {
      Annotations.of(this).addWarning(
        `Nothing creates the TLS Secret "${settings.ingress.tlsSecretName}": until it exists the ` +
          `ingress controller serves its default certificate and every sign-in callback fails. ` +
          (`Name a cert-manager issuer in openmetadata.ingress.annotations (cert-manager.io/cluster-issuer or ` +
            `cert-manager.io/issuer), or set openmetadata.ingress.tlsSecretExists: true once it is created.`),
      );
    }

    // Rendered once: hashed as it is, then the release's document with the annotations as its last key.
    const document = renderValues(openMetadataValues({ openmetadataUrl: props.openmetadataUrl, settings, sso }));
    // A change to the values or to a Secret the pod reads rolls the Deployment (the chart alone would not).
    this.checksums = new PodChecksums(this, "pod-checksums", { document, secrets: this.secrets.secrets });
    this.release = new Release(this, "release", {
      name: settings.releaseName,
      namespace,
      repository: OPENMETADATA_HELM_REPOSITORY,
      chart: "openmetadata",
      version: settings.chartVersion,
      // A failed upgrade restores the last release's manifests. It does not undo database migrations
      // (the run-db-migrations init container, templates/deployment.yaml 43-50, has already run them), nor
      // the SSO settings OpenMetadata stored in its database: see help/kubernetes.md "Upgrading the chart".
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: settings.helmTimeoutSeconds,
      values: [document + renderValues({ podAnnotations: this.checksums.annotations })],
      // The server checks its pipeline client at start: its Role and the Jobs' service account come first.
      dependsOn: [
        ...this.secrets.secrets,
        ...(this.dependencies ? [this.dependencies.release] : []),
        ...(this.ingestionRbac
          ? [this.ingestionRbac.serviceAccount, this.ingestionRbac.serverRole, this.ingestionRbac.serverRoleBinding]
          : []),
      ],
      lifecycle,
    });
    addHelmReleaseRules(this.release);
  }
}

/** Annotations by which cert-manager's ingress-shim creates the Ingress's TLS Secret. */
const CERT_MANAGER_ANNOTATIONS = new Set(["cert-manager.io/cluster-issuer", "cert-manager.io/issuer"]);
