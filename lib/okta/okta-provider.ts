import { OktaProvider } from "@cdktf/provider-okta/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { OktaSettings } from "../config/environment";

/**
 * The Okta provider for one org. Only the org's address is written here: credentials are read by
 * the provider itself from OKTA_API_TOKEN, or (recommended) OKTA_API_CLIENT_ID,
 * OKTA_API_PRIVATE_KEY, OKTA_API_PRIVATE_KEY_ID and OKTA_API_SCOPES, so none reaches cdktf.out.
 */
export function configureOktaProvider(scope: Construct, okta: OktaSettings): OktaProvider {
  // Pinned over the prebuilt bindings' 4.20.0: see OKTA_PROVIDER_VERSION.
  TerraformStack.of(scope).addOverride("terraform.required_providers.okta.version", OKTA_PROVIDER_VERSION);
  return new OktaProvider(scope, "okta-provider", {
    orgName: okta.orgName,
    baseUrl: okta.baseUrl,
    // Leave the rest of the org's API rate limit to people and other automation.
    maxApiCapacity: okta.maxApiCapacity,
    backoff: true,
  });
}

/**
 * The okta/okta version every stack runs with, over the 4.20.0 of `@cdktf/provider-okta` 14.1.1
 * (the last prebuilt bindings; cdktf was archived). 4.20 attaches the default sign-on policy to
 * service apps on create and update and Okta answers 400 (#2295); create stopped in 5.2.0 (#2403),
 * update only with `skip_authentication_policy` from 6.9.0 (#2428). Every attribute the stacks write
 * was checked against the docs at v6.12.0 (`CHECKED_ATTRIBUTES` in `__tests__/okta-provider-rules.test.ts` holds the list);
 * help/service-app.md has the evidence.
 */
export const OKTA_PROVIDER_VERSION = "6.12.0";
