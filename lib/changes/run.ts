import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { pathProblem } from "../cli-usage";
import { join } from "node:path";
import { UserError } from "../errors";
import type { Change } from "./change";
import { compareStacks, shownValue } from "./compare";
import { wiringDiagram } from "./diagram";
import { planChanges, readPlanJson } from "./plan";
import { stackSummary } from "./report";
import { writeRowsFile } from "./rows-file";
import { releaseValues } from "./release-values";
import { flowOf, readStackJson, resourcesOf, holdsLine, userApp, type StackJson } from "./terraform-json";

/** The stack folders of a synthesis (`<outdir>/stacks/*` holding a cdk.tf.json). */
function stacksIn(outdir: string): string[] {
  const dir = join(outdir, "stacks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "cdk.tf.json")))
    .map((entry) => entry.name)
    .sort();
}

export interface ChangesOptions {
  readonly base: string;
  readonly head: string;
  /** A folder of `<stack>.json` files, `terraform show -json` of each stack's plan. */
  readonly plans?: string | undefined;
  /**
   * Where `<stack>.md` is written for each changed stack, and `<stack>.json`, the synthesis' rows, for every
   * stack compared (ci:plan reads it and adds the plan's rows: rows-file.ts).
   */
  readonly outDir?: string | undefined;
}

export interface ChangesResult {
  readonly text: string;
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
}

export function changes(options: ChangesOptions): ChangesResult {
  if (!existsSync(options.base)) throw new UserError(`--base ${options.base} does not exist: name the base's cdktf.out`);
  if (!statSync(options.base).isDirectory())
    throw new UserError(`--base ${options.base} is a file, not a folder: name the base's cdktf.out`);
  if (stacksIn(options.head).length === 0)
    throw new UserError(`${options.head} holds no synthesized stack: run npm run synth first (or name it with --head)`);
  if (options.plans !== undefined && !existsSync(options.plans))
    throw new UserError(`--plans ${options.plans} does not exist: a folder of <stack>.json files (terraform show -json tfplan)`);
  if (options.plans !== undefined && !statSync(options.plans).isDirectory())
    throw new UserError(`--plans ${options.plans} is a file, not a folder: a folder of <stack>.json files (terraform show -json tfplan)`);
  const stacks = [...new Set([...stacksIn(options.base), ...stacksIn(options.head)])].sort();
  const sections: string[] = [];
  const changed: string[] = [];
  const unchanged: string[] = [];
  if (options.outDir !== undefined) {
    try {
      mkdirSync(options.outDir, { recursive: true });
    } catch (error) {
      throw new UserError(pathProblem("--out-dir", options.outDir, error));
    }
  }
  for (const stack of stacks) {
    const base = readStackJson(options.base, stack);
    const head = readStackJson(options.head, stack);
    const planFile = options.plans === undefined ? undefined : join(options.plans, `${stack}.json`);
    const fromPlan: Change[] | undefined = planFile !== undefined && existsSync(planFile) ? planChanges(readPlanJson(planFile)) : undefined;
    const found = compareStacks(base, head);
    if (options.outDir !== undefined) writeRowsFile(options.outDir, stack, found);
    if (found.length === 0 && (fromPlan === undefined || fromPlan.length === 0)) {
      unchanged.push(stack);
      continue;
    }
    changed.push(stack);
    const section = stackSummary({ stack, head, base, changes: found, planChanges: fromPlan });
    sections.push(section);
    if (options.outDir !== undefined) writeFileSync(join(options.outDir, `${stack}.md`), section);
  }
  const list = (names: readonly string[]) => (names.length === 0 ? "none" : names.map((name) => `\`${name}\``).join(", "));
  const text = [...sections, `Unchanged: ${list(unchanged)}`, ""].join("\n");
  return { text, changed, unchanged };
}

/** One environment on its own: what it holds, its settings in sign-in terms, and its wiring. */
export function explain(stack: string, json: StackJson): string {
  const resources = resourcesOf(json);
  const app = userApp(json)?.config;
  const rule = resources.get("okta_auth_server_policy_rule.okta_authorization-server_user-login-rule")?.config;
  const server = resources.get("okta_auth_server.okta_authorization-server_server")?.config;
  const values = releaseValues(json) as { openmetadata?: { config?: { authentication?: any; authorizer?: any } } } | undefined;
  const authorizer = values?.openmetadata?.config?.authorizer;
  const admitted = [...resources.values()]
    .filter((resource) => resource.type === "data.okta_group" || resource.type === "data.auth0_connection")
    .map((resource) => `\`${String(resource.config["name"])}\``);
  const list = (value: unknown) => {
    if (value === undefined) return "—";
    return (Array.isArray(value) ? value : [value]).map((item) => `\`${shownValue(item)}\``).join(", ");
  };
  const rows: [string, string][] = [
    ["Flow", flowOf(json) ?? "—"],
    ["Redirect URIs", list(app?.["redirect_uris"] ?? app?.["callbacks"])],
    ["Logout URIs", list(app?.["post_logout_redirect_uris"] ?? app?.["allowed_logout_urls"])],
    ["Grant types", list(app?.["grant_types"])],
    ["PKCE required", list(app?.["pkce_required"])],
    ["Consent", list(app?.["consent_method"])],
    [
      "Issuer mode, audiences",
      server ? `${list(server["issuer_mode"])}; ${list(server["audiences"])}` : "— (no custom authorization server)",
    ],
    ["Who may sign in", admitted.join(", ") || "—"],
    [
      "Token lifetimes (minutes)",
      rule
        ? `access ${list(rule["access_token_lifetime_minutes"])}, refresh ${list(rule["refresh_token_lifetime_minutes"])}, idle window ${list(rule["refresh_token_window_minutes"])}`
        : "—",
    ],
    ["Service app", [...resources.values()].some((resource) => resource.name.includes("service-app")) ? "yes (private_key_jwt)" : "no"],
    ["OpenMetadata admins", list(authorizer?.initialAdmins)],
    ["Principal domain", list(authorizer?.principalDomain)],
    ["Public keys", list(values?.openmetadata?.config?.authentication?.publicKeys)],
  ];
  return [
    `#### \`${stack}\``,
    "",
    `Holds: ${holdsLine(json)}.`,
    "",
    "| Setting | Value |",
    "| --- | --- |",
    ...rows.map(([name, value]) => `| ${name} | ${value.replace(/\|/g, "\\|")} |`),
    "",
    "```mermaid",
    wiringDiagram(json),
    "```",
    "",
  ].join("\n");
}
