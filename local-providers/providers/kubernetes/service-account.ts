/**
 * kubernetes_service_account_v1: hashicorp/terraform-provider-kubernetes@v2.38.0
 * kubernetes/resource_kubernetes_service_account_v1.go, with structures.go:592-647 (the reference lists).
 * API rules: kubernetes/kubernetes pkg/apis/core/validation ValidateServiceAccount (ValidateObjectMeta with
 * ValidateServiceAccountName = NameIsDNSSubdomain; nothing else is checked, not even that the Secrets named exist).
 *
 * The local cluster is a Kubernetes 1.28 (the rules are apimachinery@v0.28.6's), so from 1.24 on no token
 * Secret is made for a service account: the provider's getServiceAccountDefaultSecretV1 (:118-125) returns
 * at once and default_secret_name is "" (its deprecation message, :78). Version 2.38.0 has no
 * `wait_for_default_secret`: only the 30 s create timeout (:36-38) that waiting would have used.
 */
import { ProviderDiagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import { isObjectValue, type ObjectValue, type Value } from "../../provider/values";
import type { WorldTenant } from "../../provider/world";
import { COLLECTIONS, getServiceAccount, namespacedId, nextResourceVersion, type StoredServiceAccount } from "./cluster";
import { SERVICE_ACCOUNT_NAME_KEY, SERVICE_ACCOUNT_TOKEN, SERVICE_ACCOUNT_UID_KEY, type StoredSecret } from "./secret";
import { expandMetadata, flattenMetadata, idParts, objectMetaErrors, patchedMetadata, validateMetadata } from "./metadata";
import { admitCreate, createRequest, locate, type NamespacedKind } from "./namespaced";
import { goQuote, nameIsDnsSubdomain } from "./validation";

/** The names a set of `{ name }` blocks holds, in order (a null name is Go's ""). */
function referenceNames(value: Value | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return (value as Value[]).filter(isObjectValue).map((item) => (typeof item["name"] === "string" ? item["name"] : ""));
}

/**
 * structures.go:603-616 expandLocalObjectReferenceArray and 633-647 expandServiceAccountSecrets (with the
 * default secret's name appended when there is one). The API's `name` is omitempty: "" is sent as {}.
 */
function references(names: readonly string[]): { name?: string }[] {
  return names.map((name) => (name ? { name } : {}));
}

/** :253-315 read: metadata, automount (nil reads as false, :284-294), both reference sets; default_secret_name as it was. */
function state(account: StoredServiceAccount, previous: ObjectValue, context: ProviderContext, defaultSecretName: string): ObjectValue {
  return {
    id: namespacedId(account.metadata.namespace!, account.metadata.name),
    metadata: flattenMetadata(account.metadata, previous, context, true),
    automount_service_account_token: account.automountServiceAccountToken ?? false,
    // structures.go:592-601: every reference with its name, "" included.
    image_pull_secret: (account.imagePullSecrets ?? []).map((reference) => ({ name: reference.name ?? "" })),
    // structures.go:618-631: the default secret is left out; an empty name leaves `name` unset.
    secret: (account.secrets ?? [])
      .filter((reference) => (reference.name ?? "") !== defaultSecretName)
      .map((reference) => ({ name: reference.name || null })),
    default_secret_name: defaultSecretName,
    timeouts: previous["timeouts"] ?? null,
  };
}

const SERVICE_ACCOUNTS: NamespacedKind<StoredServiceAccount> = {
  api: "/api/v1",
  collection: COLLECTIONS.serviceaccounts,
  kind: "ServiceAccount",
  resource: "serviceaccounts",
  // `default` is there already: the service account controller made it with the namespace.
  get: getServiceAccount,
};

/**
 * :173-234 findDefaultServiceAccountV1, used by import: the one referenced Secret named "<sa>-token-..."
 * that is a token for this service account (name and uid annotations); otherwise "" (the warning it
 * returns is only logged, :449-452).
 */
function findDefaultSecret(tenant: WorldTenant, account: StoredServiceAccount): string {
  const candidates = (account.secrets ?? [])
    .map((reference) => reference.name ?? "")
    .filter((name) => name.startsWith(`${account.metadata.name}-token-`))
    .filter((name) => {
      const secret = tenant.get<StoredSecret>(COLLECTIONS.secrets, namespacedId(account.metadata.namespace!, name));
      return (
        secret?.type === SERVICE_ACCOUNT_TOKEN &&
        secret.metadata.annotations?.[SERVICE_ACCOUNT_NAME_KEY] === account.metadata.name &&
        secret.metadata.annotations?.[SERVICE_ACCOUNT_UID_KEY] === account.metadata.uid
      );
    });
  return candidates.length === 1 ? candidates[0]! : "";
}

/**
 * The token controller, when a service account goes: its token Secrets go too (kubernetes/kubernetes
 * pkg/controller/serviceaccount/tokens_controller.go deleteTokens, matching by the name annotation and,
 * where the Secret has one, the uid annotation).
 */
function deleteTokens(tenant: WorldTenant, account: StoredServiceAccount): void {
  for (const secret of tenant.list<StoredSecret>(COLLECTIONS.secrets)) {
    const annotations = secret.metadata.annotations ?? {};
    if (
      secret.metadata.namespace &&
      secret.metadata.namespace === account.metadata.namespace &&
      secret.type === SERVICE_ACCOUNT_TOKEN &&
      annotations[SERVICE_ACCOUNT_NAME_KEY] === account.metadata.name &&
      (!annotations[SERVICE_ACCOUNT_UID_KEY] || annotations[SERVICE_ACCOUNT_UID_KEY] === account.metadata.uid)
    ) {
      tenant.delete(COLLECTIONS.secrets, namespacedId(secret.metadata.namespace, secret.metadata.name));
    }
  }
}

export const serviceAccountV1: ResourceBehaviour = {
  validate: (config) => validateMetadata(config, true),

  create(planned, context) {
    const { input, namespace, tenant } = createRequest(SERVICE_ACCOUNTS, planned, context);
    const metadata = admitCreate(SERVICE_ACCOUNTS, tenant, input, objectMetaErrors(input, nameIsDnsSubdomain));
    const imagePullSecrets = references(referenceNames(planned["image_pull_secret"]));
    const secrets = references(referenceNames(planned["secret"]));
    const account: StoredServiceAccount = {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata,
      ...(secrets.length > 0 ? { secrets } : {}),
      ...(imagePullSecrets.length > 0 ? { imagePullSecrets } : {}),
      // :92: always sent (the schema's Default true, :69-74).
      automountServiceAccountToken: planned["automount_service_account_token"] !== false,
    };
    tenant.put(COLLECTIONS.serviceaccounts, namespacedId(namespace, metadata.name), account);
    // :105-113 with :118-125: on Kubernetes >= 1.24 the default secret is the empty Secret's name.
    return state(account, planned, context, "");
  },

  read(current, context) {
    const { current: account } = locate(SERVICE_ACCOUNTS, context, "GET", current["id"]);
    // :300: default_secret_name is only ever set by create and import.
    const defaultSecretName = typeof current["default_secret_name"] === "string" ? current["default_secret_name"] : "";
    return account ? state(account, current, context, defaultSecretName) : null;
  },

  update(planned, prior, context) {
    const { tenant, namespace, name, current } = locate(SERVICE_ACCOUNTS, context, "PATCH", prior["id"]);
    if (!current) throw new ProviderDiagnostic(`Failed to update service account: serviceaccounts ${goQuote(name)} not found`);
    const defaultSecretName = typeof prior["default_secret_name"] === "string" ? prior["default_secret_name"] : "";
    const changed = (key: string) => JSON.stringify(planned[key] ?? null) !== JSON.stringify(prior[key] ?? null);
    // :328-351: a JSON patch of the metadata maps, and a replace of each changed field.
    const imagePullSecrets = changed("image_pull_secret")
      ? references(referenceNames(planned["image_pull_secret"]))
      : current.imagePullSecrets;
    const secrets = changed("secret")
      ? references([...referenceNames(planned["secret"]), ...(defaultSecretName ? [defaultSecretName] : [])])
      : current.secrets;
    const automount = changed("automount_service_account_token")
      ? planned["automount_service_account_token"] === true
      : current.automountServiceAccountToken;
    const { secrets: _secrets, imagePullSecrets: _pull, automountServiceAccountToken: _automount, ...rest } = current;
    const account: StoredServiceAccount = {
      ...rest,
      metadata: {
        ...patchedMetadata(current.metadata, expandMetadata(prior, true), expandMetadata(planned, true)),
        resourceVersion: nextResourceVersion(tenant),
      },
      ...(secrets && secrets.length > 0 ? { secrets } : {}),
      ...(imagePullSecrets && imagePullSecrets.length > 0 ? { imagePullSecrets } : {}),
      ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
    };
    tenant.put(COLLECTIONS.serviceaccounts, namespacedId(namespace, name), account);
    return state(account, planned, context, defaultSecretName);
  },

  delete(prior, context) {
    const { tenant, namespace, name, current: account } = locate(SERVICE_ACCOUNTS, context, "DELETE", prior["id"]);
    // :379-385: already gone is no error. `default` comes back at once (the service account controller).
    if (!account) return;
    tenant.delete(COLLECTIONS.serviceaccounts, namespacedId(namespace, name));
    deleteTokens(tenant, account);
  },

  // :415-461: the id parsed (its error wrapped), the service account fetched, the default secret looked for.
  import(id, context) {
    let namespace: string;
    let name: string;
    try {
      [namespace, name] = idParts(id);
    } catch (error) {
      throw new ProviderDiagnostic(`Unable to parse identifier ${id}: ${(error as Error).message}`);
    }
    const { tenant, current: account } = locate(SERVICE_ACCOUNTS, context, "GET", namespacedId(namespace, name));
    if (!account) {
      throw new ProviderDiagnostic(
        `Unable to fetch service account "${namespace}/${name}" from Kubernetes: serviceaccounts ${goQuote(name)} not found`,
      );
    }
    return { id: namespacedId(namespace, name), default_secret_name: findDefaultSecret(tenant, account) };
  },
};
