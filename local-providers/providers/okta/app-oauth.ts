/**
 * okta_app_oauth as okta/okta v6.12.0 creates, reads, updates and deletes it
 * (okta/terraform-provider-okta@v6.12.0 okta/services/idaas/resource_okta_app_oauth.go, cited by line),
 * against an app object of the local org shaped like Okta's Application API object (see index.ts).
 */
import { ProviderDiagnostic, type Diagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import { isObjectValue, isUnknown, type ObjectValue, type Value } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import { clientSecret, keepNulls, known, notFound, oktaId, oktaTimestamp, orgOf, stringsOf } from "./common";
import { customDomain, defaultAccessPolicyId, NO_CUSTOM_DOMAIN, pairKey } from "./org";

/** The Okta default logo every new app links to (recorded in test/fixtures/vcr/idaas/TestAccResourceOktaAppOauth_basic). */
const DEFAULT_LOGO = "https://op3static2.oktacdn.com/assets/img/logos/default.6770228fb0dab49a1695ef440a5279bb.png";

const AUTHORIZATION_CODE = "authorization_code";
const IMPLICIT = "implicit";
const PASSWORD = "password";
const REFRESH_TOKEN = "refresh_token";
const CLIENT_CREDENTIALS = "client_credentials";
const OTHER_GRANTS = {
  tokenExchange: "urn:ietf:params:oauth:grant-type:token-exchange",
  saml2Bearer: "urn:ietf:params:oauth:grant-type:saml2-bearer",
  jwtBearer: "urn:ietf:params:oauth:grant-type:jwt-bearer",
  deviceCode: "urn:ietf:params:oauth:grant-type:device_code",
  interactionCode: "interaction_code",
  oob: "urn:okta:params:oauth:grant-type:oob",
  otp: "urn:okta:params:oauth:grant-type:otp",
  mfaOob: "http://auth0.com/oauth/grant-type/mfa-oob",
  mfaOtp: "http://auth0.com/oauth/grant-type/mfa-otp",
  ciba: "urn:openid:params:grant-type:ciba",
};
const G = OTHER_GRANTS;

/** appRequirementsByType, resource_okta_app_oauth.go:50-123 (order kept: the error lists them so). */
const REQUIREMENTS: Readonly<Record<string, { readonly required: readonly string[]; readonly valid: readonly string[] }>> = {
  web: {
    required: [AUTHORIZATION_CODE],
    valid: [
      AUTHORIZATION_CODE,
      IMPLICIT,
      REFRESH_TOKEN,
      CLIENT_CREDENTIALS,
      G.saml2Bearer,
      G.tokenExchange,
      G.deviceCode,
      G.interactionCode,
      G.oob,
      G.otp,
      G.mfaOob,
      G.mfaOtp,
      G.ciba,
    ],
  },
  native: {
    required: [AUTHORIZATION_CODE],
    valid: [
      AUTHORIZATION_CODE,
      IMPLICIT,
      REFRESH_TOKEN,
      PASSWORD,
      G.saml2Bearer,
      G.jwtBearer,
      G.tokenExchange,
      G.deviceCode,
      G.interactionCode,
      G.oob,
      G.otp,
      G.mfaOob,
      G.mfaOtp,
    ],
  },
  browser: {
    required: [],
    valid: [
      IMPLICIT,
      AUTHORIZATION_CODE,
      REFRESH_TOKEN,
      G.saml2Bearer,
      G.tokenExchange,
      G.deviceCode,
      G.interactionCode,
      G.oob,
      G.otp,
      G.mfaOob,
      G.mfaOtp,
    ],
  },
  service: {
    required: [CLIENT_CREDENTIALS],
    valid: [
      CLIENT_CREDENTIALS,
      IMPLICIT,
      G.saml2Bearer,
      G.tokenExchange,
      G.deviceCode,
      G.interactionCode,
      G.oob,
      G.otp,
      G.mfaOob,
      G.mfaOtp,
    ],
  },
};

/** Methods whose client authenticates with a shared secret: Okta generates one (recorded create answers: client_secret_basic has one, private_key_jwt none). */
const SECRET_METHODS = new Set(["client_secret_basic", "client_secret_post", "client_secret_jwt"]);

export interface OktaApp {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly status: string;
  readonly signOnMode: "OPENID_CONNECT";
  readonly created: string;
  readonly lastUpdated: string;
  readonly accessibility: { selfService: boolean; errorRedirectUrl: string | null; loginRedirectUrl: string | null };
  readonly visibility: { autoSubmitToolbar: boolean; hide: { iOS: boolean; web: boolean }; appLinks?: unknown };
  readonly credentials: {
    userNameTemplate: { template: string; type: string; userSuffix?: string; pushStatus?: string };
    oauthClient: {
      client_id: string;
      client_secret?: string;
      token_endpoint_auth_method: string;
      pkce_required: boolean;
      autoKeyRotation: boolean;
    };
  };
  readonly settings: {
    implicitAssignment: boolean;
    notes: { admin: string | null; enduser: string | null };
    appSettingsJson?: string;
    oauthClient: OktaOauthClientSettings;
  };
  readonly profile?: unknown;
  /** The app's access (sign-on) policy, Okta's `_links.accessPolicy`. */
  readonly accessPolicyId: string;
  /** The deprecated app groups claim (internal API), when configured. */
  readonly groupsClaim?: { type: string; filter_type: string | null; name: string; value: string; issuer_mode: string };
}

export interface OktaOauthClientSettings {
  application_type: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  response_types: string[];
  grant_types: string[];
  jwks?: { keys: OktaJwk[] };
  jwks_uri: string | null;
  consent_method: string;
  issuer_mode: string;
  wildcard_redirect: string;
  initiate_login_uri: string | null;
  client_uri: string | null;
  logo_uri: string | null;
  tos_uri: string | null;
  policy_uri: string | null;
  refresh_token?: { rotation_type: string; leeway: number };
  idp_initiated_login: { mode: string; default_scope: string[] };
  participate_slo: boolean;
  frontchannel_logout_uri: string | null;
  frontchannel_logout_session_required: boolean;
  backchannel_custom_authenticator_id: string | null;
  network?: { connection: string; include: string[]; exclude: string[] };
}

export interface OktaJwk {
  id: string;
  status: "ACTIVE";
  kid: string;
  kty: string;
  e?: string;
  n?: string;
  x?: string;
  y?: string;
}

const str = (value: Value | undefined): string => (typeof value === "string" ? value : "");
const strOrNull = (value: Value | undefined): string | null => (typeof value === "string" && value !== "" ? value : null);
const bool = (value: Value | undefined): boolean => value === true;

/** The first element of a MaxItems-1 list block, when set and known. */
function single(value: Value | undefined): ObjectValue | undefined {
  const first = Array.isArray(value) ? (value as readonly Value[])[0] : undefined;
  return isObjectValue(first) ? first : undefined;
}

/** helper/schema ConflictsWith (terraform-plugin-sdk/v2@v2.39.0 helper/schema/schema.go:1912-1920, :1963-1964). */
function conflict(config: ObjectValue, name: string, other: string): Diagnostic | undefined {
  const set = (value: Value | undefined) =>
    value !== undefined && value !== null && !isUnknown(value) && !(Array.isArray(value) && value.length === 0);
  if (!set(config[name]) || !set(config[other])) return undefined;
  return {
    severity: "error",
    summary: "Conflicting configuration arguments",
    detail: `"${name}": conflicts with ${other}`,
    attribute: [name],
  };
}

function validateAppOauthConfig(config: ObjectValue): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, other] of [
    ["client_basic_secret", "client_basic_secret_wo"], // :188, :196
    ["client_basic_secret_wo", "client_basic_secret"],
    ["skip_authentication_policy", "authentication_policy"], // :461
    ["groups_claim", "preconfigured_app"], // :425
  ] as const) {
    const found = conflict(config, name, other);
    if (found) diagnostics.push(found);
  }
  // :295-299 validation.StringInSlice; its message, terraform-plugin-sdk/v2@v2.39.0 helper/validation/strings.go:149.
  stringsOf(config["response_types"]).forEach((value, index) => {
    if (!["code", "token", "id_token"].includes(value)) {
      diagnostics.push({
        severity: "error",
        summary: `expected response_types.${index} to be one of ["code" "token" "id_token"], got ${value}`,
        attribute: ["response_types"],
      });
    }
  });
  // app.go:60,66 utils.StrMaxLength(250) (utils/utils.go:933-946): k is a cty.Path printed with %s.
  for (const note of ["admin_note", "enduser_note"]) {
    const value = config[note];
    if (typeof value === "string" && [...value].length > 250)
      diagnostics.push({ severity: "error", summary: `[{{} ${note}}] cannot be longer than 250 runes`, attribute: [note] });
  }
  // stringIsJSON (idaas.go:333-346) on profile, app_settings_json and app_links_json.
  for (const name of ["profile", "app_settings_json", "app_links_json"]) {
    const value = config[name];
    if (typeof value !== "string") continue;
    if (value === "") {
      diagnostics.push({ severity: "error", summary: `expected "[{{} ${name}}]" JSON to not be empty, got `, attribute: [name] });
      continue;
    }
    try {
      JSON.parse(value);
    } catch (error) {
      diagnostics.push({
        severity: "error",
        summary: `"[{{} ${name}}]" contains an invalid JSON: ${(error as Error).message}`,
        attribute: [name],
      });
    }
  }
  const network = single(config["network"]);
  const connection = network?.["connection"];
  if (typeof connection === "string" && !["ANYWHERE", "ZONE"].includes(connection)) {
    // :474 validation.StringInSlice
    diagnostics.push({
      severity: "error",
      summary: `expected network.0.connection to be one of ["ANYWHERE" "ZONE"], got ${connection}`,
      attribute: ["network", 0, "connection"],
    });
  }
  return diagnostics;
}

/** The provider's apply-time checks, in its order: validateGrantTypes (:1334-1347), then validateAppOAuth (:1349-1406). */
function applyTimeProblem(planned: ObjectValue, context: ProviderContext): string | undefined {
  const type = str(planned["type"]);
  const grants = isUnknown(planned["grant_types"]) ? [] : stringsOf(planned["grant_types"]);
  const requirements = REQUIREMENTS[type];
  if (grants.length > 0 && requirements) {
    // utils/utils.go:103-123 ConditionalValidator
    let explanation = `failed conditional validation for field "grant_types" of type "${type}", it can contain ${requirements.valid.join(", ")}`;
    if (requirements.required.length > 0) explanation = `${explanation} and must contain ${requirements.required.join(", ")}`;
    const missing = requirements.required.some((grant) => !grants.includes(grant));
    const invalid = grants.some((grant) => !requirements.valid.includes(grant));
    if (missing || invalid) return `${explanation}, received ${grants.join(", ")}`;
  }
  const groupsClaim = single(planned["groups_claim"]);
  // :1355-1358: the groups claim is not checked (nor set) when the provider authenticates with OAuth 2.0.
  const oauth20 = Boolean(str(context.config["private_key"]) || str(context.config["access_token"]));
  if (groupsClaim && !oauth20) {
    const claimType = str(groupsClaim["type"]);
    const filterType = str(groupsClaim["filter_type"]);
    if (claimType === "EXPRESSION" && filterType !== "")
      return "'filter_type' in 'groups_claim' can only be set when 'type' is set to 'FILTER'";
    if (claimType === "FILTER" && filterType === "") return "'filter_type' in 'groups_claim' is required when 'type' is set to 'FILTER'";
    if (str(groupsClaim["name"]) === "" || str(groupsClaim["value"]) === "")
      return "'name' 'value' and in 'groups_claim' should not be empty";
  }
  const hasJwks = Array.isArray(planned["jwks"]) && (planned["jwks"] as readonly Value[]).length > 0;
  if (!hasJwks && !str(planned["jwks_uri"]) && str(planned["token_endpoint_auth_method"]) === "private_key_jwt") {
    return "'jwks' or 'jwks_uri' is required when 'token_endpoint_auth_method' is 'private_key_jwt'";
  }
  if (str(planned["login_mode"]) !== "DISABLED") {
    if (str(planned["login_uri"]) === "") return "you have to set up 'login_uri' to configure any 'login_mode' besides 'DISABLED'";
    if (str(planned["login_mode"]) === "OKTA" && stringsOf(planned["login_scopes"]).length < 1)
      return "you have to set up non-empty 'login_scopes' when 'login_mode' is 'OKTA'";
  }
  if (grants.includes(IMPLICIT)) {
    const responses = isUnknown(planned["response_types"]) ? [] : stringsOf(planned["response_types"]);
    if (!responses.includes("token") && !responses.includes("id_token"))
      return "'response_types' must contain at least one of ['token', 'id_token'] when 'grant_types' contains 'implicit'";
  }
  return undefined;
}

/** buildAppOAuthV6 (:1011-1332): the app the provider sends, with Okta's answer folded in (ids, secret). */
function buildApp(planned: ObjectValue, config: ObjectValue, prior: OktaApp | undefined, tenant: WorldTenant, isNew: boolean): OktaApp {
  const type = str(planned["type"]);
  let grants = isUnknown(planned["grant_types"]) ? [] : stringsOf(planned["grant_types"]);
  // :1017-1027: no grant types means the type's required ones, or all valid ones when none is required.
  if (grants.length < 1 && REQUIREMENTS[type])
    grants = [...(REQUIREMENTS[type]!.required.length === 0 ? REQUIREMENTS[type]!.valid : REQUIREMENTS[type]!.required)];
  let responses = isUnknown(planned["response_types"]) ? [] : stringsOf(planned["response_types"]);
  if (responses.length < 1) {
    // :1030-1040
    responses = [];
    if (grants.some((grant) => grant === IMPLICIT || grant === CLIENT_CREDENTIALS)) responses.push("token");
    if (grants.some((grant) => grant === PASSWORD || grant === AUTHORIZATION_CODE || grant === REFRESH_TOKEN)) responses.push("code");
  }
  const authMethod = str(planned["token_endpoint_auth_method"]);
  // :1072-1090: PKCE from config, else true for "none", and for new native or browser apps.
  const configuredPkce = config["pkce_required"];
  const pkce =
    typeof configuredPkce === "boolean" ? configuredPkce : authMethod === "none" || (isNew && (type === "native" || type === "browser"));
  const id = prior?.id ?? oktaId("0oa");
  const clientId = known(planned["client_id"]) ? str(planned["client_id"]) : (prior?.credentials.oauthClient.client_id ?? id);
  // :1092-1098: a secret given by the configuration wins (write-only first); Okta generates one for secret-based methods.
  const givenSecret = str(config["client_basic_secret_wo"]) || str(planned["client_basic_secret"]);
  const secret = SECRET_METHODS.has(authMethod) ? givenSecret || prior?.credentials.oauthClient.client_secret || clientSecret() : undefined;
  const jwks = Array.isArray(planned["jwks"])
    ? (planned["jwks"] as readonly Value[]).filter(isObjectValue).map((key, index): OktaJwk => {
        const previous = prior?.settings.oauthClient.jwks?.keys.find((existing) => existing.kid === str(key["kid"]));
        const kty = str(key["kty"]);
        return {
          id: previous?.id ?? oktaId("pks"),
          status: "ACTIVE",
          kid: str(key["kid"]) || `key-${index}`,
          kty,
          // :1203-1236: RSA keys carry e and n, EC keys x and y.
          ...(kty === "EC" ? { x: str(key["x"]), y: str(key["y"]) } : { e: str(key["e"]), n: str(key["n"]) }),
        };
      })
    : [];
  const network = single(planned["network"]);
  const now = oktaTimestamp();
  const claim = single(planned["groups_claim"]);
  return {
    id,
    name: str(planned["preconfigured_app"]) || "oidc_client",
    label: str(planned["label"]),
    status: str(planned["status"]) === "INACTIVE" ? "INACTIVE" : "ACTIVE",
    signOnMode: "OPENID_CONNECT",
    created: prior?.created ?? now,
    lastUpdated: now,
    accessibility: {
      selfService: bool(planned["accessibility_self_service"]),
      errorRedirectUrl: strOrNull(planned["accessibility_error_redirect_url"]),
      loginRedirectUrl: strOrNull(planned["accessibility_login_redirect_url"]),
    },
    visibility: {
      autoSubmitToolbar: bool(planned["auto_submit_toolbar"]),
      hide: { iOS: bool(planned["hide_ios"]), web: bool(planned["hide_web"]) },
      ...(typeof planned["app_links_json"] === "string" ? { appLinks: JSON.parse(planned["app_links_json"]) as unknown } : {}),
    },
    credentials: {
      userNameTemplate: {
        template: str(planned["user_name_template"]),
        type: str(planned["user_name_template_type"]),
        ...(str(planned["user_name_template_suffix"]) ? { userSuffix: str(planned["user_name_template_suffix"]) } : {}),
        ...(str(planned["user_name_template_push_status"]) ? { pushStatus: str(planned["user_name_template_push_status"]) } : {}),
      },
      oauthClient: {
        client_id: clientId,
        ...(secret ? { client_secret: secret } : {}),
        token_endpoint_auth_method: authMethod,
        pkce_required: pkce,
        // :1053-1061: true unless the configuration says false.
        autoKeyRotation: config["auto_key_rotation"] !== false,
      },
    },
    settings: {
      implicitAssignment: bool(planned["implicit_assignment"]),
      notes: { admin: strOrNull(planned["admin_note"]), enduser: strOrNull(planned["enduser_note"]) },
      ...(typeof planned["app_settings_json"] === "string" ? { appSettingsJson: planned["app_settings_json"] } : {}),
      oauthClient: {
        application_type: type,
        redirect_uris: stringsOf(planned["redirect_uris"]),
        post_logout_redirect_uris: stringsOf(planned["post_logout_redirect_uris"]),
        response_types: responses,
        grant_types: grants,
        ...(jwks.length > 0 ? { jwks: { keys: jwks } } : {}),
        jwks_uri: strOrNull(planned["jwks_uri"]),
        consent_method: str(planned["consent_method"]),
        issuer_mode: str(planned["issuer_mode"]),
        wildcard_redirect: str(planned["wildcard_redirect"]),
        initiate_login_uri: strOrNull(planned["login_uri"]),
        client_uri: strOrNull(planned["client_uri"]),
        logo_uri: strOrNull(planned["logo_uri"]),
        tos_uri: strOrNull(planned["tos_uri"]),
        policy_uri: strOrNull(planned["policy_uri"]),
        // :1275-1294: only with the refresh_token grant.
        ...(grants.includes(REFRESH_TOKEN)
          ? {
              refresh_token: {
                rotation_type: str(planned["refresh_token_rotation"]),
                leeway: Number(planned["refresh_token_leeway"] ?? 0),
              },
            }
          : {}),
        idp_initiated_login: { mode: str(planned["login_mode"]), default_scope: stringsOf(planned["login_scopes"]) },
        participate_slo: bool(planned["participate_slo"]),
        frontchannel_logout_uri: strOrNull(planned["frontchannel_logout_uri"]),
        frontchannel_logout_session_required: bool(planned["frontchannel_logout_session_required"]),
        backchannel_custom_authenticator_id: strOrNull(planned["backchannel_custom_authenticator_id"]),
        ...(network
          ? {
              network: {
                connection: str(network["connection"]),
                include: stringsOf(network["include"]),
                exclude: stringsOf(network["exclude"]),
              },
            }
          : {}),
      },
    },
    ...(typeof planned["profile"] === "string" ? { profile: JSON.parse(planned["profile"]) as unknown } : {}),
    accessPolicyId: str(planned["authentication_policy"]) || prior?.accessPolicyId || defaultAccessPolicyId(tenant),
    ...(claim
      ? {
          groupsClaim: {
            type: str(claim["type"]),
            filter_type: strOrNull(claim["filter_type"]),
            name: str(claim["name"]),
            value: str(claim["value"]),
            issuer_mode: str(planned["issuer_mode"]),
          },
        }
      : {}),
  };
}

/** resourceAppOAuthRead (:673-771) and setOAuthClientSettingsV6 (:806-922): what the provider takes from Okta. */
function stateFromApp(app: OktaApp, prior: ObjectValue): ObjectValue {
  const oauth = app.settings.oauthClient;
  const credentials = app.credentials.oauthClient;
  const skipPolicy = prior["skip_authentication_policy"] === true;
  const jwks = oauth.jwks?.keys.map((key) =>
    key.kty === "EC"
      ? { kty: key.kty, kid: key.kid, e: null, n: null, x: key.x ?? null, y: key.y ?? null }
      : { kty: key.kty, kid: key.kid, e: key.e ?? null, n: key.n ?? null, x: null, y: null },
  );
  const read: Record<string, Value> = {
    id: app.id,
    name: app.name,
    status: app.status,
    sign_on_mode: app.signOnMode,
    label: app.label,
    accessibility_self_service: app.accessibility.selfService,
    accessibility_error_redirect_url: app.accessibility.errorRedirectUrl ?? "",
    accessibility_login_redirect_url: app.accessibility.loginRedirectUrl ?? "",
    auto_submit_toolbar: app.visibility.autoSubmitToolbar,
    hide_ios: app.visibility.hide.iOS,
    hide_web: app.visibility.hide.web,
    admin_note: app.settings.notes.admin ?? "",
    enduser_note: app.settings.notes.enduser ?? "",
    profile: app.profile === undefined ? "" : JSON.stringify(app.profile),
    client_id: credentials.client_id,
    token_endpoint_auth_method: credentials.token_endpoint_auth_method,
    auto_key_rotation: credentials.autoKeyRotation,
    pkce_required: credentials.pkce_required,
    logo_url: DEFAULT_LOGO,
    implicit_assignment: app.settings.implicitAssignment,
    // :691-695
    authentication_policy: skipPolicy ? "" : app.accessPolicyId,
    type: oauth.application_type,
    client_uri: oauth.client_uri ?? "",
    logo_uri: oauth.logo_uri ?? "",
    tos_uri: oauth.tos_uri ?? "",
    policy_uri: oauth.policy_uri ?? "",
    login_uri: oauth.initiate_login_uri ?? "",
    jwks_uri: oauth.jwks_uri ?? "",
    wildcard_redirect: oauth.wildcard_redirect,
    backchannel_custom_authenticator_id: oauth.backchannel_custom_authenticator_id ?? "",
    issuer_mode: oauth.issuer_mode,
    participate_slo: oauth.participate_slo,
    frontchannel_logout_uri: oauth.frontchannel_logout_uri ?? "",
    frontchannel_logout_session_required: oauth.frontchannel_logout_session_required,
    redirect_uris: oauth.redirect_uris,
    response_types: oauth.response_types,
    grant_types: oauth.grant_types,
    post_logout_redirect_uris: oauth.post_logout_redirect_uris,
  };
  // :704-709 the username template, when Okta has one.
  if (app.credentials.userNameTemplate.template !== "") {
    read["user_name_template"] = app.credentials.userNameTemplate.template;
    read["user_name_template_type"] = app.credentials.userNameTemplate.type;
    read["user_name_template_suffix"] = app.credentials.userNameTemplate.userSuffix ?? "";
    read["user_name_template_push_status"] = app.credentials.userNameTemplate.pushStatus ?? "";
  }
  if (app.settings.appSettingsJson !== undefined) read["app_settings_json"] = app.settings.appSettingsJson;
  if (oauth.consent_method !== "") read["consent_method"] = oauth.consent_method; // :822-824
  if (oauth.refresh_token && oauth.refresh_token.rotation_type !== "") {
    read["refresh_token_rotation"] = oauth.refresh_token.rotation_type;
    read["refresh_token_leeway"] = oauth.refresh_token.leeway;
  }
  if (oauth.idp_initiated_login.mode !== "") {
    read["login_mode"] = oauth.idp_initiated_login.mode;
    read["login_scopes"] = oauth.idp_initiated_login.default_scope;
  }
  if (oauth.network)
    read["network"] = [{ connection: oauth.network.connection, include: oauth.network.include, exclude: oauth.network.exclude }];
  if (jwks) read["jwks"] = jwks;
  if (app.groupsClaim) read["groups_claim"] = [{ ...app.groupsClaim }];
  const merged = keepNulls(prior, read);
  return { ...prior, ...merged };
}

/** The secret as the provider keeps it: only on create/update, never on read (:737), and not at all with omit_secret (:555, :976-980). */
function withSecret(state: ObjectValue, app: OktaApp, omitSecret: boolean, prior: ObjectValue | null): ObjectValue {
  if (omitSecret) return { ...state, client_secret: prior && prior["client_secret"] !== null ? "" : null };
  return {
    ...state,
    client_secret: app.credentials.oauthClient.client_secret ?? (prior?.["client_secret"] as string | null | undefined) ?? null,
  };
}

function appOf(tenant: WorldTenant, id: string): OktaApp | undefined {
  return tenant.get<OktaApp & Record<string, unknown>>("apps", id);
}

/** The error Okta answers when a sign-on policy is assigned to a service app (issue #2295, the recorded 400). */
function servicePolicyError(policyId: string, appId: string): string {
  const summary = `An invalid resource type ("${policyId}") was supplied in the request body. Valid types include ${appId}.`;
  return (
    `the API returned an error: Api validation failed: ${summary}. Causes: location: resourceType, locationType: body, ` +
    `domain: policy, errorSummary: ${summary}, reason: INVALID_VALUE`
  );
}

export const appOauth: ResourceBehaviour = {
  validate: validateAppOauthConfig,

  plan({ planned, prior }) {
    // CustomizeDiff :134-143: omit_secret true -> false forces a new app (a secret to keep must be generated).
    if (prior && prior["omit_secret"] === true && planned["omit_secret"] === false) {
      return { planned, requiresReplace: [["omit_secret"]] };
    }
    return { planned };
  },

  create(planned, context, config) {
    const tenant = orgOf(context);
    const problem = applyTimeProblem(planned, context);
    if (problem) throw new ProviderDiagnostic(`failed to create OAuth application: ${problem}`);
    if (planned["issuer_mode"] === "CUSTOM_URL" && !customDomain(tenant))
      throw new ProviderDiagnostic(`failed to create OAuth application: ${NO_CUSTOM_DOMAIN}`);
    const app = buildApp(planned, config, undefined, tenant, true);
    tenant.put("apps", app.id, app as unknown as Record<string, unknown>);
    // :569-576: the default sign-on policy is assigned to every app but a service app, unless skipped.
    // Service apps keep Okta's own default access policy link, as the recorded create answers show.
    const state = stateFromApp(app, { ...planned, id: app.id });
    return withSecret(state, app, planned["omit_secret"] === true, null);
  },

  read(state, context) {
    const tenant = orgOf(context);
    const id = str(state["id"]);
    const app = appOf(tenant, id);
    // :676-679: a missing app is an error of the read, not a removal (no 404 suppression there).
    if (!app) throw new ProviderDiagnostic(`failed to get OAuth application: ${notFound(id, "AppInstance")}`);
    return stateFromApp(app, state);
  },

  update(planned, prior, context, config) {
    const tenant = orgOf(context);
    const id = str(prior["id"]);
    const existing = appOf(tenant, id);
    if (!existing) throw new ProviderDiagnostic(`failed to update OAuth application: ${notFound(id, "AppInstance")}`);
    const problem = applyTimeProblem(planned, context);
    if (problem) throw new ProviderDiagnostic(`failed to update OAuth application: ${problem}`);
    if (planned["issuer_mode"] === "CUSTOM_URL" && !customDomain(tenant))
      throw new ProviderDiagnostic(`failed to update OAuth application: ${NO_CUSTOM_DOMAIN}`);
    const app = buildApp(planned, config, existing, tenant, false);
    tenant.put("apps", app.id, app as unknown as Record<string, unknown>);
    // :994-999: the update assigns the sign-on policy unless skip_authentication_policy, for every type;
    // for a service app Okta refuses it (#2295), after the app itself was replaced.
    if (planned["skip_authentication_policy"] !== true && app.settings.oauthClient.application_type === "service") {
      throw new ProviderDiagnostic(
        `failed to set authentication policy an OAuth application: ${servicePolicyError(app.accessPolicyId, app.id)}`,
      );
    }
    const state = stateFromApp(app, { ...planned, id: app.id });
    return withSecret(state, app, planned["omit_secret"] === true, prior);
  },

  delete(prior, context) {
    const tenant = orgOf(context);
    const id = str(prior["id"]);
    // deleteApplication (app.go): deactivate, then delete; Okta drops the app's assignments and grants with it.
    if (!tenant.delete("apps", id)) throw new ProviderDiagnostic(`failed to delete OAuth application: ${notFound(id, "AppInstance")}`);
    for (const assignment of tenant.list("groupAssignments"))
      if (assignment["appId"] === id) tenant.delete("groupAssignments", pairKey(id, String(assignment["id"])));
    for (const grant of tenant.list("apiScopeGrants")) if (grant["appId"] === id) tenant.delete("apiScopeGrants", String(grant["id"]));
    for (const role of tenant.list("roleAssignments"))
      if (role["clientId"] === prior["client_id"]) tenant.delete("roleAssignments", pairKey(String(role["clientId"]), String(role["id"])));
  },

  // appImporter, app.go:166-180: "app_id", optionally followed by flags set to true.
  import(id) {
    const parts = id.split("/");
    if (parts.length > 3) {
      throw new ProviderDiagnostic(
        "invalid format used for import ID, format must be 'app_id' or 'app_id/skip_users' or 'app_id/skip_users/skip_groups'",
      );
    }
    return { id: parts[0] ?? "" };
  },
};
