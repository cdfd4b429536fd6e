import { z } from "zod";
import { adoptSchema } from "./adopt-settings";
import { closest } from "./suggest";
import { auth0Section } from "./auth0-settings";
import { pipelineServiceClientSection } from "./pipeline-settings";
import {
  awsRegion,
  baseUrl,
  bool,
  checkedString,
  domainName,
  filePath,
  gcsBucketName,
  hostName,
  integerInRange,
  nonEmptyString,
  oneOf,
  patternString,
  quoteHint,
  s3BucketName,
  strictRecord,
} from "./schema-helpers";

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
export const SERVICE_APP_API_SCOPES = [
  "okta.users.read",
  "okta.users.manage",
  "okta.clients.read",
  "okta.groups.read",
  "okta.apps.read",
] as const;

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
const environmentName = patternString(
  '1-24 characters of a-z, 0-9 and "-", starting with a letter and not ending with "-" (it ' +
    'becomes the stack id "openmetadata-<name>" and a Kubernetes namespace)',
  ENVIRONMENT_NAME,
  (value) =>
    ENVIRONMENT_NAME.test(value.toLowerCase().replace(/[_ .]/g, "-")) ? `write "${value.toLowerCase().replace(/[_ .]/g, "-")}"; ` : "",
);

const KUBERNETES_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const kubernetesName = patternString(
  'a Kubernetes name: 1-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit',
  KUBERNETES_NAME,
);

/** Helm stores a release in a Secret named `sh.helm.release.v1.<name>.v<revision>`, so it limits names to 53 characters. */
const HELM_RELEASE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,51}[a-z0-9])?$/;
const helmReleaseName = checkedString(
  'a Helm release name: 1-53 characters of a-z, 0-9 and "-", starting and ending with a letter or digit',
  (value) => {
    if (value.length > 53)
      return `a Helm release name is at most 53 characters (this one has ${value.length}); write a shorter name such as "openmetadata"`;
    return HELM_RELEASE_NAME.test(value)
      ? undefined
      : 'expected a Helm release name: 1-53 characters of a-z, 0-9 and "-", starting and ending with a letter or digit';
  },
);

const tokens = strictRecord({
  accessTokenLifetimeMinutes: integerInRange(
    OKTA_LIMITS.accessTokenLifetimeMinutes.min,
    OKTA_LIMITS.accessTokenLifetimeMinutes.max,
    "minutes",
    "Okta's range for access tokens",
  ).optional(),
  refreshTokenLifetimeMinutes: integerInRange(
    OKTA_LIMITS.refreshTokenLifetimeMinutes.min,
    OKTA_LIMITS.refreshTokenLifetimeMinutes.max,
    "minutes",
    "Okta's range; 2628000 is five years",
  ).optional(),
  refreshTokenWindowMinutes: integerInRange(
    OKTA_LIMITS.refreshTokenWindowMinutes.min,
    OKTA_LIMITS.refreshTokenWindowMinutes.max,
    "minutes",
    "a refresh token unused for this long expires",
  ).optional(),
});

const access = strictRecord({
  groups: z.array(nonEmptyString("an Okta group name"), { error: "expected a list of Okta group names" }).optional(),
  everyone: bool().optional(),
});

const authorizationServer = strictRecord({
  name: nonEmptyString("an authorization server name").optional(),
  issuerMode: oneOf(
    ["ORG_URL", "CUSTOM_URL"],
    "DYNAMIC is not accepted: OpenMetadata needs one fixed issuer, and a Dynamic " +
      'issuer makes the token "iss" differ from the configured authority',
  ).optional(),
});

const serviceApp = strictRecord({
  enabled: bool().optional(),
  label: nonEmptyString("an Okta app label").optional(),
  jwksFile: filePath("the path of the public JWKS file", "the environments file").optional(),
  apiScopes: z.array(oneOf(SERVICE_APP_API_SCOPES), { error: "expected a list of Okta API scopes" }).optional(),
  adminRole: oneOf(SERVICE_APP_ADMIN_ROLES, "a standard Okta admin role; Okta checks it as well as the granted scopes").optional(),
});

const ORG_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const orgName = checkedString('the Okta org name only, e.g. "dev-123456" (not a URL)', (value) => {
  if (ORG_NAME.test(value)) return undefined;
  const domain = /^(?:[a-z]+:\/\/)?([a-z0-9-]+)\.([a-z0-9.-]+?)(?:-admin)?\/?$/i.exec(value.replace(/-admin\./i, "."));
  if (domain)
    return `give the org name only: orgName "${domain[1]}" and baseUrl "${domain[2]}" (the org URL is https://{orgName}.{baseUrl})`;
  return 'expected the Okta org name only, e.g. "dev-123456" (not a URL)';
});

/** The domains Okta serves orgs under (commercial, preview, EMEA cell, US government cells). */
export const OKTA_BASE_DOMAINS = ["okta.com", "oktapreview.com", "okta-emea.com", "okta-gov.com", "okta.mil", "okta-miltest.com"] as const;

/** Where the edit distance finds nothing (oktapreview.company), the domain with the same first label. */
function nearestByPrefix(value: string): string | undefined {
  const label = value.split(".")[0] ?? "";
  return OKTA_BASE_DOMAINS.find((domain) => domain.split(".")[0] === label);
}

const okta = strictRecord({
  orgName,
  baseUrl: domainName("okta.com"),
  /** baseUrl is deliberately not one of Okta's domains (an org reached through a custom domain). */
  customBaseUrl: bool().optional(),
  flow: oneOf(["spa", "web"], '"spa" is a public Single-Page App with PKCE, "web" a confidential app with a client secret').optional(),
  appLabel: nonEmptyString("an Okta app label").optional(),
  access: access.optional(),
  refreshTokenLeewaySeconds: integerInRange(
    OKTA_LIMITS.refreshTokenLeewaySeconds.min,
    OKTA_LIMITS.refreshTokenLeewaySeconds.max,
    "seconds",
    "Okta's grace period for a rotated refresh token",
  ).optional(),
  tokens: tokens.optional(),
  authorizationServer: authorizationServer.optional(),
  maxApiCapacity: integerInRange(
    OKTA_LIMITS.maxApiCapacity.min,
    OKTA_LIMITS.maxApiCapacity.max,
    "percent",
    "share of the Okta API rate limit the provider may use",
  ).optional(),
  serviceApp: serviceApp.optional(),
}).superRefine((value, ctx) => {
  // The provider builds https://{orgName}.{baseUrl}: "acme.okta.com" with orgName acme would mean https://acme.acme.okta.com.
  if (value.baseUrl.toLowerCase().startsWith(`${value.orgName.toLowerCase()}.`)) {
    const rest = value.baseUrl.slice(value.orgName.length + 1);
    ctx.addIssue({
      code: "custom",
      path: ["baseUrl"],
      input: value.baseUrl,
      message:
        `repeats the org name: the org URL is https://{orgName}.{baseUrl}, which would be ` +
        `https://${value.orgName}.${value.baseUrl}; write baseUrl: "${rest}"`,
    });
    // The more specific problem: the domain left after the org name is usually one of Okta's.
    return;
  }
  // The provider sends the API credentials to https://{orgName}.{baseUrl}: a typo (okta.co) would send them elsewhere.
  if (!value.customBaseUrl && !(OKTA_BASE_DOMAINS as readonly string[]).includes(value.baseUrl)) {
    const near = closest(value.baseUrl, OKTA_BASE_DOMAINS) ?? nearestByPrefix(value.baseUrl);
    ctx.addIssue({
      code: "custom",
      path: ["baseUrl"],
      input: value.baseUrl,
      message:
        `not one of Okta's domains (${OKTA_BASE_DOMAINS.join(", ")})${near ? `; did you mean "${near}"?` : ""}; the provider would send ` +
        `the API credentials to https://${value.orgName}.${value.baseUrl}. If that really is your org's domain, say so ` +
        `with okta.customBaseUrl: true`,
    });
    return;
  }
  if (value.customBaseUrl && (OKTA_BASE_DOMAINS as readonly string[]).includes(value.baseUrl)) {
    ctx.addIssue({
      code: "custom",
      path: ["customBaseUrl"],
      input: value.customBaseUrl,
      message: `${value.baseUrl} is one of Okta's own domains, not a custom one; remove customBaseUrl`,
    });
  }
});

const cluster = strictRecord({
  inCluster: bool().optional(),
  kubeconfigPath: nonEmptyString("a kubeconfig path").optional(),
  context: nonEmptyString("a kubeconfig context name").optional(),
});

const externalDatabase = strictRecord({
  host: hostName("a database host", "openmetadata-db.internal.example.com", "port"),
  port: integerInRange(1, 65535, "port").optional(),
  engine: oneOf(["mysql", "postgres"]).optional(),
  databaseName: nonEmptyString("a database name").optional(),
  username: nonEmptyString("a database user name").optional(),
});

const externalSearch = strictRecord({
  host: hostName("a search host", "search.internal.example.com", "port"),
  port: integerInRange(1, 65535, "port").optional(),
  scheme: oneOf(["https", "http"]).optional(),
  searchType: oneOf(["opensearch", "elasticsearch"]).optional(),
  username: nonEmptyString("a search user name").optional(),
});

const externalAirflow = strictRecord({
  apiEndpoint: baseUrl("https://airflow.internal.example.com"),
  username: nonEmptyString("an Airflow user name").optional(),
  /** Where the external Airflow's ingestion workflows call OpenMetadata back; checked in environment.ts. */
  metadataApiEndpoint: checkedString('a URL, e.g. "https://openmetadata.example.com/api"', () => undefined).optional(),
});

/** The dependencies chart: Airflow's executor and storage, and the NetworkPolicy in front of MySQL and OpenSearch. */
const dependencies = strictRecord({
  enabled: bool().optional(),
  airflowExecutor: oneOf(
    ["LocalExecutor", "KubernetesExecutor"],
    "KubernetesExecutor runs every task in its own pod and needs ReadWriteMany storage",
  ).optional(),
  sharedStorageClass: kubernetesName.optional(),
  networkPolicy: bool().optional(),
});

const jwtKeys = strictRecord({
  source: oneOf(
    ["terraform", "variables"],
    '"terraform" generates the keys in Terraform state, "variables" reads them from sensitive Terraform variables',
  ).optional(),
  keyId: patternString('a key id of 1-64 characters of A-Z, a-z, 0-9, ".", "_" and "-"', /^[A-Za-z0-9._-]{1,64}$/).optional(),
});

const ingress = strictRecord({
  className: patternString(
    'an IngressClass name such as "nginx" (a-z, 0-9, "-" and ".")',
    /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/,
  ).optional(),
  tlsSecretName: kubernetesName.optional(),
  // Kubernetes annotation values are strings: an unquoted true or 30 in YAML is a boolean or number.
  annotations: z
    .record(
      patternString(
        'an annotation name such as "cert-manager.io/cluster-issuer"',
        /^(?:[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/,
      ),
      z.string({ error: (issue) => `annotation values are strings${quoteHint(issue.input) || "; write the value in quotes"}` }),
      { error: 'expected a map of annotation names to string values, e.g. { "cert-manager.io/cluster-issuer": "letsencrypt" }' },
    )
    .optional(),
  tlsSecretExists: bool().optional(),
});

/** Namespaces Kubernetes itself uses: the stack creates and owns its namespace, and destroying the stack deletes it. */
const RESERVED_NAMESPACES = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);
const namespace = checkedString(
  'a Kubernetes name: 1-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit',
  (value) => {
    if (RESERVED_NAMESPACES.has(value))
      return (
        `"${value}" is a namespace Kubernetes itself uses; the stack creates and owns its namespace ` +
        `(destroying the stack deletes it), so name a new one such as "openmetadata"`
      );
    return KUBERNETES_NAME.test(value)
      ? undefined
      : 'expected a Kubernetes name: 1-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit';
  },
);

/** The part of an email before @: OpenMetadata makes `<admin>@<principalDomain>` an administrator. */
const adminName = checkedString("a user name (the part of the email before @)", (value) => {
  if (value.trim() === "") return "expected a user name (the part of the email before @), not an empty string";
  // An "@" is reported by resolveOpenMetadata, with the principal domain it would collide with.
  if (value.includes("@") || /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(value)) return undefined;
  return (
    `expected a user name (the part of the email before @, e.g. "jane.doe"), with no spaces` +
    `${/\s/.test(value) ? ` (write "${value.trim().toLowerCase().replace(/\s+/g, ".")}" if that is the email)` : ""}`
  );
});

const openmetadata = strictRecord({
  cluster: cluster,
  namespace: namespace.optional(),
  releaseName: helmReleaseName.optional(),
  chartVersion: patternString(
    'an exact chart version such as "1.13.1" (ranges would let a plan change what is deployed)',
    /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/,
    (value) => (/^v\d+\.\d+\.\d+/.test(value) ? `write it without the "v" ("${value.slice(1)}"); ` : ""),
  ).optional(),
  helmTimeoutSeconds: integerInRange(60, 3600, "seconds").optional(),
  initialAdmins: z.array(adminName, { error: "expected a list of user names (the part of each admin's email before @)" }),
  principalDomain: domainName("example.com"),
  allowedRegistrationDomains: z.array(domainName("example.com"), { error: "expected a list of email domains" }).optional(),
  enableSelfSignup: bool().optional(),
  jwtKeys: jwtKeys.optional(),
  dependencies: dependencies.optional(),
  database: externalDatabase.optional(),
  search: externalSearch.optional(),
  airflow: externalAirflow.optional(),
  pipelineServiceClient: pipelineServiceClientSection.optional(),
  ingress: ingress.optional(),
});

const BACKEND_TYPES = ["local", "s3", "gcs", "remote"] as const;
const stateBackend = z.discriminatedUnion(
  "type",
  [
    strictRecord({ type: z.literal("local"), path: filePath("a state file path", "the environments file").optional() }),
    strictRecord({
      type: z.literal("s3"),
      bucket: s3BucketName(),
      key: patternString('an object key such as "openmetadata/prod.tfstate" (no leading "/")', /^[^/\s][^\s]*$/).optional(),
      region: awsRegion(),
    }),
    strictRecord({
      type: z.literal("gcs"),
      bucket: gcsBucketName(),
      prefix: patternString('an object prefix such as "openmetadata/prod" (no leading "/")', /^[^/\s][^\s]*$/).optional(),
    }),
    strictRecord({
      type: z.literal("remote"),
      organization: patternString('an HCP Terraform organization name (A-Z, a-z, 0-9, "_" and "-")', /^[A-Za-z0-9_-]+$/),
      workspace: patternString('a workspace name of up to 90 characters of A-Z, a-z, 0-9, "_" and "-"', /^[A-Za-z0-9_-]{1,90}$/).optional(),
      hostname: domainName("app.terraform.io").optional(),
    }),
  ],
  {
    error: (issue) => {
      const type = (issue.input as { type?: unknown } | undefined)?.type ?? issue.input;
      const near = typeof type === "string" ? BACKEND_TYPES.find((candidate) => candidate === type.trim().toLowerCase()) : undefined;
      return `expected a backend with type "local", "s3", "gcs" or "remote" (HCP Terraform)${near ? `; write type: ${near}` : ""}`;
    },
  },
);

export const environmentSchema = strictRecord({
  name: environmentName,
  description: nonEmptyString("a description", { freeText: true }).optional(),
  openmetadataUrl: baseUrl("https://openmetadata.example.com"),
  target: oneOf(
    ["kubernetes", "collate"],
    '"kubernetes" deploys OpenMetadata with Helm, "collate" sets up only the identity provider for Collate\'s SaaS',
  ).optional(),
  protected: bool().optional(),
  backend: stateBackend.optional(),
  // Exactly one of the two: checked in resolveEnvironment, which reports it like any other problem.
  okta: okta.optional(),
  auth0: auth0Section.optional(),
  openmetadata: openmetadata.optional(),
  adopt: adoptSchema.optional(),
});

export const environmentsFileSchema = strictRecord({
  environments: z
    .array(environmentSchema, {
      error: (issue) => {
        const input = issue.input;
        const dashed = input !== null && typeof input === "object" && Object.keys(input).some((key) => key.startsWith("-"));
        return `expected a list of environments${dashed ? ' (a list item needs a space after the dash: "- name: dev")' : ""}`;
      },
    })
    .min(1, { error: "expected at least one environment" }),
});

export type EnvironmentInput = z.infer<typeof environmentSchema>;
export type EnvironmentsFileInput = z.infer<typeof environmentsFileSchema>;
