/**
 * The local chart library the local Helm provider installs from: one `<name>-<version>/` folder per chart
 * (Chart.yaml, values.schema.json where the chart has one), linked from wherever the reference charts are
 * (../shared/reference in this project's CI). Charts are never copied into the project.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";

/** Links every chart folder of `referenceFolder` into `library` by name and version; returns the library. */
export function chartLibrary(referenceFolder: string, library: string): string {
  mkdirSync(library, { recursive: true });
  for (const entry of readdirSync(referenceFolder, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const chartFile = join(referenceFolder, entry.name, "Chart.yaml");
    if (!existsSync(chartFile)) continue;
    const chart = parseYaml(readFileSync(chartFile, "utf8")) as { name?: string; version?: string };
    if (!chart.name || !chart.version) continue;
    const link = join(library, `${chart.name}-${chart.version}`);
    if (!existsSync(link)) symlinkSync(resolve(referenceFolder, entry.name), link, "dir");
  }
  return library;
}
