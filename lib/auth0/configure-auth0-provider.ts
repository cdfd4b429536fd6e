import type { Construct } from "constructs";
import type { Auth0Settings } from "../config/environment";
import { Auth0Provider } from "./auth0-provider";

/**
 * The Auth0 provider for one tenant. Only the domain is written: the provider reads
 * AUTH0_CLIENT_ID/AUTH0_CLIENT_SECRET or AUTH0_API_TOKEN itself, so no credential reaches cdktf.out.
 */
export function configureAuth0Provider(scope: Construct, auth0: Auth0Settings): Auth0Provider {
  return new Auth0Provider(scope, "auth0-provider", { domain: auth0.domain });
}
