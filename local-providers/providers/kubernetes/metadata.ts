/**
 * The `metadata` block every kubernetes resource shares: how the provider sends it (structures.go:42-69
 * expandMetadata), how it reads it back (structures.go:118-201 flattenMetadata, with the internal and
 * ignored keys removed), and the checks its schema runs at validate (validators.go:21-105, schema_metadata.go).
 * Sources: hashicorp/terraform-provider-kubernetes@v2.38.0 kubernetes/<file>:<line>.
 */
import { ProviderDiagnostic, type Diagnostic, type ProviderContext } from "../../provider/behaviour";
import { firstBlock, isObjectValue, isUnknown, stringListAt, type ObjectValue, type Value } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import { namespaceExists, type ObjectMeta } from "./cluster";
import { goQuote, isQualifiedName, isValidLabelValue, nameIsDnsLabel, nameIsDnsSubdomain, notFoundMessage, required } from "./validation";
import type { FieldError } from "./validation";

export interface MetadataInput {
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

function stringMap(value: Value | undefined): Record<string, string> | undefined {
  if (!isObjectValue(value)) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** structures.go:42 expandMetadata: empty maps are not sent; name/namespace as configured (namespace defaults to "default"). */
export function expandMetadata(resource: ObjectValue, namespaced: boolean): MetadataInput {
  const metadata = firstBlock(resource, "metadata") ?? {};
  const text = (name: string) => (typeof metadata[name] === "string" && metadata[name] !== "" ? (metadata[name] as string) : undefined);
  const labels = stringMap(metadata["labels"]);
  const annotations = stringMap(metadata["annotations"]);
  const name = text("name");
  const generateName = text("generate_name");
  return {
    ...(name === undefined ? {} : { name }),
    ...(generateName === undefined ? {} : { generateName }),
    // schema_metadata.go:91-97: the namespace attribute defaults to "default".
    ...(namespaced ? { namespace: text("namespace") ?? "default" } : {}),
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
  };
}

/** The configured (or prior) metadata maps, to decide which server-side keys the state keeps. */
function configuredKeys(resource: ObjectValue | null, name: "labels" | "annotations"): Set<string> {
  const metadata = resource ? firstBlock(resource, "metadata") : undefined;
  const value = metadata?.[name];
  return new Set(isObjectValue(value) ? Object.keys(value) : []);
}

/** structures.go:175 isInternalKey: *.kubernetes.io keys except app.kubernetes.io and service.beta.kubernetes.io. */
export function isInternalKey(key: string): boolean {
  let host: string;
  try {
    host = new URL(`http://${key}`).hostname;
  } catch {
    return false;
  }
  if (host === "app.kubernetes.io" || host === "service.beta.kubernetes.io") return false;
  if (host.endsWith("kubernetes.io")) return true;
  return key.includes("deprecated.daemonset.template.generation");
}

/** The provider's ignore_labels / ignore_annotations: regular expressions (provider.go:198-215, structures.go:205). */
function ignored(key: string, expressions: readonly string[]): boolean {
  return expressions.some((expression) => {
    try {
      return new RegExp(expression).test(key);
    } catch {
      return false;
    }
  });
}

function keptMap(
  values: Record<string, string> | undefined,
  configured: Set<string>,
  ignoreExpressions: readonly string[],
): Record<string, string> | undefined {
  if (!values) return undefined;
  const kept = Object.entries(values).filter(([key]) => configured.has(key) || (!isInternalKey(key) && !ignored(key, ignoreExpressions)));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/**
 * structures.go:119-150 flattenMetadata. `previous` is the state or plan being refreshed: its label and
 * annotation keys are kept even when internal, and an empty map stays as it was configured (null or {}).
 */
export function flattenMetadata(meta: ObjectMeta, previous: ObjectValue | null, context: ProviderContext, namespaced: boolean): Value[] {
  const previousMetadata = previous ? firstBlock(previous, "metadata") : undefined;
  const emptyAs = (name: "labels" | "annotations"): Value => {
    const before = previousMetadata?.[name];
    return isObjectValue(before) ? {} : null;
  };
  const labels = keptMap(meta.labels, configuredKeys(previous, "labels"), stringListAt(context.config, "ignore_labels"));
  const annotations = keptMap(
    meta.annotations,
    configuredKeys(previous, "annotations"),
    stringListAt(context.config, "ignore_annotations"),
  );
  return [
    {
      annotations: annotations ?? emptyAs("annotations"),
      generate_name: meta.generateName ?? null,
      generation: meta.generation ?? 0,
      labels: labels ?? emptyAs("labels"),
      name: meta.name,
      ...(namespaced ? { namespace: meta.namespace ?? null } : {}),
      resource_version: meta.resourceVersion,
      uid: meta.uid,
    },
  ];
}

/**
 * The schema checks on `metadata` (SDKv2 ValidateFunc and ConflictsWith), with SDKv2's message shapes:
 * "<key> <message>" for validators.go:66 validateName and :77 validateGenerateName, `<key> ("<k>") <message>`
 * for :21 validateAnnotations and :89 validateLabels, and `"<key>": conflicts with <other>`.
 */
export function validateMetadata(
  resource: ObjectValue,
  namespaced: boolean,
  /** The ValidateFunc of name and generate_name when the kind replaces them (schema_rbac.go:22-29: RBAC kinds). */
  nameRule?: (value: string) => string[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const metadata = firstBlock(resource, "metadata");
  if (!metadata) return diagnostics;
  const error = (summary: string, path: (string | number)[]): Diagnostic => ({
    severity: "error",
    summary,
    attribute: ["metadata", 0, ...path],
  });
  const name = metadata["name"];
  if (typeof name === "string") {
    for (const message of nameRule ? nameRule(name) : nameIsDnsSubdomain(name, false))
      diagnostics.push(error(`metadata.0.name ${message}`, ["name"]));
  }
  const generate = metadata["generate_name"];
  if (typeof generate === "string") {
    for (const message of nameRule ? nameRule(generate) : nameIsDnsLabel(generate, true))
      diagnostics.push(error(`metadata.0.generate_name ${message}`, ["generate_name"]));
  }
  // schema_metadata.go:57-66: only the non-namespaced metadata names the conflict with a path SDKv2 resolves
  // ("metadata.0.x"); namespacedMetadataSchemaIsTemplate (98-107) writes "metadata.x", which never matches.
  if (!namespaced && typeof name === "string" && typeof generate === "string") {
    diagnostics.push(error(`"metadata.0.generate_name": conflicts with metadata.0.name`, ["generate_name"]));
    diagnostics.push(error(`"metadata.0.name": conflicts with metadata.0.generate_name`, ["name"]));
  }
  const annotations = metadata["annotations"];
  if (isObjectValue(annotations)) {
    for (const key of Object.keys(annotations).sort()) {
      for (const message of isQualifiedName(key.toLowerCase())) {
        diagnostics.push(error(`metadata.0.annotations (${goQuote(key)}) ${message}`, ["annotations"]));
      }
    }
  }
  const labels = metadata["labels"];
  if (isObjectValue(labels)) {
    for (const key of Object.keys(labels).sort()) {
      for (const message of isQualifiedName(key)) diagnostics.push(error(`metadata.0.labels (${goQuote(key)}) ${message}`, ["labels"]));
      const value = labels[key];
      if (typeof value === "string" && !isUnknown(value)) {
        for (const message of isValidLabelValue(value))
          diagnostics.push(error(`metadata.0.labels (${goQuote(value)}) ${message}`, ["labels"]));
      }
    }
  }
  return diagnostics;
}

/**
 * The API server's ValidateObjectMeta (apimachinery pkg/api/validation/objectmeta.go:155-185): a name or
 * generateName is required and must pass the kind's name rule.
 */
export function objectMetaErrors(meta: MetadataInput, nameRule: (name: string, prefix: boolean) => string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (meta.generateName) {
    for (const message of nameRule(meta.generateName, true)) {
      errors.push({ field: "metadata.generateName", type: "Invalid value", value: meta.generateName, detail: message });
    }
  }
  if (!meta.name && !meta.generateName) errors.push(required("metadata.name", "name or generateName is required"));
  else if (meta.name) {
    for (const message of nameRule(meta.name, false))
      errors.push({ field: "metadata.name", type: "Invalid value", value: meta.name, detail: message });
  }
  return errors;
}

/**
 * The NamespaceLifecycle admission plugin, which runs before validation: an object in a namespace that
 * does not exist is refused with the namespace's NotFound (apimachinery errors.go:144).
 */
export function requireNamespace(tenant: WorldTenant, namespace: string): void {
  if (!namespaceExists(tenant, namespace)) throw new ProviderDiagnostic(notFoundMessage("namespaces", namespace));
}

/** structures.go:19 idParts. */
export function idParts(id: string): [string, string] {
  const parts = id.split("/");
  if (parts.length !== 2) throw new ProviderDiagnostic(`Unexpected ID format (${goQuote(id)}), expected ${goQuote("namespace/name")}.`);
  return [parts[0]!, parts[1]!];
}

/**
 * The cluster a configured provider reaches. With a kubeconfig it could not use, the real provider
 * configured an empty client that talks to http://localhost (provider.go:463-469), so every call fails
 * to connect; the configure warning said why.
 */
export function clusterOf(context: ProviderContext, method: string, path: string): WorldTenant {
  if (context.tenant) return context.tenant;
  // net/http's url.Error writes the method as "Post" (urlErrorOp).
  const op = method.slice(0, 1) + method.slice(1).toLowerCase();
  throw new ProviderDiagnostic(`${op} "http://localhost${path}": dial tcp 127.0.0.1:80: connect: connection refused`);
}

/**
 * structures.go:71-84 patchMetadata: JSON-patch operations from the prior state's maps to the planned ones,
 * so keys others set on the object (and the server's kubernetes.io keys) are left as they are.
 */
export function patchedMetadata(stored: ObjectMeta, prior: MetadataInput, planned: MetadataInput): ObjectMeta {
  const patch = (
    current: Record<string, string> | undefined,
    before: Record<string, string> | undefined,
    after: Record<string, string> | undefined,
  ) => {
    const result: Record<string, string> = { ...current };
    for (const key of Object.keys(before ?? {})) if (!after || !(key in after)) delete result[key];
    Object.assign(result, after ?? {});
    return Object.keys(result).length > 0 ? result : undefined;
  };
  const { labels: _labels, annotations: _annotations, ...rest } = stored;
  const labels = patch(stored.labels, prior.labels, planned.labels);
  const annotations = patch(stored.annotations, prior.annotations, planned.annotations);
  return { ...rest, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
}
