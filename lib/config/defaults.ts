import type { SERVICE_APP_API_SCOPES } from "./environment-schema";

/**
 * Every default of the environments file, in one table keyed like the schema (`okta.tokens.*` is
 * `DEFAULTS.okta.tokens.*`), so help/configuration.md can be checked against it field by field
 * (__tests__/configuration-doc.test.ts). A default that depends on another value is a function of it.
 */
export const DEFAULTS = {
  description: (name: string) => `OpenMetadata ${name}`,
  target: "kubernetes",
  protected: false,
  /** Each environment gets its own state: a shared key would let one stack's apply destroy another's resources. */
  backend: {
    type: "local",
    path: (stackId: string) => `terraform.${stackId}.tfstate`,
    key: (stackId: string) => `openmetadata/${stackId}.tfstate`,
    prefix: (stackId: string) => `openmetadata/${stackId}`,
    workspace: (stackId: string) => stackId,
    hostname: "app.terraform.io",
  },
  okta: {
    flow: "spa",
    appLabel: (name: string) => `OpenMetadata (${name})`,
    access: { groups: [] as readonly string[], everyone: false },
    refreshTokenLeewaySeconds: 30,
    tokens: { accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 129_600, refreshTokenWindowMinutes: 10_080 },
    authorizationServer: { name: (name: string) => `openmetadata-${name}`, issuerMode: "ORG_URL" },
    maxApiCapacity: 50,
    serviceApp: {
      enabled: true,
      label: (name: string) => `OpenMetadata service (${name})`,
      apiScopes: ["okta.users.read", "okta.users.manage", "okta.clients.read"] satisfies (typeof SERVICE_APP_API_SCOPES)[number][],
    },
  },
  auth0: {
    flow: "spa",
    appName: (name: string) => `OpenMetadata (${name})`,
    connections: [] as readonly string[],
  },
  openmetadata: {
    cluster: { inCluster: false },
    namespace: (stackId: string) => stackId,
    releaseName: "openmetadata",
    chartVersion: "1.13.1",
    helmTimeoutSeconds: 900,
    allowedRegistrationDomains: (principalDomain: string) => [principalDomain],
    enableSelfSignup: true,
    jwtKeys: { source: "terraform", keyId: (name: string) => `openmetadata-${name}-1` },
    dependencies: {
      /** Installed unless an external database and search are named. */
      enabled: (external: boolean) => !external,
      airflowExecutor: "LocalExecutor",
      networkPolicy: true,
    },
    database: {
      engine: "mysql",
      port: (engine: "mysql" | "postgres") => (engine === "mysql" ? 3306 : 5432),
      databaseName: "openmetadata_db",
      username: "openmetadata_user",
    },
    search: { port: 9200, scheme: "https", searchType: "opensearch" },
    airflow: { username: "admin", metadataApiEndpoint: (openmetadataUrl: string) => `${openmetadataUrl}/api` },
    pipelineServiceClient: {
      /**
       * What the environment ran before the field existed, which is also the chart's and the server's default
       * (Airflow, values.yaml 83): Airflow where one runs, otherwise none. Never a silent move to Jobs, which
       * would remove a running Airflow on the next apply (help/kubernetes.md "Which runner by default").
       */
      type: (airflowRuns: boolean) => (airflowRuns ? "airflow" : "disabled"),
      k8s: {
        namespace: (environmentNamespace: string) => environmentNamespace,
        serviceAccountName: "openmetadata-ingestion",
        rbac: "stack",
        /** The image K8sPipelineClient runs `python main.py` in (ingestion/operators/docker/Dockerfile), at the server's version. */
        image: (serverVersion: string) => `docker.getcollate.io/openmetadata/ingestion-base:${serverVersion}`,
        imagePullSecrets: [] as readonly string[],
        resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } },
        ttlSecondsAfterFinished: 604_800,
        activeDeadlineSeconds: 7200,
        backoffLimit: 0,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        nodeSelector: {} as Readonly<Record<string, string>>,
        tolerations: [] as readonly never[],
        networkPolicy: true,
        egress: [] as readonly never[],
      },
    },
    ingress: { tlsSecretExists: false, annotations: {} as Readonly<Record<string, string>> },
  },
  adopt: { openmetadata: { release: false } },
} as const;
