import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { JWK } from "jose";
import type { AuthenticationValues, OpenMetadataChartValues } from "../../lib/openmetadata/chart-values";
import { declaredSecurityConfig, type JsonObject, type SecurityConfigDocument } from "../../lib/openmetadata/security-config";
import { closeServer } from "./okta-test-org";

/**
 * OpenMetadata's configuration endpoints, answered from the Helm values the way the server does.
 * Without login (ConfigResource in OpenMetadata 1.x): `/api/v1/system/config/auth` copies a few
 * authentication fields of the stored settings (never publicKeyUrls or oidcConfiguration) and
 * `/api/v1/system/config/jwks` serves the public half of its JWT signing key under `keyId`.
 * As an admin (SystemResource, audits/openmetadata-security-config-api.md): the stored security
 * configuration, stored at first boot from the values, with GET masking secrets for non-bots,
 * PUT storing without validation, and POST .../validate validating without storing.
 */

/** The fields `/api/v1/system/config/auth` returns, e.g. as stored in OpenMetadata's database. */
export type ServedAuthConfig = Pick<
  AuthenticationValues,
  "provider" | "clientType" | "enableSelfSignup" | "jwtPrincipalClaims" | "clientId" | "authority" | "callbackUrl"
>;

export interface StubUser {
  readonly name: string;
  readonly isAdmin: boolean;
  readonly isBot: boolean;
}

export interface OpenMetadataStubOptions {
  readonly values: OpenMetadataChartValues;
  /** The public half of OpenMetadata's JWT signing key (`n`, `e`); the kid comes from the values. */
  readonly signingKey: JWK;
  /** Settings stored in OpenMetadata's database at first boot, which win over the values (#31786, #29597). */
  readonly storedAuthConfig?: Partial<ServedAuthConfig>;
  /** Bearer tokens the admin API accepts, and whose they are. */
  readonly users?: ReadonlyMap<string, StubUser>;
  /** The confidential client's secret the chart read from the Kubernetes Secret at first boot. */
  readonly clientSecret?: string;
  /** Changes to the document stored at first boot (a hand edit in the UI, an older deploy). */
  readonly editStored?: (document: SecurityConfigDocument) => void;
  /** Makes POST .../validate fail with this message. */
  readonly validationFailure?: string;
  /** Changes what a PUT stores, e.g. a server that drops a field it does not know. */
  readonly editOnWrite?: (document: SecurityConfigDocument) => void;
}

export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly body?: unknown;
}

export interface OpenMetadataStub {
  readonly url: string;
  /** Every request, in order. */
  readonly requests: readonly StubRequest[];
  /** The stored document, unmasked. */
  stored(): SecurityConfigDocument;
  close(): Promise<void>;
}

/** PasswordEntityMasker's mask. */
export const MASK = "*********";

export async function startOpenMetadataStub(options: OpenMetadataStubOptions): Promise<OpenMetadataStub> {
  const { values, signingKey, storedAuthConfig, users = new Map(), clientSecret, editStored, validationFailure, editOnWrite } = options;
  let stored = firstBootDocument(values, clientSecret);
  Object.assign(stored.authenticationConfiguration, storedAuthConfig);
  editStored?.(stored);

  const { jwtTokenConfiguration } = values.openmetadata.config;
  const jwks = { keys: [{ kty: "RSA", kid: jwtTokenConfiguration.keyId, alg: "RS256", use: "sig", n: signingKey.n, e: signingKey.e }] };
  const requests: StubRequest[] = [];

  const server = createServer((request, response) => {
    // Node ignores a handler's promise: a failure answers 500, which the test then reports.
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = request.url ?? "";
    requests.push({
      method: request.method ?? "GET",
      path,
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      ...(body === undefined ? {} : { body }),
    });
    const answer = (status: number, json?: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(json === undefined ? undefined : JSON.stringify(json));
    };

    if (request.method === "GET" && path === "/api/v1/system/config/auth") return answer(200, servedAuthConfig(stored));
    if (request.method === "GET" && path === "/api/v1/system/config/jwks") return answer(200, jwks);

    const adminPaths = ["/api/v1/users/loggedInUser", "/api/v1/system/security/config", "/api/v1/system/security/validate"];
    if (!adminPaths.includes(path)) return answer(404, { code: 404, message: "HTTP 404 Not Found" });
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    const user = token === undefined ? undefined : users.get(token);
    if (!user)
      return answer(401, {
        code: 401,
        message: token === undefined ? "Not Authorized! Token not present" : "Not Authorized! Invalid token",
      });
    if (path === "/api/v1/users/loggedInUser")
      return answer(200, { id: `id-${user.name}`, name: user.name, isAdmin: user.isAdmin, isBot: user.isBot });
    // authorizeAdmin: the isAdmin flag, not roles.
    if (!user.isAdmin) return answer(403, { code: 403, message: `Principal: CatalogPrincipal{name='${user.name}'} is not admin` });

    if (path === "/api/v1/system/security/config" && request.method === "GET") return answer(200, user.isBot ? stored : masked(stored));
    if (path === "/api/v1/system/security/config" && request.method === "PUT") {
      const problem = shapeProblem(body);
      if (problem) return answer(400, { code: 400, message: problem });
      stored = structuredClone(body as SecurityConfigDocument);
      editOnWrite?.(stored);
      return answer(200, stored);
    }
    if (path === "/api/v1/system/security/validate" && request.method === "POST") {
      const problem = shapeProblem(body) ?? validationFailure ?? confidentialProblem(body as SecurityConfigDocument);
      const status = problem ? "failed" : "success";
      return answer(200, {
        status,
        message: problem ?? "Validation successful",
        results: [{ component: "authentication", status, message: problem ?? "ok" }],
      });
    }
    return answer(405, { code: 405, message: "HTTP 405 Method Not Allowed" });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stored: () => structuredClone(stored),
    close: () => closeServer(server),
  };
}

/**
 * What OpenMetadata stores at first boot: the chart's values, plus the fields of its own
 * openmetadata.yaml this project does not set (they must survive a sync).
 */
function firstBootDocument(
  values: OpenMetadataChartValues,
  clientSecret: string | undefined,
): { authenticationConfiguration: JsonObject; authorizerConfiguration: JsonObject } {
  const declared = structuredClone(declaredSecurityConfig(values, clientSecret));
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
  return {
    authenticationConfiguration: {
      providerName: "",
      tokenValidationAlgorithm: "RS256",
      jwtPrincipalClaimsMapping: [],
      enableAutoRedirect: false,
      ...declared.authenticationConfiguration,
      oidcConfiguration: { ...oidcDefaults, ...(declared.authenticationConfiguration["oidcConfiguration"] as JsonObject | undefined) },
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
      ...declared.authorizerConfiguration,
    },
  };
}

function servedAuthConfig({ authenticationConfiguration: stored }: SecurityConfigDocument): JsonObject {
  const fields = [
    "provider",
    "providerName",
    "clientType",
    "enableSelfSignup",
    "jwtPrincipalClaims",
    "clientId",
    "authority",
    "callbackUrl",
  ];
  return Object.fromEntries(fields.filter((field) => field in stored).map((field) => [field, stored[field]]));
}

function masked(document: SecurityConfigDocument): SecurityConfigDocument {
  const copy = structuredClone(document) as {
    authenticationConfiguration: { oidcConfiguration?: JsonObject; ldapConfiguration?: JsonObject };
  } & SecurityConfigDocument;
  const mask = (object: JsonObject | undefined, key: string) => {
    if (object && typeof object[key] === "string" && object[key] !== "") object[key] = MASK;
  };
  mask(copy.authenticationConfiguration.oidcConfiguration, "secret");
  mask(copy.authenticationConfiguration.ldapConfiguration, "dnAdminPassword");
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
function confidentialProblem({ authenticationConfiguration }: SecurityConfigDocument): string | undefined {
  if (authenticationConfiguration["clientType"] !== "confidential") return undefined;
  const oidc = (authenticationConfiguration["oidcConfiguration"] ?? {}) as JsonObject;
  if (!oidc["id"] || !oidc["secret"]) return "OIDC client id and secret are required for a confidential client";
  if (!oidc["discoveryUri"] && !oidc["serverUrl"]) return "discoveryUri or serverUrl is required";
  return undefined;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}
