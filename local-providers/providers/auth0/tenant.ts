/**
 * The Auth0 tenant in the local world and what lives in it: <world>/auth0/<domain>/<collection>/<id>.json.
 * The JSON shapes are documented at the top of index.ts; the field names are the Management API's
 * (/api/v2/clients, /api/v2/connections), so a local OpenID tenant can be built from them.
 */
import { randomBytes } from "node:crypto";
import { ProviderDiagnostic, type ProviderContext } from "../../provider/behaviour";
import { WorldTenant, type WorldObject } from "../../provider/world";

export const AUTH0_COLLECTIONS = {
  clients: "clients",
  connections: "connections",
  /** One object per enabled (connection, client) pair, so stacks applied in parallel never rewrite each other's enablements. */
  connectionClients: "connectionClients",
  /** Optional: the Management API scopes of the provider's own machine-to-machine app, by its client id. */
  managementGrants: "managementGrants",
  /** The tenant's signing key (one object, `current`), made on first use. */
  signingKeys: "signingKeys",
} as const;

/** A client as GET /api/v2/clients/{id} returns it (fields the stacks or the provider use; any other field is kept as written). */
export interface WorldClient extends WorldObject {
  readonly client_id: string;
  /** Auth0 generates one for every client, public ones included; the API returns it only to a token with read:client_keys. */
  readonly client_secret: string;
  readonly name: string;
  readonly app_type?: string;
  readonly callbacks?: readonly string[];
  readonly allowed_logout_urls?: readonly string[];
  readonly web_origins?: readonly string[];
  readonly allowed_origins?: readonly string[];
  readonly grant_types?: readonly string[];
  readonly oidc_conformant?: boolean;
  readonly is_first_party?: boolean;
  /** `none`, `client_secret_post`, `client_secret_basic`, or null while `client_authentication_methods` holds credentials. */
  readonly token_endpoint_auth_method?: string | null;
  readonly client_authentication_methods?: { readonly [method: string]: { readonly credentials: readonly WorldObject[] } };
  readonly jwt_configuration?: { readonly alg?: string; readonly lifetime_in_seconds?: number; readonly secret_encoded?: boolean };
  readonly refresh_token?: WorldObject;
  readonly signing_keys?: readonly { readonly cert: string; readonly pkcs7: string; readonly subject: string }[];
}

/** A connection as GET /api/v2/connections/{id} returns it; its enabled clients are the connectionClients objects. */
export interface WorldConnection extends WorldObject {
  readonly id: string;
  readonly name: string;
  readonly strategy: string;
  readonly display_name?: string;
  readonly realms?: readonly string[];
  readonly is_domain_connection?: boolean;
  readonly metadata?: { readonly [key: string]: string };
  /** In the provider's attribute names (the data source's `options` block); absent: the data source reports none. */
  readonly options?: WorldObject;
}

export interface WorldConnectionClient extends WorldObject {
  readonly connection_id: string;
  readonly client_id: string;
}

export interface WorldManagementGrant extends WorldObject {
  readonly client_id: string;
  readonly scopes: readonly string[];
}

/** The tenant of one Auth0 domain (the provider's `domain`, as written: a custom domain is its own tenant here). */
export function auth0Tenant(world: string, domain: string): WorldTenant {
  return new WorldTenant(world, "auth0", domain);
}

export function tenantOf(context: ProviderContext): WorldTenant {
  if (!context.tenant) throw new Error("the auth0 provider was used before it was configured");
  return context.tenant;
}

const ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

function alphanumeric(length: number): string {
  // 248 = 4 * 62: bytes at or above it are skipped, so every character is equally likely.
  let result = "";
  while (result.length < length) {
    for (const byte of randomBytes(length)) if (byte < 248 && result.length < length) result += ALPHANUMERIC[byte % 62];
  }
  return result;
}

/** 32 letters and digits, like every client_id in the provider's recordings (test/data/recordings/*.yaml@v1.55.0). */
export function newClientId(): string {
  return alphanumeric(32);
}

/** 64 url-safe characters, the length of the secrets Auth0 generates. */
export function newClientSecret(): string {
  return randomBytes(48).toString("base64url");
}

/** `con_` and 16 letters and digits, as Auth0 names connections. */
export function newConnectionId(): string {
  return `con_${alphanumeric(16)}`;
}

/** `cred_` and 22 letters and digits, as Auth0 names client credentials. */
export function newCredentialId(): string {
  return `cred_${alphanumeric(22)}`;
}

/** The Management API's timestamps: ISO 8601 with milliseconds. */
export function auth0Timestamp(date: Date = new Date()): string {
  return date.toISOString();
}

const STATUS_TEXT: { readonly [status: number]: string } = { 400: "Bad Request", 404: "Not Found", 409: "Conflict" };

/**
 * A Management API error as go-auth0 prints it and the provider reports it (diag.FromErr): "<status>
 * <error>: <message>" (auth0/go-auth0 management/management_error.go:47, at v1.45.0; the provider pins
 * v1.47.0, which is not in the mirror). The messages used are the API's own, from the provider's
 * recordings (test/data/recordings@v1.55.0: "The client does not exist", "The connection does not exist").
 */
export function apiError(status: 400 | 404 | 409, message: string): ProviderDiagnostic {
  return new ProviderDiagnostic(`${status} ${STATUS_TEXT[status]}: ${message}`);
}

const CLIENT_NOT_FOUND = "The client does not exist";
export const CONNECTION_NOT_FOUND = "The connection does not exist";

/** An API object that is a client: one with its id and secret. */
export function asWorldClient(object: { readonly [field: string]: unknown }): WorldClient {
  if (typeof object["client_id"] !== "string" || typeof object["client_secret"] !== "string") {
    throw new Error("a client object needs a client_id and a client_secret");
  }
  return object as WorldClient;
}

export function getClient(tenant: WorldTenant, clientId: string): WorldClient | undefined {
  return tenant.get<WorldClient>(AUTH0_COLLECTIONS.clients, clientId);
}

/** The client, or the API's 404 for it. */
export function existingClient(tenant: WorldTenant, clientId: string): WorldClient {
  const client = getClient(tenant, clientId);
  if (!client) throw apiError(404, CLIENT_NOT_FOUND);
  return client;
}

/**
 * The token endpoint method Auth0 gives a client by app type, where there is one: what expandClient sets on
 * create (internal/auth0/client/expand.go:93-97@v1.55.0), and what flattenClientCredentials (flatten.go:886-890)
 * and deleteClientCredentials (resource_credentials.go:176-180) take for a client without one.
 */
export function appTypeAuthMethod(appType: string | undefined): "none" | "client_secret_post" | undefined {
  switch (appType) {
    case "native":
    case "spa":
      return "none";
    case "regular_web":
    case "non_interactive":
      return "client_secret_post";
    default:
      return undefined;
  }
}

export function getConnection(tenant: WorldTenant, connectionId: string): WorldConnection | undefined {
  return tenant.get<WorldConnection>(AUTH0_COLLECTIONS.connections, connectionId);
}

/** The id of a (connection, client) enablement, which is also auth0_connection_client's id (SetResourceGroupID, internal/schema/importer.go:45). */
export function connectionClientKey(connectionId: string, clientId: string): string {
  return `${connectionId}::${clientId}`;
}

/** The clients enabled on a connection, sorted (GET /api/v2/connections/{id}/clients). */
export function enabledClientIds(tenant: WorldTenant, connectionId: string): string[] {
  return tenant
    .list<WorldConnectionClient>(AUTH0_COLLECTIONS.connectionClients)
    .filter((link) => link.connection_id === connectionId)
    .map((link) => link.client_id)
    .sort();
}

export function enableClient(tenant: WorldTenant, connectionId: string, clientId: string): void {
  const link: WorldConnectionClient = { connection_id: connectionId, client_id: clientId };
  tenant.put(AUTH0_COLLECTIONS.connectionClients, connectionClientKey(connectionId, clientId), link);
}

export interface SeedConnectionFields {
  /** @default a new `con_...` id */
  readonly id?: string;
  readonly display_name?: string;
  /** @default [name], as Auth0 sets it for a connection created without realms */
  readonly realms?: readonly string[];
  readonly metadata?: { readonly [key: string]: string };
  /** The data source's `options` block in the provider's attribute names. @default none */
  readonly options?: WorldObject;
  /** Client ids to enable on the connection. @default none */
  readonly enabledClients?: readonly string[];
}

/**
 * A connection that exists in the tenant before any stack runs (Username-Password-Authentication,
 * google-oauth2...), as tests and rehearsals prepare it. Seeding the same name again returns the
 * existing connection (and enables any further clients); another strategy for that name is refused,
 * as Auth0 keeps connection names unique.
 */
export function seedAuth0Connection(
  tenant: WorldTenant,
  name: string,
  strategy: string,
  fields: SeedConnectionFields = {},
): WorldConnection {
  const existing = tenant.list<WorldConnection>(AUTH0_COLLECTIONS.connections).find((connection) => connection.name === name);
  if (existing && existing.strategy !== strategy) {
    throw new Error(`the tenant ${tenant.name} already has a connection named ${name} with strategy ${existing.strategy}, not ${strategy}`);
  }
  let connection = existing;
  if (!connection) {
    connection = {
      id: fields.id ?? newConnectionId(),
      name,
      strategy,
      ...(fields.display_name !== undefined ? { display_name: fields.display_name } : {}),
      realms: [...(fields.realms ?? [name])],
      is_domain_connection: false,
      ...(fields.metadata ? { metadata: { ...fields.metadata } } : {}),
      ...(fields.options ? { options: fields.options } : {}),
    };
    tenant.put(AUTH0_COLLECTIONS.connections, connection.id, connection);
  }
  for (const clientId of fields.enabledClients ?? []) enableClient(tenant, connection.id, clientId);
  return connection;
}
