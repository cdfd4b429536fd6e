/**
 * The OpenID Provider behind the local Okta org and Auth0 tenant: oidc-provider, a certified
 * implementation, configured from the world. A configuration is fixed once a Provider is built, so a
 * server is rebuilt whenever the world objects it was built from change; codes, sessions and grants
 * survive that, since oidc-provider keeps them in one in-memory store per process
 * (oidc-provider@9.13.3 lib/adapters/memory_adapter.js: a module-level LRU) and the keys stay the same.
 */
import { createPrivateKey } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type Provider from "oidc-provider";

export type OidcProviderModule = typeof import("oidc-provider");

/**
 * oidc-provider warns at import that Node 20 is unsupported, and at construction that dev interactions
 * and the in-memory store are for development only: all expected of a local service, so kept quiet.
 */
export async function withoutOidcProviderWarnings<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...messages: unknown[]) => (String(messages[0]).startsWith("oidc-provider WARNING") ? undefined : warn(...messages));
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

let oidcProviderModule: Promise<OidcProviderModule> | undefined;
export function loadOidcProvider(): Promise<OidcProviderModule> {
  // oidc-provider is a devDependency: loaded on first use only, so importing a service costs nothing.
  oidcProviderModule ??= withoutOidcProviderWarnings(() => import("oidc-provider"));
  return oidcProviderModule;
}

/** One RSA key per kid and process: generation is the slowest part of starting a server, and a kid names one key. */
const generatedKeys = new Map<string, Promise<JWK>>();
export function generatedSigningKey(kid: string): Promise<JWK> {
  let key = generatedKeys.get(kid);
  if (!key) {
    key = generateKeyPair("RS256", { extractable: true }).then(async ({ privateKey }) => ({
      ...(await exportJWK(privateKey)),
      kid,
      alg: "RS256",
      use: "sig",
    }));
    generatedKeys.set(kid, key);
  }
  return key;
}

/** A PKCS#8 PEM private key as a signing JWK. */
export function signingKeyFromPem(pem: string, kid: string): JWK {
  return { ...(createPrivateKey(pem).export({ format: "jwk" }) as JWK), kid, alg: "RS256", use: "sig" };
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A server's request handler, rebuilt when the world it reads changes (compared by a fingerprint of those objects). */
export class RebuiltOnChange {
  private built: { fingerprint: string; handler: Promise<Handler> } | undefined;

  async handler(fingerprint: string, build: () => Promise<Provider>): Promise<Handler> {
    if (!this.built || this.built.fingerprint !== fingerprint) {
      const handler = build().then((provider) => provider.callback());
      this.built = { fingerprint, handler };
      // A failed build is tried again on the next request rather than kept.
      handler.catch(() => {
        if (this.built?.handler === handler) this.built = undefined;
      });
    }
    return this.built.handler;
  }
}

/**
 * Hands a request to a Provider mounted under `prefix`, as express mounts it: oidc-provider builds its
 * URLs from originalUrl minus url.
 */
export function mounted(
  handler: Handler,
  prefix: string,
  request: IncomingMessage & { originalUrl?: string },
  response: ServerResponse,
): void {
  const url = request.url ?? "/";
  request.originalUrl = url;
  request.url = url.slice(prefix.length) || "/";
  handler(request, response);
}

/** Okta lists single response types; oidc-provider registers the combinations they allow. */
const PROVIDER_RESPONSE_TYPES = ["code", "id_token", "id_token token", "code id_token", "code token", "code id_token token"];
export function responseTypeCombinations(single: readonly string[]): string[] {
  const allowed = new Set(single);
  return PROVIDER_RESPONSE_TYPES.filter((combination) => combination.split(" ").every((type) => allowed.has(type)));
}

/** The grant types oidc-provider knows as client metadata; others (token exchange, device code...) are not played. */
const PROVIDER_GRANT_TYPES = new Set(["authorization_code", "implicit", "refresh_token", "client_credentials"]);
export function playedGrantTypes(grantTypes: readonly string[]): string[] {
  return grantTypes.filter((grantType) => PROVIDER_GRANT_TYPES.has(grantType));
}
