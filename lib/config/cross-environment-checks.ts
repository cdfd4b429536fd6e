import { normalize } from "node:path";
import type { Environment, StateBackend } from "./environment";
import type { EnvironmentInput } from "./environment-schema";
import type { ConfigProblem } from "./errors";

/**
 * Rules that span environments. Every stack has the same resource addresses, so two environments that
 * share a Terraform state, a public URL or a namespace would take over each other's resources: the
 * second apply would replace the first environment's Okta app or Helm release, prod's included.
 */
export function crossEnvironmentProblems(environments: readonly Environment[]): ConfigProblem[] {
  return [
    ...sameKey(
      environments,
      "backend",
      (environment) => stateLocation(environment.backend),
      (other, where) =>
        `uses the same Terraform state as environment "${other}" (${where}); one stack would take over the ` +
        `other's resources: give each environment its own ${backendKeyField(environments, other)}`,
    ),
    ...sameKey(
      environments,
      "openmetadataUrl",
      (environment) => urlKey(environment.openmetadataUrl),
      (other) =>
        `environment "${other}" has the same openmetadataUrl; each environment needs ` +
        `its own URL (its app's redirect URIs at the identity provider and its ingress host)`,
    ),
    ...sameKey(
      environments,
      "openmetadata.namespace",
      (environment) =>
        environment.openmetadata
          ? `${clusterKey(environment.openmetadata.cluster)} namespace ${environment.openmetadata.namespace}`
          : undefined,
      (other, where) =>
        `environment "${other}" deploys to the same namespace on the same cluster (${where}); the ` +
        `second Helm release would replace the first: set a different openmetadata.namespace`,
      (environment) => environment.openmetadata?.namespace,
    ),
    ...jobsNamespaceProblems(environments),
    ...sameAdoptedOktaObject(environments),
  ];
}

/**
 * Two environments adopting one Okta object would both own it: each apply would rewrite it to its own settings,
 * and destroying either stack deletes it from under the other. Ids are unique in an org, so the key is org and id.
 */
function sameAdoptedOktaObject(environments: readonly Environment[]): ConfigProblem[] {
  const owner = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const environment of environments) {
    const ids = environment.adopt?.okta ?? {};
    for (const [field, id] of Object.entries(ids)) {
      if (id === undefined || !environment.okta) continue;
      const key = `${environment.okta.orgUrl} ${id}`;
      const first = owner.get(key);
      if (first === undefined) owner.set(key, environment.name);
      else
        problems.push({
          environment: environment.name,
          path: `adopt.okta.${field}`,
          value: id,
          message:
            `environment "${first}" adopts the same Okta object in ${environment.okta.orgUrl}; both stacks would own it ` +
            "(each apply rewrites it, either destroy deletes it): adopt it in one environment and let the other create its own",
        });
    }
  }
  return problems;
}

/**
 * K8sPipelineClient names what it creates after the pipeline alone (`om-config-<pipeline>`,
 * `om-cronjob-<pipeline>`...: buildConfigMap, buildCronJob), so two servers creating Jobs in one namespace
 * would overwrite each other's pipelines of the same name; and Jobs in another environment's namespace
 * would be deleted with that environment's stack.
 */
function jobsNamespaceProblems(environments: readonly Environment[]): ConfigProblem[] {
  const jobsNamespace = (environment: Environment) => {
    const pipeline = environment.openmetadata?.pipelineServiceClient;
    return pipeline?.type === "k8s" ? pipeline.k8s.namespace : undefined;
  };
  const path = "openmetadata.pipelineServiceClient.k8s.namespace";
  const problems = sameKey(
    environments,
    path,
    (environment) => {
      const namespace = jobsNamespace(environment);
      return namespace === undefined ? undefined : `${clusterKey(environment.openmetadata!.cluster)} Jobs namespace ${namespace}`;
    },
    (other) =>
      `environment "${other}" runs its ingestion Jobs in the same namespace on the same cluster; the servers name ` +
      "their ConfigMaps and CronJobs after the pipeline alone and would overwrite each other's: give each its own namespace",
    jobsNamespace,
  );
  for (const environment of environments) {
    const namespace = jobsNamespace(environment);
    const owner = environments.find(
      (other) =>
        other !== environment &&
        other.openmetadata !== undefined &&
        other.openmetadata.namespace === namespace &&
        clusterKey(other.openmetadata.cluster) === clusterKey(environment.openmetadata!.cluster),
    );
    if (namespace !== undefined && owner)
      problems.push({
        environment: environment.name,
        path,
        value: namespace,
        message: `is the namespace of environment "${owner.name}", whose stack owns it and deletes it on destroy: run the Jobs in a namespace of their own`,
      });
  }
  return problems;
}

function sameKey(
  environments: readonly Environment[],
  path: string,
  keyOf: (environment: Environment) => string | undefined,
  message: (other: string, where: string) => string,
  valueOf: (environment: Environment) => unknown = (environment) =>
    path === "backend" ? environment.backend : environment.openmetadataUrl,
): ConfigProblem[] {
  const firstByKey = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const environment of environments) {
    const key = keyOf(environment);
    if (key === undefined) continue;
    const other = firstByKey.get(key);
    if (other === undefined) firstByKey.set(key, environment.name);
    else problems.push({ environment: environment.name, path, value: valueOf(environment), message: message(other, key) });
  }
  return problems;
}

function backendKeyField(environments: readonly Environment[], name: string): string {
  const backend = environments.find((environment) => environment.name === name)?.backend;
  switch (backend?.type) {
    case "s3":
      return "backend.key";
    case "gcs":
      return "backend.prefix";
    case "remote":
      return "backend.workspace";
    default:
      return "backend.path";
  }
}

/** Where the state lives, normalized so that two spellings of one location compare equal. */
function stateLocation(backend: StateBackend): string {
  switch (backend.type) {
    case "local":
      return `local file ${normalize(backend.path)}`;
    case "s3":
      return `s3://${backend.bucket}/${backend.key.replace(/^\/+/, "")}`;
    case "gcs":
      return `gs://${backend.bucket}/${backend.prefix.replace(/^\/+|\/+$/g, "")}`;
    case "remote":
      return `${backend.hostname.toLowerCase()}/${backend.organization}/${backend.workspace}`;
  }
}

function urlKey(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : url;
}

function clusterKey(cluster: NonNullable<Environment["openmetadata"]>["cluster"]): string {
  return cluster.inCluster ? "in-cluster" : `${normalize(cluster.kubeconfigPath)} context ${cluster.context ?? "(current)"}`;
}

/** Okta's built-in group that holds every user; assigning it by name hides that intent. */
const OKTA_EVERYONE_GROUP = "everyone";
const POSTGRES_PORT = 5432;

/**
 * Accepted, but probably not what was meant. One line each, naming environment and field; printed by
 * synth as `warning: ...`, never turned into errors.
 */
export function environmentWarnings(input: EnvironmentInput, environment: Environment): string[] {
  const warnings: string[] = [];
  const where = (field: string) => `environment "${environment.name}", field ${field}`;
  if (environment.protected && environment.backend.type === "local") {
    warnings.push(
      `${where("backend")}: a protected environment keeps its Terraform state in the local file ` +
        `${environment.backend.path}; losing that file loses track of every resource. Use an s3, gcs or remote ` +
        `backend`,
    );
  }
  const database = input.openmetadata?.database;
  if (database && database.engine === undefined && database.port === POSTGRES_PORT) {
    warnings.push(
      `${where("openmetadata.database.engine")}: port 5432 is PostgreSQL's, but engine defaults to ` +
        `"mysql"; set engine: postgres (or engine: mysql if this MySQL really listens on 5432)`,
    );
  }
  const everyone = environment.okta?.groups.find((group) => group.toLowerCase() === OKTA_EVERYONE_GROUP);
  if (everyone !== undefined) {
    warnings.push(
      `${where("okta.access.groups")}: "${everyone}" is Okta's built-in group of every user; to give ` +
        `everyone access say so with okta.access.everyone: true and remove it from groups`,
    );
  }
  // getting-started sends a newcomer to openmetadataUrl next; without an Ingress nothing the stack makes answers there.
  if (environment.openmetadata && !environment.openmetadata.ingress) {
    warnings.push(
      `${where("openmetadata.ingress")}: no Ingress, so nothing the stack creates serves ${environment.openmetadataUrl}; ` +
        `add openmetadata.ingress (className, tlsSecretName) to expose it, or route that URL to the Service ` +
        `${environment.openmetadata.releaseName} (port 8585) yourself (help/kubernetes.md)`,
    );
  }
  return warnings;
}
