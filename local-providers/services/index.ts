/**
 * Local stand-ins for what a deploy reaches after the apply: an Okta org, an Auth0 tenant and OpenMetadata,
 * on 127.0.0.1, each reading the local world (the folder the local providers write) at every request, and
 * a sign-in that goes through them as a browser would. `npm run rehearse` and the tests use them.
 */
export { startLocalOktaOrg, type LocalOktaOrg, type LocalOktaOrgOptions, type LocalOktaUser } from "./okta-org";
export { startLocalAuth0Tenant, type LocalAuth0Tenant, type LocalAuth0TenantOptions, type LocalAuth0User } from "./auth0-tenant";
export {
  MASK,
  startLocalOpenMetadata,
  type AuthenticationSettings,
  type AuthorizerSettings,
  type DeployedSso,
  type JsonObject,
  type LocalOpenMetadata,
  type LocalOpenMetadataOptions,
  type OidcSettings,
  type OpenMetadataRequest,
  type OpenMetadataUser,
  type SecretKeyReference,
  type StoredSecurityConfig,
} from "./openmetadata";
export {
  Browser,
  followSignIn,
  pkcePair,
  signInToOpenMetadata,
  validateAsOpenMetadata,
  type OpenMetadataLogin,
  type OpenMetadataSignIn,
  type SignInOptions,
} from "./sign-in";
export { closeServer } from "./http";
