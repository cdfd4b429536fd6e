import { randomBytes, randomUUID } from "node:crypto";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE } from "./support/synth";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { SECRET_NAMES } from "../lib/openmetadata/resource-names";
import { Browser, pkcePair, signIn } from "./support/browser-login";
import { validateAsOpenMetadata } from "./support/openmetadata-token-validator";
import { AUTH0_JANE, deployAuth0Sso, type Auth0SsoDeployment } from "./support/sso-deployment";

// End-to-end logins against a certified OpenID Provider playing an Auth0 tenant, configured from the
// synthesized stacks of stacks/examples/auth0.yaml: a wrong callback, grant, client authentication,
// PKCE setting, connection or authority in the stack fails here the way it would against Auth0.

export const AUTH0_EXAMPLES_FILE = FIXTURE_AUTH0_ENVIRONMENTS_FILE;
/** A user of a connection that exists in the tenant but is not among the Web app's connections. */
const BOB = { id: "github|bob", connection: "github", email: "bob@example.com", name: "Bob" };
const CONNECTIONS = ["Username-Password-Authentication", "google-oauth2", "github"];

let spa: Auth0SsoDeployment;
let web: Auth0SsoDeployment;

beforeAll(async () => {
  const [spaEnvironment, webEnvironment] = loadEnvironmentsFile(AUTH0_EXAMPLES_FILE);
  [spa, web] = await Promise.all([
    deployAuth0Sso(spaEnvironment!, { users: [AUTH0_JANE, BOB], connections: CONNECTIONS }),
    deployAuth0Sso(webEnvironment!, { users: [AUTH0_JANE, BOB], connections: CONNECTIONS }),
  ]);
});

afterAll(async () => {
  await Promise.all([spa?.close(), web?.close()]);
});

/** Discovery the way auth0-spa-js does it: `${domain}/.well-known/openid-configuration`, the domain being OpenMetadata's authority. */
async function discover(deployment: Auth0SsoDeployment): Promise<Record<string, string>> {
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

/** What auth0-react's loginWithRedirect sends with useRefreshTokens: code + PKCE, offline_access added to OpenMetadata's scopes. */
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

describe("the Auth0 SPA (public client, authorization code with PKCE, rotating refresh tokens)", () => {
  test("the tenant's issuer is the authority with a trailing slash, and its keys are the publicKeys entry", async () => {
    const { authentication } = spa.values.openmetadata.config;
    const discovery = await discover(spa);
    expect(authentication.authority.endsWith("/")).toBe(false);
    // auth0-spa-js getTokenIssuer: `${domainUrl}/`.
    expect(discovery["issuer"]).toBe(`${authentication.authority}/`);
    expect(authentication.publicKeys).toContain(discovery["jwks_uri"]);
  });

  test("Jane signs in through the registered callback and OpenMetadata accepts her ID token as jane.doe", async () => {
    const { authentication, authorizer } = spa.values.openmetadata.config;
    const discovery = await discover(spa);
    const { verifier, challenge } = pkcePair();
    const authorize = spaAuthorizeUrl(discovery, authentication.clientId, authentication.callbackUrl, challenge);
    const callback = await signIn(new Browser(), authorize, authentication.callbackUrl, AUTH0_JANE.id);
    expect(callback.searchParams.get("error")).toBeNull();

    const tokens = await postForm(discovery["token_endpoint"]!, {
      grant_type: "authorization_code",
      code: callback.searchParams.get("code")!,
      redirect_uri: authentication.callbackUrl,
      client_id: authentication.clientId,
      code_verifier: verifier,
    });
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
    expect(tokens.body["refresh_token"]).toBeTruthy();

    const login = await validateAsOpenMetadata(tokens.body["id_token"]!, authentication, spa.reachable, `${authentication.authority}/`);
    expect(login.verifiedBy).toBe(spa.outputs[spa.environment.stackId]!["jwks_uri"]);
    expect(login.claims["iss"]).toBe(`${authentication.authority}/`);
    expect(login.principal).toBe("jane.doe");
    expect(authorizer.initialAdmins).toContain(login.principal);
    expect(login.domain).toBe(authorizer.principalDomain);
  });

  test("the refresh token rotates: the renewed one works, the used one is refused", async () => {
    const { authentication } = spa.values.openmetadata.config;
    const discovery = await discover(spa);
    const { verifier, challenge } = pkcePair();
    const callback = await signIn(
      new Browser(),
      spaAuthorizeUrl(discovery, authentication.clientId, authentication.callbackUrl, challenge),
      authentication.callbackUrl,
      AUTH0_JANE.id,
    );
    const first = await postForm(discovery["token_endpoint"]!, {
      grant_type: "authorization_code",
      code: callback.searchParams.get("code")!,
      redirect_uri: authentication.callbackUrl,
      client_id: authentication.clientId,
      code_verifier: verifier,
    });
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

  test("an unregistered callback is refused before any sign-in", async () => {
    const { authentication } = spa.values.openmetadata.config;
    const { challenge } = pkcePair();
    const unregistered = `${spa.environment.openmetadataUrl}/evil-callback`;
    const response = await fetch(spaAuthorizeUrl(await discover(spa), authentication.clientId, unregistered, challenge), {
      redirect: "manual",
    });
    expect(response.headers.get("location")).toBeNull();
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, string>)["error"]).toBe("invalid_redirect_uri");
  });

  test("a login without a PKCE challenge is refused", async () => {
    const { authentication } = spa.values.openmetadata.config;
    const authorize = new URL((await discover(spa))["authorization_endpoint"]!);
    authorize.search = new URLSearchParams({
      client_id: authentication.clientId,
      redirect_uri: authentication.callbackUrl,
      response_type: "code",
      scope: "openid email",
      state: "s",
    }).toString();
    const callback = new URL((await fetch(authorize, { redirect: "manual" })).headers.get("location")!);
    expect(callback.href.startsWith(authentication.callbackUrl)).toBe(true);
    expect(callback.searchParams.get("error")).toBe("invalid_request");
  });

  test("the implicit grant is not registered: OpenMetadata's Auth0 UI never uses it", async () => {
    const { authentication } = spa.values.openmetadata.config;
    const authorize = new URL((await discover(spa))["authorization_endpoint"]!);
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
});

describe("the Auth0 Web app (confidential client, client_secret_post)", () => {
  test(
    "OpenMetadata's confidential client signs Jane in with the discovery " + "URI, scope, nonce and the secret of its Kubernetes Secret",
    async () => {
      const { authentication, authorizer } = web.values.openmetadata.config;
      const oidc = authentication.oidcConfiguration;
      if (!oidc.enabled) throw new Error("auth0-staging is expected to use the confidential client");
      expect(oidc.oidcType).toBe("auth0");
      // The values name the Secret; its data is what apply writes from the client and its credentials.
      expect(oidc.clientSecret.secretRef).toBe(SECRET_NAMES.oidcClientSecret.secretRef);
      const secret = web.oidcSecret!;
      const clientId = secret[oidc.clientId.secretKey]!;
      const clientSecret = secret[oidc.clientSecret.secretKey]!;
      expect(clientId).toBe(authentication.clientId);
      expect(clientSecret).toBe(web.auth0.clients.get("auth0_client.auth0_client")!.clientSecret);

      const discoveryResponse = await fetch(oidc.discoveryUri);
      const discovery = (await discoveryResponse.json()) as Record<string, string>;
      expect(discovery["issuer"]).toBe(`${authentication.authority}/`);
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
      const code = (await signIn(new Browser(), authorize.href, oidc.callbackUrl, AUTH0_JANE.id)).searchParams.get("code")!;
      expect(code).toBeTruthy();

      expect(oidc.clientAuthenticationMethod).toBe("client_secret_post");
      const tokens = await postForm(discovery["token_endpoint"]!, {
        grant_type: "authorization_code",
        code,
        redirect_uri: oidc.callbackUrl,
        client_id: clientId,
        client_secret: clientSecret,
      });
      expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);

      const login = await validateAsOpenMetadata(tokens.body["id_token"]!, authentication, web.reachable, `${authentication.authority}/`);
      expect(login.claims["nonce"]).toBe(nonce);
      expect(login.principal).toBe("jane.doe");
      expect(authorizer.initialAdmins).toContain(login.principal);
    },
  );

  test("a code cannot be redeemed without the client secret", async () => {
    const { authentication } = web.values.openmetadata.config;
    const discovery = await discover(web);
    const authorize = new URL(discovery["authorization_endpoint"]!);
    authorize.search = new URLSearchParams({
      client_id: authentication.clientId,
      redirect_uri: authentication.callbackUrl,
      response_type: "code",
      scope: "openid email",
      state: "s",
    }).toString();
    const code = (await signIn(new Browser(), authorize.href, authentication.callbackUrl, AUTH0_JANE.id)).searchParams.get("code")!;
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

  test("only the named connections sign in: a user of another connection of the tenant is refused", async () => {
    const { authentication } = web.values.openmetadata.config;
    expect([...web.auth0.clients.get("auth0_client.auth0_client")!.connections].sort()).toEqual([
      "Username-Password-Authentication",
      "google-oauth2",
    ]);
    const discovery = await discover(web);
    const authorize = new URL(discovery["authorization_endpoint"]!);
    authorize.search = new URLSearchParams({
      client_id: authentication.clientId,
      redirect_uri: authentication.callbackUrl,
      response_type: "code",
      scope: "openid email",
      state: "s",
    }).toString();
    const callback = await signIn(new Browser(), authorize.href, authentication.callbackUrl, BOB.id);
    expect(callback.searchParams.get("code")).toBeNull();
    expect(callback.searchParams.get("error")).toBe("access_denied");
  });

  test("only the Web flow has a client secret Secret; the SPA has no secret anywhere", () => {
    expect(Object.keys(web.oidcSecret ?? {}).sort()).toEqual(
      [SECRET_NAMES.oidcClientId.secretKey, SECRET_NAMES.oidcClientSecret.secretKey].sort(),
    );
    expect(spa.oidcSecret).toBeUndefined();
    expect(spa.auth0.clients.get("auth0_client.auth0_client")!.clientSecret).toBeUndefined();
  });
});
