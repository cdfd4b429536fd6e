/**
 * A local Auth0 tenant on 127.0.0.1, read from the world the local auth0 provider writes
 * (<world>/auth0/<domain>/, shapes documented in ../providers/auth0/index.ts), at every request: the
 * tenant's clients, its connections and which clients each enables, and the tenant's signing key.
 *
 * Auth0's layout: the issuer is `https://DOMAIN/` WITH its trailing slash, `/authorize`, `/oauth/token`,
 * `/userinfo`, keys at `/.well-known/jwks.json`. The stacks derive every Auth0 URL from the configured
 * domain (`https://DOMAIN/`), which cannot be served here: the tenant listens on `http://127.0.0.1:PORT`
 * and plays `https://DOMAIN`, and `localize` maps one to the other the way DNS would resolve the domain.
 * Hand outputs and values through `localize` before a client (verify, a sign-in) reads them.
 *
 * Played: each client's callbacks, logout URLs, grant types, authentication method (none: public with
 * PKCE), first-party consent, refresh token rotation and ID token lifetime; a user may sign in to a
 * client only through a connection that enables it ("the connection is not enabled for this application").
 * Only RS256 clients are clients here (the tenant signs with its RS256 key).
 */
import { createPublicKey, randomBytes } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { ProviderConfiguration } from "oidc-provider";
import type { WorldTenant } from "../provider/world";
import { tenantSigningKey } from "../providers/auth0/signing-key";
import {
  AUTH0_COLLECTIONS,
  auth0Tenant,
  type WorldClient,
  type WorldConnection,
  type WorldConnectionClient,
} from "../providers/auth0/tenant";
import { closeServer, listenLocally } from "./http";
import { loadOidcProvider, playedGrantTypes, RebuiltOnChange, signingKeyFromPem, withoutOidcProviderWarnings } from "./oidc";

export interface LocalAuth0User {
  /** The user id (`auth0|...`, `google-oauth2|...`); the dev sign-in form takes it as the login. */
  readonly id: string;
  /** The name of the connection the user belongs to (e.g. Username-Password-Authentication). */
  readonly connection: string;
  readonly email: string;
  readonly name: string;
}

export interface LocalAuth0TenantOptions {
  readonly world: string;
  /** The provider's domain: the tenant is <world>/auth0/<domain>/. */
  readonly domain: string;
  readonly users: readonly LocalAuth0User[];
  /**
   * Auth0's tenant flag enable_client_connections (on by default): a new client is enabled on every
   * connection. The local auth0 provider writes no enablement for it, so a client no connection names
   * may use all of them while this is on.
   * @default true
   */
  readonly enableClientConnections?: boolean;
  /** @default any free port */
  readonly port?: number;
}

export interface LocalAuth0Tenant {
  readonly domain: string;
  /** `http://127.0.0.1:PORT`, standing in for `https://DOMAIN`. */
  readonly origin: string;
  /** `${origin}/`: the issuer, with Auth0's trailing slash. */
  readonly issuer: string;
  readonly tenant: WorldTenant;
  /** `https://DOMAIN...` -> `http://127.0.0.1:PORT...`; any other URL unchanged. */
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

export async function startLocalAuth0Tenant(options: LocalAuth0TenantOptions): Promise<LocalAuth0Tenant> {
  const { domain } = options;
  const tenant = auth0Tenant(options.world, domain);
  // Every Auth0 tenant has its signing key from the start; the provider makes it on first use too.
  tenantSigningKey(tenant);
  const rebuilt = new RebuiltOnChange();
  let issuer = "";
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const world = readTenantWorld(tenant);
    const handler = await rebuilt.handler(JSON.stringify(world), () =>
      tenantServer(world, issuer, options.users, options.enableClientConnections ?? true),
    );
    handler(request, response);
  };
  const { server, origin }: { server: Server; origin: string } = await listenLocally(handle, options.port ?? 0);
  issuer = `${origin}/`;
  const localize = (url: string) =>
    url === `https://${domain}` || url.startsWith(`https://${domain}/`) ? `${origin}${url.slice(`https://${domain}`.length)}` : url;
  return { domain, origin, issuer, tenant, localize, close: () => closeServer(server) };
}

interface TenantWorld {
  readonly clients: readonly WorldClient[];
  readonly connections: readonly WorldConnection[];
  readonly links: readonly WorldConnectionClient[];
  readonly signingKey: { readonly kid: string; readonly private_key: string };
}

function readTenantWorld(tenant: WorldTenant): TenantWorld {
  const key = tenantSigningKey(tenant);
  return {
    clients: tenant.list<WorldClient>(AUTH0_COLLECTIONS.clients),
    connections: tenant.list<WorldConnection>(AUTH0_COLLECTIONS.connections),
    links: tenant.list<WorldConnectionClient>(AUTH0_COLLECTIONS.connectionClients),
    signingKey: { kid: key.kid, private_key: key.private_key },
  };
}

/** OIDC-conformant Auth0 clients answer the authorization code flow with a code only; the implicit grant adds ID tokens. */
function responseTypesOf(grantTypes: readonly string[]): string[] {
  if (grantTypes.includes("implicit")) return ["code", "id_token", "code id_token"];
  return grantTypes.includes("authorization_code") ? ["code"] : [];
}

/** The token endpoint authentication of a client: its method, or private_key_jwt while it holds such credentials. */
function authenticationOf(client: WorldClient): { method: string; jwks?: { keys: Record<string, unknown>[] } } {
  const credentials = client.client_authentication_methods?.["private_key_jwt"]?.credentials ?? [];
  if (!client.token_endpoint_auth_method && credentials.length > 0) {
    const keys = credentials
      .filter((credential) => typeof credential["pem"] === "string")
      .map((credential) => ({ kid: credential["key_id"] ?? credential["id"], pem: credential["pem"] as string }));
    // The credential's PEM is a public key or certificate; oidc-provider takes JWKs.
    return { method: "private_key_jwt", jwks: { keys: keys.map(({ kid, pem }) => ({ ...publicJwk(pem), kid })) } };
  }
  return { method: client.token_endpoint_auth_method ?? "client_secret_post" };
}

function publicJwk(pem: string): Record<string, unknown> {
  return createPublicKey(pem).export({ format: "jwk" }) as Record<string, unknown>;
}

async function tenantServer(world: TenantWorld, issuer: string, userList: readonly LocalAuth0User[], enableClientConnections: boolean) {
  const { default: Provider, errors } = await loadOidcProvider();
  const users = new Map(userList.map((user) => [user.id, user]));
  const clients = world.clients.filter((client) => (client.jwt_configuration?.alg ?? "RS256") === "RS256");
  const byClientId = new Map(clients.map((client) => [client.client_id, client]));
  const connectionNames = new Map(world.connections.map((connection) => [connection.id, connection.name]));
  const connectionsOf = (clientId: string): ReadonlySet<string> => {
    const enabled = world.links.filter((link) => link.client_id === clientId).map((link) => connectionNames.get(link.connection_id));
    if (enabled.length === 0 && enableClientConnections) return new Set(connectionNames.values());
    return new Set(enabled.filter((name): name is string => name !== undefined));
  };
  const metadata = clients.map((client) => {
    const { method, jwks } = authenticationOf(client);
    const grantTypes = playedGrantTypes(client.grant_types ?? []);
    return {
      client_id: client.client_id,
      ...(method.startsWith("client_secret") ? { client_secret: client.client_secret } : {}),
      redirect_uris: client.callbacks ?? [],
      post_logout_redirect_uris: client.allowed_logout_urls ?? [],
      grant_types: grantTypes,
      response_types: responseTypesOf(grantTypes),
      token_endpoint_auth_method: method,
      ...(jwks ? { jwks } : {}),
      id_token_signed_response_alg: "RS256",
    };
  });
  const refreshToken = (clientId: string) => (byClientId.get(clientId)?.refresh_token ?? {}) as Record<string, unknown>;

  const configuration: ProviderConfiguration = {
    clients: metadata,
    jwks: { keys: [signingKeyFromPem(world.signingKey.private_key, world.signingKey.kid)] },
    cookies: { keys: [cookieKey(issuer)] },
    routes: AUTH0_ROUTES,
    scopes: ["openid", "profile", "email", "offline_access"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "nickname"] },
    responseTypes: [...new Set(metadata.flatMap((client) => client.response_types))],
    ttl: {
      AccessToken: 86_400,
      AuthorizationCode: 60,
      IdToken: (_ctx, token) => byClientId.get(token.clientId ?? "")?.jwt_configuration?.lifetime_in_seconds ?? 36_000,
      RefreshToken: (_ctx, token) => {
        const lifetime = refreshToken(token.clientId ?? "")["token_lifetime"];
        return typeof lifetime === "number" && lifetime > 0 ? lifetime : 2_592_000;
      },
      Interaction: 600,
      Session: 3600,
      Grant: 2_592_000,
    },
    // Auth0 requires PKCE of public clients (no secret to prove who redeems the code).
    pkce: {
      required: (_ctx, client) => {
        const known = byClientId.get(client.clientId);
        return !known || authenticationOf(known).method === "none";
      },
    },
    // The UI always asks offline_access (auth0-react useRefreshTokens); Auth0 gives first-party apps
    // refresh tokens without a consent screen, where oidc-provider would require prompt=consent.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    // Rotation as the client's refresh_token says: a used refresh token is then invalid.
    rotateRefreshToken: (ctx) => refreshToken(ctx.oidc.client?.clientId ?? "")["rotation_type"] === "rotating",
    // Auth0 puts the scopes' claims (email, name...) into ID tokens of the code flow too; oidc-provider
    // would keep them for userinfo only. OpenMetadata reads the principal from the ID token's email.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, clientCredentials: { enabled: false } },
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const user = accountId === undefined ? undefined : users.get(accountId);
      const clientId = ctx.oidc.client?.clientId ?? "";
      // A user whose connection does not enable the client cannot sign in to it (Auth0's words).
      if (user && !connectionsOf(clientId).has(user.connection))
        throw new errors.AccessDenied(`the connection ${user.connection} is not enabled for this application`);
      // First-party clients: consent is implied, as Auth0 does for is_first_party; others get the consent prompt.
      if (!byClientId.get(clientId)?.is_first_party) {
        const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(clientId);
        return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId, ...(accountId === undefined ? {} : { accountId }) });
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
  return withoutOidcProviderWarnings(async () => new Provider(issuer, configuration));
}

/** One cookie key per tenant and process, so sessions outlive a rebuild. */
const cookieKeys = new Map<string, string>();
function cookieKey(issuer: string): string {
  const key = cookieKeys.get(issuer) ?? randomBytes(32).toString("base64url");
  cookieKeys.set(issuer, key);
  return key;
}
