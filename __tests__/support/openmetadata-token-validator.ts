/**
 * What OpenMetadata's server does with the ID token the UI sends: the check the local services'
 * sign-in makes (local-providers/services/sign-in.ts).
 */
export { validateAsOpenMetadata, type OpenMetadataLogin } from "../../local-providers/services";
