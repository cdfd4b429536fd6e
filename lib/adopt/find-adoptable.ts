import type { AdoptInput } from "../config/sections/adopt";
import type { Environment } from "../config/environment";
import { OKTA } from "../identity-providers/okta";
import { DEFAULT_SCOPE_NAME } from "../openmetadata-urls";
import type { OktaManagementApi } from "./okta-management-api";

/** What is found cannot be adopted as declared: importing it would replace it, or break sign-in. */
export class AdoptRefusal extends Error {
  override name = "AdoptRefusal";
}

export interface AdoptFindings {
  /** The `adopt:` section to paste. */
  readonly adopt: NonNullable<AdoptInput>;
  /** What was not found, so the stack will create it; one line each. */
  readonly notes: readonly string[];
}

/**
 * Finds the objects of a manual setup the environment declares: the app (by label, or client id),
 * its authorization server (by audience), the server's default scope, email claim, policy and
 * user rule, the trusted origin of the URL and the service app. Read-only.
 */
export async function findAdoptable(
  environment: Environment,
  api: OktaManagementApi,
  options: { readonly clientId?: string } = {},
): Promise<AdoptFindings> {
  const { okta } = environment;
  if (!okta) throw new AdoptRefusal(`environment "${environment.name}" uses Auth0, not Okta: there are no Okta objects to adopt`);
  const notes: string[] = [];
  const ids: Record<string, string> = {};

  const app = options.clientId ? await appByClientId(api, options.clientId) : await appByLabel(api, okta.appLabel, "OPENID_CONNECT");
  const clientId: string = app["credentials"]?.["oauthClient"]?.["client_id"] ?? app["id"];
  const applicationType = app["settings"]?.["oauthClient"]?.["application_type"];
  if (applicationType !== OKTA.clients[okta.flow].applicationType) {
    throw new AdoptRefusal(
      `app "${app["label"]}" (${app["id"]}) is a ${applicationType ?? "non-OIDC"} app, but environment "` +
        `${environment.name}" declares okta.flow: ${okta.flow} (an app of type ${OKTA.clients[okta.flow].applicationType}); ` +
        `the type cannot change in place, so importing it would replace the app with a new client id. Set ` +
        `okta.flow: ${applicationType === "web" ? "web" : "spa"}, or let the stack create a new app`,
    );
  }
  const authenticationMethod = app["credentials"]?.["oauthClient"]?.["token_endpoint_auth_method"];
  if (okta.flow === "web" && authenticationMethod !== "client_secret_post" && authenticationMethod !== "client_secret_basic") {
    throw new AdoptRefusal(
      `app "${app["label"]}" (${app["id"]}) authenticates with ${authenticationMethod ?? "nothing"}, ` +
        `so it has no client secret, and the Web flow of environment "${environment.name}" needs one ` +
        `for OpenMetadata; use a Web app with a client secret, or okta.flow: spa`,
    );
  }
  if (app["status"] !== "ACTIVE") notes.push(`app ${app["id"]} is ${app["status"]}: the plan activates it`);
  if (okta.flow === "web")
    notes.push(
      "import does not read the client secret: before the first plan, export " +
        "TF_VAR_okta_adopted_client_secret with the app's current secret " +
        "(help/runbooks/adopting.md)",
    );
  ids["appId"] = app["id"];

  const servers = (await api.list("/api/v1/authorizationServers?limit=200")).filter((server) =>
    (server["audiences"] ?? []).includes(clientId),
  );
  if (servers.length > 1)
    throw new AdoptRefusal(
      `${servers.length} authorization servers have the app's client id as audience (` +
        `${servers.map((server) => `${server["name"]} ${server["id"]}`).join(", ")}); the stack manages one: remove the ` +
        `others or adopt by hand`,
    );
  const [server] = servers;
  if (!server) notes.push(`no authorization server has audience ${clientId}: the stack creates one`);
  else {
    ids["authorizationServerId"] = server["id"];
    await findServerChildren(api, server["id"], clientId, ids, notes);
  }

  const origin = new URL(environment.openmetadataUrl).origin;
  const trustedOrigin = (await api.list("/api/v1/trustedOrigins?limit=200")).find((candidate) => candidate["origin"] === origin);
  if (trustedOrigin) ids["trustedOriginId"] = trustedOrigin["id"];
  else notes.push(`no trusted origin for ${origin}: the stack creates one`);

  if (okta.serviceApp) {
    const serviceApps = (await api.list(`/api/v1/apps?q=${encodeURIComponent(okta.serviceApp.label)}&limit=200`)).filter(
      (candidate) => candidate["label"] === okta.serviceApp!.label,
    );
    const [serviceApp, ...others] = serviceApps;
    if (others.length > 0)
      throw new AdoptRefusal(
        `${serviceApps.length} apps are labelled "${okta.serviceApp.label}"; give the ` +
          `service app a unique label, or adopt it by hand (adopt.okta.serviceAppId)`,
      );
    if (serviceApp && serviceApp["settings"]?.["oauthClient"]?.["application_type"] !== "service")
      throw new AdoptRefusal(
        `app "${serviceApp["label"]}" (${serviceApp["id"]}) is not a service app; importing it as one would replace it`,
      );
    if (serviceApp) ids["serviceAppId"] = serviceApp["id"];
    else notes.push(`no service app labelled "${okta.serviceApp.label}": the stack creates one`);
  }

  const adopt: NonNullable<AdoptInput> = { okta: ids };
  if (environment.target === "kubernetes")
    notes.push(
      "the cluster is not read: add `openmetadata: { release: true }` under adopt to take over a release installed by hand in namespace " +
        environment.openmetadata?.namespace,
    );
  return { adopt, notes };
}

async function findServerChildren(
  api: OktaManagementApi,
  serverId: string,
  clientId: string,
  ids: Record<string, string>,
  notes: string[],
): Promise<void> {
  const base = `/api/v1/authorizationServers/${encodeURIComponent(serverId)}`;
  const scope = (await api.list(`${base}/scopes`)).find((candidate) => candidate["name"] === DEFAULT_SCOPE_NAME);
  if (scope) ids["scopeId"] = scope["id"];
  else notes.push(`no scope "${DEFAULT_SCOPE_NAME}" on ${serverId}: the stack creates it`);

  const claim = (await api.list(`${base}/claims`)).find(
    (candidate) => candidate["name"] === "email" && candidate["claimType"] === "RESOURCE" && candidate["valueType"] !== "SYSTEM",
  );
  if (claim) ids["accessTokenEmailClaimId"] = claim["id"];

  const policies = (await api.list(`${base}/policies`)).filter((policy) =>
    (policy["conditions"]?.["clients"]?.["include"] ?? []).includes(clientId),
  );
  const [policy] = policies.sort((a, b) => (a["priority"] ?? 0) - (b["priority"] ?? 0));
  if (!policy) {
    notes.push(`no access policy of ${serverId} names client ${clientId}: the stack creates one`);
    return;
  }
  ids["policyId"] = policy["id"];
  const rules = (await api.list(`${base}/policies/${encodeURIComponent(policy["id"])}/rules`)).sort(
    (a, b) => (a["priority"] ?? 0) - (b["priority"] ?? 0),
  );
  const rule = rules.find((candidate) => (candidate["conditions"]?.["grantTypes"]?.["include"] ?? []).includes("authorization_code"));
  if (rule) ids["userLoginRuleId"] = rule["id"];
  else notes.push(`policy ${policy["id"]} has no rule for authorization_code: the stack creates one`);
}

async function appByClientId(api: OktaManagementApi, clientId: string): Promise<Record<string, any>> {
  // An OIDC app's id is its client id unless the client id was set explicitly.
  const app = await api.get(`/api/v1/apps/${encodeURIComponent(clientId)}`);
  if (app) return app;
  const matches = (await api.list("/api/v1/apps?limit=200")).filter(
    (candidate) => candidate["credentials"]?.["oauthClient"]?.["client_id"] === clientId,
  );
  if (matches[0]) return matches[0];
  throw new AdoptRefusal(`no app has client id ${clientId}`);
}

async function appByLabel(api: OktaManagementApi, label: string, signOnMode: string): Promise<Record<string, any>> {
  // `q` is a starts-with search on name and label: keep exact labels only.
  const matches = (await api.list(`/api/v1/apps?q=${encodeURIComponent(label)}&limit=200`)).filter(
    (candidate) => candidate["label"] === label && candidate["signOnMode"] === signOnMode,
  );
  const [app, ...others] = matches;
  if (!app)
    throw new AdoptRefusal(
      `no OIDC app is labelled "${label}" (okta.appLabel); give its client id with --client-id, or set okta.appLabel to its label`,
    );
  if (others.length > 0)
    throw new AdoptRefusal(
      `${matches.length} OIDC apps are labelled "${label}" (` +
        `${matches.map((candidate) => candidate["id"]).join(", ")}); choose one with ` +
        `--client-id`,
    );
  return app;
}
