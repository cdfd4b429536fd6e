import * as v from "valibot";
import { bool, patternString, strictRecord } from "../schema-helpers";
import { problemsOf, type Resolved } from "../section";

/**
 * The `adopt` section: ids of objects someone made by hand (the manual Okta guide, a hand-installed
 * Helm release) that the stack takes over with Terraform import blocks instead of creating twice.
 */

/** Okta object ids: a three-character type prefix and base62 (e.g. `0oa` apps, `aus` authorization servers). */
function oktaId(prefix: string, what: string) {
  const accepted = `${what}: "${prefix}" followed by letters and digits, e.g. "${prefix}1a2b3c4d5e6f7g8h9"`;
  return patternString(accepted, new RegExp(`^${prefix}[A-Za-z0-9]{10,30}$`));
}

export const adoptSection = strictRecord({
  okta: v.optional(
    strictRecord({
      appId: v.optional(oktaId("0oa", "the OIDC app's id (Applications > the app > its URL)")),
      authorizationServerId: v.optional(oktaId("aus", "the authorization server's id (Security > API > Authorization Servers)")),
      trustedOriginId: v.optional(oktaId("tos", "the trusted origin's id (Security > API > Trusted Origins)")),
      scopeId: v.optional(oktaId("scp", "the default scope's id")),
      accessTokenEmailClaimId: v.optional(oktaId("ocl", "the id of the custom access-token claim named email")),
      policyId: v.optional(oktaId("00p", "the access policy's id")),
      userLoginRuleId: v.optional(oktaId("0pr", "the id of the policy rule users sign in with")),
      serviceAppId: v.optional(oktaId("0oa", "the service app's id")),
    }),
  ),
  openmetadata: v.optional(strictRecord({ release: v.optional(bool()) })),
});

export type AdoptInput = v.InferOutput<typeof adoptSection>;

export const ADOPT_DEFAULTS = { openmetadata: { release: false } } as const;

/** What the stack imports; only ids that were given. */
export interface AdoptSettings {
  readonly okta: {
    readonly appId?: string;
    readonly authorizationServerId?: string;
    readonly trustedOriginId?: string;
    readonly scopeId?: string;
    readonly accessTokenEmailClaimId?: string;
    readonly policyId?: string;
    readonly userLoginRuleId?: string;
    readonly serviceAppId?: string;
  };
  /** Import the namespace and the Helm releases installed in it. */
  readonly openmetadataRelease: boolean;
}

/**
 * The rules that span fields: every child of the authorization server is imported by an id that
 * starts with the server's (`<aus>/<id>`, okta/okta docs/resources at v6.12.0), a rule also by its
 * policy's, and nothing is adopted that the environment does not declare.
 */
export function resolveAdopt(
  environmentName: string,
  input: AdoptInput | undefined,
  context: { readonly serviceApp: boolean; readonly kubernetes: boolean },
): Resolved<AdoptSettings> {
  const { problems, problem } = problemsOf(environmentName);
  if (!input) return { problems };
  const okta = input.okta ?? {};
  const needs = (field: keyof typeof okta, parent: keyof typeof okta, why: string) => {
    if (okta[field] && !okta[parent])
      problem(
        `adopt.okta.${parent}`,
        undefined,
        `adopt.okta.${field} is imported as "<${parent}>/<${field}>" (${why}); give ${parent} as well`,
      );
  };
  for (const child of ["scopeId", "accessTokenEmailClaimId", "policyId"] as const)
    needs(child, "authorizationServerId", "children of an authorization server are imported by its id");
  needs("userLoginRuleId", "policyId", "a rule is imported by its server's and its policy's ids");
  if (okta.serviceAppId && !context.serviceApp)
    problem(
      "adopt.okta.serviceAppId",
      okta.serviceAppId,
      "the environment declares no service app; enable okta.serviceApp or remove the id",
    );
  if (okta.serviceAppId && okta.serviceAppId === okta.appId)
    problem(
      "adopt.okta.serviceAppId",
      okta.serviceAppId,
      "is the same app as adopt.okta.appId; the service app and the sign-in app are two apps",
    );
  if (input.openmetadata?.release && !context.kubernetes)
    problem("adopt.openmetadata.release", true, 'target "collate" deploys nothing to Kubernetes, so there is no release to adopt');
  const openmetadataRelease = input.openmetadata?.release ?? ADOPT_DEFAULTS.openmetadata.release;
  if (Object.keys(okta).length === 0 && !openmetadataRelease)
    problem("adopt", input, "names nothing to adopt; give adopt.okta ids or adopt.openmetadata.release: true, or remove the section");
  return { problems, value: { okta, openmetadataRelease } };
}
