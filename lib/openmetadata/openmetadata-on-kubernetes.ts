import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Construct } from "constructs";
import type { OpenMetadataSettings } from "../config/environment";
import type { SsoBinding } from "../sso-binding";
import { renderValues } from "./chart-values";
import { OpenMetadataDependencies, OPENMETADATA_HELM_REPOSITORY } from "./openmetadata-dependencies";
import { OpenMetadataSecrets } from "./openmetadata-secrets";
import { openMetadataValues } from "./openmetadata-values";

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
  readonly release: Release;

  constructor(scope: Construct, id: string, props: OpenMetadataOnKubernetesProps) {
    super(scope, id);
    const { settings, sso } = props;
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;

    this.namespace = new NamespaceV1(this, "namespace", {
      metadata: { name: settings.namespace, labels: { "app.kubernetes.io/managed-by": "cdktf", "app.kubernetes.io/part-of": "openmetadata" } },
      lifecycle,
    });
    const namespace = this.namespace.metadata.name;

    this.secrets = new OpenMetadataSecrets(this, "secrets", {
      namespace,
      jwtKeySource: settings.jwtKeySource,
      generatePasswords: settings.dependencies,
      withAirflow: settings.dependencies || Boolean(settings.externalAirflow),
      withSearchPassword: Boolean(settings.externalSearch?.username),
      ...(sso.clientType === "confidential" && sso.clientSecret ? { oidcClient: { clientId: sso.clientId, clientSecret: sso.clientSecret } } : {}),
      preventDestroy: props.preventDestroy ?? false,
    });

    const dependencyPasswords = this.secrets.dependencyPasswords;
    if (settings.dependencies && dependencyPasswords && this.secrets.airflowPassword) {
      this.dependencies = new OpenMetadataDependencies(this, "dependencies", {
        namespace,
        chartVersion: settings.chartVersion,
        timeoutSeconds: settings.helmTimeoutSeconds,
        principalDomain: settings.principalDomain,
        passwords: {
          openmetadataDatabase: this.secrets.databasePassword,
          airflowAdmin: this.secrets.airflowPassword,
          ...dependencyPasswords,
        },
      });
    }

    this.release = new Release(this, "release", {
      name: settings.releaseName,
      namespace,
      repository: OPENMETADATA_HELM_REPOSITORY,
      chart: "openmetadata",
      version: settings.chartVersion,
      // A failed upgrade rolls back to the last working release instead of leaving SSO half-configured.
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: settings.helmTimeoutSeconds,
      values: [renderValues(openMetadataValues({ openmetadataUrl: props.openmetadataUrl, settings, sso }))],
      dependsOn: [...this.secrets.secrets, ...(this.dependencies ? [this.dependencies.release] : [])],
      lifecycle,
    });
  }
}
