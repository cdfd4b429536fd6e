/**
 * Names the Helm values share with the constructs that create the objects. Dependency-free, so
 * code that only computes values (`npm run sso-sync`) does not load the provider bindings.
 */

/** Names and keys of the Kubernetes Secrets OpenMetadata reads; the first three are the chart's own names. */
export const SECRET_NAMES = {
  database: { secretRef: "mysql-secrets", secretKey: "openmetadata-mysql-password" },
  airflow: { secretRef: "airflow-secrets", secretKey: "openmetadata-airflow-password" },
  search: { secretRef: "elasticsearch-secrets", secretKey: "openmetadata-elasticsearch-password" },
  oidcClientId: { secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-id" },
  oidcClientSecret: { secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-secret" },
  fernetKey: { secretRef: "openmetadata-fernet-key", secretKey: "fernet-key" },
  jwtKeys: { secretName: "openmetadata-jwt-keys", privateKeyFile: "private_key.der", publicKeyFile: "public_key.der" },
} as const;

/** The dependencies chart's release name; the Airflow chart names its objects and labels its pods after it. */
export const DEPENDENCIES_RELEASE_NAME = "openmetadata-dependencies";

/** The database user names; OpenMetadata logs in as the first. */
export const DEPENDENCY_DATABASE_USERS = { openmetadata: "openmetadata_user", airflow: "airflow_user" } as const;
