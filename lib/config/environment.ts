import type { EnvironmentInput } from "./environment-schema";
import { SERVICE_APP_ADMIN_ROLES, SERVICE_APP_API_SCOPES } from "./environment-schema";
import type { PublicJwk } from "../keys/public-jwks";
import { resolveAdopt, type AdoptSettings } from "./adopt-settings";
import type { ConfigProblem } from "./errors";

/**
 * One environment with every default resolved, once, here. Constructs read only this type, so a
 * default lives in exactly one place and `help/configuration.md` documents exactly these.
 */
export interface Environment {
  readonly name: string;
  readonly stackId: string;
  readonly description: string;
  /** Public URL of OpenMetadata, no trailing slash. */
  readonly openmetadataUrl: string;
  readonly target: "kubernetes" | "collate";
  /** Protected environments refuse `cdktf destroy` (prevent_destroy on critical resources). */
  readonly protected: boolean;
  /** Where Terraform keeps this environment's state. */
  readonly backend: StateBackend;
  readonly okta: OktaSettings;
  /** Present exactly when `target` is `kubernetes`. */
  readonly openmetadata?: OpenMetadataSettings;
  /** Existing objects to import instead of creating (help/runbooks/adopting.md). */
  readonly adopt?: AdoptSettings;
}

export type StateBackend =
  | { readonly type: "local"; readonly path: string }
  | { readonly type: "s3"; readonly bucket: string; readonly key: string; readonly region: string }
  | { readonly type: "gcs"; readonly bucket: string; readonly prefix: string }
  | { readonly type: "remote"; readonly organization: string; readonly workspace: string; readonly hostname: string };

export interface OktaSettings {
  readonly orgName: string;
  readonly baseUrl: string;
  /** `https://{orgName}.{baseUrl}`: the issuer of Okta API scope grants. */
  readonly orgUrl: string;
  readonly flow: "spa" | "web";
  readonly appLabel: string;
  /** Okta group names assigned to the app; empty only when `everyone` is true. */
  readonly groups: readonly string[];
  readonly everyone: boolean;
  readonly refreshTokenLeewaySeconds: number;
  readonly accessTokenLifetimeMinutes: number;
  readonly refreshTokenLifetimeMinutes: number;
  readonly refreshTokenWindowMinutes: number;
  readonly authorizationServerName: string;
  readonly issuerMode: "ORG_URL" | "CUSTOM_URL";
  readonly maxApiCapacity: number;
  readonly serviceApp?: ServiceAppSettings;
}

export interface ServiceAppSettings {
  readonly label: string;
  /** Absolute path of the public JWKS file. */
  readonly jwksFile: string;
  /** The keys read from `jwksFile` when the environments were loaded. */
  readonly publicKeys: readonly PublicJwk[];
  readonly apiScopes: readonly string[];
  /** A standard Okta admin role for the app; none when absent. */
  readonly adminRole?: (typeof SERVICE_APP_ADMIN_ROLES)[number];
}

export interface OpenMetadataSettings {
  readonly cluster: { readonly inCluster: true } | { readonly inCluster: false; readonly kubeconfigPath: string; readonly context?: string };
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
  /** With the dependencies chart: Airflow's executor, the ReadWriteMany StorageClass if any, and the NetworkPolicy. */
  readonly dependencyOptions: DependencyOptions;
  /** Exposes OpenMetadata at the host of `openmetadataUrl` through the chart's Ingress. */
  readonly ingress?: { readonly className?: string; readonly tlsSecretName?: string; readonly tlsSecretExists: boolean; readonly annotations: Readonly<Record<string, string>> };
}

export interface DependencyOptions {
  readonly airflowExecutor: "LocalExecutor" | "KubernetesExecutor";
  /** A ReadWriteMany StorageClass for Airflow's DAGs and logs; without one, logs are not persisted. */
  readonly sharedStorageClass?: string;
  /** Default true: OpenSearch of the dependencies chart runs without authentication (audit F9). */
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

export const DEFAULTS = {
  flow: "spa",
  refreshTokenLeewaySeconds: 30,
  accessTokenLifetimeMinutes: 60,
  refreshTokenLifetimeMinutes: 129_600,
  refreshTokenWindowMinutes: 10_080,
  issuerMode: "ORG_URL",
  maxApiCapacity: 50,
  chartVersion: "1.13.1",
  releaseName: "openmetadata",
  helmTimeoutSeconds: 900,
  enableSelfSignup: true,
  jwtKeySource: "terraform",
  airflowExecutor: "LocalExecutor",
  serviceAppApiScopes: ["okta.users.read", "okta.users.manage", "okta.clients.read"] satisfies (typeof SERVICE_APP_API_SCOPES)[number][],
} as const;

/** Reads the files an environment names (the service app's JWKS), relative to its own file. */
export interface EnvironmentFiles {
  resolvePath(relativePath: string): string;
  /** Returns the public keys of a JWKS file; throws an Error whose message says what is wrong. */
  readPublicKeys(absolutePath: string): readonly PublicJwk[];
}

/**
 * Applies defaults and the rules that span fields. Returns problems instead of throwing, so one run
 * reports every mistake in the file at once.
 */
export function resolveEnvironment(input: EnvironmentInput, files: EnvironmentFiles): { environment?: Environment; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const problem = (path: string, value: unknown, message: string) => problems.push({ environment: input.name, path, value, message });

  const groups = input.okta.access?.groups ?? [];
  const everyone = input.okta.access?.everyone ?? false;
  if (groups.length === 0 && !everyone) {
    problem("okta.access.groups", input.okta.access?.groups, 'no Okta group gets access; list the groups (controlled access), or set okta.access.everyone: true to assign the app to every user deliberately');
  }
  if (groups.length > 0 && everyone) {
    problem("okta.access.everyone", everyone, "everyone: true already assigns every user; remove it or empty okta.access.groups");
  }
  const duplicateGroup = groups.find((group, index) => groups.indexOf(group) !== index);
  if (duplicateGroup) problem("okta.access.groups", duplicateGroup, "each group may be listed once");

  const issuerMode = input.okta.authorizationServer?.issuerMode ?? DEFAULTS.issuerMode;

  const accessTokenLifetimeMinutes = input.okta.tokens?.accessTokenLifetimeMinutes ?? DEFAULTS.accessTokenLifetimeMinutes;
  const refreshTokenLifetimeMinutes = input.okta.tokens?.refreshTokenLifetimeMinutes ?? DEFAULTS.refreshTokenLifetimeMinutes;
  const refreshTokenWindowMinutes = input.okta.tokens?.refreshTokenWindowMinutes ?? DEFAULTS.refreshTokenWindowMinutes;
  if (refreshTokenLifetimeMinutes < accessTokenLifetimeMinutes) {
    problem("okta.tokens.refreshTokenLifetimeMinutes", refreshTokenLifetimeMinutes, `Okta requires the refresh token lifetime to be at least the access token lifetime (${accessTokenLifetimeMinutes} minutes)`);
  }
  // The provider refuses a rule otherwise, at apply: okta/okta v6.12.0
  // okta/services/idaas/resource_okta_auth_server_policy_rule.go:323-328 (access <= window <= lifetime).
  if (refreshTokenWindowMinutes > refreshTokenLifetimeMinutes) {
    problem("okta.tokens.refreshTokenWindowMinutes", refreshTokenWindowMinutes, `must not exceed the refresh token lifetime (${refreshTokenLifetimeMinutes} minutes)`);
  }
  if (refreshTokenWindowMinutes < accessTokenLifetimeMinutes) {
    problem(
      "okta.tokens.refreshTokenWindowMinutes",
      refreshTokenWindowMinutes,
      `Okta requires the refresh token window to be at least the access token lifetime (${accessTokenLifetimeMinutes} minutes): access <= window <= refresh lifetime; raise the window or shorten accessTokenLifetimeMinutes`,
    );
  }

  let serviceApp: ServiceAppSettings | undefined;
  const serviceAppInput = input.okta.serviceApp;
  if (serviceAppInput && (serviceAppInput.enabled ?? true)) {
    if (!serviceAppInput.jwksFile) {
      problem("okta.serviceApp.jwksFile", undefined, "the service app authenticates with private_key_jwt and needs the public JWKS file made by `npm run keys` (the private key never goes in the repo)");
    } else {
      const jwksFile = files.resolvePath(serviceAppInput.jwksFile);
      try {
        serviceApp = {
          label: serviceAppInput.label ?? `OpenMetadata service (${input.name})`,
          jwksFile,
          publicKeys: files.readPublicKeys(jwksFile),
          apiScopes: serviceAppInput.apiScopes ?? DEFAULTS.serviceAppApiScopes,
          ...(serviceAppInput.adminRole ? { adminRole: serviceAppInput.adminRole } : {}),
        };
      } catch (error) {
        problem("okta.serviceApp.jwksFile", serviceAppInput.jwksFile, `${(error as Error).message}; expected a public JWKS made by \`npm run keys\``);
      }
    }
  }

  const target = input.target ?? "kubernetes";
  let openmetadata: OpenMetadataSettings | undefined;
  if (target === "collate" && input.openmetadata) {
    problem("openmetadata", "{...}", 'target "collate" deploys nothing to Kubernetes (Collate runs OpenMetadata); remove the openmetadata section or set target: kubernetes');
  }
  if (target === "kubernetes") {
    if (!input.openmetadata) {
      problem("openmetadata", undefined, 'target "kubernetes" needs an openmetadata section (cluster, initialAdmins, principalDomain); use target: collate for the Okta side only');
    } else {
      openmetadata = resolveOpenMetadata(input, input.openmetadata, problem);
    }
  }

  const adopt = resolveAdopt(input.adopt, { serviceApp: serviceApp !== undefined, kubernetes: target === "kubernetes" }, problem);

  if (problems.length > 0) return { problems };
  const orgUrl = `https://${input.okta.orgName}.${input.okta.baseUrl}`;
  return {
    problems,
    environment: {
      name: input.name,
      stackId: stackIdFor(input.name),
      description: input.description ?? `OpenMetadata ${input.name}`,
      openmetadataUrl: input.openmetadataUrl,
      target,
      protected: input.protected ?? false,
      backend: resolveBackend(input.backend, stackIdFor(input.name)),
      okta: {
        orgName: input.okta.orgName,
        baseUrl: input.okta.baseUrl,
        orgUrl,
        flow: input.okta.flow ?? DEFAULTS.flow,
        appLabel: input.okta.appLabel ?? `OpenMetadata (${input.name})`,
        groups,
        everyone,
        refreshTokenLeewaySeconds: input.okta.refreshTokenLeewaySeconds ?? DEFAULTS.refreshTokenLeewaySeconds,
        accessTokenLifetimeMinutes,
        refreshTokenLifetimeMinutes,
        refreshTokenWindowMinutes,
        authorizationServerName: input.okta.authorizationServer?.name ?? `openmetadata-${input.name}`,
        issuerMode,
        maxApiCapacity: input.okta.maxApiCapacity ?? DEFAULTS.maxApiCapacity,
        ...(serviceApp ? { serviceApp } : {}),
      },
      ...(openmetadata ? { openmetadata } : {}),
      ...(adopt ? { adopt } : {}),
    },
  };
}

export function stackIdFor(environmentName: string): string {
  return `openmetadata-${environmentName}`;
}

/** Each environment gets its own state: a shared key would let one stack's apply destroy another's resources. */
function resolveBackend(input: EnvironmentInput["backend"], stackId: string): StateBackend {
  switch (input?.type) {
    case undefined:
      return { type: "local", path: `terraform.${stackId}.tfstate` };
    case "local":
      return { type: "local", path: input.path ?? `terraform.${stackId}.tfstate` };
    case "s3":
      return { type: "s3", bucket: input.bucket, key: input.key ?? `openmetadata/${stackId}.tfstate`, region: input.region };
    case "gcs":
      return { type: "gcs", bucket: input.bucket, prefix: input.prefix ?? `openmetadata/${stackId}` };
    case "remote":
      return { type: "remote", organization: input.organization, workspace: input.workspace ?? stackId, hostname: input.hostname ?? "app.terraform.io" };
  }
}

type Problem = (path: string, value: unknown, message: string) => void;

function resolveOpenMetadata(environment: EnvironmentInput, input: NonNullable<EnvironmentInput["openmetadata"]>, problem: Problem): OpenMetadataSettings | undefined {
  let failed = false;
  const fail: Problem = (path, value, message) => {
    failed = true;
    problem(path, value, message);
  };

  const { inCluster, kubeconfigPath, context } = input.cluster;
  if (inCluster && (kubeconfigPath || context)) fail("openmetadata.cluster.inCluster", inCluster, "inCluster: true uses the pod's service account; remove kubeconfigPath and context, or set inCluster: false");
  if (!inCluster && !kubeconfigPath) fail("openmetadata.cluster.kubeconfigPath", kubeconfigPath, 'name the kubeconfig (e.g. "~/.kube/config") and optionally its context, or set inCluster: true when Terraform runs inside the cluster');

  if (input.initialAdmins.length === 0) fail("openmetadata.initialAdmins", input.initialAdmins, "list at least one administrator (the part of their email before @); without one nobody can administer OpenMetadata");
  input.initialAdmins.forEach((admin, index) => {
    if (admin.toLowerCase() === "admin") fail(`openmetadata.initialAdmins[${index}]`, admin, 'the chart\'s default "admin" is not accepted: name real people, whose Okta email maps to the principal');
    if (admin.includes("@")) fail(`openmetadata.initialAdmins[${index}]`, admin, `give the user name only (the part before @); the domain comes from principalDomain (${input.principalDomain})`);
  });

  const externalDatabase = input.database;
  const externalSearch = input.search;
  if (Boolean(externalDatabase) !== Boolean(externalSearch)) {
    fail(externalDatabase ? "openmetadata.search" : "openmetadata.database", undefined, "an external database and an external search endpoint go together; name both, or neither to install the openmetadata-dependencies chart");
  }
  const external = Boolean(externalDatabase && externalSearch);
  const dependencies = input.dependencies?.enabled ?? !external;
  if (dependencies && external) fail("openmetadata.dependencies.enabled", true, "the dependencies chart would install a database and search next to the external ones; set enabled: false or remove database and search");
  if (!dependencies && !external) fail("openmetadata.dependencies.enabled", false, "without the dependencies chart OpenMetadata needs an external database and search; name openmetadata.database and openmetadata.search");
  if (input.airflow && dependencies) fail("openmetadata.airflow", input.airflow.apiEndpoint, "the dependencies chart already runs Airflow; an external Airflow is only used with dependencies disabled");
  const metadataApiEndpoint = input.airflow ? input.airflow.metadataApiEndpoint ?? `${environment.openmetadataUrl}/api` : undefined;
  checkAirflowPlacement(input, dependencies, metadataApiEndpoint, fail);

  if (input.ingress && !input.ingress.tlsSecretName && environment.openmetadataUrl.startsWith("https://")) {
    fail("openmetadata.ingress.tlsSecretName", undefined, `${environment.openmetadataUrl} is https: name the Secret holding its certificate (or let a controller such as cert-manager create it under that name)`);
  }

  if (failed) return undefined;
  return {
    cluster: inCluster ? { inCluster: true } : { inCluster: false, kubeconfigPath: kubeconfigPath as string, ...(context ? { context } : {}) },
    namespace: input.namespace ?? stackIdFor(environment.name),
    releaseName: input.releaseName ?? DEFAULTS.releaseName,
    chartVersion: input.chartVersion ?? DEFAULTS.chartVersion,
    helmTimeoutSeconds: input.helmTimeoutSeconds ?? DEFAULTS.helmTimeoutSeconds,
    initialAdmins: input.initialAdmins,
    principalDomain: input.principalDomain,
    allowedRegistrationDomains: input.allowedRegistrationDomains ?? [input.principalDomain],
    enableSelfSignup: input.enableSelfSignup ?? DEFAULTS.enableSelfSignup,
    jwtKeySource: input.jwtKeys?.source ?? DEFAULTS.jwtKeySource,
    jwtKeyId: input.jwtKeys?.keyId ?? `openmetadata-${environment.name}-1`,
    dependencies,
    ...(externalDatabase
      ? {
          externalDatabase: {
            host: externalDatabase.host,
            engine: externalDatabase.engine ?? "mysql",
            port: externalDatabase.port ?? ((externalDatabase.engine ?? "mysql") === "mysql" ? 3306 : 5432),
            databaseName: externalDatabase.databaseName ?? "openmetadata_db",
            username: externalDatabase.username ?? "openmetadata_user",
          },
        }
      : {}),
    ...(externalSearch
      ? {
          externalSearch: {
            host: externalSearch.host,
            port: externalSearch.port ?? 9200,
            scheme: externalSearch.scheme ?? "https",
            searchType: externalSearch.searchType ?? "opensearch",
            ...(externalSearch.username ? { username: externalSearch.username } : {}),
          },
        }
      : {}),
    ...(input.airflow && metadataApiEndpoint ? { externalAirflow: { apiEndpoint: input.airflow.apiEndpoint, username: input.airflow.username ?? "admin", metadataApiEndpoint } } : {}),
    dependencyOptions: {
      airflowExecutor: input.dependencies?.airflowExecutor ?? DEFAULTS.airflowExecutor,
      ...(input.dependencies?.sharedStorageClass ? { sharedStorageClass: input.dependencies.sharedStorageClass } : {}),
      networkPolicy: input.dependencies?.networkPolicy ?? true,
    },
    ...(input.ingress
      ? {
          ingress: {
            ...(input.ingress.className ? { className: input.ingress.className } : {}),
            ...(input.ingress.tlsSecretName ? { tlsSecretName: input.ingress.tlsSecretName } : {}),
            tlsSecretExists: input.ingress.tlsSecretExists ?? false,
            annotations: input.ingress.annotations ?? {},
          },
        }
      : {}),
  };
}

/** Cluster-local names: they resolve only inside the cluster (a bare Service name only in its namespace). */
const CLUSTER_LOCAL_HOST = /^(?:[^.]+|.*\.svc(?:\.cluster\.local)?|.*\.cluster\.local|localhost|127\.0\.0\.1|\[::1\])$/;

/**
 * Rules of where Airflow runs (audit F2, F5): KubernetesExecutor runs each task in a new pod on any
 * node, which must read the DAGs, so it needs ReadWriteMany storage (the dependencies chart's README
 * says so too); an external Airflow must call OpenMetadata back at an address it can resolve.
 */
function checkAirflowPlacement(input: NonNullable<EnvironmentInput["openmetadata"]>, dependencies: boolean, metadataApiEndpoint: string | undefined, fail: Problem): void {
  const options = input.dependencies;
  if (options?.airflowExecutor === "KubernetesExecutor" && !options.sharedStorageClass) {
    fail("openmetadata.dependencies.sharedStorageClass", undefined, "KubernetesExecutor task pods run on any node and must read the DAGs: name a ReadWriteMany StorageClass (e.g. NFS, EFS, Azure Files), or use airflowExecutor: LocalExecutor");
  }
  if (options && !dependencies && (options.airflowExecutor || options.sharedStorageClass || options.networkPolicy !== undefined)) {
    fail("openmetadata.dependencies", "{...}", "airflowExecutor, sharedStorageClass and networkPolicy configure the dependencies chart, which is disabled; remove them");
  }
  if (input.airflow?.metadataApiEndpoint !== undefined && !/^https?:\/\/[^/]+\/api$/.test(input.airflow.metadataApiEndpoint)) {
    fail("openmetadata.airflow.metadataApiEndpoint", input.airflow.metadataApiEndpoint, 'expected OpenMetadata\'s API base URL, e.g. "https://openmetadata.example.com/api" (scheme, host, then /api)');
  } else if (metadataApiEndpoint && CLUSTER_LOCAL_HOST.test(new URL(metadataApiEndpoint).hostname)) {
    fail("openmetadata.airflow.metadataApiEndpoint", metadataApiEndpoint, "the external Airflow cannot resolve a cluster-local name; give an address it reaches, e.g. the public URL's /api (the default)");
  }
}
