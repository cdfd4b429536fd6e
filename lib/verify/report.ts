import type { CheckResult, VerifyReport } from "./checks";

/** `--json`: the report as is; it never holds a token or key, so nothing is filtered here. */
export function reportAsJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** A table for people: check, status, detail, and the fix under each failed check. */
export function reportAsTable(report: VerifyReport, stackId: string): string {
  const header: [string, string, string] = ["CHECK", "STATUS", "DETAIL"];
  const rows = report.checks.map((check): [string, string, string] => [check.name, check.status.toUpperCase(), check.detail]);
  const nameWidth = Math.max(...[header, ...rows].map(([name]) => name.length));
  const statusWidth = Math.max(...[header, ...rows].map(([, status]) => status.length));
  const line = ([name, status, detail]: [string, string, string]) => `${name.padEnd(nameWidth)}  ${status.padEnd(statusWidth)}  ${detail}`;
  const indent = " ".repeat(nameWidth + statusWidth + 4);

  const body = report.checks.flatMap((check, index) => [line(rows[index]!), ...(check.hint ? [`${indent}fix: ${check.hint}`] : [])]);
  return [`SSO verification of ${report.environment} (${stackId})`, "", line(header), ...body, "", summary(report.checks), ""].join("\n");
}

function summary(checks: readonly CheckResult[]): string {
  const count = (status: CheckResult["status"]) => checks.filter((check) => check.status === status).length;
  const failures = count("fail");
  const tally = `${count("pass")} passed, ${failures} failed, ${count("skip")} skipped`;
  return failures === 0 ? `OK: ${tally}` : `FAILED: ${tally}`;
}
