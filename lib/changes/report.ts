import { LEVELS, worst, type Change, type Level } from "./change";
import { wiringDiagram } from "./diagram";
import { holdsLine, type StackJson } from "./terraform-json";

/** The Markdown a reviewer reads for one stack: a verdict, the changes by topic, the picture. */

const MARK: Record<Level, string> = { info: "ℹ️ info", attention: "⚠️ attention", disruptive: "🛑 disruptive" };

export interface StackSummaryInput {
  readonly stack: string;
  readonly head: StackJson | undefined;
  readonly base?: StackJson | undefined;
  readonly changes: readonly Change[];
  /** The plan's own findings (replacements, rotations), when a plan was given. */
  readonly planChanges?: readonly Change[] | undefined;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(changes: readonly Change[]): string {
  const rows = changes.map(
    (change) =>
      `| ${MARK[change.level]} | ${cell(change.topic)} | ${cell(change.what)} | ${cell(change.consequences.join("; ") || "none stated")} |`,
  );
  return ["| Level | About | What changes | What it means |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

export function stackSummary({ stack, head, base, changes, planChanges }: StackSummaryInput): string {
  const all = [...changes, ...(planChanges ?? [])];
  const level = worst(all);
  const verdict = level === undefined ? "no SSO change" : `${MARK[level]} (${countByLevel(all)})`;
  const parts = [`#### What \`${stack}\` changes for sign-in: ${verdict}`, "", `Holds: ${holdsLine(head ?? base)}.`, ""];
  if (changes.length > 0) parts.push(table(changes), "");
  else parts.push("The synthesized configuration is the same as the base's.", "");
  if (planChanges !== undefined) {
    parts.push("From the plan:", "");
    parts.push(
      planChanges.length > 0 ? table(planChanges) : "no identity provider object is replaced or destroyed, no Secret is rotated.",
      "",
    );
  }
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
