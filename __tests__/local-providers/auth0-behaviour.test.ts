import { X509Certificate, generateKeyPairSync, sign, verify } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { conformBlock } from "../../local-providers/protocol/cty";
import { findUnknownPath, planResource } from "../../local-providers/protocol/plan";
import { ProviderDiagnostic, type ProviderContext } from "../../local-providers/provider/behaviour";
import { valuesEqual, type ObjectValue } from "../../local-providers/provider/values";
import { validateProviderArguments } from "../../local-providers/providers/auth0/configure";
import { tenantSigningKey } from "../../local-providers/providers/auth0/signing-key";
import {
  auth0Tenant,
  AUTH0_COLLECTIONS,
  enabledClientIds,
  provider,
  seedAuth0Connection,
} from "../../local-providers/providers/auth0/index";
import type { WorldClient, WorldSigningKey } from "../../local-providers/providers/auth0/index";
import { thrown } from "../support/provider-harness";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE, synthEnvironment } from "../support/synth";
import { useTemporaryDirectories } from "../support/temporary-directories";
import { loadEnvironmentsFile } from "../../lib/config/load-environments";

// The local auth0 provider's behaviour on a temporary world: what each call does to the tenant, what
// it returns, and the real provider's words where it refuses.

const temporaryWorld = useTemporaryDirectories("auth0-world");
const DOMAIN = "example.eu.auth0.com";
/** The provider's own machine-to-machine app: test values, never printed. */
const PROVIDER_APP = { AUTH0_CLIENT_ID: "provider-app-id-4a1f", AUTH0_CLIENT_SECRET: "provider-app-secret-7c3d" };

/** One tenant key for the file, made by the provider's own code: a 2048-bit RSA key per test would dominate the run. */
let sharedSigningKey: WorldSigningKey | undefined;
function signingKeyOnce(): WorldSigningKey {
  sharedSigningKey ??= tenantSigningKey(auth0Tenant(temporaryWorld(), DOMAIN));
  return sharedSigningKey;
}

function configure(env: NodeJS.ProcessEnv = {}, config: ObjectValue = { domain: DOMAIN }) {
  const world = temporaryWorld();
  const context = provider.configure(conformBlock(config, provider.schemas.provider.block), {
    OPENMETADATA_LOCAL_WORLD: world,
    ...PROVIDER_APP,
    ...env,
  });
  const tenant = auth0Tenant(world, DOMAIN);
  tenant.put(AUTH0_COLLECTIONS.signingKeys, "current", signingKeyOnce());
  return { world, context, tenant };
}

function configureError(env: NodeJS.ProcessEnv, config: ObjectValue = {}): ProviderDiagnostic {
  return thrown(() =>
    provider.configure(conformBlock(config, provider.schemas.provider.block), { OPENMETADATA_LOCAL_WORLD: temporaryWorld(), ...env }),
  );
}

const blockOf = (type: string) => provider.schemas.resources[type]!.block;

/** Validate, the generic plan and the behaviour's, then create or update: what Terraform's apply does with one resource. */
function apply(context: ProviderContext, type: string, config: ObjectValue, prior: ObjectValue | null = null): ObjectValue {
  const block = blockOf(type);
  const behaviour = provider.resources[type]!;
  const configured = conformBlock(config, block);
  const problems = behaviour.validate?.(configured) ?? [];
  if (problems.length > 0) throw new ProviderDiagnostic(problems[0]!.summary, problems[0]!.detail ?? "");
  const planned = plan(context, type, configured, prior);
  const result = prior === null ? behaviour.create(planned, context, configured) : behaviour.update(planned, prior, context, configured);
  const state = conformBlock(result, block);
  expect(findUnknownPath(state)).toBeUndefined();
  return state;
}

function plan(context: ProviderContext, type: string, config: ObjectValue, prior: ObjectValue | null): ObjectValue {
  const block = blockOf(type);
  const configured = conformBlock(config, block);
  const generic = planResource(block, configured, prior);
  const adjusted = provider.resources[type]!.plan?.({ planned: generic.planned, prior, config: configured, context });
  return conformBlock(adjusted?.planned ?? generic.planned, block);
}

/** True when Terraform would plan no change: the plan equals the state and nothing forces a replacement. */
function planIsEmpty(context: ProviderContext, type: string, config: ObjectValue, state: ObjectValue): boolean {
  const generic = planResource(blockOf(type), conformBlock(config, blockOf(type)), state);
  return generic.requiresReplace.length === 0 && valuesEqual(plan(context, type, config, state), state);
}

const URL = "https://openmetadata.example.com";
const REFRESH = {
  rotation_type: "rotating",
  expiration_type: "expiring",
  leeway: 0,
  token_lifetime: 2_592_000,
  idle_token_lifetime: 1_296_000,
  infinite_token_lifetime: false,
  infinite_idle_token_lifetime: false,
};

/** The SPA client of the auth0-dev example, as Terraform decodes it (blocks as lists). */
function spaClient(change: ObjectValue = {}): ObjectValue {
  return {
    name: "OpenMetadata (test)",
    description: "OpenMetadata single sign-on (test)",
    app_type: "spa",
    callbacks: [`${URL}/callback`, `${URL}/silent-callback`],
    allowed_logout_urls: [URL],
    web_origins: [URL],
    allowed_origins: [URL],
    grant_types: ["authorization_code", "refresh_token"],
    oidc_conformant: true,
    is_first_party: true,
    jwt_configuration: [{ alg: "RS256" }],
    refresh_token: [REFRESH],
    ...change,
  };
}

const webClient = (change: ObjectValue = {}) => spaClient({ app_type: "regular_web", web_origins: null, allowed_origins: null, ...change });

/** A state's client_id, a string once applied. */
function clientIdOf(state: ObjectValue): string {
  const clientId = state["client_id"];
  if (typeof clientId !== "string") throw new Error("no client_id in the state");
  return clientId;
}

function worldClient(tenant: ReturnType<typeof auth0Tenant>, clientId: string): WorldClient {
  const client = tenant.get<WorldClient>(AUTH0_COLLECTIONS.clients, clientId);
  if (!client) throw new Error(`no client ${clientId} in the world`);
  return client;
}

// internal/config/config.go@v1.55.0
describe("configure", () => {
  test("credentials come from AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET when the block sets only the domain; the tenant is the domain", () => {
    const { context, world } = configure();
    expect(context.config).toMatchObject({ domain: DOMAIN, client_id: PROVIDER_APP.AUTH0_CLIENT_ID, debug: false });
    expect(context.tenant?.folder).toBe(auth0Tenant(world, DOMAIN).folder);
  });

  // provider.go:55,115
  test("AUTH0_DOMAIN stands in for the domain, and AUTH0_DEBUG=on turns debug on", () => {
    const { context } = configure({ AUTH0_DOMAIN: "env.eu.auth0.com", AUTH0_DEBUG: "on" }, {});
    expect(context.config).toMatchObject({ domain: "env.eu.auth0.com", debug: true });
  });

  // config.go:188-196
  test("without credentials: 'Missing environment variables' with the provider's text", () => {
    const error = configureError({}, { domain: DOMAIN });
    expect(error.summary).toBe("Missing environment variables");
    expect(error.detail).toContain(
      "AUTH0_DOMAIN is required. Then, configure either AUTH0_API_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET",
    );
  });

  // config.go:170-177
  test("a client id without a secret or an assertion key is refused", () => {
    const error = configureError({ AUTH0_CLIENT_ID: PROVIDER_APP.AUTH0_CLIENT_ID, AUTH0_DOMAIN: DOMAIN });
    expect(error.summary).toBe("Missing required configuration");
    expect(error.detail).toMatch(/^When 'AUTH0_CLIENT_ID' is provided, either 'AUTH0_CLIENT_SECRET' or both/);
    expect(error.message).not.toContain(PROVIDER_APP.AUTH0_CLIENT_ID);
  });

  // config.go:131-137,179-186
  test("credentials without a domain: the domain is named with the variables given", () => {
    expect(configureError(PROVIDER_APP).detail).toBe(
      "The 'AUTH0_DOMAIN' must be specified along with 'AUTH0_CLIENT_ID' and 'AUTH0_CLIENT_SECRET'.",
    );
    expect(configureError({ AUTH0_API_TOKEN: "token-value-3b9e" }).detail).toBe(
      "The 'AUTH0_DOMAIN' must be specified along with 'AUTH0_API_TOKEN'.",
    );
  });

  // grpc_provider.go:304-358, provider.go:70,105
  test(
    "AUTH0_API_TOKEN together with AUTH0_CLIENT_ID is refused as the SDK refuses it, not settled in favour of the token: " +
      "the SDK applies the environment before ConflictsWith",
    () => {
      const env = { ...PROVIDER_APP, AUTH0_API_TOKEN: "token-value-3b9e", AUTH0_DOMAIN: DOMAIN };
      const problems = validateProviderArguments({}, env);
      expect(problems.map((problem) => problem.detail)).toEqual([
        '"client_id": conflicts with api_token',
        '"client_secret": conflicts with api_token',
        '"api_token": conflicts with client_id',
      ]);
      expect(problems.every((problem) => problem.summary === "Conflicting configuration arguments")).toBe(true);
      const error = configureError(env);
      expect(error.summary).toBe("Conflicting configuration arguments");
      for (const value of Object.values(env).filter((value) => value !== DOMAIN))
        expect(JSON.stringify([error, problems])).not.toContain(value);
    },
  );

  // provider.go:78
  test("a client secret without a client id: RequiredWith's text", () => {
    const [problem] = validateProviderArguments({ domain: DOMAIN, client_secret: "secret-value-19d2" }, {});
    expect(problem).toMatchObject({
      summary: "Missing required argument",
      detail: '"client_secret": all of `client_id,client_secret` must be specified',
    });
  });

  // config.go:241-335
  test("cli_login without a token of the auth0 CLI for the domain: 'Authentication required'; an expired one fails validation", () => {
    const home = temporaryWorld();
    expect(configureError({ AUTH0_CLI_LOGIN: "true", AUTH0_DOMAIN: DOMAIN, HOME: home }).summary).toBe("Authentication required");
    mkdirSync(join(home, ".config", "auth0"), { recursive: true });
    const expired = ["{}", JSON.stringify({ exp: 1_000 }), "signature"].map((part) => Buffer.from(part).toString("base64url")).join(".");
    writeFileSync(join(home, ".config", "auth0", "config.json"), JSON.stringify({ tenants: { [DOMAIN]: { access_token: expired } } }));
    const error = configureError({ AUTH0_CLI_LOGIN: "true", AUTH0_DOMAIN: DOMAIN, HOME: home });
    expect([error.summary, error.detail]).toEqual([
      "Token validation failed",
      "expired token: the stored auth0-cli token has expired. Please log in again",
    ]);
  });
});

describe("auth0_client", () => {
  test(
    "create computes a 32-character client_id, Auth0's secret in the world only (1.x has no client_secret attribute), " +
      "and the tenant's certificate in signing_keys",
    () => {
      const { context, tenant } = configure();
      const state = apply(context, "auth0_client", spaClient());
      const clientId = clientIdOf(state);
      expect(clientId).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(state["id"]).toBe(clientId);
      expect(state["client_secret"]).toBeUndefined();
      const stored = worldClient(tenant, clientId);
      expect(stored.client_secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
      const [key] = state["signing_keys"] as ObjectValue[];
      const certificate = new X509Certificate(key!["cert"] as string);
      expect(certificate.subject).toBe(`CN=${DOMAIN}`);
      const signingKey = tenant.get<WorldSigningKey>(AUTH0_COLLECTIONS.signingKeys, "current")!;
      // Self-signed, by the key the world keeps for the tenant.
      expect(certificate.verify(certificate.publicKey)).toBe(true);
      const signature = sign("sha256", Buffer.from("token"), signingKey.private_key);
      expect(verify("sha256", Buffer.from("token"), certificate.publicKey, signature)).toBe(true);
      expect(key).toEqual({ cert: signingKey.cert, pkcs7: signingKey.pkcs7, subject: `/CN=${DOMAIN}` });
      expect(key!["pkcs7"]).toMatch(/^-----BEGIN PKCS7-----\n/);
      // A second client of the tenant lists the same key.
      expect(apply(context, "auth0_client", spaClient({ name: "second" }))["signing_keys"]).toEqual(state["signing_keys"]);
    },
  );

  test("a tenant keeps one signing key: made once, then read back by every later client (and by a second process)", () => {
    const tenant = auth0Tenant(temporaryWorld(), "keys.eu.auth0.com");
    const key = tenantSigningKey(tenant);
    expect(key.subject).toBe("/CN=keys.eu.auth0.com");
    expect(new X509Certificate(key.cert).subject).toBe("CN=keys.eu.auth0.com");
    expect(tenantSigningKey(auth0Tenant(tenant.world, "keys.eu.auth0.com"))).toEqual(key);
  });

  test("the world holds what a local OpenID tenant needs, in the Management API's field names", () => {
    const { context, tenant } = configure();
    const state = apply(context, "auth0_client", spaClient());
    expect(worldClient(tenant, clientIdOf(state))).toMatchObject({
      app_type: "spa",
      callbacks: [`${URL}/callback`, `${URL}/silent-callback`],
      allowed_logout_urls: [URL],
      grant_types: ["authorization_code", "refresh_token"],
      // expandClient sets it on create by app type (expand.go: native and spa are "none").
      token_endpoint_auth_method: "none",
      jwt_configuration: { alg: "RS256", lifetime_in_seconds: 36000, secret_encoded: false },
      refresh_token: REFRESH,
    });
  });

  test("a plan right after the apply is empty, and a read returns the applied state", () => {
    const { context } = configure();
    for (const config of [spaClient(), webClient()]) {
      const state = apply(context, "auth0_client", config);
      expect(planIsEmpty(context, "auth0_client", config, state)).toBe(true);
      expect(provider.resources["auth0_client"]!.read(state, context)).toEqual(state);
    }
  });

  test(
    "what the configuration leaves out is Auth0's default for the app type, as the provider's recordings show it " +
      "(TestAccClientCanSetDefaultAuthMethodOnCreate, TestAccClientOIDCLogout): a spa has no client_credentials grant",
    () => {
      const { context } = configure();
      const minimal = (appType: string) => apply(context, "auth0_client", { name: `minimal ${appType}`, app_type: appType });
      const spa = minimal("spa");
      expect(spa["grant_types"]).toEqual(["authorization_code", "implicit", "refresh_token"]);
      expect(minimal("regular_web")["grant_types"]).toEqual(["authorization_code", "implicit", "refresh_token", "client_credentials"]);
      expect(spa).toMatchObject({ oidc_conformant: false, is_first_party: true, custom_login_page_on: true, description: null });
      // alg is Optional without Computed: Auth0 sets none, and the state keeps the plan's null.
      expect(spa["jwt_configuration"]).toEqual([{ alg: null, lifetime_in_seconds: 36000, secret_encoded: false, scopes: null }]);
      expect(spa["refresh_token"]).toEqual([
        expect.objectContaining({ rotation_type: "non-rotating", token_lifetime: 2592000, idle_token_lifetime: 1296000 }),
      ]);
      expect(planIsEmpty(context, "auth0_client", { name: "minimal spa", app_type: "spa" }, spa)).toBe(true);
    },
  );

  // fetchNullableFields, expand.go:1162
  test(
    "an update sends only what the configuration sets, as expandClient does: a dropped web_origins stays in Auth0 " +
      "(so the next plan shows it again), a dropped token_quota is cleared",
    () => {
      const { context, tenant } = configure();
      const withQuota = spaClient({ token_quota: [{ client_credentials: [{ per_day: 10 }] }] });
      const created = apply(context, "auth0_client", withQuota);
      expect(created["token_quota"]).toEqual([{ client_credentials: [{ enforce: true, per_day: 10, per_hour: null }] }]);
      const web = webClient();
      const updated = apply(context, "auth0_client", web, created);
      expect(updated["client_id"]).toBe(created["client_id"]);
      expect(updated["app_type"]).toBe("regular_web");
      expect(updated["web_origins"]).toEqual([URL]);
      expect(updated["token_quota"]).toEqual([]);
      expect(worldClient(tenant, created["client_id"] as string)["token_quota"]).toBeUndefined();
      expect(planIsEmpty(context, "auth0_client", web, updated)).toBe(false);
    },
  );

  test("destroy removes the client and takes it off every connection; a read then finds nothing", () => {
    const { context, tenant } = configure();
    const state = apply(context, "auth0_client", spaClient());
    const connection = seedAuth0Connection(tenant, "Username-Password-Authentication", "auth0", {
      enabledClients: [clientIdOf(state)],
    });
    provider.resources["auth0_client"]!.delete(state, context);
    expect(tenant.get(AUTH0_COLLECTIONS.clients, clientIdOf(state))).toBeUndefined();
    expect(enabledClientIds(tenant, connection.id)).toEqual([]);
    expect(provider.resources["auth0_client"]!.read(state, context)).toBeNull();
    // Deleting what is already gone succeeds (HandleAPIError, api_error.go:16).
    expect(() => provider.resources["auth0_client"]!.delete(state, context)).not.toThrow();
  });

  // resource.go:1874
  test("import takes the client id and reads the client from the world; an unknown id and a CIMD client are refused", () => {
    const { context, tenant } = configure();
    const state = apply(context, "auth0_client", spaClient());
    const behaviour = provider.resources["auth0_client"]!;
    const imported = behaviour.read(behaviour.import!(clientIdOf(state), context), context);
    expect(imported).toMatchObject({ client_id: clientIdOf(state), name: "OpenMetadata (test)", callbacks: state["callbacks"] });
    expect(planIsEmpty(context, "auth0_client", spaClient(), conformBlock(imported, blockOf("auth0_client")))).toBe(true);
    expect(thrown(() => behaviour.import!("unknown-client", context)).summary).toBe("404 Not Found: The client does not exist");
    tenant.put(AUTH0_COLLECTIONS.clients, "cimdClient", {
      client_id: "cimdClient",
      client_secret: "x",
      name: "c",
      external_metadata_type: "cimd",
    });
    expect(thrown(() => behaviour.import!("cimdClient", context)).summary).toBe(
      'client "cimdClient" is a CIMD client. Use the auth0_client_cimd resource to manage CIMD clients',
    );
  });

  // resource.go:88
  test("a description longer than 140 characters is refused at plan with the SDK's StringLenBetween(0, 140) text", () => {
    const validate = provider.resources["auth0_client"]!.validate!;
    const [problem] = validate(conformBlock(spaClient({ description: "d".repeat(141) }), blockOf("auth0_client")));
    expect(problem).toMatchObject({ summary: `expected length of description to be in the range (0 - 140), got ${"d".repeat(141)}` });
    expect(validate(conformBlock(spaClient({ description: "d".repeat(140) }), blockOf("auth0_client")))).toEqual([]);
  });

  // resource.go:129,310
  test("an app_type or jwt alg outside the provider's lists is refused with StringInSlice's text", () => {
    const validate = provider.resources["auth0_client"]!.validate!;
    const problems = validate(conformBlock(spaClient({ app_type: "web", jwt_configuration: [{ alg: "RS512" }] }), blockOf("auth0_client")));
    expect(problems.map((problem) => problem.summary)).toEqual([
      expect.stringMatching(/^expected app_type to be one of \["native" "spa" "regular_web" .*"express_configuration"\], got web$/),
      'expected jwt_configuration.0.alg to be one of ["HS256" "RS256" "PS256"], got RS512',
    ]);
  });

  // client.md:720@v1.55.0
  test("rotating refresh tokens must be expiring (refresh_token.expiration_type): refused at apply", () => {
    const { context } = configure();
    const error = thrown(() =>
      apply(context, "auth0_client", spaClient({ refresh_token: [{ ...REFRESH, expiration_type: "non-expiring" }] })),
    );
    expect(error.summary).toBe('auth0_client: rotating refresh tokens must have expiration_type "expiring"');
    expect(error.detail).toContain("docs/resources/client.md:720@v1.55.0");
  });

  test(
    "what Auth0 accepts and only the project's construct refuses is accepted (a non-rotating SPA, a lifetime left to Auth0, " +
      "refresh_token without authorization_code): the project's own checks are not repeated here",
    () => {
      const { context } = configure();
      expect(
        apply(context, "auth0_client", spaClient({ refresh_token: [{ ...REFRESH, rotation_type: "non-rotating" }] }))["app_type"],
      ).toBe("spa");
      expect(apply(context, "auth0_client", spaClient({ refresh_token: [{ ...REFRESH, token_lifetime: null }] }))["app_type"]).toBe("spa");
      expect(apply(context, "auth0_client", webClient({ grant_types: ["refresh_token"] }))["app_type"]).toBe("regular_web");
    },
  );

  test("the documented rule holds on update too: a plan that makes rotating tokens non-expiring fails at apply and leaves Auth0 unchanged", () => {
    const { context, tenant } = configure();
    const state = apply(context, "auth0_client", spaClient());
    expect(() =>
      apply(context, "auth0_client", spaClient({ refresh_token: [{ ...REFRESH, expiration_type: "non-expiring" }] }), state),
    ).toThrow(ProviderDiagnostic);
    expect(worldClient(tenant, clientIdOf(state)).refresh_token).toMatchObject({ expiration_type: "expiring" });
  });
});

describe("auth0_client_credentials", () => {
  function withCredentials(method: string | null, clientConfig = webClient(), env: NodeJS.ProcessEnv = {}) {
    const setup = configure(env);
    const client = apply(setup.context, "auth0_client", clientConfig);
    const config = { client_id: clientIdOf(client), authentication_method: method };
    const state = apply(setup.context, "auth0_client_credentials", config);
    return { ...setup, client, config, state };
  }

  test("client_secret_post: the client's method is set, the state holds Auth0's secret (Sensitive), and a second plan is empty", () => {
    const { tenant, client, state, context, config } = withCredentials("client_secret_post");
    const stored = worldClient(tenant, clientIdOf(client));
    expect(stored.token_endpoint_auth_method).toBe("client_secret_post");
    expect(state).toMatchObject({
      id: clientIdOf(client),
      authentication_method: "client_secret_post",
      client_secret: stored.client_secret,
    });
    expect(provider.schemas.resources["auth0_client_credentials"]!.block.attributes["client_secret"]!.sensitive).toBe(true);
    expect(planIsEmpty(context, "auth0_client_credentials", config, state)).toBe(true);
  });

  // flatten.go:860-864
  test("none for the SPA: the method is none, and the state still has the secret Auth0 keeps for every client", () => {
    const { state, tenant, client } = withCredentials("none", spaClient());
    expect(state["authentication_method"]).toBe("none");
    expect(state["client_secret"]).toBe(worldClient(tenant, clientIdOf(client)).client_secret);
  });

  test("authentication_method left out is read back as the client's method: none for a spa, client_secret_post for a regular_web app", () => {
    expect(withCredentials(null, spaClient()).state["authentication_method"]).toBe("none");
    expect(withCredentials(null, webClient()).state["authentication_method"]).toBe("client_secret_post");
  });

  // resource_credentials_schema.go:148-152
  test(
    "client_secret is \"\" when the provider's app lacks read:client_keys and read:client_credentials, which the project's " +
      "postcondition on the Web client's credentials turns into a failed apply",
    () => {
      const { context, tenant } = configure();
      tenant.put(AUTH0_COLLECTIONS.managementGrants, PROVIDER_APP.AUTH0_CLIENT_ID, {
        client_id: PROVIDER_APP.AUTH0_CLIENT_ID,
        scopes: ["read:clients", "update:clients", "create:clients"],
      });
      const client = apply(context, "auth0_client", webClient());
      const state = apply(context, "auth0_client_credentials", {
        client_id: clientIdOf(client),
        authentication_method: "client_secret_post",
      });
      expect(state["client_secret"]).toBe("");
      tenant.put(AUTH0_COLLECTIONS.managementGrants, PROVIDER_APP.AUTH0_CLIENT_ID, {
        client_id: PROVIDER_APP.AUTH0_CLIENT_ID,
        scopes: ["read:client_keys"],
      });
      expect(provider.resources["auth0_client_credentials"]!.read(state, context)!["client_secret"]).toMatch(/^.{64}$/);
    },
  );

  // updateSecret, resource_credentials.go:1464
  test("a configured client_secret replaces Auth0's; a write-only one stays out of the state", () => {
    const { context, tenant } = configure();
    const client = apply(context, "auth0_client", webClient());
    const clientId = clientIdOf(client);
    const given = "a-secret-chosen-by-the-configuration-0123456789-abcdefghijklmnop";
    const state = apply(context, "auth0_client_credentials", {
      client_id: clientId,
      authentication_method: "client_secret_basic",
      client_secret: given,
    });
    expect(state["client_secret"]).toBe(given);
    const writeOnly = "a-write-only-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDE";
    const config = {
      client_id: clientId,
      authentication_method: "client_secret_post",
      client_secret_wo: writeOnly,
      client_secret_wo_version: 1,
    };
    const next = apply(context, "auth0_client_credentials", config, state);
    expect(worldClient(tenant, clientId).client_secret).toBe(writeOnly);
    expect(JSON.stringify(next)).not.toContain(writeOnly);
    expect(next).toMatchObject({ client_secret_wo: null, client_secret_wo_version: 1 });
  });

  // resource_credentials.go:1508-1516
  test(
    "private_key_jwt: each credential gets a cred_ id and its key's RFC 7638 thumbprint as key_id; " +
      "without credentials the provider's 'Client Credentials Missing'",
    () => {
      const { context, tenant } = configure();
      const client = apply(context, "auth0_client", webClient());
      const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
      const config = {
        client_id: clientIdOf(client),
        authentication_method: "private_key_jwt",
        private_key_jwt: [{ credentials: [{ name: "ci", credential_type: "public_key", pem }] }],
      };
      const state = apply(context, "auth0_client_credentials", config);
      const [credential] = (state["private_key_jwt"] as ObjectValue[])[0]!["credentials"] as ObjectValue[];
      expect(credential).toMatchObject({ name: "ci", algorithm: "RS256", pem, credential_type: "public_key" });
      expect(credential!["id"]).toMatch(/^cred_[A-Za-z0-9]{22}$/);
      expect(credential!["key_id"]).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(worldClient(tenant, clientIdOf(client)).token_endpoint_auth_method).toBeNull();
      expect(state["authentication_method"]).toBe("private_key_jwt");
      expect(planIsEmpty(context, "auth0_client_credentials", config, state)).toBe(true);
      const missing = thrown(() =>
        apply(context, "auth0_client_credentials", { client_id: clientIdOf(client), authentication_method: "private_key_jwt" }, state),
      );
      expect([missing.summary, missing.detail]).toEqual([
        "Client Credentials Missing",
        'You must define client credentials when setting the authentication method as "private_key_jwt".',
      ]);
    },
  );

  // resource_credentials_schema.go:142
  test("client_secret with a private_key_jwt block conflicts, in the SDK's words", () => {
    const validate = provider.resources["auth0_client_credentials"]!.validate!;
    const problems = validate(
      conformBlock(
        { client_id: "c", client_secret: "s", private_key_jwt: [{ credentials: [{ credential_type: "public_key", pem: "p" }] }] },
        blockOf("auth0_client_credentials"),
      ),
    );
    expect(problems.map((problem) => problem.detail)).toEqual([
      '"client_secret": conflicts with private_key_jwt',
      '"private_key_jwt": conflicts with client_secret',
    ]);
  });

  // resource_credentials.go:35-38
  test("creating credentials for a client that does not exist fails with Auth0's 404", () => {
    const { context } = configure();
    const error = thrown(() => apply(context, "auth0_client_credentials", { client_id: "missing", authentication_method: "none" }));
    expect(error.summary).toBe("404 Not Found: The client does not exist");
  });

  // resource_credentials.go:176-183
  test("destroy puts back the app type's default method and leaves the client", () => {
    const { state, context, tenant, client } = withCredentials("client_secret_basic");
    provider.resources["auth0_client_credentials"]!.delete(state, context);
    expect(worldClient(tenant, clientIdOf(client)).token_endpoint_auth_method).toBe("client_secret_post");
  });

  test("import takes the client id (ImportStatePassthroughContext) and the read fills the rest", () => {
    const { state, context, config } = withCredentials("client_secret_post");
    const behaviour = provider.resources["auth0_client_credentials"]!;
    const imported = conformBlock(
      behaviour.read(behaviour.import!(state["id"] as string, context), context)!,
      blockOf("auth0_client_credentials"),
    );
    expect(imported).toMatchObject({
      client_id: clientIdOf(state),
      authentication_method: "client_secret_post",
      client_secret: state["client_secret"],
    });
    expect(planIsEmpty(context, "auth0_client_credentials", config, imported)).toBe(true);
  });
});

describe("auth0_connection_client and data auth0_connection", () => {
  function tenantWithConnection() {
    const setup = configure();
    const other = apply(setup.context, "auth0_client", webClient({ name: "another application" }));
    const connection = seedAuth0Connection(setup.tenant, "Username-Password-Authentication", "auth0", {
      enabledClients: [clientIdOf(other)],
    });
    const client = apply(setup.context, "auth0_client", webClient());
    return { ...setup, other, connection, client };
  }

  test("enables one client and leaves the connection's other clients enabled; the id is connection_id::client_id", () => {
    const { context, tenant, connection, client, other } = tenantWithConnection();
    const config = { connection_id: connection.id, client_id: clientIdOf(client) };
    const state = apply(context, "auth0_connection_client", config);
    expect(state).toEqual({
      id: `${connection.id}::${clientIdOf(client)}`,
      connection_id: connection.id,
      client_id: clientIdOf(client),
      name: "Username-Password-Authentication",
      strategy: "auth0",
    });
    expect(enabledClientIds(tenant, connection.id)).toEqual([clientIdOf(client), clientIdOf(other)].sort());
    expect(planIsEmpty(context, "auth0_connection_client", config, state)).toBe(true);
    provider.resources["auth0_connection_client"]!.delete(state, context);
    expect(enabledClientIds(tenant, connection.id)).toEqual([clientIdOf(other)]);
    expect(provider.resources["auth0_connection_client"]!.read(state, context)).toBeNull();
  });

  // both ForceNew, resource_client.go:24,30
  test("changing the connection or the client replaces the enablement", () => {
    const { context, tenant, connection, client, other } = tenantWithConnection();
    const google = seedAuth0Connection(tenant, "google-oauth2", "google-oauth2");
    const state = apply(context, "auth0_connection_client", { connection_id: connection.id, client_id: clientIdOf(client) });
    const replaced = planResource(blockOf("auth0_connection_client"), { connection_id: google.id, client_id: clientIdOf(client) }, state);
    expect(replaced.requiresReplace).toEqual([["connection_id"]]);
    expect(
      planResource(blockOf("auth0_connection_client"), { connection_id: connection.id, client_id: clientIdOf(other) }, state)
        .requiresReplace,
    ).toEqual([["client_id"]]);
  });

  test("an unknown connection fails the apply with Auth0's 404 (recorded: The connection does not exist)", () => {
    const { context, client } = tenantWithConnection();
    const error = thrown(() =>
      apply(context, "auth0_connection_client", { connection_id: "con_0000000000000000", client_id: clientIdOf(client) }),
    );
    expect(error.summary).toBe("404 Not Found: The connection does not exist");
  });

  // internal/schema/importer.go:20-31
  test("import parses <connection_id>::<client_id>, with the importer's two refusals", () => {
    const { context, connection, client } = tenantWithConnection();
    const state = apply(context, "auth0_connection_client", { connection_id: connection.id, client_id: clientIdOf(client) });
    const behaviour = provider.resources["auth0_connection_client"]!;
    expect(behaviour.read(behaviour.import!(state["id"] as string, context), context)).toEqual(state);
    expect(thrown(() => behaviour.import!("", context)).summary).toBe("ID cannot be empty");
    for (const id of [connection.id, `${connection.id}::a::b`, `${connection.id}:${clientIdOf(client)}`]) {
      expect(thrown(() => behaviour.import!(id, context)).summary).toBe("ID must be formatted as <connection_id>::<client_id>");
    }
  });

  // data_source.go:99,122
  test("the data source finds a connection by its exact name only; otherwise the provider's error", () => {
    const { context, connection } = tenantWithConnection();
    const lookup = provider.dataSources["auth0_connection"]!;
    const found = lookup.read(
      conformBlock(
        { name: "Username-Password-Authentication", skip_enabled_clients: true },
        provider.schemas.dataSources["auth0_connection"]!.block,
      ),
      context,
    );
    expect(found).toMatchObject({
      id: connection.id,
      name: "Username-Password-Authentication",
      strategy: "auth0",
      realms: ["Username-Password-Authentication"],
    });
    const error = thrown(() => lookup.read({ name: "username-password-authentication" }, context));
    expect(error.summary).toBe('No connection found with "name" = "username-password-authentication"');
  });

  test("skip_enabled_clients true leaves enabled_clients empty, as the project relies on; false (the default) lists them", () => {
    const { context, connection, other } = tenantWithConnection();
    const lookup = provider.dataSources["auth0_connection"]!;
    expect(lookup.read({ name: connection.name, skip_enabled_clients: true }, context)).toMatchObject({
      enabled_clients: [],
      skip_enabled_clients: true,
    });
    expect(lookup.read({ name: connection.name }, context)).toMatchObject({
      enabled_clients: [clientIdOf(other)],
      skip_enabled_clients: false,
    });
  });

  // data_source.go:29,34
  test("by connection_id, or neither: the API's 404 for an unknown id, AtLeastOneOf's text for neither", () => {
    const { context, connection } = tenantWithConnection();
    const lookup = provider.dataSources["auth0_connection"]!;
    expect(lookup.read({ connection_id: connection.id }, context)).toMatchObject({ id: connection.id, connection_id: connection.id });
    expect(thrown(() => lookup.read({ connection_id: "con_missing" }, context)).summary).toBe(
      "404 Not Found: The connection does not exist",
    );
    expect(lookup.validate!({}).map((problem) => problem.detail)).toEqual([
      '"connection_id": one of `connection_id,name` must be specified',
      '"name": one of `connection_id,name` must be specified',
    ]);
  });

  test("seedAuth0Connection is idempotent by name and refuses the same name with another strategy", () => {
    const { tenant } = configure();
    const first = seedAuth0Connection(tenant, "google-oauth2", "google-oauth2");
    expect(first.id).toMatch(/^con_[A-Za-z0-9]{16}$/);
    expect(seedAuth0Connection(tenant, "google-oauth2", "google-oauth2").id).toBe(first.id);
    expect(() => seedAuth0Connection(tenant, "google-oauth2", "auth0")).toThrow(/already has a connection named google-oauth2/);
  });
});

describe("the Auth0 side of the web example, end to end", () => {
  test(
    "the synthesized auth0-staging stack applies in dependency order (lookups, client, credentials, enablements), " +
      "every plan after it is empty, and destroy leaves the connections' other clients alone",
    () => {
      const environment = loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE).find((candidate) => candidate.name === "auth0-staging")!;
      const { json } = synthEnvironment(environment);
      const domain = json.provider["auth0"]![0]!["domain"] as string;
      const world = temporaryWorld();
      const context = provider.configure({ domain }, { OPENMETADATA_LOCAL_WORLD: world, ...PROVIDER_APP });
      const tenant = auth0Tenant(world, domain);
      seedAuth0Connection(tenant, "Username-Password-Authentication", "auth0", { enabledClients: ["someOtherClient"] });
      seedAuth0Connection(tenant, "google-oauth2", "google-oauth2");

      const references = new Map<string, unknown>();
      /** A synthesized element as Terraform decodes it: references resolved, meta-arguments dropped, a block object as a list of one. */
      const decode = (type: string, element: Record<string, unknown>, block = blockOf(type)): ObjectValue => {
        const result: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(element)) {
          if (["//", "lifecycle", "depends_on"].includes(name)) continue;
          const resolved = typeof value === "string" && value.startsWith("${") ? references.get(value.slice(2, -1)) : value;
          if (resolved === undefined) throw new Error(`unresolved ${String(value)}`);
          result[name] = block.blocks?.[name] && !Array.isArray(resolved) ? [resolved] : resolved;
        }
        return conformBlock(result, block);
      };

      const lookupBlock = provider.schemas.dataSources["auth0_connection"]!.block;
      for (const [name, element] of Object.entries(json.data?.["auth0_connection"] ?? {})) {
        const state = provider.dataSources["auth0_connection"]!.read(decode("auth0_connection", element, lookupBlock), context);
        references.set(`data.auth0_connection.${name}.id`, state["id"]);
      }
      const applied: [string, ObjectValue, ObjectValue][] = [];
      for (const type of ["auth0_client", "auth0_client_credentials", "auth0_connection_client"]) {
        for (const [name, element] of Object.entries(json.resource[type] ?? {})) {
          const config = decode(type, element);
          const state = apply(context, type, config);
          for (const [attribute, value] of Object.entries(state)) references.set(`${type}.${name}.${attribute}`, value);
          applied.push([type, config, state]);
        }
      }
      expect(applied.map(([type]) => type)).toEqual([
        "auth0_client",
        "auth0_client_credentials",
        "auth0_connection_client",
        "auth0_connection_client",
      ]);
      for (const [type, config, state] of applied) expect(planIsEmpty(context, type, config, state), type).toBe(true);
      // What the project's postcondition checks: the Web client's secret is there.
      expect(applied[1]![2]["client_secret"]).toMatch(/^.{64}$/);
      const clientId = applied[0]![2]["client_id"] as string;
      for (const connection of tenant.list<{ id: string }>(AUTH0_COLLECTIONS.connections))
        expect(enabledClientIds(tenant, connection.id)).toContain(clientId);

      for (const [type, , state] of applied.reverse()) provider.resources[type]!.delete(state, context);
      expect(tenant.list(AUTH0_COLLECTIONS.clients)).toEqual([]);
      const [database] = tenant
        .list<{ id: string; name: string }>(AUTH0_COLLECTIONS.connections)
        .filter((c) => c.name === "Username-Password-Authentication");
      expect(enabledClientIds(tenant, database!.id)).toEqual(["someOtherClient"]);
    },
  );
});
