/**
 * The few HTTP calls verify makes, each bounded by a timeout. Everything is injectable so tests can
 * point verify at local servers and keep retries fast; nothing here prints.
 */

export type FetchFunction = (url: string, init?: RequestInit) => Promise<Response>;

export interface HttpSettings {
  readonly fetch: FetchFunction;
  /** Per attempt, including reading the body. */
  readonly timeoutMs: number;
  /** Extra attempts after a network error, a timeout, HTTP 429 or 5xx. */
  readonly retries: number;
  /** Wait before retry n is n times this. */
  readonly backoffMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  fetch: (url, init) => globalThis.fetch(url, init),
  timeoutMs: 5000,
  retries: 2,
  backoffMs: 250,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The endpoint could not be asked (unreachable, timed out, not JSON); the message is one line and names the URL. */
export class HttpProblem extends Error {
  override name = "HttpProblem";
}

export interface JsonResponse {
  readonly status: number;
  /** The parsed body; undefined when a non-2xx answer had no JSON body. */
  readonly body: unknown;
}

/** GET a JSON document, retrying transient failures with a short linear backoff. */
export async function getJson(url: string, http: HttpSettings): Promise<JsonResponse> {
  for (let attempt = 0; ; attempt++) {
    const isLastAttempt = attempt >= http.retries;
    try {
      const response = await requestJson(url, { method: "GET", headers: { accept: "application/json" } }, http);
      if (!isTransientStatus(response.status) || isLastAttempt) return response;
    } catch (error) {
      if (isLastAttempt) throw error;
    }
    await http.sleep(http.backoffMs * (attempt + 1));
  }
}

/**
 * POST a form once: the token request carries a single-use client assertion (its `jti`), so a
 * blind retry would be refused for replay anyway.
 */
export function postForm(url: string, form: Record<string, string>, http: HttpSettings): Promise<JsonResponse> {
  return requestJson(
    url,
    {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    },
    http,
  );
}

async function requestJson(url: string, init: RequestInit, http: HttpSettings): Promise<JsonResponse> {
  const method = init.method ?? "GET";
  try {
    const response = await http.fetch(url, { ...init, signal: AbortSignal.timeout(http.timeoutMs) });
    const text = await response.text();
    if (!response.ok) return { status: response.status, body: parseJsonOrUndefined(text) };
    const body = parseJsonOrUndefined(text);
    if (body === undefined)
      throw new HttpProblem(
        `${method} ${url}: HTTP ${response.status} but the body is not JSON (${response.headers.get("content-type") ?? "no content type"})`,
      );
    return { status: response.status, body };
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    throw new HttpProblem(`${method} ${url}: ${describeNetworkError(error, http.timeoutMs)}`);
  }
}

function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** fetch reports "fetch failed" and hides the reason in `cause`; the system error code is what people can act on. */
function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === "string")
    return NETWORK_ERROR_TEXT[cause.code] ?? `${cause.code}${typeof cause.message === "string" ? ` (${cause.message})` : ""}`;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

const NETWORK_ERROR_TEXT: Record<string, string> = {
  ECONNREFUSED: "connection refused (nothing listens there)",
  ENOTFOUND: "host name not found (DNS)",
  EAI_AGAIN: "host name lookup failed temporarily (DNS)",
  ECONNRESET: "connection reset",
  CERT_HAS_EXPIRED: "TLS certificate expired",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate not trusted",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed TLS certificate",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
};
