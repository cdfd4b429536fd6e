// Generated from scripts/ci-plan.ts by __tests__/ci-terraform.test.ts; do not edit. The workflows run it with node alone (help/ci.md).
// After changing its sources: npx vitest run __tests__/ci-terraform.test.ts -u
"use strict";

// lib/ci/plan.ts
var import_node_fs4 = require("node:fs");
var import_node_path3 = require("node:path");

// lib/changes/rows-file.ts
var import_node_fs = require("node:fs");

// lib/text/suggest.ts
function closest(word, candidates) {
  const normalized = (text) => text.toLowerCase().replace(/[-_\s]/g, "");
  let best;
  for (const candidate of candidates) {
    const distance = normalized(candidate) === normalized(word) ? 0 : editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (best && best.distance <= Math.max(1, Math.floor(best.candidate.length / 4))) return best.candidate;
  return word.length >= 4 ? candidates.find(
    (candidate) => normalized(candidate).startsWith(normalized(word)) || normalized(word).startsWith(normalized(candidate))
  ) : void 0;
}
function editDistance(a, b) {
  const rows = [Array.from({ length: b.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let distance = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, rows[i - 2][j - 2] + 1);
      row.push(distance);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}

// lib/secret-shape.ts
var NESTED_SECRET_NAME = /secret|passw|pwd|token|credential|private|api[-_]?key|access[-_]?key/i;
var JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/;
var PEM = /-----BEGIN [A-Z0-9 ]*-----/;
var RANDOM = /^[A-Za-z0-9+/_=~-]{24,}$/;
function looksLikeSecretValue(value) {
  if (typeof value === "string") {
    const text = value.trim();
    if (JWT.test(text) || PEM.test(text)) return true;
    if (!RANDOM.test(text)) return false;
    if (/(?:^|[-_.~])[a-z]{4,}(?:[-_.~]|$)/.test(text)) return false;
    const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((pattern) => pattern.test(text)).length;
    return classes >= 3 || classes === 2 && /\d/.test(text) && !/[a-z]{6,}|[A-Z]{6,}/.test(text) && text.length >= 32;
  }
  if (Array.isArray(value)) return value.some(looksLikeSecretValue);
  if (value !== null && typeof value === "object")
    return Object.entries(value).some(([name, inner]) => NESTED_SECRET_NAME.test(name) || looksLikeSecretValue(inner));
  return false;
}
function withoutValue(text, value) {
  const strings = [];
  const collect = (inner) => {
    if (typeof inner === "string") strings.push(inner, inner.trim(), JSON.stringify(inner), JSON.stringify(inner.trim()));
    else if (Array.isArray(inner)) inner.forEach(collect);
    else if (inner !== null && typeof inner === "object") Object.values(inner).forEach(collect);
  };
  collect(value);
  return strings.filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length).reduce((result, secret) => result.split(secret).join("(value not shown)"), text);
}
var PEM_BLOCK = /-----BEGIN [A-Z0-9 ]*-----[\s\S]*?(?:-----END [A-Z0-9 ]*-----|$)/g;
var JWT_GLOBAL = new RegExp(JWT.source, "g");
var LONG_WORD = /[A-Za-z0-9_=~-]{24,}/g;
function withoutSecretShapes(text) {
  return withoutKeysAndTokens(text).replace(
    LONG_WORD,
    (word) => looksLikeSecretValue(word) ? "(a value that may be secret, not shown)" : word
  );
}
function withoutKeysAndTokens(text) {
  return text.replace(PEM_BLOCK, "(a PEM block, not shown)").replace(JWT_GLOBAL, "(a JWT, not shown)");
}
function quoted(value) {
  return looksLikeSecretValue(value) ? "(a value that may be secret, not shown)" : JSON.stringify(value);
}
function looksLikeSecretPath(value) {
  if (/-----BEGIN |\n/.test(value)) return true;
  return value.split(/[/\\]/).some((part) => looksLikeSecretValue(part));
}

// lib/errors.ts
var UserError = class extends Error {
  name = "UserError";
  /** The fix is on the command line, so the answer points to --help; not so for a variable to export. */
  onTheCommandLine;
  /** @param options.onTheCommandLine @default true: the answer ends with the --help pointer */
  constructor(message, options = {}) {
    super(withoutKeysAndTokens(message));
    this.onTheCommandLine = options.onTheCommandLine ?? true;
  }
};
var USER_ERROR_EXIT_CODE = 2;
var INTERNAL_ERROR_EXIT_CODE = 70;
function internalError(script, error, write) {
  const message = error instanceof Error ? error.message : String(error);
  write(`${script}: internal error (not a mistake in your input): ${withoutSecretShapes(message).split("\n")[0]}
`);
  return INTERNAL_ERROR_EXIT_CODE;
}

// lib/cli-usage.ts
function usageError(script, problem, write) {
  write(`error: ${withoutKeysAndTokens(problem)}
Run "npm run ${script} -- --help" for usage.
`);
  return USER_ERROR_EXIT_CODE;
}
function describeArgumentError(error, knownOptions, usage = "") {
  const { code, message } = error;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = (/'([^']+)'/.exec(message)?.[1] ?? message).split("=")[0];
    const name = option.replace(/^-+/, "");
    const near = closest(name, knownOptions);
    return `unknown option ${option}${near ? ` (did you mean --${near}?)` : ""}; options: ${knownOptions.map((known) => `--${known}`).join(", ")}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? "the option";
    const metavar = new RegExp(`${option} ([A-Z][A-Z_]*)\\b`).exec(usage)?.[1] ?? "VALUE";
    if (/argument missing/.test(message)) return `${option} needs a value, e.g. ${option} ${metavar}`;
    if (/ambiguous/.test(message)) return `${option} needs a value; one starting with "-" is written ${option}=-1`;
    if (/does not take an argument/.test(message)) return `${option} takes no value; write ${option} alone`;
    return message;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const argument = /'([^']*)'/.exec(message)?.[1] ?? "";
    return `unexpected argument ${quoted(argument)}; this command takes only options (${knownOptions.map((known) => `--${known}`).join(", ")})`;
  }
  return message;
}
var SYSTEM_ERRORS = {
  ENOENT: "no such file",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "a part of the path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENAMETOOLONG: "the name is too long for a path",
  ELOOP: "too many symbolic links"
};
function pathProblem(option, path, error) {
  const code = error?.code;
  const said = code ? SYSTEM_ERRORS[code] ?? "cannot be read" : "cannot be read";
  return `${option} ${shownPath(path)}: ${said}${code ? ` (${code})` : ""}`;
}
function shownPath(path) {
  return looksLikeSecretPath(path) ? "(a value that may be secret, not shown)" : path;
}

// lib/changes/change.ts
var LEVELS = ["info", "attention", "disruptive"];
var TOPICS = {
  WHO: "Who may sign in",
  APP: "The app",
  SERVER: "The authorization server",
  SCOPES: "Scopes and claims",
  LIFETIMES: "Token lifetimes",
  SERVICE: "The service app and its keys",
  AUTHN: "OpenMetadata's authentication",
  AUTHZ: "OpenMetadata's authorizer",
  OTHER_VALUES: "OpenMetadata's other values",
  SECRETS: "Secrets and keys",
  RESTARTS: "What restarts",
  OTHER: "Not understood"
};
function sortByWiring(changes) {
  const order = Object.values(TOPICS);
  const rank = (topic) => order.indexOf(topic);
  const weight = (change) => ["disruptive", "attention", "info"].indexOf(change.level);
  return [...changes].sort((a, b) => rank(a.topic) - rank(b.topic) || weight(a) - weight(b));
}
var worst = (changes) => changes.reduce(
  (found, change) => found === void 0 || LEVELS.indexOf(change.level) > LEVELS.indexOf(found) ? change.level : found,
  void 0
);
var CONSEQUENCE = {
  signInAgain: "every signed-in user must sign in again: open sessions end (help/runbooks/reviewing-a-diff.md, replacement of the OIDC app)",
  newClientId: "new client id: OpenMetadata's values follow in the same apply, but a running OpenMetadata keeps the old one in its database until synced; open sessions end (help/runbooks/reviewing-a-diff.md; help/kubernetes.md, caveat)",
  newIssuer: "new issuer URL: OpenMetadata's `authority` and public keys change; tokens of the old issuer stop validating (help/runbooks/reviewing-a-diff.md)",
  restart: "OpenMetadata restarts: the changed checksum annotation rolls the Deployment (help/kubernetes.md, a change restarts the server); with one replica it is down until the new pod is ready, which depends on the image pull and the server's start-up (help/runbooks/first-deploy.md: a few minutes)",
  ssoSync: "the stored SSO settings must be synced: OpenMetadata keeps them in its database and ignores later Helm values (`npm run sso-sync -- <env> --outputs FILE --apply`, help/sso-sync.md)",
  botKey: "the ingestion bot's key changes: every bot and personal access token already issued becomes invalid, pipelines fail until the bots have new tokens (help/runbooks/rotating-keys.md)",
  serviceKey: "the service app's keys change: a client still signing with the old private key is refused until it uses the new one (help/runbooks/rotating-keys.md, the Okta service app's key)",
  newTokens: "tokens issued from the apply on carry the new lifetime: the rule sets the lifetimes of the tokens the server issues (help/okta-guide-mapping.md, Add rule)",
  redirect: "a sign-in whose redirect or logout URI is no longer listed is refused by the identity provider (help/troubleshooting.md)",
  generatedSecret: "a new generated secret: a database initialised with the old password keeps it, so OpenMetadata loses its connection; a new Fernet key makes stored connection secrets unreadable (help/runbooks/reviewing-a-diff.md, a sensitive value changes)",
  namespace: "everything in the namespace is deleted, volumes included (help/runbooks/reviewing-a-diff.md)",
  protectedReplace: "on a protected stack the plan fails with `Instance cannot be destroyed`; find why it would be replaced (help/runbooks/reviewing-a-diff.md)",
  notUnderstood: "not explained by this summary: read it in the plan (help/runbooks/reviewing-a-diff.md)"
};

// lib/changes/rows-file.ts
var isText = (value) => typeof value === "string";
function rowProblem(row, index) {
  if (typeof row !== "object" || row === null) return `changes[${index}] is not an object`;
  const fields = row;
  if (!LEVELS.includes(fields["level"])) return `changes[${index}].level is not one of ${LEVELS.join(", ")}`;
  for (const name of ["topic", "what", "node", "where"]) if (!isText(fields[name])) return `changes[${index}].${name} is not text`;
  const consequences = fields["consequences"];
  if (!Array.isArray(consequences) || !consequences.every(isText)) return `changes[${index}].consequences is not a list of text`;
  return void 0;
}
function readRowsFile(path, stack) {
  if (!(0, import_node_fs.existsSync)(path)) return void 0;
  const refused = (problem2) => new UserError(`--changes ${path}: ${problem2}; it is written by npm run changes --out-dir DIR as DIR/${stack}.json`);
  let text;
  try {
    text = (0, import_node_fs.readFileSync)(path, "utf8");
  } catch (error) {
    throw new UserError(pathProblem("--changes", path, error));
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refused("not JSON");
  }
  const file = parsed;
  if (typeof file !== "object" || file === null || !Array.isArray(file.changes)) throw refused("no changes list");
  if (file.stack !== stack) throw refused(`the rows of ${JSON.stringify(file.stack)}, not of ${stack}`);
  const problem = file.changes.map(rowProblem).find((found) => found !== void 0);
  if (problem !== void 0) throw refused(problem);
  return file.changes;
}

// lib/ci/annotations.ts
function inGitHubActions(env) {
  return env["GITHUB_ACTIONS"] === "true";
}
var escapeData = (text) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
var escapeProperty = (text) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
function reportError(io, title, message) {
  if (inGitHubActions(io.env)) io.stdout(`::error title=${escapeProperty(title)}::${escapeData(message)}
`);
  else io.stderr(`error: ${title}: ${message}
`);
}

// lib/ci/plan-text.ts
var SUMMARY_PLAN_BYTES = 9e5;
var COMMENT_LIMIT = 65536;
function fenceFor(text) {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longestRun + 1));
}
function headBytes(text, limit) {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= limit) return { shown: text, cut: 0 };
  let end = limit;
  while (end > 0 && ((bytes[end] ?? 0) & 192) === 128) end--;
  return { shown: bytes.subarray(0, end).toString("utf8"), cut: bytes.length - end };
}
function planSummary(heading, plan2, whereInFull) {
  const { shown, cut } = headBytes(plan2, SUMMARY_PLAN_BYTES);
  const fence = fenceFor(shown);
  const truncated = cut > 0 ? `
... truncated ${cut} bytes; ${whereInFull}.
` : "";
  return `${heading}

${fence}text
${shown}${shown.endsWith("\n") ? "" : "\n"}${fence}
${truncated}`;
}
function diffMarker(stack) {
  return `<!-- cdktf-diff:${stack} -->`;
}
function planLine(plan2) {
  return /^Plan: .*$/m.exec(plan2)?.[0];
}
var CHANGES_LIMIT = 2e4;
function changesSection(changes, limit = CHANGES_LIMIT) {
  const text = changes?.trim() ?? "";
  if (text === "") return "";
  if (text.length <= limit) return `${text}

`;
  const withoutPicture = text.replace(/```mermaid\n[\s\S]*?```\n?/, "").trim();
  const cutAt = withoutPicture.lastIndexOf("\n", limit);
  const kept = withoutPicture.length <= limit ? withoutPicture : withoutPicture.slice(0, cutAt > 0 ? cutAt : limit);
  return `${kept}

... the sign-in summary is longer; run npm run changes for all of it.

`;
}
function pullRequestComment({ stack, exitCode, plan: printed, commit, runUrl, changes }) {
  const plan2 = printed.trim();
  let summary = "plan failed";
  if (exitCode === 0) summary = "no changes";
  else if (exitCode === 2) summary = planLine(plan2) ?? "changes";
  const fence = fenceFor(plan2);
  const where = runUrl ? `Commit ${commit.slice(0, 7)}, [run log](${runUrl}).` : `Commit ${commit.slice(0, 7)}.`;
  const head = `${diffMarker(stack)}
### cdktf diff \`${stack}\`: ${summary}

${changesSection(changes)}${where} How to read it: help/runbooks/reviewing-a-diff.md

<details${exitCode === 0 ? "" : " open"}><summary>terraform plan</summary>

${fence}text
`;
  const tail = `
${fence}
</details>
`;
  const limit = COMMENT_LIMIT - head.length - tail.length - 200;
  const shown = plan2.length <= limit ? plan2 : `${plan2.slice(0, limit)}

... truncated ${plan2.length - limit} characters; the full plan is in the run log.`;
  return `${head}${shown}${tail}`;
}

// lib/ci/sign-in-summary.ts
var import_node_fs3 = require("node:fs");
var import_node_path2 = require("node:path");

// lib/changes/plan.ts
function parsePlanJson(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("is not JSON");
  }
  const plan2 = parsed;
  if (typeof parsed !== "object" || parsed === null || typeof plan2.format_version !== "string")
    throw new Error("is not the JSON of a plan (no format_version)");
  return plan2;
}
var isReplace = (actions) => actions.includes("delete") && actions.includes("create");
var pathText = (path) => path.map((step, index) => {
  if (typeof step === "number") return `[${step}]`;
  if (typeof step !== "string") return "[\u2026]";
  return index === 0 ? step : `.${step}`;
}).join("");
var reasonText = (reason) => reason !== void 0 && /^[a-z_]+$/.test(reason) ? reason : "not given";
function replacementMeaning(change) {
  const { type, address } = change;
  if ((type === "okta_app_oauth" || type === "auth0_client") && !address.includes("service-app"))
    return { level: "disruptive", topic: TOPICS.APP, node: "app", consequences: [CONSEQUENCE.newClientId, CONSEQUENCE.ssoSync] };
  if (type === "okta_app_oauth")
    return {
      level: "disruptive",
      topic: TOPICS.SERVICE,
      node: "service",
      consequences: ["new service app client id: its clients must use the new one (help/service-app.md)"]
    };
  if (type === "okta_auth_server")
    return {
      level: "disruptive",
      topic: TOPICS.SERVER,
      node: "server",
      consequences: [CONSEQUENCE.newIssuer, CONSEQUENCE.signInAgain, CONSEQUENCE.ssoSync]
    };
  if (type.startsWith("okta_auth_server_polic"))
    return {
      level: "attention",
      topic: TOPICS.SERVER,
      node: "policy",
      consequences: [
        "destroyed, then created in the same apply: the policy or rule gets a new id (help/runbooks/reviewing-a-diff.md, `-/+`)"
      ]
    };
  if (type === "okta_app_group_assignments" || type === "auth0_connection_client")
    return {
      level: "attention",
      topic: TOPICS.WHO,
      node: "groups",
      consequences: ["the assignments are made again, for the app as it is after the apply (help/runbooks/reviewing-a-diff.md, `-/+`)"]
    };
  if (type.startsWith("okta_") || type.startsWith("auth0_"))
    return {
      level: "attention",
      topic: TOPICS.SCOPES,
      node: "server",
      consequences: ["the identity provider object gets a new id (help/runbooks/reviewing-a-diff.md)"]
    };
  if (type === "tls_private_key")
    return { level: "disruptive", topic: TOPICS.SECRETS, node: "secrets", consequences: [CONSEQUENCE.botKey] };
  if (type === "random_password" || type === "random_bytes")
    return { level: "disruptive", topic: TOPICS.SECRETS, node: "secrets", consequences: [CONSEQUENCE.generatedSecret] };
  if (type === "random_id" && address.includes("restart-token"))
    return { level: "attention", topic: TOPICS.RESTARTS, node: "release", consequences: [CONSEQUENCE.restart] };
  if (type === "kubernetes_namespace_v1")
    return { level: "disruptive", topic: TOPICS.OTHER, node: "release", consequences: [CONSEQUENCE.namespace] };
  return { level: "attention", topic: TOPICS.OTHER, node: "release", consequences: [CONSEQUENCE.notUnderstood] };
}
function planChanges(plan2) {
  const changes = [];
  for (const change of plan2.resource_changes ?? []) {
    const { actions } = change.change;
    if (change.mode === "data" || actions.every((action) => action === "no-op" || action === "read")) continue;
    if (isReplace(actions)) {
      const meaning = replacementMeaning(change);
      const paths = (change.change.replace_paths ?? []).map(pathText);
      const forcedBy = paths.length > 0 ? `forced by ${paths.map((path) => `\`${path}\``).join(", ")}` : `reason: ${reasonText(change.action_reason)}`;
      changes.push({
        level: meaning.level,
        topic: meaning.topic,
        what: `${change.address} is replaced (${forcedBy})`,
        consequences: meaning.consequences,
        node: meaning.node,
        where: change.address
      });
    } else if (actions.includes("delete") && (change.type.startsWith("okta_") || change.type.startsWith("auth0_"))) {
      const meaning = replacementMeaning(change);
      changes.push({
        level: "disruptive",
        topic: meaning.topic,
        what: `${change.address} is destroyed`,
        consequences: meaning.consequences.filter((text) => text !== CONSEQUENCE.ssoSync),
        node: meaning.node,
        where: change.address
      });
    } else if (actions.includes("update") && change.type === "kubernetes_secret_v1") {
      changes.push({
        level: "attention",
        topic: TOPICS.SECRETS,
        what: `${change.address} is rotated (values not shown)`,
        consequences: [CONSEQUENCE.restart],
        node: "secrets",
        where: change.address
      });
    }
  }
  return sortByWiring(changes);
}

// lib/identity-providers/auth0.ts
var AUTH0 = {
  name: "auth0",
  displayName: "Auth0",
  statusPage: "status.auth0.com",
  authoritySlash: "appended",
  signInLibrary: "auth0-spa-js",
  keysPath: "/.well-known/jwks.json",
  clients: {
    spa: { applicationType: "spa", clientType: "public", tokenEndpointAuthMethod: "none", consoleName: "Auth0 Single Page Application" },
    // OpenMetadata's confidential client posts the secret in the form body.
    web: {
      applicationType: "regular_web",
      clientType: "confidential",
      tokenEndpointAuthMethod: "client_secret_post",
      consoleName: "Auth0 Regular Web Application"
    }
  },
  wording: {
    issuerKind: "tenant",
    issuerFoundCheck: "check the domain is the tenant's own or one of its verified custom domains",
    signingKeysPlace: "the tenant's signing keys in the Auth0 dashboard (Settings > Signing Keys)",
    issuerSettingAdvice: "",
    redirectUriPlace: "the first of the Auth0 application's Allowed Callback URLs",
    serviceKeysPlace: "the application's credentials",
    serviceGrantPlace: "the application is authorized for the API with the client_credentials grant",
    serviceTokenChecks: "the API's identifier (the audience), the tenant's issuer and the API's scopes",
    accessLabel: "Connections",
    clientSecretVariableExample: "AUTH0_CLIENT_SECRET"
  }
};

// lib/identity-providers/okta.ts
var OKTA = {
  name: "okta",
  displayName: "Okta",
  statusPage: "status.okta.com",
  // okta-auth-js strips an authority's trailing slash and then trusts discovery's issuer.
  authoritySlash: "stripped",
  signInLibrary: "okta-auth-js",
  keysPath: "/v1/keys",
  clients: {
    // A SPA cannot keep a secret; the provider default client_secret_basic is rejected by Okta (#580, #685).
    spa: { applicationType: "browser", clientType: "public", tokenEndpointAuthMethod: "none", consoleName: "Okta SPA app" },
    // OpenMetadata's confidential client posts the secret in the form body.
    web: { applicationType: "web", clientType: "confidential", tokenEndpointAuthMethod: "client_secret_post", consoleName: "Okta Web app" }
  },
  serviceClient: {
    applicationType: "service",
    clientType: "confidential",
    tokenEndpointAuthMethod: "private_key_jwt",
    consoleName: "Okta API Services app"
  },
  wording: {
    issuerKind: "authorization server",
    issuerFoundCheck: "check the server is ACTIVE",
    signingKeysPlace: "the authorization server's signing key rotation in Okta",
    issuerSettingAdvice: " and keep the issuer mode Okta URL, never Dynamic",
    redirectUriPlace: "the Okta app's first redirect URI",
    serviceKeysPlace: "the app's JWKS",
    serviceGrantPlace: "the access policy has a client_credentials rule for the app",
    serviceTokenChecks: "the authorization server's audience (the OIDC app's client id), its issuer and its default scope",
    accessLabel: "Groups",
    clientSecretVariableExample: "OKTA_CLIENT_SECRET"
  }
};

// lib/identity-providers/by-name.ts
var PROVIDERS = { okta: OKTA, auth0: AUTH0 };
function identityProvider(name) {
  return PROVIDERS[name];
}
function flowOfApplicationType(applicationType) {
  for (const provider of Object.values(PROVIDERS))
    for (const flow of ["spa", "web"]) if (provider.clients[flow].applicationType === applicationType) return flow;
  return void 0;
}

// lib/changes/terraform-json.ts
function resourcesOf(json) {
  const found = /* @__PURE__ */ new Map();
  for (const [kind, prefix] of [
    [json?.resource, ""],
    [json?.data, "data."]
  ])
    for (const [type, byName] of Object.entries(kind ?? {}))
      for (const [name, config] of Object.entries(byName)) {
        const address = `${prefix}${type}.${name}`;
        found.set(address, { address, type: `${prefix}${type}`, name, config });
      }
  return found;
}
function openMetadataRelease(json) {
  return resourcesOf(json).get("helm_release.openmetadata_release");
}
function identityProviderOf(json) {
  const types = Object.keys(json?.resource ?? {});
  if (types.some((type) => type.startsWith("okta_"))) return "okta";
  if (types.some((type) => type.startsWith("auth0_"))) return "auth0";
  return void 0;
}
function userApp(json) {
  for (const resource of resourcesOf(json).values())
    if (resource.type === "okta_app_oauth" && !resource.name.includes("service-app") || resource.type === "auth0_client") return resource;
  return void 0;
}
function flowOf(json) {
  const app = userApp(json)?.config;
  if (!app) return void 0;
  const kind = app["type"] ?? app["app_type"];
  const flow = flowOfApplicationType(kind);
  if (flow === "spa") return "SPA flow (public client, PKCE)";
  if (flow === "web") return "Web flow (confidential client)";
  return `app type ${String(kind)}`;
}
function isProtected(json) {
  for (const resource of resourcesOf(json).values()) {
    const lifecycle = resource.config["lifecycle"];
    if (lifecycle?.prevent_destroy === true) return true;
  }
  return false;
}
function holdsLine(json) {
  const provider = identityProviderOf(json);
  const providerText = provider ? identityProvider(provider).displayName : "no identity provider";
  const flow = flowOf(json)?.replace(/ \(.*\)$/, "");
  const target = openMetadataRelease(json) ? "Kubernetes" : "Collate (identity provider only)";
  const backend = Object.keys(json?.terraform?.backend ?? {})[0] ?? "local";
  const state = { remote: "HCP Terraform", cloud: "HCP Terraform", local: "local" }[backend] ?? backend.toUpperCase();
  return [`${providerText}${flow ? ` ${flow}` : ""}`, target, isProtected(json) ? "protected" : "not protected", `${state} state`].join(
    ", "
  );
}

// lib/changes/diagram.ts
var label = (text) => text.replace(/["<>]/g, "'");
function wiringDiagram(json, changes = []) {
  const provider = identityProvider(identityProviderOf(json) ?? "okta");
  const resources = [...resourcesOf(json).values()];
  const groups = resources.filter((resource) => resource.type === "data.okta_group" || resource.type === "data.auth0_connection");
  const groupNames = groups.map((resource) => String(resource.config["name"])).join(", ");
  const hasServer = resources.some((resource) => resource.type === "okta_auth_server");
  const hasService = resources.some((resource) => resource.type === "okta_app_oauth" && resource.name.includes("service-app"));
  const kubernetes = openMetadataRelease(json) !== void 0;
  const nodes = /* @__PURE__ */ new Map();
  const edges = [];
  nodes.set("groups", `${provider.wording.accessLabel}: ${groupNames || "none named"}`);
  nodes.set("app", `${provider.displayName} app: ${flowOf(json) ?? "none"}`);
  if (hasServer) {
    nodes.set("server", "Authorization server: issuer, audience, scopes, claims");
    nodes.set("policy", "Access policy and rules: grants, scopes, token lifetimes");
  }
  if (hasService) nodes.set("service", "Service app: private_key_jwt, client_credentials");
  if (kubernetes) {
    nodes.set("values", "OpenMetadata values: authentication, authorizer");
    nodes.set("secrets", "Secrets: database, Fernet, JWT keys");
    nodes.set("release", "Helm release openmetadata");
  } else nodes.set("release", "Collate: its SSO settings are sent by hand");
  edges.push("groups --> app");
  if (hasServer) {
    edges.push("app --> server", "server --> policy", "policy --> values".replace("values", kubernetes ? "values" : "release"));
    if (hasService) edges.push("service --> server");
  } else edges.push(`app --> ${kubernetes ? "values" : "release"}`);
  if (kubernetes) edges.push("values --> release", "secrets --> release");
  const touched = new Set(changes.map((change) => change.node).filter((node) => nodes.has(node)));
  const lines = ["flowchart LR", ...[...nodes].map(([id, text]) => `  ${id}["${label(text)}"]`), ...edges.map((edge) => `  ${edge}`)];
  if (touched.size > 0) {
    lines.push("  classDef changed fill:#ffe3b3,stroke:#d9480f,stroke-width:3px");
    lines.push(`  class ${[...touched].join(",")} changed`);
  }
  return lines.join("\n");
}

// lib/changes/report.ts
var MARK = { info: "\u2139\uFE0F info", attention: "\u26A0\uFE0F attention", disruptive: "\u{1F6D1} disruptive" };
function planUnreadLine(reason) {
  return `From the plan: its rows could not be read (${reason}); read the plan itself.`;
}
var cell = (text) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
function table(changes) {
  const rows = changes.map(
    (change) => `| ${MARK[change.level]} | ${cell(change.topic)} | ${cell(change.what)} | ${cell(change.consequences.join("; ") || "none stated")} |`
  );
  return ["| Level | About | What changes | What it means |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
function stackSummary({ stack, head, base, changes, planChanges: planChanges2, planUnread }) {
  const all = [...changes ?? [], ...planChanges2 ?? []];
  const level = worst(all);
  const verdict = level === void 0 ? "no SSO change" : `${MARK[level]} (${countByLevel(all)})`;
  const parts = [`#### What \`${stack}\` changes for sign-in: ${verdict}`, "", `Holds: ${holdsLine(head ?? base)}.`, ""];
  if (changes === void 0) parts.push("No synthesis of the base to compare with: the rows are the plan's alone.", "");
  else if (changes.length > 0) parts.push(table(changes), "");
  else parts.push("The synthesized configuration is the same as the base's.", "");
  if (planChanges2 !== void 0) {
    parts.push("From the plan:", "");
    parts.push(
      planChanges2.length > 0 ? table(planChanges2) : "no identity provider object is replaced or destroyed, no Secret is rotated.",
      ""
    );
  } else if (planUnread !== void 0) parts.push(planUnreadLine(planUnread), "");
  parts.push("```mermaid", wiringDiagram(head ?? base, all), "```", "");
  return parts.join("\n");
}
function countByLevel(changes) {
  return [...LEVELS].reverse().map((level) => [level, changes.filter((change) => change.level === level).length]).filter(([, count]) => count > 0).map(([level, count]) => `${count} ${level}`).join(", ");
}

// lib/ci/terraform.ts
var import_node_child_process = require("node:child_process");
var import_node_fs2 = require("node:fs");
var import_node_path = require("node:path");
var PLAN_FILE = "tfplan";
var STACK_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
function stackFolder(outdir, stack) {
  if (!STACK_ID.test(stack)) throw new UserError(`--stack ${JSON.stringify(stack)} is not a stack id (npm run -s stacks lists them)`);
  const folder = (0, import_node_path.join)(outdir, "stacks", stack);
  if (!(0, import_node_fs2.existsSync)((0, import_node_path.join)(folder, "cdk.tf.json")))
    throw new UserError(`${(0, import_node_path.join)(folder, "cdk.tf.json")} does not exist: run npm run synth first`, { onTheCommandLine: false });
  return folder;
}
function withoutEmptyVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([name, value]) => !(name.startsWith("TF_VAR_") && value === "")));
}
function runTerraform(args, cwd, env, streams) {
  const stdio = (stream) => stream === "capture" ? "pipe" : stream;
  const result = (0, import_node_child_process.spawnSync)("terraform", [...args], {
    cwd,
    env,
    stdio: ["ignore", stdio(streams.stdout), stdio(streams.stderr)],
    encoding: "utf8",
    // `terraform output -json` of a large stack; plans are written to files, never buffered.
    maxBuffer: 256 * 1024 * 1024
  });
  if (result.error?.code === "ENOENT")
    throw new UserError(
      "terraform is not on PATH: install Terraform 1.11.4 (the version CI pins) and run terraform init in the stack folder",
      { onTheCommandLine: false }
    );
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout ?? "" };
}

// lib/ci/sign-in-summary.ts
function readPlanRows(folder, env) {
  let shown;
  try {
    shown = runTerraform(["show", "-json", PLAN_FILE], folder, env, { stdout: "capture", stderr: "inherit" });
  } catch {
    return { unread: "terraform show -json could not be run" };
  }
  if (shown.status !== 0) return { unread: `terraform show -json failed with exit code ${shown.status}` };
  try {
    return { rows: planChanges(parsePlanJson(shown.stdout)) };
  } catch {
    return { unread: "terraform show -json printed no plan this summary can read" };
  }
}
function plannedStack(folder) {
  try {
    return JSON.parse((0, import_node_fs3.readFileSync)((0, import_node_path2.join)(folder, "cdk.tf.json"), "utf8"));
  } catch {
    return void 0;
  }
}
function signInSummary({ stack, head, synthesis, plan: plan2 }) {
  const planRows = plan2 !== void 0 && "rows" in plan2 ? plan2.rows : void 0;
  const unread = plan2 !== void 0 && "unread" in plan2 ? plan2.unread : void 0;
  if ((synthesis ?? []).length === 0 && (planRows ?? []).length === 0) return unread === void 0 ? "" : planUnreadLine(unread);
  return stackSummary({ stack, head, changes: synthesis, planChanges: planRows, planUnread: unread });
}

// lib/ci/plan.ts
var PLAN_PURPOSES = ["deploy", "pull-request", "drift"];
var PLAN_TEXT_FILE = "plan.txt";
var COMMIT_FILE = "commit";
var COMMENT_FILE = "comment.md";
var PLAN_FLAGS = ["-input=false", "-no-color", "-lock=false"];
function summaryOf(options, synthesis, plan2) {
  if (options.changesFile === void 0) return "";
  return signInSummary({ stack: options.stack, head: plannedStack(options.folder), synthesis, plan: plan2 });
}
function plan(options, io) {
  try {
    (0, import_node_fs4.mkdirSync)(options.planDir, { recursive: true });
  } catch (error) {
    throw new UserError(pathProblem("--plan-dir", options.planDir, error));
  }
  const env = withoutEmptyVariables(io.env);
  if (options.purpose === "drift") {
    const { status, text } = planDetailed(options, env, false);
    io.stdout(text);
    return driftResult(options, status, text, io);
  }
  const synthesis = options.changesFile === void 0 ? void 0 : readRowsFile(options.changesFile, options.stack);
  if (options.purpose === "deploy") return planForDeploy(options, synthesis, env, io);
  const saved = options.changesFile !== void 0;
  const savedPlan = (0, import_node_path3.join)(options.folder, PLAN_FILE);
  try {
    const { status, text } = planDetailed(options, env, saved);
    io.stdout(text);
    const plan2 = saved && (status === 0 || status === 2) ? readPlanRows(options.folder, env) : void 0;
    return pullRequestResult(options, status, text, summaryOf(options, synthesis, plan2), io);
  } finally {
    if (saved) (0, import_node_fs4.rmSync)(savedPlan, { force: true });
  }
}
function planForDeploy(options, synthesis, env, io) {
  const { stack, folder, planDir } = options;
  const commit = options.commit ?? "";
  const savedPlan = (0, import_node_path3.join)(folder, PLAN_FILE);
  (0, import_node_fs4.rmSync)(savedPlan, { force: true });
  for (const file of [PLAN_TEXT_FILE, COMMIT_FILE]) (0, import_node_fs4.rmSync)((0, import_node_path3.join)(planDir, file), { force: true });
  const planned = runTerraform(["plan", ...PLAN_FLAGS, `-out=${PLAN_FILE}`], folder, env, { stdout: "inherit", stderr: "inherit" });
  if (planned.status !== 0) {
    reportError(io, `terraform plan failed for ${stack}`, `exit code ${planned.status}; see Terraform's message above`);
    return 1;
  }
  const textFile = (0, import_node_path3.join)(planDir, PLAN_TEXT_FILE);
  const shown = withFile(textFile, (fd) => runTerraform(["show", "-no-color", PLAN_FILE], folder, env, { stdout: fd, stderr: "inherit" }));
  if (shown.status !== 0) {
    (0, import_node_fs4.rmSync)(savedPlan, { force: true });
    reportError(io, `terraform show failed for ${stack}`, `exit code ${shown.status}; see Terraform's message above`);
    return 1;
  }
  (0, import_node_fs4.writeFileSync)((0, import_node_path3.join)(planDir, COMMIT_FILE), `${commit}
`);
  const text = (0, import_node_fs4.readFileSync)(textFile, "utf8");
  if (options.summaryFile !== void 0) {
    const plan2 = options.changesFile === void 0 ? void 0 : readPlanRows(folder, env);
    (0, import_node_fs4.appendFileSync)(
      options.summaryFile,
      changesSection(summaryOf(options, synthesis, plan2)) + planSummary(
        `## Plan of ${stack} at ${commit.slice(0, 7)}`,
        text,
        `the whole plan is ${PLAN_TEXT_FILE} in the plan-${stack} artifact`
      )
    );
  }
  io.stdout(`Saved the plan of ${stack} at ${commit.slice(0, 7)} to ${savedPlan}; its text is ${textFile}.
`);
  return 0;
}
function planDetailed(options, env, save) {
  const textFile = (0, import_node_path3.join)(options.planDir, PLAN_TEXT_FILE);
  const flags = [...PLAN_FLAGS, "-detailed-exitcode", ...save ? [`-out=${PLAN_FILE}`] : []];
  const { status } = withFile(textFile, (fd) => runTerraform(["plan", ...flags], options.folder, env, { stdout: fd, stderr: fd }));
  return { status, text: (0, import_node_fs4.readFileSync)(textFile, "utf8") };
}
function pullRequestResult(options, status, text, changes, io) {
  (0, import_node_fs4.writeFileSync)(
    (0, import_node_path3.join)(options.planDir, COMMENT_FILE),
    pullRequestComment({
      stack: options.stack,
      exitCode: status,
      plan: text,
      commit: options.commit ?? "",
      runUrl: options.runUrl,
      changes
    })
  );
  if (status === 0 || status === 2) return 0;
  reportError(io, `terraform plan failed for ${options.stack}`, "see the plan output above and the pull request comment");
  return 1;
}
function driftResult(options, status, text, io) {
  const { stack, summaryFile } = options;
  if (status === 0) {
    if (summaryFile !== void 0) (0, import_node_fs4.appendFileSync)(summaryFile, `No drift in ${stack}.
`);
    return 0;
  }
  if (status === 2) {
    reportError(
      io,
      `Drift in ${stack}`,
      `${stack} differs from main (${planLine(text) ?? "changes planned"}). Review the plan in this log, then apply main or revert the manual change (help/runbooks/reviewing-a-diff.md).`
    );
    if (summaryFile !== void 0)
      (0, import_node_fs4.appendFileSync)(summaryFile, planSummary(`## Drift in ${stack}`, text, "the whole plan is in the job's log"));
    return 1;
  }
  reportError(io, `terraform plan failed for ${stack}`, `exit code ${status}; see the plan output above (help/runbooks/failed-apply.md).`);
  return 1;
}
function withFile(path, run) {
  const fd = (0, import_node_fs4.openSync)(path, "w");
  try {
    return run(fd);
  } finally {
    (0, import_node_fs4.closeSync)(fd);
  }
}

// lib/cli/command.ts
function defineCommand(declaration) {
  return declaration;
}

// lib/cli/commands/ci-plan.ts
var COMMIT = /^[0-9a-f]{7,64}$/i;
var ciPlanCommand = defineCommand({
  name: "ci:plan",
  usage: `Usage: npm run ci:plan -- --for deploy|pull-request|drift --stack ID --plan-dir DIR [options]

The workflows' terraform plan of one synthesized stack, in <outdir>/stacks/<ID> after terraform init
(help/ci.md): terraform plan -input=false -no-color -lock=false, with every empty TF_VAR_ variable
unset, so a missing secret fails as "No value for required variable". Sensitive values are never printed.

  --for deploy        -out=tfplan in the stack folder; writes DIR/plan.txt (terraform show of it) and
                      DIR/commit (--commit, which the apply checks); appends the approvers' summary
  --for pull-request  -detailed-exitcode; prints the plan and writes it to DIR/plan.txt, and the
                      stack's pull request comment to DIR/comment.md (also when the plan failed)
  --for drift         -detailed-exitcode; prints the plan; drift fails with an error naming the stack;
                      appends the result to the summary

Options:
  --stack ID          the stack id (npm run -s stacks lists them)
  --plan-dir DIR      where plan.txt, commit and comment.md are written (created if missing)
  --commit SHA        the commit planned (deploy and pull-request)
  --summary FILE      markdown file the summary is appended to, e.g. "$GITHUB_STEP_SUMMARY"
  --run-url URL       the run's page, linked from the pull request comment
  --changes FILE      the stack's rows in sign-in terms from the synthesis (npm run changes --out-dir
                      DIR writes DIR/<ID>.json): the stack's summary, with the plan's own rows added
                      (terraform show -json of the plan; --for pull-request then saves it to tfplan
                      and removes it), above the plan in the comment and the summary; a missing file
                      means no base was compared: the plan's rows alone
  --outdir DIR        the synthesized output (default cdktf.out)
  -h, --help          show this help

Problems are GitHub annotations (::error) when GITHUB_ACTIONS=true, "error: ..." lines otherwise.
Exit codes: 0 planned (with or without changes), 1 the plan failed or (drift) found drift,
2 bad usage, a stack that is not synthesized, or no terraform on PATH, 70 an internal error (help/commands.md).
`,
  options: {
    for: { type: "string" },
    stack: { type: "string" },
    "plan-dir": { type: "string" },
    commit: { type: "string" },
    summary: { type: "string" },
    "run-url": { type: "string" },
    changes: { type: "string" },
    outdir: { type: "string", default: "cdktf.out" }
  },
  run({ values }, io) {
    const purpose = values.for;
    if (!PLAN_PURPOSES.includes(purpose))
      throw new UserError(
        purpose === void 0 ? `--for is required: ${PLAN_PURPOSES.join(", ")}` : `--for ${purpose}: use one of ${PLAN_PURPOSES.join(", ")}`
      );
    if (values.stack === void 0) throw new UserError("--stack ID is required: the stack to plan");
    if (values["plan-dir"] === void 0) throw new UserError("--plan-dir DIR is required: where the plan's files go");
    if (values.commit === void 0 && purpose !== "drift")
      throw new UserError(`--commit SHA is required with --for ${purpose}: the commit planned`);
    if (values.commit !== void 0 && !COMMIT.test(values.commit))
      throw new UserError(`--commit ${JSON.stringify(values.commit)} is not a commit hash`);
    return plan(
      {
        purpose,
        stack: values.stack,
        folder: stackFolder(values.outdir, values.stack),
        planDir: values["plan-dir"],
        commit: values.commit,
        summaryFile: values.summary,
        runUrl: values["run-url"],
        changesFile: values.changes
      },
      io
    );
  }
});

// lib/cli/run.ts
var import_node_util = require("node:util");

// lib/config/errors.ts
var ConfigError = class extends UserError {
  constructor(source, problems) {
    const [only] = problems;
    const lines = groupedLines(problems);
    super(
      problems.length === 1 && only.path === SETTING_LEVEL ? `${source} ${only.message}` : `${source}: ${lines.length} problem${lines.length === 1 ? "" : "s"} in the environments
${lines.map((line) => `  - ${line}`).join("\n")}`
    );
    this.source = source;
    this.problems = problems;
    this.name = "ConfigError";
  }
  source;
  problems;
};
var LISTED_ENVIRONMENTS = 10;
function groupedLines(problems) {
  const groups = /* @__PURE__ */ new Map();
  for (const problem of problems) {
    const key = problem.environment === void 0 ? formatProblem(problem) : formatProblem({ ...problem, environment: "\0" });
    const group = groups.get(key);
    if (group && problem.environment !== void 0) group.environments.push(problem.environment);
    else
      groups.set(group ? `${key}\0${groups.size}` : key, {
        problem,
        environments: problem.environment === void 0 ? [] : [problem.environment]
      });
  }
  return [...groups.values()].map(({ problem, environments }) => {
    if (environments.length <= 1) return formatProblem(problem);
    const listed = environments.slice(0, LISTED_ENVIRONMENTS).map((name) => JSON.stringify(name));
    const more = environments.length > LISTED_ENVIRONMENTS ? ` and ${environments.length - LISTED_ENVIRONMENTS} more` : "";
    const line = formatProblem({ ...problem, environment: "\0" });
    return line.replace('environment "\0"', `${environments.length} environments (${listed.join(", ")}${more})`);
  });
}
var FILE_LEVEL = "(file)";
var SETTING_LEVEL = "(setting)";
function formatProblem(problem) {
  if (problem.path === FILE_LEVEL) return `the file ${problem.message}`;
  if (problem.path === SETTING_LEVEL) return problem.message;
  const where = problem.environment ? `environment "${problem.environment}", ` : "";
  const secret = problem.secret === true || looksLikeSecretValue(problem.value);
  let found = problem.value === void 0 ? "missing" : `got ${describeValue(problem.value)}`;
  if (problem.value !== void 0 && secret) found = "a value that may be secret (not shown)";
  const message = secret ? withoutValue(problem.message, problem.value) : problem.message;
  if (!problem.path && problem.environment) return `environment "${problem.environment}": ${found}; ${message}`;
  return `${where}field ${problem.path || "(root)"}: ${found}; ${message}`;
}
function describeValue(value) {
  const text = JSON.stringify(value);
  if (text === void 0) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// lib/cli/run.ts
var HELP = { help: { type: "boolean", short: "h", default: false } };
async function runCommand(command, args, io) {
  const options = { ...command.options, ...HELP };
  let parsed;
  try {
    parsed = (0, import_node_util.parseArgs)({
      args: [...args],
      options,
      strict: true,
      allowPositionals: command.positionals === true || command.environment !== void 0
    });
  } catch (error) {
    return usageError(command.name, describeArgumentError(error, Object.keys(options), command.usage), io.stderr);
  }
  if (parsed.values.help) {
    io.stdout(command.usage.endsWith("\n") ? command.usage : `${command.usage}
`);
    return 0;
  }
  try {
    const selected = command.environment ? command.environment.select(command.name, parsed.positionals, io) : {};
    return await command.run({ ...parsed, ...selected }, io);
  } catch (error) {
    return answer(command.name, error, io);
  }
}
function answer(name, error, io) {
  if (error instanceof ConfigError) {
    io.stderr(`${error.message}
`);
    return USER_ERROR_EXIT_CODE;
  }
  if (error instanceof UserError && !error.onTheCommandLine) {
    io.stderr(`error: ${error.message}
`);
    return USER_ERROR_EXIT_CODE;
  }
  if (error instanceof UserError) return usageError(name, error.message, io.stderr);
  return internalError(name, error, io.stderr);
}
function processIo() {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd()
  };
}
function runFromCommandLine(command) {
  const io = processIo();
  void runCommand(command, process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    // Only a failing stderr gets here; the answer is still an internal error, not a stack trace.
    (error) => {
      process.exitCode = internalError(command.name, error, io.stderr);
    }
  );
}

// scripts/ci-plan.ts
runFromCommandLine(ciPlanCommand);
