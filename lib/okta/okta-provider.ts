import { OktaProvider } from "@cdktf/provider-okta/lib/provider";
import type { Construct } from "constructs";
import type { OktaSettings } from "../config/environment";

/**
 * The Okta provider for one org. Only the org's address is written here: credentials are read by
 * the provider itself from OKTA_API_TOKEN, or (recommended) OKTA_API_CLIENT_ID,
 * OKTA_API_PRIVATE_KEY, OKTA_API_PRIVATE_KEY_ID and OKTA_API_SCOPES, so none reaches cdktf.out.
 */
export function configureOktaProvider(scope: Construct, okta: OktaSettings): OktaProvider {
  return new OktaProvider(scope, "okta-provider", {
    orgName: okta.orgName,
    baseUrl: okta.baseUrl,
    // Leave the rest of the org's API rate limit to people and other automation.
    maxApiCapacity: okta.maxApiCapacity,
    backoff: true,
  });
}
