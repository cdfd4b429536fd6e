/**
 * A local Okta org on 127.0.0.1, read from the world the local okta provider writes
 * (<world>/okta/<org_name>.<base_url>/, shapes documented in ../providers/okta/index.ts), at every
 * request: the stacks are applied after the org starts, and a later apply changes what it serves.
 *
 * Okta's ORG_URL layout: every authorization server of the org at `{org}/oauth2/{authServerId}` with
 * `/.well-known/openid-configuration`, `/v1/authorize`, `/v1/token`, `/v1/keys`, `/v1/userinfo`, and the org
 * authorization server's own keys at `{org}/oauth2/v1/keys`. Each custom server is played by oidc-provider,
 * configured from the world: the org's apps as clients, the server's scopes, claims, access policies and
 * their rules, the apps' group assignments; and the test users given here, with their groups.
 *
 * The org writes `servedAt` into `settings/org.json` when it starts: the local okta provider builds the
 * org URL, and so every issuer, from it. Start the org before the apply, and keep its port for as long
 * as the world's issuers name it (a restarted org listens on the recorded port again).
 *
 * What Okta does and is played here: a user not assigned to the app (through one of its groups) is refused
 * with "User is not assigned to the client application."; the first active policy (by priority) whose clients
 * include the app decides, through the first of its active rules that allows the grant type, the user and the
 * requested scopes, else "Policy evaluation failed..."; the rule's token lifetimes; claims by their scope
 * conditions, ID token claims only when always included (unless the ID token is the only token issued).
 * Not played: app sign-on policies, MFA, direct user assignments, refresh tokens without prompt=consent
 * (oidc-provider drops offline_access otherwise), Okta's access token `sub` (the login; here the user id),
 * default scopes of client_credentials requests without a scope, and expressions other than `user.<attribute>`,
 * `appuser.<attribute>`, `app.clientId`, quoted strings and the system `sub` claim's own conditional.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { ProviderConfiguration, ProviderContext } from "oidc-provider";
import type { WorldTenant } from "../provider/world";
import type {
  OktaApp,
  OktaAuthServer,
  OktaClaim,
  OktaGroup,
  OktaGroupAssignment,
  OktaJwk,
  OktaPolicy,
  OktaPolicyRule,
  OktaScope,
} from "../providers/okta/index";
import { oktaOrgTenant } from "../providers/okta/org";
import { answerJson, closeServer, listenLocally } from "./http";
import {
  generatedSigningKey,
  loadOidcProvider,
  mounted,
  playedGrantTypes,
  RebuiltOnChange,
  responseTypeCombinations,
  withoutOidcProviderWarnings,
} from "./oidc";

/** An Okta user. The dev sign-in form of the local org takes the user's id as the login. */
export interface LocalOktaUser {
  /** Okta's user id ("00u..."): the ID token's `sub`. */
  readonly id: string;
  /** Profile attributes as Okta names them (login, email, firstName, lastName...): what `user.<attribute>` reads. */
  readonly profile: Readonly<Record<string, string>>;
  /** The groups the user is a member of, by id or by name; every user is in Everyone. */
  readonly groups?: readonly string[];
}

export interface LocalOktaOrgOptions {
  /** The world folder (OPENMETADATA_LOCAL_WORLD of the apply). */
  readonly world: string;
  /** The provider's org_name and base_url: the org is <world>/okta/<org_name>.<base_url>/. */
  readonly orgName: string;
  readonly baseUrl: string;
  readonly users: readonly LocalOktaUser[];
  /** @default the port of the `servedAt` already recorded in the org's settings, else any free port */
  readonly port?: number;
}

export interface LocalOktaOrg {
  /** `http://127.0.0.1:PORT`: the org URL, recorded as `servedAt` in the org's settings. */
  readonly origin: string;
  /** The org authorization server's keys: keys of another authorization server than any custom one. */
  readonly orgKeysUrl: string;
  readonly tenant: WorldTenant;
  /** Where an authorization server of the org is served: `${origin}/oauth2/${authServerId}`. */
  issuerUrl(authServerId: string): string;
  close(): Promise<void>;
}

/** The org settings object the org writes its URL into (the local okta provider reads `servedAt`, org.ts keeps `customDomain`). */
const SETTINGS = ["settings", "org"] as const;

export async function startLocalOktaOrg(options: LocalOktaOrgOptions): Promise<LocalOktaOrg> {
  const tenant = oktaOrgTenant(options.world, options.orgName, options.baseUrl);
  const settings = tenant.get<Record<string, unknown>>(...SETTINGS) ?? {};
  const recordedPort = typeof settings["servedAt"] === "string" ? Number(new URL(settings["servedAt"]).port) : undefined;
  const port = options.port ?? recordedPort ?? 0;
  const users = new Map(options.users.map((user) => [user.id, user]));
  const servers = new Map<string, RebuiltOnChange>();
  let origin = "";

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? "/").split("?")[0]!;
    const custom = /^\/oauth2\/([^/]+)/.exec(path)?.[1];
    if (custom === undefined || custom === "v1") return (await orgServer)(request, response);
    const world = readServerWorld(tenant, custom);
    // Okta's 404 for an unknown authorization server (E0000007); an inactive one answers no OpenID requests either.
    if (!world || world.server.status !== "ACTIVE") {
      return answerJson(response, 404, {
        errorCode: "E0000007",
        errorSummary: `Not found: Resource not found: ${custom} (AuthorizationServer)`,
        errorLink: "E0000007",
        errorId: randomBytes(8).toString("hex"),
        errorCauses: [],
      });
    }
    let rebuilt = servers.get(custom);
    if (!rebuilt) servers.set(custom, (rebuilt = new RebuiltOnChange()));
    const handler = await rebuilt.handler(JSON.stringify(world), () => authorizationServer(world, `${origin}/oauth2/${custom}`, users));
    mounted(handler, `/oauth2/${custom}`, request, response);
  };

  let listening: { server: Server; origin: string };
  try {
    listening = await listenLocally(handle, port);
  } catch (error) {
    if (recordedPort && options.port === undefined && (error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `the local Okta org ${tenant.name} was served at ${String(settings["servedAt"])}, which its issuers name, ` +
          "and that port is taken now: free it, or start the org on another port and apply again",
        { cause: error },
      );
    }
    throw error;
  }
  origin = listening.origin;
  const orgServer = orgAuthorizationServer(origin, tenant.name).then((provider) => provider.callback());
  tenant.put(...SETTINGS, { ...settings, servedAt: origin });
  return {
    origin,
    orgKeysUrl: `${origin}/oauth2/v1/keys`,
    tenant,
    issuerUrl: (authServerId) => `${origin}/oauth2/${authServerId}`,
    close: () => closeServer(listening.server),
  };
}

/** What one authorization server is made of in the world: its configuration changes when any of these do. */
interface ServerWorld {
  readonly server: OktaAuthServer;
  readonly claims: readonly OktaClaim[];
  readonly scopes: readonly OktaScope[];
  /** Active, by priority. */
  readonly policies: readonly OktaPolicy[];
  /** Active, by priority. */
  readonly rules: readonly OktaPolicyRule[];
  /** Active OpenID Connect apps: every app of the org is a client of every authorization server; policies decide. */
  readonly apps: readonly OktaApp[];
  readonly assignments: readonly OktaGroupAssignment[];
  readonly groups: readonly OktaGroup[];
}

type Stored<T> = T & Record<string, unknown>;
const byPriority = (left: { priority: number }, right: { priority: number }) => left.priority - right.priority;

function readServerWorld(tenant: WorldTenant, id: string): ServerWorld | undefined {
  const server = tenant.get<Stored<OktaAuthServer>>("authServers", id);
  if (!server) return undefined;
  const ofServer = <T extends { authServerId: string; status?: string }>(collection: string, activeOnly: boolean) =>
    tenant.list<Stored<T>>(collection).filter((object) => object.authServerId === id && (!activeOnly || object.status === "ACTIVE"));
  return {
    server,
    claims: ofServer<OktaClaim>("claims", true),
    scopes: ofServer<OktaScope>("scopes", false),
    policies: ofServer<OktaPolicy>("policies", true).sort(byPriority),
    rules: ofServer<OktaPolicyRule>("rules", true).sort(byPriority),
    apps: tenant.list<Stored<OktaApp>>("apps").filter((app) => app.status === "ACTIVE" && app.signOnMode === "OPENID_CONNECT"),
    assignments: tenant.list<Stored<OktaGroupAssignment>>("groupAssignments"),
    groups: tenant.list<Stored<OktaGroup>>("groups"),
  };
}

/** The scopes oidc-provider handles as OpenID scopes; the server's other scopes are its resource's scopes. */
const OIDC_SCOPES = new Set(["openid", "profile", "email", "address", "phone", "offline_access"]);
const EVERYONE = "EVERYONE";
const ALL_CLIENTS = "ALL_CLIENTS";
/** Okta's answers, as its error_description. */
const POLICY_FAILED = "Policy evaluation failed for this request, please check the policy configurations.";
const NOT_ASSIGNED = "User is not assigned to the client application.";
const UNKNOWN_SCOPE = "One or more scopes are not configured for the authorization server resource.";

/** A user with the ids and names of their groups, Everyone included. */
interface Member {
  readonly user: LocalOktaUser;
  readonly groupIds: ReadonlySet<string>;
  readonly groupNames: readonly string[];
}

function memberOf(user: LocalOktaUser, groups: readonly OktaGroup[]): Member {
  const wanted = new Set(user.groups ?? []);
  const mine = groups.filter(
    (group) => (group.type === "BUILT_IN" && group.profile.name === "Everyone") || wanted.has(group.id) || wanted.has(group.profile.name),
  );
  return { user, groupIds: new Set(mine.map((group) => group.id)), groupNames: mine.map((group) => group.profile.name) };
}

function peopleMatch(rule: OktaPolicyRule, member: Member): boolean {
  const { users, groups } = rule.conditions.people;
  if (users.exclude.includes(member.user.id) || groups.exclude.some((id) => member.groupIds.has(id))) return false;
  // A rule without people conditions applies to everyone (the API's default, groups include EVERYONE).
  if (users.include.length === 0 && groups.include.length === 0) return true;
  return users.include.includes(member.user.id) || groups.include.some((id) => id === EVERYONE || member.groupIds.has(id));
}

/** The rule that allows the request: of the first active policy whose clients include the app, the first rule that matches. */
function ruleFor(
  world: ServerWorld,
  clientId: string,
  grantType: string,
  member: Member | undefined,
  requestedScopes: readonly string[] = [],
): OktaPolicyRule | undefined {
  const policy = world.policies.find((candidate) =>
    candidate.conditions.clients.include.some((client) => client === clientId || client === ALL_CLIENTS),
  );
  if (!policy) return undefined;
  return world.rules.find(
    (rule) =>
      rule.policyId === policy.id &&
      rule.conditions.grantTypes.include.includes(grantType) &&
      (member === undefined || peopleMatch(rule, member)) &&
      requestedScopes.every((scope) => rule.conditions.scopes.include.includes("*") || rule.conditions.scopes.include.includes(scope)),
  );
}

/** The grant type a request's rule must allow; refresh tokens come from the rule of the login they renew. */
function grantTypeOf(ctx: ProviderContext): string {
  const params = ctx.oidc.params;
  if (ctx.oidc.route === "token") {
    const grantType = String(params["grant_type"]);
    return grantType === "refresh_token" ? "authorization_code" : grantType;
  }
  return String(params["response_type"] ?? "code")
    .split(" ")
    .includes("code")
    ? "authorization_code"
    : "implicit";
}

function accountOf(ctx: ProviderContext): string | undefined {
  const entities = ctx.oidc.entities;
  return ctx.oidc.session?.accountId ?? entities?.AuthorizationCode?.accountId ?? entities?.RefreshToken?.accountId;
}

/** The ID token claims Okta's system claims stand for, from the user's profile (Okta's standard attribute names). */
function systemClaimValue(name: string, member: Member): unknown {
  const profile = member.user.profile;
  switch (name) {
    case "email":
      return profile["email"];
    case "email_verified":
      return profile["email"] === undefined ? undefined : true;
    case "name":
      return profile["displayName"] ?? ([profile["firstName"], profile["lastName"]].filter(Boolean).join(" ") || undefined);
    case "preferred_username":
      return profile["login"];
    case "given_name":
      return profile["firstName"];
    case "family_name":
      return profile["lastName"];
    case "middle_name":
      return profile["middleName"];
    case "nickname":
      return profile["nickName"];
    case "locale":
      return profile["locale"];
    case "zoneinfo":
      return profile["timezone"];
    case "phone_number":
      return profile["mobilePhone"] ?? profile["primaryPhone"];
    case "profile":
      return profile["profileUrl"];
    default:
      return profile[name];
  }
}

/** Okta expression language, the part the local org evaluates; undefined (no claim) when it reads a user and there is none. */
function evaluate(expression: string, member: Member | undefined, clientId: string, claimName: string): unknown {
  const text = expression.trim();
  const conditional = /^\(\s*appuser\s*!=\s*null\s*\)\s*\?\s*(.+?)\s*:\s*(.+)$/.exec(text);
  if (conditional) return evaluate(member ? conditional[1]! : conditional[2]!, member, clientId, claimName);
  const attribute = /^(?:user|appuser)\.(\w+)$/.exec(text)?.[1];
  if (attribute !== undefined) return attribute === "userName" ? member?.user.profile["login"] : member?.user.profile[attribute];
  if (text === "app.clientId") return clientId;
  const literal = /^"([^"\\]*)"$/.exec(text)?.[1];
  if (literal !== undefined) return literal;
  throw new Error(
    `the local Okta org evaluates user.<attribute>, appuser.<attribute>, app.clientId and quoted strings; claim ${claimName} has ${expression}`,
  );
}

function groupsClaimValue(claim: OktaClaim, member: Member | undefined): string[] | undefined {
  if (!member) return undefined;
  const filter = claim.value ?? "";
  const matches: Record<string, (name: string) => boolean> = {
    STARTS_WITH: (name) => name.startsWith(filter),
    EQUALS: (name) => name === filter,
    CONTAINS: (name) => name.includes(filter),
    REGEX: (name) => new RegExp(`^(?:${filter})$`).test(name),
  };
  const match = matches[claim.groupFilterType ?? "REGEX"];
  if (!match) throw new Error(`the local Okta org does not know the group filter ${claim.groupFilterType} of claim ${claim.name}`);
  return member.groupNames.filter(match);
}

function claimValue(claim: OktaClaim, member: Member | undefined, clientId: string): unknown {
  if (claim.valueType === "SYSTEM") return member && systemClaimValue(claim.name, member);
  if (claim.valueType === "GROUPS") return groupsClaimValue(claim, member);
  return evaluate(claim.value ?? "", member, clientId, claim.name);
}

/** A claim with scope conditions goes only into tokens granted one of its scopes. */
const scopesAllow = (claim: OktaClaim, granted: ReadonlySet<string>) =>
  claim.conditions.scopes.length === 0 || claim.conditions.scopes.some((scope) => granted.has(scope));

function valuesOf(claims: readonly OktaClaim[], member: Member | undefined, clientId: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const claim of claims) {
    const value = claimValue(claim, member, clientId);
    if (value !== undefined && value !== null) result[claim.name] = value;
  }
  return result;
}

/** An app as oidc-provider client metadata; everything but Okta-only settings maps one to one. */
function clientOf(app: OktaApp): Record<string, unknown> {
  const credentials = app.credentials.oauthClient;
  const settings = app.settings.oauthClient;
  const method = credentials.token_endpoint_auth_method;
  const publicKey = ({ id: _id, status: _status, ...jwk }: OktaJwk) => jwk;
  return {
    client_id: credentials.client_id,
    ...(credentials.client_secret ? { client_secret: credentials.client_secret } : {}),
    redirect_uris: settings.redirect_uris ?? [],
    post_logout_redirect_uris: settings.post_logout_redirect_uris ?? [],
    grant_types: playedGrantTypes(settings.grant_types ?? []),
    response_types: responseTypeCombinations(settings.response_types ?? []),
    token_endpoint_auth_method: method,
    // oidc-provider knows web and native; Okta's browser and service apps register as web.
    application_type: settings.application_type === "native" ? "native" : "web",
    ...(method === "private_key_jwt"
      ? { jwks: { keys: (settings.jwks?.keys ?? []).filter((key) => key.status === "ACTIVE").map(publicKey) } }
      : {}),
  };
}

/** A space-separated scope parameter as a list (absent: none). */
const scopesOf = (value: unknown): string[] =>
  String(value ?? "")
    .split(" ")
    .filter(Boolean);

/** Okta's endpoint paths under an authorization server's prefix. */
const oktaRoutes = (prefix: string) => ({
  authorization: `${prefix}/authorize`,
  token: `${prefix}/token`,
  jwks: `${prefix}/keys`,
  userinfo: `${prefix}/userinfo`,
  end_session: `${prefix}/logout`,
});

const minutes = (value: number | undefined, fallback: number) => (typeof value === "number" && value > 0 ? value * 60 : fallback);
/** One cookie key per authorization server and process, so sessions outlive a rebuild. */
const cookieKeys = new Map<string, string>();

async function authorizationServer(world: ServerWorld, servedAt: string, users: ReadonlyMap<string, LocalOktaUser>) {
  const { default: Provider, errors } = await loadOidcProvider();
  const { server } = world;
  // The world's issuer is what tokens carry; it is the served URL once the provider built it from servedAt.
  const issuer = server.issuer || servedAt;
  const [audience] = server.audiences;
  const scopeNames = new Set(world.scopes.map((scope) => scope.name));
  const resourceScopes = [...scopeNames].filter((scope) => !OIDC_SCOPES.has(scope));
  const appsByClientId = new Map(world.apps.map((app) => [app.credentials.oauthClient.client_id, app]));
  const identityClaims = world.claims.filter((claim) => claim.claimType === "IDENTITY");
  // `sub` of access tokens is oidc-provider's (the user id, or the client id for client_credentials).
  const resourceClaims = world.claims.filter((claim) => claim.claimType === "RESOURCE" && !(claim.system && claim.name === "sub"));
  const member = (accountId: string | undefined) => {
    const user = accountId === undefined ? undefined : users.get(accountId);
    return user && memberOf(user, world.groups);
  };
  const assigned = (app: OktaApp, who: Member) =>
    world.assignments.some((assignment) => assignment.appId === app.id && who.groupIds.has(assignment.id));
  const clients = world.apps.map(clientOf);
  const cookieKey = cookieKeys.get(server.id) ?? randomBytes(32).toString("base64url");
  cookieKeys.set(server.id, cookieKey);

  const configuration: ProviderConfiguration = {
    clients,
    jwks: { keys: [await generatedSigningKey(server.credentials.signing.kid)] },
    cookies: { keys: [cookieKey] },
    routes: oktaRoutes("/v1"),
    scopes: [...scopeNames].filter((scope) => OIDC_SCOPES.has(scope)),
    // Every identity claim may reach an ID token or userinfo once openid is granted; findAccount decides which.
    claims: { openid: ["sub", ...new Set(identityClaims.map((claim) => claim.name))] },
    responseTypes: [...new Set(clients.flatMap((client) => client["response_types"] as string[]))],
    ttl: {
      AccessToken: 3600,
      ClientCredentials: 3600,
      RefreshToken: (_ctx, token) =>
        minutes(
          ruleFor(world, token.clientId ?? "", "authorization_code", member(token.accountId))?.actions.token.refreshTokenLifetimeMinutes,
          90 * 86_400,
        ),
      AuthorizationCode: 300,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 90 * 86_400,
    },
    // Okta requires PKCE of public clients whatever pkce_required says; of others when it says so.
    pkce: {
      required: (_ctx, client) => {
        const credentials = appsByClientId.get(client.clientId)?.credentials.oauthClient;
        return !credentials || credentials.pkce_required || credentials.token_endpoint_auth_method === "none";
      },
    },
    loadExistingGrant: async (ctx) => {
      const clientId = ctx.oidc.client?.clientId ?? "";
      const who = member(ctx.oidc.session?.accountId);
      const app = appsByClientId.get(clientId);
      if (who && app) {
        if (!assigned(app, who)) throw new errors.AccessDenied(NOT_ASSIGNED);
        const requested = scopesOf(ctx.oidc.params["scope"]);
        const unknown = requested.filter((scope) => !scopeNames.has(scope));
        if (unknown.length > 0) throw new errors.InvalidScope(UNKNOWN_SCOPE, unknown.join(" "));
        if (!ruleFor(world, clientId, grantTypeOf(ctx), who, requested)) throw new errors.AccessDenied(POLICY_FAILED);
      }
      // oidc-provider's own: the grant of this consent, or the session's grant for the client.
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(clientId);
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: clients.some((client) => (client["grant_types"] as string[]).includes("client_credentials")) },
      resourceIndicators: {
        enabled: true,
        // A custom authorization server issues every access token for its own audience.
        defaultResource: () => issuer,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resourceIndicator, client) => {
          if (resourceIndicator !== issuer) throw new errors.InvalidTarget(`this authorization server only issues tokens for ${issuer}`);
          const rule = ruleFor(world, client.clientId, grantTypeOf(ctx), member(accountOf(ctx)));
          if (!rule) throw new errors.AccessDenied(POLICY_FAILED);
          const allowed = rule.conditions.scopes.include.includes("*") ? resourceScopes : rule.conditions.scopes.include;
          return {
            scope: allowed.filter((scope) => resourceScopes.includes(scope)).join(" "),
            ...(audience === undefined ? {} : { audience }),
            accessTokenFormat: "jwt",
            accessTokenTTL: minutes(rule.actions.token.accessTokenLifetimeMinutes, 3600),
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    findAccount: (ctx, accountId) => {
      const who = member(accountId);
      if (!who) return undefined;
      // Okta puts every granted claim into an ID token that comes alone; with an access token, only those always included.
      const idTokenAlone = ctx.oidc.route === "authorization" && ctx.oidc.params["response_type"] === "id_token";
      return {
        accountId,
        claims: (use, scope) => {
          const granted = new Set(scopesOf(scope));
          const claims = identityClaims.filter(
            (claim) => scopesAllow(claim, granted) && (use !== "id_token" || claim.alwaysIncludeInToken || idTokenAlone),
          );
          return { sub: accountId, ...valuesOf(claims, who, ctx.oidc.client?.clientId ?? "") };
        },
      };
    },
    extraTokenClaims: (ctx, token) => {
      const clientId = token.clientId ?? "";
      const granted = new Set([...scopesOf(token.scope), ...scopesOf(ctx.oidc.entities?.Grant?.getOIDCScope())]);
      const who = member(token.accountId);
      return {
        // Okta's own access token claims: the client, the user's id and the scopes as a list.
        cid: clientId,
        ...(who ? { uid: who.user.id } : {}),
        scp: scopesOf(token.scope),
        ...valuesOf(
          resourceClaims.filter((claim) => scopesAllow(claim, granted)),
          who,
          clientId,
        ),
      };
    },
    renderError: (ctx, out) => {
      ctx.type = "json";
      ctx.body = out;
    },
  };
  return withoutOidcProviderWarnings(async () => new Provider(issuer, configuration));
}

/** The org authorization server: its discovery and keys (another key than any custom server's). */
async function orgAuthorizationServer(origin: string, orgName: string) {
  const { default: Provider } = await loadOidcProvider();
  const configuration: ProviderConfiguration = {
    jwks: { keys: [await generatedSigningKey(`org-authorization-server-${orgName}`)] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    routes: oktaRoutes("/oauth2/v1"),
    features: { devInteractions: { enabled: false } },
  };
  return withoutOidcProviderWarnings(async () => new Provider(origin, configuration));
}
