import type { SecurityConfigDocument } from "../openmetadata/security-config";
import { HttpProblem, type HttpSettings } from "../verify/http";
import { isPlainObject } from "./document";

/**
 * The OpenMetadata admin API calls sso-sync makes, as the token's user. The token goes only into
 * the Authorization header; no message here quotes it, a response body or a request body.
 */

export const SECURITY_CONFIG_PATH = "/api/v1/system/security/config";
export const VALIDATE_PATH = "/api/v1/system/security/validate";
export const LOGGED_IN_USER_PATH = "/api/v1/users/loggedInUser";

/** OpenMetadata answered, but not as hoped; the message is one line and names the call. */
export class OpenMetadataApiError extends Error {
  override name = "OpenMetadataApiError";
}

export interface Caller {
  readonly name: string;
  readonly isAdmin: boolean;
  readonly isBot: boolean;
}

export interface Validation {
  readonly ok: boolean;
  /** One line per failed component, from OpenMetadata's report. */
  readonly problems: readonly string[];
}

export class OpenMetadataAdminApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly http: HttpSettings,
  ) {}

  async caller(): Promise<Caller> {
    const { body } = await this.expect("GET", LOGGED_IN_USER_PATH, [200]);
    if (!isPlainObject(body) || typeof body["name"] !== "string")
      throw new OpenMetadataApiError(`GET ${LOGGED_IN_USER_PATH} did not answer a user`);
    return { name: body["name"], isAdmin: body["isAdmin"] === true, isBot: body["isBot"] === true };
  }

  async securityConfig(): Promise<SecurityConfigDocument> {
    const { body } = await this.expect("GET", SECURITY_CONFIG_PATH, [200]);
    if (!isPlainObject(body) || !isPlainObject(body["authenticationConfiguration"]) || !isPlainObject(body["authorizerConfiguration"])) {
      throw new OpenMetadataApiError(`GET ${SECURITY_CONFIG_PATH} did not answer {authenticationConfiguration, authorizerConfiguration}`);
    }
    return { authenticationConfiguration: body["authenticationConfiguration"], authorizerConfiguration: body["authorizerConfiguration"] };
  }

  /** Validation without saving (#28781): HTTP 200 with `status` success or failed and one result per component. */
  async validate(document: SecurityConfigDocument): Promise<Validation> {
    const { status, body } = await this.request("POST", VALIDATE_PATH, document);
    const report = isPlainObject(body) ? body : {};
    const results = Array.isArray(report["results"]) ? report["results"].filter(isPlainObject) : [];
    const failedResults = results.filter((result) => String(result["status"]).toLowerCase() !== "success");
    const problems = failedResults.map((result) =>
      [result["component"], result["message"]].filter((part) => typeof part === "string").join(": "),
    );
    const ok = status === 200 && String(report["status"]).toLowerCase() === "success" && failedResults.length === 0;
    if (ok) return { ok, problems: [] };
    if (status === 401 || status === 403) throw this.refused("POST", VALIDATE_PATH, status);
    if (status !== 200 && status !== 400) throw new OpenMetadataApiError(`POST ${VALIDATE_PATH} answered HTTP ${status}`);
    return {
      ok,
      problems:
        problems.length > 0
          ? problems
          : [typeof report["message"] === "string" ? report["message"] : `HTTP ${status}, status ${String(report["status"] ?? "missing")}`],
    };
  }

  async write(document: SecurityConfigDocument): Promise<void> {
    await this.expect("PUT", SECURITY_CONFIG_PATH, [200, 201, 204], document);
  }

  private async expect(
    method: string,
    path: string,
    statuses: readonly number[],
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const answer = await this.request(method, path, body);
    if (statuses.includes(answer.status)) return answer;
    if (answer.status === 401 || answer.status === 403) throw this.refused(method, path, answer.status);
    throw new OpenMetadataApiError(`${method} ${path} answered HTTP ${answer.status}`);
  }

  private refused(method: string, path: string, status: number): OpenMetadataApiError {
    const why =
      status === 401
        ? "OPENMETADATA_ADMIN_TOKEN is not a valid personal access token here (expired, revoked, or of another OpenMetadata)"
        : "the token's user is not an admin (the security settings need a user with isAdmin; a bot with the Admin role is refused)";
    return new OpenMetadataApiError(`${method} ${path} answered HTTP ${status}: ${why}`);
  }

  /** One attempt per call: a PUT must not be repeated blindly, and the GETs are cheap to rerun by hand. */
  private async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await this.http.fetch(url, {
        method,
        headers: {
          accept: "application/json",
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.http.timeoutMs),
      });
      const text = await response.text();
      return { status: response.status, body: parseJson(text) };
    } catch (error) {
      const reason =
        error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
          ? `no answer within ${this.http.timeoutMs} ms`
          : networkReason(error);
      throw new HttpProblem(`${method} ${url}: ${reason}`);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (cause?.code === "ECONNREFUSED") return "connection refused (nothing listens there)";
  if (typeof cause?.code === "string") return cause.code;
  return error instanceof Error ? error.message : String(error);
}
