import type { PublicJwk } from "../keys/public-jwks";
import { resolveAdopt, type AdoptSettings } from "./adopt-settings";
import { checkOneIdentityProvider, resolveAuth0Settings, type Auth0Settings } from "./auth0-settings";
import { resolveBackend } from "./backend-settings";
import { DEFAULTS } from "./defaults";
import type { EnvironmentInput, SERVICE_APP_ADMIN_ROLES } from "./environment-schema";
import type { PipelineServiceClientSettings } from "./pipeline-settings";
import { resolveOktaSettings } from "./okta-settings";
import { resolveOpenMetadata } from "./openmetadata-settings";
import { problemsOf, stackIdFor, type Resolved } from "./section";

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
  /** Exactly one of `okta` and `auth0` is present: the environment's identity provider. */
  readonly okta?: OktaSettings;
  readonly auth0?: Auth0Settings;
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

export type { K8sPipelineSettings, PipelineServiceClientSettings } from "./pipeline-settings";

// The one table of defaults; re-exported so a reader of the resolved type finds it next to it.
export { DEFAULTS } from "./defaults";
export { stackIdFor } from "./section";

/** Reads the files an environment names (the service app's JWKS), relative to its own file. */
export interface EnvironmentFiles {
  resolvePath(relativePath: string): string;
  /** Returns the public keys of a JWKS file; throws an Error whose message says what is wrong. */
  readPublicKeys(absolutePath: string): readonly PublicJwk[];
}

/**
 * Resolves each section (backend, identity provider, openmetadata, adopt) with its own resolver, each
 * returning its value and its problems, then assembles the environment. Returns problems instead of
 * throwing, so one run reports every mistake in the file at once.
 */
export function resolveEnvironment(input: EnvironmentInput, files: EnvironmentFiles): Resolved<Environment> {
  const { problems, problem } = problemsOf(input.name);
  const stackId = stackIdFor(input.name);

  let identityProvider: { okta: OktaSettings } | { auth0: Auth0Settings } | undefined;
  if (checkOneIdentityProvider(input, problem)) {
    if (input.auth0) {
      const auth0 = resolveAuth0Settings(input.name, input.auth0);
      problems.push(...auth0.problems);
      if (auth0.value) identityProvider = { auth0: auth0.value };
    } else if (input.okta) {
      const okta = resolveOktaSettings(input.name, input.okta, files);
      problems.push(...okta.problems);
      if (okta.value) identityProvider = { okta: okta.value };
    }
  }

  const target = input.target ?? DEFAULTS.target;
  let openmetadata: OpenMetadataSettings | undefined;
  if (target === "collate" && input.openmetadata) {
    problem(
      "openmetadata",
      "{...}",
      'target "collate" deploys nothing to Kubernetes (Collate runs OpenMetadata); ' +
        "remove the openmetadata section or set target: kubernetes",
    );
  }
  if (target === "kubernetes") {
    if (!input.openmetadata) {
      problem(
        "openmetadata",
        undefined,
        'target "kubernetes" needs an openmetadata section (cluster, initialAdmins, ' +
          "principalDomain); use target: collate for the identity provider side only",
      );
    } else {
      const resolved = resolveOpenMetadata(input, input.openmetadata);
      problems.push(...resolved.problems);
      openmetadata = resolved.value;
    }
  }

  const serviceApp = identityProvider !== undefined && "okta" in identityProvider && identityProvider.okta.serviceApp !== undefined;
  const adopt = resolveAdopt(input.name, input.adopt, { serviceApp, kubernetes: target === "kubernetes" });
  problems.push(...adopt.problems);
  // Import blocks exist only for the Okta constructs; an Auth0 environment has no Okta objects to take over.
  if (input.auth0 && input.adopt?.okta)
    problem(
      "adopt.okta",
      "{...}",
      "the identity provider of this environment is Auth0, which has no Okta objects to " +
        "adopt; remove adopt.okta (adopt.openmetadata.release still applies)",
    );

  const backend = resolveBackend(input.backend, stackId, files);
  problems.push(...backend.problems);

  if (problems.length > 0 || !identityProvider || !backend.value) return { problems };
  return {
    problems,
    value: {
      name: input.name,
      stackId,
      description: input.description ?? DEFAULTS.description(input.name),
      openmetadataUrl: input.openmetadataUrl,
      target,
      protected: input.protected ?? DEFAULTS.protected,
      backend: backend.value,
      ...identityProvider,
      ...(openmetadata ? { openmetadata } : {}),
      ...(adopt.value ? { adopt: adopt.value } : {}),
    },
  };
}
