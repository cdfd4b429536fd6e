/**
 * A local OpenMetadata 1.13 on 127.0.0.1, as far as single sign-on goes: it "runs" the openmetadata Helm
 * release the world holds (<world>/kubernetes/<cluster>/releases/<namespace>/<name>, written by the local
 * helm provider) with the Kubernetes Secrets its values reference, read at every request, as a pod reads
 * its release and Secrets when it starts.
 *
 * Without login (ConfigResource): `GET /api/v1/system/config/auth` copies a few authentication fields of
 * the stored settings (never publicKeyUrls or oidcConfiguration) and `GET /api/v1/system/config/jwks` serves
 * the public half of its JWT signing key (the file jwtTokenConfiguration.rsapublicKeyFilePath names, mounted
 * from a Secret through extraVolumes/extraVolumeMounts) under jwtTokenConfiguration.keyId.
 * As an admin (SystemResource; help/sso-sync.md): the stored
 * security configuration, stored at first boot from the values (later values do not replace it: #31786,
 * #29597), GET masking secrets for non-bots, PUT storing without validation, POST .../validate validating
 * without storing.
 *
 * A release that is missing or not deployed, or a Secret (or key) its values need that is missing, keeps the
 * pod from starting: every request is then answered 503 with the reason.
 */
import { createPublicKey } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { WorldTenant } from "../provider/world";
import type { StoredRelease } from "../providers/helm/release";
import { CLUSTER_WORLD_PROVIDER, COLLECTIONS, namespacedId } from "../providers/kubernetes/cluster";
import type { StoredSecret } from "../providers/kubernetes/secret";
import { answerJson, closeServer, listenLocally, readJsonBody } from "./http";

/** A reference to a key of a Kubernetes Secret, as the chart's values write it. */
export interface SecretKeyReference {
  readonly secretRef: string;
  readonly secretKey: string;
}

/** The chart's `openmetadata.config.authentication` (openmetadata chart 1.13.1 values.yaml), as far as SSO goes. */
export interface AuthenticationSettings {
  readonly provider: string;
  readonly clientType: string;
  readonly publicKeys: readonly string[];
  readonly authority: string;
  readonly clientId: string;
  readonly callbackUrl: string;
  readonly responseType: string;
  readonly jwtPrincipalClaims: readonly string[];
  readonly enableSelfSignup: boolean;
  readonly oidcConfiguration: OidcSettings | { readonly enabled: false };
}

export interface OidcSettings {
  readonly enabled: true;
  readonly oidcType: string;
  readonly clientId: SecretKeyReference;
  readonly clientSecret: SecretKeyReference;
  readonly scope: string;
  readonly discoveryUri: string;
  readonly useNonce: boolean;
  readonly preferredJwsAlgorithm: string;
  readonly responseType: string;
  readonly disablePkce: boolean;
  readonly callbackUrl: string;
  readonly serverUrl: string;
  readonly clientAuthenticationMethod: string;
  readonly tokenValidity: string | number;
  readonly sessionExpiry: string | number;
}

/** The chart's `openmetadata.config.authorizer`. */
export interface AuthorizerSettings {
  readonly initialAdmins: readonly string[];
  readonly allowedEmailRegistrationDomains: readonly string[];
  readonly principalDomain: string;
  readonly enforcePrincipalDomain: boolean;
  readonly enableSecureSocketConnection: boolean;
  readonly useRolesFromProvider: boolean;
}

/** What the running OpenMetadata was configured with: its release's values, and what it read from Secrets. */
export interface DeployedSso {
  readonly authentication: AuthenticationSettings;
  readonly authorizer: AuthorizerSettings;
  /** The confidential client's id and secret, from the Secret oidcConfiguration references; absent for a public client. */
  readonly oidcClient?: { readonly id: string; readonly secret: string };
  readonly jwtKeyId: string;
}

export interface OpenMetadataUser {
  readonly name: string;
  readonly isAdmin: boolean;
  readonly isBot: boolean;
}

/** A JSON object as OpenMetadata's API sends and takes it. */
export type JsonObject = { [key: string]: unknown };

export interface StoredSecurityConfig {
  readonly authenticationConfiguration: JsonObject;
  readonly authorizerConfiguration: JsonObject;
}

export interface LocalOpenMetadataOptions {
  readonly world: string;
  /** The cluster's name in the world: the kubeconfig context (else host) the stack's helm provider reaches. */
  readonly cluster: string;
  readonly namespace: string;
  /** The release name. @default "openmetadata" */
  readonly release?: string;
  /** Bearer tokens the admin API accepts, and whose they are. @default none */
  readonly users?: ReadonlyMap<string, OpenMetadataUser>;
  /** Applied to every URL of the values (e.g. a local Auth0 tenant's `localize`), as DNS would resolve them. */
  readonly localize?: (url: string) => string;
  /** Settings stored in OpenMetadata's database before this release (they win over the values: #31786, #29597). */
  readonly storedAuthConfig?: Readonly<JsonObject>;
  /** Changes to the document stored at first boot (a hand edit in the UI, an older deploy). */
  readonly editStored?: (document: StoredSecurityConfig) => void;
  /** Makes POST .../validate fail with this message. */
  readonly validationFailure?: string;
  /** Changes what a PUT stores, e.g. a server version that drops a field it does not know. */
  readonly editOnWrite?: (document: StoredSecurityConfig) => void;
  /** @default any free port */
  readonly port?: number;
}

export interface OpenMetadataRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly body?: unknown;
}

export interface LocalOpenMetadata {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Every request, in order. */
  readonly requests: readonly OpenMetadataRequest[];
  /** The stored document, unmasked (booting OpenMetadata first if no request has). */
  stored(): StoredSecurityConfig;
  /** What the release and its Secrets configure now; throws the reason OpenMetadata could not start. */
  sso(): DeployedSso;
  /** Where a URL of the values is reached from here: the in-cluster Service and the ingress hosts lead to this server. */
  reachable(url: string): string;
  close(): Promise<void>;
}

/** PasswordEntityMasker's mask. */
export const MASK = "*********";
/** The chart's Service port (openmetadata chart values.yaml `service.port`). */
const SERVICE_PORT = 8585;

/** Why the pod could not start: every request is answered 503 with it. */
class NotRunning extends Error {}

interface Running {
  readonly values: ChartValues;
  readonly sso: DeployedSso;
  readonly publicKey: { readonly n: string; readonly e: string };
}

interface ChartValues {
  readonly fullnameOverride?: string;
  readonly service?: { readonly port?: number };
  readonly ingress?: { readonly enabled?: boolean; readonly hosts?: readonly { readonly host: string }[] };
  readonly openmetadata: {
    readonly config: {
      readonly authentication: AuthenticationSettings;
      readonly authorizer: AuthorizerSettings;
      readonly jwtTokenConfiguration: { readonly rsapublicKeyFilePath: string; readonly keyId: string };
    };
  };
  readonly extraVolumes?: readonly { readonly name: string; readonly secret?: { readonly secretName: string } }[];
  readonly extraVolumeMounts?: readonly { readonly name: string; readonly mountPath: string }[];
}

export async function startLocalOpenMetadata(options: LocalOpenMetadataOptions): Promise<LocalOpenMetadata> {
  const cluster = new WorldTenant(options.world, CLUSTER_WORLD_PROVIDER, options.cluster);
  const releaseName = options.release ?? "openmetadata";
  const users = options.users ?? new Map<string, OpenMetadataUser>();
  const requests: OpenMetadataRequest[] = [];
  let stored: StoredSecurityConfig | undefined;

  /** The pod as it starts now; the stored settings are written at the first start only. */
  const boot = (): Running => {
    const running = start(cluster, options.namespace, releaseName, options.localize);
    if (!stored) {
      stored = firstBootDocument(running.sso);
      Object.assign(stored.authenticationConfiguration, options.storedAuthConfig);
      options.editStored?.(stored);
    }
    return running;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readJsonBody(request);
    const path = request.url ?? "";
    requests.push({
      method: request.method ?? "GET",
      path,
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      ...(body === undefined ? {} : { body }),
    });
    let running: Running;
    try {
      running = boot();
    } catch (error) {
      if (error instanceof NotRunning) return answerJson(response, 503, { code: 503, message: error.message });
      throw error;
    }
    answer(running, request.method ?? "GET", path, request.headers.authorization, body, response);
  };

  const answer = (
    running: Running,
    method: string,
    path: string,
    authorization: string | undefined,
    body: unknown,
    response: ServerResponse,
  ) => {
    const document = stored!;
    if (method === "GET" && path === "/api/v1/system/config/auth") return answerJson(response, 200, servedAuthConfig(document));
    if (method === "GET" && path === "/api/v1/system/config/jwks") {
      const { n, e } = running.publicKey;
      return answerJson(response, 200, { keys: [{ kty: "RSA", kid: running.sso.jwtKeyId, alg: "RS256", use: "sig", n, e }] });
    }

    const adminPaths = ["/api/v1/users/loggedInUser", "/api/v1/system/security/config", "/api/v1/system/security/validate"];
    if (!adminPaths.includes(path)) return answerJson(response, 404, { code: 404, message: "HTTP 404 Not Found" });
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    const user = token === undefined ? undefined : users.get(token);
    if (!user) {
      const message = token === undefined ? "Not Authorized! Token not present" : "Not Authorized! Invalid token";
      return answerJson(response, 401, { code: 401, message });
    }
    if (path === "/api/v1/users/loggedInUser")
      return answerJson(response, 200, { id: `id-${user.name}`, name: user.name, isAdmin: user.isAdmin, isBot: user.isBot });
    // authorizeAdmin: the isAdmin flag, not roles.
    if (!user.isAdmin)
      return answerJson(response, 403, { code: 403, message: `Principal: CatalogPrincipal{name='${user.name}'} is not admin` });

    if (path === "/api/v1/system/security/config" && method === "GET")
      return answerJson(response, 200, user.isBot ? document : masked(document));
    if (path === "/api/v1/system/security/config" && method === "PUT") {
      const problem = shapeProblem(body);
      if (problem) return answerJson(response, 400, { code: 400, message: problem });
      stored = structuredClone(body as StoredSecurityConfig);
      options.editOnWrite?.(stored);
      return answerJson(response, 200, stored);
    }
    if (path === "/api/v1/system/security/validate" && method === "POST") {
      const problem = shapeProblem(body) ?? options.validationFailure ?? confidentialProblem(body as StoredSecurityConfig);
      const status = problem ? "failed" : "success";
      return answerJson(response, 200, {
        status,
        message: problem ?? "Validation successful",
        results: [{ component: "authentication", status, message: problem ?? "ok" }],
      });
    }
    return answerJson(response, 405, { code: 405, message: "HTTP 405 Method Not Allowed" });
  };

  const { server, origin }: { server: Server; origin: string } = await listenLocally(handle, options.port ?? 0);
  return {
    url: origin,
    requests,
    stored: () => {
      boot();
      return structuredClone(stored!);
    },
    sso: () => boot().sso,
    reachable: (url) => {
      let values: ChartValues;
      try {
        values = boot().values;
      } catch {
        return url;
      }
      const servers = [
        `http://${values.fullnameOverride ?? releaseName}:${values.service?.port ?? SERVICE_PORT}`,
        ...(values.ingress?.enabled ? (values.ingress.hosts ?? []).flatMap(({ host }) => [`https://${host}`, `http://${host}`]) : []),
      ];
      const base = servers.find((candidate) => url === candidate || url.startsWith(`${candidate}/`));
      return base === undefined ? url : `${origin}${url.slice(base.length)}`;
    },
    close: () => closeServer(server),
  };
}

/** The release's values and the Secrets they reference, as the pod reads them when it starts. */
function start(cluster: WorldTenant, namespace: string, releaseName: string, localize?: (url: string) => string): Running {
  const where = `in namespace ${namespace} of cluster ${cluster.name}`;
  const release = cluster.get<StoredRelease & Record<string, unknown>>(COLLECTIONS.releases, namespacedId(namespace, releaseName));
  if (!release) throw new NotRunning(`no Helm release ${releaseName} ${where}: OpenMetadata is not deployed`);
  if (release.info.status !== "deployed") throw new NotRunning(`the Helm release ${releaseName} ${where} is ${release.info.status}`);
  const values = (localize ? localizeDeep(release.config, localize) : release.config) as unknown as ChartValues;
  const secretValue = (reference: SecretKeyReference, purpose: string): Buffer => {
    const secret = cluster.get<StoredSecret & Record<string, unknown>>(COLLECTIONS.secrets, namespacedId(namespace, reference.secretRef));
    const data = secret?.data?.[reference.secretKey];
    // The kubelet refuses to start a container whose environment or volume names a missing Secret or key.
    if (data === undefined)
      throw new NotRunning(
        `${purpose}: ${secret ? `key ${reference.secretKey} is not in` : "no"} Secret ${reference.secretRef} ${where} (CreateContainerConfigError)`,
      );
    return Buffer.from(data, "base64");
  };

  const { authentication, authorizer, jwtTokenConfiguration } = values.openmetadata.config;
  const oidc = authentication.oidcConfiguration;
  const oidcClient = oidc.enabled
    ? {
        id: secretValue(oidc.clientId, "oidcConfiguration.clientId").toString("utf8"),
        secret: secretValue(oidc.clientSecret, "oidcConfiguration.clientSecret").toString("utf8"),
      }
    : undefined;
  const publicKeyFile = jwtTokenConfiguration.rsapublicKeyFilePath;
  const mount = (values.extraVolumeMounts ?? []).find((candidate) =>
    publicKeyFile.startsWith(`${candidate.mountPath.replace(/\/$/, "")}/`),
  );
  const secretName = mount && (values.extraVolumes ?? []).find((volume) => volume.name === mount.name)?.secret?.secretName;
  if (!mount || !secretName)
    throw new NotRunning(
      `jwtTokenConfiguration.rsapublicKeyFilePath ${publicKeyFile} is not mounted from a Secret (extraVolumes, extraVolumeMounts)`,
    );
  const der = secretValue(
    { secretRef: secretName, secretKey: publicKeyFile.slice(mount.mountPath.replace(/\/$/, "").length + 1) },
    "jwtTokenConfiguration.rsapublicKeyFilePath",
  );
  let jwk: { n?: string; e?: string };
  try {
    jwk = createPublicKey({ key: der, format: "der", type: "spki" }).export({ format: "jwk" });
  } catch {
    throw new NotRunning(`${publicKeyFile} is not a DER public key: OpenMetadata cannot start`);
  }
  return {
    values,
    sso: { authentication, authorizer, ...(oidcClient ? { oidcClient } : {}), jwtKeyId: jwtTokenConfiguration.keyId },
    publicKey: { n: jwk.n ?? "", e: jwk.e ?? "" },
  };
}

/**
 * What OpenMetadata stores at first boot: the chart's values under the server's names
 * (securityConfiguration.json, oidcClientConfig.json), the client id and secret from the Secret, and the
 * fields of its own openmetadata.yaml this project does not set.
 */
function firstBootDocument(sso: DeployedSso): StoredSecurityConfig {
  const { authentication, authorizer, oidcClient } = sso;
  const oidc = authentication.oidcConfiguration;
  const oidcDefaults = {
    id: "",
    secret: "",
    discoveryUri: "",
    tenant: "",
    maxClockSkew: "",
    customParams: {},
    maxAge: "0",
    prompt: "consent",
  };
  return structuredClone({
    authenticationConfiguration: {
      providerName: "",
      tokenValidationAlgorithm: "RS256",
      jwtPrincipalClaimsMapping: [],
      enableAutoRedirect: false,
      provider: authentication.provider,
      clientType: authentication.clientType,
      // The chart's `publicKeys` is the server's `publicKeyUrls`.
      publicKeyUrls: [...authentication.publicKeys],
      authority: authentication.authority,
      clientId: authentication.clientId,
      callbackUrl: authentication.callbackUrl,
      responseType: authentication.responseType,
      jwtPrincipalClaims: [...authentication.jwtPrincipalClaims],
      enableSelfSignup: authentication.enableSelfSignup,
      oidcConfiguration: {
        ...oidcDefaults,
        ...(oidc.enabled
          ? {
              // The chart's OIDC_* variables, by the names of oidcClientConfig.json.
              type: oidc.oidcType,
              id: oidcClient?.id ?? "",
              secret: oidcClient?.secret ?? "",
              scope: oidc.scope,
              discoveryUri: oidc.discoveryUri,
              useNonce: oidc.useNonce,
              preferredJwsAlgorithm: oidc.preferredJwsAlgorithm,
              responseType: oidc.responseType,
              disablePkce: oidc.disablePkce,
              callbackUrl: oidc.callbackUrl,
              serverUrl: oidc.serverUrl,
              clientAuthenticationMethod: oidc.clientAuthenticationMethod,
              // Strings in the chart's schema, integers in the server's.
              tokenValidity: Number(oidc.tokenValidity),
              sessionExpiry: Number(oidc.sessionExpiry),
            }
          : {}),
      },
      ldapConfiguration: {
        host: "localhost",
        port: 10636,
        dnAdminPrincipal: "cn=admin,dc=example,dc=com",
        dnAdminPassword: "ldap-admin-password",
      },
    },
    authorizerConfiguration: {
      className: "org.openmetadata.service.security.DefaultAuthorizer",
      containerRequestFilter: "org.openmetadata.service.security.JwtFilter",
      allowedDomains: [],
      // The chart's `initialAdmins` is the server's `adminPrincipals`.
      adminPrincipals: [...authorizer.initialAdmins],
      allowedEmailRegistrationDomains: [...authorizer.allowedEmailRegistrationDomains],
      principalDomain: authorizer.principalDomain,
      enforcePrincipalDomain: authorizer.enforcePrincipalDomain,
      enableSecureSocketConnection: authorizer.enableSecureSocketConnection,
      useRolesFromProvider: authorizer.useRolesFromProvider,
    },
  });
}

const SERVED_AUTH_FIELDS = [
  "provider",
  "providerName",
  "clientType",
  "enableSelfSignup",
  "jwtPrincipalClaims",
  "clientId",
  "authority",
  "callbackUrl",
];

function servedAuthConfig({ authenticationConfiguration: stored }: StoredSecurityConfig): JsonObject {
  return Object.fromEntries(SERVED_AUTH_FIELDS.filter((field) => field in stored).map((field) => [field, stored[field]]));
}

function masked(document: StoredSecurityConfig): StoredSecurityConfig {
  const copy = structuredClone(document);
  const mask = (object: unknown, key: string) => {
    const record = object as JsonObject | undefined;
    if (record && typeof record[key] === "string" && record[key] !== "") record[key] = MASK;
  };
  mask(copy.authenticationConfiguration["oidcConfiguration"], "secret");
  mask(copy.authenticationConfiguration["ldapConfiguration"], "dnAdminPassword");
  return copy;
}

/** securityConfiguration.json: both sections required, no other members. */
function shapeProblem(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return "body is not a JSON object";
  const keys = Object.keys(body).sort().join(",");
  return keys === "authenticationConfiguration,authorizerConfiguration"
    ? undefined
    : `expected exactly authenticationConfiguration and authorizerConfiguration, got ${keys || "nothing"}`;
}

/** A confidential client needs id, secret and discoveryUri or serverUrl (SecurityConfigurationManager). */
function confidentialProblem({ authenticationConfiguration }: StoredSecurityConfig): string | undefined {
  if (authenticationConfiguration["clientType"] !== "confidential") return undefined;
  const oidc = (authenticationConfiguration["oidcConfiguration"] ?? {}) as JsonObject;
  if (!oidc["id"] || !oidc["secret"]) return "OIDC client id and secret are required for a confidential client";
  if (!oidc["discoveryUri"] && !oidc["serverUrl"]) return "discoveryUri or serverUrl is required";
  return undefined;
}

function localizeDeep(value: unknown, localize: (url: string) => string): unknown {
  if (typeof value === "string") return localize(value);
  if (Array.isArray(value)) return value.map((item: unknown) => localizeDeep(item, localize));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, localizeDeep(item, localize)]));
  return value;
}
