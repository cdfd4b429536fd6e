/**
 * The chart contract: the names, keys, ports, mount paths and release names the Helm values share with
 * the constructs that create the objects, the CLIs and the tests. Dependency-free (it imports nothing),
 * so code that only computes values (`npm run sso-sync`, `ingestion-config`) loads no provider bindings.
 */

/** The Helm repository of the openmetadata and openmetadata-dependencies charts. */
export const OPENMETADATA_HELM_REPOSITORY = "https://helm.open-metadata.org";

/** The port of the chart's OpenMetadata Service: in-cluster URLs are `http://<release>:8585`. */
export const OPENMETADATA_SERVICE_PORT = 8585;

/** The in-cluster URL of OpenMetadata's service (same namespace), for calls the server makes to itself. */
export function internalServerUrl(settings: { readonly releaseName: string }): string {
  return `http://${settings.releaseName}:${OPENMETADATA_SERVICE_PORT}`;
}

/** The same service from another namespace: `<release>.<namespace>.svc` resolves through the pods' DNS search path. */
export function namespacedServerUrl(settings: { readonly releaseName: string; readonly namespace: string }): string {
  return `http://${settings.releaseName}.${settings.namespace}.svc:${OPENMETADATA_SERVICE_PORT}`;
}

/** The chart's selector labels of the server's pods (templates/_helpers.tpl 51-54 at openmetadata-1.13.1). */
export function serverPodLabels(releaseName: string): Readonly<Record<string, string>> {
  return { "app.kubernetes.io/name": "openmetadata", "app.kubernetes.io/instance": releaseName };
}

/**
 * Labels K8sPipelineClient puts on every ingestion pod it creates (buildLabels; the CronJob's and the Job's
 * pod templates): how a NetworkPolicy finds them. Test-connection and application Jobs carry no pod labels of
 * their own (buildAutomationJob, buildApplicationJob), so no policy can select them (help/kubernetes.md).
 */
export const INGESTION_POD_LABELS = {
  "app.kubernetes.io/name": "openmetadata",
  "app.kubernetes.io/component": "ingestion",
  "app.kubernetes.io/managed-by": "openmetadata",
} as const;

/**
 * The ingestion image's user: ingestion/operators/docker/Dockerfile creates uid and gid 1000
 * (`groupadd -g 1000 openmetadata && useradd -m -u 1000 -g 1000`) and runs as it.
 */
export const INGESTION_IMAGE_USER = 1000;

/** The server's class for `type: k8s` (values.yaml 117). */
export const K8S_PIPELINE_CLIENT_CLASS = "org.openmetadata.service.clients.pipeline.k8s.K8sPipelineClient";

/** Where the JWT keys Secret is mounted: outside ./conf, so the image's shipped keys are not even in the path. */
export const JWT_KEYS_MOUNT_PATH = "/etc/openmetadata/jwt";

/** Names and keys of the Kubernetes Secrets OpenMetadata reads; the first three are the chart's own names. */
export const SECRET_NAMES = {
  database: { secretRef: "mysql-secrets", secretKey: "openmetadata-mysql-password" },
  airflow: { secretRef: "airflow-secrets", secretKey: "openmetadata-airflow-password" },
  search: { secretRef: "elasticsearch-secrets", secretKey: "openmetadata-elasticsearch-password" },
  oidcClientId: { secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-id" },
  oidcClientSecret: { secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-secret" },
  fernetKey: { secretRef: "openmetadata-fernet-key", secretKey: "fernet-key" },
  jwtKeys: { secretName: "openmetadata-jwt-keys", privateKeyFile: "private_key.der", publicKeyFile: "public_key.der" },
} as const;

/** The dependencies chart's release name; the Airflow chart names its objects and labels its pods after it. */
export const DEPENDENCIES_RELEASE_NAME = "openmetadata-dependencies";

/** The database user names; OpenMetadata logs in as the first. */
export const DEPENDENCY_DATABASE_USERS = { openmetadata: "openmetadata_user", airflow: "airflow_user" } as const;

/** The port of the Airflow API server the dependencies chart runs, at `http://<dependencies release>-api-server`. */
const AIRFLOW_API_PORT = 8080;

/** The dependencies chart's Airflow API server, as OpenMetadata reaches it from the release namespace. */
export const DEPENDENCIES_AIRFLOW_API_URL = `http://${DEPENDENCIES_RELEASE_NAME}-api-server:${AIRFLOW_API_PORT}`;

/** The Kubernetes objects the subcharts read their credentials from, created by OpenMetadataDependencies. */
export const DEPENDENCY_OBJECT_NAMES = {
  /** bitnami mysql `auth.existingSecret`: keys `mysql-root-password`, `mysql-password`. */
  mysqlAuth: "openmetadata-dependencies-mysql-auth",
  /** bitnami mysql `primary.extraEnvVarsSecret`: every key becomes an environment variable of the MySQL container. */
  mysqlInitEnv: "openmetadata-dependencies-mysql-init-env",
  /** bitnami mysql `initdbScriptsConfigMap`: the Airflow database script, which holds no password. */
  mysqlInitScripts: "openmetadata-dependencies-mysql-init",
  /** Airflow `data.metadataSecretName`: key `connection`. */
  airflowMetadata: "openmetadata-dependencies-airflow-metadata",
  /**
   * Airflow `apiSecretKeySecretName` (key `api-secret-key`, Airflow 3) and `webserverSecretKeySecretName`
   * (key `webserver-secret-key`, Airflow 2).
   */
  airflowSecretKey: "openmetadata-dependencies-airflow-secret-key",
} as const;

/** The in-cluster services of the dependencies chart OpenMetadata connects to (no TLS inside the cluster). */
export const DEPENDENCY_SERVICES = {
  mysql: { host: "mysql", port: 3306, databaseName: "openmetadata_db" },
  opensearch: { host: "opensearch", port: 9200 },
} as const;

/** The Airflow admin user the dependencies chart's create-user Job makes, and OpenMetadata logs in as. */
export const AIRFLOW_ADMIN_USERNAME = "admin";
