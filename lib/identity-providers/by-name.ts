import { AUTH0 } from "./auth0";
import type { IdentityProviderConventions, IdentityProviderName, SignInFlow } from "./conventions";
import { OKTA } from "./okta";

const PROVIDERS: Readonly<Record<IdentityProviderName, IdentityProviderConventions>> = { okta: OKTA, auth0: AUTH0 };

/** The conventions of the provider OpenMetadata names in `authentication.provider`. */
export function identityProvider(name: IdentityProviderName): IdentityProviderConventions {
  return PROVIDERS[name];
}

/** An environment's identity provider: its section (okta or auth0) and that section's flow. */
export interface EnvironmentIdentityProvider {
  readonly conventions: IdentityProviderConventions;
  readonly flow: SignInFlow;
  /** The field the flow is set in, for messages: `okta.flow`. */
  readonly flowField: string;
}

/** Structural, so this module needs nothing of lib/config: an environment has exactly one of the two sections. */
export function identityProviderOf(environment: {
  readonly okta?: { readonly flow: SignInFlow } | undefined;
  readonly auth0?: { readonly flow: SignInFlow } | undefined;
}): EnvironmentIdentityProvider {
  const name: IdentityProviderName = environment.auth0 ? "auth0" : "okta";
  const section = environment[name];
  if (!section) throw new Error("the environment has no identity provider section");
  return { conventions: PROVIDERS[name], flow: section.flow, flowField: `${name}.flow` };
}

/** The flow a provider's application type serves (`browser` and `spa` sign in as a SPA), if any. */
export function flowOfApplicationType(applicationType: unknown): SignInFlow | undefined {
  for (const provider of Object.values(PROVIDERS))
    for (const flow of ["spa", "web"] as const) if (provider.clients[flow].applicationType === applicationType) return flow;
  return undefined;
}
