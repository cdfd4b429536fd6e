import { stringify } from "yaml";

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
  readonly provider: "okta";
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
  readonly oidcType: "okta";
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
  readonly metadataApiEndpoint: string;
  readonly airflow?: {
    readonly apiEndpoint: string;
    readonly auth: { readonly enabled: true; readonly username: string; readonly password: SecretReference };
  };
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
  /** On the pod template (`templates/deployment.yaml` 20-23); the chart has no checksum annotations of its own. */
  readonly podAnnotations?: Readonly<Record<string, string>>;
}

/**
 * One YAML document, keys in the model's order, no line folding (a folded Terraform reference
 * would still resolve, but reviewers read this in `cdktf diff`).
 */
export function renderValues(values: object): string {
  return stringify(values, { lineWidth: 0, indent: 2, sortMapEntries: false });
}
