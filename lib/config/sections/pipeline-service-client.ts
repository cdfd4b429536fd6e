import * as v from "valibot";
import {
  bool,
  checkedString,
  integerInRange,
  kubernetesName,
  LABEL_KEY,
  mapOf,
  oneOf,
  patternString,
  strictRecord,
} from "../schema-helpers";
import type { Problem } from "../section";

/**
 * `openmetadata.pipelineServiceClient`: how OpenMetadata runs the ingestion pipelines deployed from its
 * UI, named as the chart names it (`openmetadata.config.pipelineServiceClientConfig`, values.yaml 80-171
 * at openmetadata-1.13.1) and the server (`pipelineServiceClientConfiguration`). Its schema, resolved type,
 * defaults and rules live here, so every rule learnt from the chart's and the server's sources is in one file.
 *
 * Sources, read at the tags the project pins:
 * - chart: open-metadata/openmetadata-helm-charts tag openmetadata-1.13.1, charts/openmetadata/
 *   (values.yaml 80-171, templates/secrets.yaml 96-132, templates/k8s-pipeline-rbac.yaml 1-136,
 *   templates/serviceaccount.yaml, templates/_helpers.tpl 59-65, Chart.yaml 18-24);
 * - server: open-metadata/OpenMetadata openmetadata-service/.../clients/pipeline/k8s/K8sPipelineClient.java
 *   and K8sPipelineClientConfig.java. The 1.13.1-release tag (afcb2d2c) could not be fetched here (the
 *   repository is 1.9 GB); they were read at 05a8f83f and 2e011e79 and are cited by method, which is
 *   stabler than a line number across revisions.
 */

const PIPELINE_SERVICE_CLIENT_TYPES = ["k8s", "airflow", "disabled"] as const;
export type PipelineServiceClientType = (typeof PIPELINE_SERVICE_CLIENT_TYPES)[number];

/** Who creates the Jobs' service account and the server's permissions to run them. */
const K8S_RBAC_MODES = ["stack", "chart", "external"] as const;
export type K8sRbacMode = (typeof K8S_RBAC_MODES)[number];

export interface ResourceQuantities {
  readonly cpu: string;
  readonly memory: string;
}

export interface Toleration {
  readonly key?: string;
  readonly operator?: "Exists" | "Equal";
  readonly value?: string;
  readonly effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

export interface EgressRule {
  readonly cidr: string;
  readonly ports: readonly number[];
}

/** The Jobs of `type: k8s`, every default applied (help/configuration.md#openmetadatapipelineserviceclient). */
export interface K8sPipelineSettings {
  /** Where the server creates the Jobs; the environment's namespace unless RBAC is external. */
  readonly namespace: string;
  /** The service account the Job pods run as; never the server's own. */
  readonly serviceAccountName: string;
  readonly rbac: K8sRbacMode;
  /** `<repository>:<tag>`, the tag being the server's version. */
  readonly image: string;
  readonly imagePullSecrets: readonly string[];
  readonly resources: { readonly requests: ResourceQuantities; readonly limits: ResourceQuantities };
  readonly ttlSecondsAfterFinished: number;
  readonly activeDeadlineSeconds: number;
  readonly backoffLimit: number;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
  /** A NetworkPolicy on the Job pods: nothing in, out only to the server, DNS and `egress`. */
  readonly networkPolicy: boolean;
  readonly egress: readonly EgressRule[];
}

/** Airflow runs in the dependencies chart or is the environment's own (`openmetadata.airflow`). */
export type PipelineServiceClientSettings =
  | { readonly type: "k8s"; readonly k8s: K8sPipelineSettings }
  | { readonly type: "airflow"; readonly airflow: "dependencies" | "external" }
  | { readonly type: "disabled" };

/** The section's defaults (DEFAULTS.openmetadata.pipelineServiceClient in defaults.ts). */
export const PIPELINE_SERVICE_CLIENT_DEFAULTS = {
  /**
   * What the environment ran before the field existed, which is also the chart's and the server's default
   * (Airflow, values.yaml 83): Airflow where one runs, otherwise none. Never a silent move to Jobs, which
   * would remove a running Airflow on the next apply (help/kubernetes.md "Which runner by default").
   */
  type: (airflowRuns: boolean): PipelineServiceClientType => (airflowRuns ? "airflow" : "disabled"),
  k8s: {
    namespace: (environmentNamespace: string) => environmentNamespace,
    serviceAccountName: "openmetadata-ingestion",
    rbac: "stack",
    /** The image K8sPipelineClient runs `python main.py` in (ingestion/operators/docker/Dockerfile), at the server's version. */
    image: (serverVersion: string) => `docker.getcollate.io/openmetadata/ingestion-base:${serverVersion}`,
    imagePullSecrets: [] as readonly string[],
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } },
    ttlSecondsAfterFinished: 604_800,
    activeDeadlineSeconds: 7200,
    backoffLimit: 0,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 3,
    nodeSelector: {} as Readonly<Record<string, string>>,
    tolerations: [] as readonly never[],
    networkPolicy: true,
    egress: [] as readonly never[],
  },
} as const;

/** Kubernetes label values; neither a key nor a value can hold "," or "=", which the chart's key=value list would split on. */
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?$/;

/**
 * A Kubernetes quantity. The server parses each with `new Quantity(...)` at start and refuses to start
 * on a bad one (K8sPipelineClientConfig.validateConfiguration); Kubernetes accepts exactly this form.
 */
const QUANTITY = /^(?:\d+(?:\.\d+)?|\.\d+)(?:m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;
const quantity = (kind: "cpu" | "memory") =>
  checkedString(kind === "cpu" ? 'a CPU quantity such as "500m" or "2"' : 'a memory quantity such as "1Gi" or "512Mi"', (value) => {
    if (QUANTITY.test(value)) return undefined;
    const unit = /^(\d+(?:\.\d+)?)\s*([kmgtpe])i?b?$/i.exec(value);
    const hint = unit && kind === "memory" ? ` (write "${unit[1]}${unit[2]!.toUpperCase()}i")` : "";
    return (
      `expected a Kubernetes quantity${hint}: ${kind === "cpu" ? 'cores ("2", "0.5") or millicores ("500m")' : 'bytes with a suffix ("1Gi", "512Mi")'}; ` +
      "the server refuses to start on one it cannot parse"
    );
  });

const quantities = () => v.optional(strictRecord({ cpu: v.optional(quantity("cpu")), memory: v.optional(quantity("memory")) }));

/** An image reference: a repository, a tag, optionally a digest. */
const IMAGE =
  /^[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const image = checkedString(
  'an image reference "<repository>:<tag>", e.g. "docker.getcollate.io/openmetadata/ingestion-base:1.13.1"',
  (value) =>
    IMAGE.test(value)
      ? undefined
      : 'expected an image reference "<repository>:<tag>" in lower case, e.g. "docker.getcollate.io/openmetadata/ingestion-base:1.13.1"',
);

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+\/(\d{1,3})$/;
const cidr = checkedString('an IPv4 or IPv6 CIDR such as "10.20.0.0/16" or "203.0.113.7/32"', (value) => {
  const v4 = IPV4_CIDR.exec(value);
  if (v4) {
    if (v4.slice(1, 5).some((octet) => Number(octet) > 255) || Number(v4[5]) > 32) return `not an IPv4 CIDR; expected e.g. "10.20.0.0/16"`;
    return undefined;
  }
  const v6 = IPV6_CIDR.exec(value);
  if (v6 && value.includes(":") && Number(v6[1]) <= 128) return undefined;
  if (/^[\d.]+$/.test(value) || /^[0-9a-fA-F:]+$/.test(value))
    return `a CIDR needs its prefix length; write "${value}/${value.includes(":") ? 128 : 32}" for one address`;
  return 'expected an IPv4 or IPv6 CIDR such as "10.20.0.0/16"; a NetworkPolicy cannot name hosts, only address ranges';
});

const toleration = strictRecord({
  key: v.optional(patternString('a label key such as "dedicated" or "example.com/pool"', LABEL_KEY)),
  operator: v.optional(oneOf(["Exists", "Equal"])),
  value: v.optional(patternString('a label value such as "ingestion" (up to 63 of A-Z, a-z, 0-9, "-", "_" and ".")', LABEL_VALUE)),
  effect: v.optional(oneOf(["NoSchedule", "PreferNoSchedule", "NoExecute"])),
});

const egressRule = strictRecord({
  cidr,
  ports: v.pipe(
    v.array(integerInRange(1, 65535, "port"), "expected a list of TCP ports, e.g. [5432, 443]"),
    v.minLength(1, "list at least one port the pipelines connect to, e.g. [5432]"),
  ),
});

const k8sSection = strictRecord({
  namespace: v.optional(kubernetesName("a namespace")),
  serviceAccountName: v.optional(kubernetesName("a service account name")),
  rbac: v.optional(
    oneOf(
      K8S_RBAC_MODES,
      '"stack" creates the service account and the server\'s Role, "chart" lets the chart create them, "external" uses what you made',
    ),
  ),
  image: v.optional(image),
  imagePullSecrets: v.optional(v.array(kubernetesName("a Secret name"), "expected a list of Secret names")),
  resources: v.optional(strictRecord({ requests: quantities(), limits: quantities() })),
  ttlSecondsAfterFinished: v.optional(integerInRange(0, 31_536_000, "seconds", "how long a finished Job and its logs stay")),
  activeDeadlineSeconds: v.optional(integerInRange(60, 604_800, "seconds", "the longest a run may take")),
  backoffLimit: v.optional(integerInRange(0, 10, "retries")),
  successfulJobsHistoryLimit: v.optional(integerInRange(0, 100, "Jobs")),
  failedJobsHistoryLimit: v.optional(integerInRange(0, 100, "Jobs")),
  nodeSelector: v.optional(
    mapOf(
      LABEL_KEY,
      v.pipe(
        v.string(
          (issue) =>
            `label values are strings${typeof issue.input === "number" || typeof issue.input === "boolean" ? `; quote it: "${String(issue.input)}"` : ""}`,
        ),
        // The chart passes the selector as "k=v,k=v" (secrets.yaml 110) and the server splits it on "," and "="
        // (K8sPipelineClientConfig.parseKeyValuePairs): a label value never holds either.
        v.regex(
          LABEL_VALUE,
          'expected a label value: up to 63 of A-Z, a-z, 0-9, "-", "_" and ".", starting and ending with a letter or digit',
        ),
      ),
      'expected a map of node label keys to values, e.g. { "example.com/pool": "ingestion" }',
    ),
  ),
  tolerations: v.optional(
    v.array(toleration, "expected a list of tolerations, e.g. [{ key: dedicated, operator: Equal, value: ingestion, effect: NoSchedule }]"),
  ),
  networkPolicy: v.optional(bool()),
  egress: v.optional(v.array(egressRule, 'expected a list of { cidr, ports }, e.g. [{ cidr: "10.20.0.0/16", ports: [5432] }]')),
});

export const pipelineServiceClientSection = strictRecord({
  type: v.optional(
    oneOf(
      PIPELINE_SERVICE_CLIENT_TYPES,
      '"k8s" runs each pipeline as a Kubernetes Job, "airflow" deploys it to Airflow, "disabled" deploys none',
    ),
  ),
  k8s: v.optional(k8sSection),
});

export type PipelineServiceClientInput = v.InferOutput<typeof pipelineServiceClientSection>;

/** What the pipeline rules need to know of the rest of the openmetadata section. */
export interface PipelineContext {
  /** The dependencies chart is installed (it runs Airflow unless the type says otherwise). */
  readonly dependencies: boolean;
  /** `openmetadata.airflow` was given. */
  readonly externalAirflow?: { readonly apiEndpoint: string };
  readonly dependencyOptions?: { readonly airflowExecutor?: string; readonly sharedStorageClass?: string };
  /** The environment's namespace, where the stack deploys the release. */
  readonly namespace: string;
  readonly releaseName: string;
  readonly chartVersion: string;
}

const FIELD = "openmetadata.pipelineServiceClient";

/** The chart version whose values.yaml first has the `k8s` block (openmetadata-1.11.11 has none). */
const FIRST_CHART_WITH_K8S_CLIENT = "1.11.12";

/**
 * The type the environment chose, or its default: the chart's and the server's own default is Airflow
 * (values.yaml 83 `type: "airflow"`; the server's `PIPELINE_SERVICE_CLIENT_CLASS_NAME` defaults to
 * AirflowRESTClient), and an environment that says nothing keeps what it ran before the field existed.
 */
export function pipelineServiceClientType(
  input: PipelineServiceClientInput | undefined,
  context: PipelineContext,
): PipelineServiceClientType {
  return input?.type ?? PIPELINE_SERVICE_CLIENT_DEFAULTS.type(context.dependencies || context.externalAirflow !== undefined);
}

/** Resolves the section and reports every rule it breaks; undefined when one is broken. */
export function resolvePipelineServiceClient(
  input: PipelineServiceClientInput | undefined,
  context: PipelineContext,
  fail: Problem,
): PipelineServiceClientSettings | undefined {
  const type = pipelineServiceClientType(input, context);
  const before = countingProblems(fail);
  const problem = before.problem;

  if (input?.k8s && type !== "k8s")
    problem(`${FIELD}.k8s`, "{...}", `configures the Kubernetes Jobs, but ${FIELD}.type is "${type}"; set type: k8s, or remove k8s`);
  if (type === "airflow" && !context.dependencies && !context.externalAirflow)
    problem(
      `${FIELD}.type`,
      "airflow",
      "no Airflow runs for this environment (the dependencies chart is disabled and openmetadata.airflow names none): " +
        "name your Airflow in openmetadata.airflow, or run the pipelines as Kubernetes Jobs with type: k8s",
    );
  if (type !== "airflow") checkNoAirflowFields(type, context, problem);
  if (type === "airflow") return before.count() > 0 ? undefined : { type, airflow: context.dependencies ? "dependencies" : "external" };
  if (type === "disabled") return before.count() > 0 ? undefined : { type };

  const k8s = resolveK8s(input?.k8s ?? {}, context, problem);
  return before.count() > 0 || !k8s ? undefined : { type, k8s };
}

/** With Jobs, or with no pipelines at all, nothing may configure an Airflow that will not run. */
function checkNoAirflowFields(type: "k8s" | "disabled", context: PipelineContext, problem: Problem): void {
  const why =
    type === "k8s"
      ? `with ${FIELD}.type "k8s" OpenMetadata runs the pipelines as Kubernetes Jobs and talks to no Airflow`
      : `with ${FIELD}.type "disabled" OpenMetadata deploys no pipeline to any Airflow`;
  if (context.externalAirflow)
    problem(
      "openmetadata.airflow",
      context.externalAirflow.apiEndpoint,
      `is an Airflow-only field; ${why}: remove it, or set type: airflow to keep your Airflow`,
    );
  // Only where the dependencies chart runs: without it the dependencies rules already refuse these fields.
  if (!context.dependencies) return;
  for (const field of ["airflowExecutor", "sharedStorageClass"] as const) {
    const value = context.dependencyOptions?.[field];
    if (value !== undefined)
      problem(
        `openmetadata.dependencies.${field}`,
        value,
        `is an Airflow-only field and the dependencies chart runs no Airflow here (${why}): remove it`,
      );
  }
}

function resolveK8s(
  input: NonNullable<PipelineServiceClientInput["k8s"]>,
  context: PipelineContext,
  problem: Problem,
): K8sPipelineSettings | undefined {
  const defaults = PIPELINE_SERVICE_CLIENT_DEFAULTS.k8s;
  const field = `${FIELD}.k8s`;
  if (compareVersions(context.chartVersion, FIRST_CHART_WITH_K8S_CLIENT) < 0)
    problem(
      "openmetadata.chartVersion",
      context.chartVersion,
      `chart ${context.chartVersion} has no k8s pipeline service client (its values.yaml first has the k8s block in ${FIRST_CHART_WITH_K8S_CLIENT}): ` +
        `use chart ${FIRST_CHART_WITH_K8S_CLIENT} or later, or keep type: airflow`,
    );

  const rbac = input.rbac ?? defaults.rbac;
  const namespace = input.namespace ?? defaults.namespace(context.namespace);
  // templates/k8s-pipeline-rbac.yaml 2, 9, 22, 56, 74, 123 (openmetadata-1.13.1): every object of the chart's RBAC is
  // created in .Release.Namespace, whatever k8s.namespace says; the stack creates its RBAC in its own namespace too.
  if (namespace !== context.namespace && rbac !== "external")
    problem(
      `${field}.namespace`,
      namespace,
      `the ${rbac === "chart" ? "chart's" : "stack's"} RBAC (the Jobs' service account and the server's Role) exists only in the ` +
        `release namespace "${context.namespace}" (chart templates/k8s-pipeline-rbac.yaml 2), so the server could not create Jobs in ` +
        `"${namespace}": leave namespace out, or set rbac: external and grant the permissions there yourself (help/kubernetes.md)`,
    );
  // k8s-pipeline-rbac.yaml 3-8: the service account named by serviceAccountName exists only when the chart's RBAC makes it.
  if (rbac === "external" && input.serviceAccountName === undefined)
    problem(
      `${field}.serviceAccountName`,
      undefined,
      `with rbac: external nothing creates the service account the Jobs run as, and the default "${defaults.serviceAccountName}" ` +
        "exists only when the chart's RBAC makes it (templates/k8s-pipeline-rbac.yaml 3-8): name the service account you created",
    );
  const serviceAccountName = input.serviceAccountName ?? defaults.serviceAccountName;
  // templates/serviceaccount.yaml 5 and _helpers.tpl 59-61: the server's own service account is named after the release.
  if (serviceAccountName === context.releaseName)
    problem(
      `${field}.serviceAccountName`,
      serviceAccountName,
      `is the server's own service account (the chart names it after the release, templates/_helpers.tpl 59-61): the Jobs would ` +
        "run with the server's permissions on Secrets, ConfigMaps and Jobs; name a service account of their own",
    );

  const imageReference = input.image ?? defaults.image(context.chartVersion);
  checkImageTag(imageReference, context.chartVersion, `${field}.image`, problem);

  const resources = {
    requests: { ...defaults.resources.requests, ...input.resources?.requests },
    limits: { ...defaults.resources.limits, ...input.resources?.limits },
  };
  for (const kind of ["cpu", "memory"] as const) {
    if (quantityValue(resources.requests[kind]) > quantityValue(resources.limits[kind]))
      problem(
        `${field}.resources.requests.${kind}`,
        resources.requests[kind],
        `is above limits.${kind} (${resources.limits[kind]}); Kubernetes refuses such a pod, so every Job would fail to start: ` +
          `lower the request or raise the limit`,
      );
  }

  (input.tolerations ?? []).forEach((entry, index) => {
    if ((entry.operator ?? "Equal") === "Exists" && entry.value !== undefined)
      problem(
        `${field}.tolerations[${index}].value`,
        entry.value,
        'a toleration with operator "Exists" matches any value and may not name one: remove value, or use operator: Equal',
      );
    if (entry.key === undefined && (entry.operator ?? "Equal") === "Equal")
      problem(`${field}.tolerations[${index}].key`, undefined, 'a toleration with operator "Equal" needs the taint\'s key');
  });

  const networkPolicy = input.networkPolicy ?? defaults.networkPolicy;
  if (!networkPolicy && input.egress !== undefined)
    problem(
      `${field}.egress`,
      "[...]",
      "opens paths in the Jobs' NetworkPolicy, which networkPolicy: false turns off (every path is then open): remove egress, or the networkPolicy: false",
    );

  return {
    namespace,
    serviceAccountName,
    rbac,
    image: imageReference,
    imagePullSecrets: input.imagePullSecrets ?? defaults.imagePullSecrets,
    resources,
    ttlSecondsAfterFinished: input.ttlSecondsAfterFinished ?? defaults.ttlSecondsAfterFinished,
    activeDeadlineSeconds: input.activeDeadlineSeconds ?? defaults.activeDeadlineSeconds,
    backoffLimit: input.backoffLimit ?? defaults.backoffLimit,
    successfulJobsHistoryLimit: input.successfulJobsHistoryLimit ?? defaults.successfulJobsHistoryLimit,
    failedJobsHistoryLimit: input.failedJobsHistoryLimit ?? defaults.failedJobsHistoryLimit,
    nodeSelector: input.nodeSelector ?? defaults.nodeSelector,
    tolerations: input.tolerations ?? defaults.tolerations,
    networkPolicy,
    egress: input.egress ?? defaults.egress,
  };
}

/**
 * The ingestion image's tag is the server's version. The chart runs the server at its appVersion
 * (templates/deployment.yaml 48, `.Values.image.tag | default .Chart.AppVersion`), which equals the chart
 * version (Chart.yaml 18 and 24); the dependencies chart pins Airflow's ingestion image the same way
 * (deps values.yaml `images.airflow.tag: 1.13.1`). The chart's own default is `ingestion-base:latest`
 * (values.yaml 119): a moving tag that would run whatever was pushed last against this server.
 */
function checkImageTag(reference: string, serverVersion: string, path: string, problem: Problem): void {
  const withoutDigest = reference.split("@")[0]!;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  const repository = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  const tag = colon === -1 ? undefined : withoutDigest.slice(colon + 1);
  const pinned = `"${repository}:${serverVersion}"`;
  if (tag === undefined) problem(path, reference, `has no tag, which means :latest; pin the server's version: ${pinned}`);
  else if (tag === "latest")
    problem(
      path,
      reference,
      `:latest moves with every release and would run a newer ingestion client against server ${serverVersion}; pin ${pinned}`,
    );
  else if (tag !== serverVersion)
    problem(
      path,
      reference,
      `tag ${tag} differs from the server's version ${serverVersion} (the chart runs the server at its appVersion, the chart version): ` +
        `the ingestion client and the server must be the same version; write ${pinned}, or change chartVersion with it`,
    );
}

/** Numeric comparison of x.y.z versions (a pre-release suffix is ignored). */
function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split("-")[0]!.split(".").map(Number);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

const SUFFIX_FACTORS: Readonly<Record<string, number>> = {
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a quantity the schema accepted, in base units (cores, bytes). */
function quantityValue(text: string): number {
  const match = /^([\d.]+)(.*)$/.exec(text);
  if (!match) return Number.NaN;
  const [, number, suffix] = match;
  if (!suffix) return Number(number);
  if (/^[eE]/.test(suffix)) return Number(`${number}${suffix}`);
  return Number(number) * (SUFFIX_FACTORS[suffix] ?? Number.NaN);
}

/** Wraps a Problem so the caller can tell whether this section reported anything. */
function countingProblems(fail: Problem): { readonly problem: Problem; count(): number } {
  let count = 0;
  return {
    problem: (path, value, message) => {
      count += 1;
      fail(path, value, message);
    },
    count: () => count,
  };
}
