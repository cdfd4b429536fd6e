import { stringify } from "yaml";
import { plainYaml } from "./plain-yaml";

/**
 * A typed model of the `openmetadata` chart keys this project sets, with the names and types of
 * the chart's values.yaml / values.schema.json (1.13.1). Keys not listed keep the chart's default.
 * The schema has `additionalProperties: false` almost everywhere, so a misspelled key would fail
 * `helm install`: `npm run check:chart` validates the rendered values against the real schema.
 */
export interface SecretReference {
  readonly secretRef: string;
  readonly secretKey: string;
}

export interface AuthenticationValues {
  readonly enabled: true;
  readonly provider: "okta" | "auth0";
  readonly clientType: "public" | "confidential";
  readonly publicKeys: readonly string[];
  readonly authority: string;
  readonly clientId: string;
  readonly callbackUrl: string;
  readonly responseType: "id_token" | "code";
  readonly jwtPrincipalClaims: readonly string[];
  readonly enableSelfSignup: boolean;
  readonly oidcConfiguration: OidcConfigurationValues | { readonly enabled: false };
}

export interface OidcConfigurationValues {
  readonly enabled: true;
  /** A free string in the chart's schema; OpenMetadata's own names for the provider. */
  readonly oidcType: "okta" | "auth0";
  readonly clientId: SecretReference;
  readonly clientSecret: SecretReference;
  readonly scope: string;
  readonly discoveryUri: string;
  readonly useNonce: boolean;
  readonly preferredJwsAlgorithm: "RS256";
  readonly responseType: "code";
  readonly disablePkce: boolean;
  readonly callbackUrl: string;
  readonly serverUrl: string;
  readonly clientAuthenticationMethod: "client_secret_post" | "client_secret_basic";
  /** Strings in the chart's schema. */
  readonly tokenValidity: string;
  readonly sessionExpiry: string;
}

export interface AuthorizerValues {
  readonly enabled: true;
  readonly initialAdmins: readonly string[];
  readonly allowedEmailRegistrationDomains: readonly string[];
  readonly principalDomain: string;
  readonly enforcePrincipalDomain: boolean;
  readonly enableSecureSocketConnection: boolean;
  readonly useRolesFromProvider: boolean;
}

export interface JwtTokenConfigurationValues {
  readonly enabled: true;
  readonly rsapublicKeyFilePath: string;
  readonly rsaprivateKeyFilePath: string;
  readonly jwtissuer: string;
  readonly keyId: string;
}

export interface DatabaseValues {
  readonly host: string;
  readonly port: number;
  readonly driverClass: string;
  readonly dbScheme: string;
  readonly databaseName: string;
  readonly auth: { readonly username: string; readonly password: SecretReference };
  readonly dbParams: string;
}

export interface SearchValues {
  readonly host: string;
  readonly port: number;
  readonly scheme: "http" | "https";
  readonly searchType: "opensearch" | "elasticsearch";
  readonly auth: { readonly enabled: boolean; readonly username?: string; readonly password?: SecretReference };
}

export interface PipelineServiceClientValues {
  readonly enabled: boolean;
  /** Absent for Airflow, the chart's default (values.yaml 83), so the values of Airflow environments stay as they were. */
  readonly type?: "k8s";
  readonly metadataApiEndpoint: string;
  readonly airflow?: {
    readonly apiEndpoint: string;
    readonly auth: { readonly enabled: true; readonly username: string; readonly password: SecretReference };
  };
  readonly k8s?: K8sPipelineValues;
}

/**
 * `pipelineServiceClientConfig.k8s` (values.yaml 114-171): every key set, none left to the chart's default.
 * Strings where the chart joins lists into "a,b" or "k=v,k=v" (templates/secrets.yaml 96-132).
 */
export interface K8sPipelineValues {
  readonly namespace: string;
  readonly className: string;
  readonly ingestionImage: string;
  readonly imagePullPolicy: "IfNotPresent";
  readonly imagePullSecrets: string;
  readonly serviceAccountName: string;
  readonly ttlSecondsAfterFinished: number;
  readonly activeDeadlineSeconds: number;
  readonly backoffLimit: number;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
  readonly nodeSelector: string;
  readonly tolerations: readonly Readonly<Record<string, string>>[];
  readonly securityContext: {
    readonly runAsUser: number;
    readonly runAsGroup: number;
    readonly fsGroup: number;
    readonly runAsNonRoot: true;
  };
  readonly resources: {
    readonly limits: { readonly cpu: string; readonly memory: string };
    readonly requests: { readonly cpu: string; readonly memory: string };
  };
  readonly podAnnotations: "";
  readonly extraEnvVars: readonly never[];
  readonly enableFailureDiagnostics: boolean;
  readonly useOMJobOperator: false;
  readonly rbac: { readonly enabled: boolean };
}

export interface VolumeValues {
  readonly name: string;
  readonly secret: { readonly secretName: string; readonly defaultMode: number };
}

export interface VolumeMountValues {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly: true;
}

export interface IngressValues {
  readonly enabled: true;
  readonly className: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly hosts: readonly { readonly host: string; readonly paths: readonly { readonly path: string; readonly pathType: "Prefix" }[] }[];
  readonly tls: readonly { readonly secretName: string; readonly hosts: readonly string[] }[];
}

export interface OpenMetadataChartValues {
  readonly fullnameOverride: string;
  readonly ingress?: IngressValues;
  readonly openmetadata: {
    readonly config: {
      readonly authentication: AuthenticationValues;
      readonly authorizer: AuthorizerValues;
      readonly jwtTokenConfiguration: JwtTokenConfigurationValues;
      readonly fernetkey: { readonly value: ""; readonly secretRef: string; readonly secretKey: string };
      readonly database: DatabaseValues;
      readonly elasticsearch: SearchValues;
      readonly pipelineServiceClientConfig: PipelineServiceClientValues;
    };
  };
  readonly extraVolumes: readonly VolumeValues[];
  readonly extraVolumeMounts: readonly VolumeMountValues[];
  /** Off, and said so, with Jobs (values.yaml 757-760): see openmetadata-values.ts. */
  readonly omjobOperator?: { readonly enabled: false };
  /** On the pod template (`templates/deployment.yaml` 20-23); the chart has no checksum annotations of its own. */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/**
 * One YAML document, keys in the model's order, no line folding (a folded Terraform reference
 * would still resolve, but reviewers read this in `cdktf diff`).
 */
export function renderValues(values: object): string {
  return plainYaml(values) ?? stringify(values, VALUES_YAML);
}

/** `yaml`'s options for the values; `plainYaml` writes what they give, for the shapes it covers. */
export const VALUES_YAML = { lineWidth: 0, indent: 2, sortMapEntries: false } as const;
