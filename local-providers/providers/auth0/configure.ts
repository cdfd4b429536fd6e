/**
 * The provider block: its environment fallbacks (DefaultFunc, internal/provider/provider.go:51-155@v1.55.0),
 * the SDK's argument checks on the result, and the credential checks of ConfigureProvider
 * (internal/config/config.go:114-200). No message names a credential's value.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ProviderDiagnostic, type Diagnostic, type ProviderContext } from "../../provider/behaviour";
import { boolAt, isUnknown, stringAt, type ObjectValue, type Value } from "../../provider/values";
import { worldFolder } from "../../provider/world";
import { AUTH0_COLLECTIONS, auth0Tenant, tenantOf, type WorldManagementGrant } from "./tenant";
import { conflictsWith, requiredWith } from "./validation";

/** schema.EnvDefaultFunc: the variable when it is set and not empty (provider.go:55,62,69,77,86,95,104,152). */
const STRING_ENVIRONMENT: { readonly [attribute: string]: string } = {
  domain: "AUTH0_DOMAIN",
  audience: "AUTH0_AUDIENCE",
  client_id: "AUTH0_CLIENT_ID",
  client_secret: "AUTH0_CLIENT_SECRET",
  client_assertion_private_key: "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY",
  client_assertion_signing_alg: "AUTH0_CLIENT_ASSERTION_SIGNING_ALG",
  api_token: "AUTH0_API_TOKEN",
  custom_domain_header: "AUTH0_CUSTOM_DOMAIN_HEADER",
};

/** The bool DefaultFuncs (provider.go:115,127,140): false when unset, true for "1", "true" or "on". */
const BOOL_ENVIRONMENT: { readonly [attribute: string]: string } = {
  debug: "AUTH0_DEBUG",
  dynamic_credentials: "AUTH0_DYNAMIC_CREDENTIALS",
  cli_login: "AUTH0_CLI_LOGIN",
};

/**
 * The provider configuration as the SDK hands it on: every top-level attribute left null takes its
 * DefaultFunc's value (hashicorp/terraform-plugin-sdk@v2.40.1 helper/schema/grpc_provider.go:304-358,
 * before validation, so an environment variable counts as set for ConflictsWith and RequiredWith).
 */
export function withEnvironmentDefaults(config: ObjectValue, env: NodeJS.ProcessEnv): ObjectValue {
  const result: Record<string, Value> = { ...config };
  for (const [attribute, variable] of Object.entries(STRING_ENVIRONMENT)) {
    const fromEnvironment = env[variable];
    if ((result[attribute] ?? null) === null && fromEnvironment) result[attribute] = fromEnvironment;
  }
  for (const [attribute, variable] of Object.entries(BOOL_ENVIRONMENT)) {
    const fromEnvironment = env[variable] ?? "";
    if ((result[attribute] ?? null) === null)
      result[attribute] = fromEnvironment === "1" || fromEnvironment === "true" || fromEnvironment === "on";
  }
  return result;
}

/** RequiredWith, then ConflictsWith, per attribute, as schemaMap.validate orders them (helper/schema/schema.go:1825). */
const ARGUMENT_RULES: readonly { name: string; requiredWith: readonly string[]; conflictsWith: readonly string[] }[] = [
  { name: "client_id", requiredWith: [], conflictsWith: ["api_token"] }, // provider.go:70
  {
    name: "client_secret",
    requiredWith: ["client_id"],
    conflictsWith: ["api_token", "client_assertion_private_key", "client_assertion_signing_alg"],
  }, // provider.go:78-79
  {
    name: "client_assertion_private_key",
    requiredWith: ["client_assertion_signing_alg", "client_id"],
    conflictsWith: ["api_token", "client_secret"],
  }, // provider.go:89-90
  {
    name: "client_assertion_signing_alg",
    requiredWith: ["client_assertion_private_key", "client_id"],
    conflictsWith: ["api_token", "client_secret"],
  }, // provider.go:98-99
  {
    name: "api_token",
    requiredWith: [],
    conflictsWith: ["client_id", "client_secret", "client_assertion_private_key", "client_assertion_signing_alg"],
  }, // provider.go:105
];

/**
 * The SDK's checks of the provider block with the environment applied. With AUTH0_API_TOKEN and
 * AUTH0_CLIENT_ID both set this refuses the configuration, whatever the api_token description says
 * about one winning over the other (provider.go:110): the SDK validates after applying the defaults.
 */
export function validateProviderArguments(config: ObjectValue, env: NodeJS.ProcessEnv): Diagnostic[] {
  const applied = withEnvironmentDefaults(config, env);
  return ARGUMENT_RULES.flatMap((rule) => {
    const missing = requiredWith(applied, rule.name, rule.requiredWith);
    return missing.length > 0 ? missing : conflictsWith(applied, rule.name, rule.conflictsWith);
  });
}

const known = (config: ObjectValue, name: string) => (isUnknown(config[name]) ? "" : (stringAt(config, name) ?? ""));

function missingConfiguration(detail: string): ProviderDiagnostic {
  return new ProviderDiagnostic("Missing required configuration", detail);
}

/** config.go:131-137. */
const missingDomain = (variables: string) => missingConfiguration(`The 'AUTH0_DOMAIN' must be specified along with ${variables}.`);

/**
 * fetchAndValidateCLIToken (config.go:241-284) without the OS keyring, which a local run has none of:
 * the auth0-cli config file's token for the domain (config.go:45,710), then its expiry.
 */
function checkCliToken(domain: string, env: NodeJS.ProcessEnv): void {
  const file = join(env["HOME"] ?? "", ".config", "auth0", "config.json");
  let token = "";
  if (existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, "utf8")) as { tenants?: { [domain: string]: { access_token?: string } } };
      token = parsed.tenants?.[domain]?.access_token ?? "";
    } catch (error) {
      throw new ProviderDiagnostic("Failed to read config.json file", `failed to parse config.json: ${(error as Error).message}`);
    }
  }
  if (token === "") {
    throw new ProviderDiagnostic(
      "Authentication required",
      "No CLI token found. Please log in using 'auth0 login' via auth0-cli or disable 'AUTH0_CLI_LOGIN'.",
    );
  }
  // validateTokenExpiry and decodeJWT (config.go:294-335).
  const parts = token.split(".");
  if (parts.length !== 3) throw new ProviderDiagnostic("Token validation failed", "invalid JWT format");
  const segment = (index: number, name: string): unknown => {
    try {
      return JSON.parse(Buffer.from(parts[index]!, "base64url").toString("utf8")) as unknown;
    } catch (error) {
      throw new ProviderDiagnostic("Token validation failed", `error unmarshalling ${name}: ${(error as Error).message}`);
    }
  };
  segment(0, "header");
  const payload = (segment(1, "payload") ?? {}) as { exp?: unknown };
  if (typeof payload.exp !== "number") {
    throw new ProviderDiagnostic("Token validation failed", "missing expiration: the token does not contain an expiration claim");
  }
  if (Math.floor(Date.now() / 1000) > Math.trunc(payload.exp)) {
    throw new ProviderDiagnostic("Token validation failed", "expired token: the stored auth0-cli token has expired. Please log in again");
  }
}

/** ParseResourceConfigData (config.go:114-200): which credentials were given, and the domain they need. */
function checkCredentials(config: ObjectValue, env: NodeJS.ProcessEnv): void {
  const domain = known(config, "domain");
  const clientId = known(config, "client_id");
  const hasSecret = known(config, "client_secret") !== "";
  const hasAssertion = known(config, "client_assertion_private_key") !== "" && known(config, "client_assertion_signing_alg") !== "";
  if (boolAt(config, "dynamic_credentials") === true) {
    if (domain === "") throw missingDomain("'AUTH0_DYNAMIC_CREDENTIALS'");
    return;
  }
  if (boolAt(config, "cli_login") === true) {
    if (domain === "") throw missingDomain("'AUTH0_CLI_LOGIN'");
    checkCliToken(domain, env);
    return;
  }
  if (known(config, "api_token") !== "") {
    if (domain === "") throw missingDomain("'AUTH0_API_TOKEN'");
    return;
  }
  if (clientId !== "") {
    if (!hasSecret && !hasAssertion) {
      throw missingConfiguration(
        "When 'AUTH0_CLIENT_ID' is provided, either 'AUTH0_CLIENT_SECRET' or both " +
          "'AUTH0_CLIENT_ASSERTION_PRIVATE_KEY' and 'AUTH0_CLIENT_ASSERTION_SIGNING_ALG' must also be specified.",
      );
    }
    if (domain === "") {
      throw missingDomain(
        hasSecret
          ? "'AUTH0_CLIENT_ID' and 'AUTH0_CLIENT_SECRET'"
          : "'AUTH0_CLIENT_ID', 'AUTH0_CLIENT_ASSERTION_PRIVATE_KEY', and 'AUTH0_CLIENT_ASSERTION_SIGNING_ALG'",
      );
    }
    return;
  }
  throw new ProviderDiagnostic(
    "Missing environment variables",
    "AUTH0_DOMAIN is required. Then, configure either AUTH0_API_TOKEN, " +
      "or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, " +
      "or AUTH0_CLIENT_ID, AUTH0_CLIENT_ASSERTION_PRIVATE_KEY, and AUTH0_CLIENT_ASSERTION_SIGNING_ALG, " +
      "or enable CLI login with AUTH0_CLI_LOGIN=true.",
  );
}

/**
 * ConfigureProvider: the checks above, then the tenant of the domain. Like the real provider, the
 * credentials themselves are not tried here (go-auth0 asks for a token on the first API call).
 */
export function configureAuth0(config: ObjectValue, env: NodeJS.ProcessEnv): ProviderContext {
  const [first] = validateProviderArguments(config, env);
  if (first) throw new ProviderDiagnostic(first.summary, first.detail ?? "", first.attribute ?? []);
  const applied = withEnvironmentDefaults(config, env);
  checkCredentials(applied, env);
  return { config: applied, tenant: auth0Tenant(worldFolder(env), known(applied, "domain")) };
}

/**
 * Whether the Management API hands the provider a client's secret: only to a token with
 * read:client_keys or read:client_credentials, else the state gets "" (the client_secret description,
 * internal/auth0/client/resource_credentials_schema.go:148-152). The scopes of the provider's app are
 * a `managementGrants` object named by its client id; without one (or with an API token) the app may read them.
 */
export function mayReadClientSecrets(context: ProviderContext): boolean {
  if (known(context.config, "api_token") !== "") return true;
  const clientId = known(context.config, "client_id");
  if (clientId === "") return true;
  const grant = tenantOf(context).get<WorldManagementGrant>(AUTH0_COLLECTIONS.managementGrants, clientId);
  return !grant || grant.scopes.includes("read:client_keys") || grant.scopes.includes("read:client_credentials");
}
