import type { Construct } from "constructs";
import { Auth0Provider } from "../../.gen/providers/auth0/provider";
import type { Auth0Settings } from "../config/environment";

/**
 * The auth0/auth0 version every Auth0 stack runs with: the newest 1.x tag when this was written. The
 * bindings in .gen/providers/auth0/ are generated from its schema (`npm run bindings`, help/local-providers.md),
 * and cdktf.json pins the same version (__tests__/auth0-bindings.test.ts checks all three agree).
 */
export const AUTH0_PROVIDER_VERSION = "1.55.0";

/**
 * The Auth0 provider for one tenant. Only the domain is written (docs/index.md@v1.55.0: `domain`, else
 * AUTH0_DOMAIN): the provider reads AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET or AUTH0_API_TOKEN from the
 * environment (internal/provider/provider.go@v1.55.0, EnvDefaultFunc), so no credential reaches cdktf.out.
 */
export function configureAuth0Provider(scope: Construct, auth0: Auth0Settings): Auth0Provider {
  return new Auth0Provider(scope, "auth0-provider", { domain: auth0.domain });
}
