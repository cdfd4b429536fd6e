import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, extname } from "node:path";
import { parseDocument } from "yaml";
import { parseEnvironments } from "../config/load-environments";
import { quoted } from "../secret-shape";
import { decodeUtf8, startsWithUtf8ByteOrderMark } from "../text/file-text";
import { AdoptUsageError } from "./okta-management-api";

/** The UTF-8 byte order mark, as text; the loader reads past it (lib/text/file-text.ts). */
const UTF8_BOM = "\uFEFF";

/**
 * Writes the section into the environment's entry, keeping the file's comments and layout, and only
 * after the result loads without a problem: a file this tool broke is never left behind. A file that
 * starts with a UTF-8 byte order mark keeps it.
 */
export function writeAdoptSection(file: string, environmentName: string, adopt: object): void {
  const bytes = readFileSync(file);
  const decoded = decodeUtf8(bytes);
  // The loader read this file a moment ago; a file changed since into something else is refused, not guessed at.
  if ("problem" in decoded) throw new AdoptUsageError(`${file} ${decoded.problem}`);
  const text = decoded.text;
  const byteOrderMark = startsWithUtf8ByteOrderMark(bytes);
  const format = extname(file).toLowerCase() === ".json" ? "json" : "yaml";
  let updated: string;
  if (format === "json") {
    const json = JSON.parse(text) as { environments: Record<string, unknown>[] };
    const entry = json.environments.find((candidate) => candidate["name"] === environmentName);
    if (!entry) throw new AdoptUsageError(`no environment ${quoted(environmentName)} in ${file}`);
    entry["adopt"] = adopt;
    updated = `${JSON.stringify(json, null, 2)}\n`;
  } else {
    const document = parseDocument(text);
    const list = document.toJS().environments as { name: string }[];
    const index = list.findIndex((candidate) => candidate.name === environmentName);
    if (index < 0) throw new AdoptUsageError(`no environment ${quoted(environmentName)} in ${file}`);
    document.setIn(["environments", index, "adopt"], document.createNode(adopt));
    updated = document.toString({ lineWidth: 0 });
  }
  parseEnvironments(updated, { source: file, format, baseDir: dirname(file) });
  const temporary = `${file}.adopt-${process.pid}`;
  writeFileSync(temporary, byteOrderMark ? `${UTF8_BOM}${updated}` : updated);
  renameSync(temporary, file);
}
