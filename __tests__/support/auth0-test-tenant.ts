import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AUTH0_COLLECTIONS,
  auth0Tenant,
  connectionClientKey,
  newClientId,
  newClientSecret,
  seedAuth0Connection,
  type WorldClient,
  type WorldConnectionClient,
} from "../../local-providers/providers/auth0/tenant";
import { startLocalAuth0Tenant } from "../../local-providers/services";
import type { TerraformJson } from "./synth";
import { resolveReferences, type References } from "./terraform-references";

/**
 * A stand-in Auth0 tenant for a synthesized stack: the local Auth0 tenant
 * (local-providers/services/auth0-tenant.ts) on a world of its own, into which this adapter writes what
 * an apply of the stack's auth0 resources would leave there (local-providers/providers/auth0/index.ts):
 * each `auth0_client` with the method of its `auth0_client_credentials`, the `auth0_connection_client`
 * enablements, and the tenant's connections, which `data.auth0_connection` looks up by exact name. The
 * tenant listens on `http://127.0.0.1:PORT`, which plays `https://DOMAIN`: `localize` rewrites the
 * synthesized URLs the way DNS would resolve them.
 */

export interface Auth0TestUser {
  readonly id: string;
  /** The connection the user belongs to (e.g. Username-Password-Authentication). */
  readonly connection: string;
  readonly email: string;
  readonly name: string;
}

export interface Auth0TestTenantOptions {
  readonly users: readonly Auth0TestUser[];
  /**
   * Connections that exist in the tenant. A client no `auth0_connection_client` names may use all of
   * them, as with Auth0's `enable_client_connections` tenant flag (on by default).
   * @default the users' connections
   */
  readonly connections?: readonly string[];
}

export interface Auth0TestClient {
  readonly clientId: string;
  /** Only for clients that authenticate with a secret. */
  readonly clientSecret?: string;
  /** Connections whose users may sign in to this client. */
  readonly connections: ReadonlySet<string>;
}

export interface Auth0TestTenant {
  /** The domain of the synthesized provider block, which this tenant plays. */
  readonly domain: string;
  /** `http://127.0.0.1:PORT`, standing in for `https://DOMAIN`. */
  readonly origin: string;
  /** `${origin}/`: the issuer, with Auth0's trailing slash. */
  readonly issuer: string;
  /** Registered clients by Terraform address (`auth0_client.auth0_client`). */
  readonly clients: ReadonlyMap<string, Auth0TestClient>;
  /** What Auth0 assigned, by Terraform reference (`auth0_client.auth0_client.client_id`, ...). */
  readonly references: References;
  /** `https://DOMAIN...` -> `http://127.0.0.1:PORT...`; other URLs unchanged. */
  localize(url: string): string;
  close(): Promise<void>;
}

/** Auth0's strategy for its well-known connection names; any other name here is a social connection of that name. */
const strategyOf = (name: string) => (name === "Username-Password-Authentication" ? "auth0" : name);

export async function startAuth0TestTenant(json: TerraformJson, options: Auth0TestTenantOptions): Promise<Auth0TestTenant> {
  const providers = json.provider["auth0"] ?? [];
  if (providers.length !== 1 || typeof providers[0]?.["domain"] !== "string")
    throw new Error(`the test tenant plays one auth0 provider with a domain; the stack has ${providers.length}`);
  const domain: string = providers[0]["domain"];
  const world = mkdtempSync(join(tmpdir(), "auth0-test-tenant-"));
  const tenant = await startLocalAuth0Tenant({ world, domain, users: options.users });
  const close = async () => {
    await tenant.close();
    rmSync(world, { recursive: true, force: true });
  };
  try {
    const applied = applyAuth0Resources(json, world, domain, options.connections ?? options.users.map((user) => user.connection));
    return { domain, origin: tenant.origin, issuer: tenant.issuer, localize: tenant.localize, ...applied, close };
  } catch (error) {
    await close();
    throw error;
  }
}

type Resources = Record<string, Record<string, any>>;

function applyAuth0Resources(json: TerraformJson, world: string, domain: string, connectionNames: readonly string[]) {
  const tenant = auth0Tenant(world, domain);
  const references = new Map<string, string>();
  const resolve = (text: string) => resolveReferences(text, references);
  const entries = (type: string) => Object.entries((json.resource[type] ?? {}) as Resources);
  const connections = [...new Set(connectionNames)].map((name) => seedAuth0Connection(tenant, name, strategyOf(name)));

  for (const [name, lookup] of Object.entries((json.data?.["auth0_connection"] ?? {}) as Resources)) {
    // Like the provider: an exact name match, or the plan fails (data_source.go@v1.55.0:99,122).
    const connection = connections.find((candidate) => candidate.name === lookup["name"]);
    if (!connection) throw new Error(`No connection found with "name" = ${JSON.stringify(lookup["name"])}`);
    references.set(`data.auth0_connection.${name}.id`, connection.id);
  }

  const clients = new Map<string, WorldClient>();
  for (const [name, app] of entries("auth0_client")) {
    const client: WorldClient = {
      client_id: newClientId(),
      client_secret: newClientSecret(),
      name: app["name"],
      app_type: app["app_type"],
      callbacks: app["callbacks"] ?? [],
      allowed_logout_urls: app["allowed_logout_urls"] ?? [],
      web_origins: app["web_origins"] ?? [],
      allowed_origins: app["allowed_origins"] ?? [],
      grant_types: app["grant_types"] ?? [],
      oidc_conformant: app["oidc_conformant"] ?? false,
      is_first_party: app["is_first_party"] ?? false,
      jwt_configuration: { alg: app["jwt_configuration"]?.["alg"] ?? "HS256", lifetime_in_seconds: 36000, secret_encoded: false },
      ...(app["refresh_token"] ? { refresh_token: app["refresh_token"] } : {}),
    };
    clients.set(name, client);
    references.set(`auth0_client.${name}.client_id`, client.client_id);
  }

  const secrets = new Map<string, string>();
  for (const [name, credentials] of entries("auth0_client_credentials")) {
    const clientId = resolve(credentials["client_id"]);
    const [address, client] = [...clients].find(([, candidate]) => candidate.client_id === clientId)!;
    const method: string = credentials["authentication_method"];
    clients.set(address, { ...client, token_endpoint_auth_method: method });
    // Auth0 makes a secret for every client; only one that authenticates with it uses it.
    if (method.startsWith("client_secret")) {
      secrets.set(clientId, client.client_secret);
      references.set(`auth0_client_credentials.${name}.client_secret`, client.client_secret);
    }
  }
  for (const client of clients.values()) {
    if (client.token_endpoint_auth_method === undefined) throw new Error(`client ${client.name} has no auth0_client_credentials`);
    tenant.put(AUTH0_COLLECTIONS.clients, client.client_id, client);
  }

  const enabled = new Map<string, Set<string>>();
  for (const [, link] of entries("auth0_connection_client")) {
    const object: WorldConnectionClient = { connection_id: resolve(link["connection_id"]), client_id: resolve(link["client_id"]) };
    tenant.put(AUTH0_COLLECTIONS.connectionClients, connectionClientKey(object.connection_id, object.client_id), object);
    const connection = connections.find((candidate) => candidate.id === object.connection_id)!;
    enabled.set(object.client_id, (enabled.get(object.client_id) ?? new Set()).add(connection.name));
  }

  const registered = new Map<string, Auth0TestClient>();
  for (const [name, client] of clients) {
    const secret = secrets.get(client.client_id);
    registered.set(`auth0_client.${name}`, {
      clientId: client.client_id,
      ...(secret ? { clientSecret: secret } : {}),
      // The local tenant's enable_client_connections: a client no connection names may use them all.
      connections: enabled.get(client.client_id) ?? new Set(connections.map((connection) => connection.name)),
    });
  }
  return { clients: registered, references: references as References };
}
