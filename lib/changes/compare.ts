import { CONSEQUENCE, sortByWiring, TOPICS, type Change, type DiagramNode, type Level } from "./change";
import { releaseValues } from "./release-values";
import { isProtected, resourcesOf, type Resource, type StackJson } from "./terraform-json";

/**
 * Two syntheses of one stack compared in the reviewer's terms. Every attribute that differs is either
 * explained by a rule below or listed as not understood: nothing is dropped.
 */

/** Attributes whose values are never shown, even where the synthesized JSON holds only references. */
const HIDDEN = /secret|password|private|fernet|keepers|^data$|^binary_data$|jwks|token$/i;

interface Rule {
  readonly topic: string;
  readonly node: DiagramNode;
  readonly level: Level;
  readonly label: string;
  readonly consequences: readonly string[];
}

const rule = (topic: string, node: DiagramNode, level: Level, label: string, ...consequences: string[]): Rule => ({
  topic,
  node,
  level,
  label,
  consequences,
});

const { APP, SERVER, SCOPES, LIFETIMES, WHO, SERVICE, AUTHN, AUTHZ, SECRETS, RESTARTS, OTHER, OTHER_VALUES } = TOPICS;

const grantNote =
  "OpenMetadata 1.13's UI uses the authorization code with PKCE; the implicit grant and the `token`/`id_token` response types are unused (okta-auth-js with `pkce: true` asks for `code` only: lib/oidc/util/prepareTokenParams.ts @0484143e); removing `authorization_code` stops every sign-in";

/** The user app's attributes (Okta OIDC app, Auth0 application). */
const APP_RULES: Record<string, Rule> = {
  type: rule(APP, "app", "disruptive", "client type", CONSEQUENCE.newClientId, CONSEQUENCE.signInAgain, CONSEQUENCE.ssoSync),
  app_type: rule(APP, "app", "disruptive", "client type", CONSEQUENCE.newClientId, CONSEQUENCE.signInAgain, CONSEQUENCE.ssoSync),
  omit_secret: rule(APP, "app", "disruptive", "client secret kept or omitted", CONSEQUENCE.newClientId, CONSEQUENCE.signInAgain),
  token_endpoint_auth_method: rule(APP, "app", "attention", "token endpoint authentication", CONSEQUENCE.ssoSync),
  redirect_uris: rule(APP, "app", "attention", "redirect URIs", CONSEQUENCE.redirect),
  callbacks: rule(APP, "app", "attention", "redirect URIs (callbacks)", CONSEQUENCE.redirect),
  post_logout_redirect_uris: rule(APP, "app", "attention", "logout URIs", CONSEQUENCE.redirect),
  allowed_logout_urls: rule(APP, "app", "attention", "logout URIs", CONSEQUENCE.redirect),
  web_origins: rule(APP, "app", "attention", "web origins", CONSEQUENCE.redirect),
  allowed_origins: rule(APP, "app", "attention", "allowed origins", CONSEQUENCE.redirect),
  grant_types: rule(APP, "app", "attention", "grant types", grantNote),
  response_types: rule(APP, "app", "attention", "response types", grantNote),
  pkce_required: rule(
    APP,
    "app",
    "attention",
    "PKCE",
    "the SPA signs in with PKCE (okta-auth-js `pkce: true`, OpenMetadata's utils/AuthProvider.util.ts); the Web flow's PKCE must match OpenMetadata's `disablePkce`",
  ),
  consent_method: rule(
    APP,
    "app",
    "attention",
    "consent",
    "`TRUSTED` shows no consent screen (help/okta-guide-mapping.md, row User consent); any other value asks every user to consent at their next sign-in",
  ),
  label: rule(APP, "app", "info", "name shown in the identity provider"),
  name: rule(APP, "app", "info", "name shown in the identity provider"),
  description: rule(APP, "app", "info", "description"),
  refresh_token_rotation: rule(LIFETIMES, "app", "attention", "refresh token rotation", CONSEQUENCE.newTokens),
  refresh_token_leeway: rule(LIFETIMES, "app", "attention", "refresh token leeway", CONSEQUENCE.newTokens),
  refresh_token: rule(LIFETIMES, "app", "attention", "refresh tokens", CONSEQUENCE.newTokens),
  jwt_configuration: rule(LIFETIMES, "app", "attention", "ID token lifetime and algorithm", CONSEQUENCE.newTokens),
};

const SERVER_RULES: Record<string, Rule> = {
  issuer_mode: rule(SERVER, "server", "disruptive", "issuer", CONSEQUENCE.newIssuer, CONSEQUENCE.signInAgain, CONSEQUENCE.ssoSync),
  audiences: rule(
    SERVER,
    "server",
    "attention",
    "audience",
    "OpenMetadata 1.13 checks no `aud` (OpenMetadata's security/JwtFilter.java @00d5d7d6); other consumers of the access tokens (the service app's clients) get tokens for the new audience",
  ),
  name: rule(SERVER, "server", "info", "name"),
  description: rule(SERVER, "server", "info", "description"),
  credentials_rotation_mode: rule(SERVER, "server", "attention", "signing key rotation", CONSEQUENCE.newIssuer),
};

const RULE_RULES: Record<string, Rule> = {
  access_token_lifetime_minutes: rule(LIFETIMES, "policy", "attention", "access token lifetime (minutes)", CONSEQUENCE.newTokens),
  refresh_token_lifetime_minutes: rule(LIFETIMES, "policy", "attention", "refresh token lifetime (minutes)", CONSEQUENCE.newTokens),
  refresh_token_window_minutes: rule(LIFETIMES, "policy", "attention", "refresh token idle window (minutes)", CONSEQUENCE.newTokens),
  grant_type_whitelist: rule(APP, "policy", "attention", "grant types the rule allows", grantNote),
  scope_whitelist: rule(
    SCOPES,
    "policy",
    "attention",
    "scopes the rule allows",
    "a sign-in asking for a scope no longer allowed fails the policy evaluation (help/okta-guide-mapping.md, row Add rule)",
  ),
  client_whitelist: rule(
    WHO,
    "policy",
    "attention",
    "clients the policy applies to",
    "a client no longer listed gets no token from this server (help/okta-guide-mapping.md, row Access Policies)",
  ),
  name: rule(SERVER, "policy", "info", "name"),
  description: rule(SERVER, "policy", "info", "description"),
  priority: rule(SERVER, "policy", "attention", "priority (order of evaluation)"),
};

function ruleFor(resource: Resource, attribute: string): Rule | undefined {
  const { type, name } = resource;
  const service = name.includes("service-app");
  if (type === "okta_app_oauth" && service)
    return attribute === "jwks"
      ? rule(SERVICE, "service", "disruptive", "public keys (JWKS)", CONSEQUENCE.serviceKey)
      : rule(SERVICE, "service", "attention", attribute.replace(/_/g, " "));
  if (type === "okta_app_oauth_api_scope") return rule(SERVICE, "service", "attention", "Okta API scopes granted to the service app");
  if (type === "okta_app_oauth" || type === "auth0_client") return APP_RULES[attribute];
  if (type === "auth0_client_credentials") return rule(APP, "app", "attention", "token endpoint authentication", CONSEQUENCE.ssoSync);
  if (type === "okta_trusted_origin")
    return rule(
      APP,
      "app",
      "attention",
      `trusted origin ${attribute}`,
      "sign-out calls from the browser need the trusted origin (help/troubleshooting.md, CORS on sign-out)",
    );
  if (type === "okta_auth_server") return SERVER_RULES[attribute];
  if (type === "okta_auth_server_policy_rule") {
    if (attribute === "group_whitelist")
      return rule(
        WHO,
        "policy",
        "attention",
        "groups the rule admits",
        "a user in none of the listed groups fails the policy evaluation (help/okta-guide-mapping.md, row Add rule)",
      );
    return RULE_RULES[attribute];
  }
  if (type === "okta_auth_server_policy") return RULE_RULES[attribute];
  if (type.startsWith("okta_auth_server_claim") || type === "okta_auth_server_scope")
    return rule(
      SCOPES,
      "server",
      "attention",
      `${name.replace(/^okta_authorization-server_/, "")} ${attribute.replace(/_/g, " ")}`,
      "OpenMetadata takes the principal from the ID token's claims (`jwtPrincipalClaims`, OpenMetadata's security/SecurityUtil.java findUserNameFromClaims)",
    );
  if (type === "kubernetes_secret_v1" && (attribute === "data" || attribute === "binary_data"))
    return rule(SECRETS, "secrets", "attention", `Secret ${name.replace(/^openmetadata_/, "")} data (values not shown)`);
  if (type === "tls_private_key") return rule(SECRETS, "secrets", "disruptive", `${name} ${attribute}`, CONSEQUENCE.botKey);
  if (type === "random_password" || type === "random_bytes")
    return rule(
      SECRETS,
      "secrets",
      "disruptive",
      `generated ${name.replace(/^openmetadata_(secrets_)?/, "")} ${attribute}`,
      CONSEQUENCE.generatedSecret,
    );
  if (type === "helm_release" && (attribute === "version" || attribute === "chart"))
    return rule(
      RESTARTS,
      "release",
      "attention",
      `chart ${attribute} of ${name}`,
      "upgrading the chart: help/kubernetes.md, upgrading the chart",
    );
  return undefined;
}

/** Where a resource sits in the diagram, for resources added or removed as a whole. */
function nodeOf(resource: Resource): DiagramNode {
  const { type, name } = resource;
  if (name.includes("service-app") && type !== "okta_auth_server_policy_rule" && type !== "okta_auth_server_policy") return "service";
  if (type === "okta_app_oauth" || type === "auth0_client" || type === "auth0_client_credentials" || type === "okta_trusted_origin")
    return "app";
  if (type.startsWith("okta_auth_server_polic")) return "policy";
  if (type.startsWith("okta_auth_server")) return "server";
  if (type.includes("group") || type.includes("connection")) return "groups";
  if (type === "kubernetes_secret_v1" || type.startsWith("random_") || type === "tls_private_key") return "secrets";
  if (type === "helm_release") return "release";
  return "release";
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `${okta_app_oauth.okta_oidc-app_app.client_id}` → `client_id of okta_app_oauth.okta_oidc-app_app`. */
export function shownValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const readable = text.replace(/\$\{([a-z0-9_]+)\.([\w-]+)\.([\w]+)\}/g, "($3 of $1.$2)");
  return readable.length > 120 ? `${readable.slice(0, 117)}...` : readable;
}

/** "added a, b; removed c" for lists, "x → y" for anything else; secret-looking attributes hidden. */
function describeDifference(attribute: string, before: unknown, after: unknown): string {
  if (HIDDEN.test(attribute)) return "changes (value not shown)";
  if (before === undefined) return `set to \`${shownValue(after)}\``;
  if (after === undefined) return `removed (was \`${shownValue(before)}\`)`;
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = (item: unknown) => JSON.stringify(item);
    const added = after.filter((item) => !before.some((old) => key(old) === key(item)));
    const removed = before.filter((item) => !after.some((now) => key(now) === key(item)));
    const parts = [
      added.length > 0 ? `added ${added.map((item) => `\`${shownValue(item)}\``).join(", ")}` : "",
      removed.length > 0 ? `removed ${removed.map((item) => `\`${shownValue(item)}\``).join(", ")}` : "",
    ].filter(Boolean);
    return parts.length > 0 ? parts.join("; ") : "reordered";
  }
  return `\`${shownValue(before)}\` → \`${shownValue(after)}\``;
}

/** Leaf paths of a values document; lists are leaves (compared as a whole). */
function flatten(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else into.set(prefix, value);
  return into;
}

const AUTHN_PREFIX = "openmetadata.config.authentication.";
const AUTHZ_PREFIX = "openmetadata.config.authorizer.";
const OIDC_PREFIX = `${AUTHN_PREFIX}oidcConfiguration.`;

function valuesRule(path: string): Rule | undefined {
  // The checksum annotations only carry the restart, which is reported once below.
  if (path.startsWith("podAnnotations.checksum/")) return undefined;
  if (path === "openmetadata.config.jwtTokenConfiguration.keyId")
    return rule(SECRETS, "values", "disruptive", "OpenMetadata's JWT key id", CONSEQUENCE.botKey);
  if (path.startsWith(AUTHN_PREFIX)) {
    const field = path.slice(AUTHN_PREFIX.length);
    const label = field === "publicKeys" ? "public keys" : field;
    const level: Level = field === "clientType" || field === "provider" ? "disruptive" : "attention";
    const extra = field === "clientType" || field === "provider" ? [CONSEQUENCE.signInAgain] : [];
    return rule(AUTHN, "values", level, label, CONSEQUENCE.ssoSync, ...extra);
  }
  if (path.startsWith(AUTHZ_PREFIX)) {
    const field = path.slice(AUTHZ_PREFIX.length);
    const label = field === "initialAdmins" ? "admins" : field;
    const extra =
      field === "principalDomain" || field === "enforcePrincipalDomain"
        ? [
            "the principal is the part of the email before `@`; domains decide which accounts land in which user (OpenMetadata's security/SecurityUtil.java findUserNameFromClaims)",
          ]
        : [];
    return rule(AUTHZ, "values", "attention", label, CONSEQUENCE.ssoSync, ...extra);
  }
  return rule(OTHER_VALUES, "values", "info", path);
}

function valuesChanges(base: StackJson, head: StackJson, where: string): Change[] {
  const before = flatten(releaseValues(base) ?? {}, "", new Map());
  const after = flatten(releaseValues(head) ?? {}, "", new Map());
  const changes: Change[] = [];
  const oidc: string[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (same(before.get(path), after.get(path))) continue;
    // The Web flow's server-side client settings come and go together with the flow: one line, not twenty.
    if (path.startsWith(OIDC_PREFIX)) {
      oidc.push(path.slice(OIDC_PREFIX.length));
      continue;
    }
    const found = valuesRule(path);
    if (!found) continue;
    const leaf = path.split(".").at(-1) ?? path;
    changes.push({
      level: found.level,
      topic: found.topic,
      // The whole path decides: a value under `fernetkey` is hidden whatever its own key is called.
      what: `${found.label}: ${describeDifference(HIDDEN.test(path) ? "secret" : leaf, before.get(path), after.get(path))}`,
      consequences: found.consequences,
      node: found.node,
      where: `${where}.values: ${path}`,
    });
  }
  if (oidc.length > 0)
    changes.push({
      level: "attention",
      topic: AUTHN,
      what: `oidcConfiguration (the confidential client's server-side settings): ${oidc.map((field) => `\`${field}\``).join(", ")} change`,
      consequences: [CONSEQUENCE.ssoSync],
      node: "values",
      where: `${where}.values: ${OIDC_PREFIX}*`,
    });
  return changes;
}

/** Names of the groups (Okta) or connections (Auth0) the stack looks up to admit people. */
function admittedNames(json: StackJson | undefined): Map<string, "group" | "connection"> {
  const names = new Map<string, "group" | "connection">();
  for (const resource of resourcesOf(json).values()) {
    const name = resource.config["name"];
    if (typeof name !== "string") continue;
    if (resource.type === "data.okta_group") names.set(name, "group");
    if (resource.type === "data.auth0_connection") names.set(name, "connection");
  }
  return names;
}

/** Where the refusal of a user the app does not admit is described, for each way of admitting. */
const ADMISSION_SOURCE = {
  group: "help/okta-guide-mapping.md, row Assignments",
  connection: "help/auth0-guide-mapping.md, row Connections tab",
} as const;

/** Resources whose differences are the groups' and connections' (references to looked-up ids). */
const ADMISSION_TYPES = new Set(["data.okta_group", "data.auth0_connection", "okta_app_group_assignments", "auth0_connection_client"]);
const IGNORED_ATTRIBUTES = new Set(["//", "depends_on"]);

function admissionChanges(base: StackJson, head: StackJson): Change[] {
  const before = admittedNames(base);
  const after = admittedNames(head);
  const changes: Change[] = [];
  for (const [name, kind] of before)
    if (!after.has(name))
      changes.push({
        level: "disruptive",
        topic: WHO,
        what: `${kind} \`${name}\` removed`,
        consequences: [
          `members of ${kind} ${name} lose access unless another ${kind} still admits them: the identity provider refuses an unassigned user (${ADMISSION_SOURCE[kind]})`,
        ],
        node: "groups",
        where: kind === "group" ? "okta_app_group_assignments" : "auth0_connection_client",
      });
  for (const [name, kind] of after)
    if (!before.has(name))
      changes.push({
        level: "attention",
        topic: WHO,
        what: `${kind} \`${name}\` added`,
        consequences: [`members of ${kind} ${name} may sign in (help/configuration.md, okta.access.groups / auth0.connections)`],
        node: "groups",
        where: kind === "group" ? "okta_app_group_assignments" : "auth0_connection_client",
      });
  return changes;
}

function wholeResourceChange(resource: Resource, added: boolean, protectedStack: boolean): Change {
  const node = nodeOf(resource);
  const identity = resource.type.startsWith("okta_") || resource.type.startsWith("auth0_");
  const central = resource.type === "okta_app_oauth" || resource.type === "auth0_client" || resource.type === "okta_auth_server";
  const consequences: string[] = [];
  if (!added && central) consequences.push(CONSEQUENCE.signInAgain);
  if (!added && resource.type === "kubernetes_namespace_v1") consequences.push(CONSEQUENCE.namespace);
  if (!added && protectedStack && central) consequences.push(CONSEQUENCE.protectedReplace);
  if (!added && resource.type === "tls_private_key") consequences.push(CONSEQUENCE.botKey);
  return {
    level: wholeResourceLevel(added, central || resource.type === "kubernetes_namespace_v1"),
    topic: identity || node !== "release" ? topicOfNode(node) : OTHER,
    what: `${resource.address} ${added ? "created" : "destroyed"}`,
    consequences: consequences.length > 0 || identity || node !== "release" ? consequences : [CONSEQUENCE.notUnderstood],
    node,
    where: resource.address,
  };
}

/** A central object created asks for a look, one destroyed is disruptive; the rest ask for a look when destroyed. */
function wholeResourceLevel(added: boolean, central: boolean): Level {
  if (added) return central ? "attention" : "info";
  return central ? "disruptive" : "attention";
}

function topicOfNode(node: DiagramNode): string {
  return { groups: WHO, app: APP, server: SERVER, policy: SERVER, service: SERVICE, values: AUTHN, secrets: SECRETS, release: RESTARTS }[
    node
  ];
}

/** The pod reads these: a change rolls it (help/kubernetes.md, a change restarts the server). */
const restarts = (change: Change): boolean =>
  change.node === "values" || (change.node === "secrets" && change.where.startsWith("kubernetes_secret_v1."));

/**
 * The changes from `base` to `head` (either may be missing: a new or a removed stack), in the order
 * of the wiring: who, app, server, policy, service, values, Secrets, what restarts, not understood.
 */
export function compareStacks(base: StackJson | undefined, head: StackJson | undefined): Change[] {
  if (base === undefined && head === undefined) return [];
  if (base === undefined)
    return [
      {
        level: "info",
        topic: "A new stack",
        what: "the stack is new: everything is created",
        consequences: ["the first deploy: help/runbooks/first-deploy.md"],
        node: "app",
        where: "(whole stack)",
      },
    ];
  if (head === undefined)
    return [
      {
        level: "disruptive",
        topic: "A removed stack",
        what: "the environment is gone from the environments file: CI no longer plans or deploys this stack; its objects stay until destroyed",
        consequences: ["destroying it: help/runbooks/destroying-staging.md"],
        node: "release",
        where: "(whole stack)",
      },
    ];
  const before = resourcesOf(base);
  const after = resourcesOf(head);
  const protectedStack = isProtected(head) || isProtected(base);
  const changes: Change[] = [...admissionChanges(base, head)];
  for (const address of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(address);
    const now = after.get(address);
    const resource = (now ?? old)!;
    if (ADMISSION_TYPES.has(resource.type) && old && now) continue;
    if (!old || !now) {
      if (!ADMISSION_TYPES.has(resource.type)) changes.push(wholeResourceChange(resource, !old, protectedStack));
      continue;
    }
    const attributes = new Set([...Object.keys(old.config), ...Object.keys(now.config)]);
    for (const attribute of attributes) {
      if (IGNORED_ATTRIBUTES.has(attribute) || same(old.config[attribute], now.config[attribute])) continue;
      if (address === "helm_release.openmetadata_release" && attribute === "values") {
        changes.push(...valuesChanges(base, head, address));
        continue;
      }
      // Its keepers hash the Secrets' data, reported as the Secrets' own changes and the restart.
      if (address === "random_id.openmetadata_pod-checksums_restart-token") continue;
      const found = ruleFor(now, attribute);
      // Two rules (users, service app) share attribute names: say whose it is.
      const whose =
        typeof now.config["name"] === "string" && now.type.startsWith("okta_auth_server_polic") ? ` of "${now.config["name"]}"` : "";
      changes.push(
        found
          ? {
              level: found.level,
              topic: found.topic,
              what: `${found.label}${whose}: ${describeDifference(attribute, old.config[attribute], now.config[attribute])}`,
              consequences: found.consequences,
              node: found.node,
              where: `${address}.${attribute}`,
            }
          : {
              level: "attention",
              topic: OTHER,
              what: `${address}: \`${attribute}\` ${describeDifference(attribute, old.config[attribute], now.config[attribute])}`,
              consequences: [CONSEQUENCE.notUnderstood],
              node: nodeOf(now),
              where: `${address}.${attribute}`,
            },
      );
    }
  }
  if (after.has("helm_release.openmetadata_release") && changes.some(restarts))
    changes.push({
      level: "attention",
      topic: RESTARTS,
      what: "OpenMetadata's pod is replaced (values or a Secret it reads change)",
      consequences: [CONSEQUENCE.restart],
      node: "release",
      where: "helm_release.openmetadata_release (podAnnotations checksum/values, checksum/secrets)",
    });
  return sortByWiring(changes);
}
