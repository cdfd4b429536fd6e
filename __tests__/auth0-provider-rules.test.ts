import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { App, TerraformStack, Testing } from "cdktf";
import { parse as parseYaml } from "yaml";
import { describe, expect, test } from "vitest";
import { auth0Client, type Auth0ClientConfig } from "../lib/auth0/auth0-client-rules";
import { AUTH0_PROVIDER_VERSION } from "../lib/auth0/configure-auth0-provider";
import { Auth0SingleSignOn } from "../lib/auth0/auth0-single-sign-on";
import { loadChart } from "../lib/chart-check/chart";
import { checkChart } from "../lib/chart-check/check";
import { synthesizeReleaseValues } from "../stacks/release-values";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { ingestionWorkflowConfig } from "../lib/ingestion-config";
import type { OpenMetadataChartValues } from "../lib/openmetadata/chart-values";
import { environmentsFromYaml, resourceOf, synthEnvironment, type TerraformJson, FIXTURE_AUTH0_ENVIRONMENTS_FILE } from "./support/synth";

// Every rule read in the auth0/auth0 docs at the pinned tag (docs/resources/*.md @v1.55.0) or in
// OpenMetadata's Auth0 path, as a test named after it. The examples are stacks/examples/auth0.yaml.

const projectRoot = resolve(__dirname, "..");
const examplesFile = FIXTURE_AUTH0_ENVIRONMENTS_FILE;
const examples = loadEnvironmentsFile(examplesFile);
const example = (name: string) => {
  const environment = examples.find((candidate) => candidate.name === name);
  if (!environment) throw new Error(`no example ${name}`);
  return synthEnvironment(environment);
};
const spa = () => example("auth0-dev").json;
const web = () => example("auth0-staging").json;
const client = (json: TerraformJson) => resourceOf(json, "auth0_client", "auth0_client");
const credentials = (json: TerraformJson) => resourceOf(json, "auth0_client_credentials", "auth0_client-credentials");
const valuesOf = (json: TerraformJson) =>
  parseYaml(resourceOf(json, "helm_release", "openmetadata_release")["values"][0]) as OpenMetadataChartValues;

/** An Auth0 environment with extra `auth0` fields, as flow-style YAML (Collate target: the Auth0 side only). */
function auth0Environment(name: string, fields: string) {
  const [environment] = environmentsFromYaml(`
environments:
  - name: ${name}
    target: collate
    openmetadataUrl: https://${name}.example.com
    auth0: { domain: example.eu.auth0.com, ${fields} }
`);
  return environment!;
}

function clientConfig(change: Partial<Auth0ClientConfig>): Auth0ClientConfig {
  return {
    name: "test",
    appType: "spa",
    callbacks: ["https://x.example.com/callback"],
    allowedLogoutUrls: ["https://x.example.com"],
    grantTypes: ["authorization_code", "refresh_token"],
    oidcConformant: true,
    jwtConfiguration: { alg: "RS256" },
    refreshToken: { rotationType: "rotating", expirationType: "expiring", tokenLifetime: 60, infiniteTokenLifetime: false },
    ...change,
  };
}
const newClient = (change: Partial<Auth0ClientConfig>) =>
  auth0Client(new TerraformStack(Testing.app(), "rules"), "client", clientConfig(change));
const newClientIn = (stack: TerraformStack) => auth0Client(stack, "client", clientConfig({}));

describe("the auth0/auth0 provider", () => {
  test("is pinned to exactly 1.55.0, the newest 1.x tag, with the domain from the config and no credential attribute", () => {
    expect(AUTH0_PROVIDER_VERSION).toBe("1.55.0");
    for (const json of [spa(), web()])
      expect(json.terraform["required_providers"].auth0).toEqual({ source: "auth0/auth0", version: "1.55.0" });
    expect(spa().provider["auth0"]).toEqual([{ domain: "example-dev.eu.auth0.com" }]);
    expect(web().provider["auth0"]).toEqual([{ domain: "login.example.com" }]);
    // Okta stacks get no auth0 provider, Auth0 stacks no okta one.
    expect(spa().provider["okta"]).toBeUndefined();
  });

  test("credentials come from AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET/AUTH0_API_TOKEN and never reach npm run synth's output", async () => {
    const outdir = mkdtempSync(join(tmpdir(), "auth0-synth-"));
    try {
      const credentials = {
        AUTH0_CLIENT_ID: "auth0-test-client-id-1f3a",
        AUTH0_CLIENT_SECRET: "auth0-test-client-secret-9c2e",
        AUTH0_API_TOKEN: "auth0-test-api-token-77d1",
        AUTH0_DOMAIN: "env-domain.eu.auth0.com",
      };
      await promisify(execFile)(process.execPath, [join(projectRoot, "node_modules", "tsx", "dist", "cli.mjs"), "main.ts"], {
        cwd: projectRoot,
        env: { ...process.env, ...credentials, OPENMETADATA_ENVIRONMENTS_FILE: examplesFile, CDKTF_OUTDIR: outdir },
      });
      const stacks = readdirSync(join(outdir, "stacks")).sort();
      expect(stacks).toEqual(["openmetadata-auth0-dev", "openmetadata-auth0-staging"]);
      const output = stacks.map((stack) => readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")).join("\n");
      for (const [name, value] of Object.entries(credentials)) expect(output.includes(value), name).toBe(false);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe("auth0_client (docs/resources/client.md@v1.55.0)", () => {
  test("the SPA is app_type spa and the Web app regular_web", () => {
    expect(client(spa())["app_type"]).toBe("spa");
    expect(client(web())["app_type"]).toBe("regular_web");
  });

  test(
    "callbacks are /callback then /silent-callback, the logout URL is the " + "public URL, and only the SPA gets web and allowed origins",
    () => {
      const url = "https://openmetadata.auth0-dev.example.com";
      expect(client(spa())).toMatchObject({
        callbacks: [`${url}/callback`, `${url}/silent-callback`],
        allowed_logout_urls: [url],
        web_origins: [url],
        allowed_origins: [url],
      });
      expect(client(web())["web_origins"]).toBeUndefined();
      expect(client(web())["allowed_origins"]).toBeUndefined();
    },
  );

  test(
    "grant types are exactly authorization_code and refresh_token: OpenMetadata's " +
      "Auth0 UI (auth0-react, useRefreshTokens) never uses implicit",
    () => {
      // Omitted, Auth0 would pick grants by app type, implicit included for a SPA.
      for (const json of [spa(), web()]) expect(client(json)["grant_types"]).toEqual(["authorization_code", "refresh_token"]);
    },
  );

  test("oidc_conformant is true and tokens are signed RS256 (jwt_configuration.alg), the tenant keys OpenMetadata lists", () => {
    for (const json of [spa(), web()]) expect(client(json)).toMatchObject({ oidc_conformant: true, jwt_configuration: { alg: "RS256" } });
  });

  test("refresh tokens rotate and expire, with Auth0's default lifetimes written out", () => {
    for (const json of [spa(), web()]) {
      expect(client(json)["refresh_token"]).toEqual({
        rotation_type: "rotating",
        expiration_type: "expiring",
        leeway: 0,
        token_lifetime: 2_592_000,
        idle_token_lifetime: 1_296_000,
        infinite_token_lifetime: false,
        infinite_idle_token_lifetime: false,
      });
    }
  });

  // docs/resources/client.md@v1.55.0:720: "If rotation is `rotating`, this must be set to `expiring`."
  test("rotating refresh tokens must be expiring (refresh_token.expiration_type)", () => {
    expect(() => newClient({ refreshToken: { rotationType: "rotating", expirationType: "non-expiring" } })).toThrow(
      /rotating refresh tokens must have expirationType "expiring"/,
    );
  });

  // docs/resources/client.md@v1.55.0:727: "If false, `token_lifetime` should also be set."
  test("infinite_token_lifetime false needs token_lifetime", () => {
    expect(() =>
      newClient({ refreshToken: { rotationType: "rotating", expirationType: "expiring", infiniteTokenLifetime: false } }),
    ).toThrow(/needs a tokenLifetime/);
  });

  // The same pairing for the idle lifetime: docs/resources/client.md@v1.55.0:725-726 state none, so this is the project's
  // reading of :727 (lib/auth0/auth0-client-rules.ts), kept so an idle lifetime is never left to the tenant's default.
  test("infinite_idle_token_lifetime false needs idle_token_lifetime", () => {
    const refreshToken = { rotationType: "rotating", expirationType: "expiring", tokenLifetime: 60, infiniteTokenLifetime: false } as const;
    expect(() => newClient({ refreshToken: { ...refreshToken, infiniteIdleTokenLifetime: false } })).toThrow(/needs an idleTokenLifetime/);
    expect(() => newClient({ refreshToken: { ...refreshToken, infiniteIdleTokenLifetime: false, idleTokenLifetime: 30 } })).not.toThrow();
  });

  // auth0.com docs, "Use Refresh Token Rotation" (https://auth0.com/docs/secure/tokens/refresh-tokens/use-refresh-token-rotation):
  // "when a browser requests a refresh token from the /token endpoint, Auth0 will only return a refresh token if Refresh
  // Token Rotation is enabled for that client."
  test("a SPA gets refresh tokens only with rotation (Auth0 refresh token rotation for browsers)", () => {
    expect(() =>
      newClient({
        refreshToken: { rotationType: "non-rotating", expirationType: "expiring", tokenLifetime: 60, infiniteTokenLifetime: false },
      }),
    ).toThrow(/needs rotationType "rotating"/);
    expect(() =>
      newClient({
        appType: "regular_web",
        refreshToken: { rotationType: "non-rotating", expirationType: "expiring", tokenLifetime: 60, infiniteTokenLifetime: false },
      }),
    ).not.toThrow();
  });

  // StringLenBetween(0, 140), checked only at plan: internal/auth0/client/resource.go@v1.55.0:88
  test("a description longer than 140 characters is refused", () => {
    expect(() => newClient({ description: "x".repeat(141) })).toThrow(/141 characters; at most 140/);
    expect(() => newClient({ description: "x".repeat(140) })).not.toThrow();
  });

  // The project's rule (lib/auth0/auth0-client-rules.ts): a refresh token here only ever follows an authorization code login.
  test("the refresh_token grant needs authorization_code", () => {
    expect(() => newClient({ grantTypes: ["refresh_token"] })).toThrow(/needs authorization_code/);
  });

  test(
    "token_endpoint_auth_method is never set on auth0_client: removed in 1.0 " +
      "(MIGRATION_GUIDE.md@v1.55.0), auth0_client_credentials carries it",
    () => {
      for (const json of [spa(), web()]) expect(Object.keys(client(json))).not.toContain("token_endpoint_auth_method");
    },
  );
});

describe("auth0_client_credentials (docs/resources/client_credentials.md@v1.55.0)", () => {
  test("the SPA authenticates with none, the Web app with client_secret_post, both for the client's client_id", () => {
    expect(credentials(spa())).toMatchObject({ client_id: "${auth0_client.auth0_client.client_id}", authentication_method: "none" });
    expect(credentials(web())).toMatchObject({
      client_id: "${auth0_client.auth0_client.client_id}",
      authentication_method: "client_secret_post",
    });
  });

  test(
    'an empty client_secret fails the apply: the provider stores "" unless ' + "its app has read:client_keys or read:client_credentials",
    () => {
      const [check] = credentials(web())["lifecycle"]["postcondition"];
      expect(check.condition).toBe('${self.client_secret != ""}');
      expect(check.error_message).toContain("read:client_keys");
      expect(credentials(spa())["lifecycle"]).toBeUndefined();
    },
  );

  test("the client secret goes to the oidc-secrets Kubernetes Secret only: not into values, outputs or a write-only attribute", () => {
    const { text, json } = example("auth0-staging");
    const reference = "${auth0_client_credentials.auth0_client-credentials.client_secret}";
    const holders = Object.entries(json.resource).flatMap(([type, byName]) =>
      Object.entries(byName)
        .filter(([, resource]) => JSON.stringify(resource).includes(reference))
        .map(([name]) => `${type}.${name}`),
    );
    expect(holders).toEqual(["kubernetes_secret_v1.openmetadata_secrets_oidc-secret"]);
    expect(JSON.stringify(json.output)).not.toContain("client_secret");
    expect(text).not.toContain("client_secret_wo");
    expect(example("auth0-dev").text).not.toContain(".client_secret}");
  });
});

describe("destroy protection of Auth0 environments", () => {
  test(
    "protected: true puts prevent_destroy on the client, its credentials and " + "every connection enablement; unprotected puts it nowhere",
    () => {
      const unprotectedJson = synthEnvironment(auth0Environment("guarded", "flow: web, connections: [google-oauth2]")).json;
      const [guarded] = environmentsFromYaml(`
environments:
  - name: guarded2
    target: collate
    protected: true
    openmetadataUrl: https://guarded2.example.com
    auth0: { domain: example.eu.auth0.com, flow: web, connections: [google-oauth2] }
`);
      const json = synthEnvironment(guarded!).json;
      const lifecycles = (source: TerraformJson) =>
        ["auth0_client", "auth0_client_credentials", "auth0_connection_client"].flatMap((type) =>
          Object.values(source.resource[type] ?? {}).map((resource) => resource["lifecycle"]?.["prevent_destroy"] === true),
        );
      expect(lifecycles(json)).toEqual([true, true, true]);
      expect(lifecycles(unprotectedJson)).toEqual([false, false, false]);
      // The empty-secret check stays beside prevent_destroy.
      expect(credentials(json)["lifecycle"]["postcondition"]).toHaveLength(1);
    },
  );
});

describe("connections (connection_client.md, data-sources/connection.md @v1.55.0)", () => {
  test(
    "named connections are enabled with auth0_connection_client, which appends " +
      "the client, never the authoritative auth0_connection_clients",
    () => {
      const json = web();
      expect(json.resource["auth0_connection_clients"]).toBeUndefined();
      expect(
        Object.values(json.resource["auth0_connection_client"] ?? {}).map((link) => [link["connection_id"], link["client_id"]]),
      ).toEqual([
        ["${data.auth0_connection.auth0_connection-Username-Password-Authentication.id}", "${auth0_client.auth0_client.client_id}"],
        ["${data.auth0_connection.auth0_connection-google-oauth2.id}", "${auth0_client.auth0_client.client_id}"],
      ]);
      expect(spa().resource["auth0_connection_client"]).toBeUndefined();
    },
  );

  test("connections are looked up by exact name with skip_enabled_clients, since their other clients are never read", () => {
    expect(Object.values(web().data?.["auth0_connection"] ?? {}).map((lookup) => [lookup["name"], lookup["skip_enabled_clients"]])).toEqual(
      [
        ["Username-Password-Authentication", true],
        ["google-oauth2", true],
      ],
    );
  });

  test("connection addresses follow the names, so reordering the list changes no address", () => {
    const addresses = (connections: string) =>
      Object.keys(
        synthEnvironment(auth0Environment("order", `connections: [${connections}]`)).json.resource["auth0_connection_client"] ?? {},
      ).sort();
    expect(addresses("a-b, c")).toEqual(addresses("c, a-b"));
    expect(addresses("a-b, c")).toEqual(["auth0_connection-client-a-b", "auth0_connection-client-c"]);
  });

  // A Terraform name "must start with a letter or underscore and may contain only letters, digits, underscores, and
  // dashes" (hashicorp/terraform v1.11.4 internal/configs/named_values.go:21, checked at resource.go:130-137 and
  // :532-539), so other characters of a connection name become "_" (lib/auth0/auth0-invariants.ts).
  test("two connection names that would share an address are refused", () => {
    const scope = new TerraformStack(new App({ outdir: mkdtempSync(join(tmpdir(), "auth0-collide-")) }), "collide");
    expect(
      () =>
        new Auth0SingleSignOn(scope, "auth0", {
          environmentName: "x",
          openmetadataUrl: "https://x.example.com",
          auth0: { domain: "x.eu.auth0.com", flow: "spa", appName: "x", connections: ["a.b", "a_b"] },
        }),
    ).toThrow(/would share the Terraform address suffix a_b/);
  });
});

describe("OpenMetadata's values for Auth0", () => {
  test(
    "provider auth0, authority https://DOMAIN without a trailing slash, the client id, " +
      "the callback and publicKeys [OpenMetadata's jwks, the tenant's]",
    () => {
      const { authentication } = valuesOf(spa()).openmetadata.config;
      expect(authentication).toMatchObject({
        provider: "auth0",
        clientType: "public",
        authority: "https://example-dev.eu.auth0.com",
        clientId: "${auth0_client.auth0_client.client_id}",
        callbackUrl: "https://openmetadata.auth0-dev.example.com/callback",
        publicKeys: ["http://openmetadata:8585/api/v1/system/config/jwks", "https://example-dev.eu.auth0.com/.well-known/jwks.json"],
        oidcConfiguration: { enabled: false },
      });
    },
  );

  test("the Web flow enables oidcConfiguration with oidcType auth0 and discovery at the tenant", () => {
    const { authentication } = valuesOf(web()).openmetadata.config;
    expect(authentication).toMatchObject({ provider: "auth0", clientType: "confidential", authority: "https://login.example.com" });
    expect(authentication.oidcConfiguration).toMatchObject({
      enabled: true,
      oidcType: "auth0",
      discoveryUri: "https://login.example.com/.well-known/openid-configuration",
      clientAuthenticationMethod: "client_secret_post",
    });
  });

  const referenceChart = resolve(projectRoot, "..", "shared", "reference", "openmetadata-chart-1.13.1");
  test.skipIf(!existsSync(join(referenceChart, "values.schema.json")))(
    "the values of both examples pass the chart 1.13.1 schema (npm run check:chart)",
    () => {
      const report = checkChart(loadChart(referenceChart), examples, { synthesize: synthesizeReleaseValues });
      expect(report.environments.map((environment) => [environment.environment, environment.valid])).toEqual([
        ["auth0-dev", true],
        ["auth0-staging", true],
      ]);
    },
  );
});

describe("the Auth0 examples' addresses and synthesized JSON", () => {
  const ADDRESSES_DIR = resolve(__dirname, "addresses", "examples");
  const update = process.env["UPDATE_ADDRESSES"] === "1";
  const addressesOf = (json: TerraformJson) =>
    [
      ...Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)),
      ...Object.entries(json.data ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `data.${type}.${name}`)),
    ].sort();

  for (const environment of examples) {
    test(`${environment.stackId} has exactly the addresses of __tests__/addresses/examples/${environment.stackId}.txt`, () => {
      const file = join(ADDRESSES_DIR, `${environment.stackId}.txt`);
      const actual = addressesOf(synthEnvironment(environment).json);
      if (update) {
        mkdirSync(ADDRESSES_DIR, { recursive: true });
        writeFileSync(file, `${actual.join("\n")}\n`);
      }
      expect(
        existsSync(file),
        `${file} is missing; review, then UPDATE_ADDRESSES=1 npx vitest run __tests__/auth0-provider-rules.test.ts`,
      ).toBe(true);
      expect(readFileSync(file, "utf8").split("\n").filter(Boolean)).toEqual(actual);
    });

    test(`${environment.stackId} matches its reviewed snapshot`, async () => {
      const { text } = synthEnvironment(environment);
      await expect(JSON.stringify(JSON.parse(text), null, 2) + "\n").toMatchFileSnapshot(
        `__snapshots__/examples/${environment.stackId}.tf.json`,
      );
    });
  }
});

describe("after the identity provider, Auth0 environments work like Okta ones", () => {
  test("ingestion-config gives the same OpenMetadata-JWT workflowConfig for an Auth0 environment", () => {
    const config = ingestionWorkflowConfig(examples[0]!);
    expect(config).toContain("hostPort: https://openmetadata.auth0-dev.example.com/api");
    expect(config).toContain("authProvider: openmetadata");
  });

  test("the generated Auth0 classes write HCL output too, with the attributes the JSON has (the hand-written ones refused it)", () => {
    const stack = new TerraformStack(Testing.app(), "hcl");
    const made = newClientIn(stack);
    const hcl = JSON.stringify(made.toHclTerraform());
    expect(hcl).toContain('"app_type"');
    expect(hcl).toContain('"refresh_token"');
  });
});

describe("CI passes the Auth0 provider its credentials", () => {
  test(
    "every terraform plan/apply step that gets the Okta credentials gets " + "AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET from secrets too",
    () => {
      const workflows = ["deploy.yml", "pull-request.yml", "drift.yml"].map((file) =>
        readFileSync(join(projectRoot, ".github", "workflows", file), "utf8"),
      );
      for (const text of workflows) {
        const oktaSteps =
          text.match(
            new RegExp(
              String.raw`OKTA_API_SCOPES: \$\{\{ secrets\.OKTA_API_SCOPES \}\}\n\s*AUTH0_CLIENT_ID: \$\{\{ secrets\.AUTH0_CLIENT_ID` +
                String.raw` \}\}\n\s*AUTH0_CLIENT_SECRET: \$\{\{ secrets\.AUTH0_CLIENT_SECRET \}\}`,
              "g",
            ),
          ) ?? [];
        expect(oktaSteps.length).toBeGreaterThan(0);
        expect(oktaSteps.length).toBe((text.match(/OKTA_API_SCOPES: /g) ?? []).length);
      }
    },
  );
});

describe("Collate target with Auth0", () => {
  test("target collate synthesizes only the Auth0 side, and the outputs to share are the authority and client id", () => {
    const { json } = synthEnvironment(auth0Environment("collate-auth0", "flow: spa"));
    expect(Object.keys(json.provider).sort()).toEqual(["auth0"]);
    expect(Object.keys(json.resource).sort()).toEqual(["auth0_client", "auth0_client_credentials"]);
    expect(json.output["issuer_url"]).toMatchObject({ value: "https://example.eu.auth0.com" });
    expect(json.output["issuer_url"]!.description).toContain("Share this with the Collate team.");
    expect(json.output["client_id"]).toMatchObject({ value: "${auth0_client.auth0_client.client_id}" });
    expect(json.output["jwt_key_id"]).toBeUndefined();
  });
});
