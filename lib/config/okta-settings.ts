import { DEFAULTS } from "./defaults";
import type { EnvironmentFiles, OktaSettings, ServiceAppSettings } from "./environment";
import type { EnvironmentInput } from "./environment-schema";
import { problemsOf, type Resolved } from "./section";

type OktaInput = NonNullable<EnvironmentInput["okta"]>;

/** The okta section, with its defaults and cross-field rules. */
export function resolveOktaSettings(environmentName: string, input: OktaInput, files: EnvironmentFiles): Resolved<OktaSettings> {
  const { problems, problem } = problemsOf(environmentName);
  const defaults = DEFAULTS.okta;
  const groups = input.access?.groups ?? defaults.access.groups;
  const everyone = input.access?.everyone ?? defaults.access.everyone;
  if (groups.length === 0 && !everyone) {
    problem(
      "okta.access.groups",
      input.access?.groups,
      "no Okta group gets access; list the groups (controlled access), or set " +
        "okta.access.everyone: true to assign the app to every user deliberately",
    );
  }
  if (groups.length > 0 && everyone) {
    problem("okta.access.everyone", everyone, "everyone: true already assigns every user; remove it or empty okta.access.groups");
  }
  const duplicateGroup = groups.find((group, index) => groups.indexOf(group) !== index);
  if (duplicateGroup) problem("okta.access.groups", duplicateGroup, "each group may be listed once");

  const issuerMode = input.authorizationServer?.issuerMode ?? defaults.authorizationServer.issuerMode;

  const accessTokenLifetimeMinutes = input.tokens?.accessTokenLifetimeMinutes ?? defaults.tokens.accessTokenLifetimeMinutes;
  const refreshTokenLifetimeMinutes = input.tokens?.refreshTokenLifetimeMinutes ?? defaults.tokens.refreshTokenLifetimeMinutes;
  const refreshTokenWindowMinutes = input.tokens?.refreshTokenWindowMinutes ?? defaults.tokens.refreshTokenWindowMinutes;
  if (refreshTokenLifetimeMinutes < accessTokenLifetimeMinutes) {
    problem(
      "okta.tokens.refreshTokenLifetimeMinutes",
      refreshTokenLifetimeMinutes,
      `Okta requires the refresh token lifetime to be at least the access token lifetime (${accessTokenLifetimeMinutes} minutes)`,
    );
  }
  // The provider refuses a rule otherwise, at apply: okta/okta v6.12.0
  // okta/services/idaas/resource_okta_auth_server_policy_rule.go:323-328 (access <= window <= lifetime).
  if (refreshTokenWindowMinutes > refreshTokenLifetimeMinutes) {
    problem(
      "okta.tokens.refreshTokenWindowMinutes",
      refreshTokenWindowMinutes,
      `must not exceed the refresh token lifetime (${refreshTokenLifetimeMinutes} minutes)`,
    );
  }
  if (refreshTokenWindowMinutes < accessTokenLifetimeMinutes) {
    problem(
      "okta.tokens.refreshTokenWindowMinutes",
      refreshTokenWindowMinutes,
      `Okta requires the refresh token window to be at least the access token lifetime (${accessTokenLifetimeMinutes} ` +
        `minutes): access <= window <= refresh lifetime; raise the window or shorten accessTokenLifetimeMinutes`,
    );
  }

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
  const defaults = DEFAULTS.okta.serviceApp;
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
