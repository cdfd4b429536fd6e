import { z } from "zod";
import { adoptSchema } from "./adopt-settings";
import { baseUrl, domainName, integerInRange, nonEmptyString, oneOf, strictRecord } from "./schema-helpers";

/**
 * The schema of one environment, as written in an environments file (JSON or YAML).
 * Every optional field's default is applied in `resolveEnvironment` (defaults.ts), so a reader of
 * the file sees exactly what they wrote, and the constructs see one fully resolved value.
 */

/** Okta's documented bounds (Authorization Server policy rules). */
export const OKTA_LIMITS = {
  accessTokenLifetimeMinutes: { min: 5, max: 1440 },
  refreshTokenLifetimeMinutes: { min: 5, max: 2_628_000 },
  refreshTokenWindowMinutes: { min: 5, max: 2_628_000 },
  refreshTokenLeewaySeconds: { min: 0, max: 60 },
  maxApiCapacity: { min: 1, max: 100 },
} as const;

/** Okta Management API scopes that the optional service app may be granted. */
export const SERVICE_APP_API_SCOPES = ["okta.users.read", "okta.users.manage", "okta.clients.read", "okta.groups.read", "okta.apps.read"] as const;

/**
 * Standard Okta admin roles an OAuth service app can hold (`okta_app_oauth_role_assignment.type`;
 * CUSTOM roles need a resource set and are left to the admin console).
 */
export const SERVICE_APP_ADMIN_ROLES = [
  "READ_ONLY_ADMIN",
  "USER_ADMIN",
  "GROUP_MEMBERSHIP_ADMIN",
  "HELP_DESK_ADMIN",
  "APP_ADMIN",
  "ORG_ADMIN",
  "API_ACCESS_MANAGEMENT_ADMIN",
  "REPORT_ADMIN",
  "MOBILE_ADMIN",
  "SUPER_ADMIN",
] as const;

/** Lower-case DNS label: it becomes the stack id `openmetadata-<name>`, the namespace and Okta labels. */
const ENVIRONMENT_NAME = /^[a-z](?:[a-z0-9-]{0,22}[a-z0-9])?$/;
const environmentName = z
  .string({ error: "expected an environment name" })
  .regex(ENVIRONMENT_NAME, {
    error: 'expected 1-24 characters of a-z, 0-9 and "-", starting with a letter and not ending with "-" (it becomes the stack id "openmetadata-<name>" and a Kubernetes namespace)',
  });

const KUBERNETES_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const kubernetesName = z
  .string({ error: "expected a Kubernetes name" })
  .regex(KUBERNETES_NAME, { error: 'expected a Kubernetes name: 1-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit' });

const tokens = strictRecord({
  accessTokenLifetimeMinutes: integerInRange(OKTA_LIMITS.accessTokenLifetimeMinutes.min, OKTA_LIMITS.accessTokenLifetimeMinutes.max, "minutes", "Okta's range for access tokens").optional(),
  refreshTokenLifetimeMinutes: integerInRange(OKTA_LIMITS.refreshTokenLifetimeMinutes.min, OKTA_LIMITS.refreshTokenLifetimeMinutes.max, "minutes", "Okta's range; 2628000 is five years").optional(),
  refreshTokenWindowMinutes: integerInRange(OKTA_LIMITS.refreshTokenWindowMinutes.min, OKTA_LIMITS.refreshTokenWindowMinutes.max, "minutes", "a refresh token unused for this long expires").optional(),
});

const access = strictRecord({
  groups: z.array(nonEmptyString("an Okta group name"), { error: "expected a list of Okta group names" }).optional(),
  everyone: z.boolean({ error: "expected true or false" }).optional(),
});

const authorizationServer = strictRecord({
  name: nonEmptyString("an authorization server name").optional(),
  issuerMode: oneOf(["ORG_URL", "CUSTOM_URL"], 'DYNAMIC is not accepted: OpenMetadata needs one fixed issuer, and a Dynamic issuer makes the token "iss" differ from the configured authority').optional(),
});

const serviceApp = strictRecord({
  enabled: z.boolean({ error: "expected true or false" }).optional(),
  label: nonEmptyString("an Okta app label").optional(),
  jwksFile: nonEmptyString("the path of a public JWKS file, relative to the environments file").optional(),
  apiScopes: z.array(oneOf(SERVICE_APP_API_SCOPES), { error: "expected a list of Okta API scopes" }).optional(),
  adminRole: oneOf(SERVICE_APP_ADMIN_ROLES, "a standard Okta admin role; Okta checks it as well as the granted scopes").optional(),
});

const okta = strictRecord({
  orgName: z.string({ error: 'expected the Okta org name, e.g. "dev-123456"' }).regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i, { error: 'expected the Okta org name only, e.g. "dev-123456" (not a URL)' }),
  baseUrl: domainName("okta.com"),
  flow: oneOf(["spa", "web"], '"spa" is a public Single-Page App with PKCE, "web" a confidential app with a client secret').optional(),
  appLabel: nonEmptyString("an Okta app label").optional(),
  access: access.optional(),
  refreshTokenLeewaySeconds: integerInRange(OKTA_LIMITS.refreshTokenLeewaySeconds.min, OKTA_LIMITS.refreshTokenLeewaySeconds.max, "seconds", "Okta's grace period for a rotated refresh token").optional(),
  tokens: tokens.optional(),
  authorizationServer: authorizationServer.optional(),
  maxApiCapacity: integerInRange(OKTA_LIMITS.maxApiCapacity.min, OKTA_LIMITS.maxApiCapacity.max, "percent", "share of the Okta API rate limit the provider may use").optional(),
  serviceApp: serviceApp.optional(),
});

const cluster = strictRecord({
  inCluster: z.boolean({ error: "expected true or false" }).optional(),
  kubeconfigPath: nonEmptyString("a kubeconfig path").optional(),
  context: nonEmptyString("a kubeconfig context name").optional(),
});

const externalDatabase = strictRecord({
  host: nonEmptyString("a database host name"),
  port: integerInRange(1, 65535, "port").optional(),
  engine: oneOf(["mysql", "postgres"]).optional(),
  databaseName: nonEmptyString("a database name").optional(),
  username: nonEmptyString("a database user name").optional(),
});

const externalSearch = strictRecord({
  host: nonEmptyString("a search host name"),
  port: integerInRange(1, 65535, "port").optional(),
  scheme: oneOf(["https", "http"]).optional(),
  searchType: oneOf(["opensearch", "elasticsearch"]).optional(),
  username: nonEmptyString("a search user name").optional(),
});

const externalAirflow = strictRecord({
  apiEndpoint: baseUrl("https://airflow.internal.example.com"),
  username: nonEmptyString("an Airflow user name").optional(),
  /** Where the external Airflow's ingestion workflows call OpenMetadata back; checked in environment.ts. */
  metadataApiEndpoint: z.string({ error: 'expected a URL, e.g. "https://openmetadata.example.com/api"' }).optional(),
});

/** The dependencies chart: Airflow's executor and storage, and the NetworkPolicy in front of MySQL and OpenSearch. */
const dependencies = strictRecord({
  enabled: z.boolean({ error: "expected true or false" }).optional(),
  airflowExecutor: oneOf(["LocalExecutor", "KubernetesExecutor"], "KubernetesExecutor runs every task in its own pod and needs ReadWriteMany storage").optional(),
  sharedStorageClass: kubernetesName.optional(),
  networkPolicy: z.boolean({ error: "expected true or false" }).optional(),
});

const jwtKeys = strictRecord({
  source: oneOf(["terraform", "variables"], '"terraform" generates the keys in Terraform state, "variables" reads them from sensitive Terraform variables').optional(),
  keyId: z.string({ error: "expected a key id" }).regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'expected a key id of 1-64 characters of A-Z, a-z, 0-9, ".", "_" and "-"' }).optional(),
});

const ingress = strictRecord({
  className: nonEmptyString("an IngressClass name, e.g. nginx").optional(),
  tlsSecretName: kubernetesName.optional(),
  annotations: z.record(z.string(), z.string(), { error: "expected a map of annotation names to string values" }).optional(),
  tlsSecretExists: z.boolean({ error: "expected true or false" }).optional(),
});

const openmetadata = strictRecord({
  cluster: cluster,
  namespace: kubernetesName.optional(),
  releaseName: kubernetesName.optional(),
  chartVersion: z.string({ error: 'expected a chart version such as "1.13.1"' }).regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, { error: 'expected an exact chart version such as "1.13.1" (ranges would let a plan change what is deployed)' }).optional(),
  helmTimeoutSeconds: integerInRange(60, 3600, "seconds").optional(),
  initialAdmins: z.array(nonEmptyString("a user name"), { error: "expected a list of user names (the part of each admin's email before @)" }),
  principalDomain: domainName("example.com"),
  allowedRegistrationDomains: z.array(domainName("example.com"), { error: "expected a list of email domains" }).optional(),
  enableSelfSignup: z.boolean({ error: "expected true or false" }).optional(),
  jwtKeys: jwtKeys.optional(),
  dependencies: dependencies.optional(),
  database: externalDatabase.optional(),
  search: externalSearch.optional(),
  airflow: externalAirflow.optional(),
  ingress: ingress.optional(),
});

const stateBackend = z.discriminatedUnion(
  "type",
  [
    strictRecord({ type: z.literal("local"), path: nonEmptyString("a state file path, relative to the project").optional() }),
    strictRecord({
      type: z.literal("s3"),
      bucket: nonEmptyString("an S3 bucket name"),
      key: nonEmptyString("an object key").optional(),
      region: nonEmptyString("an AWS region, e.g. eu-west-1"),
    }),
    strictRecord({ type: z.literal("gcs"), bucket: nonEmptyString("a GCS bucket name"), prefix: nonEmptyString("an object prefix").optional() }),
    strictRecord({
      type: z.literal("remote"),
      organization: nonEmptyString("an HCP Terraform organization"),
      workspace: nonEmptyString("a workspace name").optional(),
      hostname: domainName("app.terraform.io").optional(),
    }),
  ],
  { error: 'expected a backend with type "local", "s3", "gcs" or "remote" (HCP Terraform)' },
);

export const environmentSchema = strictRecord({
  name: environmentName,
  description: nonEmptyString("a description").optional(),
  openmetadataUrl: baseUrl("https://openmetadata.example.com"),
  target: oneOf(["kubernetes", "collate"], '"kubernetes" deploys OpenMetadata with Helm, "collate" sets up only Okta for Collate\'s SaaS').optional(),
  protected: z.boolean({ error: "expected true or false" }).optional(),
  backend: stateBackend.optional(),
  okta: okta,
  openmetadata: openmetadata.optional(),
  adopt: adoptSchema.optional(),
});

export const environmentsFileSchema = strictRecord({
  environments: z.array(environmentSchema, { error: "expected a list of environments" }).min(1, { error: "expected at least one environment" }),
});

export type EnvironmentInput = z.infer<typeof environmentSchema>;
export type EnvironmentsFileInput = z.infer<typeof environmentsFileSchema>;
