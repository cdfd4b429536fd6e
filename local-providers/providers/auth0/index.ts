/**
 * The local auth0/auth0 v1.55.0 provider: the provider block, auth0_client, auth0_client_credentials,
 * auth0_connection_client and data "auth0_connection", acting on an Auth0 tenant of the local world.
 *
 * The tenant of a provider block is its `domain` (or AUTH0_DOMAIN): <world>/auth0/<domain>/, opened with
 * `auth0Tenant(world, domain)`. One JSON file per object, in the Management API's field names:
 *
 * clients/<client_id>.json — what GET /api/v2/clients/{id} returns; auth0_client and
 * auth0_client_credentials both write it.
 *   { "client_id": "<32 letters and digits>",
 *     "client_secret": "<64 url-safe characters>",   Auth0 makes one for every client, public ones too
 *     "name": "...", "description": "...",
 *     "app_type": "spa" | "regular_web" | ...,
 *     "callbacks": [url...], "allowed_logout_urls": [url...], "web_origins": [...], "allowed_origins": [...],
 *     "grant_types": ["authorization_code", "refresh_token", ...],   Auth0's by app type when not configured
 *     "oidc_conformant": bool, "is_first_party": bool,
 *     "token_endpoint_auth_method": "none" | "client_secret_post" | "client_secret_basic" | null,
 *         null while client_authentication_methods holds credentials (private_key_jwt and the mTLS methods)
 *     "client_authentication_methods"?: { "<method>": { "credentials": [{ "id": "cred_...", "name", "credential_type",
 *         "pem", "key_id", "algorithm", "created_at", "updated_at", "expires_at", ... }] } },
 *     "jwt_configuration": { "alg": "RS256", "lifetime_in_seconds": 36000, "secret_encoded": false },
 *     "refresh_token": { "rotation_type", "expiration_type", "leeway", "token_lifetime", "idle_token_lifetime",
 *         "infinite_token_lifetime", "infinite_idle_token_lifetime" },
 *     "signing_keys": [{ "cert": PEM, "pkcs7": PEM, "subject": "/CN=<domain>" }],   the tenant's certificate
 *     ...any other configured attribute, under its attribute name (a block of one item as an object;
 *        cross_origin_auth as "cross_origin_authentication") }
 *
 * connections/<con_id>.json — made by `seedAuth0Connection(tenant, name, strategy, fields?)` before a
 * stack runs (the stacks only look connections up):
 *   { "id": "con_<16 letters and digits>", "name": "Username-Password-Authentication",
 *     "strategy": "auth0" | "google-oauth2" | ..., "display_name"?: "...", "realms": [name],
 *     "is_domain_connection": false, "metadata"?: {...},
 *     "options"?: {...}   the data source's `options` block in attribute names; absent, it reports none }
 *
 * connectionClients/<con_id>::<client_id>.json — one enabled client on one connection (auth0_connection_client,
 * or `fields.enabledClients` of the seed): { "connection_id": "con_...", "client_id": "..." }. A client is
 * enabled on a connection exactly when this object exists; deleting a client removes its objects.
 *
 * managementGrants/<client_id>.json — optional, written by tests: the Management API scopes of the
 * provider's own machine-to-machine app (the provider's AUTH0_CLIENT_ID): { "client_id", "scopes": [...] }.
 * Without read:client_keys or read:client_credentials, auth0_client_credentials reads client_secret as ""
 * (what the project's postcondition guards against); without the object, the app may read secrets.
 *
 * signingKeys/current.json — the tenant's RS256 key, made with the first client:
 *   { "kid": "<sha-256 thumbprint of the certificate>", "cert": PEM, "pkcs7": PEM, "subject": "/CN=<domain>",
 *     "private_key": PKCS#8 PEM }
 *
 * There is no separate collection for auth0_client_credentials: what it manages (the method, the secret,
 * private_key_jwt and mTLS credentials) is a field of the client, as in Auth0.
 *
 * What a local OpenID tenant needs, per client: client_id, client_secret, callbacks, allowed_logout_urls,
 * grant_types, app_type, token_endpoint_auth_method (public when "none"), and the connections whose
 * connectionClients objects name it; the signing key from signingKeys/current.json.
 */
import type { ProviderBehaviour } from "../../provider/behaviour";
import { clientBehaviour } from "./client";
import { clientCredentialsBehaviour } from "./client-credentials";
import { configureAuth0, validateProviderArguments } from "./configure";
import { connectionClientBehaviour } from "./connection-client";
import { connectionDataSourceBehaviour } from "./connection-data-source";
import { schemas } from "./schema";

export { auth0Tenant, seedAuth0Connection, enabledClientIds, AUTH0_COLLECTIONS } from "./tenant";
export type { WorldClient, WorldConnection, WorldConnectionClient, WorldManagementGrant, SeedConnectionFields } from "./tenant";
export type { WorldSigningKey } from "./signing-key";

export const provider: ProviderBehaviour = {
  schemas,
  // The SDK reads the provider's environment variables while it validates (grpc_provider.go:304-358), as this does.
  validate: (config) => validateProviderArguments(config, process.env),
  configure: configureAuth0,
  resources: {
    auth0_client: clientBehaviour,
    auth0_client_credentials: clientCredentialsBehaviour,
    auth0_connection_client: connectionClientBehaviour,
  },
  dataSources: {
    auth0_connection: connectionDataSourceBehaviour,
  },
};
