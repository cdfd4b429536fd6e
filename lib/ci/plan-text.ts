/**
 * The texts people read a plan in: the run's summary page (deploy's approvers, drift) and the pull
 * request comment. Pure functions of the plan text.
 */

/** A job summary is limited to 1 MiB: the plan shown in one is cut at this many bytes. */
export const SUMMARY_PLAN_BYTES = 900_000;

/** GitHub rejects comment bodies over this many characters. */
export const COMMENT_LIMIT = 65_536;

/** A fence longer than any backtick run inside the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longestRun + 1));
}

/** The first `limit` bytes of `text`, never half a character. */
function headBytes(text: string, limit: number): { readonly shown: string; readonly cut: number } {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= limit) return { shown: text, cut: 0 };
  let end = limit;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return { shown: bytes.subarray(0, end).toString("utf8"), cut: bytes.length - end };
}

/**
 * A heading and the plan in a text block, for $GITHUB_STEP_SUMMARY. `whereInFull` says where the whole
 * plan is when it was cut.
 */
export function planSummary(heading: string, plan: string, whereInFull: string): string {
  const { shown, cut } = headBytes(plan, SUMMARY_PLAN_BYTES);
  const fence = fenceFor(shown);
  const truncated = cut > 0 ? `\n... truncated ${cut} bytes; ${whereInFull}.\n` : "";
  return `${heading}\n\n${fence}text\n${shown}${shown.endsWith("\n") ? "" : "\n"}${fence}\n${truncated}`;
}

/** The line that finds a stack's pull request comment again on the next push. */
export function diffMarker(stack: string): string {
  return `<!-- cdktf-diff:${stack} -->`;
}

/** The plan's "Plan: N to add, ..." line, if it has one. */
export function planLine(plan: string): string | undefined {
  return /^Plan: .*$/m.exec(plan)?.[0];
}

export interface PullRequestCommentInput {
  readonly stack: string;
  /** `terraform plan -detailed-exitcode`'s: 0 no changes, 2 changes, anything else failed. */
  readonly exitCode: number;
  /** What the plan printed, stdout and stderr. */
  readonly plan: string;
  readonly commit: string;
  /** The run's page; without it the comment names only the commit. */
  readonly runUrl?: string | undefined;
  /** The stack's summary in sign-in terms (`npm run changes`), shown above the plan. */
  readonly changes?: string | undefined;
}

/** The sign-in summary at most this long in a comment: the plan below keeps the rest of the room. */
export const CHANGES_LIMIT = 20_000;

/** The summary cut to `limit` characters at a line end, and said so; a cut Mermaid block would not render, so it is dropped. */
export function changesSection(changes: string | undefined, limit = CHANGES_LIMIT): string {
  const text = changes?.trim() ?? "";
  if (text === "") return "";
  if (text.length <= limit) return `${text}\n\n`;
  const withoutPicture = text.replace(/```mermaid\n[\s\S]*?```\n?/, "").trim();
  const cutAt = withoutPicture.lastIndexOf("\n", limit);
  const kept = withoutPicture.length <= limit ? withoutPicture : withoutPicture.slice(0, cutAt > 0 ? cutAt : limit);
  return `${kept}\n\n... the sign-in summary is longer; run npm run changes for all of it.\n\n`;
}

/** One stack's pull request comment: marker, summary line, and the plan, cut to fit GitHub's limit. */
export function pullRequestComment({ stack, exitCode, plan: printed, commit, runUrl, changes }: PullRequestCommentInput): string {
  const plan = printed.trim();
  let summary = "plan failed";
  if (exitCode === 0) summary = "no changes";
  else if (exitCode === 2) summary = planLine(plan) ?? "changes";
  const fence = fenceFor(plan);
  const where = runUrl ? `Commit ${commit.slice(0, 7)}, [run log](${runUrl}).` : `Commit ${commit.slice(0, 7)}.`;
  const head =
    `${diffMarker(stack)}\n### cdktf diff \`${stack}\`: ${summary}\n\n${changesSection(changes)}${where} How to read it: help/runbooks/reviewing-a-diff.md\n\n` +
    `<details${exitCode === 0 ? "" : " open"}><summary>terraform plan</summary>\n\n${fence}text\n`;
  const tail = `\n${fence}\n</details>\n`;
  // Keep the start of the plan and say so; 200 characters leave room for the note.
  const limit = COMMENT_LIMIT - head.length - tail.length - 200;
  const shown =
    plan.length <= limit
      ? plan
      : `${plan.slice(0, limit)}\n\n... truncated ${plan.length - limit} characters; the full plan is in the run log.`;
  return `${head}${shown}${tail}`;
}
