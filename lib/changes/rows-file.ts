import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathProblem } from "../cli-usage";
import { UserError } from "../errors";
import { LEVELS, type Change } from "./change";

/**
 * The synthesis' rows of one stack, as JSON: `npm run changes --out-dir DIR` writes DIR/<stack>.json
 * for every stack it compared, changed or not, beside the changed stacks' <stack>.md. ci:plan reads it
 * to put the stack's summary above a CI plan with the plan's own rows added, without the base's
 * synthesis and without the yaml package the comparison needs (help/ci.md). No file means no base was
 * compared. The rows are the summary's words, which never hold a secret value (help/changes.md).
 */

interface RowsFile {
  readonly stack: string;
  readonly changes: readonly Change[];
}

export function rowsFilePath(dir: string, stack: string): string {
  return join(dir, `${stack}.json`);
}

export function writeRowsFile(dir: string, stack: string, changes: readonly Change[]): void {
  const file: RowsFile = { stack, changes };
  writeFileSync(rowsFilePath(dir, stack), `${JSON.stringify(file, null, 2)}\n`);
}

const isText = (value: unknown): value is string => typeof value === "string";

/** What is wrong with a row, or undefined. */
function rowProblem(row: unknown, index: number): string | undefined {
  if (typeof row !== "object" || row === null) return `changes[${index}] is not an object`;
  const fields = row as Record<string, unknown>;
  if (!LEVELS.includes(fields["level"] as Change["level"])) return `changes[${index}].level is not one of ${LEVELS.join(", ")}`;
  for (const name of ["topic", "what", "node", "where"]) if (!isText(fields[name])) return `changes[${index}].${name} is not text`;
  const consequences = fields["consequences"];
  if (!Array.isArray(consequences) || !consequences.every(isText)) return `changes[${index}].consequences is not a list of text`;
  return undefined;
}

/** The rows of `stack` in `path`, or undefined when there is no such file (no base was compared). */
export function readRowsFile(path: string, stack: string): readonly Change[] | undefined {
  if (!existsSync(path)) return undefined;
  const refused = (problem: string) =>
    new UserError(`--changes ${path}: ${problem}; it is written by npm run changes --out-dir DIR as DIR/${stack}.json`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UserError(pathProblem("--changes", path, error));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refused("not JSON");
  }
  const file = parsed as Partial<RowsFile> | null;
  if (typeof file !== "object" || file === null || !Array.isArray(file.changes)) throw refused("no changes list");
  if (file.stack !== stack) throw refused(`the rows of ${JSON.stringify(file.stack)}, not of ${stack}`);
  const problem = file.changes.map(rowProblem).find((found) => found !== undefined);
  if (problem !== undefined) throw refused(problem);
  return file.changes;
}
