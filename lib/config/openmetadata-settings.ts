import { DEFAULTS } from "./defaults";
import type { OpenMetadataSettings } from "./environment";
import type { EnvironmentInput } from "./environment-schema";
import { pipelineServiceClientType, resolvePipelineServiceClient } from "./pipeline-settings";
import { problemsOf, stackIdFor, type Problem, type Resolved } from "./section";

type OpenMetadataInput = NonNullable<EnvironmentInput["openmetadata"]>;

/** The openmetadata section (target kubernetes), with its defaults and cross-field rules. */
export function resolveOpenMetadata(environment: EnvironmentInput, input: OpenMetadataInput): Resolved<OpenMetadataSettings> {
  const { problems, problem: fail } = problemsOf(environment.name);
  const defaults = DEFAULTS.openmetadata;

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
 * Rules of where Airflow runs (audit F2, F5): KubernetesExecutor runs each task in a new pod on any
 * node, which must read the DAGs, so it needs ReadWriteMany storage (the dependencies chart's README
 * says so too); an external Airflow must call OpenMetadata back at an address it can resolve.
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
