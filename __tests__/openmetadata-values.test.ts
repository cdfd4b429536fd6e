import { execFileSync, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { airflowFixtureStack, collateEnvironment, resourceOf, fixtureStack, synthEnvironment, type TerraformJson } from "./support/synth";

const valuesOf = (json: TerraformJson) => parse(resourceOf(json, "helm_release", "openmetadata_release").values[0]);
const secretData = (json: TerraformJson, name: string) =>
  Object.values(json.resource.kubernetes_secret_v1 ?? {}).find((secret) => secret.metadata.name === name);
const ISSUER = "${okta_auth_server.okta_authorization-server_server.issuer}";
const CLIENT_ID = "${okta_app_oauth.okta_oidc-app_app.client_id}";

const REFERENCE_CHART = resolve(__dirname, "..", "..", "shared", "reference", "openmetadata-chart-1.13.1");
const chartDefaults = existsSync(REFERENCE_CHART) ? parse(readFileSync(join(REFERENCE_CHART, "values.yaml"), "utf8")) : undefined;

describe("OpenMetadata values for the public (SPA) flow", () => {
  const values = () => valuesOf(fixtureStack("dev").json);

  test("authentication names Okta, the public client, the issuer as authority and the callback", () => {
    expect(values().openmetadata.config.authentication).toMatchObject({
      enabled: true,
      provider: "okta",
      clientType: "public",
      authority: ISSUER,
      clientId: CLIENT_ID,
      callbackUrl: "https://openmetadata.dev.example.com/callback",
      enableSelfSignup: true,
      oidcConfiguration: { enabled: false },
    });
  });

  test("publicKeys lists OpenMetadata's own jwks, reachable from the pod, and the issuer's keys", () => {
    expect(values().openmetadata.config.authentication.publicKeys).toEqual([
      "http://openmetadata:8585/api/v1/system/config/jwks",
      `${ISSUER}/v1/keys`,
    ]);
    expect(values().fullnameOverride).toBe("openmetadata");
  });

  test("principal claims put email first", () => {
    expect(values().openmetadata.config.authentication.jwtPrincipalClaims[0]).toBe("email");
  });

  test("no oidc-secrets Secret exists for a public client", () => {
    expect(secretData(fixtureStack("dev").json, "oidc-secrets")).toBeUndefined();
  });
});

describe("OpenMetadata values for the confidential (Web) flow", () => {
  const json = () => fixtureStack("staging").json;
  const oidc = () => valuesOf(json()).openmetadata.config.authentication.oidcConfiguration;

  test("oidcConfiguration is enabled, which the official docs forget", () => {
    expect(valuesOf(json()).openmetadata.config.authentication.clientType).toBe("confidential");
    expect(oidc()).toMatchObject({ enabled: true, oidcType: "okta", responseType: "code", scope: "openid email profile" });
  });

  test("discovery, callback and server URLs are https and built from the issuer and the public URL", () => {
    expect(oidc()).toMatchObject({
      discoveryUri: `${ISSUER}/.well-known/openid-configuration`,
      callbackUrl: "https://openmetadata.staging.example.com/callback",
      serverUrl: "https://openmetadata.staging.example.com",
    });
  });

  test("the client id and secret come from a Kubernetes Secret the stack creates from the Okta app", () => {
    expect(oidc().clientId).toEqual({ secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-id" });
    expect(oidc().clientSecret).toEqual({ secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-secret" });
    expect(secretData(json(), "oidc-secrets")?.data).toEqual({
      "openmetadata-oidc-client-id": CLIENT_ID,
      "openmetadata-oidc-client-secret": "${okta_app_oauth.okta_oidc-app_app.client_secret}",
    });
  });

  test("client authentication and PKCE agree with the Okta Web app", () => {
    const app = resourceOf(json(), "okta_app_oauth", "okta_oidc-app_app");
    expect(oidc().clientAuthenticationMethod).toBe(app.token_endpoint_auth_method);
    expect(oidc().disablePkce).toBe(!app.pkce_required);
  });
});

describe("secure defaults", () => {
  test("initial admins come from the environment and never include the default admin", () => {
    for (const name of ["dev", "staging", "prod"]) {
      const { authorizer } = valuesOf(fixtureStack(name).json).openmetadata.config;
      expect(authorizer.initialAdmins).not.toContain("admin");
      expect(authorizer.principalDomain).toBe("example.com");
    }
    expect(valuesOf(fixtureStack("staging").json).openmetadata.config.authorizer).toMatchObject({
      initialAdmins: ["jane.doe", "john.smith"],
      allowedEmailRegistrationDomains: ["example.com", "example.org"],
    });
  });

  test.skipIf(!chartDefaults)(
    "the chart's shipped JWT key id, key files and fernet key never reach the values (needs ../shared/reference)",
    () => {
      const shippedKeyId: string = chartDefaults.openmetadata.config.jwtTokenConfiguration.keyId;
      const shippedFernet: string = chartDefaults.openmetadata.config.fernetkey.value;
      for (const name of ["dev", "staging", "prod"]) {
        const { text, json } = fixtureStack(name);
        expect(text).not.toContain(shippedKeyId);
        expect(text).not.toContain(shippedFernet);
        const { jwtTokenConfiguration, fernetkey } = valuesOf(json).openmetadata.config;
        expect(jwtTokenConfiguration.rsaprivateKeyFilePath).not.toBe(
          chartDefaults.openmetadata.config.jwtTokenConfiguration.rsaprivateKeyFilePath,
        );
        expect(fernetkey).toEqual({ value: "", secretRef: "openmetadata-fernet-key", secretKey: "fernet-key" });
      }
    },
  );

  test("the JWT keys are mounted read-only from the stack's Secret, and the paths point into the mount", () => {
    const values = valuesOf(fixtureStack("dev").json);
    expect(values.extraVolumes).toEqual([{ name: "jwt-keys", secret: { secretName: "openmetadata-jwt-keys", defaultMode: 0o444 } }]);
    expect(values.extraVolumeMounts).toEqual([{ name: "jwt-keys", mountPath: "/etc/openmetadata/jwt", readOnly: true }]);
    expect(values.openmetadata.config.jwtTokenConfiguration).toEqual({
      enabled: true,
      rsapublicKeyFilePath: "/etc/openmetadata/jwt/public_key.der",
      rsaprivateKeyFilePath: "/etc/openmetadata/jwt/private_key.der",
      jwtissuer: "openmetadata.dev.example.com",
      keyId: "openmetadata-dev-1",
    });
  });

  test("generated JWT keys live in Terraform state and reach the Secret as DER", () => {
    const json = fixtureStack("dev").json;
    expect(resourceOf(json, "tls_private_key", "openmetadata_secrets_jwt-signing-key")).toMatchObject({ algorithm: "RSA", rsa_bits: 2048 });
    expect(secretData(json, "openmetadata-jwt-keys")?.binary_data).toEqual({
      "private_key.der":
        '${replace(tls_private_key.openmetadata_secrets_jwt-signing-key.private_key_pem_pkcs8, "/-----[A-Z ]+-----|[[:space:]]/", "")}',
      "public_key.der":
        '${replace(tls_private_key.openmetadata_secrets_jwt-signing-key.public_key_pem, "/-----[A-Z ]+-----|[[:space:]]/", "")}',
    });
  });

  test("JWT keys can come from a sensitive variable instead, with the public half derived", () => {
    const json = fixtureStack("prod").json;
    expect(json.variable?.openmetadata_jwt_private_key_pem).toMatchObject({ sensitive: true, type: "string" });
    expect(json.resource.tls_private_key).toBeUndefined();
    expect(secretData(json, "openmetadata-jwt-keys")?.binary_data["public_key.der"]).toContain(
      "data.tls_public_key.openmetadata_secrets_jwt-public-key.public_key_pem",
    );
    expect(valuesOf(json).openmetadata.config.jwtTokenConfiguration.keyId).toBe("openmetadata-prod-2026-11");
  });

  test("the fernet key is 32 generated bytes in URL-safe base64", () => {
    const json = fixtureStack("dev").json;
    expect(resourceOf(json, "random_bytes", "openmetadata_secrets_fernet-key").length).toBe(32);
    expect(secretData(json, "openmetadata-fernet-key")?.data).toEqual({
      "fernet-key": '${replace(replace(random_bytes.openmetadata_secrets_fernet-key.base64, "+", "-"), "/", "_")}',
    });
  });

  test.skipIf(!canRunTerraformConsole())(
    "Terraform turns the synthesized expression into exactly the key's DER bytes (runs terraform console; skipped without terraform)",
    () => {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      const der = privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
      const synthesized: string = secretData(fixtureStack("dev").json, "openmetadata-jwt-keys")?.binary_data["private_key.der"];
      const dir = mkdtempSync(join(tmpdir(), "tf-console-"));
      try {
        // The synthesized interpolation with the key's PEM in place of the state reference.
        const expression = synthesized
          .slice(2, -1)
          .replace("tls_private_key.openmetadata_secrets_jwt-signing-key.private_key_pem_pkcs8", JSON.stringify(pem));
        const output = execFileSync("terraform", ["console"], {
          cwd: dir,
          input: expression,
          encoding: "utf8",
          env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
        });
        expect(JSON.parse(output.trim())).toBe(der);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

function canRunTerraformConsole(): boolean {
  return spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
}

describe("database, search and Airflow", () => {
  test("generated passwords are held in the Secrets the charts read, and the dependencies release gets none through Helm", () => {
    const json = airflowFixtureStack("dev").json;
    const values = valuesOf(json).openmetadata.config;
    expect(values.database.auth.password).toEqual({ secretRef: "mysql-secrets", secretKey: "openmetadata-mysql-password" });
    expect(values.pipelineServiceClientConfig.airflow.auth.password).toEqual({
      secretRef: "airflow-secrets",
      secretKey: "openmetadata-airflow-password",
    });
    const databasePassword = "${random_password.openmetadata_secrets_database-password.result}";
    const airflowPassword = "${random_password.openmetadata_secrets_airflow-admin-password.result}";
    const airflowDatabasePassword = "${random_password.openmetadata_secrets_airflow-database-password.result}";
    expect(secretData(json, "mysql-secrets")?.data).toEqual({ "openmetadata-mysql-password": databasePassword });
    expect(secretData(json, "airflow-secrets")?.data).toEqual({ "openmetadata-airflow-password": airflowPassword });
    expect(secretData(json, "openmetadata-dependencies-mysql-auth")?.data).toEqual({
      "mysql-root-password": "${random_password.openmetadata_secrets_mysql-root-password.result}",
      "mysql-password": databasePassword,
    });
    expect(secretData(json, "openmetadata-dependencies-mysql-init-env")?.data).toEqual({
      AIRFLOW_DATABASE_PASSWORD: airflowDatabasePassword,
    });
    expect(secretData(json, "openmetadata-dependencies-airflow-metadata")?.data).toEqual({
      connection: `\${format("mysql://airflow_user:%s@mysql:3306/airflow_db", ${airflowDatabasePassword.slice(2, -1)})}`,
    });
    const secretKey = "${random_bytes.openmetadata_secrets_airflow-webserver-secret-key.hex}";
    expect(secretData(json, "openmetadata-dependencies-airflow-secret-key")?.data).toEqual({
      "api-secret-key": secretKey,
      "webserver-secret-key": secretKey,
    });
    const release = resourceOf(json, "helm_release", "openmetadata_dependencies_release");
    expect(release.set_sensitive).toBeUndefined();
    expect(release.set).toBeUndefined();
  });

  test("the dependencies chart's inline default passwords never reach its values", () => {
    const release = resourceOf(airflowFixtureStack("dev").json, "helm_release", "openmetadata_dependencies_release");
    const values = parse(release.values[0]);
    const text = JSON.stringify(values);
    expect(text).not.toMatch(/"(password|pass|rootPassword|webserverSecretKey)":/);
    expect(text).not.toMatch(/airflow_pass|openmetadata_password/);
    expect(values.airflow.webserver.defaultUser.email).toBe("openmetadata-airflow@example.com");
  });

  test("the dependencies release is on by default and installed before OpenMetadata", () => {
    for (const name of ["dev", "staging"]) {
      const json = fixtureStack(name).json;
      expect(resourceOf(json, "helm_release", "openmetadata_dependencies_release")).toMatchObject({
        chart: "openmetadata-dependencies",
        repository: "https://helm.open-metadata.org",
        version: "1.13.1",
        atomic: true,
      });
      expect(resourceOf(json, "helm_release", "openmetadata_release").depends_on).toContain(
        "helm_release.openmetadata_dependencies_release",
      );
    }
  });

  test("an environment with an external database and search gets no dependencies release and wires those hosts", () => {
    const json = fixtureStack("prod").json;
    expect(json.resource.helm_release?.openmetadata_dependencies_release).toBeUndefined();
    expect(json.resource.random_password).toBeUndefined();
    const values = valuesOf(json).openmetadata.config;
    expect(values.database).toMatchObject({
      host: "openmetadata-db.prod.internal.example.com",
      port: 3306,
      dbScheme: "mysql",
      dbParams: "sslMode=REQUIRED&serverTimezone=UTC",
    });
    expect(values.elasticsearch).toMatchObject({
      host: "search.prod.internal.example.com",
      scheme: "https",
      auth: {
        enabled: true,
        username: "openmetadata",
        password: { secretRef: "elasticsearch-secrets", secretKey: "openmetadata-elasticsearch-password" },
      },
    });
    expect(values.pipelineServiceClientConfig.airflow.apiEndpoint).toBe("https://airflow.prod.internal.example.com");
    expect(Object.keys(json.variable ?? {}).sort()).toEqual([
      "openmetadata_airflow_password",
      "openmetadata_database_password",
      "openmetadata_jwt_private_key_pem",
      "openmetadata_search_password",
    ]);
    for (const variable of Object.values(json.variable ?? {})) expect(variable.sensitive).toBe(true);
  });
});

describe("Kubernetes and Helm", () => {
  test("the OpenMetadata release is pinned, atomic and waits for its Secrets", () => {
    const release = resourceOf(fixtureStack("staging").json, "helm_release", "openmetadata_release");
    expect(release).toMatchObject({
      name: "openmetadata",
      chart: "openmetadata",
      repository: "https://helm.open-metadata.org",
      version: "1.13.1",
      atomic: true,
      cleanup_on_fail: true,
      wait: true,
      timeout: 900,
    });
    expect(release.depends_on).toEqual(
      expect.arrayContaining([
        "kubernetes_secret_v1.openmetadata_secrets_jwt-keys-secret",
        "kubernetes_secret_v1.openmetadata_secrets_oidc-secret",
        "kubernetes_secret_v1.openmetadata_secrets_fernet-secret",
      ]),
    );
  });

  test("every namespaced resource lives in the stack's own namespace", () => {
    const json = fixtureStack("dev").json;
    expect(resourceOf(json, "kubernetes_namespace_v1", "openmetadata_namespace").metadata.name).toBe("openmetadata-dev");
    const namespaceRef = "${kubernetes_namespace_v1.openmetadata_namespace.metadata[0].name}";
    for (const secret of Object.values(json.resource.kubernetes_secret_v1 ?? {})) expect(secret.metadata.namespace).toBe(namespaceRef);
    for (const release of Object.values(json.resource.helm_release ?? {})) expect(release.namespace).toBe(namespaceRef);
  });

  test("providers say where the cluster is and carry no credentials", () => {
    expect(fixtureStack("dev").json.provider.kubernetes).toEqual([
      { config_path: "~/.kube/config", config_context: "kind-openmetadata-dev" },
    ]);
    expect(fixtureStack("prod").json.provider.helm).toEqual([{ kubernetes: {} }]);
  });

  test("an ingress, when asked for, serves the public URL's host with its TLS Secret", () => {
    expect(valuesOf(fixtureStack("staging").json).ingress).toEqual({
      enabled: true,
      className: "nginx",
      annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" },
      hosts: [{ host: "openmetadata.staging.example.com", paths: [{ path: "/", pathType: "Prefix" }] }],
      tls: [{ secretName: "openmetadata-staging-tls", hosts: ["openmetadata.staging.example.com"] }],
    });
    expect(valuesOf(fixtureStack("dev").json).ingress).toBeUndefined();
  });

  test("the collate target gets no Kubernetes, Helm or generated secrets at all", () => {
    const environment = collateEnvironment("saas", "access: { groups: [data] }");
    const { json } = synthEnvironment(environment);
    expect(Object.keys(json.provider)).toEqual(["okta"]);
    expect(Object.keys(json.resource).filter((type) => !type.startsWith("okta_"))).toEqual([]);
  });
});
