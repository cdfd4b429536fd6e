import { describe, expect, test } from "vitest";
import type { Diagnostic, ProviderContext } from "../../local-providers/provider/behaviour";
import { ProviderDiagnostic } from "../../local-providers/provider/behaviour";
import { isUnknown, valuesEqual, type ObjectValue } from "../../local-providers/provider/values";
import { WORLD_VARIABLE, type WorldTenant } from "../../local-providers/provider/world";
import { conformBlock } from "../../local-providers/protocol/cty";
import { planResource } from "../../local-providers/protocol/plan";
import { oktaOrgTenant, provider, seedOktaGroup, type OktaApp, type OktaClaim } from "../../local-providers/providers/okta";
import { thrown } from "../support/provider-harness";
import { useTemporaryDirectories } from "../support/temporary-directories";

// The local okta/okta 6.12.0 behaviours, driven the way the server drives them (validate, the generic
// plan plus the behaviour's, create/update, read) on a temporary world. Citations are
// okta/terraform-provider-okta@v6.12.0 okta/services/idaas/<file>:<line> unless a path says otherwise.

const temporaryDirectory = useTemporaryDirectories("okta-local-provider");
const API_TOKEN = "00TestApiTokenNeverPrinted";
const PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEnotARealKey\n-----END PRIVATE KEY-----";

function org(extraEnv: NodeJS.ProcessEnv = {}): { context: ProviderContext; tenant: WorldTenant; world: string } {
  const world = temporaryDirectory();
  const config = conformBlock(
    { org_name: "example", base_url: "okta.com", backoff: true, max_api_capacity: 50 },
    provider.schemas.provider.block,
  );
  const context = provider.configure(config, { [WORLD_VARIABLE]: world, OKTA_API_TOKEN: API_TOKEN, ...extraEnv });
  return { context, tenant: context.tenant!, world };
}

function schemaOf(type: string) {
  return provider.schemas.resources[type]!.block;
}

/** ValidateResourceConfig and PlanResourceChange as the server runs them. */
function plan(type: string, config: ObjectValue, prior: ObjectValue | null, context: ProviderContext) {
  const block = schemaOf(type);
  const conformed = conformBlock(config, block);
  const behaviour = provider.resources[type]!;
  const diagnostics: readonly Diagnostic[] = behaviour.validate?.(conformed) ?? [];
  const generic = planResource(block, conformed, prior);
  const adjusted = behaviour.plan?.({ planned: generic.planned, prior, config: conformed, context });
  return {
    config: conformed,
    planned: conformBlock(adjusted?.planned ?? generic.planned, block),
    requiresReplace: [...generic.requiresReplace, ...(adjusted?.requiresReplace ?? [])],
    diagnostics,
  };
}

/** ApplyResourceChange: create, update, or (for a replacement) delete then create. */
function apply(type: string, config: ObjectValue, context: ProviderContext, prior: ObjectValue | null = null): ObjectValue {
  const behaviour = provider.resources[type]!;
  const planned = plan(type, config, prior, context);
  const errors = planned.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0) throw new ProviderDiagnostic(errors[0]!.summary, errors[0]!.detail);
  let result: ObjectValue;
  if (prior === null) result = behaviour.create(planned.planned, context, planned.config);
  else if (planned.requiresReplace.length > 0) {
    behaviour.delete(prior, context);
    result = behaviour.create(planned.planned, context, planned.config);
  } else result = behaviour.update(planned.planned, prior, context, planned.config);
  const state = conformBlock(result, schemaOf(type));
  expect(JSON.stringify(state, (_key, value: unknown) => (isUnknown(value) ? "UNKNOWN" : value))).not.toContain("UNKNOWN");
  return state;
}

/** Refresh, then plan the same configuration: what `cdktf diff` right after a deploy shows. */
function expectNoChanges(type: string, config: ObjectValue, state: ObjectValue, context: ProviderContext): void {
  const fresh = provider.resources[type]!.read(state, context);
  expect(fresh).not.toBeNull();
  const refreshed = conformBlock(fresh, schemaOf(type));
  const next = plan(type, config, refreshed, context);
  const changed = Object.keys(next.planned).filter((name) => !valuesEqual(next.planned[name] ?? null, refreshed[name] ?? null));
  expect(changed).toEqual([]);
  expect(next.requiresReplace).toEqual([]);
}

/** A state's id, for the next configuration's reference (what `${okta_auth_server.x.id}` resolves to). */
const idOf = (state: ObjectValue): string => String(state["id"]);

/* The stacks' own configurations (synth-ref/environments/openmetadata-dev), ids filled in. */
const SPA = {
  label: "OpenMetadata (dev)",
  type: "browser",
  status: "ACTIVE",
  consent_method: "TRUSTED",
  grant_types: ["authorization_code", "implicit", "refresh_token"],
  implicit_assignment: false,
  issuer_mode: "ORG_URL",
  pkce_required: true,
  post_logout_redirect_uris: ["https://openmetadata.dev.example.com"],
  redirect_uris: ["https://openmetadata.dev.example.com/callback", "https://openmetadata.dev.example.com/silent-callback"],
  refresh_token_leeway: 30,
  refresh_token_rotation: "ROTATE",
  response_types: ["code", "id_token", "token"],
  token_endpoint_auth_method: "none",
  wildcard_redirect: "DISABLED",
};
const JWK = { kid: "dev-service-app-2026-11", kty: "RSA", e: "AQAB", n: "v6k1yIw9z8kmufxQ8hotoTH6LfSQy6tRSGil3TCvBpW0oaDH" };
const SERVICE = {
  label: "OpenMetadata service (dev)",
  type: "service",
  status: "ACTIVE",
  grant_types: ["client_credentials"],
  implicit_assignment: false,
  jwks: [JWK],
  omit_secret: true,
  response_types: ["token"],
  skip_authentication_policy: true,
  token_endpoint_auth_method: "private_key_jwt",
};
const WEB = {
  ...SPA,
  label: "OpenMetadata (staging)",
  type: "web",
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
  token_endpoint_auth_method: "client_secret_post",
  pkce_required: false,
  omit_secret: false,
};

// provider/provider.go:128-154, config/config.go:48-174
describe("configure", () => {
  // provider.go:131-138
  test("with no credential at all, the provider's own refusal is answered", () => {
    const world = temporaryDirectory();
    const error = thrown(() =>
      provider.configure(conformBlock({ org_name: "example", base_url: "okta.com" }, provider.schemas.provider.block), {
        [WORLD_VARIABLE]: world,
      }),
    );
    expect(error.summary).toMatch(
      /^\[ERROR\] no Okta credentials provided\. Please set one of the following: 'api_token' \(or OKTA_API_TOKEN env var\)/,
    );
  });

  test("OKTA_ORG_NAME, OKTA_BASE_URL and OKTA_API_TOKEN fill what the block leaves out, and the tenant is the org <org_name>.<base_url>", () => {
    const world = temporaryDirectory();
    const context = provider.configure(conformBlock({}, provider.schemas.provider.block), {
      [WORLD_VARIABLE]: world,
      OKTA_ORG_NAME: "example-dev",
      OKTA_BASE_URL: "oktapreview.com",
      OKTA_API_TOKEN: API_TOKEN,
    });
    expect(context.tenant!.name).toBe("example-dev.oktapreview.com");
    expect(context.tenant!.folder).toBe(oktaOrgTenant(world, "example-dev", "oktapreview.com").folder);
  });

  // sdk/v2_validator.go:76-82
  test("a private key without client id or scopes is refused with the SDK's text, which names no credential value", () => {
    const world = temporaryDirectory();
    const error = thrown(() =>
      provider.configure(conformBlock({ org_name: "example", base_url: "okta.com" }, provider.schemas.provider.block), {
        [WORLD_VARIABLE]: world,
        OKTA_API_PRIVATE_KEY: PRIVATE_KEY,
        OKTA_API_CLIENT_ID: "0oaProviderApp",
      }),
    );
    expect(error.summary).toBe(
      "[ERROR] failed to load sdk clients: failed to initialize IDaaS API client: when using AuthorizationMode 'PrivateKey', " +
        "you must supply 'ClientId', 'Scopes', and 'PrivateKey' or 'PrivateKeySigner'",
    );
    expect(error.message).not.toContain("MIIE");
    const context = provider.configure(conformBlock({ org_name: "example", base_url: "okta.com" }, provider.schemas.provider.block), {
      [WORLD_VARIABLE]: world,
      OKTA_API_PRIVATE_KEY: PRIVATE_KEY,
      OKTA_API_CLIENT_ID: "0oaProviderApp",
      OKTA_API_PRIVATE_KEY_ID: "kid-1",
      OKTA_API_SCOPES: "okta.apps.manage,okta.groups.read",
    });
    expect(context.tenant!.name).toBe("example.okta.com");
  });

  // sdk/v2_validator.go:41-45
  test("an admin-console domain is refused as the SDK refuses it", () => {
    const world = temporaryDirectory();
    const error = thrown(() =>
      provider.configure(conformBlock({ org_name: "example-admin", base_url: "okta.com" }, provider.schemas.provider.block), {
        [WORLD_VARIABLE]: world,
        OKTA_API_TOKEN: API_TOKEN,
      }),
    );
    expect(error.summary).toContain("your Okta domain should not contain -admin. Current value: https://example-admin.okta.com.");
    expect(error.summary).not.toContain(API_TOKEN);
  });

  // provider.go:30-62, 105-112
  test("conflicting credentials and an out-of-range max_api_capacity are refused at validate, naming fields only", () => {
    const diagnostics = provider.validate!(
      conformBlock({ api_token: API_TOKEN, private_key: PRIVATE_KEY, max_api_capacity: 150 }, provider.schemas.provider.block),
    );
    expect(diagnostics.map((diagnostic) => diagnostic.detail || diagnostic.summary)).toEqual([
      '"api_token": conflicts with private_key',
      '"private_key": conflicts with api_token',
      "expected [{{} max_api_capacity}] to be in the range (1 - 100), got 150",
    ]);
    expect(JSON.stringify(diagnostics)).not.toContain(API_TOKEN);
    expect(provider.validate!(conformBlock({ max_api_capacity: 50, backoff: true }, provider.schemas.provider.block))).toEqual([]);
  });
});

// resource_okta_app_oauth.go
describe("okta_app_oauth", () => {
  test("the SPA gets a client id equal to its id and no secret, the world keeps what an OpenID test org needs, and a plan right after apply is empty", () => {
    const { context, tenant } = org();
    const state = apply("okta_app_oauth", SPA, context);
    expect(state["id"]).toMatch(/^0oa[0-9A-Za-z]{17}$/);
    expect(state["client_id"]).toBe(state["id"]);
    expect(state["client_secret"]).toBeNull();
    expect(state["authentication_policy"]).toMatch(/^rst/);
    const app = tenant.get<OktaApp & Record<string, unknown>>("apps", String(state["id"]))!;
    expect(app).toMatchObject({
      label: "OpenMetadata (dev)",
      status: "ACTIVE",
      credentials: { oauthClient: { client_id: idOf(state), token_endpoint_auth_method: "none", pkce_required: true } },
      settings: {
        oauthClient: {
          application_type: "browser",
          redirect_uris: SPA.redirect_uris,
          post_logout_redirect_uris: SPA.post_logout_redirect_uris,
          grant_types: SPA.grant_types,
          response_types: SPA.response_types,
          refresh_token: { rotation_type: "ROTATE", leeway: 30 },
        },
      },
    });
    expect(app.credentials.oauthClient.client_secret).toBeUndefined();
    expectNoChanges("okta_app_oauth", SPA, state, context);
  });

  test("a Web app with client_secret_post gets a secret, kept in state only, and never in a refusal of its update", () => {
    const { context, tenant } = org();
    const state = apply("okta_app_oauth", WEB, context);
    const secret = String(state["client_secret"]);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(tenant.get<OktaApp & Record<string, unknown>>("apps", String(state["id"]))!.credentials.oauthClient.client_secret).toBe(secret);
    expectNoChanges("okta_app_oauth", WEB, state, context);
    const error = thrown(() => apply("okta_app_oauth", { ...WEB, grant_types: ["implicit"] }, context, state));
    expect(error.message).toContain(
      'failed to update OAuth application: failed conditional validation for field "grant_types" of type "web"',
    );
    expect(error.message).not.toContain(secret);
  });

  // CustomizeDiff :134-143
  test("omit_secret keeps the secret out of state, and turning it off again forces a new app", () => {
    const { context } = org();
    const omitted = apply("okta_app_oauth", { ...WEB, omit_secret: true }, context);
    expect(omitted["client_secret"]).toBeNull();
    const next = plan("okta_app_oauth", WEB, omitted, context);
    expect(next.requiresReplace).toEqual([["omit_secret"]]);
  });

  // resource_okta_app_oauth.go:1371-1375
  test("private_key_jwt without jwks or jwks_uri is refused at create; with jwks the service app has no secret and its key is stored", () => {
    const { context, tenant } = org();
    const { jwks: _jwks, ...withoutKeys } = SERVICE;
    expect(thrown(() => apply("okta_app_oauth", withoutKeys, context)).summary).toBe(
      "failed to create OAuth application: 'jwks' or 'jwks_uri' is required when 'token_endpoint_auth_method' is 'private_key_jwt'",
    );
    const state = apply("okta_app_oauth", SERVICE, context);
    expect(state["client_secret"]).toBeNull();
    expect(state["authentication_policy"]).toBe(""); // skip_authentication_policy: read sets "" (:691-695)
    expect(tenant.get<OktaApp & Record<string, unknown>>("apps", String(state["id"]))!.settings.oauthClient.jwks!.keys[0]).toMatchObject({
      kid: JWK.kid,
      kty: "RSA",
      e: "AQAB",
      n: JWK.n,
      status: "ACTIVE",
    });
    expectNoChanges("okta_app_oauth", SERVICE, state, context);
  });

  // The update assigns the sign-on policy at :994-999; help/service-app.md.
  test(
    "a service app's key rotation without skip_authentication_policy fails with Okta's answer of #2295, because the update assigns " +
      "the sign-on policy; with the flag, as the stacks set it, the rotation applies",
    () => {
      const { context } = org();
      const { skip_authentication_policy: _skip, ...unflagged } = SERVICE;
      const created = apply("okta_app_oauth", unflagged, context); // the create skips service apps (:569-576)
      const rotated = { ...unflagged, jwks: [JWK, { ...JWK, kid: "dev-service-app-2027-05" }] };
      const error = thrown(() => apply("okta_app_oauth", rotated, context, created));
      expect(error.summary).toMatch(
        /^failed to set authentication policy an OAuth application: the API returned an error: Api validation failed: An invalid resource type \("rst[0-9A-Za-z]{17}"\) was supplied in the request body\. Valid types include 0oa/,
      );
      const flagged = apply("okta_app_oauth", SERVICE, context);
      const updated = apply("okta_app_oauth", { ...SERVICE, jwks: rotated.jwks }, context, flagged);
      expect((updated["jwks"] as readonly ObjectValue[]).map((key) => key["kid"])).toEqual([JWK.kid, "dev-service-app-2027-05"]);
      expect(updated["client_id"]).toBe(flagged["client_id"]);
    },
  );

  // resource_okta_app_oauth.go:1334-1347, utils/utils.go:103-123
  test("grant types are checked per app type at apply, with the provider's text", () => {
    const { context } = org();
    const error = thrown(() => apply("okta_app_oauth", { ...SERVICE, grant_types: ["authorization_code"] }, context));
    expect(error.summary).toBe(
      'failed to create OAuth application: failed conditional validation for field "grant_types" of type "service", it can contain ' +
        "client_credentials, implicit, urn:ietf:params:oauth:grant-type:saml2-bearer, urn:ietf:params:oauth:grant-type:token-exchange, " +
        "urn:ietf:params:oauth:grant-type:device_code, interaction_code, urn:okta:params:oauth:grant-type:oob, urn:okta:params:oauth:grant-type:otp, " +
        "http://auth0.com/oauth/grant-type/mfa-oob, http://auth0.com/oauth/grant-type/mfa-otp and must contain client_credentials, received authorization_code",
    );
  });

  // resource_okta_app_oauth.go:1392-1404; :295-299
  test("the implicit grant needs a token or id_token response type; an unknown response type is refused at validate", () => {
    const { context } = org();
    expect(thrown(() => apply("okta_app_oauth", { ...SPA, response_types: ["code"] }, context)).summary).toBe(
      "failed to create OAuth application: 'response_types' must contain at least one of ['token', 'id_token'] when 'grant_types' contains 'implicit'",
    );
    const { diagnostics } = plan("okta_app_oauth", { ...SPA, response_types: ["code", "refresh"] }, null, context);
    expect(diagnostics.map((diagnostic) => diagnostic.summary)).toEqual([
      'expected response_types.1 to be one of ["code" "token" "id_token"], got refresh',
    ]);
  });

  // resource_okta_app_oauth.go:461
  test("skip_authentication_policy conflicts with authentication_policy at validate", () => {
    const { context } = org();
    const { diagnostics } = plan("okta_app_oauth", { ...SERVICE, authentication_policy: "rstCustomPolicy" }, null, context);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        summary: "Conflicting configuration arguments",
        detail: '"skip_authentication_policy": conflicts with authentication_policy',
      }),
    ]);
  });

  test("issuer_mode CUSTOM_URL is refused without a custom domain, with Okta's text from #756", () => {
    const { context } = org();
    expect(thrown(() => apply("okta_app_oauth", { ...SPA, issuer_mode: "CUSTOM_URL" }, context)).summary).toBe(
      "failed to create OAuth application: the API returned an error: Api validation failed: issuerMode. Causes: errorSummary: issuerMode: " +
        "'issuerMode' can not be set to CUSTOM_URL without a custom domain configured.",
    );
  });

  // app.go:166-180
  test("import takes the app id and the read fills the state from the world, secret excepted", () => {
    const { context } = org();
    const created = apply("okta_app_oauth", WEB, context);
    const imported = provider.resources["okta_app_oauth"]!.import!(`${String(created["id"])}`, context);
    const read = provider.resources["okta_app_oauth"]!.read(conformBlock(imported, schemaOf("okta_app_oauth")), context)!;
    expect(read).toMatchObject({
      id: idOf(created),
      client_id: created["client_id"],
      label: WEB.label,
      type: "web",
      token_endpoint_auth_method: "client_secret_post",
    });
    expect(read["client_secret"]).toBeNull(); // the read never sets it (:737)
    expect(thrown(() => provider.resources["okta_app_oauth"]!.import!("a/b/c/d", context)).summary).toBe(
      "invalid format used for import ID, format must be 'app_id' or 'app_id/skip_users' or 'app_id/skip_users/skip_groups'",
    );
  });
});

// resource_okta_auth_server*.go
describe("okta_auth_server and what hangs off it", () => {
  const SERVER = {
    audiences: ["0oaSpaClientId000001"],
    credentials_rotation_mode: "AUTO",
    description: "OpenMetadata dev: tokens for https://openmetadata.dev.example.com",
    issuer_mode: "ORG_URL",
    name: "openmetadata-dev",
    status: "ACTIVE",
  };

  test("the server gets an aus id and the issuer https://<org>.<base>/oauth2/<id>, a signing kid and a 90-day automatic rotation; a plan after apply is empty", () => {
    const { context, tenant } = org();
    const state = apply("okta_auth_server", SERVER, context);
    expect(state["id"]).toMatch(/^aus[0-9A-Za-z]{17}$/);
    expect(state["issuer"]).toBe(`https://example.okta.com/oauth2/${String(state["id"])}`);
    expect(state["kid"]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const last = Date.parse(String(state["credentials_last_rotated"]).replace(" +0000 UTC", "Z").replace(" ", "T"));
    const next = Date.parse(String(state["credentials_next_rotation"]).replace(" +0000 UTC", "Z").replace(" ", "T"));
    expect(next - last).toBe(90 * 86400_000);
    expect(tenant.get("authServers", String(state["id"]))).toMatchObject({
      issuer: state["issuer"],
      audiences: SERVER.audiences,
      issuerMode: "ORG_URL",
    });
    expectNoChanges("okta_auth_server", SERVER, state, context);
  });

  test("CUSTOM_URL issues from the org's custom domain, and is refused without one (#756)", () => {
    const { context, tenant } = org();
    expect(thrown(() => apply("okta_auth_server", { ...SERVER, issuer_mode: "CUSTOM_URL" }, context)).summary).toContain(
      "'issuerMode' can not be set to CUSTOM_URL without a custom domain configured.",
    );
    tenant.put("settings", "org", { customDomain: "login.example.com" });
    const state = apply("okta_auth_server", { ...SERVER, issuer_mode: "CUSTOM_URL" }, context);
    expect(state["issuer"]).toBe(`https://login.example.com/oauth2/${String(state["id"])}`);
  });

  test("an org served by a local Okta org server issues from the address it is served at", () => {
    const { context, tenant } = org();
    tenant.put("settings", "org", { servedAt: "http://127.0.0.1:43210" });
    const state = apply("okta_auth_server", SERVER, context);
    expect(state["issuer"]).toBe(`http://127.0.0.1:43210/oauth2/${String(state["id"])}`);
  });

  // okta/terraform-provider-okta#49 (a custom `sub` clashes the same way).
  test(
    "a custom ID-token claim named like a system claim is refused at create; the access-token email claim the stacks " +
      "add is accepted, and a reserved access-token name is refused",
    () => {
      const { context } = org();
      const server = apply("okta_auth_server", SERVER, context);
      const claim = {
        auth_server_id: idOf(server),
        name: "email",
        value: "user.email",
        value_type: "EXPRESSION",
        status: "ACTIVE",
        always_include_in_token: true,
      };
      const refused = thrown(() => apply("okta_auth_server_claim", { ...claim, claim_type: "IDENTITY" }, context));
      expect(refused.summary).toMatch(
        /^failed to create auth server claim: the API returned an error: Api validation failed: name\. Causes: errorSummary: /,
      );
      expect(refused.summary).toContain('"email" is a system claim of ID tokens');
      const accepted = apply("okta_auth_server_claim", { ...claim, claim_type: "RESOURCE", scopes: ["email"] }, context);
      expect(accepted["id"]).toMatch(/^ocl/);
      expectNoChanges("okta_auth_server_claim", { ...claim, claim_type: "RESOURCE", scopes: ["email"] }, accepted, context);
      expect(thrown(() => apply("okta_auth_server_claim", { ...claim, name: "cid", claim_type: "RESOURCE" }, context)).summary).toContain(
        '"cid" is reserved in access tokens',
      );
    },
  );

  // claim_default.go:114-139
  test("the claim default finds the server's own email claim by name and only sets always_include_in_token; its import takes <auth_server_id>/email", () => {
    const { context, tenant } = org();
    const server = apply("okta_auth_server", SERVER, context);
    const config = { auth_server_id: idOf(server), name: "email", always_include_in_token: true };
    const state = apply("okta_auth_server_claim_default", config, context);
    expect(state).toMatchObject({
      claim_type: "IDENTITY",
      value_type: "SYSTEM",
      status: "ACTIVE",
      scopes: ["email"],
      always_include_in_token: true,
    });
    expect(tenant.get<OktaClaim & Record<string, unknown>>("claims", String(state["id"]))!.system).toBe(true);
    expectNoChanges("okta_auth_server_claim_default", config, state, context);
    const imported = provider.resources["okta_auth_server_claim_default"]!.import!(`${String(server["id"])}/email`, context);
    expect(imported).toEqual({ id: idOf(state), auth_server_id: idOf(server) });
    provider.resources["okta_auth_server_claim_default"]!.delete(state, context); // a no-op: the system claim stays
    expect(tenant.get("claims", String(state["id"]))).toBeDefined();
  });

  // claim_default.go:172-182
  test("created after a custom claim of the same name, the claim default takes that custom claim, since findClaim matches the name alone: why the stacks order them", () => {
    const { context, tenant } = org();
    const server = apply("okta_auth_server", SERVER, context);
    const custom = apply(
      "okta_auth_server_claim",
      { auth_server_id: idOf(server), name: "email", claim_type: "RESOURCE", value: "user.email", scopes: ["email"] },
      context,
    );
    const wrong = apply(
      "okta_auth_server_claim_default",
      { auth_server_id: idOf(server), name: "email", always_include_in_token: true },
      context,
    );
    expect(wrong["id"]).toBe(custom["id"]);
    expect(wrong["claim_type"]).toBe("RESOURCE");
    expect(tenant.list<OktaClaim & Record<string, unknown>>("claims").filter((claim) => claim.name === "email")).toHaveLength(2);
  });

  test("scopes: the stacks' default scope applies, and one named like a system scope is refused", () => {
    const { context } = org();
    const server = apply("okta_auth_server", SERVER, context);
    const scope = {
      auth_server_id: idOf(server),
      name: "openmetadata",
      consent: "IMPLICIT",
      default: true,
      description: "d",
      display_name: "OpenMetadata",
      metadata_publish: "ALL_CLIENTS",
    };
    const state = apply("okta_auth_server_scope", scope, context);
    expect(state).toMatchObject({ system: false, default: true });
    expectNoChanges("okta_auth_server_scope", scope, state, context);
    expect(thrown(() => apply("okta_auth_server_scope", { ...scope, name: "openid" }, context)).summary).toMatch(
      /^failed to create auth server scope: the API returned an error: Api validation failed: name/,
    );
    const imported = provider.resources["okta_auth_server_scope"]!.import!(`${String(server["id"])}/${String(state["id"])}`, context);
    expect(imported).toEqual({ auth_server_id: idOf(server), id: idOf(state) });
  });

  // resource_okta_auth_server_scope.go:108-116: the update is Okta's ReplaceOAuth2Scope, a PUT that answers 404.
  test("updating a scope deleted since the refresh fails with Okta's not-found answer, and recreates nothing", () => {
    const { context, tenant } = org();
    const server = apply("okta_auth_server", SERVER, context);
    const scope = { auth_server_id: idOf(server), name: "openmetadata", consent: "IMPLICIT", metadata_publish: "ALL_CLIENTS" };
    const state = apply("okta_auth_server_scope", scope, context);
    tenant.delete("scopes", idOf(state));
    expect(thrown(() => apply("okta_auth_server_scope", { ...scope, description: "changed" }, context, state)).summary).toBe(
      `failed to update auth server scope: the API returned an error: Not found: Resource not found: ${idOf(state)} (OAuth2Scope)`,
    );
    expect(tenant.list("scopes").filter((stored) => stored["name"] === "openmetadata")).toEqual([]);
  });

  // auth_server_policy.go:53-55
  test("policies: an inactive one cannot be created; the import id is <auth_server_id>/<policy_id>", () => {
    const { context } = org();
    const server = apply("okta_auth_server", SERVER, context);
    const policy = {
      auth_server_id: idOf(server),
      name: "OpenMetadata",
      description: "d",
      priority: 1,
      client_whitelist: ["0oaSpaClientId000001"],
    };
    expect(thrown(() => apply("okta_auth_server_policy", { ...policy, status: "INACTIVE" }, context)).summary).toBe(
      "can not create an inactive auth server policy, only existing ones can be deactivated",
    );
    const state = apply("okta_auth_server_policy", policy, context);
    expect(state["id"]).toMatch(/^00p/);
    expectNoChanges("okta_auth_server_policy", policy, state, context);
    expect(thrown(() => provider.resources["okta_auth_server_policy"]!.import!("ausOnlyOnePart", context)).summary).toBe(
      'expected 2 import fields "auth_server_id/id", got 1 fields "ausOnlyOnePart"',
    );
  });

  // auth_server_policy_rule.go:326-327 (the window), :308-318 (the people condition).
  test(
    "rules: a refresh window shorter than the access token lifetime is refused with the provider's text, " +
      "implicit needs a people condition, and the stacks' rule applies with an empty plan after",
    () => {
      const { context } = org();
      const server = apply("okta_auth_server", SERVER, context);
      const policy = apply(
        "okta_auth_server_policy",
        { auth_server_id: idOf(server), name: "OpenMetadata", description: "d", priority: 1, client_whitelist: ["0oaSpaClientId000001"] },
        context,
      );
      const rule = {
        auth_server_id: idOf(server),
        policy_id: idOf(policy),
        name: "OpenMetadata users",
        priority: 1,
        status: "ACTIVE",
        type: "RESOURCE_ACCESS",
        access_token_lifetime_minutes: 60,
        refresh_token_lifetime_minutes: 129600,
        refresh_token_window_minutes: 10080,
        grant_type_whitelist: ["authorization_code", "implicit"],
        group_whitelist: ["EVERYONE"],
        scope_whitelist: ["openid", "profile", "email", "offline_access", "openmetadata"],
      };
      expect(thrown(() => apply("okta_auth_server_policy_rule", { ...rule, refresh_token_window_minutes: 30 }, context)).summary).toBe(
        "'refresh_token_window_minutes' must be between 'access_token_lifetime_minutes' and 'refresh_token_lifetime_minutes'",
      );
      const { group_whitelist: _groups, ...nobody } = rule;
      expect(thrown(() => apply("okta_auth_server_policy_rule", nobody, context)).summary).toBe(
        `at least "user_whitelist" or "group_whitelist" should be provided when using 'implicit' in "grant_type_whitelist"`,
      );
      const state = apply("okta_auth_server_policy_rule", rule, context);
      expect(state).toMatchObject({ system: false, group_whitelist: ["EVERYONE"], user_whitelist: null });
      expectNoChanges("okta_auth_server_policy_rule", rule, state, context);
      const id = `${String(server["id"])}/${String(policy["id"])}/${String(state["id"])}`;
      expect(provider.resources["okta_auth_server_policy_rule"]!.import!(id, context)).toEqual({
        auth_server_id: idOf(server),
        policy_id: idOf(policy),
        id: idOf(state),
      });
    },
  );

  // __tests__/adopt.test.ts
  test("every import id the adopt section writes is parsed as the provider parses it and read back from the org", () => {
    const { context, tenant } = org();
    const app = apply("okta_app_oauth", SPA, context);
    const group = seedOktaGroup(tenant, "openmetadata-dev-users");
    apply("okta_app_group_assignments", { app_id: idOf(app), group: [{ id: group.id, priority: 0 }] }, context);
    const origin = apply("okta_trusted_origin", { name: "o", origin: "https://openmetadata.dev.example.com", scopes: ["CORS"] }, context);
    const server = apply("okta_auth_server", SERVER, context);
    const scope = apply("okta_auth_server_scope", { auth_server_id: idOf(server), name: "openmetadata" }, context);
    const claim = apply(
      "okta_auth_server_claim",
      { auth_server_id: idOf(server), name: "email", claim_type: "RESOURCE", value: "user.email", scopes: ["email"] },
      context,
    );
    const policy = apply(
      "okta_auth_server_policy",
      { auth_server_id: idOf(server), name: "p", description: "d", priority: 1, client_whitelist: [idOf(app)] },
      context,
    );
    const rule = apply(
      "okta_auth_server_policy_rule",
      {
        auth_server_id: idOf(server),
        policy_id: idOf(policy),
        name: "r",
        priority: 1,
        grant_type_whitelist: ["authorization_code"],
        scope_whitelist: ["openid"],
      },
      context,
    );
    const imports: [string, string, string][] = [
      ["okta_app_oauth", idOf(app), idOf(app)],
      ["okta_app_group_assignments", idOf(app), idOf(app)],
      ["okta_trusted_origin", idOf(origin), idOf(origin)],
      ["okta_auth_server", idOf(server), idOf(server)],
      ["okta_auth_server_claim_default", `${idOf(server)}/email`, "(the system email claim)"],
      ["okta_auth_server_scope", `${idOf(server)}/${idOf(scope)}`, idOf(scope)],
      ["okta_auth_server_claim", `${idOf(server)}/${idOf(claim)}`, idOf(claim)],
      ["okta_auth_server_policy", `${idOf(server)}/${idOf(policy)}`, idOf(policy)],
      ["okta_auth_server_policy_rule", `${idOf(server)}/${idOf(policy)}/${idOf(rule)}`, idOf(rule)],
    ];
    for (const [type, importId, expectedId] of imports) {
      const behaviour = provider.resources[type]!;
      const read = behaviour.read(conformBlock(behaviour.import!(importId, context), schemaOf(type)), context);
      expect(read, type).not.toBeNull();
      if (type === "okta_auth_server_claim_default") expect(read!["name"]).toBe("email");
      else expect(read!["id"], type).toBe(expectedId);
    }
  });

  // claim_default.go:29-34 with findClaim :172-182.
  test(
    "importing the claim default as <auth_server_id>/email takes the first email claim Okta lists, " +
      "so with the custom access-token email claim listed first it binds that one",
    () => {
      const { context } = org();
      const server = apply("okta_auth_server", SERVER, context);
      const importDefault = () => {
        const behaviour = provider.resources["okta_auth_server_claim_default"]!;
        return behaviour.read(
          conformBlock(behaviour.import!(`${idOf(server)}/email`, context), schemaOf("okta_auth_server_claim_default")),
          context,
        )!;
      };
      expect(importDefault()).toMatchObject({ claim_type: "IDENTITY", value_type: "SYSTEM" });
      const custom = apply(
        "okta_auth_server_claim",
        { auth_server_id: idOf(server), name: "email", claim_type: "RESOURCE", value: "user.email", scopes: ["email"] },
        context,
      );
      expect(importDefault()["id"]).toBe(custom["id"]);
    },
  );

  test("destroying the server removes its claims, scopes, policies and rules from the org", () => {
    const { context, tenant } = org();
    const server = apply("okta_auth_server", SERVER, context);
    expect(tenant.list("claims")).toHaveLength(19);
    provider.resources["okta_auth_server"]!.delete(server, context);
    expect(provider.resources["okta_auth_server"]!.read(server, context)).toBeNull();
    expect([tenant.list("claims"), tenant.list("scopes")]).toEqual([[], []]);
  });
});

describe("assignments, origins and grants", () => {
  // trusted_origin.go:50-52; its Unique origin URL
  test("a trusted origin cannot be created inactive nor twice for one origin", () => {
    const { context } = org();
    const origin = {
      name: "OpenMetadata (dev) origin",
      origin: "https://openmetadata.dev.example.com",
      scopes: ["CORS", "REDIRECT"],
      active: true,
    };
    expect(thrown(() => apply("okta_trusted_origin", { ...origin, active: false }, context)).summary).toBe(
      "can not create inactive trusted origin, only existing trusted origins can be deactivated",
    );
    const state = apply("okta_trusted_origin", origin, context);
    expect(state["id"]).toMatch(/^tos/);
    expectNoChanges("okta_trusted_origin", origin, state, context);
    expect(thrown(() => apply("okta_trusted_origin", { ...origin, name: "another" }, context)).summary).toMatch(
      /^failed to create trusted origin: the API returned an error: Api validation failed: origin/,
    );
  });

  test("group assignments need the app and the group to exist, keep the configured priority 0, and show a group assigned by hand as drift", () => {
    const { context, tenant } = org();
    const app = apply("okta_app_oauth", SPA, context);
    const config = { app_id: idOf(app), group: [{ id: "00gMissingGroup00001", priority: 0 }] };
    expect(thrown(() => apply("okta_app_group_assignments", config, context)).summary).toBe(
      "failed to create application group assignment: the API returned an error: Not found: Resource not found: 00gMissingGroup00001 (UserGroup)",
    );
    const users = seedOktaGroup(tenant, "openmetadata-dev-users");
    const assigned = { app_id: idOf(app), group: [{ id: users.id, priority: 0 }] };
    const state = apply("okta_app_group_assignments", assigned, context);
    expect(state["group"]).toEqual([{ id: users.id, priority: 0, profile: "{}" }]);
    expectNoChanges("okta_app_group_assignments", assigned, state, context);
    const admins = seedOktaGroup(tenant, "openmetadata-admins");
    tenant.put("groupAssignments", `${String(app["id"])}~${admins.id}`, {
      id: admins.id,
      appId: app["id"],
      priority: 1,
      profile: {},
      lastUpdated: "",
    });
    const drifted = provider.resources["okta_app_group_assignments"]!.read(state, context)!;
    expect((drifted["group"] as readonly ObjectValue[]).map((group) => group["id"])).toEqual([users.id, admins.id]);
  });

  test("deleting an app drops its group assignments, as Okta does, and the assignments resource then reads as gone", () => {
    const { context, tenant } = org();
    const app = apply("okta_app_oauth", SPA, context);
    const group = seedOktaGroup(tenant, "openmetadata-dev-users");
    const state = apply("okta_app_group_assignments", { app_id: idOf(app), group: [{ id: group.id, priority: 0 }] }, context);
    provider.resources["okta_app_oauth"]!.delete(app, context);
    expect(tenant.list("groupAssignments")).toEqual([]);
    expect(provider.resources["okta_app_group_assignments"]!.read(state, context)).toBeNull();
  });

  // app_oauth_api_scope.go:24-41
  test("API scopes are granted only with the org URL as issuer, and the import reads them back", () => {
    const { context } = org();
    const app = apply("okta_app_oauth", SERVICE, context);
    const grant = {
      app_id: idOf(app),
      issuer: "https://example.okta.com",
      scopes: ["okta.users.read", "okta.users.manage", "okta.clients.read"],
    };
    expect(
      thrown(() => apply("okta_app_oauth_api_scope", { ...grant, issuer: "https://example.okta.com/oauth2/default" }, context)).summary,
    ).toMatch(
      /^failed to create application scope consent grant: failed to grant application api scope: the API returned an error: Api validation failed: issuer/,
    );
    const state = apply("okta_app_oauth_api_scope", grant, context);
    expect(state["id"]).toBe(app["id"]);
    expectNoChanges("okta_app_oauth_api_scope", grant, state, context);
    const imported = provider.resources["okta_app_oauth_api_scope"]!.import!(String(app["id"]), context);
    expect(imported).toMatchObject({ app_id: idOf(app), issuer: "https://example.okta.com" });
    expect([...(imported["scopes"] as string[])].sort()).toEqual([...grant.scopes].sort());
  });

  // :110-124
  test("an admin role is assigned to the app's client with Okta's id and label (the recorded HELP_DESK_ADMIN answer); CUSTOM needs resource_set and role", () => {
    const { context } = org();
    const app = apply("okta_app_oauth", SERVICE, context);
    const state = apply("okta_app_oauth_role_assignment", { client_id: String(app["client_id"]), type: "HELP_DESK_ADMIN" }, context);
    expect(state).toMatchObject({
      id: "JBCUYUC7IRCVGS27IFCE2SKO",
      label: "Help Desk Administrator",
      status: "ACTIVE",
      resource_set: null,
      role: null,
    });
    expectNoChanges("okta_app_oauth_role_assignment", { client_id: String(app["client_id"]), type: "HELP_DESK_ADMIN" }, state, context);
    const { diagnostics } = plan("okta_app_oauth_role_assignment", { client_id: String(app["client_id"]), type: "CUSTOM" }, null, context);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        summary: "Missing attribute configuration",
        detail: "When type is set to 'CUSTOM', the resource_set and role attributes must be set.",
      }),
    ]);
    expect(thrown(() => provider.resources["okta_app_oauth_role_assignment"]!.import!("only-one", context)).detail).toBe(
      "Expected import identifier with format <client_id>/<role_id>",
    );
  });
});

// data_source_okta_group.go:80-162
describe("data.okta_group and data.okta_everyone_group", () => {
  const read = (type: string, config: ObjectValue, context: ProviderContext) =>
    provider.dataSources[type]!.read(conformBlock(config, provider.schemas.dataSources[type]!.block), context);

  // data_source_okta_group.go:109-124
  test("an exact name wins among several groups the starts-with search finds", () => {
    const { context, tenant } = org();
    const users = seedOktaGroup(tenant, "openmetadata-users");
    seedOktaGroup(tenant, "openmetadata-users-admins");
    expect(read("okta_group", { name: "openmetadata-users" }, context)).toMatchObject({
      id: users.id,
      name: "openmetadata-users",
      type: "OKTA_GROUP",
    });
  });

  // data_source_okta_group.go:139-145
  test("a lone near match is taken as it is, with its own name, which the stacks' postcondition then refuses", () => {
    const { context, tenant } = org();
    const admins = seedOktaGroup(tenant, "openmetadata-users-admins");
    const found = read("okta_group", { name: "openmetadata-users" }, context);
    expect(found).toMatchObject({ id: admins.id, name: "openmetadata-users-admins" });
  });

  // data_source_okta_group.go:126-138
  test("no match and too many matches fail with the provider's words", () => {
    const { context, tenant } = org();
    expect(thrown(() => read("okta_group", { name: "openmetadata-dev-users" }, context)).summary).toBe(
      'group with name "openmetadata-dev-users" does not exist',
    );
    seedOktaGroup(tenant, "data-engineering");
    seedOktaGroup(tenant, "data-science");
    expect(thrown(() => read("okta_group", { name: "data" }, context)).summary).toBe(
      'group starting with name "data" matches 2 groups, select a more precise name parameter',
    );
    expect(() => seedOktaGroup(tenant, "data-science")).toThrow(/already has a group named "data-science"/);
  });

  test("the Everyone group exists in every org: read once, then the same id, described as Okta describes it", () => {
    const { context, tenant } = org();
    seedOktaGroup(tenant, "Everyone-contractors");
    const first = read("okta_everyone_group", {}, context);
    expect(first).toMatchObject({ description: "All users in your organization" });
    expect(first["id"]).toMatch(/^00g/);
    expect(read("okta_everyone_group", {}, context)["id"]).toBe(first["id"]);
    expect(read("okta_group", { name: "Everyone" }, context)).toMatchObject({ id: first["id"], type: "BUILT_IN" });
  });
});
