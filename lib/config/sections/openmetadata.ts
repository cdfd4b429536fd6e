import * as v from "valibot";
import {
  baseUrl,
  bool,
  checkedString,
  domainName,
  hostName,
  integerInRange,
  KUBERNETES_NAME,
  kubernetesName,
  LABEL_KEY,
  mapOf,
  nonEmptyString,
  oneOf,
  patternString,
  quoteHint,
  strictRecord,
} from "../schema-helpers";
import { problemsOf, stackIdFor, type Problem, type Resolved } from "../section";
import {
  pipelineServiceClientSection,
  pipelineServiceClientType,
  resolvePipelineServiceClient,
  type PipelineServiceClientSettings,
} from "./pipeline-service-client";

/** The `openmetadata:` section (target kubernetes): its schema, resolved type, defaults and resolution. */

const kubernetesObjectName = kubernetesName("a Kubernetes name");

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

const cluster = strictRecord({
  inCluster: v.optional(bool()),
  kubeconfigPath: v.optional(nonEmptyString("a kubeconfig path")),
  context: v.optional(nonEmptyString("a kubeconfig context name")),
});

const externalDatabase = strictRecord({
  host: hostName("a database host", "openmetadata-db.internal.example.com", "port"),
  port: v.optional(integerInRange(1, 65535, "port")),
  engine: v.optional(oneOf(["mysql", "postgres"])),
  databaseName: v.optional(nonEmptyString("a database name")),
  username: v.optional(nonEmptyString("a database user name")),
});

const externalSearch = strictRecord({
  host: hostName("a search host", "search.internal.example.com", "port"),
  port: v.optional(integerInRange(1, 65535, "port")),
  scheme: v.optional(oneOf(["https", "http"])),
  searchType: v.optional(oneOf(["opensearch", "elasticsearch"])),
  username: v.optional(nonEmptyString("a search user name")),
});

const externalAirflow = strictRecord({
  apiEndpoint: baseUrl("https://airflow.internal.example.com"),
  username: v.optional(nonEmptyString("an Airflow user name")),
  /** Where the external Airflow's ingestion workflows call OpenMetadata back; checked in resolveOpenMetadata. */
  metadataApiEndpoint: v.optional(checkedString('a URL, e.g. "https://openmetadata.example.com/api"', () => undefined)),
});

/** The dependencies chart: Airflow's executor and storage, and the NetworkPolicy in front of MySQL and OpenSearch. */
const dependencies = strictRecord({
  enabled: v.optional(bool()),
  airflowExecutor: v.optional(
    oneOf(["LocalExecutor", "KubernetesExecutor"], "KubernetesExecutor runs every task in its own pod and needs ReadWriteMany storage"),
  ),
  sharedStorageClass: v.optional(kubernetesObjectName),
  networkPolicy: v.optional(bool()),
});

const jwtKeys = strictRecord({
  source: v.optional(
    oneOf(
      ["terraform", "variables"],
      '"terraform" generates the keys in Terraform state, "variables" reads them from sensitive Terraform variables',
    ),
  ),
  keyId: v.optional(patternString('a key id of 1-64 characters of A-Z, a-z, 0-9, ".", "_" and "-"', /^[A-Za-z0-9._-]{1,64}$/)),
});

const ingress = strictRecord({
  className: v.optional(
    patternString('an IngressClass name such as "nginx" (a-z, 0-9, "-" and ".")', /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/),
  ),
  tlsSecretName: v.optional(kubernetesObjectName),
  // Kubernetes annotation values are strings: an unquoted true or 30 in YAML is a boolean or number.
  annotations: v.optional(
    mapOf(
      LABEL_KEY,
      v.string((issue) => `annotation values are strings${quoteHint(issue.input) || "; write the value in quotes"}`),
      'expected a map of annotation names to string values, e.g. { "cert-manager.io/cluster-issuer": "letsencrypt" }',
    ),
  ),
  tlsSecretExists: v.optional(bool()),
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

export const openmetadataSection = strictRecord({
  cluster: cluster,
  namespace: v.optional(namespace),
  releaseName: v.optional(helmReleaseName),
  chartVersion: v.optional(
    patternString(
      'an exact chart version such as "1.13.1" (ranges would let a plan change what is deployed)',
      /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/,
      (value) => (/^v\d+\.\d+\.\d+/.test(value) ? `write it without the "v" ("${value.slice(1)}"); ` : ""),
    ),
  ),
  helmTimeoutSeconds: v.optional(integerInRange(60, 3600, "seconds")),
  initialAdmins: v.array(adminName, "expected a list of user names (the part of each admin's email before @)"),
  principalDomain: domainName("example.com"),
  allowedRegistrationDomains: v.optional(v.array(domainName("example.com"), "expected a list of email domains")),
  enableSelfSignup: v.optional(bool()),
  jwtKeys: v.optional(jwtKeys),
  dependencies: v.optional(dependencies),
  database: v.optional(externalDatabase),
  search: v.optional(externalSearch),
  airflow: v.optional(externalAirflow),
  pipelineServiceClient: v.optional(pipelineServiceClientSection),
  ingress: v.optional(ingress),
});

type OpenMetadataInput = v.InferOutput<typeof openmetadataSection>;

export interface OpenMetadataSettings {
  readonly cluster:
    { readonly inCluster: true } | { readonly inCluster: false; readonly kubeconfigPath: string; readonly context?: string };
  readonly namespace: string;
  readonly releaseName: string;
  readonly chartVersion: string;
  readonly helmTimeoutSeconds: number;
  readonly initialAdmins: readonly string[];
  readonly principalDomain: string;
  readonly allowedRegistrationDomains: readonly string[];
  readonly enableSelfSignup: boolean;
  readonly jwtKeySource: "terraform" | "variables";
  readonly jwtKeyId: string;
  /** Installs the openmetadata-dependencies chart (MySQL, OpenSearch, Airflow) in the namespace. */
  readonly dependencies: boolean;
  readonly externalDatabase?: ExternalDatabase;
  readonly externalSearch?: ExternalSearch;
  /** `metadataApiEndpoint`: where the external Airflow's workflows call OpenMetadata back (never a cluster-local name). */
  readonly externalAirflow?: { readonly apiEndpoint: string; readonly username: string; readonly metadataApiEndpoint: string };
  /**
   * How OpenMetadata runs ingestion pipelines: Kubernetes Jobs, Airflow (the dependencies chart's or
   * `externalAirflow`), or not at all. With anything but Airflow, the dependencies chart runs no Airflow.
   */
  readonly pipelineServiceClient: PipelineServiceClientSettings;
  /** With the dependencies chart: Airflow's executor, the ReadWriteMany StorageClass if any, and the NetworkPolicy. */
  readonly dependencyOptions: DependencyOptions;
  /** Exposes OpenMetadata at the host of `openmetadataUrl` through the chart's Ingress. */
  readonly ingress?: {
    readonly className?: string;
    readonly tlsSecretName?: string;
    readonly tlsSecretExists: boolean;
    readonly annotations: Readonly<Record<string, string>>;
  };
}

export interface DependencyOptions {
  readonly airflowExecutor: "LocalExecutor" | "KubernetesExecutor";
  /** A ReadWriteMany StorageClass for Airflow's DAGs and logs; without one, logs are not persisted. */
  readonly sharedStorageClass?: string;
  /** Default true: OpenSearch of the dependencies chart runs without authentication (help/kubernetes.md#the-dependencies-release). */
  readonly networkPolicy: boolean;
}

export interface ExternalDatabase {
  readonly host: string;
  readonly port: number;
  readonly engine: "mysql" | "postgres";
  readonly databaseName: string;
  readonly username: string;
}

export interface ExternalSearch {
  readonly host: string;
  readonly port: number;
  readonly scheme: "https" | "http";
  readonly searchType: "opensearch" | "elasticsearch";
  readonly username?: string;
}

/** The section's defaults but pipelineServiceClient's, which its own section keeps (defaults.ts composes them). */
export const OPENMETADATA_DEFAULTS = {
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
  ingress: { tlsSecretExists: false, annotations: {} as Readonly<Record<string, string>> },
} as const;

/** The openmetadata section (target kubernetes), with its defaults and cross-field rules. */
export function resolveOpenMetadata(
  environment: { readonly name: string; readonly openmetadataUrl: string },
  input: OpenMetadataInput,
): Resolved<OpenMetadataSettings> {
  const { problems, problem: fail } = problemsOf(environment.name);
  const defaults = OPENMETADATA_DEFAULTS;

  const { kubeconfigPath, context } = input.cluster;
  const inCluster = input.cluster.inCluster ?? defaults.cluster.inCluster;
  if (inCluster && (kubeconfigPath || context))
    fail(
      "openmetadata.cluster.inCluster",
      inCluster,
      "inCluster: true uses the pod's service account; remove kubeconfigPath and context, or set inCluster: false",
    );
  if (!inCluster && !kubeconfigPath)
    fail(
      "openmetadata.cluster.kubeconfigPath",
      kubeconfigPath,
      'name the kubeconfig (e.g. "~/.kube/config") and optionally its context, or ' +
        "set inCluster: true when Terraform runs inside the cluster",
    );

  if (input.initialAdmins.length === 0)
    fail(
      "openmetadata.initialAdmins",
      input.initialAdmins,
      "list at least one administrator (the part of their email before @); without one nobody can administer OpenMetadata",
    );
  input.initialAdmins.forEach((admin, index) => {
    if (admin.toLowerCase() === "admin")
      fail(
        `openmetadata.initialAdmins[${index}]`,
        admin,
        'the chart\'s default "admin" is not accepted: name real people, whose email at the identity provider maps to the principal',
      );
    if (admin.includes("@"))
      fail(
        `openmetadata.initialAdmins[${index}]`,
        admin,
        `give the user name only (the part before @); the domain comes from principalDomain (${input.principalDomain})`,
      );
  });

  const externalDatabase = input.database;
  const externalSearch = input.search;
  if (Boolean(externalDatabase) !== Boolean(externalSearch)) {
    fail(
      externalDatabase ? "openmetadata.search" : "openmetadata.database",
      undefined,
      "an external database and an external search endpoint go together; name " +
        "both, or neither to install the openmetadata-dependencies chart",
    );
  }
  const external = Boolean(externalDatabase && externalSearch);
  const dependencies = input.dependencies?.enabled ?? defaults.dependencies.enabled(external);
  if (dependencies && external)
    fail(
      "openmetadata.dependencies.enabled",
      true,
      "the dependencies chart would install a database and search next to the " +
        "external ones; set enabled: false or remove database and search",
    );
  if (!dependencies && !external)
    fail(
      "openmetadata.dependencies.enabled",
      false,
      "without the dependencies chart OpenMetadata needs an external database and " +
        "search; name openmetadata.database and openmetadata.search",
    );
  const namespace = input.namespace ?? defaults.namespace(stackIdFor(environment.name));
  const releaseName = input.releaseName ?? defaults.releaseName;
  const chartVersion = input.chartVersion ?? defaults.chartVersion;
  const pipelineContext = {
    dependencies,
    ...(input.airflow ? { externalAirflow: input.airflow } : {}),
    ...(input.dependencies ? { dependencyOptions: input.dependencies } : {}),
    namespace,
    releaseName,
    chartVersion,
  };
  // The Airflow rules below apply where OpenMetadata talks to an Airflow; with Jobs the pipeline rules refuse Airflow's fields.
  const withAirflow = pipelineServiceClientType(input.pipelineServiceClient, pipelineContext) === "airflow";
  const pipelineServiceClient = resolvePipelineServiceClient(input.pipelineServiceClient, pipelineContext, fail);
  if (withAirflow && input.airflow && dependencies)
    fail(
      "openmetadata.airflow",
      input.airflow.apiEndpoint,
      "the dependencies chart already runs Airflow; an external Airflow is only used with dependencies disabled",
    );
  const metadataApiEndpoint = input.airflow
    ? (input.airflow.metadataApiEndpoint ?? defaults.airflow.metadataApiEndpoint(environment.openmetadataUrl))
    : undefined;
  checkAirflowPlacement(input, dependencies, withAirflow, metadataApiEndpoint, fail);

  // An Ingress rule's host must be a DNS name (the API server refuses an IP: networking/v1 IngressRule.host), so
  // this would synthesize and fail at apply.
  const host = URL.canParse(environment.openmetadataUrl) ? new URL(environment.openmetadataUrl).hostname : "";
  if (input.ingress && (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.startsWith("["))) {
    fail(
      "openmetadataUrl",
      environment.openmetadataUrl,
      `an Ingress host must be a DNS name, not an IP address (Kubernetes refuses the rule); give OpenMetadata a DNS name ` +
        `pointing at ${host}, or remove openmetadata.ingress and expose the Service another way`,
    );
  }
  if (input.ingress && !input.ingress.tlsSecretName && environment.openmetadataUrl.startsWith("https://")) {
    fail(
      "openmetadata.ingress.tlsSecretName",
      undefined,
      `${environment.openmetadataUrl} is https: name the Secret holding its certificate ` +
        `(or let a controller such as cert-manager create it under that name)`,
    );
  }

  if (problems.length > 0 || !pipelineServiceClient) return { problems };
  return {
    problems,
    value: {
      cluster: inCluster
        ? { inCluster: true }
        : { inCluster: false, kubeconfigPath: kubeconfigPath as string, ...(context ? { context } : {}) },
      namespace,
      releaseName,
      chartVersion,
      helmTimeoutSeconds: input.helmTimeoutSeconds ?? defaults.helmTimeoutSeconds,
      initialAdmins: input.initialAdmins,
      principalDomain: input.principalDomain,
      allowedRegistrationDomains: input.allowedRegistrationDomains ?? defaults.allowedRegistrationDomains(input.principalDomain),
      enableSelfSignup: input.enableSelfSignup ?? defaults.enableSelfSignup,
      jwtKeySource: input.jwtKeys?.source ?? defaults.jwtKeys.source,
      jwtKeyId: input.jwtKeys?.keyId ?? defaults.jwtKeys.keyId(environment.name),
      dependencies,
      ...(externalDatabase
        ? {
            externalDatabase: {
              host: externalDatabase.host,
              engine: externalDatabase.engine ?? defaults.database.engine,
              port: externalDatabase.port ?? defaults.database.port(externalDatabase.engine ?? defaults.database.engine),
              databaseName: externalDatabase.databaseName ?? defaults.database.databaseName,
              username: externalDatabase.username ?? defaults.database.username,
            },
          }
        : {}),
      ...(externalSearch
        ? {
            externalSearch: {
              host: externalSearch.host,
              port: externalSearch.port ?? defaults.search.port,
              scheme: externalSearch.scheme ?? defaults.search.scheme,
              searchType: externalSearch.searchType ?? defaults.search.searchType,
              ...(externalSearch.username ? { username: externalSearch.username } : {}),
            },
          }
        : {}),
      ...(input.airflow && metadataApiEndpoint
        ? {
            externalAirflow: {
              apiEndpoint: input.airflow.apiEndpoint,
              username: input.airflow.username ?? defaults.airflow.username,
              metadataApiEndpoint,
            },
          }
        : {}),
      pipelineServiceClient,
      dependencyOptions: {
        airflowExecutor: input.dependencies?.airflowExecutor ?? defaults.dependencies.airflowExecutor,
        ...(input.dependencies?.sharedStorageClass ? { sharedStorageClass: input.dependencies.sharedStorageClass } : {}),
        networkPolicy: input.dependencies?.networkPolicy ?? defaults.dependencies.networkPolicy,
      },
      ...(input.ingress
        ? {
            ingress: {
              ...(input.ingress.className ? { className: input.ingress.className } : {}),
              ...(input.ingress.tlsSecretName ? { tlsSecretName: input.ingress.tlsSecretName } : {}),
              tlsSecretExists: input.ingress.tlsSecretExists ?? defaults.ingress.tlsSecretExists,
              annotations: input.ingress.annotations ?? defaults.ingress.annotations,
            },
          }
        : {}),
    },
  };
}

/** Cluster-local names: they resolve only inside the cluster (a bare Service name only in its namespace). */
const CLUSTER_LOCAL_HOST = /^(?:[^.]+|.*\.svc(?:\.cluster\.local)?|.*\.cluster\.local|localhost|127\.0\.0\.1|\[::1\])$/;

/**
 * Rules of where Airflow runs (help/kubernetes.md#the-dependencies-release and #an-external-airflow):
 * KubernetesExecutor runs each task in a new pod on any node, which must read the DAGs, so it needs
 * ReadWriteMany storage (the dependencies chart's README says so too); an external Airflow must call
 * OpenMetadata back at an address it can resolve.
 */
function checkAirflowPlacement(
  input: OpenMetadataInput,
  dependencies: boolean,
  withAirflow: boolean,
  metadataApiEndpoint: string | undefined,
  fail: Problem,
): void {
  const options = input.dependencies;
  if (withAirflow && options?.airflowExecutor === "KubernetesExecutor" && !options.sharedStorageClass) {
    fail(
      "openmetadata.dependencies.sharedStorageClass",
      undefined,
      "KubernetesExecutor task pods run on any node and must read the DAGs: name a ReadWriteMany " +
        "StorageClass (e.g. NFS, EFS, Azure Files), or use airflowExecutor: LocalExecutor",
    );
  }
  if (options && !dependencies && (options.airflowExecutor || options.sharedStorageClass || options.networkPolicy !== undefined)) {
    fail(
      "openmetadata.dependencies",
      "{...}",
      "airflowExecutor, sharedStorageClass and networkPolicy configure the dependencies chart, which is disabled; remove them",
    );
  }
  if (input.airflow?.metadataApiEndpoint !== undefined && !/^https?:\/\/[^/]+\/api$/.test(input.airflow.metadataApiEndpoint)) {
    fail(
      "openmetadata.airflow.metadataApiEndpoint",
      input.airflow.metadataApiEndpoint,
      'expected OpenMetadata\'s API base URL, e.g. "https://openmetadata.example.com/api" (scheme, host, then /api)',
    );
  } else if (metadataApiEndpoint && CLUSTER_LOCAL_HOST.test(new URL(metadataApiEndpoint).hostname)) {
    fail(
      "openmetadata.airflow.metadataApiEndpoint",
      metadataApiEndpoint,
      "the external Airflow cannot resolve a cluster-local name; give an address it reaches, e.g. the public URL's /api (the default)",
    );
  }
}
