/**
 * One change in the reviewer's terms: what it is, what it means for the people who sign in, how
 * careful to be. Every consequence names the page of help/ or the upstream source it comes from, so a
 * reviewer can check it; a figure nobody measured is not given, what it depends on is.
 */

export const LEVELS = ["info", "attention", "disruptive"] as const;
export type Level = (typeof LEVELS)[number];

/** The boxes of the wiring diagram a change can touch. */
export type DiagramNode = "groups" | "app" | "server" | "policy" | "service" | "values" | "secrets" | "release";

export interface Change {
  readonly level: Level;
  /** The heading it is listed under ("The app", "Token lifetimes", ...). */
  readonly topic: string;
  /** What changes, with the values where they are not secret. */
  readonly what: string;
  /** What it means for people; each ends with its source in parentheses. */
  readonly consequences: readonly string[];
  readonly node: DiagramNode;
  /** The Terraform address (and attribute) it was read from. */
  readonly where: string;
}

/**
 * The headings a change is listed under, in the order of the wiring (who, app, server, policy, service,
 * values, Secrets, what restarts, not understood): sortByWiring sorts by it. Here rather than in
 * compare.ts, which parses the release's YAML values: the plan's rows and the summary are bundled into
 * .github/ci/ci-plan.cjs, node built-ins only (help/ci.md).
 */
export const TOPICS = {
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
  OTHER: "Not understood",
} as const;

export function sortByWiring(changes: readonly Change[]): Change[] {
  // TOPICS is listed in the order of the wiring; read here, not at load, so a bundle that never sorts drops it.
  const order: readonly string[] = Object.values(TOPICS);
  const rank = (topic: string) => order.indexOf(topic);
  // Within a topic, the most disruptive first: the line a reviewer must not miss is on top.
  const weight = (change: Change) => ["disruptive", "attention", "info"].indexOf(change.level);
  return [...changes].sort((a, b) => rank(a.topic) - rank(b.topic) || weight(a) - weight(b));
}

export const worst = (changes: readonly Change[]): Level | undefined =>
  changes.reduce<Level | undefined>(
    (found, change) => (found === undefined || LEVELS.indexOf(change.level) > LEVELS.indexOf(found) ? change.level : found),
    undefined,
  );

/** The consequences the project's pages state, worded once; each cites where it is stated. */
export const CONSEQUENCE = {
  signInAgain:
    "every signed-in user must sign in again: open sessions end (help/runbooks/reviewing-a-diff.md, replacement of the OIDC app)",
  newClientId:
    "new client id: OpenMetadata's values follow in the same apply, but a running OpenMetadata keeps the old one in its database until synced; open sessions end (help/runbooks/reviewing-a-diff.md; help/kubernetes.md, caveat)",
  newIssuer:
    "new issuer URL: OpenMetadata's `authority` and public keys change; tokens of the old issuer stop validating (help/runbooks/reviewing-a-diff.md)",
  restart:
    "OpenMetadata restarts: the changed checksum annotation rolls the Deployment (help/kubernetes.md, a change restarts the server); with one replica it is down until the new pod is ready, which depends on the image pull and the server's start-up (help/runbooks/first-deploy.md: a few minutes)",
  ssoSync:
    "the stored SSO settings must be synced: OpenMetadata keeps them in its database and ignores later Helm values (`npm run sso-sync -- <env> --outputs FILE --apply`, help/sso-sync.md)",
  botKey:
    "the ingestion bot's key changes: every bot and personal access token already issued becomes invalid, pipelines fail until the bots have new tokens (help/runbooks/rotating-keys.md)",
  serviceKey:
    "the service app's keys change: a client still signing with the old private key is refused until it uses the new one (help/runbooks/rotating-keys.md, the Okta service app's key)",
  newTokens:
    "tokens issued from the apply on carry the new lifetime: the rule sets the lifetimes of the tokens the server issues (help/okta-guide-mapping.md, Add rule)",
  redirect: "a sign-in whose redirect or logout URI is no longer listed is refused by the identity provider (help/troubleshooting.md)",
  generatedSecret:
    "a new generated secret: a database initialised with the old password keeps it, so OpenMetadata loses its connection; a new Fernet key makes stored connection secrets unreadable (help/runbooks/reviewing-a-diff.md, a sensitive value changes)",
  namespace: "everything in the namespace is deleted, volumes included (help/runbooks/reviewing-a-diff.md)",
  protectedReplace:
    "on a protected stack the plan fails with `Instance cannot be destroyed`; find why it would be replaced (help/runbooks/reviewing-a-diff.md)",
  notUnderstood: "not explained by this summary: read it in the plan (help/runbooks/reviewing-a-diff.md)",
} as const;
