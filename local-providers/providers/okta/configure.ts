/**
 * The provider block: its validation and ConfigureProvider, as okta/okta v6.12.0 does them
 * (okta/terraform-provider-okta@v6.12.0 okta/provider/provider.go, okta/config/config.go,
 * okta/api/idaas.go and the provider's sdk/v2_validator.go). No message ever holds a credential: the
 * checks name the fields, never their values.
 */
import { ProviderDiagnostic, type Diagnostic, type ProviderContext } from "../../provider/behaviour";
import { isUnknown, type ObjectValue, type Value } from "../../provider/values";
import { WorldTenant, worldFolder } from "../../provider/world";

const CONFLICTS: Readonly<Record<string, readonly string[]>> = {
  // provider.go:26-62 (ConflictsWith of each credential)
  access_token: ["api_token", "client_id", "scopes", "private_key"],
  api_token: ["access_token", "client_id", "scopes", "private_key"],
  client_id: ["access_token", "api_token"],
  scopes: ["access_token", "api_token"],
  private_key: ["access_token", "api_token"],
  private_key_id: ["api_token"],
};

/** provider.go:88-118 with validators.go:9-33. */
const RANGES: Readonly<Record<string, { readonly min?: number; readonly max: number }>> = {
  max_retries: { max: 100 },
  log_level: { min: 1, max: 5 },
  max_api_capacity: { min: 1, max: 100 },
  request_timeout: { min: 0, max: 300 },
};

const isSet = (value: Value | undefined): boolean => value !== undefined && value !== null;

/**
 * The attribute path as Go's %s prints a cty.Path (validators.go:16 and :29 format `k cty.Path` with
 * %s): a slice of GetAttrStep structs, `[{{} max_api_capacity}]`.
 */
const goPath = (name: string): string => `[{{} ${name}}]`;

export function validateProviderConfig(config: ObjectValue): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, conflicting] of Object.entries(CONFLICTS)) {
    const value = config[name];
    if (!isSet(value) || isUnknown(value)) continue;
    // terraform-plugin-sdk/v2@v2.39.0 helper/schema/schema.go:1912-1920 and :1956-1966: the first
    // conflicting key set (and known) is reported.
    const other = conflicting.find((key) => isSet(config[key]) && !isUnknown(config[key]));
    if (other) {
      diagnostics.push({
        severity: "error",
        summary: "Conflicting configuration arguments",
        detail: `"${name}": conflicts with ${other}`,
        attribute: [name],
      });
    }
  }
  for (const [name, range] of Object.entries(RANGES)) {
    const value = config[name];
    if (typeof value !== "number") continue;
    if (range.min === undefined && value > range.max) {
      diagnostics.push({
        severity: "error",
        summary: `expected ${goPath(name)} to be at most (${range.max}), got ${value}`,
        attribute: [name],
      });
    } else if (range.min !== undefined && (value < range.min || value > range.max)) {
      diagnostics.push({
        severity: "error",
        summary: `expected ${goPath(name)} to be in the range (${range.min} - ${range.max}), got ${value}`,
        attribute: [name],
      });
    }
  }
  return diagnostics;
}

/** What NewConfig (config.go:48-174) settles from the block and the environment: config first, then OKTA_* variables. */
export interface OktaCredentials {
  readonly orgName: string;
  readonly baseUrl: string;
  readonly httpProxy: string;
  readonly apiToken: string;
  readonly accessToken: string;
  readonly clientId: string;
  readonly privateKey: string;
  readonly privateKeyId: string;
  readonly scopes: readonly string[];
}

function text(config: ObjectValue, name: string, env: NodeJS.ProcessEnv, variable: string): string {
  const value = config[name];
  if (typeof value === "string" && value !== "") return value;
  return env[variable] ?? "";
}

export function credentialsOf(config: ObjectValue, env: NodeJS.ProcessEnv): OktaCredentials {
  const configured = Array.isArray(config["scopes"])
    ? (config["scopes"] as readonly Value[]).filter((s): s is string => typeof s === "string")
    : [];
  const fromEnv = env["OKTA_API_SCOPES"] ? env["OKTA_API_SCOPES"].split(",") : [];
  return {
    orgName: text(config, "org_name", env, "OKTA_ORG_NAME"),
    baseUrl: text(config, "base_url", env, "OKTA_BASE_URL"),
    httpProxy: text(config, "http_proxy", env, "OKTA_HTTP_PROXY"),
    apiToken: text(config, "api_token", env, "OKTA_API_TOKEN"),
    accessToken: text(config, "access_token", env, "OKTA_ACCESS_TOKEN"),
    clientId: text(config, "client_id", env, "OKTA_API_CLIENT_ID"),
    privateKey: text(config, "private_key", env, "OKTA_API_PRIVATE_KEY"),
    privateKeyId: text(config, "private_key_id", env, "OKTA_API_PRIVATE_KEY_ID"),
    // config.go:111-116: the block's set, else OKTA_API_SCOPES split on commas.
    scopes: configured.length > 0 ? configured : fromEnv,
  };
}

const NO_CREDENTIALS =
  "[ERROR] no Okta credentials provided. Please set one of the following: " +
  "'api_token' (or OKTA_API_TOKEN env var), " +
  "'access_token' (or OKTA_ACCESS_TOKEN env var), or " +
  "'private_key' + 'client_id' (or OKTA_API_PRIVATE_KEY + OKTA_API_CLIENT_ID env vars). " +
  "See https://registry.terraform.io/providers/okta/okta/latest/docs for more information";

const FIND_DOMAIN =
  "You can copy your domain from the Okta Developer Console. Follow these instructions to find it: https://bit.ly/finding-okta-domain";

/**
 * The first SDK client that validates its configuration is the provider's own v2 sdk (api/idaas.go:115,
 * built after the v6, v5 and v4 clients, which validate nothing): sdk/v2_validator.go:9-89.
 */
function sdkConfigError(credentials: OktaCredentials): string | undefined {
  const orgUrl = credentials.httpProxy ? credentials.httpProxy.replace(/\/$/, "") : `https://${credentials.orgName}.${credentials.baseUrl}`;
  const disableHttpsCheck = credentials.httpProxy.startsWith("http://");
  if (orgUrl.includes("{yourOktaDomain}")) return `replace {yourOktaDomain} with your Okta domain. ${FIND_DOMAIN}`;
  if (/-admin\.(okta|oktapreview|okta-emea)\.com/.test(orgUrl))
    return `your Okta domain should not contain -admin. Current value: ${orgUrl}. ${FIND_DOMAIN}`;
  if (orgUrl.endsWith(".com.com")) return `it looks like there's a typo in your Okta domain. Current value: ${orgUrl}. ${FIND_DOMAIN}`;
  if (!disableHttpsCheck && !orgUrl.startsWith("https://"))
    return `your Okta URL must start with https. Current value: ${orgUrl}. ${FIND_DOMAIN}`;
  // api/idaas.go:254-272: an access token wins over an API token, which wins over a private key.
  const token = credentials.accessToken || credentials.apiToken;
  if (token && token.includes("{apiToken}"))
    return "replace {apiToken} with your Okta API token. You can generate one in the Okta Developer Console. Follow these instructions: https://bit.ly/get-okta-api-token";
  if (!token && (credentials.clientId === "" || credentials.scopes.length === 0))
    return "when using AuthorizationMode 'PrivateKey', you must supply 'ClientId', 'Scopes', and 'PrivateKey' or 'PrivateKeySigner'";
  return undefined;
}

/** ConfigureProvider: provider.go:128-154. The tenant is the org `<org_name>.<base_url>` of the world named by OPENMETADATA_LOCAL_WORLD. */
export function configureProvider(config: ObjectValue, env: NodeJS.ProcessEnv): ProviderContext {
  const credentials = credentialsOf(config, env);
  if (!credentials.apiToken && !credentials.accessToken && !credentials.privateKey) throw new ProviderDiagnostic(NO_CREDENTIALS);
  const sdkError = sdkConfigError(credentials);
  // provider.go:139-141 wraps config.go:235-238's "failed to initialize IDaaS API client: %v".
  if (sdkError) throw new ProviderDiagnostic(`[ERROR] failed to load sdk clients: failed to initialize IDaaS API client: ${sdkError}`);
  if (!credentials.orgName || !credentials.baseUrl) {
    // The real provider only finds out at its first request (GET /api/v1/users/me with an API token,
    // config.go:257-271); the prefix is provider.go:149's, the rest is the local world's.
    throw new ProviderDiagnostic(
      `[ERROR] failed validate configuration: error with v3 SDK client: no Okta org at https://${credentials.orgName}.${credentials.baseUrl} ` +
        "in the local world (set org_name or OKTA_ORG_NAME, and base_url or OKTA_BASE_URL)",
    );
  }
  // The context's config has the environment fallbacks applied (behaviour.ts), so the behaviours see
  // how the provider authenticates (app groups claims are skipped with OAuth 2.0, app_oauth.go:586-590).
  const resolved: ObjectValue = {
    ...config,
    org_name: credentials.orgName,
    base_url: credentials.baseUrl,
    api_token: credentials.apiToken || null,
    access_token: credentials.accessToken || null,
    client_id: credentials.clientId || null,
    private_key: credentials.privateKey || null,
    private_key_id: credentials.privateKeyId || null,
    scopes: [...credentials.scopes],
  };
  return { config: resolved, tenant: new WorldTenant(worldFolder(env), "okta", `${credentials.orgName}.${credentials.baseUrl}`) };
}
