import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Bytes } from "@cdktf/provider-random/lib/bytes";
import { Password } from "@cdktf/provider-random/lib/password";
import { DataTlsPublicKey } from "@cdktf/provider-tls/lib/data-tls-public-key";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { Fn, TerraformVariable, type TerraformVariableValidationConfig } from "cdktf";
import { Construct } from "constructs";
import { SECRET_NAMES } from "./resource-names";

// Kept exported here for the constructs' callers; the values code imports the dependency-free module.

export interface OpenMetadataSecretsProps {
  readonly namespace: string;
  /**
   * `terraform`: a new RSA key in Terraform state. `variables`: the sensitive variable
   * `openmetadata_jwt_private_key_pem` (PKCS#8 PEM, e.g. `private.pem` from `npm run keys`).
   */
  readonly jwtKeySource: "terraform" | "variables";
  /** Generate the database and Airflow passwords (in-cluster dependencies) or read them from sensitive variables. */
  readonly generatePasswords: boolean;
  /**
   * OpenMetadata talks to an Airflow: the dependencies chart's (its passwords are generated too) or an external
   * one. Creates `airflow-secrets`. False with Kubernetes Jobs or no pipelines: then no Airflow secret exists at all.
   */
  readonly withAirflow: boolean;
  /** Create `elasticsearch-secrets` from a sensitive variable (external search with a user). */
  readonly withSearchPassword: boolean;
  /** Confidential clients: the identity provider's client id and secret (references to Terraform state). */
  readonly oidcClient?: { readonly clientId: string; readonly clientSecret: string };
  /** Protected environments keep their key material: losing it logs every bot out. */
  readonly preventDestroy?: boolean;
}

/**
 * OpenMetadata parses its key with PKCS8EncodedKeySpec and, on failure, only logs and then signs no
 * bot token (JWTTokenGenerator.init, open-metadata/OpenMetadata @01d723db): so the plan refuses anything but an unencrypted
 * PKCS#8 RSA key of at least 2048 bits (the header check is only that it is PEM: a PKCS#1, EC, encrypted or
 * public key fails the DER prefix below). Terraform's base64decode refuses binary output, so the DER is
 * checked in its base64 form: after the length bytes, every PKCS#8 RSA key starts with version 0 and
 * the rsaEncryption AlgorithmIdentifier (`020100 300d06092a864886f70d0101010500 04`), which is
 * `ADANBgkqhkiG9w0BAQEFAAS` from the 9th character on; a 2048-bit key's DER is about 1217 bytes,
 * 1624 characters (1024-bit: 848).
 */
export function jwtKeyCondition(pem: string): string {
  const body = `replace(${pem}, "/-----[A-Z ]+-----|[[:space:]]/", "")`;
  return (
    `can(regex("^-----BEGIN [A-Z ]+-----", trimspace(${pem}))) && ` +
    `can(regex("^MII[A-Za-z0-9+/]{5}ADANBgkqhkiG9w0BAQEFAAS", ${body})) && length(${body}) ` +
    `>= 1600`
  );
}

export const JWT_KEY_ERROR_MESSAGE =
  "openmetadata_jwt_private_key_pem must be an unencrypted PKCS#8 PEM of an RSA key of at least 2048 bits " +
  "(private.pem from npm run keys); OpenMetadata silently signs no bot token with anything else. " +
  "Convert a PKCS#1 key (openssl genrsa, OpenSSL 1.x) with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out private.pem";

/** Strips PEM armour and line breaks: what remains is the base64 of the DER bytes OpenMetadata reads. */
function pemToBase64Der(pem: string): string {
  // A POSIX class instead of \s: no backslash to survive JSON and HCL escaping.
  return Fn.replace(pem, "/-----[A-Z ]+-----|[[:space:]]/", "");
}

/**
 * Every secret OpenMetadata needs, generated inside Terraform (so the values live only in state)
 * or read from sensitive Terraform variables, and stored in Kubernetes Secrets the chart references.
 * Synthesized JSON holds only references to them.
 */
export class OpenMetadataSecrets extends Construct {
  /** Password of OpenMetadata's database user. */
  readonly databasePassword: string;
  readonly airflowPassword?: string;
  /** `airflow-secrets`: OpenMetadata's Airflow login; the dependencies chart's create-user Job reads it too. */
  readonly airflowSecret?: SecretV1;
  /** Only with generated passwords: what the dependencies chart needs beyond the two above; `airflow` only where it runs Airflow. */
  readonly dependencyPasswords?: {
    readonly mysqlRoot: string;
    readonly airflow?: { readonly database: string; readonly webserverSecretKey: string };
  };
  readonly jwtKeys: SecretV1;
  readonly secrets: SecretV1[] = [];

  constructor(scope: Construct, id: string, props: OpenMetadataSecretsProps) {
    super(scope, id);
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;
    // Alphanumeric only: the dependencies embed them unescaped in SQL (the MySQL init script) and in Airflow's connection URL.
    const password = (passwordId: string) =>
      new Password(this, passwordId, { length: 32, special: false, minNumeric: 2, minUpper: 2, minLower: 2 }).result;
    const sensitiveVariable = (name: string, description: string, validation?: TerraformVariableValidationConfig) => {
      const variable = new TerraformVariable(this, name, {
        type: "string",
        sensitive: true,
        nullable: false,
        description,
        ...(validation ? { validation: [validation] } : {}),
      });
      variable.overrideLogicalId(name);
      return variable.stringValue;
    };
    const secret = (secretId: string, name: string, data: Record<string, string>) => {
      const created = new SecretV1(this, secretId, {
        metadata: { name, namespace: props.namespace, labels: { "app.kubernetes.io/managed-by": "cdktf" } },
        type: "Opaque",
        data,
        lifecycle,
      });
      this.secrets.push(created);
      return created;
    };

    if (props.generatePasswords) {
      // Created in this order, Airflow's or not, so an Airflow environment's output stays as it was.
      this.databasePassword = password("database-password");
      if (props.withAirflow) this.airflowPassword = password("airflow-admin-password");
      const mysqlRoot = password("mysql-root-password");
      this.dependencyPasswords = props.withAirflow
        ? {
            mysqlRoot,
            airflow: {
              database: password("airflow-database-password"),
              // Airflow 3 components sign their JWTs with this; the chart ships a fixed one.
              webserverSecretKey: new Bytes(this, "airflow-webserver-secret-key", { length: 32 }).hex,
            },
          }
        : { mysqlRoot };
    } else {
      this.databasePassword = sensitiveVariable(
        "openmetadata_database_password",
        "Password of OpenMetadata's user on the external database",
      );
      if (props.withAirflow)
        this.airflowPassword = sensitiveVariable(
          "openmetadata_airflow_password",
          "Password of OpenMetadata's user on the external Airflow API",
        );
    }

    secret("database-secret", SECRET_NAMES.database.secretRef, { [SECRET_NAMES.database.secretKey]: this.databasePassword });
    if (this.airflowPassword)
      this.airflowSecret = secret("airflow-secret", SECRET_NAMES.airflow.secretRef, {
        [SECRET_NAMES.airflow.secretKey]: this.airflowPassword,
      });
    if (props.withSearchPassword) {
      secret("search-secret", SECRET_NAMES.search.secretRef, {
        [SECRET_NAMES.search.secretKey]: sensitiveVariable(
          "openmetadata_search_password",
          "Password of OpenMetadata's user on the external search cluster",
        ),
      });
    }
    if (props.oidcClient) {
      secret("oidc-secret", SECRET_NAMES.oidcClientId.secretRef, {
        [SECRET_NAMES.oidcClientId.secretKey]: props.oidcClient.clientId,
        [SECRET_NAMES.oidcClientSecret.secretKey]: props.oidcClient.clientSecret,
      });
    }

    // Fernet keys are 32 random bytes in URL-safe base64 with padding (the Fernet spec); the chart ships a fixed one.
    const fernetBytes = new Bytes(this, "fernet-key", { length: 32, lifecycle });
    secret("fernet-secret", SECRET_NAMES.fernetKey.secretRef, {
      [SECRET_NAMES.fernetKey.secretKey]: Fn.replace(Fn.replace(fernetBytes.base64, "+", "-"), "/", "_"),
    });

    const { privateKeyPem, publicKeyPem } = this.jwtSigningKey(props.jwtKeySource, lifecycle, sensitiveVariable);
    this.jwtKeys = new SecretV1(this, "jwt-keys-secret", {
      metadata: { name: SECRET_NAMES.jwtKeys.secretName, namespace: props.namespace, labels: { "app.kubernetes.io/managed-by": "cdktf" } },
      type: "Opaque",
      // binary_data takes base64: the DER files OpenMetadata's jwtTokenConfiguration reads.
      binaryData: {
        [SECRET_NAMES.jwtKeys.privateKeyFile]: pemToBase64Der(privateKeyPem),
        [SECRET_NAMES.jwtKeys.publicKeyFile]: pemToBase64Der(publicKeyPem),
      },
      lifecycle,
    });
    this.secrets.push(this.jwtKeys);
  }

  private jwtSigningKey(
    source: "terraform" | "variables",
    lifecycle: { preventDestroy: boolean } | undefined,
    sensitiveVariable: (name: string, description: string, validation?: TerraformVariableValidationConfig) => string,
  ) {
    if (source === "terraform") {
      const key = new PrivateKey(this, "jwt-signing-key", { algorithm: "RSA", rsaBits: 2048, lifecycle });
      return { privateKeyPem: key.privateKeyPemPkcs8, publicKeyPem: key.publicKeyPem };
    }
    const privateKeyPem = sensitiveVariable(
      "openmetadata_jwt_private_key_pem",
      "OpenMetadata's JWT signing key: RSA 2048 private key, PKCS#8 PEM (private.pem from `npm run keys`)",
      {
        condition: `\${${jwtKeyCondition("var.openmetadata_jwt_private_key_pem")}}`,
        errorMessage: JWT_KEY_ERROR_MESSAGE,
      },
    );
    // The public half is derived, so the two can never disagree.
    const publicKey = new DataTlsPublicKey(this, "jwt-public-key", { privateKeyPem });
    return { privateKeyPem, publicKeyPem: publicKey.publicKeyPem };
  }
}
