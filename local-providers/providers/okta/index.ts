/**
 * The local okta/okta 6.12.0: the real schema (schema.ts) and the real provider's behaviour against a
 * local Okta org, one JSON file per object under <world>/okta/<org_name>.<base_url>/<collection>/<id>.json.
 *
 * Framework or SDKv2: okta_app_oauth_role_assignment is the one plugin-framework type the stacks use
 * (its schema sets legacyTypeSystem: false); every other type, and the provider block, is
 * terraform-plugin-sdk/v2 (schema.ts says where each is registered).
 *
 * The org's collections, shaped like the Okta API objects (field names as the API spells them), so a
 * local OpenID test org can be built from them:
 *
 * - `apps/<id>`: an OIDC app (Okta's Application object). `{ id, name: "oidc_client", label, status:
 *   "ACTIVE"|"INACTIVE", signOnMode: "OPENID_CONNECT", created, lastUpdated, accessibility, visibility:
 *   { autoSubmitToolbar, hide: { iOS, web } }, credentials: { userNameTemplate, oauthClient: { client_id,
 *   client_secret? (only for client_secret_basic/_post/_jwt), token_endpoint_auth_method, pkce_required,
 *   autoKeyRotation } }, settings: { implicitAssignment, notes, oauthClient: { application_type:
 *   "web"|"browser"|"native"|"service", redirect_uris[], post_logout_redirect_uris[], response_types[],
 *   grant_types[], jwks?: { keys: [{ id, status, kid, kty, e?, n?, x?, y? }] }, jwks_uri, consent_method,
 *   issuer_mode, wildcard_redirect, initiate_login_uri, refresh_token?: { rotation_type, leeway },
 *   idp_initiated_login, participate_slo, ... } }, accessPolicyId, groupsClaim? }`. id equals client_id
 *   unless the configuration chose a client_id.
 * - `authServers/<id>`: `{ id: "aus…", name, description, audiences[], issuer, issuerMode, status, created,
 *   lastUpdated, credentials: { signing: { kid, rotationMode, lastRotated, nextRotation? } }, default: false }`.
 *   issuer = `https://<org>.<base>/oauth2/<id>` (ORG_URL, DYNAMIC) or `https://<customDomain>/oauth2/<id>` (CUSTOM_URL).
 * - `claims/<id>`: `{ id: "ocl…", authServerId, name, status, claimType: "RESOURCE"|"IDENTITY", valueType:
 *   "EXPRESSION"|"GROUPS"|"SYSTEM", value?, conditions: { scopes[] }, system, alwaysIncludeInToken,
 *   groupFilterType?, sequence }`. A new server gets Okta's 19 system claims (sub for access tokens, the
 *   OIDC profile claims for ID tokens).
 * - `scopes/<id>`: `{ id: "scp…", authServerId, name, displayName, description, system, metadataPublish,
 *   consent, optional, default }`; a new server gets openid, profile, email, address, phone,
 *   offline_access and device_sso (system: true).
 * - `policies/<id>`: `{ id: "00p…", authServerId, type: "OAUTH_AUTHORIZATION_POLICY", name, description,
 *   status, priority, system: false, conditions: { clients: { include[] } } }` (client ids or ALL_CLIENTS).
 * - `rules/<id>`: `{ id: "0pr…", authServerId, policyId, name, status, priority, system: false, type,
 *   conditions: { people: { users: { include[], exclude[] }, groups: { include[], exclude[] } },
 *   grantTypes: { include[] }, scopes: { include[] } }, actions: { token: { accessTokenLifetimeMinutes,
 *   refreshTokenLifetimeMinutes, refreshTokenWindowMinutes, inlineHook? } } }`.
 * - `trustedOrigins/<id>`: `{ id: "tos…", name, origin, scopes: [{ type: "CORS"|"REDIRECT" }], status, created, lastUpdated }`.
 * - `groups/<id>`: `{ id: "00g…", created, lastUpdated, type: "OKTA_GROUP"|"BUILT_IN", profile: { name,
 *   description } }`; made by tests and rehearsals with `seedOktaGroup`; Everyone (BUILT_IN) appears on first use.
 * - `groupAssignments/<appId>~<groupId>`: `{ id: <groupId>, appId, priority, profile, lastUpdated }`.
 * - `apiScopeGrants/<id>`: `{ id: "oag…", appId, issuer, scopeId: "okta.users.read"…, status, source, created }`.
 * - `roleAssignments/<clientId>~<roleId>`: `{ id, clientId, type, label, status, assignmentType: "CLIENT",
 *   resourceSet?, role?, created }`.
 * - `accessPolicies/<id>`: the org's default app sign-on policy `{ id: "rst…", name, type: "ACCESS_POLICY", system }`.
 * - `settings/org`: optional, written by a test: `{ customDomain: "login.example.com" }`.
 */
import type { ProviderBehaviour } from "../../provider/behaviour";
import { appOauth } from "./app-oauth";
import { appGroupAssignments, appOauthApiScope, appOauthRoleAssignment, trustedOrigin } from "./assignments";
import {
  authServer,
  authServerClaim,
  authServerClaimDefault,
  authServerPolicy,
  authServerPolicyRule,
  authServerScope,
} from "./auth-server";
import { configureProvider, validateProviderConfig } from "./configure";
import { dataEveryoneGroup, dataGroup } from "./groups";
import { schemas } from "./schema";

export { oktaOrgTenant, seedOktaGroup, everyoneGroup, type OktaGroup } from "./org";
export type { OktaApp, OktaJwk, OktaOauthClientSettings } from "./app-oauth";
export type { OktaAuthServer, OktaClaim, OktaPolicy, OktaPolicyRule, OktaScope } from "./auth-server";
export type { OktaGroupAssignment, OktaRoleAssignment, OktaScopeGrant, OktaTrustedOrigin } from "./assignments";

export const provider: ProviderBehaviour = {
  schemas,
  validate: validateProviderConfig,
  configure: configureProvider,
  resources: {
    okta_app_oauth: appOauth,
    okta_app_group_assignments: appGroupAssignments,
    okta_app_oauth_api_scope: appOauthApiScope,
    okta_app_oauth_role_assignment: appOauthRoleAssignment,
    okta_auth_server: authServer,
    okta_auth_server_claim: authServerClaim,
    okta_auth_server_claim_default: authServerClaimDefault,
    okta_auth_server_policy: authServerPolicy,
    okta_auth_server_policy_rule: authServerPolicyRule,
    okta_auth_server_scope: authServerScope,
    okta_trusted_origin: trustedOrigin,
  },
  dataSources: {
    okta_group: dataGroup,
    okta_everyone_group: dataEveryoneGroup,
  },
};
