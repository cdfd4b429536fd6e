import * as v from "valibot";
import type { PublicJwk } from "../../keys/public-jwks";
import { groupAssignmentProblem, OKTA_CONSTRUCT_DEFAULTS, repeatedGroup, tokenLifetimeProblems } from "../../okta/okta-invariants";
import { closest } from "../../text/suggest";
import { bool, domainName, filePath, integerInRange, nonEmptyString, oneOf, checkedString, strictRecord } from "../schema-helpers";
import { problemsOf, type EnvironmentFiles, type Resolved } from "../section";

/** The `okta:` section of an environment: its schema, resolved type, defaults and resolution. */

/** Okta's documented bounds (Authorization Server policy rules). */
export const OKTA_LIMITS = {
  accessTokenLifetimeMinutes: { min: 5, max: 1440 },
  refreshTokenLifetimeMinutes: { min: 5, max: 2_628_000 },
  refreshTokenWindowMinutes: { min: 5, max: 2_628_000 },
  refreshTokenLeewaySeconds: { min: 0, max: 60 },
  maxApiCapacity: { min: 1, max: 100 },
} as const;

/** Okta Management API scopes that the optional service app may be granted. */
export const SERVICE_APP_API_SCOPES = [
  "okta.users.read",
  "okta.users.manage",
  "okta.clients.read",
  "okta.groups.read",
  "okta.apps.read",
] as const;

/**
 * Standard Okta admin roles an OAuth service app can hold (`okta_app_oauth_role_assignment.type`;
 * CUSTOM roles need a resource set and are left to the admin console).
 */
export const SERVICE_APP_ADMIN_ROLES = [
  "READ_ONLY_ADMIN",
  "USER_ADMIN",
  "GROUP_MEMBERSHIP_ADMIN",
  "HELP_DESK_ADMIN",
  "APP_ADMIN",
  "ORG_ADMIN",
  "API_ACCESS_MANAGEMENT_ADMIN",
  "REPORT_ADMIN",
  "MOBILE_ADMIN",
  "SUPER_ADMIN",
] as const;

const tokens = strictRecord({
  accessTokenLifetimeMinutes: v.optional(
    integerInRange(
      OKTA_LIMITS.accessTokenLifetimeMinutes.min,
      OKTA_LIMITS.accessTokenLifetimeMinutes.max,
      "minutes",
      "Okta's range for access tokens",
    ),
  ),
  refreshTokenLifetimeMinutes: v.optional(
    integerInRange(
      OKTA_LIMITS.refreshTokenLifetimeMinutes.min,
      OKTA_LIMITS.refreshTokenLifetimeMinutes.max,
      "minutes",
      "Okta's range; 2628000 is five years",
    ),
  ),
  refreshTokenWindowMinutes: v.optional(
    integerInRange(
      OKTA_LIMITS.refreshTokenWindowMinutes.min,
      OKTA_LIMITS.refreshTokenWindowMinutes.max,
      "minutes",
      "a refresh token unused for this long expires",
    ),
  ),
});

const access = strictRecord({
  groups: v.optional(v.array(nonEmptyString("an Okta group name"), "expected a list of Okta group names")),
  everyone: v.optional(bool()),
});

const authorizationServer = strictRecord({
  name: v.optional(nonEmptyString("an authorization server name")),
  issuerMode: v.optional(
    oneOf(
      ["ORG_URL", "CUSTOM_URL"],
      "DYNAMIC is not accepted: OpenMetadata needs one fixed issuer, and a Dynamic " +
        'issuer makes the token "iss" differ from the configured authority',
    ),
  ),
});

const serviceApp = strictRecord({
  enabled: v.optional(bool()),
  label: v.optional(nonEmptyString("an Okta app label")),
  jwksFile: v.optional(filePath("the path of the public JWKS file", "the environments file")),
  apiScopes: v.optional(v.array(oneOf(SERVICE_APP_API_SCOPES), "expected a list of Okta API scopes")),
  adminRole: v.optional(oneOf(SERVICE_APP_ADMIN_ROLES, "a standard Okta admin role; Okta checks it as well as the granted scopes")),
});

const ORG_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const orgName = checkedString('the Okta org name only, e.g. "dev-123456" (not a URL)', (value) => {
  if (ORG_NAME.test(value)) return undefined;
  const domain = /^(?:[a-z]+:\/\/)?([a-z0-9-]+)\.([a-z0-9.-]+?)(?:-admin)?\/?$/i.exec(value.replace(/-admin\./i, "."));
  if (domain)
    return `give the org name only: orgName "${domain[1]}" and baseUrl "${domain[2]}" (the org URL is https://{orgName}.{baseUrl})`;
  return 'expected the Okta org name only, e.g. "dev-123456" (not a URL)';
});

/** The domains Okta serves orgs under (commercial, preview, EMEA cell, US government cells). */
const OKTA_BASE_DOMAINS = ["okta.com", "oktapreview.com", "okta-emea.com", "okta-gov.com", "okta.mil", "okta-miltest.com"] as const;

/** Where the edit distance finds nothing (oktapreview.company), the domain with the same first label. */
function nearestByPrefix(value: string): string | undefined {
  const label = value.split(".")[0] ?? "";
  return OKTA_BASE_DOMAINS.find((domain) => domain.split(".")[0] === label);
}

export const oktaSection = v.pipe(
  strictRecord({
    orgName,
    baseUrl: domainName("okta.com"),
    /** baseUrl is deliberately not one of Okta's domains (an org reached through a custom domain). */
    customBaseUrl: v.optional(bool()),
    flow: v.optional(oneOf(["spa", "web"], '"spa" is a public Single-Page App with PKCE, "web" a confidential app with a client secret')),
    appLabel: v.optional(nonEmptyString("an Okta app label")),
    access: v.optional(access),
    refreshTokenLeewaySeconds: v.optional(
      integerInRange(
        OKTA_LIMITS.refreshTokenLeewaySeconds.min,
        OKTA_LIMITS.refreshTokenLeewaySeconds.max,
        "seconds",
        "Okta's grace period for a rotated refresh token",
      ),
    ),
    tokens: v.optional(tokens),
    authorizationServer: v.optional(authorizationServer),
    maxApiCapacity: v.optional(
      integerInRange(
        OKTA_LIMITS.maxApiCapacity.min,
        OKTA_LIMITS.maxApiCapacity.max,
        "percent",
        "share of the Okta API rate limit the provider may use",
      ),
    ),
    serviceApp: v.optional(serviceApp),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    // Only a section whose fields are all of the right type: the rules below read orgName and baseUrl.
    if (!dataset.typed) return;
    const value = dataset.value;
    const at = (key: "baseUrl" | "customBaseUrl", message: string) =>
      addIssue({ message, input: value[key], path: [{ type: "object", origin: "value", input: value, key, value: value[key] }] });
    // The provider builds https://{orgName}.{baseUrl}: "acme.okta.com" with orgName acme would mean https://acme.acme.okta.com.
    if (value.baseUrl.toLowerCase().startsWith(`${value.orgName.toLowerCase()}.`)) {
      const rest = value.baseUrl.slice(value.orgName.length + 1);
      // The more specific problem: the domain left after the org name is usually one of Okta's.
      return at(
        "baseUrl",
        `repeats the org name: the org URL is https://{orgName}.{baseUrl}, which would be ` +
          `https://${value.orgName}.${value.baseUrl}; write baseUrl: "${rest}"`,
      );
    }
    // The provider sends the API credentials to https://{orgName}.{baseUrl}: a typo (okta.co) would send them elsewhere.
    if (!value.customBaseUrl && !(OKTA_BASE_DOMAINS as readonly string[]).includes(value.baseUrl)) {
      const near = closest(value.baseUrl, OKTA_BASE_DOMAINS) ?? nearestByPrefix(value.baseUrl);
      return at(
        "baseUrl",
        `not one of Okta's domains (${OKTA_BASE_DOMAINS.join(", ")})${near ? `; did you mean "${near}"?` : ""}; the provider would send ` +
          `the API credentials to https://${value.orgName}.${value.baseUrl}. If that really is your org's domain, say so ` +
          `with okta.customBaseUrl: true`,
      );
    }
    if (value.customBaseUrl && (OKTA_BASE_DOMAINS as readonly string[]).includes(value.baseUrl))
      at("customBaseUrl", `${value.baseUrl} is one of Okta's own domains, not a custom one; remove customBaseUrl`);
  }),
);

type OktaInput = v.InferOutput<typeof oktaSection>;

export interface OktaSettings {
  readonly orgName: string;
  readonly baseUrl: string;
  /** `https://{orgName}.{baseUrl}`: the issuer of Okta API scope grants. */
  readonly orgUrl: string;
  readonly flow: "spa" | "web";
  readonly appLabel: string;
  /** Okta group names assigned to the app; empty only when `everyone` is true. */
  readonly groups: readonly string[];
  readonly everyone: boolean;
  readonly refreshTokenLeewaySeconds: number;
  readonly accessTokenLifetimeMinutes: number;
  readonly refreshTokenLifetimeMinutes: number;
  readonly refreshTokenWindowMinutes: number;
  readonly authorizationServerName: string;
  readonly issuerMode: "ORG_URL" | "CUSTOM_URL";
  readonly maxApiCapacity: number;
  readonly serviceApp?: ServiceAppSettings;
}

export interface ServiceAppSettings {
  readonly label: string;
  /** Absolute path of the public JWKS file. */
  readonly jwksFile: string;
  /** The keys read from `jwksFile` when the environments were loaded. */
  readonly publicKeys: readonly PublicJwk[];
  readonly apiScopes: readonly string[];
  /** A standard Okta admin role for the app; none when absent. */
  readonly adminRole?: (typeof SERVICE_APP_ADMIN_ROLES)[number];
}

/** The section's defaults; those of the Okta constructs' props are theirs (OKTA_CONSTRUCT_DEFAULTS), shown here. */
export const OKTA_DEFAULTS = {
  flow: "spa",
  appLabel: (name: string) => `OpenMetadata (${name})`,
  access: { groups: [] as readonly string[], everyone: OKTA_CONSTRUCT_DEFAULTS.everyone },
  refreshTokenLeewaySeconds: OKTA_CONSTRUCT_DEFAULTS.refreshTokenLeewaySeconds,
  tokens: { accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 129_600, refreshTokenWindowMinutes: 10_080 },
  authorizationServer: { name: (name: string) => `openmetadata-${name}`, issuerMode: OKTA_CONSTRUCT_DEFAULTS.issuerMode },
  maxApiCapacity: 50,
  serviceApp: {
    enabled: true,
    label: (name: string) => `OpenMetadata service (${name})`,
    apiScopes: ["okta.users.read", "okta.users.manage", "okta.clients.read"] satisfies (typeof SERVICE_APP_API_SCOPES)[number][],
  },
} as const;

/** The okta section, with its defaults and cross-field rules. */
export function resolveOktaSettings(environmentName: string, input: OktaInput, files: EnvironmentFiles): Resolved<OktaSettings> {
  const { problems, problem } = problemsOf(environmentName);
  const defaults = OKTA_DEFAULTS;
  const groups = input.access?.groups ?? defaults.access.groups;
  const everyone = input.access?.everyone ?? defaults.access.everyone;
  // The rule is the OIDC app's (lib/okta/okta-invariants.ts); this adds the field and the fix in the file's terms.
  const assignment = groupAssignmentProblem(groups, everyone);
  if (assignment === "nobody") {
    problem(
      "okta.access.groups",
      input.access?.groups,
      "no Okta group gets access; list the groups (controlled access), or set " +
        "okta.access.everyone: true to assign the app to every user deliberately",
    );
  }
  if (assignment === "both") {
    problem("okta.access.everyone", everyone, "everyone: true already assigns every user; remove it or empty okta.access.groups");
  }
  const duplicateGroup = repeatedGroup(groups);
  if (duplicateGroup) problem("okta.access.groups", duplicateGroup, "each group may be listed once");

  const issuerMode = input.authorizationServer?.issuerMode ?? defaults.authorizationServer.issuerMode;

  const accessTokenLifetimeMinutes = input.tokens?.accessTokenLifetimeMinutes ?? defaults.tokens.accessTokenLifetimeMinutes;
  const refreshTokenLifetimeMinutes = input.tokens?.refreshTokenLifetimeMinutes ?? defaults.tokens.refreshTokenLifetimeMinutes;
  const refreshTokenWindowMinutes = input.tokens?.refreshTokenWindowMinutes ?? defaults.tokens.refreshTokenWindowMinutes;
  // The order is the authorization server's rule (lib/okta/okta-invariants.ts); this names the field.
  for (const broken of tokenLifetimeProblems({ accessTokenLifetimeMinutes, refreshTokenLifetimeMinutes, refreshTokenWindowMinutes }))
    problem(`okta.tokens.${broken.field}`, broken.value, broken.message);

  const serviceApp = resolveServiceApp(environmentName, input.serviceApp, files);
  problems.push(...serviceApp.problems);

  if (problems.length > 0) return { problems };
  return {
    problems,
    value: {
      orgName: input.orgName,
      baseUrl: input.baseUrl,
      orgUrl: `https://${input.orgName}.${input.baseUrl}`,
      flow: input.flow ?? defaults.flow,
      appLabel: input.appLabel ?? defaults.appLabel(environmentName),
      groups,
      everyone,
      refreshTokenLeewaySeconds: input.refreshTokenLeewaySeconds ?? defaults.refreshTokenLeewaySeconds,
      accessTokenLifetimeMinutes,
      refreshTokenLifetimeMinutes,
      refreshTokenWindowMinutes,
      authorizationServerName: input.authorizationServer?.name ?? defaults.authorizationServer.name(environmentName),
      issuerMode,
      maxApiCapacity: input.maxApiCapacity ?? defaults.maxApiCapacity,
      ...(serviceApp.value ? { serviceApp: serviceApp.value } : {}),
    },
  };
}

/** The optional service app: present and enabled, it needs the public JWKS, read here so a bad file fails before any API call. */
function resolveServiceApp(environmentName: string, input: OktaInput["serviceApp"], files: EnvironmentFiles): Resolved<ServiceAppSettings> {
  const { problems, problem } = problemsOf(environmentName);
  const defaults = OKTA_DEFAULTS.serviceApp;
  if (!input || !(input.enabled ?? defaults.enabled)) return { problems };
  if (!input.jwksFile) {
    problem(
      "okta.serviceApp.jwksFile",
      undefined,
      "the service app authenticates with private_key_jwt and needs the public JWKS file " +
        "made by `npm run keys` (the private key never goes in the repo)",
    );
    return { problems };
  }
  const jwksFile = files.resolvePath(input.jwksFile);
  try {
    return {
      problems,
      value: {
        label: input.label ?? defaults.label(environmentName),
        jwksFile,
        publicKeys: files.readPublicKeys(jwksFile),
        apiScopes: input.apiScopes ?? defaults.apiScopes,
        ...(input.adminRole ? { adminRole: input.adminRole } : {}),
      },
    };
  } catch (error) {
    problem("okta.serviceApp.jwksFile", input.jwksFile, `${(error as Error).message}; expected a public JWKS made by \`npm run keys\``);
    return { problems };
  }
}
