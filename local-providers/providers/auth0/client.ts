/**
 * auth0_client (internal/auth0/client/resource.go@v1.55.0): a client in the tenant's `clients`
 * collection, in the Management API's shape. Create sends what the configuration sets (expandClient,
 * expand.go) over Auth0's defaults for the app type; read sets every attribute from the client
 * (flattenClient, flatten.go:664). In 1.x the secret is not an attribute here: auth0_client_credentials
 * holds it (MIGRATION_GUIDE.md@v1.55.0); the client object still has one, as in Auth0.
 */
import { ProviderDiagnostic, type Diagnostic, type ResourceBehaviour } from "../../provider/behaviour";
import { isObjectValue, stringAt, type ObjectValue, type Value } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import { fromApi, keepComputedBlocks, mergeApi, normalizeNulls, toApi, type ApiObject } from "./convert";
import { CLIENT_SCHEMA } from "./sdk-schemas/client";
import { clientSigningKeys, tenantSigningKey } from "./signing-key";
import {
  appTypeAuthMethod,
  asWorldClient,
  AUTH0_COLLECTIONS,
  connectionClientKey,
  existingClient,
  getClient,
  newClientId,
  newClientSecret,
  tenantOf,
  type WorldClient,
  type WorldConnectionClient,
} from "./tenant";
import { stringInSlice, stringLenBetween, valueAt } from "./validation";

/** Where the API's field name differs from the attribute's (cross_origin_auth is `cross_origin_authentication` in every recorded client). */
const API_NAMES = { cross_origin_auth: "cross_origin_authentication" } as const;

/** resource.go:23-28. */
const VALID_APP_TYPES = [
  "native", "spa", "regular_web", "non_interactive", "resource_server", "rms",
  "box", "cloudbees", "concur", "dropbox", "mscrm", "echosign",
  "egnyte", "newrelic", "office365", "salesforce", "sentry",
  "sharepoint", "slack", "springcm", "sso_integration", "zendesk", "zoom", "express_configuration",
]; // prettier-ignore

/** The StringLenBetween and StringInSlice validators of the attributes the stacks write, and of the top-level enumerations. */
function validateClient(config: ObjectValue): Diagnostic[] {
  return [
    ...stringLenBetween(config, ["description"], 0, 140), // resource.go:88
    ...stringInSlice(config, ["app_type"], VALID_APP_TYPES), // resource.go:129
    ...stringInSlice(config, ["third_party_security_mode"], ["strict", "permissive"]), // resource.go:152
    ...stringInSlice(config, ["redirection_policy"], ["allow_always", "open_redirect_protection"]), // resource.go:160
    ...stringInSlice(config, ["organization_usage"], ["deny", "allow", "require"]), // resource.go:229
    ...stringInSlice(config, ["organization_require_behavior"], ["no_prompt", "pre_login_prompt", "post_login_prompt"]), // resource.go:239
    ...stringInSlice(config, ["jwt_configuration", 0, "alg"], ["HS256", "RS256", "PS256"]), // resource.go:310
    ...stringInSlice(config, ["refresh_token", 0, "rotation_type"], ["rotating", "non-rotating"]), // resource.go:524
    ...stringInSlice(config, ["refresh_token", 0, "expiration_type"], ["expiring", "non-expiring"]), // resource.go:536
    ...stringInSlice(config, ["compliance_level"], ["none", "fapi1_adv_pkj_par", "fapi1_adv_mtls_par"]), // resource.go:1498
    ...stringInSlice(config, ["skip_non_verifiable_callback_uri_confirmation_prompt"], ["true", "false", "null"]), // resource.go:1684
  ];
}

function refusal(rule: string, citation: string): ProviderDiagnostic {
  return new ProviderDiagnostic(`auth0_client: ${rule}`, citation);
}

/**
 * The refresh-token rule Auth0 documents as a "must" (docs/resources/client.md:720@v1.55.0). The project's
 * stricter rules (checkAuth0Client in lib/auth0/auth0-client-rules.ts) are not repeated here: the Management API
 * accepts what they refuse (test/data/recordings/TestAccClientRefreshToken.yaml@v1.55.0), and a local
 * provider refuses only what the real service would, so a regression in the project's own checks shows.
 * The wording is the local world's: the API's is in neither the provider nor its recordings.
 */
export function checkRefreshTokenRules(config: ObjectValue): void {
  const refresh = valueAt(config, ["refresh_token", 0]);
  if (!isObjectValue(refresh)) return;
  if (stringAt(refresh, "rotation_type") === "rotating" && stringAt(refresh, "expiration_type") !== "expiring") {
    throw refusal(
      'rotating refresh tokens must have expiration_type "expiring"',
      'docs/resources/client.md:720@v1.55.0: "If rotation is `rotating`, this must be set to `expiring`."',
    );
  }
}

/** expandClient's own refusal (expand.go, default_organization): "cannot set both disable and either flows/organization_id". */
function checkDefaultOrganization(config: ObjectValue): void {
  for (const item of (config["default_organization"] ?? []) as readonly Value[]) {
    if (!isObjectValue(item) || item["disable"] !== true) continue;
    const flows = item["flows"];
    const organization = stringAt(item, "organization_id");
    if ((Array.isArray(flows) && flows.length > 0) || (organization !== undefined && organization !== "")) {
      throw new ProviderDiagnostic("cannot set both disable and either flows/organization_id");
    }
  }
}

/**
 * What Auth0 gives a new client, by app type, as the provider's recordings show it
 * (test/data/recordings/TestAccClientCanSetDefaultAuthMethodOnCreate.yaml and TestAccClientOIDCLogout.yaml
 * @v1.55.0: a client without app type, a regular_web and a spa). Other app types get the regular_web defaults here.
 */
function auth0Defaults(appType: string | undefined): ApiObject {
  const spa = appType === "spa";
  return {
    is_first_party: true,
    is_token_endpoint_ip_header_trusted: false,
    oidc_conformant: false,
    jwt_configuration: { secret_encoded: false, lifetime_in_seconds: 36000 },
    sso_disabled: false,
    cross_origin_authentication: false,
    grant_types: spa
      ? ["authorization_code", "implicit", "refresh_token"]
      : ["authorization_code", "implicit", "refresh_token", "client_credentials"],
    custom_login_page_on: true,
    token_endpoint_auth_method: spa ? "none" : "client_secret_post",
    refresh_token: {
      rotation_type: "non-rotating",
      expiration_type: "non-expiring",
      leeway: 0,
      token_lifetime: spa ? 2592000 : 31557600,
      infinite_token_lifetime: true,
      infinite_idle_token_lifetime: true,
      idle_token_lifetime: spa ? 1296000 : 2592000,
    },
  };
}

/** The token endpoint method expandClient sets on create (expand.go, IsNewResource): by app type, or client_secret_post with the IP header flag. */
function createAuthMethod(config: ObjectValue): string | undefined {
  const byAppType = appTypeAuthMethod(stringAt(config, "app_type"));
  if (byAppType) return byAppType;
  return (config["is_token_endpoint_ip_header_trusted"] ?? null) !== null ? "client_secret_post" : undefined;
}

/** fetchNullableFields (expand.go:1162): the fields an update clears when the configuration drops them. */
const NULLABLE_ON_UPDATE = [
  "default_organization",
  "session_transfer",
  "cross_origin_loc",
  "encryption_key",
  "token_quota",
  "skip_non_verifiable_callback_uri_confirmation_prompt",
  "organization_discovery_methods",
  "token_exchange",
  "async_approval_notification_channels",
  "fedcm_login",
  "identity_assertion_authorization_grant",
];

/** The state of a client: flattenClient over the API object, then nulls where the plan or prior state had them. */
function clientState(client: WorldClient, prior: ObjectValue | null): ObjectValue {
  const state = fromApi(client, CLIENT_SCHEMA, API_NAMES);
  return { ...normalizeNulls(state, prior, CLIENT_SCHEMA), id: client.client_id };
}

function putClient(tenant: WorldTenant, client: WorldClient): void {
  tenant.put(AUTH0_COLLECTIONS.clients, client.client_id, client);
}

export const clientBehaviour: ResourceBehaviour = {
  validate: validateClient,

  plan({ planned, config, prior }) {
    return { planned: keepComputedBlocks(planned, config, prior, CLIENT_SCHEMA) };
  },

  create(planned, context, config) {
    checkRefreshTokenRules(config);
    checkDefaultOrganization(config);
    const tenant = tenantOf(context);
    const sent = toApi(config, CLIENT_SCHEMA, API_NAMES);
    const method = createAuthMethod(config);
    const client = asWorldClient({
      ...mergeApi(auth0Defaults(stringAt(config, "app_type")), sent),
      ...(method ? { token_endpoint_auth_method: method } : {}),
      client_id: newClientId(),
      client_secret: newClientSecret(),
      signing_keys: clientSigningKeys(tenantSigningKey(tenant)),
    });
    putClient(tenant, client);
    return clientState(client, planned);
  },

  read(state, context) {
    const client = getClient(tenantOf(context), stringAt(state, "id") ?? "");
    // HandleReadAPIError (internal/error/api_error.go:32): a 404 removes the client from the state.
    return client ? clientState(client, state) : null;
  },

  update(planned, prior, context, config) {
    checkRefreshTokenRules(config);
    checkDefaultOrganization(config);
    const tenant = tenantOf(context);
    const current = existingClient(tenant, stringAt(prior, "id") ?? "");
    // PATCH with the configured fields (expandClient reads the raw config): what the configuration no
    // longer sets stays in Auth0, except the fields fetchNullableFields clears.
    const patched: ApiObject = mergeApi(current, toApi(config, CLIENT_SCHEMA, API_NAMES));
    for (const name of NULLABLE_ON_UPDATE) {
      const value = config[name] ?? null;
      if (value === null || (Array.isArray(value) && value.length === 0)) delete patched[name];
    }
    const updated = asWorldClient(patched);
    putClient(tenant, updated);
    return clientState(updated, planned);
  },

  delete(prior, context) {
    const tenant = tenantOf(context);
    const clientId = stringAt(prior, "id") ?? "";
    // HandleAPIError (api_error.go:16): a client already gone is deleted.
    tenant.delete(AUTH0_COLLECTIONS.clients, clientId);
    // Auth0 takes a deleted client off every connection.
    for (const link of tenant.list<WorldConnectionClient>(AUTH0_COLLECTIONS.connectionClients)) {
      if (link.client_id === clientId)
        tenant.delete(AUTH0_COLLECTIONS.connectionClients, connectionClientKey(link.connection_id, clientId));
    }
  },

  /** importClient (resource.go:1874): the client must exist and must not be a CIMD client. */
  import(id, context) {
    const client = existingClient(tenantOf(context), id);
    if (client["external_metadata_type"] === "cimd") {
      throw new ProviderDiagnostic(
        `client ${JSON.stringify(id)} is a CIMD client. Use the auth0_client_cimd resource to manage CIMD clients`,
      );
    }
    return { id: client.client_id };
  },
};
