import { randomUUID } from "node:crypto";
import { createLocalJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JSONWebKeySet, type JWK } from "jose";
import { displayPath } from "../config/load-environments";
import { DEFAULT_SCOPE_NAME } from "../openmetadata-urls";
import { withoutKeysAndTokens } from "../secret-shape";
import { DEFAULT_HTTP_SETTINGS, getJson, HttpProblem, postForm, type HttpSettings } from "./http";
import { identityProvider } from "../identity-providers/by-name";
import { discoveryUriFor, jwksUriFor, withoutTrailingSlash, type IdentityProviderConventions } from "../identity-providers/conventions";
import { OKTA } from "../identity-providers/okta";
import type { ServiceAppCredentials, VerifyTarget } from "./target";

/**
 * The post-deploy SSO health check: five checks against the live issuer and OpenMetadata, each
 * with a one-line fix. Pure apart from the injected HTTP; tokens and keys never reach a result.
 */

export type CheckId = "issuer-discovery" | "issuer-keys" | "openmetadata-auth-config" | "openmetadata-jwks" | "service-app-token";
export type CheckStatus = "pass" | "fail" | "skip";

export interface CheckResult {
  readonly id: CheckId;
  readonly name: string;
  readonly status: CheckStatus;
  readonly detail: string;
  /** What to do about a failure; null unless the check failed. */
  readonly hint: string | null;
}

export interface VerifyReport {
  readonly environment: string;
  readonly ok: boolean;
  readonly checks: readonly CheckResult[];
}

export const CHECK_NAMES: Record<CheckId, string> = {
  "issuer-discovery": "Issuer discovery",
  "issuer-keys": "Issuer signing keys",
  "openmetadata-auth-config": "OpenMetadata SSO settings",
  "openmetadata-jwks": "OpenMetadata signing key",
  "service-app-token": "Service app token",
};

const HELP = "help/verify.md";

/** What to do about each failure, in the words of the environment's identity provider. */
export function verifyHints(provider: IdentityProviderConventions) {
  const { displayName: name, signInLibrary: library, keysPath, wording } = provider;
  return {
    issuerUnreachable:
      `Check the issuer URL (the issuer_url output), DNS and any proxy or ` +
      `firewall between here and ${name}; see ${HELP}#issuer-discovery`,
    issuerNotFound:
      `No ${wording.issuerKind} answers at this issuer: use the issuer_url output ` +
      `exactly and ${wording.issuerFoundCheck}; see ${HELP}#issuer-discovery`,
    auth0IssuerMismatch:
      `Make OpenMetadata's authority https://DOMAIN with no trailing slash (${name}'s issuer adds it), DOMAIN ` +
      `being the tenant or custom domain that issues the tokens; see ${HELP}#auth0-issuer`,
    issuerOutage:
      `${name} answered with a server error: an outage or a transient fault on ${name}'s side, not a configuration ` +
      `error; check ${provider.statusPage} and run verify again later; see ${HELP}#issuer-discovery`,
    issuerMismatch:
      `The discovery document at the authority names another issuer, and the UI (${library}) ` +
      `accepts only ID tokens whose iss is that issuer: set the authority to the issuer_url output` +
      `${wording.issuerSettingAdvice}; see ${HELP}#issuer-discovery`,
    discoveryTrailingSlash:
      `Discovery reports the issuer with a trailing slash the authority does not have, so ${library} refuses every ID ` +
      `token ("issuer does not match"); OpenMetadata's authority cannot fix that: correct what serves the discovery ` +
      `document (the ${wording.issuerKind}, or a proxy rewriting it); see ${HELP}#issuer-discovery`,
    keysUnusable:
      `The issuer serves no RS256 signing key OpenMetadata can use; check ` +
      `${wording.signingKeysPlace}; see ${HELP}#issuer-signing-keys`,
    foreignKeys:
      `List the issuer's own keys URL ({issuer}${keysPath}) in OpenMetadata's publicKeys, not another ${wording.issuerKind}` +
      `'s, or logins fail with "No key found with kid" (#2773); see ${HELP}#issuer-signing-keys`,
    keysMoved:
      `Discovery publishes the issuer's keys at its jwks_uri, no longer at {issuer}${keysPath} which OpenMetadata's ` +
      `publicKeys lists: add the discovered jwks_uri to publicKeys (Settings > Security, or PUT ` +
      `/api/v1/system/security/config), since the stack derives {issuer}${keysPath}; see ${HELP}#issuer-signing-keys`,
    openmetadataUnreachable:
      `Check --openmetadata-url (or the openmetadata_url output), the ingress and that the pods are ` +
      `ready; /api/v1/system/config/auth needs no login; see ${HELP}#openmetadata-sso-settings`,
    staleSettings:
      `OpenMetadata serves SSO settings stored in its database, which win over new Helm values (#31786, #29597): see the difference ` +
      `with npm run sso-sync, write it with --apply (PUT /api/v1/system/security/config); see ${HELP}#stale-sso-settings`,
    callbackMismatch:
      `Set OpenMetadata's callbackUrl to {openmetadataUrl}/callback, ${wording.redirectUriPlace} (stored settings win over Helm ` +
      `values: npm run sso-sync --apply, or PUT /api/v1/system/security/config); see ${HELP}#openmetadata-sso-settings`,
    openmetadataKey:
      `OpenMetadata does not sign with the configured key: mount the jwt-keys Secret and set jwtTokenConfiguration.keyId, and ` +
      `keep OpenMetadata's own /api/v1/system/config/jwks first in publicKeys; see ${HELP}#openmetadata-signing-key`,
    serviceAppRejected:
      `${name} refused the service app: check that the key's kid is in ${wording.serviceKeysPlace}, that ${wording.serviceGrantPlace} ` +
      `and that the scope "${DEFAULT_SCOPE_NAME}" exists; see ${HELP}#service-app-token`,
    serviceTokenInvalid: `The service app's access token would be rejected: check ${wording.serviceTokenChecks}; see ${HELP}#service-app-token`,
  } as const;
}

export type VerifyHints = ReturnType<typeof verifyHints>;

/** Okta's hints; verifyHints gives any provider's. */
export const HINTS: VerifyHints = verifyHints(OKTA);

const hintsFor = (target: VerifyTarget): VerifyHints => verifyHints(identityProvider(target.provider));

export interface VerifyOptions {
  readonly http?: Partial<HttpSettings>;
}

interface Discovery {
  readonly issuer: string;
  readonly jwksUri?: string;
  readonly tokenEndpoint?: string;
}

export async function runVerify(target: VerifyTarget, options: VerifyOptions = {}): Promise<VerifyReport> {
  const http: HttpSettings = { ...DEFAULT_HTTP_SETTINGS, ...options.http };
  // The OpenMetadata checks need nothing from the issuer, so they run while it is being asked.
  const openmetadataChecks = Promise.all([checkOpenMetadataAuthConfig(target, http), checkOpenMetadataJwks(target, http)]);

  const discovery = await checkIssuerDiscovery(target, http);
  const keys = discovery.document
    ? await checkIssuerKeys(target, discovery.document, http)
    : { result: skipped("issuer-keys", "needs the issuer's discovery document") };
  let serviceApp: CheckResult;
  if ("skipReason" in target.serviceApp) serviceApp = skipped("service-app-token", target.serviceApp.skipReason);
  else if (discovery.document && keys.issuerJwks)
    serviceApp = await checkServiceAppToken(target, target.serviceApp, discovery.document, keys.issuerJwks, http);
  else serviceApp = skipped("service-app-token", "needs the issuer's discovery document and keys");

  const checks = [discovery.result, keys.result, ...(await openmetadataChecks), serviceApp];
  return { environment: target.environment, ok: checks.every((check) => check.status !== "fail"), checks };
}

async function checkIssuerDiscovery(target: VerifyTarget, http: HttpSettings): Promise<{ result: CheckResult; document?: Discovery }> {
  const id = "issuer-discovery";
  const provider = identityProvider(target.provider);
  const hints = hintsFor(target);
  // Discovery appends to the issuer without its trailing slash, as the sign-in libraries do, so a slash in the authority does not end in a 404.
  const url = discoveryUriFor(target.authority);
  const answer = await getJsonObject(url, http);
  if ("problem" in answer) return { result: failed(id, answer.problem, issuerHint(answer.status, hints)) };
  const { body } = answer;
  if (typeof body["issuer"] !== "string")
    return { result: failed(id, `${url} is not an OpenID Provider configuration (no "issuer")`, hints.issuerNotFound) };
  const document: Discovery = {
    issuer: body["issuer"],
    ...(typeof body["jwks_uri"] === "string" ? { jwksUri: body["jwks_uri"] } : {}),
    ...(typeof body["token_endpoint"] === "string" ? { tokenEndpoint: body["token_endpoint"] } : {}),
  };
  // The UI's library either strips the authority's trailing slashes and then trusts discovery's issuer, or expects
  // the authority plus "/" (lib/identity-providers, authoritySlash). OpenMetadata's JwtFilter never checks iss.
  if (document.issuer !== target.expectedIssuer) {
    if (provider.authoritySlash === "appended") {
      const detail =
        `discovery reports issuer ${JSON.stringify(document.issuer)} but OpenMetadata's authority is ` +
        `${JSON.stringify(target.authority)} (expecting issuer ${JSON.stringify(target.expectedIssuer)}); token "iss" would ` +
        `not match`;
      return { document, result: failed(id, detail, hints.auth0IssuerMismatch) };
    }
    const onlySlash = withoutTrailingSlash(document.issuer) === target.expectedIssuer;
    const detail =
      `discovery reports issuer ${JSON.stringify(document.issuer)} but OpenMetadata's authority is ` +
      `${JSON.stringify(target.authority)}; the UI (${provider.signInLibrary}) checks ID tokens' iss against the discovery issuer`;
    return { document, result: failed(id, detail, onlySlash ? hints.discoveryTrailingSlash : hints.issuerMismatch) };
  }
  const slash =
    provider.authoritySlash === "stripped" && target.expectedIssuer !== target.authority
      ? ` (the authority's trailing slash is harmless: ${provider.signInLibrary} strips it)`
      : "";
  return { document, result: passed(id, `issuer ${document.issuer}${slash}`) };
}

async function checkIssuerKeys(
  target: VerifyTarget,
  discovery: Discovery,
  http: HttpSettings,
): Promise<{ result: CheckResult; issuerJwks?: JSONWebKeySet }> {
  const id = "issuer-keys";
  const provider = identityProvider(target.provider);
  const hints = hintsFor(target);
  if (!discovery.jwksUri) return { result: failed(id, "the discovery document has no jwks_uri", hints.keysUnusable) };
  const answer = await getJsonObject(discovery.jwksUri, http);
  if ("problem" in answer)
    return {
      result: failed(id, answer.problem, answer.status !== undefined && answer.status >= 500 ? hints.issuerOutage : hints.keysUnusable),
    };
  const issuerJwks = asJwks(answer.body);
  const signingKids = issuerJwks.keys.filter(isRs256SigningKey).map((key) => String(key.kid ?? "(no kid)"));
  if (signingKids.length === 0)
    return { result: failed(id, `${discovery.jwksUri} serves no RSA key for RS256 signatures`, hints.keysUnusable) };

  if (discovery.jwksUri !== target.jwksUri) {
    const listedKids = await kidsServedAt(target.jwksUri, http);
    let served = `which serves none of the issuer's key ids (${signingKids.join(", ")})`;
    if (listedKids === undefined) served = "which could not be read";
    else if (listedKids.some((kid) => signingKids.includes(kid))) served = "which serves some of the issuer's keys";
    // When publicKeys already lists the issuer's own keys URL, the keys moved: the #2773 hint would ask for what is there.
    const listsIssuerKeys = target.jwksUri === jwksUriFor(provider, discovery.issuer);
    return {
      issuerJwks,
      result: failed(
        id,
        `the issuer's keys are at ${discovery.jwksUri} but OpenMetadata's publicKeys lists ${target.jwksUri}, ${served}`,
        listsIssuerKeys ? hints.keysMoved : hints.foreignKeys,
      ),
    };
  }
  return {
    issuerJwks,
    result: passed(id, `${discovery.jwksUri} serves RS256 key${signingKids.length === 1 ? "" : "s"} ${signingKids.join(", ")}`),
  };
}

async function checkOpenMetadataAuthConfig(target: VerifyTarget, http: HttpSettings): Promise<CheckResult> {
  const id = "openmetadata-auth-config";
  const hints = hintsFor(target);
  const answer = await getJsonObject(`${target.openmetadataUrl}/api/v1/system/config/auth`, http);
  if ("problem" in answer) return failed(id, answer.problem, hints.openmetadataUnreachable);
  const served = answer.body;

  const expectedIdentity: [field: string, expected: string | undefined][] = [
    ["provider", target.provider],
    ["clientType", target.clientType],
    ["clientId", target.clientId],
    ["authority", target.authority],
  ];
  // The authority's trailing slash is harmless (stripped, or added by the library itself), so it is not stale.
  const comparable = (field: string, value: unknown) =>
    field === "authority" && typeof value === "string" ? withoutTrailingSlash(value) : value;
  const differs = ([field, expected]: [string, string | undefined]) =>
    expected !== undefined && comparable(field, served[field]) !== comparable(field, expected);
  const describe = ([field, expected]: [string, string | undefined]) =>
    `${field} is ${JSON.stringify(served[field] ?? null)}, expected ${JSON.stringify(expected)}`;
  const staleFields = expectedIdentity.filter(differs);
  const callback: [string, string] = ["callbackUrl", target.callbackUrl];
  const callbackDiffers = differs(callback);

  // /config/auth nulls oidcConfiguration, whose callbackUrl is the one the confidential flow sends to the identity provider.
  const blindSpot =
    target.clientType === "confidential" ? "; oidcConfiguration.callbackUrl is not served without login: npm run sso-sync checks it" : "";
  if (staleFields.length === 0 && !callbackDiffers)
    return passed(
      id,
      `provider ${target.provider}, clientId ${target.clientId}, authority ` +
        `${target.authority}, callbackUrl ${target.callbackUrl}${blindSpot}`,
    );
  const problems = [...staleFields, ...(callbackDiffers ? [callback] : [])].map(describe).join("; ");
  const fixes = [...(staleFields.length > 0 ? [hints.staleSettings] : []), ...(callbackDiffers ? [hints.callbackMismatch] : [])];
  return failed(id, problems, fixes.join(". "));
}

async function checkOpenMetadataJwks(target: VerifyTarget, http: HttpSettings): Promise<CheckResult> {
  const id = "openmetadata-jwks";
  const hints = hintsFor(target);
  if (target.jwtKeyId === undefined) return skipped(id, "no jwt_key_id output: this stack does not deploy OpenMetadata");
  const url = `${target.openmetadataUrl}/api/v1/system/config/jwks`;
  const answer = await getJsonObject(url, http);
  if ("problem" in answer) return failed(id, answer.problem, hints.openmetadataUnreachable);
  const kids = asJwks(answer.body).keys.map((key) => String(key.kid ?? "(no kid)"));
  if (!kids.includes(target.jwtKeyId)) {
    return failed(
      id,
      `${url} serves ${kids.length === 0 ? "no keys" : `key ids ${kids.join(", ")}`}, not ${target.jwtKeyId}`,
      hints.openmetadataKey,
    );
  }
  return passed(id, `${url} serves key id ${target.jwtKeyId}`);
}

async function checkServiceAppToken(
  target: VerifyTarget,
  serviceApp: ServiceAppCredentials,
  discovery: Discovery,
  issuerJwks: JSONWebKeySet,
  http: HttpSettings,
): Promise<CheckResult> {
  const id = "service-app-token";
  const hints = hintsFor(target);
  if (!discovery.tokenEndpoint) return failed(id, "the discovery document has no token_endpoint", hints.serviceAppRejected);

  let answer;
  try {
    answer = await postForm(
      discovery.tokenEndpoint,
      {
        grant_type: "client_credentials",
        scope: DEFAULT_SCOPE_NAME,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await clientAssertion(serviceApp, discovery.tokenEndpoint),
      },
      http,
    );
  } catch (error) {
    return failed(id, oneLine(error), hints.issuerUnreachable);
  }
  const body = isPlainObject(answer.body) ? answer.body : {};
  if (answer.status !== 200 || typeof body["access_token"] !== "string") {
    const reason = [body["error"], body["error_description"]].filter((part) => typeof part === "string").join(": ");
    const unlisted = serviceApp.unlistedIn ? `; the private key matches no key of ${displayPath(serviceApp.unlistedIn)}` : "";
    return failed(
      id,
      `the token endpoint answered HTTP ${answer.status}` +
        `${reason ? ` (${reason})` : " without an access token"} for client ${serviceApp.clientId} with ` +
        `key ${serviceApp.kid}${unlisted}`,
      hints.serviceAppRejected,
    );
  }

  try {
    const { payload } = await jwtVerify(body["access_token"], createLocalJWKSet(issuerJwks), {
      issuer: discovery.issuer,
      audience: target.clientId,
      algorithms: ["RS256"],
      requiredClaims: ["exp"],
    });
    // Okta lists scopes in `scp`; RFC 9068 tokens (Auth0) in a space-separated `scope`.
    let scopes: string[] = [];
    if (Array.isArray(payload["scp"])) scopes = payload["scp"].map(String);
    else if (typeof payload["scope"] === "string") scopes = payload["scope"].split(" ");
    if (!scopes.includes(DEFAULT_SCOPE_NAME)) {
      return failed(id, `the access token's scopes (${scopes.join(", ") || "none"}) lack ${DEFAULT_SCOPE_NAME}`, hints.serviceTokenInvalid);
    }
    return passed(
      id,
      `client_credentials token for ${serviceApp.clientId} (key ${serviceApp.kid}): RS256, iss ` +
        `${discovery.issuer}, aud ${target.clientId}, scope ${DEFAULT_SCOPE_NAME}`,
    );
  } catch (error) {
    // jose's messages name the claim or key problem, never the token itself.
    const reason = error instanceof joseErrors.JOSEError ? `${error.code}: ${error.message}` : oneLine(error);
    return failed(id, `the access token does not validate against the issuer's keys (${reason})`, hints.serviceTokenInvalid);
  }
}

/** Why the issuer did not answer: no answer at all, an outage (5xx), or not found. */
function issuerHint(status: number | undefined, hints: VerifyHints): string {
  if (status === undefined) return hints.issuerUnreachable;
  return status >= 500 ? hints.issuerOutage : hints.issuerNotFound;
}

/** RFC 7523 private_key_jwt: iss = sub = client id, aud = the token endpoint, single-use jti, short life. */
export function clientAssertion(serviceApp: ServiceAppCredentials, tokenEndpoint: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", kid: serviceApp.kid })
    .setIssuer(serviceApp.clientId)
    .setSubject(serviceApp.clientId)
    .setAudience(tokenEndpoint)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime("2m")
    .sign(serviceApp.privateKey);
}

async function kidsServedAt(url: string, http: HttpSettings): Promise<string[] | undefined> {
  const answer = await getJsonObject(url, http);
  return "problem" in answer ? undefined : asJwks(answer.body).keys.map((key) => String(key.kid ?? ""));
}

/** A JSON object from a 200 answer, or a one-line problem (with the status when the server answered). */
async function getJsonObject(
  url: string,
  http: HttpSettings,
): Promise<{ body: Record<string, unknown> } | { problem: string; status?: number }> {
  try {
    const { status, body } = await getJson(url, http);
    if (status !== 200) return { problem: `GET ${url} answered HTTP ${status}`, status };
    if (!isPlainObject(body)) return { problem: `GET ${url} did not answer a JSON object`, status };
    return { body };
  } catch (error) {
    if (error instanceof HttpProblem) return { problem: error.message };
    throw error;
  }
}

/** Keeps the object members of `keys`; jose checks each key's members when it uses the key. */
function asJwks(body: Record<string, unknown>): JSONWebKeySet {
  const keys = Array.isArray(body["keys"]) ? body["keys"].filter(isPlainObject) : [];
  return { keys: keys as JWK[] };
}

function isRs256SigningKey(key: JWK): boolean {
  return key.kty === "RSA" && (key.alg === undefined || key.alg === "RS256") && (key.use === undefined || key.use === "sig");
}

const passed = (id: CheckId, detail: string): CheckResult => ({ id, name: CHECK_NAMES[id], status: "pass", detail, hint: null });
// A failure's detail may quote a server's answer, which can echo the client assertion or a token we sent.
const failed = (id: CheckId, detail: string, hint: string): CheckResult => ({
  id,
  name: CHECK_NAMES[id],
  status: "fail",
  detail: withoutKeysAndTokens(detail),
  hint,
});
const skipped = (id: CheckId, detail: string): CheckResult => ({ id, name: CHECK_NAMES[id], status: "skip", detail, hint: null });

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, " ");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
