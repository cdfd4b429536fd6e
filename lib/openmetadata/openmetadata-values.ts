import type { ExternalDatabase, ExternalSearch, K8sPipelineSettings, OpenMetadataSettings } from "../config/environment";
import { callbackUrl as callbackUrlOf } from "../openmetadata-urls";
import type { SsoBinding } from "../sso-binding";
import type { IngressValues, K8sPipelineValues, OpenMetadataChartValues, PipelineServiceClientValues } from "./chart-values";
import {
  AIRFLOW_ADMIN_USERNAME,
  DEPENDENCIES_AIRFLOW_API_URL,
  DEPENDENCY_SERVICES,
  DEPENDENCY_DATABASE_USERS,
  INGESTION_IMAGE_USER,
  internalServerUrl,
  JWT_KEYS_MOUNT_PATH,
  K8S_PIPELINE_CLIENT_CLASS,
  namespacedServerUrl,
  SECRET_NAMES,
} from "./resource-names";

/** OpenMetadata's principal claims, `email` first: the identity provider's email is what maps a login to a user. */
export const JWT_PRINCIPAL_CLAIMS = ["email", "preferred_username", "sub"] as const;

/** The scope OpenMetadata's confidential client requests; never `offline_access` (locks users out on 1.13.1, #30304). */
export const CONFIDENTIAL_CLIENT_SCOPE = "openid email profile";

export interface OpenMetadataValuesInput {
  readonly openmetadataUrl: string;
  readonly settings: OpenMetadataSettings;
  readonly sso: SsoBinding;
}

/**
 * The values of the `openmetadata` chart for one environment, wired from the identity provider's
 * outputs. Pure: the same input always gives the same document. Without `podAnnotations`: the release
 * appends them after the document is hashed (OpenMetadataOnKubernetes, PodChecksums).
 */
export function openMetadataValues({
  openmetadataUrl,
  settings,
  sso,
}: OpenMetadataValuesInput): Omit<OpenMetadataChartValues, "podAnnotations"> {
  const callbackUrl = callbackUrlOf(openmetadataUrl);
  const internalUrl = internalServerUrl(settings);
  return {
    // The service name is then the release name, which `publicKeys` below relies on.
    fullnameOverride: settings.releaseName,
    ...(settings.ingress ? { ingress: ingressValues(openmetadataUrl, settings.ingress) } : {}),
    openmetadata: {
      config: {
        authentication: {
          enabled: true,
          provider: sso.provider,
          clientType: sso.clientType,
          // OpenMetadata's own keys first (bots and the UI's session tokens), then the issuer's (#2773: same server as the authority).
          publicKeys: [`${internalUrl}/api/v1/system/config/jwks`, sso.jwksUri],
          authority: sso.authority,
          clientId: sso.clientId,
          callbackUrl,
          responseType: "id_token",
          jwtPrincipalClaims: [...JWT_PRINCIPAL_CLAIMS],
          enableSelfSignup: settings.enableSelfSignup,
          oidcConfiguration:
            sso.clientType === "confidential"
              ? {
                  // Required: without it the confidential settings below are ignored (the docs omit it, helm-charts #462).
                  enabled: true,
                  oidcType: sso.provider,
                  clientId: SECRET_NAMES.oidcClientId,
                  clientSecret: SECRET_NAMES.oidcClientSecret,
                  scope: CONFIDENTIAL_CLIENT_SCOPE,
                  // https, built from the issuer: the docs' `http://` prefix would fail discovery.
                  discoveryUri: sso.discoveryUri,
                  useNonce: true,
                  preferredJwsAlgorithm: "RS256",
                  responseType: "code",
                  // The Web app is registered without PKCE (Okta: pkce_required false): OpenMetadata sends no verifier.
                  disablePkce: true,
                  callbackUrl,
                  serverUrl: openmetadataUrl,
                  clientAuthenticationMethod: sso.clientAuthenticationMethod ?? "client_secret_post",
                  tokenValidity: "3600",
                  sessionExpiry: "604800",
                }
              : { enabled: false },
        },
        authorizer: {
          enabled: true,
          initialAdmins: [...settings.initialAdmins],
          allowedEmailRegistrationDomains: [...settings.allowedRegistrationDomains],
          principalDomain: settings.principalDomain,
          // Enforcing would reject OpenMetadata's own bot tokens (#29488); the identity provider already limits who
          // logs in (Okta's group assignment, Auth0's connections).
          enforcePrincipalDomain: false,
          enableSecureSocketConnection: false,
          useRolesFromProvider: false,
        },
        jwtTokenConfiguration: {
          enabled: true,
          rsapublicKeyFilePath: `${JWT_KEYS_MOUNT_PATH}/${SECRET_NAMES.jwtKeys.publicKeyFile}`,
          rsaprivateKeyFilePath: `${JWT_KEYS_MOUNT_PATH}/${SECRET_NAMES.jwtKeys.privateKeyFile}`,
          jwtissuer: new URL(openmetadataUrl).hostname,
          keyId: settings.jwtKeyId,
        },
        // The empty value keeps the chart's shipped key out; the key comes from the Secret.
        fernetkey: { value: "", secretRef: SECRET_NAMES.fernetKey.secretRef, secretKey: SECRET_NAMES.fernetKey.secretKey },
        database: databaseValues(settings.externalDatabase),
        elasticsearch: searchValues(settings.externalSearch),
        pipelineServiceClientConfig: pipelineValues(settings, internalUrl),
      },
    },
    // Read-only for all: the chart sets no fsGroup, so an owner-only mode would hide the files from the non-root server.
    extraVolumes: [{ name: "jwt-keys", secret: { secretName: SECRET_NAMES.jwtKeys.secretName, defaultMode: 0o444 } }],
    extraVolumeMounts: [{ name: "jwt-keys", mountPath: JWT_KEYS_MOUNT_PATH, readOnly: true }],
    // The OMJob operator (OMJOB_OPERATOR.md) would add an exit-handler pod that reports a run killed by OOM or a
    // node loss. It stays off: its CRDs (templates/omjob-crd.yaml, cronomjob-crd.yaml) and its ClusterRole and
    // ClusterRoleBinding named after the release (omjob-operator-rbac.yaml 13-15, 62-64) are cluster-wide objects
    // a namespace-scoped stack must not own: two environments on one cluster would fight over them, and destroying
    // one would delete the CRDs under the other. activeDeadlineSeconds bounds a run the exit handler would report.
    ...(settings.pipelineServiceClient.type === "k8s" ? { omjobOperator: { enabled: false } as const } : {}),
  };
}

/** The public URL's host, so the callback URL registered in Okta is where OpenMetadata answers. */
function ingressValues(openmetadataUrl: string, ingress: NonNullable<OpenMetadataSettings["ingress"]>): IngressValues {
  const host = new URL(openmetadataUrl).hostname;
  return {
    enabled: true,
    className: ingress.className ?? "",
    annotations: ingress.annotations,
    hosts: [{ host, paths: [{ path: "/", pathType: "Prefix" }] }],
    tls: ingress.tlsSecretName ? [{ secretName: ingress.tlsSecretName, hosts: [host] }] : [],
  };
}

/** TLS required, per engine: external databases are reached over the network. */
const EXTERNAL_DATABASE_PARAMS = { mysql: "sslMode=REQUIRED&serverTimezone=UTC", postgres: "sslmode=require" } as const;

function databaseValues(external: ExternalDatabase | undefined): OpenMetadataChartValues["openmetadata"]["config"]["database"] {
  const database = external ?? { ...DEPENDENCY_SERVICES.mysql, engine: "mysql", username: DEPENDENCY_DATABASE_USERS.openmetadata };
  const mysql = database.engine === "mysql";
  return {
    host: database.host,
    port: database.port,
    driverClass: mysql ? "com.mysql.cj.jdbc.Driver" : "org.postgresql.Driver",
    dbScheme: mysql ? "mysql" : "postgresql",
    databaseName: database.databaseName,
    auth: { username: database.username, password: SECRET_NAMES.database },
    // External databases are reached over TLS; the in-cluster MySQL of the dependencies chart has none.
    dbParams: external ? EXTERNAL_DATABASE_PARAMS[database.engine] : "allowPublicKeyRetrieval=true&useSSL=false&serverTimezone=UTC",
  };
}

function searchValues(external: ExternalSearch | undefined): OpenMetadataChartValues["openmetadata"]["config"]["elasticsearch"] {
  if (!external) return { ...DEPENDENCY_SERVICES.opensearch, scheme: "http", searchType: "opensearch", auth: { enabled: false } };
  return {
    host: external.host,
    port: external.port,
    scheme: external.scheme,
    searchType: external.searchType,
    auth: external.username ? { enabled: true, username: external.username, password: SECRET_NAMES.search } : { enabled: false },
  };
}

/**
 * `metadataApiEndpoint` is the URL OpenMetadata hands to Airflow's workflows to call back (chart
 * `secrets.yaml` 78, SERVER_HOST_API_URL): the in-namespace Service for the dependencies chart's
 * Airflow, the environment's reachable address for an external one
 * (help/kubernetes.md#an-external-airflow).
 */
function pipelineValues(settings: OpenMetadataSettings, internalUrl: string): PipelineServiceClientValues {
  const pipeline = settings.pipelineServiceClient;
  if (pipeline.type === "k8s") {
    // The Jobs call the server at this address (K8sPipelineClient.createDefaultServerConnection hands it to the
    // workflow as hostPort): the Service by its short name from the release namespace, qualified from another.
    const sameNamespace = pipeline.k8s.namespace === settings.namespace;
    const jobsEndpoint = `${sameNamespace ? internalUrl : namespacedServerUrl(settings)}/api`;
    return { enabled: true, type: "k8s", metadataApiEndpoint: jobsEndpoint, k8s: k8sValues(pipeline.k8s) };
  }
  const metadataApiEndpoint = settings.externalAirflow?.metadataApiEndpoint ?? `${internalUrl}/api`;
  if (pipeline.type === "disabled") return { enabled: false, metadataApiEndpoint };
  const airflow =
    pipeline.airflow === "dependencies"
      ? { apiEndpoint: DEPENDENCIES_AIRFLOW_API_URL, username: AIRFLOW_ADMIN_USERNAME }
      : settings.externalAirflow;
  if (!airflow) return { enabled: false, metadataApiEndpoint };
  return {
    enabled: true,
    metadataApiEndpoint,
    airflow: { apiEndpoint: airflow.apiEndpoint, auth: { enabled: true, username: airflow.username, password: SECRET_NAMES.airflow } },
  };
}

/**
 * Every key of the chart's `k8s` block, set on purpose (values.yaml 114-171; the chart turns each into a
 * K8S_* variable, templates/secrets.yaml 96-132, which K8sPipelineClientConfig reads):
 * - `ingestionImage`: the server's version, never the chart's `ingestion-base:latest` (values.yaml 119);
 *   `IfNotPresent` is then safe, as the tag never moves.
 * - `rbac.enabled`: the chart's RBAC only when the environment asks for it. The stack's own (IngestionRbac)
 *   gives the server what K8sPipelineClient calls and the Jobs nothing, where the chart's Role would let every
 *   ingestion pod read and write every Secret of the namespace (k8s-pipeline-rbac.yaml 39-42), OpenMetadata's
 *   signing key included.
 * - `securityContext`: the image's own non-root user (INGESTION_IMAGE_USER); fsGroup lets it write its volumes.
 * - `podAnnotations`, `extraEnvVars`: empty. Anything here reaches the Job spec as plain text
 *   (K8sPipelineClient.addExtraEnvVars), so no credential may go this way; the Jobs authenticate with the
 *   ingestion bot's token, which the server writes into each workflow config itself.
 * - `enableFailureDiagnostics`: the server reads a failed pod's logs and events into the run's status.
 * - `useOMJobOperator`: false, see `omjobOperator` above.
 */
function k8sValues(k8s: K8sPipelineSettings): K8sPipelineValues {
  return {
    namespace: k8s.namespace,
    className: K8S_PIPELINE_CLIENT_CLASS,
    ingestionImage: k8s.image,
    imagePullPolicy: "IfNotPresent",
    imagePullSecrets: k8s.imagePullSecrets.join(","),
    serviceAccountName: k8s.serviceAccountName,
    ttlSecondsAfterFinished: k8s.ttlSecondsAfterFinished,
    activeDeadlineSeconds: k8s.activeDeadlineSeconds,
    backoffLimit: k8s.backoffLimit,
    successfulJobsHistoryLimit: k8s.successfulJobsHistoryLimit,
    failedJobsHistoryLimit: k8s.failedJobsHistoryLimit,
    nodeSelector: Object.entries(k8s.nodeSelector)
      .map(([key, value]) => `${key}=${value}`)
      .join(","),
    tolerations: k8s.tolerations.map((toleration) => ({ ...toleration })),
    securityContext: {
      runAsUser: INGESTION_IMAGE_USER,
      runAsGroup: INGESTION_IMAGE_USER,
      fsGroup: INGESTION_IMAGE_USER,
      runAsNonRoot: true,
    },
    resources: { limits: { ...k8s.resources.limits }, requests: { ...k8s.resources.requests } },
    podAnnotations: "",
    extraEnvVars: [],
    enableFailureDiagnostics: true,
    useOMJobOperator: false,
    rbac: { enabled: k8s.rbac === "chart" },
  };
}
