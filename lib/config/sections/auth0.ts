import * as v from "valibot";
import { connectionIdClash, connectionIdClashMessage } from "../../auth0/auth0-invariants";
import { checkedString, DOMAIN_NAME, nonAsciiDomainHint, nonEmptyString, oneOf, strictRecord } from "../schema-helpers";
import { problemsOf, type Resolved } from "../section";

/**
 * The `auth0:` section of an environment: its schema, resolved type, defaults and resolution, kept apart
 * from the Okta section so each identity provider's rules live in one file.
 */

/** One environment with Auth0 as its identity provider, every default applied. */
export interface Auth0Settings {
  /** The tenant's domain (`dev-abc.eu.auth0.com`) or its custom domain: a bare host, no scheme or slash. */
  readonly domain: string;
  /** `spa`: public Single-Page App (PKCE, no secret); `web`: confidential Regular Web App with a secret. */
  readonly flow: "spa" | "web";
  /** Name of the Auth0 application. */
  readonly appName: string;
  /** Names of existing connections to enable for the application; each is looked up by exact name. */
  readonly connections: readonly string[];
}

/**
 * A bare host, with a reason for each mistake people make when copying it from the dashboard: the
 * value becomes `https://{domain}` (authority), `https://{domain}/.well-known/jwks.json` and the
 * provider's `domain`, so a scheme, a path or a trailing dot breaks all three.
 */
const auth0Domain = checkedString('the Auth0 domain, e.g. "dev-abc123.eu.auth0.com"', (value) => {
  const problem = auth0DomainProblem(value);
  return problem
    ? `${problem}; expected the tenant or custom domain as a bare host, e.g. "dev-abc123.eu.auth0.com" or "login.example.com"`
    : undefined;
});

function auth0DomainProblem(value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return "a scheme is not accepted (https:// is added where a URL is needed)";
  if (value.includes("/")) return "a path or slash is not accepted";
  if (value.endsWith(".")) return "a trailing dot is not accepted (Auth0 issues tokens for the name without it)";
  if (value.includes(":")) return "a port is not accepted";
  if (value !== value.toLowerCase()) return "upper-case letters are not accepted (the issuer is compared as a string)";
  if (/[^\x21-\x7E]/.test(value)) return `not a domain name: ${nonAsciiDomainHint(value)}`;
  if (!DOMAIN_NAME.test(value)) return "not a domain name";
  return undefined;
}

export const auth0Section = strictRecord({
  domain: auth0Domain,
  flow: v.optional(
    oneOf(["spa", "web"], '"spa" is a public Single-Page App with PKCE, "web" a confidential Regular Web App with a client secret'),
  ),
  appName: v.optional(nonEmptyString("an Auth0 application name")),
  connections: v.optional(v.array(nonEmptyString("an Auth0 connection name"), "expected a list of Auth0 connection names")),
});

export type Auth0Input = v.InferOutput<typeof auth0Section>;

export const AUTH0_DEFAULTS = {
  flow: "spa",
  appName: (name: string) => `OpenMetadata (${name})`,
  connections: [] as readonly string[],
} as const;

/** Applies the Auth0 section's defaults and its cross-field rules. */
export function resolveAuth0Settings(environmentName: string, input: Auth0Input): Resolved<Auth0Settings> {
  const { problems, problem } = problemsOf(environmentName);
  const defaults = AUTH0_DEFAULTS;
  const connections = input.connections ?? defaults.connections;
  if (input.connections !== undefined && input.connections.length === 0) {
    // Like okta.access.groups: [], an empty list means no one can sign in, which is never what is meant.
    problem(
      "auth0.connections",
      input.connections,
      "an empty list enables the app on no connection, so no one can sign in; name the connections " +
        '(e.g. ["Username-Password-Authentication"]), or remove the field to let the tenant\'s enable_client_connections decide',
    );
    return { problems };
  }
  // The rule is the construct's (lib/auth0/auth0-invariants.ts): every connection needs its own construct id.
  const clash = connectionIdClash(connections);
  if (clash !== undefined) {
    // The same name twice: two auth0_connection_client resources for one pair would fight over the same enablement.
    if (clash.first === clash.second) problem("auth0.connections", clash.second, "each connection may be listed once");
    else problem("auth0.connections", clash.second, connectionIdClashMessage(clash));
    return { problems };
  }
  return {
    problems,
    value: {
      domain: input.domain,
      flow: input.flow ?? defaults.flow,
      appName: input.appName ?? defaults.appName(environmentName),
      connections,
    },
  };
}
