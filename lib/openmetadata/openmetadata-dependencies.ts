import { Release } from "@cdktf/provider-helm/lib/release";
import { Construct } from "constructs";
import { renderValues } from "./chart-values";
import { DEPENDENCY_DATABASE_USERS } from "./resource-names";

export const OPENMETADATA_HELM_REPOSITORY = "https://helm.open-metadata.org";

export { DEPENDENCY_DATABASE_USERS };

export interface OpenMetadataDependenciesProps {
  readonly namespace: string;
  readonly chartVersion: string;
  readonly timeoutSeconds: number;
  /** Domain for the Airflow admin user's email, instead of the chart's placeholder. */
  readonly principalDomain: string;
  /** References to generated passwords; each reaches Helm through `set_sensitive`, never through values. */
  readonly passwords: {
    readonly openmetadataDatabase: string;
    readonly mysqlRoot: string;
    readonly airflowAdmin: string;
    readonly airflowDatabase: string;
    readonly airflowWebserverSecretKey: string;
  };
}

/**
 * The `openmetadata-dependencies` chart (MySQL, OpenSearch, Airflow) for environments without an
 * external database and search. The chart takes its passwords inline with known defaults
 * (`password`, `admin`, a fixed webserver key), so every one is overridden with a generated value.
 */
export class OpenMetadataDependencies extends Construct {
  readonly release: Release;

  constructor(scope: Construct, id: string, props: OpenMetadataDependenciesProps) {
    super(scope, id);
    const { passwords } = props;
    this.release = new Release(this, "release", {
      name: "openmetadata-dependencies",
      namespace: props.namespace,
      repository: OPENMETADATA_HELM_REPOSITORY,
      chart: "openmetadata-dependencies",
      version: props.chartVersion,
      // A failed install or upgrade rolls back instead of leaving a half-upgraded database.
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: props.timeoutSeconds,
      values: [
        renderValues({
          airflow: {
            webserver: {
              defaultUser: { enabled: true, role: "Admin", username: "admin", email: `openmetadata-airflow@${props.principalDomain}`, firstName: "OpenMetadata", lastName: "Airflow" },
            },
          },
        }),
      ],
      setSensitive: [
        { name: "mysql.auth.rootPassword", value: passwords.mysqlRoot, type: "string" },
        {
          name: "mysql.initdbScripts.init_openmetadata_db_scripts\\.sql",
          value: initScript("openmetadata_db", "", DEPENDENCY_DATABASE_USERS.openmetadata, passwords.openmetadataDatabase),
          type: "string",
        },
        {
          name: "mysql.initdbScripts.init_airflow_db_scripts\\.sql",
          value: initScript("airflow_db", " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", DEPENDENCY_DATABASE_USERS.airflow, passwords.airflowDatabase),
          type: "string",
        },
        { name: "airflow.data.metadataConnection.pass", value: passwords.airflowDatabase, type: "string" },
        { name: "airflow.webserver.defaultUser.password", value: passwords.airflowAdmin, type: "string" },
        { name: "airflow.webserverSecretKey", value: passwords.airflowWebserverSecretKey, type: "string" },
      ],
    });
  }
}

/** The chart's init script with the password replaced (passwords are alphanumeric, so no quoting issue). */
function initScript(database: string, options: string, user: string, password: string): string {
  return [
    `CREATE DATABASE ${database}${options};`,
    `CREATE USER '${user}'@'%' IDENTIFIED BY '${password}';`,
    `GRANT ALL PRIVILEGES ON ${database}.* TO '${user}'@'%' WITH GRANT OPTION;`,
    "commit;",
    "",
  ].join("\n");
}
