import { spawnSync } from "node:child_process";
import { problemsOf } from "./support/environment-errors";
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { warningsOf } from "../stacks/app";
import { airflowFixtureStack, environmentsFromYaml, resourceOf, fixtureStack, synthEnvironment, type TerraformJson } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

const makeDirectory = useTemporaryDirectories("openmetadata-release");
const valuesOf = (json: TerraformJson) => parse(resourceOf(json, "helm_release", "openmetadata_release").values[0]);

/** One Kubernetes environment; `openmetadataFields` are extra flow-style fields of its `openmetadata` section. */
function environment(name: string, openmetadataFields = "", admins = "[jane.doe]") {
  const extraFields = openmetadataFields ? `, ${openmetadataFields}` : "";
  const [parsed] = environmentsFromYaml(`
environments:
  - name: ${name}
    openmetadataUrl: https://${name}.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [data] } }
    openmetadata: { cluster: { inCluster: true }, initialAdmins: ${admins}, principalDomain: example.com${extraFields} }
`);
  return parsed!;
}

const EXTERNAL = "database: { host: db.example.com }, search: { host: search.example.com }";

// help/kubernetes.md#a-change-restarts-the-server
describe("a config change restarts the server", () => {
  test("the pod carries a checksum of its values and of every Secret it reads, so a change rolls the Deployment", () => {
    const json = airflowFixtureStack("staging").json;
    const annotations = valuesOf(json).podAnnotations;
    expect(annotations["checksum/values"]).toMatch(
      /^\$\{sha256\(join\("\\n", \["[0-9a-f]{64}", okta_auth_server\.okta_authorization-server_server\.issuer, /,
    );
    expect(annotations["checksum/secrets"]).toBe("${random_id.openmetadata_pod-checksums_restart-token.hex}");
    const keepers: string = resourceOf(json, "random_id", "openmetadata_pod-checksums_restart-token").keepers.secrets;
    for (const secret of ["database-secret", "airflow-secret", "oidc-secret", "fernet-secret"])
      expect(keepers).toContain(`kubernetes_secret_v1.openmetadata_secrets_${secret}.data`);
    expect(keepers).toContain("kubernetes_secret_v1.openmetadata_secrets_jwt-keys-secret.binary_data");
  });

  test("the values checksum changes with a setting and is the same for the same settings", () => {
    const checksum = (admins: string) =>
      valuesOf(synthEnvironment(environment("same", EXTERNAL, admins)).json).podAnnotations["checksum/values"];
    expect(checksum("[jane.doe]")).toBe(checksum("[jane.doe]"));
    expect(checksum("[jane.doe, john.smith]")).not.toBe(checksum("[jane.doe]"));
  });

  test(
    "Secret changes reach the pod through the restart token, not resource_version, " +
      "which the kubernetes provider keeps at its old value in the plan",
    () => {
      const { json } = fixtureStack("dev");
      const release = resourceOf(json, "helm_release", "openmetadata_release");
      expect(release.values[0]).not.toContain("resource_version");
      expect(release.values[0]).toContain("random_id.openmetadata_pod-checksums_restart-token.hex");
      expect(resourceOf(json, "random_id", "openmetadata_pod-checksums_restart-token").keepers.secrets).toMatch(
        /^\$\{sha256\(jsonencode\(\[kubernetes_secret_v1\./,
      );
    },
  );

  test("no hash of a Secret is in the release values, which would make them sensitive", () => {
    const annotations: Record<string, string> = valuesOf(fixtureStack("prod").json).podAnnotations;
    for (const value of Object.values(annotations)) expect(value).not.toMatch(/kubernetes_secret_v1|var\.|random_password|nonsensitive/);
  });
});

// help/kubernetes.md#an-external-airflow
describe("an external Airflow can call OpenMetadata back", () => {
  test("an external Airflow is told to call OpenMetadata back at the public URL's /api", () => {
    expect(valuesOf(fixtureStack("prod").json).openmetadata.config.pipelineServiceClientConfig.metadataApiEndpoint).toBe(
      "https://openmetadata.example.com/api",
    );
  });

  test("the dependencies chart's Airflow calls back inside the namespace", () => {
    expect(valuesOf(fixtureStack("dev").json).openmetadata.config.pipelineServiceClientConfig.metadataApiEndpoint).toBe(
      "http://openmetadata:8585/api",
    );
  });

  test("an environment can name another address Airflow reaches", () => {
    const json = synthEnvironment(
      environment(
        "callback",
        `${EXTERNAL}, airflow: { apiEndpoint: https://airflow.example.com, metadataApiEndpoint: https://om-internal.example.com/api }`,
      ),
    ).json;
    expect(valuesOf(json).openmetadata.config.pipelineServiceClientConfig.metadataApiEndpoint).toBe("https://om-internal.example.com/api");
  });

  test("a cluster-local callback address is refused when Airflow is external", () => {
    for (const local of [
      "http://openmetadata:8585/api",
      "http://openmetadata.openmetadata-prod.svc.cluster.local:8585/api",
      "http://localhost:8585/api",
    ]) {
      expect(
        problemsOf(() =>
          environment("local", `${EXTERNAL}, airflow: { apiEndpoint: https://airflow.example.com, metadataApiEndpoint: "${local}" }`),
        ),
      ).toEqual([
        expect.stringMatching(/^openmetadata\.airflow\.metadataApiEndpoint: the external Airflow cannot resolve a cluster-local name/),
      ]);
    }
    expect(
      problemsOf(() =>
        environment(
          "path",
          `${EXTERNAL}, airflow: { apiEndpoint: https://airflow.example.com, metadataApiEndpoint: "https://om.example.com" }`,
        ),
      ),
    ).toEqual([expect.stringContaining("expected OpenMetadata's API base URL")]);
  });
});

// OpenMetadata only logs a key it cannot parse (JWTTokenGenerator.init); help/kubernetes.md#jwt-keys-generated-in-state-or-supplied
describe("a wrong JWT key fails the plan, not the server", () => {
  const variable = () => fixtureStack("prod").json.variable!["openmetadata_jwt_private_key_pem"]!;

  test("the JWT key variable has a validation whose message says how to convert a key", () => {
    expect(variable().validation).toHaveLength(1);
    expect(variable().validation[0].error_message).toContain("openssl pkcs8 -topk8 -nocrypt -in key.pem -out private.pem");
  });

  test.skipIf(!terraformAvailable())(
    "the JWT key variable refuses anything but a PKCS#8 RSA key of at least 2048 bits (runs terraform plan; skipped without terraform)",
    () => {
      const dir = makeDirectory();
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ variable: { openmetadata_jwt_private_key_pem: variable() } }));
      const terraform = (args: string[], pem?: string) =>
        spawnSync("terraform", args, {
          cwd: dir,
          encoding: "utf8",
          env: {
            ...process.env,
            TF_CLI_CONFIG_FILE: "/dev/null",
            TF_IN_AUTOMATION: "1",
            ...(pem ? { TF_VAR_openmetadata_jwt_private_key_pem: pem } : {}),
          },
        });
      expect(terraform(["init", "-input=false", "-backend=false"]).status).toBe(0);
      const pem = (type: "rsa" | "ec", encoding: "pkcs8" | "pkcs1", bits = 2048) => {
        const { privateKey } =
          type === "rsa" ? generateKeyPairSync("rsa", { modulusLength: bits }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
        return privateKey.export({ type: encoding, format: "pem" }).toString();
      };
      const accepted = (key: string) => terraform(["plan", "-input=false", "-no-color"], key).status === 0;
      expect(accepted(pem("rsa", "pkcs8"))).toBe(true);
      expect(accepted(pem("rsa", "pkcs8", 3072))).toBe(true);
      expect(accepted(pem("rsa", "pkcs1"))).toBe(false);
      expect(accepted(pem("rsa", "pkcs8", 1024))).toBe(false);
      expect(accepted(pem("ec", "pkcs8"))).toBe(false);
    },
  );
});

function terraformAvailable(): boolean {
  return spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;
}

// help/kubernetes.md#the-ingress-certificate
describe("the ingress certificate has an owner", () => {
  const ingressWarnings = (fields: string) =>
    warningsOf([synthEnvironment(environment("tls", `${EXTERNAL}, ingress: { ${fields} }`)).stack]).filter((warning) =>
      warning.includes("TLS Secret"),
    );

  test("synth warns when nothing owns the ingress TLS Secret", () => {
    expect(ingressWarnings("tlsSecretName: om-tls")).toEqual([
      expect.stringMatching(/^openmetadata-tls\/openmetadata: Nothing creates the TLS Secret "om-tls"/),
    ]);
  });

  test("a cert-manager issuer annotation or a stated existing Secret silences the warning", () => {
    expect(ingressWarnings('tlsSecretName: om-tls, annotations: { "cert-manager.io/cluster-issuer": letsencrypt }')).toEqual([]);
    expect(ingressWarnings('tlsSecretName: om-tls, annotations: { "cert-manager.io/issuer": internal-ca }')).toEqual([]);
    expect(ingressWarnings("tlsSecretName: om-tls, tlsSecretExists: true")).toEqual([]);
  });
});
