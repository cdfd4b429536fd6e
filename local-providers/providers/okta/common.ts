/**
 * Helpers the okta behaviours share: the Okta API's error text as the provider prints it, the org in
 * the world, ids, and the SDKv2 habit of treating a zero value as equal to null.
 */
import { randomBytes } from "node:crypto";
import { ProviderDiagnostic, type ProviderContext } from "../../provider/behaviour";
import { isUnknown, type ObjectValue, type Value } from "../../provider/values";
import { oktaId, type WorldTenant } from "../../provider/world";

export { oktaId };

/**
 * An Okta API error as the provider's sdk formats it (okta/terraform-provider-okta@v6.12.0
 * sdk/v2_error.go:19-35): "the API returned an error: <errorSummary>. Causes: errorSummary: <cause>".
 */
export function apiError(summary: string, causes: readonly string[] = []): string {
  const text = `the API returned an error: ${summary}`;
  return causes.length === 0 ? text : `${text}. Causes: ${causes.map((cause) => `errorSummary: ${cause}`).join(", ")}`;
}

/** An Okta 404 (errorCode E0000007), as the recorded API answers show it (test/fixtures/vcr/idaas/*: "Not found: Resource not found: <id> (<Type>)"). */
export function notFound(id: string, type: string): string {
  return apiError(`Not found: Resource not found: ${id} (${type})`);
}

/** The tenant of a configured okta provider; every okta behaviour has one. */
export function orgOf(context: ProviderContext): WorldTenant {
  if (!context.tenant) throw new Error("the okta provider was used before it was configured");
  return context.tenant;
}

/** `https://<org_name>.<base_url>`: config.go:217 builds the API URL the same way. */
export function orgUrl(tenant: WorldTenant): string {
  return `https://${tenant.name}`;
}

/**
 * Where the org's OAuth endpoints are reached: its URL, or the address of a local Okta org server
 * (local-providers/services) serving it, which writes `settings/org.json` `{ servedAt }` when it starts.
 * Authorization servers' issuers are built on it, so tokens, discovery and the stacks' outputs agree on
 * an address a test or a rehearsal can reach; the org's identity (API scope grants' issuer) stays orgUrl.
 */
export function servedOrgUrl(tenant: WorldTenant): string {
  const servedAt = tenant.get<{ servedAt?: string }>("settings", "org")?.servedAt;
  return servedAt || orgUrl(tenant);
}

/** Timestamps as the Okta API writes them: "2025-03-13T23:32:58.000Z". */
export function oktaTimestamp(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}.000Z`;
}

/** Go's time.Time.String(), which the provider stores for the auth server's rotation times (resource_okta_auth_server.go:109,112). */
export function goTimeString(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} +0000 UTC`;
}

/** A secret of the form Okta generates for confidential clients (64 url-safe characters, as recorded in the provider's fixtures). */
export function clientSecret(): string {
  return randomBytes(48).toString("base64url");
}

/** A new world object's creation order, so lists can be ordered as Okta orders them. */
let sequence = 0;
export function nextSequence(): number {
  sequence += 1;
  return Date.now() * 1000 + (sequence % 1000);
}

export function stringsOf(value: Value | undefined): string[] {
  return Array.isArray(value) ? (value as readonly Value[]).filter((item): item is string => typeof item === "string") : [];
}

export function known(value: Value | undefined): boolean {
  return value !== undefined && value !== null && !isUnknown(value);
}

function isZero(value: Value | undefined): boolean {
  return value === "" || value === 0 || value === false || (Array.isArray(value) && value.length === 0);
}

/**
 * terraform-plugin-sdk/v2 treats "", 0, false and an empty collection as equal to null, so the real
 * provider's read writes them without a diff. The generic server compares exactly: where the prior state
 * (or, on import, nothing) has null, a zero value read from the world stays null.
 */
export function keepNulls(prior: ObjectValue, next: Record<string, Value>, names: readonly string[] = Object.keys(next)): ObjectValue {
  const result: Record<string, Value> = { ...next };
  for (const name of names) {
    if ((prior[name] ?? null) === null && isZero(next[name])) result[name] = null;
  }
  return result;
}

/** An error diagnostic for a provider check, with the attribute it names. */
export function fail(summary: string, attribute: readonly (string | number)[] = []): never {
  throw new ProviderDiagnostic(summary, "", attribute);
}
