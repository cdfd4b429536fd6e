import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeProtectedHeader, importSPKI, jwtVerify } from "jose";
import { closeServer } from "./okta-test-org";

/**
 * A small stand-in for Okta's management API on 127.0.0.1: the collections `npm run adopt` reads,
 * answered from the objects a test gives, with Okta's `Link: rel="next"` paging (two items a page)
 * and its two ways in: `SSWS <api token>`, or a bearer token from `/oauth2/v1/token` for a
 * client_credentials request with a `private_key_jwt` assertion signed by a registered key.
 */
export interface OktaOrgObjects {
  readonly apps: readonly Record<string, unknown>[];
  readonly authorizationServers: readonly (Record<string, unknown> & {
    readonly scopes?: readonly Record<string, unknown>[];
    readonly claims?: readonly Record<string, unknown>[];
    readonly policies?: readonly (Record<string, unknown> & { readonly rules?: readonly Record<string, unknown>[] })[];
  })[];
  readonly trustedOrigins: readonly Record<string, unknown>[];
}

export interface OktaManagementStubOptions {
  readonly objects: OktaOrgObjects;
  readonly apiToken?: string;
  /** A service app allowed to get tokens: its client id and public key (SPKI PEM). */
  readonly serviceApp?: { readonly clientId: string; readonly publicKeyPem: string };
}

export interface OktaManagementStub {
  readonly url: string;
  /** Every request as `METHOD path`, in order. */
  readonly requests: string[];
  /** Scopes asked for at the token endpoint. */
  readonly tokenScopes: string[];
  close(): Promise<void>;
}

const PAGE_SIZE = 2;
const ISSUED_TOKEN = "stub-access-token";

export async function startOktaManagementStub(options: OktaManagementStubOptions): Promise<OktaManagementStub> {
  const requests: string[] = [];
  const tokenScopes: string[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://stub");
      requests.push(`${request.method} ${url.pathname}`);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { "content-type": "application/json", ...headers });
        response.end(JSON.stringify(body));
      };
      if (request.method === "POST" && url.pathname === "/oauth2/v1/token") {
        const form = new URLSearchParams(await readBody(request));
        const verified = await verifyAssertion(form.get("client_assertion") ?? "", options.serviceApp, `${origin}/oauth2/v1/token`);
        if (!verified || form.get("grant_type") !== "client_credentials")
          return send(401, { error: "invalid_client", error_description: "The client assertion is invalid" });
        tokenScopes.push(...(form.get("scope") ?? "").split(" "));
        return send(200, { access_token: ISSUED_TOKEN, token_type: "Bearer", expires_in: 3600 });
      }
      const authorization = request.headers["authorization"];
      const authorized =
        (options.apiToken !== undefined && authorization === `SSWS ${options.apiToken}`) || authorization === `Bearer ${ISSUED_TOKEN}`;
      if (!authorized) return send(401, { errorCode: "E0000011", errorSummary: "Invalid token provided" });
      const found = route(url.pathname, options.objects);
      if (found === undefined) return send(404, { errorCode: "E0000007", errorSummary: `Not found: Resource not found: ${url.pathname}` });
      if (!Array.isArray(found)) return send(200, found);
      const query = url.searchParams.get("q");
      const items =
        query === null
          ? found
          : found.filter((item) =>
              String(item["label"] ?? item["name"] ?? "")
                .toLowerCase()
                .startsWith(query.toLowerCase()),
            );
      const after = Number(url.searchParams.get("after") ?? "0");
      const next = new URL(url.href.replace("http://stub", origin));
      next.searchParams.set("after", String(after + PAGE_SIZE));
      send(200, items.slice(after, after + PAGE_SIZE), after + PAGE_SIZE < items.length ? { link: `<${next.href}>; rel="next"` } : {});
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: origin, requests, tokenScopes, close: () => closeServer(server) };
}

function route(path: string, objects: OktaOrgObjects): Record<string, unknown>[] | Record<string, unknown> | undefined {
  const parts = path.split("/").filter(Boolean).slice(2); // after /api/v1
  const [collection, id, child, childId, grandchild] = parts;
  if (collection === "apps") return id ? objects.apps.find((app) => app["id"] === id) : [...objects.apps];
  if (collection === "trustedOrigins") return [...objects.trustedOrigins];
  if (collection !== "authorizationServers") return undefined;
  if (!id) return objects.authorizationServers.map(({ scopes: _s, claims: _c, policies: _p, ...server }) => server);
  const server = objects.authorizationServers.find((candidate) => candidate["id"] === id);
  if (!server) return undefined;
  if (child === "scopes") return [...(server.scopes ?? [])];
  if (child === "claims") return [...(server.claims ?? [])];
  if (child === "policies" && !childId) return (server.policies ?? []).map(({ rules: _r, ...policy }) => policy);
  if (child === "policies" && grandchild === "rules")
    return [...(server.policies?.find((policy) => policy["id"] === childId)?.rules ?? [])];
  return undefined;
}

async function verifyAssertion(assertion: string, serviceApp: OktaManagementStubOptions["serviceApp"], audience: string): Promise<boolean> {
  if (!serviceApp || !assertion) return false;
  try {
    decodeProtectedHeader(assertion);
    const { payload } = await jwtVerify(assertion, await importSPKI(serviceApp.publicKeyPem, "RS256"), {
      issuer: serviceApp.clientId,
      subject: serviceApp.clientId,
      audience,
    });
    return typeof payload.jti === "string";
  } catch {
    return false;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

/** A manual setup of the Okta guide for one environment, as the admin console leaves it. */
export function manualSetup(options: {
  readonly label: string;
  readonly url: string;
  readonly applicationType: "browser" | "web";
  readonly authMethod?: string;
}): OktaOrgObjects {
  const clientId = "0oaManualApp0000001";
  const app = (id: string, label: string, type: string, method: string) => ({
    id,
    label,
    status: "ACTIVE",
    signOnMode: "OPENID_CONNECT",
    credentials: { oauthClient: { client_id: id, token_endpoint_auth_method: method } },
    settings: { oauthClient: { application_type: type } },
  });
  return {
    apps: [
      app("0oaOtherApp00000001", `${options.label} admins`, "browser", "none"),
      app("0oaOtherApp00000002", `${options.label} sandbox`, "browser", "none"),
      app("0oaBookmark00000001", "Bookmark", "browser", "none"),
      app(
        clientId,
        options.label,
        options.applicationType,
        options.authMethod ?? (options.applicationType === "web" ? "client_secret_post" : "none"),
      ),
    ],
    authorizationServers: [
      { id: "ausOtherServer00001", name: "default", audiences: ["api://default"] },
      {
        id: "ausManualServer0001",
        name: "OpenMetadata",
        audiences: [clientId],
        scopes: [
          { id: "scpOpenid0000000001", name: "openid", system: true },
          { id: "scpManualScope00001", name: "openmetadata", default: true },
        ],
        claims: [
          { id: "oclSystemEmail00001", name: "email", claimType: "IDENTITY", valueType: "SYSTEM" },
          { id: "oclManualEmail00001", name: "email", claimType: "RESOURCE", valueType: "EXPRESSION" },
        ],
        policies: [
          {
            id: "00pManualPolicy0001",
            priority: 1,
            conditions: { clients: { include: [clientId] } },
            rules: [
              { id: "0prServiceRule00001", priority: 1, conditions: { grantTypes: { include: ["client_credentials"] } } },
              { id: "0prManualRule000001", priority: 2, conditions: { grantTypes: { include: ["authorization_code", "implicit"] } } },
            ],
          },
        ],
      },
    ],
    trustedOrigins: [
      { id: "tosOtherOrigin00001", origin: "https://elsewhere.example.com" },
      { id: "tosManualOrigin0001", origin: options.url },
    ],
  };
}
