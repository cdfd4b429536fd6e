/**
 * The schema okta/okta v6.12.0 serves for every type the stacks can emit, read from
 * okta/terraform-provider-okta at tag v6.12.0 (commit e59c130b); paths are under okta/ there.
 *
 * okta/okta muxes two servers (main.go: tf5muxserver over the terraform-plugin-sdk/v2 provider and
 * the plugin-framework one downgraded to protocol 5). Of the types here only
 * okta_app_oauth_role_assignment is plugin-framework (services/idaas/idaas.go:90, FWProviderResources);
 * every other resource and both data sources are SDKv2 (idaas.go:199-273 ProviderResources,
 * :288-312 ProviderDataSources), and so is the provider block (provider/provider.go:18; the framework
 * provider declares the same attributes, fwprovider/framework_provider.go:72, which the mux requires).
 * So `legacyTypeSystem` is true for the provider and false on the one framework type.
 *
 * SDKv2 mapping (helper/schema core_schema.go): every type gets an optional+computed `id`; a
 * Required attribute with a DefaultFunc that returns a value is served as Optional (group.profile of
 * okta_app_group_assignments); Timeouts become a single `timeouts` block with one optional string per
 * declared timeout.
 */
import type { AttributeSchema, BlockSchema, CtyType, NestedBlockSchema, ProviderSchemas, TypeSchema } from "../../schema/types";

const TAG = "okta/terraform-provider-okta@v6.12.0";
const IDAAS = `${TAG} okta/services/idaas`;

type Flags = Omit<AttributeSchema, "type" | "nestedType">;

const attribute = (type: CtyType, flags: Flags): AttributeSchema => ({ type, ...flags });
const required = (type: CtyType, extra: Flags = {}): AttributeSchema => attribute(type, { required: true, ...extra });
const optional = (type: CtyType, extra: Flags = {}): AttributeSchema => attribute(type, { optional: true, ...extra });
const computed = (type: CtyType, extra: Flags = {}): AttributeSchema => attribute(type, { computed: true, ...extra });
const optionalComputed = (type: CtyType, extra: Flags = {}): AttributeSchema =>
  attribute(type, { optional: true, computed: true, ...extra });
const STRING_SET = ["set", "string"] as const;
const STRING_LIST = ["list", "string"] as const;

/** The `id` helper/schema adds to every SDKv2 resource and data source that does not declare one. */
const SDK_ID = optionalComputed("string");

/** helper/schema Resource.Timeouts: a single block, one optional string per declared timeout. */
function timeouts(...names: readonly ("create" | "read" | "update" | "delete")[]): NestedBlockSchema {
  return { nesting: "single", block: { attributes: Object.fromEntries(names.map((name) => [name, optional("string")])) } };
}

function sdk(source: string, block: BlockSchema): TypeSchema {
  return { source, version: 0, block: { ...block, attributes: { id: SDK_ID, ...block.attributes } } };
}

/** statusSchema, services/idaas/policy.go:81-86. */
const STATUS = optional("string", { default: "ACTIVE" });

/**
 * okta_app_oauth: BuildAppSchema (app.go:204) merges baseAppSchema (app.go:19-92), baseAppSwaSchema
 * (app.go:132-158) and the resource's own map (resource_okta_app_oauth.go:153-491); Timeouts create,
 * read, update (:492-496). No ForceNew besides type and client_id; omit_secret true -> false is a
 * CustomizeDiff ForceNew (:134-143), applied in app-oauth.ts.
 */
const appOauth = sdk(`${IDAAS}/resource_okta_app_oauth.go:125`, {
  attributes: {
    // baseAppSchema, app.go:19-92
    name: computed("string"),
    label: required("string"),
    sign_on_mode: computed("string"),
    status: optional("string", { default: "ACTIVE" }),
    logo: optional("string"),
    logo_url: computed("string"),
    admin_note: optional("string"),
    enduser_note: optional("string"),
    app_links_json: optional("string"),
    accessibility_login_redirect_url: optional("string"),
    accessibility_self_service: optional("bool", { default: false }),
    accessibility_error_redirect_url: optional("string"),
    // baseAppSwaSchema, app.go:132-158
    user_name_template: optional("string", { default: "${source.login}" }),
    user_name_template_suffix: optional("string"),
    user_name_template_type: optional("string", { default: "BUILT_IN" }),
    user_name_template_push_status: optional("string"),
    // resource_okta_app_oauth.go:154-462
    type: required("string", { forceNew: true }),
    client_id: optionalComputed("string", { forceNew: true }),
    omit_secret: optional("bool", { default: false }),
    client_secret: computed("string", { sensitive: true }),
    client_basic_secret: optional("string", { sensitive: true }),
    client_basic_secret_wo: optional("string", { sensitive: true, writeOnly: true }),
    client_basic_secret_wo_version: optional("number"),
    token_endpoint_auth_method: optional("string", { default: "client_secret_basic" }),
    auto_key_rotation: optional("bool", { default: true }),
    client_uri: optional("string"),
    logo_uri: optional("string"),
    login_uri: optional("string"),
    login_mode: optional("string", { default: "DISABLED" }),
    login_scopes: optional(STRING_SET),
    pkce_required: optionalComputed("bool"),
    redirect_uris: optional(STRING_LIST),
    wildcard_redirect: optional("string", { default: "DISABLED" }),
    post_logout_redirect_uris: optional(STRING_SET),
    participate_slo: optional("bool"),
    frontchannel_logout_uri: optional("string"),
    frontchannel_logout_session_required: optional("bool"),
    response_types: optionalComputed(STRING_SET),
    grant_types: optionalComputed(STRING_SET),
    tos_uri: optional("string"),
    policy_uri: optional("string"),
    consent_method: optional("string", { default: "TRUSTED" }),
    issuer_mode: optional("string", { default: "ORG_URL" }),
    refresh_token_rotation: optional("string", { default: "STATIC" }),
    refresh_token_leeway: optional("number", { default: 0 }),
    auto_submit_toolbar: optional("bool", { default: false }),
    hide_ios: optional("bool", { default: true }),
    hide_web: optional("bool", { default: true }),
    profile: optional("string"),
    implicit_assignment: optional("bool"),
    app_settings_json: optional("string"),
    authentication_policy: optionalComputed("string"),
    jwks_uri: optional("string"),
    backchannel_custom_authenticator_id: optional("string"),
    preconfigured_app: optional("string"),
    skip_authentication_policy: optional("bool", { default: false }),
  },
  blocks: {
    // :374-412
    jwks: {
      nesting: "list",
      block: {
        attributes: {
          kid: required("string"),
          kty: required("string"),
          e: optional("string"),
          n: optional("string"),
          x: optional("string"),
          y: optional("string"),
        },
      },
    },
    // :418-426, groupsClaimResource :500-528
    groups_claim: {
      nesting: "list",
      maxItems: 1,
      block: {
        attributes: {
          type: required("string"),
          filter_type: optional("string"),
          name: required("string"),
          value: required("string"),
          issuer_mode: computed("string"),
        },
      },
    },
    // :463-490
    network: {
      nesting: "list",
      maxItems: 1,
      block: { attributes: { connection: required("string"), include: optional(STRING_SET), exclude: optional(STRING_SET) } },
    },
    timeouts: timeouts("create", "read", "update"),
  },
});
// groups_claim is Deprecated (:422): the block itself carries the flag in the protocol.
const appOauthSchema: TypeSchema = {
  ...appOauth,
  block: {
    ...appOauth.block,
    blocks: {
      ...appOauth.block.blocks,
      groups_claim: {
        ...appOauth.block.blocks!["groups_claim"]!,
        block: { ...appOauth.block.blocks!["groups_claim"]!.block, deprecated: true },
      },
    },
  },
};

/** resource_okta_app_group_assignments.go:58-104. profile is Required with a DefaultFunc "{}" (:85-95): served Optional. */
const appGroupAssignments = sdk(`${IDAAS}/resource_okta_app_group_assignments.go:15`, {
  attributes: { app_id: required("string", { forceNew: true }) },
  blocks: {
    group: {
      nesting: "list",
      block: {
        attributes: {
          id: required("string"),
          priority: optional("number"),
          // DefaultFunc returns the constant "{}", so a static default says the same.
          profile: optional("string", { default: "{}" }),
        },
      },
    },
    timeouts: timeouts("create", "read", "update"),
  },
});

/** resource_okta_app_oauth_api_scope.go:44-64. */
const appOauthApiScope = sdk(`${IDAAS}/resource_okta_app_oauth_api_scope.go:14`, {
  attributes: {
    app_id: required("string", { forceNew: true }),
    issuer: required("string"),
    scopes: required(STRING_SET),
  },
});

/** plugin-framework (idaas.go:90): attributes as declared, resource_okta_app_oauth_role_assignment.go:58-106; no SDK id. */
const appOauthRoleAssignment: TypeSchema = {
  source: `${IDAAS}/resource_okta_app_oauth_role_assignment.go:50`,
  version: 0,
  legacyTypeSystem: false,
  block: {
    attributes: {
      id: computed("string"),
      client_id: required("string", { forceNew: true }),
      type: required("string", { forceNew: true }),
      resource_set: optional("string", { forceNew: true }),
      role: optional("string", { forceNew: true }),
      status: computed("string"),
      label: computed("string"),
    },
  },
};

/** resource_okta_auth_server.go:22-72. */
const authServer = sdk(`${IDAAS}/resource_okta_auth_server.go:12`, {
  attributes: {
    audiences: required(STRING_SET),
    status: STATUS,
    kid: computed("string"),
    credentials_last_rotated: computed("string"),
    credentials_next_rotation: computed("string"),
    credentials_rotation_mode: optional("string", { default: "AUTO" }),
    description: optional("string"),
    name: required("string"),
    issuer: computed("string"),
    issuer_mode: optional("string", { default: "ORG_URL" }),
  },
});

/** resource_okta_auth_server_claim.go:20-65. */
const authServerClaim = sdk(`${IDAAS}/resource_okta_auth_server_claim.go:12`, {
  attributes: {
    name: required("string"),
    auth_server_id: required("string"),
    scopes: optional(STRING_SET),
    status: STATUS,
    value: required("string"),
    value_type: optional("string", { default: "EXPRESSION" }),
    claim_type: required("string"),
    always_include_in_token: optional("bool", { default: true }),
    group_filter_type: optional("string"),
  },
});

/** resource_okta_auth_server_claim_default.go:41-89. */
const authServerClaimDefault = sdk(`${IDAAS}/resource_okta_auth_server_claim_default.go:14`, {
  attributes: {
    name: required("string", { forceNew: true }),
    auth_server_id: required("string", { forceNew: true }),
    scopes: computed(STRING_SET),
    status: computed("string"),
    value: optional("string"),
    value_type: computed("string"),
    claim_type: computed("string"),
    always_include_in_token: optionalComputed("bool"),
  },
});

/** resource_okta_auth_server_policy.go:20-48. */
const authServerPolicy = sdk(`${IDAAS}/resource_okta_auth_server_policy.go:12`, {
  attributes: {
    name: required("string"),
    auth_server_id: required("string"),
    status: STATUS,
    priority: required("number"),
    description: required("string"),
    client_whitelist: required(STRING_SET),
  },
});

/** resource_okta_auth_server_policy_rule.go:29-122. */
const authServerPolicyRule = sdk(`${IDAAS}/resource_okta_auth_server_policy_rule.go:15`, {
  attributes: {
    type: optional("string", { default: "RESOURCE_ACCESS" }),
    name: required("string"),
    auth_server_id: required("string"),
    policy_id: required("string"),
    system: computed("bool"),
    status: STATUS,
    priority: required("number"),
    grant_type_whitelist: required(STRING_SET),
    scope_whitelist: optional(STRING_SET),
    access_token_lifetime_minutes: optional("number", { default: 60 }),
    refresh_token_lifetime_minutes: optional("number"),
    refresh_token_window_minutes: optional("number", { default: 10080 }),
    inline_hook_id: optional("string"),
    user_whitelist: optional(STRING_SET),
    user_blacklist: optional(STRING_SET),
    group_whitelist: optional(STRING_SET),
    group_blacklist: optional(STRING_SET),
  },
});

/** resource_okta_auth_server_scope.go:20-69. */
const authServerScope = sdk(`${IDAAS}/resource_okta_auth_server_scope.go:12`, {
  attributes: {
    name: required("string"),
    auth_server_id: required("string"),
    description: optional("string"),
    display_name: optional("string"),
    consent: optional("string", { default: "IMPLICIT" }),
    metadata_publish: optional("string", { default: "ALL_CLIENTS" }),
    default: optional("bool", { default: false }),
    system: computed("bool"),
    optional: optional("bool"),
  },
});

/** resource_okta_trusted_origin.go:22-45. */
const trustedOrigin = sdk(`${IDAAS}/resource_okta_trusted_origin.go:12`, {
  attributes: {
    active: optional("bool", { default: true }),
    name: required("string"),
    origin: required("string"),
    scopes: required(STRING_LIST),
  },
});

/** data_source_okta_group.go:20-61; it declares its own optional+computed id. */
const dataGroup = sdk(`${IDAAS}/data_source_okta_group.go:17`, {
  attributes: {
    id: optionalComputed("string"),
    name: optionalComputed("string"),
    type: optional("string"),
    description: computed("string"),
    include_users: optional("bool", { default: false }),
    users: computed(STRING_SET),
    delay_read_seconds: optional("string"),
  },
});

/** data_source_okta_everyone_group.go:14-26. */
const dataEveryoneGroup = sdk(`${IDAAS}/data_source_okta_everyone_group.go:11`, {
  attributes: {
    description: computed("string"),
    include_users: optional("bool", { default: false }),
  },
});

/** provider/provider.go:20-118 (SDKv2; no id: a provider schema has none). None of the credentials is Sensitive there. */
const providerBlock: TypeSchema = {
  source: `${TAG} okta/provider/provider.go:18`,
  version: 0,
  block: {
    attributes: {
      org_name: optional("string"),
      access_token: optional("string"),
      api_token: optional("string"),
      client_id: optional("string"),
      scopes: optional(STRING_SET),
      private_key: optional("string"),
      private_key_id: optional("string"),
      base_url: optional("string"),
      http_proxy: optional("string"),
      backoff: optional("bool"),
      min_wait_seconds: optional("number"),
      max_wait_seconds: optional("number"),
      max_retries: optional("number"),
      parallelism: optional("number"),
      log_level: optional("number"),
      max_api_capacity: optional("number"),
      request_timeout: optional("number"),
    },
  },
};

export const schemas: ProviderSchemas = {
  address: "registry.terraform.io/okta/okta",
  version: "6.12.0",
  legacyTypeSystem: true,
  provider: providerBlock,
  resources: {
    okta_app_oauth: appOauthSchema,
    okta_app_group_assignments: appGroupAssignments,
    okta_app_oauth_api_scope: appOauthApiScope,
    okta_app_oauth_role_assignment: appOauthRoleAssignment,
    okta_auth_server: authServer,
    okta_auth_server_claim: authServerClaim,
    okta_auth_server_claim_default: authServerClaimDefault,
    okta_auth_server_policy: authServerPolicy,
    okta_auth_server_policy_rule: authServerPolicyRule,
    okta_auth_server_scope: authServerScope,
    okta_trusted_origin: trustedOrigin,
  },
  dataSources: {
    okta_group: dataGroup,
    okta_everyone_group: dataEveryoneGroup,
  },
};
