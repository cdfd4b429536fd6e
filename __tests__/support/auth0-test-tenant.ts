import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { ProviderConfiguration } from "oidc-provider";
import { closeServer } from "./okta-test-org";
import type { TerraformJson } from "./synth";
import { resolveReferences, type References } from "./terraform-references";

/**
 * A stand-in Auth0 tenant on 127.0.0.1: a certified OpenID Provider (oidc-provider) configured from
 * the synthesized Terraform JSON, so a wrong value in the stack shows up as a failed login. Auth0's
 * layout: the issuer is `https://DOMAIN/` WITH its trailing slash, keys at `/.well-known/jwks.json`,
 * `/authorize`, `/oauth/token`, `/userinfo`. The tenant listens on `http://127.0.0.1:PORT`, which
 * plays `https://DOMAIN`: `localize` rewrites the synthesized URLs the way DNS would resolve them.
 *
 * Played from the JSON: each `auth0_client` (callbacks, logout URLs, grant types, OIDC conformance,
 * RS256, refresh token rotation), its `auth0_client_credentials` (none = public client with PKCE,
 * client_secret_post = confidential), `data.auth0_connection` lookups by exact name and the
 * `auth0_connection_client` enablements that decide which users may sign in to which client.
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
   * Connections that exist in the tenant. A client with no `auth0_connection_client` may use all of
   * them, as with Auth0's `enable_client_connections` tenant flag (on by default).
   * @default the users' connections
   */
  readonly connections?: readonly string[];
}

export interface Auth0TestClient {
  readonly clientId: string;
  /** Only for clients that authenticate with a secret (Auth0 generates it; here it is random). */
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

const AUTH0_ROUTES = {
  authorization: "/authorize",
  token: "/oauth/token",
  jwks: "/.well-known/jwks.json",
  userinfo: "/userinfo",
  end_session: "/oidc/logout",
};

export async function startAuth0TestTenant(json: TerraformJson, options: Auth0TestTenantOptions): Promise<Auth0TestTenant> {
  const providers = json.provider["auth0"] ?? [];
  if (providers.length !== 1 || typeof providers[0]?.["domain"] !== "string")
    throw new Error(`the test tenant plays one auth0 provider with a domain; the stack has ${providers.length}`);
  const domain: string = providers[0]["domain"];

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}/`;
  const localize = (url: string) =>
    url === `https://${domain}` || url.startsWith(`https://${domain}/`) ? `${origin}${url.slice(`https://${domain}`.length)}` : url;

  try {
    const { clients, references, metadata } = registerClients(json, options);
    const provider = await createTenant(issuer, metadata, clients, options);
    const handle = provider.callback();
    server.on("request", (request: IncomingMessage, response: ServerResponse) => handle(request, response));
    return { domain, origin, issuer, clients, references, localize, close: () => closeServer(server) };
  } catch (error) {
    await closeServer(server);
    throw error;
  }
}

interface ClientMetadata {
  readonly address: string;
  readonly metadata: Record<string, unknown>;
  readonly rotating: boolean;
  readonly public: boolean;
  readonly firstParty: boolean;
}

function registerClients(json: TerraformJson, options: Auth0TestTenantOptions) {
  const tenantConnections = new Set(options.connections ?? options.users.map((user) => user.connection));
  const references = new Map<string, string>();
  const connectionIds = new Map<string, string>();
  for (const [name, lookup] of Object.entries(json.data?.["auth0_connection"] ?? {})) {
    // Like the provider: an exact name match, or the plan fails (data_source.go@v1.55.0:99,122).
    if (!tenantConnections.has(lookup["name"])) throw new Error(`No connection found with "name" = ${JSON.stringify(lookup["name"])}`);
    const id = `con_${name}`;
    references.set(`data.auth0_connection.${name}.id`, id);
    connectionIds.set(id, lookup["name"]);
  }

  const apps = Object.entries(json.resource["auth0_client"] ?? {});
  const credentials = Object.entries(json.resource["auth0_client_credentials"] ?? {});
  for (const [name] of apps) references.set(`auth0_client.${name}.client_id`, `test-client-${name}`);
  const secrets = new Map<string, string>();
  for (const [name, credential] of credentials) {
    const clientId = resolveReferences(credential["client_id"], references);
    if (String(credential["authentication_method"]).startsWith("client_secret")) {
      const secret = randomBytes(32).toString("base64url");
      secrets.set(clientId, secret);
      references.set(`auth0_client_credentials.${name}.client_secret`, secret);
    }
  }
  const methodOf = (clientId: string) =>
    credentials.find(([, credential]) => resolveReferences(credential["client_id"], references) === clientId)?.[1]["authentication_method"];

  const enabled = new Map<string, Set<string>>();
  for (const [, link] of Object.entries(json.resource["auth0_connection_client"] ?? {})) {
    const clientId = resolveReferences(link["client_id"], references);
    const connection = connectionIds.get(resolveReferences(link["connection_id"], references));
    if (!connection) throw new Error(`auth0_connection_client names an unknown connection ${link["connection_id"]}`);
    enabled.set(clientId, (enabled.get(clientId) ?? new Set()).add(connection));
  }

  const clients = new Map<string, Auth0TestClient>();
  const metadata: ClientMetadata[] = apps.map(([name, app]) => {
    const address = `auth0_client.${name}`;
    const clientId = references.get(`${address}.client_id`)!;
    if (app["oidc_conformant"] !== true) throw new Error(`the test tenant plays only OIDC-conformant clients; ${address} is not`);
    if (app["jwt_configuration"]?.["alg"] !== "RS256")
      throw new Error(`the test tenant signs with RS256 only; ${address} asks for ${app["jwt_configuration"]?.["alg"]}`);
    // Auth0's default for a client without an auth0_client_credentials is client_secret_post; the stack always sets one.
    const method = methodOf(clientId);
    if (method === undefined) throw new Error(`${address} has no auth0_client_credentials`);
    const secret = secrets.get(clientId);
    clients.set(address, {
      clientId,
      ...(secret ? { clientSecret: secret } : {}),
      connections: enabled.get(clientId) ?? tenantConnections,
    });
    return {
      address,
      public: method === "none",
      rotating: app["refresh_token"]?.["rotation_type"] === "rotating",
      firstParty: app["is_first_party"] === true,
      metadata: {
        client_id: clientId,
        ...(secret ? { client_secret: secret } : {}),
        redirect_uris: app["callbacks"] ?? [],
        post_logout_redirect_uris: app["allowed_logout_urls"] ?? [],
        grant_types: app["grant_types"],
        // OIDC-conformant Auth0 clients answer the authorization code flow with a code only.
        response_types: (app["grant_types"] as string[]).includes("implicit") ? ["code", "id_token", "code id_token"] : ["code"],
        token_endpoint_auth_method: method,
        id_token_signed_response_alg: "RS256",
      },
    };
  });
  return { clients, references, metadata };
}

async function createTenant(
  issuer: string,
  clientMetadata: readonly ClientMetadata[],
  clients: ReadonlyMap<string, Auth0TestClient>,
  options: Auth0TestTenantOptions,
) {
  const { default: Provider } = await loadOidcProvider();
  const users = new Map(options.users.map((user) => [user.id, user]));
  const byClientId = new Map(clientMetadata.map((client) => [client.metadata["client_id"] as string, client]));
  const connectionsOf = new Map([...clients.values()].map((client) => [client.clientId, client.connections]));

  const configuration: ProviderConfiguration = {
    clients: clientMetadata.map((client) => client.metadata),
    jwks: { keys: [await signingKey()] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    routes: AUTH0_ROUTES,
    scopes: ["openid", "profile", "email", "offline_access"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "nickname"] },
    responseTypes: [...new Set(clientMetadata.flatMap((client) => client.metadata["response_types"] as string[]))],
    ttl: {
      AccessToken: 86_400,
      AuthorizationCode: 60,
      IdToken: 36_000,
      RefreshToken: 2_592_000,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    // Auth0 requires PKCE of public clients (no secret to prove who redeems the code).
    pkce: { required: (_ctx, client) => byClientId.get(client.clientId)?.public ?? true },
    // The UI always asks offline_access (auth0-react useRefreshTokens); Auth0 gives first-party apps
    // refresh tokens without a consent screen, where oidc-provider would require prompt=consent.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    // Rotation as the client's refresh_token block says: a used refresh token is then invalid.
    rotateRefreshToken: (ctx) => byClientId.get(ctx.oidc.client?.clientId ?? "")?.rotating ?? false,
    // Auth0 puts the scopes' claims (email, name...) into ID tokens of the code flow too; oidc-provider
    // would keep them for userinfo only. OpenMetadata reads the principal from the ID token's email.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, clientCredentials: { enabled: false } },
    loadExistingGrant: async (ctx) => {
      // A user whose connection is not enabled for the client cannot sign in to it (Auth0: "the
      // connection is not enabled for this application"): the login ends in access_denied.
      const accountId = ctx.oidc.session?.accountId;
      const user = accountId === undefined ? undefined : users.get(accountId);
      const clientId = ctx.oidc.client?.clientId ?? "";
      if (user && !connectionsOf.get(clientId)?.has(user.connection))
        throw new AccessDenied(`the connection ${user.connection} is not enabled for this application`);
      // First-party clients: consent is implied, as Auth0 does for is_first_party; others get the consent prompt.
      if (!byClientId.get(clientId)?.firstParty) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope(String(ctx.oidc.params["scope"] ?? "openid"));
      await grant.save();
      return grant;
    },
    findAccount: (_ctx, accountId) => {
      const user = users.get(accountId);
      return (
        user && {
          accountId,
          claims: () => ({ sub: accountId, email: user.email, email_verified: true, name: user.name, nickname: user.email.split("@")[0] }),
        }
      );
    },
    renderError: (ctx, out) => {
      ctx.type = "json";
      ctx.body = out;
    },
  };
  const AccessDenied = (await loadOidcProvider()).errors.AccessDenied;
  return withoutOidcProviderWarnings(async () => new Provider(issuer, configuration));
}

/** One key per test process: RSA generation is the slowest part of starting a tenant. */
let tenantKey: Promise<JWK> | undefined;
function signingKey(): Promise<JWK> {
  tenantKey ??= generateKeyPair("RS256", { extractable: true }).then(async ({ privateKey }) => ({
    ...(await exportJWK(privateKey)),
    kid: "auth0-test-tenant",
    alg: "RS256",
    use: "sig",
  }));
  return tenantKey;
}

/** oidc-provider's warnings about Node 20, dev interactions and the in-memory store are expected here. */
async function withoutOidcProviderWarnings<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...messages: unknown[]) => (String(messages[0]).startsWith("oidc-provider WARNING") ? undefined : warn(...messages));
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

let oidcProviderModule: Promise<typeof import("oidc-provider")> | undefined;
function loadOidcProvider() {
  oidcProviderModule ??= withoutOidcProviderWarnings(() => import("oidc-provider"));
  return oidcProviderModule;
}
