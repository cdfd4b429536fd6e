/**
 * The invariants and defaults of the Okta constructs, as pure functions and values that import nothing.
 * The constructs enforce them (OktaOidcApp, OktaAuthorizationServer); lib/config/sections/okta.ts calls the
 * same functions to report a broken rule with its file and field, all at once, before any construct
 * exists, and shows the defaults in DEFAULTS. Each rule and each default is written here only.
 */

/** Defaults of the Okta constructs' props. */
export const OKTA_CONSTRUCT_DEFAULTS = {
  /** The guide's "Okta URL"; DYNAMIC is never used (token `iss` would vary by request domain). */
  issuerMode: "ORG_URL",
  /** Okta's own default for SPAs; the provider's default of 0 breaks concurrent tabs. */
  refreshTokenLeewaySeconds: 30,
  /** Access is limited to the named groups. */
  everyone: false,
} as const;

/**
 * Who the OIDC app is assigned to: named groups or Okta's Everyone group, exactly one of the two.
 * "nobody": no group and not everyone, so no one could sign in; "both": everyone already assigns every user.
 */
export function groupAssignmentProblem(groups: readonly string[], everyone: boolean): "nobody" | "both" | undefined {
  if (groups.length === 0 && !everyone) return "nobody";
  if (groups.length > 0 && everyone) return "both";
  return undefined;
}

/** A group named twice: the app's group assignments would hold it twice. */
export function repeatedGroup(groups: readonly string[]): string | undefined {
  return groups.find((group, index) => groups.indexOf(group) !== index);
}

export interface TokenLifetimes {
  readonly accessTokenLifetimeMinutes: number;
  readonly refreshTokenLifetimeMinutes?: number;
  readonly refreshTokenWindowMinutes?: number;
}

export interface TokenLifetimeProblem {
  readonly field: "refreshTokenLifetimeMinutes" | "refreshTokenWindowMinutes";
  readonly value: number;
  /** Says what is wrong with `field` and how to fix it, without naming the field itself. */
  readonly message: string;
}

/**
 * The order Okta requires of a policy rule's token lifetimes: access <= window <= refresh lifetime. The provider
 * refuses a rule otherwise, at apply: okta/okta v6.12.0
 * okta/services/idaas/resource_okta_auth_server_policy_rule.go:323-328. A rule without refresh tokens
 * (client_credentials) has neither refresh value, and only what is given is compared.
 */
export function tokenLifetimeProblems(lifetimes: TokenLifetimes): TokenLifetimeProblem[] {
  const { accessTokenLifetimeMinutes: access, refreshTokenLifetimeMinutes: refresh, refreshTokenWindowMinutes: window } = lifetimes;
  const problems: TokenLifetimeProblem[] = [];
  if (refresh !== undefined && refresh < access)
    problems.push({
      field: "refreshTokenLifetimeMinutes",
      value: refresh,
      message: `Okta requires the refresh token lifetime to be at least the access token lifetime (${access} minutes)`,
    });
  if (window !== undefined && refresh !== undefined && window > refresh)
    problems.push({
      field: "refreshTokenWindowMinutes",
      value: window,
      message: `must not exceed the refresh token lifetime (${refresh} minutes)`,
    });
  if (window !== undefined && window < access)
    problems.push({
      field: "refreshTokenWindowMinutes",
      value: window,
      message:
        `Okta requires the refresh token window to be at least the access token lifetime (${access} ` +
        `minutes): access <= window <= refresh lifetime; raise the window or shorten accessTokenLifetimeMinutes`,
    });
  return problems;
}
