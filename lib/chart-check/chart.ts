import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { ChartCheckError } from "./errors";
import { compileSchema, type CompiledSchema, type JsonSchema } from "./schema";
import { isMap, type Values } from "./values";

/** The chart the stack deploys (`helm_release.chart`). */
export const CHART_NAME = "openmetadata";

export interface Chart {
  /** The path given: a chart directory or a packaged `.tgz`. */
  readonly source: string;
  /** The directory read: `source` itself, or the chart folder extracted from the archive. */
  readonly dir: string;
  readonly name: string;
  readonly version: string;
  /** values.schema.json as parsed. */
  readonly schema: JsonSchema;
  readonly compiledSchema: CompiledSchema;
  /** values.yaml: the defaults Helm merges the release's values into. */
  readonly defaults: Values;
  /** Deletes the extracted copy of a `.tgz`; nothing to do for a directory. */
  dispose(): void;
}

/** Reads a chart directory or a `.tgz` packaged chart (`helm pull`), failing with what is wrong. */
export function loadChart(source: string): Chart {
  if (!existsSync(source)) throw new ChartCheckError(`--chart ${source}: no such file or directory`);
  if (statSync(source).isDirectory()) return readChartDir(source, source, () => undefined);
  if (!/\.(tgz|tar\.gz)$/.test(source))
    throw new ChartCheckError(`--chart ${source}: expected a chart directory or a packaged chart (.tgz)`);

  const extracted = mkdtempSync(join(tmpdir(), "chart-check-"));
  const dispose = () => rmSync(extracted, { recursive: true, force: true });
  try {
    try {
      execFileSync("tar", ["-xzf", source, "-C", extracted], { stdio: ["ignore", "ignore", "pipe"] });
    } catch (error) {
      const reason = String((error as { stderr?: Buffer }).stderr ?? "").trim() || (error as Error).message;
      throw new ChartCheckError(`--chart ${source}: cannot extract the archive: ${reason}`);
    }
    // `helm package` puts the chart in one top-level folder named after it.
    const entries = readdirSync(extracted, { withFileTypes: true });
    const [folder] = entries;
    if (entries.length !== 1 || !folder?.isDirectory()) {
      throw new ChartCheckError(
        `--chart ${source}: expected one top-level chart folder in the archive, found ` +
          `${entries.map((entry) => entry.name).join(", ") || "nothing"}`,
      );
    }
    return readChartDir(source, join(extracted, folder.name), dispose);
  } catch (error) {
    dispose();
    throw error;
  }
}

function readChartDir(source: string, dir: string, dispose: () => void): Chart {
  const metadata = readChartFile(source, dir, "Chart.yaml", "not a Helm chart", (text) => parseYaml(text));
  if (!isMap(metadata)) throw new ChartCheckError(`${source}: Chart.yaml is not a map`);
  if (metadata.name !== CHART_NAME) {
    throw new ChartCheckError(
      `${source}: the chart is ${JSON.stringify(metadata.name)}, expected "${CHART_NAME}" (the chart the stack deploys)`,
    );
  }
  const version = String(metadata.version ?? "");
  const schema = readChartFile(
    source,
    dir,
    "values.schema.json",
    "the check validates against the chart's own schema; point --chart at the openmetadata " +
      "chart you deploy (`helm pull open-metadata/openmetadata --version <version>`)",
    (text) => JSON.parse(text) as unknown,
  );
  if (!isMap(schema)) throw new ChartCheckError(`${source}: values.schema.json is not a JSON object`);
  const defaults = readChartFile(
    source,
    dir,
    "values.yaml",
    "the chart's defaults are needed to merge the release values as Helm does",
    (text) => parseYaml(text) ?? {},
  );
  if (!isMap(defaults)) throw new ChartCheckError(`${source}: values.yaml is not a map`);
  const compiledSchema = compileSchema(schema, `${source}: values.schema.json`);
  return { source, dir, name: CHART_NAME, version, schema, compiledSchema, defaults, dispose };
}

function readChartFile<T>(source: string, dir: string, file: string, whyNeeded: string, parse: (text: string) => T): T {
  const path = join(dir, file);
  if (!existsSync(path)) throw new ChartCheckError(`${source}: no ${file} in the chart; ${whyNeeded}`);
  try {
    return parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ChartCheckError(`${source}: ${file} cannot be parsed: ${(error as Error).message.split("\n")[0]}`);
  }
}
