/**
 * auth0_client_credentials (internal/auth0/client/resource_credentials.go and
 * resource_credentials_schema.go @v1.55.0): how a client authenticates at the token endpoint, and its
 * secret. Everything it manages is a field of the client object (token_endpoint_auth_method,
 * client_secret, client_authentication_methods, signed_request_object, token_vault_privileged_access),
 * as in Auth0; its id is the client id.
 */
import { createHash, createPublicKey, X509Certificate } from "node:crypto";
import { ProviderDiagnostic, type Diagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import { firstBlock, isObjectValue, isUnknown, stringAt, type ObjectValue, type Value } from "../../provider/values";
import { mayReadClientSecrets } from "./configure";
import { fromApi, normalizeNulls, type ApiObject } from "./convert";
import { CLIENT_CREDENTIALS_SCHEMA } from "./sdk-schemas/client-credentials";
import type { SdkSchemaMap } from "./sdkv2";
import {
  appTypeAuthMethod,
  asWorldClient,
  AUTH0_COLLECTIONS,
  auth0Timestamp,
  existingClient,
  getClient,
  newCredentialId,
  tenantOf,
  type WorldClient,
} from "./tenant";
import { conflictsWith, intAtLeast, requiredWith, stringInSlice } from "./validation";

const CREDENTIAL_METHODS = ["private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"] as const;
type CredentialMethod = (typeof CREDENTIAL_METHODS)[number];

/** resource_credentials.go:1490. */
const CREDENTIAL_TYPE: { readonly [method in CredentialMethod]: string } = {
  private_key_jwt: "public_key",
  tls_client_auth: "cert_subject_dn",
  self_signed_tls_client_auth: "x509_cert",
};

const isCredentialMethod = (method: string | undefined): method is CredentialMethod =>
  (CREDENTIAL_METHODS as readonly string[]).includes(method ?? "");

/** ConflictsWith and RequiredWith of resource_credentials_schema.go, then its validators and its CustomizeDiff (:65). */
function validateCredentials(config: ObjectValue): Diagnostic[] {
  const rules: readonly [string, readonly string[], readonly string[]][] = [
    ["client_secret", [], ["client_secret_wo", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"]], // :142
    [
      "client_secret_wo",
      ["client_secret_wo_version"],
      ["client_secret", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"],
    ], // :159,165
    ["client_secret_wo_version", ["client_secret_wo"], []], // :173
    ["private_key_jwt", [], ["client_secret", "tls_client_auth", "self_signed_tls_client_auth"]], // :182
    ["tls_client_auth", [], ["client_secret", "private_key_jwt", "self_signed_tls_client_auth"]], // :272
    ["self_signed_tls_client_auth", [], ["client_secret", "private_key_jwt", "tls_client_auth"]], // :339
  ];
  const argumentProblems = rules.flatMap(([name, required, conflicting]) => {
    const missing = requiredWith(config, name, required);
    return missing.length > 0 ? missing : conflictsWith(config, name, conflicting);
  });
  return [
    ...argumentProblems,
    ...stringInSlice(
      config,
      ["authentication_method"],
      ["none", "client_secret_post", "client_secret_basic", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"],
    ), // :120
    ...intAtLeast(config, ["client_secret_wo_version"], 1), // :174
    ...validateTokenVaultGrants(config),
  ];
}

/** validateTokenVaultPrivilegedAccess (resource_credentials_schema.go:65-103): no connection twice, at most 20 scopes in all. */
function validateTokenVaultGrants(config: ObjectValue): Diagnostic[] {
  const block = firstBlock(config, "token_vault_privileged_access");
  if (!block || !Array.isArray(block["grants"])) return [];
  const seen = new Set<string>();
  let scopes = 0;
  for (const grant of block["grants"] as readonly Value[]) {
    if (!isObjectValue(grant)) continue;
    const connection = stringAt(grant, "connection") ?? "";
    if (seen.has(connection)) {
      return [
        {
          severity: "error",
          summary: `\`token_vault_privileged_access.grants\` must not repeat a connection, but ${JSON.stringify(connection)} appears more than once`,
        },
      ];
    }
    seen.add(connection);
    if (Array.isArray(grant["scopes"])) scopes += grant["scopes"].length;
  }
  if (scopes <= 20) return [];
  return [
    {
      severity: "error",
      summary: `\`token_vault_privileged_access.grants\` supports a maximum of 20 scopes in total across all grants, but ${scopes} were configured`,
    },
  ];
}

function credentialsOf(block: ObjectValue | undefined): ObjectValue[] {
  const credentials = block?.["credentials"];
  return Array.isArray(credentials) ? (credentials as readonly Value[]).filter(isObjectValue) : [];
}

/** RFC 7638 thumbprint of an RSA key given as a public key or a certificate: the credential's key_id (jwkThumbprint, resource_credentials.go:1710). */
function jwkThumbprint(pem: string): string {
  const jwk = createPublicKey(pem).export({ format: "jwk" });
  return createHash("sha256")
    .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
    .digest("base64url");
}

function certificateOf(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

/** A credential as Auth0 records it (POST /clients/{id}/credentials), in the block's attribute names. */
function newCredential(configured: ObjectValue, method: string, index: number, existing: readonly ApiObject[]): ApiObject {
  const type = stringAt(configured, "credential_type") || CREDENTIAL_TYPE[method as CredentialMethod] || "public_key";
  const pem = stringAt(configured, "pem") ?? "";
  const name = stringAt(configured, "name") ?? "";
  const expiresAt = stringAt(configured, "expires_at") ?? "";
  // A credential the configuration still describes the same way is kept, with its id (modify*Credentials).
  const kept = existing.find(
    (candidate) =>
      candidate["credential_type"] === type &&
      candidate["pem"] === pem &&
      (candidate["name"] ?? "") === name &&
      (expiresAt === "" || candidate["expires_at"] === expiresAt) &&
      (type !== "public_key" || candidate["algorithm"] === (stringAt(configured, "algorithm") || "RS256")),
  );
  if (kept) return kept;
  const now = auth0Timestamp();
  const certificate = pem ? certificateOf(pem) : undefined;
  const record: ApiObject = { id: newCredentialId(), name, credential_type: type, pem, created_at: now, updated_at: now };
  if (type === "public_key") {
    let keyId: string;
    try {
      keyId = jwkThumbprint(pem);
    } catch {
      throw new ProviderDiagnostic(
        `auth0_client_credentials: ${method}.credentials[${index}].pem is neither a public key nor a certificate`,
      );
    }
    record["key_id"] = keyId;
    record["algorithm"] = stringAt(configured, "algorithm") || "RS256";
    record["parse_expiry_from_cert"] = configured["parse_expiry_from_cert"] === true;
    const parsed = configured["parse_expiry_from_cert"] === true && certificate ? new Date(certificate.validTo).toISOString() : "";
    record["expires_at"] = expiresAt || parsed;
  } else if (type === "cert_subject_dn") {
    record["subject_dn"] = stringAt(configured, "subject_dn") || (certificate ? certificate.subject.split("\n").join(", ") : "");
  } else if (type === "x509_cert") {
    record["thumbprint_sha256"] = certificate ? createHash("sha256").update(certificate.raw).digest("base64url") : "";
    record["expires_at"] = certificate ? new Date(certificate.validTo).toISOString() : "";
  }
  return record;
}

/**
 * expandAuthenticationMethodCredentials (resource_credentials.go:1496): the credentials of the method's
 * block, with its two refusals, as records (existing ones kept).
 */
function methodCredentials(config: ObjectValue, method: CredentialMethod, existing: readonly ApiObject[]): ApiObject[] {
  const configured = credentialsOf(firstBlock(config, method));
  if (configured.length === 0) {
    throw new ProviderDiagnostic(
      "Client Credentials Missing",
      `You must define client credentials when setting the authentication method as ${JSON.stringify(method)}.`,
      [`${method}.credentials`],
    );
  }
  if (method === "tls_client_auth") {
    for (const credential of configured) {
      if (Boolean(stringAt(credential, "pem")) === Boolean(stringAt(credential, "subject_dn"))) {
        throw new ProviderDiagnostic(
          "Client Credentials Invalid",
          `Exactly one of pem and subject_dn must be set when setting the authentication method as ${JSON.stringify(method)}.`,
          [`${method}.credentials`],
        );
      }
    }
  }
  return configured.map((credential, index) => newCredential(credential, method, index, existing));
}

function existingCredentials(client: ApiObject, field: string, method?: string): ApiObject[] {
  const holder = client[field] as ApiObject | undefined;
  const slot = method ? (holder?.[method] as ApiObject | undefined) : holder;
  const credentials = slot?.["credentials"];
  return Array.isArray(credentials) ? (credentials as ApiObject[]) : [];
}

/** The block objects (signed_request_object, token_vault_privileged_access) with their credentials recorded. */
function blockWithCredentials(config: ObjectValue, name: string, client: ApiObject): ApiObject | undefined {
  const block = firstBlock(config, name);
  if (!block) return undefined;
  const existing = existingCredentials(client, name);
  const result: ApiObject = {};
  for (const [key, value] of Object.entries(block)) {
    if (value === null || isUnknown(value)) continue;
    result[key] =
      key === "credentials" ? credentialsOf(block).map((credential, index) => newCredential(credential, name, index, existing)) : value;
  }
  // signed_request_object.required is computed: Auth0 answers false when it was not sent.
  if (name === "signed_request_object" && result["required"] === undefined) result["required"] = false;
  return result;
}

/** The client fields auth0_client_credentials writes, for a create (prior null) or an update. */
function applyCredentials(client: WorldClient, config: ObjectValue, prior: ObjectValue | null): ApiObject {
  const updated: ApiObject = { ...client };
  const method = stringAt(config, "authentication_method");
  const changed = prior === null || stringAt(prior, "authentication_method") !== method;
  if (isCredentialMethod(method)) {
    const credentials = methodCredentials(config, method, existingCredentials(client, "client_authentication_methods", method));
    // attachAuthenticationMethodCredentials (resource_credentials.go:1301): the method's credentials, and no token_endpoint_auth_method.
    updated["client_authentication_methods"] = { [method]: { credentials } };
    updated["token_endpoint_auth_method"] = null;
  } else if (method) {
    // Switching away from a credential method detaches the credentials first (updateClientCredentials, :99-131).
    delete updated["client_authentication_methods"];
    // updateTokenEndpointAuthMethod (:1451) only when the method changed.
    if (changed || client.token_endpoint_auth_method !== method) updated["token_endpoint_auth_method"] = method;
    if (method === "client_secret_post" || method === "client_secret_basic") {
      // updateSecret (:1464): a write-only secret on create or a new version; else a changed client_secret.
      const writeOnly = stringAt(config, "client_secret_wo");
      const version = config["client_secret_wo_version"] ?? null;
      const configuredSecret = stringAt(config, "client_secret");
      if (writeOnly && (prior === null || (prior["client_secret_wo_version"] ?? null) !== version)) updated["client_secret"] = writeOnly;
      else if (configuredSecret !== undefined && (prior === null || stringAt(prior, "client_secret") !== configuredSecret)) {
        updated["client_secret"] = configuredSecret;
      }
    }
  }
  for (const name of ["signed_request_object", "token_vault_privileged_access"]) {
    const block = blockWithCredentials(config, name, client);
    if (block) updated[name] = block;
    // modifyTokenVaultPrivilegedAccess runs without the block too: removing it is the teardown (:158-160).
    else if (name === "token_vault_privileged_access" && prior !== null) delete updated[name];
  }
  return updated;
}

/** flattenClientCredentials (internal/auth0/client/flatten.go:845). */
function credentialsState(client: WorldClient, prior: ObjectValue | null, context: ProviderContext): ObjectValue {
  const methods = (client.client_authentication_methods ?? {}) as ApiObject;
  const attached = CREDENTIAL_METHODS.find((method) => existingCredentials(client, "client_authentication_methods", method).length > 0);
  const blocks: ApiObject = {};
  for (const method of CREDENTIAL_METHODS) if (methods[method]) blocks[method] = methods[method];
  const state = fromApi(
    {
      ...blocks,
      client_id: client.client_id,
      signed_request_object: client["signed_request_object"],
      token_vault_privileged_access: client["token_vault_privileged_access"],
    },
    CLIENT_CREDENTIALS_SCHEMA as SdkSchemaMap,
  );
  const version = prior ? (prior["client_secret_wo_version"] ?? null) : null;
  const writeOnlySecret = version !== null && !isUnknown(version);
  // With a write-only secret the provider records its version and leaves client_secret alone (flatten.go:860-864).
  const priorSecret = prior && !isUnknown(prior["client_secret"]) ? (prior["client_secret"] ?? null) : null;
  const readSecret = mayReadClientSecrets(context) ? client.client_secret : "";
  const result: Record<string, Value> = {
    ...normalizeNulls(state, prior, CLIENT_CREDENTIALS_SCHEMA),
    id: client.client_id,
    authentication_method: attached ?? client.token_endpoint_auth_method ?? defaultAuthMethod(client.app_type),
    client_secret: writeOnlySecret ? priorSecret : readSecret,
    client_secret_wo: null,
    client_secret_wo_version: isUnknown(version) ? null : version,
  };
  return result;
}

/** What Auth0 uses without a token_endpoint_auth_method, by app type (flatten.go:883-891, and deleteClientCredentials :176-183). */
function defaultAuthMethod(appType: string | undefined): string {
  return appTypeAuthMethod(appType) ?? "client_secret_basic";
}

/**
 * The identity of a credential in the private_key_jwt and token_vault_privileged_access sets
 * (privateKeyJWTCredentialSetHash, resource_credentials_schema.go:12-34): type, PEM, algorithm (RS256
 * when empty), then name and expiry when set.
 */
function credentialIdentity(credential: ObjectValue): string {
  const text = (name: string) => {
    const value = credential[name];
    return typeof value === "string" ? value : "";
  };
  return JSON.stringify([text("credential_type"), text("pem"), text("algorithm") || "RS256", text("name"), text("expires_at")]);
}

/**
 * Planned credentials that are prior credentials by that identity keep their computed values, as the
 * SDK's set does; the generic plan matches set elements on the configured values alone, where the
 * algorithm's default is still null.
 */
function carryCredentials(planned: ObjectValue, prior: ObjectValue, name: string): Value {
  const block = firstBlock(planned, name);
  const priorCredentials = credentialsOf(firstBlock(prior, name));
  if (!block || priorCredentials.length === 0) return planned[name] ?? null;
  const credentials = credentialsOf(block).map((credential) => {
    if (!isUnknown(credential["id"])) return credential;
    const known = Object.fromEntries(Object.entries(credential).filter(([, value]) => !isUnknown(value)));
    const match = priorCredentials.find((candidate) => credentialIdentity({ ...candidate, ...known }) === credentialIdentity(candidate));
    if (!match) return credential;
    return Object.fromEntries(Object.entries(credential).map(([name, value]) => [name, isUnknown(value) ? (match[name] ?? null) : value]));
  });
  return [{ ...block, credentials }];
}

export const clientCredentialsBehaviour: ResourceBehaviour = {
  validate: validateCredentials,

  plan({ planned, prior }) {
    if (!prior) return { planned };
    return {
      planned: {
        ...planned,
        private_key_jwt: carryCredentials(planned, prior, "private_key_jwt"),
        token_vault_privileged_access: carryCredentials(planned, prior, "token_vault_privileged_access"),
      },
    };
  },

  create(planned, context, config) {
    // createClientCredentials checks that the client exists first (:35-38).
    const client = existingClient(tenantOf(context), stringAt(config, "client_id") ?? "");
    const updated = asWorldClient(applyCredentials(client, config, null));
    tenantOf(context).put(AUTH0_COLLECTIONS.clients, client.client_id, updated);
    return credentialsState(updated, planned, context);
  },

  read(state, context) {
    const client = getClient(tenantOf(context), stringAt(state, "id") ?? "");
    return client ? credentialsState(client, state, context) : null;
  },

  update(planned, prior, context, config) {
    const client = existingClient(tenantOf(context), stringAt(prior, "id") ?? "");
    const updated = asWorldClient(applyCredentials(client, config, prior));
    tenantOf(context).put(AUTH0_COLLECTIONS.clients, client.client_id, updated);
    return credentialsState(updated, planned, context);
  },

  /** deleteClientCredentials (:167-266): back to the app type's default method, credentials detached and deleted. */
  delete(prior, context) {
    const client = getClient(tenantOf(context), stringAt(prior, "id") ?? "");
    if (!client) return; // HandleAPIError: already gone.
    const updated: ApiObject = { ...client, token_endpoint_auth_method: defaultAuthMethod(client.app_type) };
    delete updated["client_authentication_methods"];
    delete updated["token_vault_privileged_access"];
    if (firstBlock(prior, "signed_request_object")) delete updated["signed_request_object"];
    tenantOf(context).put(AUTH0_COLLECTIONS.clients, client.client_id, updated);
  },

  /** schema.ImportStatePassthroughContext (:643): the id is the client id; the read that follows fills the rest. */
  import(id) {
    return { id };
  },
};
