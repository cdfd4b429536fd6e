import { existsSync, readFileSync } from "node:fs";
import { UserError } from "../errors";
import { CONSEQUENCE, sortByWiring, TOPICS, type Change } from "./change";

/**
 * What a plan adds to the synthesis' comparison: which objects Terraform replaces or destroys and
 * which attribute forces it, and the Secrets rotated. Read from `terraform show -json PLANFILE`
 * (the JSON output format, format_version 1.x: `resource_changes[].change.actions`,
 * `replace_paths`, `action_reason`). Only addresses and attribute names are read, never a value,
 * so a sensitive value cannot reach the summary.
 */

interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name?: string;
  readonly mode?: string;
  readonly action_reason?: string;
  /** Each path's steps: attribute names and map keys (strings), list indexes (numbers), set elements (their value). */
  readonly change: { readonly actions: readonly string[]; readonly replace_paths?: readonly (readonly unknown[])[] };
}

export interface PlanJson {
  readonly format_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
}

/**
 * A plan's JSON as `terraform show -json` prints it. The Error says what is wrong without quoting the
 * text: a plan holds the prior state and sensitive values in clear, and V8's JSON.parse message quotes
 * the text around the error.
 */
export function parsePlanJson(text: string): PlanJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("is not JSON");
  }
  const plan = parsed as PlanJson;
  if (typeof parsed !== "object" || parsed === null || typeof plan.format_version !== "string")
    throw new Error("is not the JSON of a plan (no format_version)");
  return plan;
}

export function readPlanJson(path: string): PlanJson {
  if (!existsSync(path)) throw new UserError(`${path} does not exist: write it with terraform show -json tfplan > ${path}`);
  try {
    return parsePlanJson(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UserError(`${path} ${(error as Error).message}: write it with terraform show -json tfplan`);
  }
}

const isReplace = (actions: readonly string[]) => actions.includes("delete") && actions.includes("create");

/**
 * "type" or "redirect_uris[0]" from a replace path. A step that is neither a name nor an index is a set
 * element, which Terraform writes as the element's value (hashicorp/terraform@v1.11.4
 * internal/command/jsonplan/plan.go:997-1018): it is not shown.
 */
const pathText = (path: readonly unknown[]) =>
  path
    .map((step, index) => {
      if (typeof step === "number") return `[${step}]`;
      if (typeof step !== "string") return "[…]";
      return index === 0 ? step : `.${step}`;
    })
    .join("");

/**
 * Terraform's reasons are words like replace_because_cannot_update (hashicorp/terraform@v1.11.4
 * internal/command/jsonplan/plan.go:36-48); anything else is not shown.
 */
const reasonText = (reason: string | undefined) => (reason !== undefined && /^[a-z_]+$/.test(reason) ? reason : "not given");

function replacementMeaning(change: ResourceChange): {
  level: Change["level"];
  topic: string;
  node: Change["node"];
  consequences: string[];
} {
  const { type, address } = change;
  if ((type === "okta_app_oauth" || type === "auth0_client") && !address.includes("service-app"))
    return { level: "disruptive", topic: TOPICS.APP, node: "app", consequences: [CONSEQUENCE.newClientId, CONSEQUENCE.ssoSync] };
  if (type === "okta_app_oauth")
    return {
      level: "disruptive",
      topic: TOPICS.SERVICE,
      node: "service",
      consequences: ["new service app client id: its clients must use the new one (help/service-app.md)"],
    };
  if (type === "okta_auth_server")
    return {
      level: "disruptive",
      topic: TOPICS.SERVER,
      node: "server",
      consequences: [CONSEQUENCE.newIssuer, CONSEQUENCE.signInAgain, CONSEQUENCE.ssoSync],
    };
  if (type.startsWith("okta_auth_server_polic"))
    return {
      level: "attention",
      topic: TOPICS.SERVER,
      node: "policy",
      consequences: [
        "destroyed, then created in the same apply: the policy or rule gets a new id (help/runbooks/reviewing-a-diff.md, `-/+`)",
      ],
    };
  if (type === "okta_app_group_assignments" || type === "auth0_connection_client")
    return {
      level: "attention",
      topic: TOPICS.WHO,
      node: "groups",
      consequences: ["the assignments are made again, for the app as it is after the apply (help/runbooks/reviewing-a-diff.md, `-/+`)"],
    };
  if (type.startsWith("okta_") || type.startsWith("auth0_"))
    return {
      level: "attention",
      topic: TOPICS.SCOPES,
      node: "server",
      consequences: ["the identity provider object gets a new id (help/runbooks/reviewing-a-diff.md)"],
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

/** The plan's changes worth a reviewer's words; updates in place are left to the synthesis' comparison. */
export function planChanges(plan: PlanJson): Change[] {
  const changes: Change[] = [];
  for (const change of plan.resource_changes ?? []) {
    const { actions } = change.change;
    if (change.mode === "data" || actions.every((action) => action === "no-op" || action === "read")) continue;
    if (isReplace(actions)) {
      const meaning = replacementMeaning(change);
      const paths = (change.change.replace_paths ?? []).map(pathText);
      const forcedBy =
        paths.length > 0 ? `forced by ${paths.map((path) => `\`${path}\``).join(", ")}` : `reason: ${reasonText(change.action_reason)}`;
      changes.push({
        level: meaning.level,
        topic: meaning.topic,
        what: `${change.address} is replaced (${forcedBy})`,
        consequences: meaning.consequences,
        node: meaning.node,
        where: change.address,
      });
    } else if (actions.includes("delete") && (change.type.startsWith("okta_") || change.type.startsWith("auth0_"))) {
      const meaning = replacementMeaning(change);
      changes.push({
        level: "disruptive",
        topic: meaning.topic,
        what: `${change.address} is destroyed`,
        consequences: meaning.consequences.filter((text) => text !== CONSEQUENCE.ssoSync),
        node: meaning.node,
        where: change.address,
      });
    } else if (actions.includes("update") && change.type === "kubernetes_secret_v1") {
      changes.push({
        level: "attention",
        topic: TOPICS.SECRETS,
        what: `${change.address} is rotated (values not shown)`,
        consequences: [CONSEQUENCE.restart],
        node: "secrets",
        where: change.address,
      });
    }
  }
  return sortByWiring(changes);
}
