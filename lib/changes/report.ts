import { LEVELS, worst, type Change, type Level } from "./change";
import { wiringDiagram } from "./diagram";
import { holdsLine, type StackJson } from "./terraform-json";

/** The Markdown a reviewer reads for one stack: a verdict, the changes by topic, the picture. */

const MARK: Record<Level, string> = { info: "ℹ️ info", attention: "⚠️ attention", disruptive: "🛑 disruptive" };

export interface StackSummaryInput {
  readonly stack: string;
  readonly head: StackJson | undefined;
  readonly base?: StackJson | undefined;
  /** The synthesis' rows; undefined when no base synthesis was compared (CI without one: the plan's rows alone). */
  readonly changes: readonly Change[] | undefined;
  /** The plan's own findings (replacements, rotations), when a plan was given. */
  readonly planChanges?: readonly Change[] | undefined;
  /** Why a plan's rows could not be read (CI: terraform show -json failed); said in their place. */
  readonly planUnread?: string | undefined;
}

/** The one line said when a plan's rows could not be read: the plan itself is still to be read. */
export function planUnreadLine(reason: string): string {
  return `From the plan: its rows could not be read (${reason}); read the plan itself.`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(changes: readonly Change[]): string {
  const rows = changes.map(
    (change) =>
      `| ${MARK[change.level]} | ${cell(change.topic)} | ${cell(change.what)} | ${cell(change.consequences.join("; ") || "none stated")} |`,
  );
  return ["| Level | About | What changes | What it means |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

export function stackSummary({ stack, head, base, changes, planChanges, planUnread }: StackSummaryInput): string {
  const all = [...(changes ?? []), ...(planChanges ?? [])];
  const level = worst(all);
  const verdict = level === undefined ? "no SSO change" : `${MARK[level]} (${countByLevel(all)})`;
  const parts = [`#### What \`${stack}\` changes for sign-in: ${verdict}`, "", `Holds: ${holdsLine(head ?? base)}.`, ""];
  if (changes === undefined) parts.push("No synthesis of the base to compare with: the rows are the plan's alone.", "");
  else if (changes.length > 0) parts.push(table(changes), "");
  else parts.push("The synthesized configuration is the same as the base's.", "");
  if (planChanges !== undefined) {
    parts.push("From the plan:", "");
    parts.push(
      planChanges.length > 0 ? table(planChanges) : "no identity provider object is replaced or destroyed, no Secret is rotated.",
      "",
    );
  } else if (planUnread !== undefined) parts.push(planUnreadLine(planUnread), "");
  parts.push("```mermaid", wiringDiagram(head ?? base, all), "```", "");
  return parts.join("\n");
}

function countByLevel(changes: readonly Change[]): string {
  return [...LEVELS]
    .reverse()
    .map((level) => [level, changes.filter((change) => change.level === level).length] as const)
    .filter(([, count]) => count > 0)
    .map(([level, count]) => `${count} ${level}`)
    .join(", ");
}
