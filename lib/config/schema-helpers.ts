import { z } from "zod";

/**
 * Small builders that give every schema rule a message a platform engineer can act on:
 * what is accepted and, where it helps, why. The environment name, field path and bad value are
 * added by the formatter in `errors.ts`, so messages here say only what would be right.
 */

/** An object that rejects unknown fields and lists the accepted ones (typos are the commonest mistake). */
export function strictRecord<Shape extends z.ZodRawShape>(shape: Shape) {
  const accepted = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") return `unknown field; accepted fields here: ${accepted}`;
      if (issue.code === "invalid_type") return `expected an object with fields: ${accepted}`;
      return undefined;
    },
  });
}

/** A whole number within a documented range, with its unit in the message. */
export function integerInRange(min: number, max: number, unit: string, why?: string) {
  const range = `a whole number of ${unit} from ${min} to ${max}${why ? ` (${why})` : ""}`;
  return z.number({ error: `expected ${range}` }).int({ error: `expected ${range}` }).min(min, { error: `expected ${range}` }).max(max, { error: `expected ${range}` });
}

export function oneOf<const Values extends readonly [string, ...string[]]>(values: Values, explanation?: string) {
  const accepted = values.map((value) => JSON.stringify(value)).join(", ");
  return z.enum(values, { error: `expected one of ${accepted}${explanation ? ` (${explanation})` : ""}` });
}

export function nonEmptyString(what: string) {
  return z.string({ error: `expected ${what}` }).trim().min(1, { error: `expected ${what}, not an empty string` });
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A base URL: https (http only for localhost, so local trials work), no path, query, fragment,
 * credentials or trailing slash. OpenMetadata and Okta build `{url}/callback` from it by string
 * concatenation, so `https://x/` would register `https://x//callback`.
 */
export function baseUrl(example: string) {
  const accepted = `an https URL with no path, query or trailing slash (http only for localhost), e.g. "${example}"`;
  return z.string({ error: `expected ${accepted}` }).superRefine((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem}; expected ${accepted}` });
  });
}

function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not a URL";
  }
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) return "http is only accepted for localhost";
  if (url.protocol !== "https:" && url.protocol !== "http:") return `scheme ${url.protocol} is not accepted`;
  if (url.username || url.password) return "credentials in a URL are not accepted";
  if (url.search || url.hash || value.includes("?") || value.includes("#")) return "a query or fragment is not accepted";
  if (url.pathname !== "/" || value.endsWith("/")) return value.endsWith("/") ? "a trailing slash is not accepted" : "a path is not accepted";
  return undefined;
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A bare DNS name such as `okta.com`: where the provider wants a domain, a scheme or path breaks it. */
export function domainName(example: string) {
  const accepted = `a lower-case domain name with no scheme, path or trailing slash, e.g. "${example}"`;
  return z.string({ error: `expected ${accepted}` }).regex(DOMAIN, { error: `expected ${accepted}` });
}
