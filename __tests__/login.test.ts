import { createPrivateKey, randomBytes, randomUUID } from "node:crypto";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { generateSigningKey, type SigningKey } from "../lib/keys/signing-keys";
import { SECRET_NAMES } from "../lib/openmetadata/resource-names";
import { clientAssertion } from "../lib/verify/checks";
import { Browser, pkcePair, signIn } from "./support/browser-login";
import { validateAsOpenMetadata } from "./support/openmetadata-token-validator";
import { AUTH0_JANE, deployAuth0Sso, deploySso, JANE, type Auth0SsoDeployment, type SsoDeployment } from "./support/sso-deployment";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE, fixtureStack, resourceOf } from "./support/synth";

// End-to-end logins against a certified OpenID Provider configured from the synthesized stacks, once
// playing an Okta org (the fixture environments dev and staging) and once an Auth0 tenant (the
// environments of stacks/examples/auth0.yaml): if a redirect URI, grant, client authentication, PKCE
// setting, claim, connection or authority in the stack were wrong, these logins would fail the way they
// would against the real identity provider. What both providers must do runs once per provider; what
// only one of them has (Okta's service app, Auth0's refresh-token rotation and connections) has its own tests.

/** What a login needs of a deployment, whichever identity provider plays it. */
type LoginDeployment = Pick<SsoDeployment, "environment" | "values" | "outputs" | "reachable" | "close">;

interface IdentityProviderLogins {
  readonly name: string;
  /** The SPA flow's environment (public client, authorization code with PKCE). */
  readonly spa: LoginDeployment;
  /** The Web flow's environment (confidential client). */
  readonly web: LoginDeployment;
  /** Jane's user id in the org or tenant. */
  readonly janeId: string;
  /** The `iss` of the provider's tokens for an OpenMetadata authority. */
  issuer(authority: string): string;
  /** The Web app's credentials as the org or tenant issued them. */
  webClient(): { readonly clientId: string; readonly clientSecret: string };
  /** The token endpoint authentication method the Web app is registered with. */
  webClientAuthenticationMethod(): string;
}

let serviceKey: SigningKey;
let dev: SsoDeployment;
let staging: SsoDeployment;
let auth0Spa: Auth0SsoDeployment;
let auth0Web: Auth0SsoDeployment;

/** A user of a connection that exists in the tenant but is not among the Auth0 Web app's connections. */
const BOB = { id: "github|bob", connection: "github", email: "bob@example.com", name: "Bob" };
const CONNECTIONS = ["Username-Password-Authentication", "google-oauth2", "github"];

beforeAll(async () => {
  serviceKey = await generateSigningKey({ kid: "login-test-service-key" });
  const [auth0SpaEnvironment, auth0WebEnvironment] = loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE);
  [dev, staging, auth0Spa, auth0Web] = await Promise.all([
    deploySso("dev", { serviceAppKeys: [serviceKey.publicJwk] }),
    deploySso("staging"),
    deployAuth0Sso(auth0SpaEnvironment!, { users: [AUTH0_JANE, BOB], connections: CONNECTIONS }),
    deployAuth0Sso(auth0WebEnvironment!, { users: [AUTH0_JANE, BOB], connections: CONNECTIONS }),
  ]);
});

afterAll(async () => {
  await Promise.all([dev?.close(), staging?.close(), auth0Spa?.close(), auth0Web?.close()]);
});

// Getters: the deployments exist only once beforeAll has run, after describe.each has read this list.
const PROVIDERS: readonly IdentityProviderLogins[] = [
  {
    name: "Okta",
    get spa() {
      return dev;
    },
    get web() {
      return staging;
    },
    janeId: JANE.id,
    issuer: (authority) => authority,
    webClient: () => {
      const client = staging.okta.clients.get("okta_app_oauth.okta_oidc-app_app")!;
      return { clientId: client.clientId, clientSecret: client.clientSecret! };
    },
    // oidc-provider takes a posted secret and Basic alike, Okta only the registered method: so compare them here.
    webClientAuthenticationMethod: () =>
      resourceOf(fixtureStack("staging").json, "okta_app_oauth", "okta_oidc-app_app")["token_endpoint_auth_method"],
  },
  {
    name: "Auth0",
    get spa() {
      return auth0Spa;
    },
    get web() {
      return auth0Web;
    },
    janeId: AUTH0_JANE.id,
    // auth0-spa-js getTokenIssuer: `${domainUrl}/`.
    issuer: (authority) => `${authority}/`,
    webClient: () => ({
      clientId: auth0Web.auth0.clients.get("auth0_client.auth0_client")!.clientId,
      clientSecret: auth0Web.auth0.clients.get("auth0_client.auth0_client")!.clientSecret!,
    }),
    webClientAuthenticationMethod: () => "client_secret_post",
  },
];

/** Discovery the way OpenMetadata's UI does it: `${authority}/.well-known/openid-configuration`. */
async function discover(deployment: LoginDeployment): Promise<Record<string, string>> {
  const response = await fetch(`${deployment.values.openmetadata.config.authentication.authority}/.well-known/openid-configuration`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, string>;
}

async function postForm(url: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/**
 * What OpenMetadata's UI sends (auth0-react's loginWithRedirect with useRefreshTokens for Auth0): its clientId
 * and callbackUrl from the values, code + PKCE, offline_access added to OpenMetadata's login scopes.
 */
function spaAuthorizeUrl(
  discovery: Record<string, string>,
  clientId: string,
  redirectUri: string,
  challenge: string,
  extra: Record<string, string> = {},
): string {
  const authorize = new URL(discovery["authorization_endpoint"]!);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid profile email offline_access",
    state: randomUUID(),
    nonce: randomUUID(),
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  }).toString();
  return authorize.href;
}

/** Jane's SPA login up to the token response: what the tests after it build on. */
async function spaLogin(
  provider: IdentityProviderLogins,
  extra: Record<string, string> = {},
): Promise<{ callback: URL; tokens: { status: number; body: Record<string, string> } }> {
  const { authentication } = provider.spa.values.openmetadata.config;
  const discovery = await discover(provider.spa);
  const { verifier, challenge } = pkcePair();
  const authorize = spaAuthorizeUrl(discovery, authentication.clientId, authentication.callbackUrl, challenge, extra);
  const callback = await signIn(new Browser(), authorize, authentication.callbackUrl, provider.janeId);
  const tokens = await postForm(discovery["token_endpoint"]!, {
    grant_type: "authorization_code",
    code: callback.searchParams.get("code")!,
    redirect_uri: authentication.callbackUrl,
    client_id: authentication.clientId,
    code_verifier: verifier,
  });
  return { callback, tokens };
}

/** A code for the Web app's callback, asked for the way a plain confidential client does. */
async function webCode(provider: IdentityProviderLogins, discovery: Record<string, string>, userId: string): Promise<URL> {
  const { authentication } = provider.web.values.openmetadata.config;
  const authorize = new URL(discovery["authorization_endpoint"]!);
  authorize.search = new URLSearchParams({
    client_id: authentication.clientId,
    redirect_uri: authentication.callbackUrl,
    response_type: "code",
    scope: "openid email",
    state: "s",
  }).toString();
  return signIn(new Browser(), authorize.href, authentication.callbackUrl, userId);
}

describe.each(PROVIDERS.map((provider) => [provider.name, provider] as const))("with %s as the identity provider", (_name, provider) => {
  describe("the SPA (public client, authorization code with PKCE)", () => {
    test("Jane signs in through the registered callback and OpenMetadata accepts her ID token as jane.doe", async () => {
      const { spa } = provider;
      const { authentication, authorizer } = spa.values.openmetadata.config;
      const state = randomUUID();
      const nonce = randomUUID();
      const { callback, tokens } = await spaLogin(provider, { state, nonce });
      expect(callback.searchParams.get("error")).toBeNull();
      expect(callback.searchParams.get("state")).toBe(state);
      expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);

      const issuer = provider.issuer(authentication.authority);
      const login = await validateAsOpenMetadata(tokens.body["id_token"]!, authentication, spa.reachable, issuer);
      expect(login.claims["nonce"]).toBe(nonce);
      expect(login.claims["iss"]).toBe(issuer);
      expect(login.verifiedBy).toBe(spa.outputs[spa.environment.stackId]!["jwks_uri"]);
      expect(login.principal).toBe("jane.doe");
      expect(authorizer.initialAdmins).toContain(login.principal);
      expect(login.domain).toBe(authorizer.principalDomain);
    });

    test("a login without a PKCE challenge is refused", async () => {
      const { authentication } = provider.spa.values.openmetadata.config;
      const authorize = new URL((await discover(provider.spa))["authorization_endpoint"]!);
      authorize.search = new URLSearchParams({
        client_id: authentication.clientId,
        redirect_uri: authentication.callbackUrl,
        response_type: "code",
        scope: "openid email",
        state: "s",
      }).toString();
      const response = await fetch(authorize, { redirect: "manual" });
      const callback = new URL(response.headers.get("location")!);
      expect(callback.href.startsWith(authentication.callbackUrl)).toBe(true);
      expect(callback.searchParams.get("error")).toBe("invalid_request");
      expect(callback.searchParams.get("error_description")).toMatch(/PKCE/);
    });
  });

  describe("the Web app (confidential client)", () => {
    test("OpenMetadata's confidential client signs Jane in with the discovery URI, scope, nonce and client authentication of its values", async () => {
      const { web } = provider;
      const { authentication, authorizer } = web.values.openmetadata.config;
      const oidc = authentication.oidcConfiguration;
      if (!oidc.enabled) throw new Error(`${web.environment.name} is expected to use the confidential client`);
      // The values name the Kubernetes Secret; the secret itself comes from the org or tenant.
      const { clientId, clientSecret } = provider.webClient();
      expect(clientId).toBe(authentication.clientId);

      const discovery = (await (await fetch(oidc.discoveryUri)).json()) as Record<string, string>;
      expect(discovery["issuer"]).toBe(provider.issuer(authentication.authority));
      const nonce = randomUUID();
      const authorize = new URL(discovery["authorization_endpoint"]!);
      authorize.search = new URLSearchParams({
        client_id: clientId,
        redirect_uri: oidc.callbackUrl,
        response_type: oidc.responseType,
        scope: oidc.scope,
        state: "s",
        ...(oidc.useNonce ? { nonce } : {}),
      }).toString();
      const code = (await signIn(new Browser(), authorize.href, oidc.callbackUrl, provider.janeId)).searchParams.get("code")!;
      expect(code).toBeTruthy();

      expect(oidc.clientAuthenticationMethod).toBe(provider.webClientAuthenticationMethod());
      const tokens = await postForm(discovery["token_endpoint"]!, {
        grant_type: "authorization_code",
        code,
        redirect_uri: oidc.callbackUrl,
        client_id: clientId,
        client_secret: clientSecret,
      });
      expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);

      const issuer = provider.issuer(authentication.authority);
      const login = await validateAsOpenMetadata(tokens.body["id_token"]!, authentication, web.reachable, issuer);
      expect(login.claims["nonce"]).toBe(nonce);
      expect(login.principal).toBe("jane.doe");
      expect(authorizer.initialAdmins).toContain(login.principal);
    });

    test("a code cannot be redeemed without the client secret", async () => {
      const { authentication } = provider.web.values.openmetadata.config;
      const discovery = await discover(provider.web);
      const code = (await webCode(provider, discovery, provider.janeId)).searchParams.get("code")!;
      const response = await postForm(discovery["token_endpoint"]!, {
        grant_type: "authorization_code",
        code,
        redirect_uri: authentication.callbackUrl,
        client_id: authentication.clientId,
        client_secret: randomBytes(24).toString("base64url"),
      });
      expect(response.status).toBe(401);
      expect(response.body["error"]).toBe("invalid_client");
    });
  });
});

describe("with Okta as the identity provider, only Okta's", () => {
  const okta = PROVIDERS[0]!;

  async function issuerKeys(deployment: SsoDeployment): Promise<ReturnType<typeof createLocalJWKSet>> {
    const response = await fetch(`${deployment.okta.issuer}/v1/keys`);
    return createLocalJWKSet((await response.json()) as JSONWebKeySet);
  }

  test("the SPA's access token is for the authorization server's audience and carries the email claim", async () => {
    const { authentication } = dev.values.openmetadata.config;
    const { tokens } = await spaLogin(okta);
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
    const { payload } = await jwtVerify(tokens.body["access_token"]!, await issuerKeys(dev), {
      issuer: authentication.authority,
      audience: authentication.clientId,
    });
    expect(payload["email"]).toBe(JANE.profile["email"]);
  });

  test("the dev service app gets an access token for OpenMetadata's audience with the default scope, signing with a key made by generateSigningKey", async () => {
    const discovery = await discover(dev);
    const outputs = dev.outputs[dev.environment.stackId]!;
    const serviceClientId = outputs["service_app_client_id"]!;
    // verify's own assertion (client_credentials with private_key_jwt): the test proves what `npm run verify` sends gets a token.
    const assertion = await clientAssertion(
      { clientId: serviceClientId, kid: serviceKey.kid, privateKey: createPrivateKey(serviceKey.privatePkcs8Pem) },
      discovery["token_endpoint"]!,
    );
    const tokens = await postForm(discovery["token_endpoint"]!, {
      grant_type: "client_credentials",
      scope: "openmetadata",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    });
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);

    const accessToken = tokens.body["access_token"]!;
    expect(decodeProtectedHeader(accessToken).alg).toBe("RS256");
    const { payload } = await jwtVerify(accessToken, await issuerKeys(dev), {
      issuer: outputs["issuer_url"],
      audience: outputs["client_id"],
    });
    expect(String(payload["scope"]).split(" ")).toEqual(["openmetadata"]);
    expect(payload["client_id"]).toBe(serviceClientId);
  });
});

describe("with Auth0 as the identity provider, only Auth0's", () => {
  const auth0 = PROVIDERS[1]!;

  test("the tenant's issuer is the authority with a trailing slash, and its keys are the publicKeys entry", async () => {
    const { authentication } = auth0Spa.values.openmetadata.config;
    const discovery = await discover(auth0Spa);
    expect(authentication.authority.endsWith("/")).toBe(false);
    // auth0-spa-js getTokenIssuer: `${domainUrl}/`.
    expect(discovery["issuer"]).toBe(`${authentication.authority}/`);
    expect(authentication.publicKeys).toContain(discovery["jwks_uri"]);
  });

  test("the SPA's refresh token rotates: the renewed one works, the used one is refused", async () => {
    const { authentication } = auth0Spa.values.openmetadata.config;
    const discovery = await discover(auth0Spa);
    const { tokens: first } = await spaLogin(auth0);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body["refresh_token"]).toBeTruthy();
    const used = first.body["refresh_token"]!;

    // getAccessTokenSilently with useRefreshTokens: a refresh_token grant, no secret.
    const renewed = await postForm(discovery["token_endpoint"]!, {
      grant_type: "refresh_token",
      refresh_token: used,
      client_id: authentication.clientId,
    });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(renewed.body["refresh_token"]).toBeTruthy();
    expect(renewed.body["refresh_token"]).not.toBe(used);
    expect(renewed.body["id_token"]).toBeTruthy();

    const reused = await postForm(discovery["token_endpoint"]!, {
      grant_type: "refresh_token",
      refresh_token: used,
      client_id: authentication.clientId,
    });
    expect(reused.status).toBe(400);
    expect(reused.body["error"]).toBe("invalid_grant");
  });

  test("an unregistered SPA callback is refused before any sign-in", async () => {
    const { authentication } = auth0Spa.values.openmetadata.config;
    const { challenge } = pkcePair();
    const unregistered = `${auth0Spa.environment.openmetadataUrl}/evil-callback`;
    const response = await fetch(spaAuthorizeUrl(await discover(auth0Spa), authentication.clientId, unregistered, challenge), {
      redirect: "manual",
    });
    expect(response.headers.get("location")).toBeNull();
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, string>)["error"]).toBe("invalid_redirect_uri");
  });

  test("the implicit grant is not registered for the SPA: OpenMetadata's Auth0 UI never uses it", async () => {
    const { authentication } = auth0Spa.values.openmetadata.config;
    const authorize = new URL((await discover(auth0Spa))["authorization_endpoint"]!);
    authorize.search = new URLSearchParams({
      client_id: authentication.clientId,
      redirect_uri: authentication.callbackUrl,
      response_type: "id_token",
      scope: "openid",
      state: "s",
      nonce: "n",
    }).toString();
    const response = await fetch(authorize, { redirect: "manual" });
    const location = response.headers.get("location");
    const error = location
      ? (new URL(location).searchParams.get("error") ?? new URLSearchParams(new URL(location).hash.slice(1)).get("error"))
      : ((await response.json()) as Record<string, string>)["error"];
    expect(error).toMatch(/unsupported_response_type|unauthorized_client/);
  });

  test("the Web app's Kubernetes Secret holds the client id and secret the tenant issued, and OpenMetadata reads it as an auth0 client", () => {
    const { authentication } = auth0Web.values.openmetadata.config;
    const oidc = authentication.oidcConfiguration;
    if (!oidc.enabled) throw new Error("auth0-staging is expected to use the confidential client");
    expect(oidc.oidcType).toBe("auth0");
    // The values name the Secret; its data is what apply writes from the client and its credentials.
    expect(oidc.clientSecret.secretRef).toBe(SECRET_NAMES.oidcClientSecret.secretRef);
    const secret = auth0Web.oidcSecret!;
    expect(secret[oidc.clientId.secretKey]).toBe(authentication.clientId);
    expect(secret[oidc.clientSecret.secretKey]).toBe(auth0.webClient().clientSecret);
  });

  test("only the Web app's named connections sign in: a user of another connection of the tenant is refused", async () => {
    expect([...auth0Web.auth0.clients.get("auth0_client.auth0_client")!.connections].sort()).toEqual([
      "Username-Password-Authentication",
      "google-oauth2",
    ]);
    const callback = await webCode(auth0, await discover(auth0Web), BOB.id);
    expect(callback.searchParams.get("code")).toBeNull();
    expect(callback.searchParams.get("error")).toBe("access_denied");
  });

  test("only the Web flow has a client secret Secret; the SPA has no secret anywhere", () => {
    expect(Object.keys(auth0Web.oidcSecret ?? {}).sort()).toEqual(
      [SECRET_NAMES.oidcClientId.secretKey, SECRET_NAMES.oidcClientSecret.secretKey].sort(),
    );
    expect(auth0Spa.oidcSecret).toBeUndefined();
    expect(auth0Spa.auth0.clients.get("auth0_client.auth0_client")!.clientSecret).toBeUndefined();
  });
});
