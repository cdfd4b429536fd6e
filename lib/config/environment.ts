import { resolveAdopt, type AdoptSettings } from "./sections/adopt";
import { resolveAuth0Settings, type Auth0Settings } from "./sections/auth0";
import { resolveBackend, type StateBackend } from "./sections/backend";
import { resolveOktaSettings, type OktaSettings } from "./sections/okta";
import { resolveOpenMetadata, type OpenMetadataSettings } from "./sections/openmetadata";
import { TOP_LEVEL_DEFAULTS } from "./sections/top-level";
import type { EnvironmentInput } from "./environment-schema";
import { problemsOf, stackIdFor, type EnvironmentFiles, type Problem, type Resolved } from "./section";

/**
 * One environment with every default resolved, once, here. Constructs read only this type, so a
 * default lives in exactly one place and `help/configuration.md` documents exactly these.
 */
export interface Environment {
  readonly name: string;
  readonly stackId: string;
  readonly description: string;
  /** Public URL of OpenMetadata, no trailing slash. */
  readonly openmetadataUrl: string;
  readonly target: "kubernetes" | "collate";
  /** Protected environments refuse `cdktf destroy` (prevent_destroy on critical resources). */
  readonly protected: boolean;
  /** Where Terraform keeps this environment's state. */
  readonly backend: StateBackend;
  /** Exactly one of `okta` and `auth0` is present: the environment's identity provider. */
  readonly okta?: OktaSettings;
  readonly auth0?: Auth0Settings;
  /** Present exactly when `target` is `kubernetes`. */
  readonly openmetadata?: OpenMetadataSettings;
  /** Existing objects to import instead of creating (help/runbooks/adopting.md). */
  readonly adopt?: AdoptSettings;
}

// The sections' resolved types, for the constructs and CLIs that read an Environment.
export type { AdoptSettings } from "./sections/adopt";
export type { Auth0Settings } from "./sections/auth0";
export type { StateBackend } from "./sections/backend";
export type { OktaSettings, ServiceAppSettings } from "./sections/okta";
export type { DependencyOptions, ExternalDatabase, ExternalSearch, OpenMetadataSettings } from "./sections/openmetadata";
export type { EgressRule, K8sPipelineSettings, PipelineServiceClientSettings } from "./sections/pipeline-service-client";
export type { EnvironmentFiles } from "./section";
export { stackIdFor } from "./section";

/**
 * Exactly one identity provider per environment: OpenMetadata has one `authentication.provider`, and
 * two would leave it unclear which app users sign in with. Returns false (after reporting) otherwise.
 */
function checkOneIdentityProvider(input: { readonly okta?: unknown; readonly auth0?: unknown }, problem: Problem): boolean {
  if (input.okta !== undefined && input.auth0 !== undefined) {
    problem("auth0", "{...}", "an environment has exactly one identity provider; remove the okta or the auth0 section");
    return false;
  }
  if (input.okta === undefined && input.auth0 === undefined) {
    problem(
      "okta",
      undefined,
      "an environment needs an identity provider: an okta section (orgName, baseUrl, access) or an auth0 section (domain)",
    );
    return false;
  }
  return true;
}

/**
 * Resolves each section (backend, identity provider, openmetadata, adopt) with its own resolver, each
 * returning its value and its problems, then assembles the environment. Returns problems instead of
 * throwing, so one run reports every mistake in the file at once.
 */
export function resolveEnvironment(input: EnvironmentInput, files: EnvironmentFiles): Resolved<Environment> {
  const { problems, problem } = problemsOf(input.name);
  const stackId = stackIdFor(input.name);

  let identityProvider: { okta: OktaSettings } | { auth0: Auth0Settings } | undefined;
  if (checkOneIdentityProvider(input, problem)) {
    if (input.auth0) {
      const auth0 = resolveAuth0Settings(input.name, input.auth0);
      problems.push(...auth0.problems);
      if (auth0.value) identityProvider = { auth0: auth0.value };
    } else if (input.okta) {
      const okta = resolveOktaSettings(input.name, input.okta, files);
      problems.push(...okta.problems);
      if (okta.value) identityProvider = { okta: okta.value };
    }
  }

  const target = input.target ?? TOP_LEVEL_DEFAULTS.target;
  let openmetadata: OpenMetadataSettings | undefined;
  if (target === "collate" && input.openmetadata) {
    problem(
      "openmetadata",
      "{...}",
      'target "collate" deploys nothing to Kubernetes (Collate runs OpenMetadata); ' +
        "remove the openmetadata section or set target: kubernetes",
    );
  }
  if (target === "kubernetes") {
    if (!input.openmetadata) {
      problem(
        "openmetadata",
        undefined,
        'target "kubernetes" needs an openmetadata section (cluster, initialAdmins, ' +
          "principalDomain); use target: collate for the identity provider side only",
      );
    } else {
      const resolved = resolveOpenMetadata(input, input.openmetadata);
      problems.push(...resolved.problems);
      openmetadata = resolved.value;
    }
  }

  const serviceApp = identityProvider !== undefined && "okta" in identityProvider && identityProvider.okta.serviceApp !== undefined;
  const adopt = resolveAdopt(input.name, input.adopt, { serviceApp, kubernetes: target === "kubernetes" });
  problems.push(...adopt.problems);
  // Import blocks exist only for the Okta constructs; an Auth0 environment has no Okta objects to take over.
  if (input.auth0 && input.adopt?.okta)
    problem(
      "adopt.okta",
      "{...}",
      "the identity provider of this environment is Auth0, which has no Okta objects to " +
        "adopt; remove adopt.okta (adopt.openmetadata.release still applies)",
    );

  const backend = resolveBackend(input.backend, stackId, files);
  problems.push(...backend.problems);

  if (problems.length > 0 || !identityProvider || !backend.value) return { problems };
  return {
    problems,
    value: {
      name: input.name,
      stackId,
      description: input.description ?? TOP_LEVEL_DEFAULTS.description(input.name),
      openmetadataUrl: input.openmetadataUrl,
      target,
      protected: input.protected ?? TOP_LEVEL_DEFAULTS.protected,
      backend: backend.value,
      ...identityProvider,
      ...(openmetadata ? { openmetadata } : {}),
      ...(adopt.value ? { adopt: adopt.value } : {}),
    },
  };
}
