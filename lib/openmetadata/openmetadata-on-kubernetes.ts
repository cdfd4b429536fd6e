import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Annotations } from "cdktf";
import { Construct } from "constructs";
import type { OpenMetadataSettings } from "../config/environment";
import type { SsoBinding } from "../sso-binding";
import { renderValues } from "./chart-values";
import { addHelmReleaseRules } from "./helm-release-rules";
import { OpenMetadataDependencies } from "./openmetadata-dependencies";
import { OPENMETADATA_HELM_REPOSITORY } from "./resource-names";
import { OpenMetadataSecrets } from "./openmetadata-secrets";
import { openMetadataValues } from "./openmetadata-values";
import { PodChecksums } from "./pod-checksums";

export interface OpenMetadataOnKubernetesProps {
  readonly openmetadataUrl: string;
  readonly settings: OpenMetadataSettings;
  /** The identity provider's outputs; the only thing this construct knows about Okta. */
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

    this.secrets = new OpenMetadataSecrets(this, "secrets", {
      namespace,
      jwtKeySource: settings.jwtKeySource,
      generatePasswords: settings.dependencies,
      withAirflow: settings.dependencies || Boolean(settings.externalAirflow),
      withSearchPassword: Boolean(settings.externalSearch?.username),
      ...(sso.clientType === "confidential" && sso.clientSecret
        ? { oidcClient: { clientId: sso.clientId, clientSecret: sso.clientSecret } }
        : {}),
      preventDestroy: props.preventDestroy ?? false,
    });

    const dependencyPasswords = this.secrets.dependencyPasswords;
    if (settings.dependencies && dependencyPasswords && this.secrets.airflowSecret) {
      this.dependencies = new OpenMetadataDependencies(this, "dependencies", {
        namespace,
        chartVersion: settings.chartVersion,
        timeoutSeconds: settings.helmTimeoutSeconds,
        principalDomain: settings.principalDomain,
        openmetadataReleaseName: settings.releaseName,
        options: settings.dependencyOptions,
        passwords: { openmetadataDatabase: this.secrets.databasePassword, ...dependencyPasswords },
        dependsOn: [this.secrets.airflowSecret],
      });
    }

    if (
      settings.ingress?.tlsSecretName &&
      !settings.ingress.tlsSecretExists &&
      !Object.keys(settings.ingress.annotations).some((name) => CERT_MANAGER_ANNOTATIONS.has(name))
    ) {
      Annotations.of(this).addWarning(
        `Nothing creates the TLS Secret "${settings.ingress.tlsSecretName}": until it exists the ` +
          `ingress controller serves its default certificate and every Okta callback fails. ` +
          (`Name a cert-manager issuer in openmetadata.ingress.annotations (cert-manager.io/cluster-issuer or ` +
            `cert-manager.io/issuer), or set openmetadata.ingress.tlsSecretExists: true once it is created.`),
      );
    }

    const values = openMetadataValues({ openmetadataUrl: props.openmetadataUrl, settings, sso });
    // A change to the values or to a Secret the pod reads rolls the Deployment (the chart alone would not).
    this.checksums = new PodChecksums(this, "pod-checksums", { values, secrets: this.secrets.secrets });
    const releaseValues = { ...values, podAnnotations: this.checksums.annotations };
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
      values: [renderValues(releaseValues)],
      dependsOn: [...this.secrets.secrets, ...(this.dependencies ? [this.dependencies.release] : [])],
      lifecycle,
    });
    addHelmReleaseRules(this.release);
  }
}

/** Annotations by which cert-manager's ingress-shim creates the Ingress's TLS Secret. */
const CERT_MANAGER_ANNOTATIONS = new Set(["cert-manager.io/cluster-issuer", "cert-manager.io/issuer"]);
