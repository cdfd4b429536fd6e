import { Release } from "@cdktf/provider-helm/lib/release";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { DependencyOptions } from "../config/environment";
import { renderValues } from "./chart-values";
import { DependenciesNetworkPolicy } from "./dependencies-network-policy";
import { addHelmReleaseRules } from "./helm-release-rules";
import {
  AIRFLOW_ADMIN_USERNAME,
  DEPENDENCIES_RELEASE_NAME,
  DEPENDENCY_SERVICES,
  DEPENDENCY_DATABASE_USERS,
  DEPENDENCY_OBJECT_NAMES,
  OPENMETADATA_HELM_REPOSITORY,
  SECRET_NAMES,
} from "./resource-names";

/** Where the create-user Job finds the Airflow admin password: a file from `airflow-secrets`, not an argument. */
const AIRFLOW_ADMIN_PASSWORD_DIR = "/etc/airflow-admin";

export interface OpenMetadataDependenciesProps {
  readonly namespace: string;
  readonly chartVersion: string;
  readonly timeoutSeconds: number;
  /** Domain for the Airflow admin user's email, instead of the chart's placeholder. */
  readonly principalDomain: string;
  /** The OpenMetadata release, the only client of MySQL and OpenSearch besides Airflow. */
  readonly openmetadataReleaseName: string;
  readonly options: DependencyOptions;
  /** References to generated passwords; each reaches the subcharts through a Kubernetes Secret, never through Helm values. */
  readonly passwords: {
    readonly openmetadataDatabase: string;
    readonly mysqlRoot: string;
  };
  /**
   * Airflow's own passwords, given only where OpenMetadata runs its pipelines in this chart's Airflow. Without
   * them the release runs no Airflow at all: no pods, volumes, Secrets, Jobs or database for it.
   * @default undefined - no Airflow
   */
  readonly airflow?: {
    readonly databasePassword: string;
    readonly webserverSecretKey: string;
    /** The `airflow-secrets` Secret the create-user Job mounts; the release installs after it. */
    readonly adminSecret: SecretV1;
  };
}

/**
 * The `openmetadata-dependencies` chart (MySQL, OpenSearch, Airflow) for environments without an
 * external database and search. The chart takes its passwords inline with known defaults
 * (`password`, `admin`, a fixed webserver key); every subchart is pointed at a Secret created here
 * instead, so no password is in the release's values, its `set_sensitive` names (helm provider
 * 3.1.1 leaves a name with an escaped dot uncloaked in `metadata.values`,
 * hashicorp/terraform-provider-helm#1788, `resource_helm_release.go` 707-721), a ConfigMap or a
 * command line.
 */
export class OpenMetadataDependencies extends Construct {
  readonly release: Release;
  readonly secrets: SecretV1[] = [];
  /** Only with Airflow: the script that creates Airflow's database and user. */
  readonly initScripts?: ConfigMapV1;
  readonly networkPolicy?: DependenciesNetworkPolicy;

  constructor(scope: Construct, id: string, props: OpenMetadataDependenciesProps) {
    super(scope, id);
    const { passwords, options, airflow } = props;
    const metadata = (name: string) => ({ name, namespace: props.namespace, labels: { "app.kubernetes.io/managed-by": "cdktf" } });
    const secret = (secretId: string, name: string, data: Record<string, string>) => {
      const created = new SecretV1(this, secretId, { metadata: metadata(name), type: "Opaque", data });
      this.secrets.push(created);
      return created;
    };

    // bitnami/mysql 14.0.2 templates/primary/statefulset.yaml 167-196 and 421-429: root and user passwords from
    // `auth.existingSecret` (files, usePasswordFiles defaults to true, values.yaml 149-155); 183-202: the user
    // `auth.username` is created with `auth.database` (MYSQL_USER/MYSQL_DATABASE).
    secret("mysql-auth-secret", DEPENDENCY_OBJECT_NAMES.mysqlAuth, {
      "mysql-root-password": passwords.mysqlRoot,
      "mysql-password": passwords.openmetadataDatabase,
    });
    if (airflow) {
      // statefulset.yaml 231-234: `primary.extraEnvVarsSecret` is loaded with envFrom.
      secret("mysql-init-env-secret", DEPENDENCY_OBJECT_NAMES.mysqlInitEnv, { AIRFLOW_DATABASE_PASSWORD: airflow.databasePassword });
      // The chart's own init scripts (deps values.yaml 30-40) would render into a ConfigMap with the passwords
      // (initialization-configmap.yaml 6-19); `initdbScriptsConfigMap` replaces them (_helpers.tpl 51-57).
      this.initScripts = new ConfigMapV1(this, "mysql-init-scripts", {
        metadata: metadata(DEPENDENCY_OBJECT_NAMES.mysqlInitScripts),
        data: { "airflow_db.sh": AIRFLOW_DATABASE_SCRIPT },
      });
      // Airflow chart `_helpers.yaml` (read @002843d6) `airflow_metadata_secret` / `standard_airflow_environment`:
      // the connection is read from key `connection` of `data.metadataSecretName`. Passwords are alphanumeric: no URL escaping needed.
      secret("airflow-metadata-secret", DEPENDENCY_OBJECT_NAMES.airflowMetadata, {
        connection: Fn.format(`mysql://${DEPENDENCY_DATABASE_USERS.airflow}:%s@mysql:3306/airflow_db`, [airflow.databasePassword]),
      });
      // Replaces the chart's fixed webserverSecretKey (deps values.yaml 70-75). Airflow 3 (chart default
      // airflowVersion) reads `[api] secret_key` from apiSecretKeySecretName, key `api-secret-key`, since
      // chart 1.18.0 (apache/airflow#52269); Airflow 2 reads `webserver-secret-key` of webserverSecretKeySecretName
      // (`_helpers.yaml` `webserver_secret_key_secret`). One Secret serves both.
      secret("airflow-secret-key-secret", DEPENDENCY_OBJECT_NAMES.airflowSecretKey, {
        "api-secret-key": airflow.webserverSecretKey,
        "webserver-secret-key": airflow.webserverSecretKey,
      });
    }

    if (options.networkPolicy) {
      this.networkPolicy = new DependenciesNetworkPolicy(this, "network-policy", {
        namespace: props.namespace,
        dependenciesReleaseName: DEPENDENCIES_RELEASE_NAME,
        openmetadataReleaseName: props.openmetadataReleaseName,
        withAirflow: airflow !== undefined,
      });
    }

    this.release = new Release(this, "release", {
      name: DEPENDENCIES_RELEASE_NAME,
      namespace: props.namespace,
      repository: OPENMETADATA_HELM_REPOSITORY,
      chart: "openmetadata-dependencies",
      version: props.chartVersion,
      // A failed install or upgrade restores the previous manifests. It does NOT undo database
      // migrations: Airflow's migration Job has run by then, and MySQL's data volume keeps its state.
      // Upgrade path: help/kubernetes.md "Upgrading the chart".
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      // The migration and create-user Jobs are plain resources (useHelmHooks: false below); waiting for them
      // means OpenMetadata installs only after Airflow's database is migrated and its admin exists.
      waitForJobs: true,
      timeout: props.timeoutSeconds,
      values: [renderValues(airflow ? dependenciesValues(props) : dependenciesValuesWithoutAirflow(props))],
      dependsOn: [
        ...this.secrets,
        ...(this.initScripts ? [this.initScripts] : []),
        ...(airflow ? [airflow.adminSecret] : []),
        ...(this.networkPolicy ? this.networkPolicy.policies : []),
      ],
    });
    addHelmReleaseRules(this.release);
  }
}

/**
 * Sourced by the bitnami entrypoint (not executable in a ConfigMap): libmysql.sh `mysql_custom_scripts`
 * sources `.sh` files with its functions and DB_ROOT_* in scope (bitnami/containers
 * bitnami/mysql/8.0/debian-12/rootfs/opt/bitnami/scripts/libmysql.sh @692d442f). The password comes
 * from the container's environment; `$VAR` without braces, since `${` would be a Terraform interpolation.
 */
const AIRFLOW_DATABASE_SCRIPT = [
  "# Airflow's database and user. OpenMetadata's come from auth.database/auth.username.",
  "# The password is AIRFLOW_DATABASE_PASSWORD from primary.extraEnvVarsSecret; it is never written here.",
  '[[ -n "$AIRFLOW_DATABASE_PASSWORD" ]] || { error "AIRFLOW_DATABASE_PASSWORD is not set"; exit 1; }',
  'wait_for_mysql_access "$DB_ROOT_USER"',
  'mysql_execute "mysql" "$DB_ROOT_USER" "$DB_ROOT_PASSWORD" <<EOF',
  "CREATE DATABASE IF NOT EXISTS airflow_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
  `CREATE USER IF NOT EXISTS '${DEPENDENCY_DATABASE_USERS.airflow}'@'%' IDENTIFIED BY '$AIRFLOW_DATABASE_PASSWORD';`,
  `GRANT ALL PRIVILEGES ON airflow_db.* TO '${DEPENDENCY_DATABASE_USERS.airflow}'@'%';`,
  "EOF",
  "",
].join("\n");

/** MySQL's Secret, OpenMetadata's database and its user: the same with Airflow or without. */
const MYSQL_AUTH = {
  existingSecret: DEPENDENCY_OBJECT_NAMES.mysqlAuth,
  database: DEPENDENCY_SERVICES.mysql.databaseName,
  username: DEPENDENCY_DATABASE_USERS.openmetadata,
} as const;

/**
 * With the stack's policy, the MySQL chart's own is off: bitnami/mysql 14.0.2 values.yaml 1152-1160, it admits every
 * pod (allowExternal: true), and NetworkPolicies add up, so it would void the stack's policy.
 */
function withoutMysqlPolicy(options: DependencyOptions) {
  return options.networkPolicy ? { networkPolicy: { enabled: false } } : {};
}

/**
 * MySQL and OpenSearch as with Airflow, and no Airflow: `airflow.enabled: false` is the condition of the
 * Airflow subchart (deps Chart.yaml `condition: airflow.enabled`), so none of its pods, volumes, Secrets,
 * Jobs or hooks is rendered, and no executor or storage setting means anything. MySQL gets no init script:
 * `initdbScripts: null` removes the chart's defaults (deps values.yaml 30-40, which would create Airflow's
 * user with a fixed password and recreate OpenMetadata's database), as Helm deletes a default set to null.
 */
function dependenciesValuesWithoutAirflow(props: Pick<OpenMetadataDependenciesProps, "options">) {
  return {
    mysql: {
      auth: MYSQL_AUTH,
      initdbScripts: null,
      ...withoutMysqlPolicy(props.options),
    },
    airflow: { enabled: false },
  };
}

/** The release values: names of Secrets and non-secret settings only. */
function dependenciesValues(props: Pick<OpenMetadataDependenciesProps, "principalDomain" | "options">) {
  const { options } = props;
  const adminUser = {
    role: "Admin",
    username: AIRFLOW_ADMIN_USERNAME,
    email: `openmetadata-airflow@${props.principalDomain}`,
    firstName: "OpenMetadata",
    lastName: "Airflow",
  };
  const shared = options.sharedStorageClass;
  return {
    mysql: {
      auth: MYSQL_AUTH,
      initdbScriptsConfigMap: DEPENDENCY_OBJECT_NAMES.mysqlInitScripts,
      primary: { extraEnvVarsSecret: DEPENDENCY_OBJECT_NAMES.mysqlInitEnv },
      ...withoutMysqlPolicy(options),
    },
    airflow: {
      executor: options.airflowExecutor,
      data: { metadataSecretName: DEPENDENCY_OBJECT_NAMES.airflowMetadata },
      apiSecretKeySecretName: DEPENDENCY_OBJECT_NAMES.airflowSecretKey,
      webserverSecretKeySecretName: DEPENDENCY_OBJECT_NAMES.airflowSecretKey,
      webserver: { defaultUser: { enabled: true, ...adminUser } },
      // apache/airflow chart/templates/jobs/migrate-database-job.yaml (read @058b846c: 40-49 hook annotations,
      // 50-53 ttl, 98-105 applyCustomEnv) and create-user-job.yaml (@00a881d8: 40-48, 90-92 args, 93-98):
      // with useHelmHooks the Jobs get `helm.sh/hook: post-install,post-upgrade`, which Helm runs only after
      // its wait, while every Airflow pod waits for the migrations: the install times out (help/kubernetes.md#the-dependencies-release,
      // hashicorp/terraform-provider-helm#683; the chart's docs demand false under Terraform). Without it the Jobs' only annotations are
      // `jobAnnotations`, which stay empty. The 1.18.0 tag itself could not be read here (help/kubernetes.md).
      // applyCustomEnv stays true: it is what gives the migration Job `env`, including the deps chart's
      // `_PIP_ADDITIONAL_REQUIREMENTS` FAB downgrade that Airflow 3 needs on MySQL (deps values.yaml 101-104).
      // A Job's pod template is immutable, so a later change to `env` could not patch a finished Job:
      // ttlSecondsAfterFinished removes finished Jobs, and the next upgrade creates them anew.
      migrateDatabaseJob: { useHelmHooks: false, applyCustomEnv: true, ttlSecondsAfterFinished: 300 },
      createUserJob: {
        useHelmHooks: false,
        applyCustomEnv: true,
        ttlSecondsAfterFinished: 300,
        // The chart's default args pass `-p {{ .Values.webserver.defaultUser.password }}` in the Job's spec;
        // these read the password from a mounted Secret inside the container instead.
        args: [
          "bash",
          "-c",
          `exec airflow users create --role ${adminUser.role} --username ${adminUser.username} --email ${adminUser.email} --firstname ` +
            `${adminUser.firstName} --lastname ${adminUser.lastName} --password "$(cat ${AIRFLOW_ADMIN_PASSWORD_DIR}/password)"`,
        ],
        extraVolumes: [
          {
            name: "airflow-admin-password",
            secret: { secretName: SECRET_NAMES.airflow.secretRef, items: [{ key: SECRET_NAMES.airflow.secretKey, path: "password" }] },
          },
        ],
        extraVolumeMounts: [{ name: "airflow-admin-password", mountPath: AIRFLOW_ADMIN_PASSWORD_DIR, readOnly: true }],
      },
      // The logs PVC is ReadWriteMany (templates/logs-persistent-volume-claim.yaml), which default classes such as
      // kind's local-path cannot bind: persisted only on a shared class the environment names
      // (help/kubernetes.md#the-dependencies-release).
      dags: { persistence: { enabled: true, accessMode: shared ? "ReadWriteMany" : "ReadWriteOnce", storageClassName: shared ?? "" } },
      logs: { persistence: shared ? { enabled: true, storageClassName: shared } : { enabled: false } },
    },
  };
}
