import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { ProviderConfiguration, ProviderContext } from "oidc-provider";
import type { TerraformJson } from "./synth";
import { resolveReferences, type References } from "./terraform-references";

/**
 * A stand-in Okta org on 127.0.0.1: the stack's custom authorization server played by a real,
 * certified OpenID Provider (oidc-provider), configured from the synthesized Terraform JSON, so a
 * wrong value in the stack shows up as a failed login or token request. Okta's ORG_URL layout:
 * the issuer is `{org}/oauth2/{authServerId}` with `/v1/authorize`, `/v1/token` and `/v1/keys`; the
 * org authorization server (`{org}/oauth2/v1/keys`) is a second provider with its own keys.
 */

/** An Okta user; `profile` is what `user.<attribute>` expressions of claims read. */
export interface TestUser {
  readonly id: string;
  readonly profile: Readonly<Record<string, string>>;
}

export interface OktaTestOrgOptions {
  readonly users: readonly TestUser[];
  /**
   * Replaces the service app's synthesized `jwks`: the committed JWKS has no private half here,
   * so tests register the public key of a key pair they hold.
   */
  readonly serviceAppKeys?: readonly JWK[];
}

export interface RegisteredClient {
  readonly clientId: string;
  /** Only for apps that authenticate with a secret (Okta generates it; here it is random). */
  readonly clientSecret?: string;
}

export interface OktaTestOrg {
  /** `http://127.0.0.1:PORT`, the org URL. */
  readonly origin: string;
  /** The custom authorization server's issuer: OpenMetadata's authority. */
  readonly issuer: string;
  /** The org authorization server's keys: a keys URL of another authorization server than the issuer. */
  readonly orgKeysUrl: string;
  /** Registered clients by Terraform address (`okta_app_oauth.okta_oidc-app_app`). */
  readonly clients: ReadonlyMap<string, RegisteredClient>;
  /** What Okta assigned, by Terraform reference (`okta_app_oauth.okta_oidc-app_app.client_id`, ...). */
  readonly references: References;
  close(): Promise<void>;
}

/** The scopes oidc-provider handles itself; other whitelisted scopes are the authorization server's custom scopes. */
const OIDC_SCOPES = new Set(["openid", "profile", "email", "address", "phone", "offline_access"]);
/** The response types oidc-provider knows, as combinations of Okta's individual ones. */
const PROVIDER_RESPONSE_TYPES = ["code", "id_token", "id_token token", "code id_token", "code token", "code id_token token"];
const AUTH_SERVER_ID = "aus-test";

export async function startOktaTestOrg(json: TerraformJson, options: OktaTestOrgOptions): Promise<OktaTestOrg> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const authServerPath = `/oauth2/${AUTH_SERVER_ID}`;
  const issuer = `${origin}${authServerPath}`;

  const stack = readAuthorizationServer(json);
  const references = new Map<string, string>([
    [`okta_auth_server.${stack.serverName}.id`, AUTH_SERVER_ID],
    [`okta_auth_server.${stack.serverName}.issuer`, issuer],
    ...stack.policies.map(([name]): [string, string] => [`okta_auth_server_policy.${name}.id`, `00p-test-${name}`]),
    ...stack.scopes.map(([name, scope]): [string, string] => [`okta_auth_server_scope.${name}.name`, scope["name"]]),
  ]);
  const clients = new Map<string, RegisteredClient>();
  for (const [name, app] of Object.entries(json.resource["okta_app_oauth"] ?? {})) {
    const address = `okta_app_oauth.${name}`;
    const client: RegisteredClient = {
      clientId: `0oa-test-${name}`,
      ...(String(app["token_endpoint_auth_method"]).startsWith("client_secret")
        ? { clientSecret: randomBytes(24).toString("base64url") }
        : {}),
    };
    clients.set(address, client);
    references.set(`${address}.client_id`, client.clientId);
  }

  let providers;
  try {
    providers = await Promise.all([
      createAuthorizationServer(json, stack, { issuer, references, clients, options }),
      createOrgAuthorizationServer(origin),
    ]);
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  const handleAuthorizationServer = providers[0].callback();
  const handleOrgServer = providers[1].callback();
  server.on("request", (request: IncomingMessage & { originalUrl?: string }, response: ServerResponse) => {
    const url = request.url ?? "/";
    if (url !== authServerPath && !url.startsWith(`${authServerPath}/`) && !url.startsWith(`${authServerPath}?`))
      return handleOrgServer(request, response);
    // Mounted like express does it: oidc-provider builds its URLs from originalUrl minus url.
    request.originalUrl = url;
    request.url = url.slice(authServerPath.length) || "/";
    return handleAuthorizationServer(request, response);
  });

  return { origin, issuer, orgKeysUrl: `${origin}/oauth2/v1/keys`, clients, references, close: () => closeServer(server) };
}

interface AuthorizationServerResources {
  readonly serverName: string;
  readonly server: Record<string, any>;
  /** Active access policies by address name, in Okta's evaluation order (priority). */
  readonly policies: readonly [string, Record<string, any>][];
  readonly rules: readonly Record<string, any>[];
  readonly scopes: readonly [string, Record<string, any>][];
  readonly claims: readonly Record<string, any>[];
  /** `okta_auth_server_claim_default`: the server's own system claims. */
  readonly systemClaims: readonly Record<string, any>[];
}

function readAuthorizationServer(json: TerraformJson): AuthorizationServerResources {
  const entries = (type: string) => Object.entries(json.resource[type] ?? {});
  const servers = entries("okta_auth_server");
  if (servers.length !== 1 || !servers[0])
    throw new Error(`the test org plays exactly one okta_auth_server; the stack has ${servers.length}`);
  const active = (type: string) => entries(type).filter(([, resource]) => resource["status"] === "ACTIVE");
  const [serverName, server] = servers[0];
  return {
    serverName,
    server,
    policies: active("okta_auth_server_policy").sort(([, a], [, b]) => a["priority"] - b["priority"]),
    rules: active("okta_auth_server_policy_rule").map(([, rule]) => rule),
    scopes: entries("okta_auth_server_scope"),
    claims: active("okta_auth_server_claim").map(([, claim]) => claim),
    systemClaims: entries("okta_auth_server_claim_default").map(([, claim]) => claim),
  };
}

interface AuthorizationServerSetup {
  readonly issuer: string;
  readonly references: References;
  readonly clients: ReadonlyMap<string, RegisteredClient>;
  readonly options: OktaTestOrgOptions;
}

async function createAuthorizationServer(json: TerraformJson, stack: AuthorizationServerResources, setup: AuthorizationServerSetup) {
  const { issuer, references, options } = setup;
  const { default: Provider, errors } = await loadOidcProvider();
  const users = new Map(options.users.map((user) => [user.id, user]));

  const audiences: string[] = stack.server["audiences"].map((audience: string) => resolveReferences(audience, references));
  const [audience, ...otherAudiences] = audiences;
  if (!audience || otherAudiences.length > 0) throw new Error(`the test org plays one audience; the stack has ${audiences.length}`);
  if (stack.server["issuer_mode"] !== "ORG_URL")
    throw new Error(`the test org plays issuer mode ORG_URL; the stack has ${stack.server["issuer_mode"]}`);

  // Okta evaluates policies in priority order and takes the first whose client condition matches; only
  // that policy's rules can grant a token. Clients no policy admits are unknown to this server.
  const policies = stack.policies.map(([name, policy]) => ({
    id: references.get(`okta_auth_server_policy.${name}.id`)!,
    clientIds: new Set<string>(policy["client_whitelist"].map((clientId: string) => resolveReferences(clientId, references))),
  }));
  const admittedClientIds = new Set(policies.flatMap((policy) => [...policy.clientIds]));
  const apps = Object.entries(json.resource["okta_app_oauth"] ?? {}).filter(([name]) =>
    admittedClientIds.has(setup.clients.get(`okta_app_oauth.${name}`)!.clientId),
  );
  const clientMetadata = apps.map(([name, app]) =>
    clientFromApp(app, setup.clients.get(`okta_app_oauth.${name}`)!, options.serviceAppKeys),
  );
  const pkceRequiredByClient = new Map(
    apps.map(([name, app]) => [setup.clients.get(`okta_app_oauth.${name}`)!.clientId, app["pkce_required"] === true]),
  );

  const customScopes = new Set<string>(stack.scopes.map(([, scope]) => scope["name"]));
  const rules: Record<string, any>[] = stack.rules
    .map((rule): Record<string, any> => ({
      ...rule,
      policy_id: resolveReferences(rule["policy_id"], references),
      scope_whitelist: rule["scope_whitelist"].map((scope: string) => resolveReferences(scope, references)),
    }))
    .sort((a, b) => a["priority"] - b["priority"]);
  const whitelistedScopes = new Set<string>(rules.flatMap((rule) => rule.scope_whitelist));
  const anyRuleFor = (grantType: string) => rules.find((rule) => rule["grant_type_whitelist"].includes(grantType));
  const ruleFor = (clientId: string | undefined, grantType: string) => {
    const policy = policies.find((candidate) => clientId !== undefined && candidate.clientIds.has(clientId));
    return policy && rules.find((rule) => rule.policy_id === policy.id && rule["grant_type_whitelist"].includes(grantType));
  };
  // Refresh tokens come from the offline_access scope of the rule that allowed the login (FACTS: no refresh_token grant value).
  const ruleGrantType = (ctx: ProviderContext) =>
    ctx.oidc.route === "token" && ctx.oidc.params["grant_type"] !== "refresh_token"
      ? String(ctx.oidc.params["grant_type"])
      : "authorization_code";
  const userLoginRule = anyRuleFor("authorization_code");
  const serviceRule = anyRuleFor("client_credentials");

  const { alwaysInIdToken, inAccessToken } = claimMappings(stack.claims, stack.systemClaims);
  const claimsOf = (user: TestUser, mapping: ReadonlyMap<string, string>) =>
    Object.fromEntries(
      [...mapping].flatMap(([claim, attribute]) => (user.profile[attribute] === undefined ? [] : [[claim, user.profile[attribute]]])),
    );

  const configuration: ProviderConfiguration = {
    clients: clientMetadata,
    jwks: { keys: [await signingKey("okta-test-authorization-server")] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    routes: { authorization: "/v1/authorize", token: "/v1/token", jwks: "/v1/keys", userinfo: "/v1/userinfo", end_session: "/v1/logout" },
    scopes: [...whitelistedScopes].filter((scope) => OIDC_SCOPES.has(scope)),
    // Claims "always included" in ID tokens go with `openid`, which every login has.
    claims: { openid: ["sub", ...alwaysInIdToken.keys()] },
    responseTypes: [...new Set(clientMetadata.flatMap((client) => client["response_types"] as string[]))],
    ttl: {
      AccessToken: minutesToSeconds(userLoginRule?.["access_token_lifetime_minutes"]),
      ClientCredentials: minutesToSeconds(serviceRule?.["access_token_lifetime_minutes"]),
      RefreshToken: minutesToSeconds(userLoginRule?.["refresh_token_lifetime_minutes"]),
      AuthorizationCode: 300,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    pkce: { required: (_ctx, client) => pkceRequiredByClient.get(client.clientId) ?? true },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: serviceRule !== undefined },
      resourceIndicators: {
        enabled: true,
        // A custom authorization server issues every access token for its own audience.
        defaultResource: () => issuer,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resourceIndicator, client) => {
          if (resourceIndicator !== issuer) throw new errors.InvalidTarget(`this authorization server only issues tokens for ${issuer}`);
          const rule = ruleFor(client.clientId, ruleGrantType(ctx));
          if (!rule) throw new errors.AccessDenied(`Policy evaluation failed: no rule of the client's policy allows ${ruleGrantType(ctx)}`);
          const scopes = rule.scope_whitelist.filter((scope: string) => customScopes.has(scope) || scope === "*");
          return {
            scope: scopes.join(" "),
            audience,
            accessTokenFormat: "jwt",
            accessTokenTTL: minutesToSeconds(rule["access_token_lifetime_minutes"]),
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    findAccount: (_ctx, accountId) => {
      const user = users.get(accountId);
      return user && { accountId, claims: () => ({ sub: accountId, ...claimsOf(user, alwaysInIdToken) }) };
    },
    extraTokenClaims: (ctx, token) => {
      const user = token.accountId === undefined ? undefined : users.get(token.accountId);
      // A claim with a scope condition goes only into tokens granted one of its scopes; like Okta's
      // `scp`, those include the OpenID scopes of the login, which oidc-provider keeps on the grant.
      const granted = new Set([
        ...String(token.scope ?? "").split(" "),
        ...String(ctx.oidc.entities?.Grant?.getOIDCScope() ?? "").split(" "),
      ]);
      const mapping = new Map(
        [...inAccessToken]
          .filter(([, claim]) => claim.scopes === undefined || claim.scopes.some((scope) => granted.has(scope)))
          .map(([name, claim]) => [name, claim.attribute]),
      );
      return user && claimsOf(user, mapping);
    },
    renderError: (ctx, out) => {
      ctx.type = "json";
      ctx.body = out;
    },
  };
  return withoutOidcProviderWarnings(async () => new Provider(issuer, configuration));
}

/** An `okta_app_oauth` as oidc-provider client metadata; everything but Okta-only settings maps one to one. */
function clientFromApp(
  app: Record<string, any>,
  client: RegisteredClient,
  serviceAppKeys: readonly JWK[] | undefined,
): Record<string, unknown> {
  const oktaResponseTypes = new Set<string>(app["response_types"] ?? []);
  const privateKeyJwt = app["token_endpoint_auth_method"] === "private_key_jwt";
  return {
    client_id: client.clientId,
    ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
    redirect_uris: app["redirect_uris"] ?? [],
    post_logout_redirect_uris: app["post_logout_redirect_uris"] ?? [],
    grant_types: app["grant_types"],
    // Okta lists single response types; oidc-provider registers the combinations they allow.
    response_types: PROVIDER_RESPONSE_TYPES.filter((combination) => combination.split(" ").every((type) => oktaResponseTypes.has(type))),
    token_endpoint_auth_method: app["token_endpoint_auth_method"],
    ...(privateKeyJwt ? { jwks: { keys: serviceAppKeys ?? app["jwks"] } } : {}),
  };
}

/**
 * Claim name -> user profile attribute: ID token claims always included (system claims and custom
 * `user.<attribute>` expressions), and access token claims with their scope condition.
 */
function claimMappings(claims: readonly Record<string, any>[], systemClaims: readonly Record<string, any>[]) {
  const alwaysInIdToken = new Map<string, string>();
  const inAccessToken = new Map<string, { attribute: string; scopes?: readonly string[] }>();
  for (const claim of systemClaims) {
    // Okta's system profile claims read the user attribute of the same name (email -> user.email).
    if (claim["name"] !== "email") throw new Error(`the test org plays only the system claim email; the stack manages ${claim["name"]}`);
    if (claim["always_include_in_token"] === true) alwaysInIdToken.set(claim["name"], claim["name"]);
  }
  for (const claim of claims) {
    const attribute = /^user\.(\w+)$/.exec(claim["value"])?.[1];
    if (claim["value_type"] !== "EXPRESSION" || !attribute)
      throw new Error(
        `the test org evaluates only user.<attribute> expressions; claim ${claim["name"]} has ${claim["value_type"]} ${claim["value"]}`,
      );
    if (claim["claim_type"] === "RESOURCE")
      inAccessToken.set(claim["name"], { attribute, ...(claim["scopes"] ? { scopes: claim["scopes"] } : {}) });
    else if (claim["always_include_in_token"] === true) alwaysInIdToken.set(claim["name"], attribute);
    else throw new Error(`the test org plays only ID token claims that are always included; ${claim["name"]} is not`);
  }
  return { alwaysInIdToken, inAccessToken };
}

/** The org authorization server: only its keys matter here (another server's keys than the issuer's). */
async function createOrgAuthorizationServer(origin: string) {
  const { default: Provider } = await loadOidcProvider();
  const key = await signingKey("okta-test-org-authorization-server");
  const configuration: ProviderConfiguration = {
    jwks: { keys: [key] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    routes: {
      authorization: "/oauth2/v1/authorize",
      token: "/oauth2/v1/token",
      jwks: "/oauth2/v1/keys",
      userinfo: "/oauth2/v1/userinfo",
      end_session: "/oauth2/v1/logout",
    },
    features: { devInteractions: { enabled: false } },
  };
  return withoutOidcProviderWarnings(async () => new Provider(origin, configuration));
}

/** One key per kid and test process: RSA generation is the slowest part of starting an org, and separate orgs need not differ. */
const signingKeys = new Map<string, Promise<JWK>>();
function signingKey(kid: string): Promise<JWK> {
  let key = signingKeys.get(kid);
  if (!key) {
    key = generateKeyPair("RS256", { extractable: true }).then(async ({ privateKey }) => ({
      ...(await exportJWK(privateKey)),
      kid,
      alg: "RS256",
      use: "sig",
    }));
    signingKeys.set(kid, key);
  }
  return key;
}

function minutesToSeconds(minutes: unknown): number {
  return typeof minutes === "number" ? minutes * 60 : 3600;
}

/**
 * oidc-provider warns at import that Node 20 is unsupported, and at construction that dev
 * interactions and the in-memory store are for development only: all expected here, so kept out
 * of the test output.
 */
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

export function closeServer(server: Server): Promise<void> {
  // fetch keeps connections alive; without this, close() would wait for them to time out.
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
