import { createPrivateKey, randomBytes, randomUUID } from "node:crypto";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateSigningKey, type SigningKey } from "../lib/keys/signing-keys";
import { clientAssertion } from "../lib/verify/checks";
import { Browser, pkcePair, signIn } from "./support/browser-login";
import { validateAsOpenMetadata } from "./support/openmetadata-token-validator";
import { deploySso, JANE, type SsoDeployment } from "./support/sso-deployment";
import { resourceOf, fixtureStack } from "./support/synth";

// End-to-end logins against a certified OpenID Provider configured from the synthesized stacks:
// if a redirect URI, grant, client authentication, PKCE setting, claim or audience in the stack
// were wrong, these logins would fail the way they would against Okta.

let dev: SsoDeployment;
let staging: SsoDeployment;
let serviceKey: SigningKey;

beforeAll(async () => {
  serviceKey = await generateSigningKey({ kid: "login-test-service-key" });
  [dev, staging] = await Promise.all([deploySso("dev", { serviceAppKeys: [serviceKey.publicJwk] }), deploySso("staging")]);
});

afterAll(async () => {
  await Promise.all([dev?.close(), staging?.close()]);
});

async function discover(deployment: SsoDeployment): Promise<Record<string, string>> {
  const response = await fetch(`${deployment.okta.issuer}/.well-known/openid-configuration`);
  return (await response.json()) as Record<string, string>;
}

async function issuerKeys(deployment: SsoDeployment): Promise<ReturnType<typeof createLocalJWKSet>> {
  const response = await fetch(`${deployment.okta.issuer}/v1/keys`);
  return createLocalJWKSet((await response.json()) as JSONWebKeySet);
}

describe("the dev SPA (public client, authorization code with PKCE)", () => {
  test("Jane signs in through the registered callback and OpenMetadata accepts her ID token as jane.doe", async () => {
    const { authentication, authorizer } = dev.values.openmetadata.config;
    const discovery = await discover(dev);
    const { verifier, challenge } = pkcePair();
    const state = randomUUID();
    const nonce = randomUUID();
    // What OpenMetadata's UI sends: its clientId and callbackUrl from the values, OpenMetadata's login scopes.
    const authorize = new URL(discovery["authorization_endpoint"]!);
    authorize.search = new URLSearchParams({
      client_id: authentication.clientId,
      redirect_uri: authentication.callbackUrl,
      response_type: "code",
      scope: "openid profile email offline_access",
      state,
      nonce,
      code_challenge: challenge,
      code_challenge_method: "S256",
    }).toString();

    const callback = await signIn(new Browser(), authorize.href, authentication.callbackUrl, JANE.id);
    expect(callback.searchParams.get("error")).toBeNull();
    expect(callback.searchParams.get("state")).toBe(state);

    const tokenResponse = await fetch(discovery["token_endpoint"]!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: callback.searchParams.get("code")!,
        redirect_uri: authentication.callbackUrl,
        client_id: authentication.clientId,
        code_verifier: verifier,
      }),
    });
    const tokens = (await tokenResponse.json()) as Record<string, string>;
    expect(tokenResponse.status, JSON.stringify(tokens)).toBe(200);

    const login = await validateAsOpenMetadata(tokens["id_token"]!, authentication, dev.reachable);
    expect(login.claims["nonce"]).toBe(nonce);
    expect(login.verifiedBy).toBe(dev.outputs[dev.environment.stackId]!["jwks_uri"]);
    expect(login.principal).toBe("jane.doe");
    expect(authorizer.initialAdmins).toContain(login.principal);
    expect(login.domain).toBe(authorizer.principalDomain);

    // The access token is for the authorization server's audience and carries the email claim too.
    const { payload } = await jwtVerify(tokens["access_token"]!, await issuerKeys(dev), {
      issuer: authentication.authority,
      audience: authentication.clientId,
    });
    expect(payload["email"]).toBe(JANE.profile["email"]);
  });

  test("a login without a PKCE challenge is refused", async () => {
    const { authentication } = dev.values.openmetadata.config;
    const authorize = new URL((await discover(dev))["authorization_endpoint"]!);
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

describe("the staging Web app (confidential client)", () => {
  test(
    "OpenMetadata's confidential client signs Jane in with the discovery " + "URI, scope, nonce and secret posting of its values",
    async () => {
      const { authentication, authorizer } = staging.values.openmetadata.config;
      const oidc = authentication.oidcConfiguration;
      if (!oidc.enabled) throw new Error("staging is expected to use the confidential client");
      const client = staging.okta.clients.get("okta_app_oauth.okta_oidc-app_app")!;
      // The values name the Kubernetes Secret; the secret itself comes from Okta (here: the test org).
      const discovery = (await (await fetch(oidc.discoveryUri)).json()) as Record<string, string>;
      const nonce = randomUUID();
      const authorize = new URL(discovery["authorization_endpoint"]!);
      authorize.search = new URLSearchParams({
        client_id: authentication.clientId,
        redirect_uri: oidc.callbackUrl,
        response_type: oidc.responseType,
        scope: oidc.scope,
        state: "s",
        ...(oidc.useNonce ? { nonce } : {}),
      }).toString();
      const code = (await signIn(new Browser(), authorize.href, oidc.callbackUrl, JANE.id)).searchParams.get("code")!;
      expect(code).toBeTruthy();

      // oidc-provider takes a posted secret and Basic alike, Okta only the registered method: so compare them here.
      expect(oidc.clientAuthenticationMethod).toBe(
        resourceOf(fixtureStack("staging").json, "okta_app_oauth", "okta_oidc-app_app")["token_endpoint_auth_method"],
      );
      const response = await fetch(discovery["token_endpoint"]!, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: oidc.callbackUrl,
          client_id: client.clientId,
          client_secret: client.clientSecret!,
        }),
      });
      const tokens = (await response.json()) as Record<string, string>;
      expect(response.status, JSON.stringify(tokens)).toBe(200);

      const login = await validateAsOpenMetadata(tokens["id_token"]!, authentication, staging.reachable);
      expect(login.claims["nonce"]).toBe(nonce);
      expect(login.principal).toBe("jane.doe");
      expect(authorizer.initialAdmins).toContain(login.principal);
    },
  );

  test("a code cannot be redeemed without the client secret", async () => {
    const { authentication } = staging.values.openmetadata.config;
    const discovery = await discover(staging);
    const authorize = new URL(discovery["authorization_endpoint"]!);
    authorize.search = new URLSearchParams({
      client_id: authentication.clientId,
      redirect_uri: authentication.callbackUrl,
      response_type: "code",
      scope: "openid email",
      state: "s",
    }).toString();
    const code = (await signIn(new Browser(), authorize.href, authentication.callbackUrl, JANE.id)).searchParams.get("code")!;
    const response = await fetch(discovery["token_endpoint"]!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: authentication.callbackUrl,
        client_id: authentication.clientId,
        client_secret: randomBytes(24).toString("base64url"),
      }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as Record<string, string>)["error"]).toBe("invalid_client");
  });
});

describe("the dev service app (client_credentials with private_key_jwt)", () => {
  test("a key made by generateSigningKey gets an access token for OpenMetadata's audience with the default scope", async () => {
    const discovery = await discover(dev);
    const outputs = dev.outputs[dev.environment.stackId]!;
    const serviceClientId = outputs["service_app_client_id"]!;
    // verify's own assertion: the test proves what `npm run verify` sends gets a token.
    const assertion = await clientAssertion(
      { clientId: serviceClientId, kid: serviceKey.kid, privateKey: createPrivateKey(serviceKey.privatePkcs8Pem) },
      discovery["token_endpoint"]!,
    );
    const response = await fetch(discovery["token_endpoint"]!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        scope: "openmetadata",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      }),
    });
    const tokens = (await response.json()) as Record<string, string>;
    expect(response.status, JSON.stringify(tokens)).toBe(200);

    const accessToken = tokens["access_token"]!;
    expect(decodeProtectedHeader(accessToken).alg).toBe("RS256");
    const { payload } = await jwtVerify(accessToken, await issuerKeys(dev), {
      issuer: outputs["issuer_url"],
      audience: outputs["client_id"],
    });
    expect(String(payload["scope"]).split(" ")).toEqual(["openmetadata"]);
    expect(payload["client_id"]).toBe(serviceClientId);
  });
});
