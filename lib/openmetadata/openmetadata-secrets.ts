import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Bytes } from "@cdktf/provider-random/lib/bytes";
import { Password } from "@cdktf/provider-random/lib/password";
import { DataTlsPublicKey } from "@cdktf/provider-tls/lib/data-tls-public-key";
import { PrivateKey } from "@cdktf/provider-tls/lib/private-key";
import { Fn, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { SECRET_NAMES } from "./resource-names";

// Kept exported here for the constructs' callers; the values code imports the dependency-free module.
export { SECRET_NAMES };

export interface OpenMetadataSecretsProps {
  readonly namespace: string;
  /**
   * `terraform`: a new RSA key in Terraform state. `variables`: the sensitive variable
   * `openmetadata_jwt_private_key_pem` (PKCS#8 PEM, e.g. `private.pem` from `npm run keys`).
   */
  readonly jwtKeySource: "terraform" | "variables";
  /** Generate the database and Airflow passwords (in-cluster dependencies) or read them from sensitive variables. */
  readonly generatePasswords: boolean;
  /** Create `airflow-secrets`: an Airflow runs (dependencies) or is named (external). */
  readonly withAirflow: boolean;
  /** Create `elasticsearch-secrets` from a sensitive variable (external search with a user). */
  readonly withSearchPassword: boolean;
  /** Confidential clients: the Okta client id and secret (references to Terraform state). */
  readonly oidcClient?: { readonly clientId: string; readonly clientSecret: string };
  /** Protected environments keep their key material: losing it logs every bot out. */
  readonly preventDestroy?: boolean;
}

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
  /** Only with generated passwords: what the dependencies chart needs beyond the two above. */
  readonly dependencyPasswords?: { readonly mysqlRoot: string; readonly airflowDatabase: string; readonly airflowWebserverSecretKey: string };
  readonly jwtKeys: SecretV1;
  readonly secrets: SecretV1[] = [];

  constructor(scope: Construct, id: string, props: OpenMetadataSecretsProps) {
    super(scope, id);
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;
    // Alphanumeric only: the dependencies chart embeds passwords in SQL and Helm's --set syntax treats "," and "\" specially.
    const password = (passwordId: string) => new Password(this, passwordId, { length: 32, special: false, minNumeric: 2, minUpper: 2, minLower: 2 }).result;
    const sensitiveVariable = (name: string, description: string) => {
      const variable = new TerraformVariable(this, name, { type: "string", sensitive: true, nullable: false, description });
      variable.overrideLogicalId(name);
      return variable.stringValue;
    };
    const secret = (secretId: string, name: string, data: Record<string, string>) => {
      const created = new SecretV1(this, secretId, { metadata: { name, namespace: props.namespace, labels: { "app.kubernetes.io/managed-by": "cdktf" } }, type: "Opaque", data, lifecycle });
      this.secrets.push(created);
      return created;
    };

    if (props.generatePasswords) {
      this.databasePassword = password("database-password");
      this.airflowPassword = password("airflow-admin-password");
      this.dependencyPasswords = {
        mysqlRoot: password("mysql-root-password"),
        airflowDatabase: password("airflow-database-password"),
        // Airflow 3 components sign their JWTs with this; the chart ships a fixed one.
        airflowWebserverSecretKey: new Bytes(this, "airflow-webserver-secret-key", { length: 32 }).hex,
      };
    } else {
      this.databasePassword = sensitiveVariable("openmetadata_database_password", "Password of OpenMetadata's user on the external database");
      if (props.withAirflow) this.airflowPassword = sensitiveVariable("openmetadata_airflow_password", "Password of OpenMetadata's user on the external Airflow API");
    }

    secret("database-secret", SECRET_NAMES.database.secretRef, { [SECRET_NAMES.database.secretKey]: this.databasePassword });
    if (this.airflowPassword) secret("airflow-secret", SECRET_NAMES.airflow.secretRef, { [SECRET_NAMES.airflow.secretKey]: this.airflowPassword });
    if (props.withSearchPassword) {
      secret("search-secret", SECRET_NAMES.search.secretRef, { [SECRET_NAMES.search.secretKey]: sensitiveVariable("openmetadata_search_password", "Password of OpenMetadata's user on the external search cluster") });
    }
    if (props.oidcClient) {
      secret("oidc-secret", SECRET_NAMES.oidcClientId.secretRef, {
        [SECRET_NAMES.oidcClientId.secretKey]: props.oidcClient.clientId,
        [SECRET_NAMES.oidcClientSecret.secretKey]: props.oidcClient.clientSecret,
      });
    }

    // Fernet keys are 32 random bytes in URL-safe base64 with padding (the Fernet spec); the chart ships a fixed one.
    const fernetBytes = new Bytes(this, "fernet-key", { length: 32, lifecycle });
    secret("fernet-secret", SECRET_NAMES.fernetKey.secretRef, { [SECRET_NAMES.fernetKey.secretKey]: Fn.replace(Fn.replace(fernetBytes.base64, "+", "-"), "/", "_") });

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

  private jwtSigningKey(source: "terraform" | "variables", lifecycle: { preventDestroy: boolean } | undefined, sensitiveVariable: (name: string, description: string) => string) {
    if (source === "terraform") {
      const key = new PrivateKey(this, "jwt-signing-key", { algorithm: "RSA", rsaBits: 2048, lifecycle });
      return { privateKeyPem: key.privateKeyPemPkcs8, publicKeyPem: key.publicKeyPem };
    }
    const privateKeyPem = sensitiveVariable("openmetadata_jwt_private_key_pem", "OpenMetadata's JWT signing key: RSA 2048 private key, PKCS#8 PEM (private.pem from `npm run keys`)");
    // The public half is derived, so the two can never disagree.
    const publicKey = new DataTlsPublicKey(this, "jwt-public-key", { privateKeyPem });
    return { privateKeyPem, publicKeyPem: publicKey.publicKeyPem };
  }
}
