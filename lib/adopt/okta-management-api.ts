import { randomUUID } from "node:crypto";
import { UserError } from "../errors";
import { readFileSync } from "node:fs";
import { pathProblem } from "../cli-usage";
import { decodeUtf8 } from "../text/file-text";
import { encryptedPemProblem } from "../keys/pem-shape";
import { withoutKeysAndTokens } from "../secret-shape";

/**
 * A read-only client of the Okta management API, authenticated like the okta/okta provider: an
 * OAuth service app with a private key (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY,
 * OKTA_API_PRIVATE_KEY_ID, OKTA_API_SCOPES) or a legacy API token (OKTA_API_TOKEN). Nothing it
 * prints or throws contains a credential.
 */

/** Bad input the user can fix (a missing variable, an unusable key); the message says which. */
export class AdoptUsageError extends UserError {
  override name = "AdoptUsageError";
}

/** Okta answered something the tool cannot use; the message names the request, never a credential. */
export class OktaApiError extends Error {
  override name = "OktaApiError";

  constructor(message: string) {
    // Built from Okta's answers, which may quote what was sent (the client assertion, a token): never shown.
    super(withoutKeysAndTokens(message));
  }
}

export type OktaCredentials =
  | { readonly kind: "api-token"; readonly token: string }
  | {
      readonly kind: "private-key";
      readonly clientId: string;
      readonly privateKeyPem: string;
      readonly keyId?: string;
      readonly scopes: readonly string[];
    };

/** Scopes adopt reads with; the provider's app has them already (help/okta-requirements.md). */
export const ADOPT_READ_SCOPES = ["okta.apps.read", "okta.authorizationServers.read", "okta.trustedOrigins.read"] as const;

/**
 * OKTA_API_PRIVATE_KEY holds the PEM, or (as the Okta provider documents for private_key) the path of a file
 * holding it: the same variables must work for the provider and for adopt.
 */
function privateKeyFromVariable(value: string | undefined): string | undefined {
  if (!value || value.includes("-----BEGIN ")) return value;
  let bytes: Buffer;
  try {
    bytes = readFileSync(value.trim());
  } catch (error) {
    throw new AdoptUsageError(
      `OKTA_API_PRIVATE_KEY holds neither a PEM key nor the path of a readable file: ${pathProblem("OKTA_API_PRIVATE_KEY", value.trim(), error).replace(/^OKTA_API_PRIVATE_KEY /, "")}`,
    );
  }
  const decoded = decodeUtf8(bytes);
  if ("problem" in decoded) throw new AdoptUsageError(`OKTA_API_PRIVATE_KEY names ${value.trim()}, and the file ${decoded.problem}`);
  return decoded.text;
}

export function oktaCredentialsFromEnvironment(env: NodeJS.ProcessEnv): OktaCredentials {
  const clientId = env["OKTA_API_CLIENT_ID"];
  if (clientId) {
    const privateKeyPem = privateKeyFromVariable(env["OKTA_API_PRIVATE_KEY"]);
    if (!privateKeyPem)
      throw new AdoptUsageError(
        "OKTA_API_CLIENT_ID is set but OKTA_API_PRIVATE_KEY is not: give the service app's " +
          "PKCS#8 private key (the same variables the Okta provider reads)",
      );
    const scopes = (env["OKTA_API_SCOPES"] ?? "")
      .split(",")
      .map((scope) => scope.trim())
      .filter(Boolean);
    const missing = ADOPT_READ_SCOPES.filter((scope) => !scopes.includes(scope));
    if (missing.length > 0)
      throw new AdoptUsageError(`OKTA_API_SCOPES lacks ${missing.join(", ")}, which adopt reads with; add them (comma-separated)`);
    return {
      kind: "private-key",
      clientId,
      privateKeyPem,
      ...(env["OKTA_API_PRIVATE_KEY_ID"] ? { keyId: env["OKTA_API_PRIVATE_KEY_ID"] } : {}),
      scopes,
    };
  }
  const token = env["OKTA_API_TOKEN"];
  if (token) return { kind: "api-token", token };
  throw new AdoptUsageError(
    "no Okta credentials: set OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY, OKTA_API_PRIVATE_KEY_ID " +
      "and OKTA_API_SCOPES (recommended) or OKTA_API_TOKEN, as for cdktf deploy",
  );
}

export type FetchFunction = (url: string, init?: RequestInit) => Promise<Response>;

export class OktaManagementApi {
  private authorization?: Promise<string>;

  constructor(
    /** `https://{orgName}.{baseUrl}`, no trailing slash. */
    readonly orgUrl: string,
    private readonly credentials: OktaCredentials,
    private readonly fetch: FetchFunction = (url, init) => globalThis.fetch(url, init),
    private readonly timeoutMs = 10_000,
  ) {}

  /** GET one object; undefined on 404. */
  async get(path: string): Promise<Record<string, any> | undefined> {
    const response = await this.request(`${this.orgUrl}${path}`);
    if (response.status === 404) return undefined;
    return (await this.json(response, path)) as Record<string, any>;
  }

  /** GET a collection, following Okta's `Link: <...>; rel="next"` pages. */
  async list(path: string): Promise<Record<string, any>[]> {
    const items: Record<string, any>[] = [];
    let url: string | undefined = `${this.orgUrl}${path}`;
    for (let page = 0; url; page++) {
      if (page >= 100) throw new OktaApiError(`GET ${path}: more than 100 pages; narrow the search`);
      const response: Response = await this.request(url);
      const body = await this.json(response, path);
      if (!Array.isArray(body)) throw new OktaApiError(`GET ${path}: expected a list, got ${typeof body}`);
      items.push(...(body as Record<string, any>[]));
      url = nextLink(response.headers.get("link"));
      // Follow only the org's own pages: a Link header must not send the credentials elsewhere.
      if (url && new URL(url).origin !== new URL(this.orgUrl).origin)
        throw new OktaApiError(`GET ${path}: the next page is on another host (${new URL(url).origin})`);
    }
    return items;
  }

  private async request(url: string): Promise<Response> {
    const authorization = await this.authorizationHeader();
    try {
      return await this.fetch(url, { headers: { accept: "application/json", authorization }, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new OktaApiError(`GET ${new URL(url).pathname}: ${(error as Error).message}`);
    }
  }

  private async json(response: Response, path: string): Promise<unknown> {
    const text = await response.text();
    if (!response.ok) {
      const summary = safeJson(text)?.["errorSummary"];
      const hint =
        response.status === 401 || response.status === 403
          ? ` (the credentials need ${ADOPT_READ_SCOPES.join(", ")} and an admin role that may read apps and authorization servers)`
          : "";
      throw new OktaApiError(
        `GET ${path}: HTTP ${response.status}${typeof summary === "string" ? `: ${this.redacted(summary)}` : ""}${hint}`,
      );
    }
    const body = safeJson(text);
    if (body === undefined) throw new OktaApiError(`GET ${path}: the answer is not JSON`);
    return body;
  }

  private authorizationHeader(): Promise<string> {
    this.authorization ??=
      this.credentials.kind === "api-token"
        ? Promise.resolve(`SSWS ${this.credentials.token}`)
        : this.accessToken(this.credentials).then((token) => `Bearer ${token}`);
    return this.authorization;
  }

  /** An answer's text without the API token, should Okta quote the Authorization header it refused. */
  private redacted(text: string): string {
    return this.credentials.kind === "api-token" && this.credentials.token ? text.split(this.credentials.token).join("[redacted]") : text;
  }

  /** client_credentials with a private_key_jwt assertion, as the provider does (no DPoP). */
  private async accessToken(credentials: Extract<OktaCredentials, { kind: "private-key" }>): Promise<string> {
    const { importPKCS8, SignJWT } = await import("jose");
    const tokenUrl = `${this.orgUrl}/oauth2/v1/token`;
    let key;
    const encrypted = encryptedPemProblem(credentials.privateKeyPem);
    if (encrypted) throw new AdoptUsageError(`OKTA_API_PRIVATE_KEY ${encrypted}`);
    try {
      key = await importPKCS8(credentials.privateKeyPem, "RS256");
    } catch {
      throw new AdoptUsageError(
        "OKTA_API_PRIVATE_KEY is not a PKCS#8 RSA private key (BEGIN PRIVATE KEY); " +
          "convert one with: openssl pkcs8 -topk8 -nocrypt -in key.pem",
      );
    }
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", ...(credentials.keyId ? { kid: credentials.keyId } : {}) })
      .setIssuer(credentials.clientId)
      .setSubject(credentials.clientId)
      .setAudience(tokenUrl)
      .setIssuedAt()
      .setExpirationTime("5m")
      .setJti(randomUUID())
      .sign(key);
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      scope: ADOPT_READ_SCOPES.join(" "),
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
    });
    let response: Response;
    try {
      response = await this.fetch(tokenUrl, {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new OktaApiError(`POST /oauth2/v1/token: ${(error as Error).message}`);
    }
    const body = safeJson(await response.text());
    if (!response.ok || typeof body?.["access_token"] !== "string") {
      const reason = typeof body?.["error_description"] === "string" ? `: ${this.redacted(body["error_description"])}` : "";
      throw new OktaApiError(
        `POST /oauth2/v1/token: HTTP ${response.status}${reason} (check OKTA_API_CLIENT_ID, ` +
          `the key id and that the app may use ${ADOPT_READ_SCOPES.join(", ")})`,
      );
    }
    return body["access_token"];
  }
}

function safeJson(text: string): Record<string, any> | undefined {
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return undefined;
  }
}

/** The `rel="next"` URL of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | undefined {
  for (const part of header?.split(",") ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (match) return match[1];
  }
  return undefined;
}
