/**
 * Signing a user in to OpenMetadata through its identity provider as a browser would: the authorization
 * code flow OpenMetadata's UI runs for a public client (SPA: PKCE, no secret) or its server runs for a
 * confidential one (Web: the client secret), through the dev sign-in pages of the local Okta org or Auth0
 * tenant, then the checks OpenMetadata's server makes of the ID token.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose";
import type { AuthenticationSettings, DeployedSso } from "./openmetadata";

/** A user's browser, reduced to what a sign-in needs: cookies, manual redirects and submitting forms. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  /** `fetch` of the requests; e.g. one that reaches a public URL locally. */
  constructor(private readonly reach: (url: string) => string = (url) => url) {}

  async request(url: string, form?: Record<string, string>): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers["cookie"] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(this.reach(url), {
      method: form ? "POST" : "GET",
      headers,
      body: form && new URLSearchParams(form).toString(),
      redirect: "manual",
    });
    for (const cookie of response.headers.getSetCookie()) this.store(cookie);
    return response;
  }

  /** One host only, so paths and domains can be ignored; an expired cookie is a deletion. */
  private store(setCookie: string): void {
    const [pair = "", ...attributes] = setCookie.split(";");
    const separator = pair.indexOf("=");
    const name = pair.slice(0, separator).trim();
    const expired = attributes.some((attribute) => {
      const [key = "", value = ""] = attribute.trim().split("=");
      return (
        (key.toLowerCase() === "expires" && Date.parse(value) <= Date.now()) || (key.toLowerCase() === "max-age" && Number(value) <= 0)
      );
    });
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, pair.slice(separator + 1).trim());
  }
}

/**
 * Follows an authorization request through the sign-in page (and consent, when prompted) until the
 * identity provider redirects to `redirectUri`; returns that redirect, which carries the code or the error.
 * The local services' sign-in page takes the user's id as the login and checks no password.
 */
export async function followSignIn(browser: Browser, authorizationUrl: string, redirectUri: string, login: string): Promise<URL> {
  let url = authorizationUrl;
  let form: Record<string, string> | undefined;
  for (let step = 0; step < 10; step++) {
    const response = await browser.request(url, form);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUri)) return next;
      [url, form] = [next.href, undefined];
      continue;
    }
    const page = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !prompt || !action)
      throw new Error(`unexpected HTTP ${response.status} at ${url}: ${page.slice(0, 500)}`);
    url = new URL(action.replaceAll("&amp;", "&"), url).href;
    form = prompt === "login" ? { prompt, login, password: "not-checked" } : { prompt };
  }
  throw new Error(`no redirect to ${redirectUri} after 10 steps`);
}

/** RFC 7636 S256. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** What OpenMetadata's server makes of an ID token it accepts. */
export interface OpenMetadataLogin {
  /** The user name: the first `jwtPrincipalClaims` claim present, up to its `@`. */
  readonly principal: string;
  /** The email's domain, compared with the authorizer's principalDomain. */
  readonly domain: string | undefined;
  /** The publicKeys URL whose key verified the token. */
  readonly verifiedBy: string;
  readonly claims: JWTPayload;
}

/**
 * What OpenMetadata's server does with the ID token the UI sends: find the signing key in one of the
 * `publicKeys` URLs, check issuer and audience = clientId, then take the user name from the first
 * `jwtPrincipalClaims` claim present. `issuer` defaults to the authority (Okta: the same string); Auth0's
 * tokens carry the authority with a trailing slash, which auth0-spa-js expects as `${domain}/`.
 */
export async function validateAsOpenMetadata(
  idToken: string,
  authentication: Pick<AuthenticationSettings, "publicKeys" | "authority" | "clientId" | "jwtPrincipalClaims">,
  reachable: (url: string) => string = (url) => url,
  issuer: string = authentication.authority,
): Promise<OpenMetadataLogin> {
  for (const keysUrl of authentication.publicKeys) {
    const response = await fetch(reachable(keysUrl));
    if (!response.ok) throw new Error(`publicKeys ${keysUrl} answered HTTP ${response.status}`);
    const keys = createLocalJWKSet((await response.json()) as JSONWebKeySet);
    try {
      const { payload } = await jwtVerify(idToken, keys, { issuer, audience: authentication.clientId, algorithms: ["RS256"] });
      return { ...principalOf(payload, authentication.jwtPrincipalClaims), verifiedBy: keysUrl, claims: payload };
    } catch (error) {
      // The key is in another URL of the list; any other failure is a rejection.
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
    }
  }
  throw new Error(`No key found with kid: none of publicKeys (${authentication.publicKeys.join(", ")}) holds the token's signing key`);
}

function principalOf(payload: JWTPayload, principalClaims: readonly string[]): { principal: string; domain: string | undefined } {
  const claim = principalClaims.find((name) => typeof payload[name] === "string");
  if (!claim) throw new Error(`the token has none of the principal claims ${principalClaims.join(", ")}`);
  const [principal = "", domain] = String(payload[claim]).split("@");
  return { principal, domain };
}

export interface SignInOptions {
  /** What the deployed OpenMetadata was configured with (LocalOpenMetadata.sso()). */
  readonly sso: DeployedSso;
  /** The user's id, which the local sign-in page takes as the login. */
  readonly login: string;
  /** Where a URL is reached from here (LocalOpenMetadata.reachable for OpenMetadata's own URLs). @default unchanged */
  readonly reachable?: (url: string) => string;
}

export interface OpenMetadataSignIn extends OpenMetadataLogin {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Whether the principal is among the authorizer's initialAdmins. */
  readonly admin: boolean;
}

/** OpenMetadata's UI asks these of Okta and Auth0 (its scope for the SPA flow; auth0-react adds offline_access itself). */
const UI_SCOPE = "openid profile email offline_access";

/**
 * Signs `login` in the way the deployed OpenMetadata would, and checks the ID token as its server does:
 * signature by a publicKeys key, issuer, audience, nonce, principal claim, and the principal domain when
 * the authorizer enforces it. Throws with the identity provider's error when the sign-in is refused.
 */
export async function signInToOpenMetadata(options: SignInOptions): Promise<OpenMetadataSignIn> {
  const { authentication, authorizer, oidcClient } = options.sso;
  const reachable = options.reachable ?? ((url: string) => url);
  const oidc = authentication.oidcConfiguration;
  const authority = authentication.authority.replace(/\/+$/, "");
  const issuer = authentication.provider === "auth0" ? `${authority}/` : authority;
  const confidential = oidc.enabled && authentication.clientType === "confidential";
  if (confidential && !oidcClient)
    throw new Error("a confidential client signs in with the client secret of its Secret; the deployment has none");

  const discoveryUrl = confidential ? oidc.discoveryUri : `${authority}/.well-known/openid-configuration`;
  const discoveryResponse = await fetch(reachable(discoveryUrl));
  if (!discoveryResponse.ok) throw new Error(`discovery ${discoveryUrl} answered HTTP ${discoveryResponse.status}`);
  const discovery = (await discoveryResponse.json()) as Record<string, string>;

  const clientId = confidential ? oidcClient!.id : authentication.clientId;
  const redirectUri = confidential ? oidc.callbackUrl : authentication.callbackUrl;
  const pkce = !confidential || !oidc.disablePkce ? pkcePair() : undefined;
  const nonce = randomUUID();
  const state = randomUUID();
  const authorize = new URL(discovery["authorization_endpoint"]!);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: confidential ? oidc.responseType : "code",
    scope: confidential ? oidc.scope : UI_SCOPE,
    state,
    ...(!confidential || oidc.useNonce ? { nonce } : {}),
    ...(pkce ? { code_challenge: pkce.challenge, code_challenge_method: "S256" } : {}),
  }).toString();
  const callback = await followSignIn(new Browser(reachable), authorize.href, redirectUri, options.login);
  const error = callback.searchParams.get("error");
  if (error)
    throw new Error(`the sign-in of ${options.login} was refused: ${error} (${callback.searchParams.get("error_description") ?? ""})`);
  if (callback.searchParams.get("state") !== state) throw new Error("the callback's state is not the one sent");

  const form: Record<string, string> = {
    grant_type: "authorization_code",
    code: callback.searchParams.get("code") ?? "",
    redirect_uri: redirectUri,
    client_id: clientId,
    ...(pkce ? { code_verifier: pkce.verifier } : {}),
  };
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (confidential && oidc.clientAuthenticationMethod === "client_secret_basic") {
    headers["authorization"] =
      `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(oidcClient!.secret)}`).toString("base64")}`;
  } else if (confidential) {
    form["client_secret"] = oidcClient!.secret;
  }
  const tokenResponse = await fetch(reachable(discovery["token_endpoint"]!), { method: "POST", headers, body: new URLSearchParams(form) });
  const tokens = (await tokenResponse.json()) as Record<string, string>;
  // The error's code and description only: a token response never carries a secret, but nothing of it is echoed beyond these.
  if (!tokenResponse.ok)
    throw new Error(`the token request answered HTTP ${tokenResponse.status}: ${tokens["error"]} (${tokens["error_description"] ?? ""})`);
  const idToken = tokens["id_token"];
  const accessToken = tokens["access_token"];
  if (!idToken || !accessToken) throw new Error("the token response has no ID token or no access token");

  const login = await validateAsOpenMetadata(idToken, authentication, reachable, issuer);
  if (login.claims["nonce"] !== nonce) throw new Error("the ID token's nonce is not the one sent");
  if (authorizer.enforcePrincipalDomain && login.domain !== authorizer.principalDomain)
    throw new Error(`the principal's domain ${login.domain ?? "(none)"} is not the principalDomain ${authorizer.principalDomain}`);
  return {
    ...login,
    idToken,
    accessToken,
    ...(tokens["refresh_token"] ? { refreshToken: tokens["refresh_token"] } : {}),
    admin: authorizer.initialAdmins.includes(login.principal),
  };
}
