/**
 * Where the local helm provider finds charts: a folder named by OPENMETADATA_LOCAL_CHARTS, holding one
 * <chart-name>-<version>/ folder per chart version with its Chart.yaml and, when the chart has them, its
 * values.yaml (the defaults Helm coalesces under the release's values) and values.schema.json. No
 * templates: a chart without templates renders an empty manifest, which is what the local world installs.
 *
 * Locating follows helm/helm@v3.18.4 pkg/action/install.go:744-836 LocateChart as the provider calls it
 * (hashicorp/terraform-provider-helm@v3.1.1 helm/resource_helm_release.go:1301-1408 chartPathOptions and
 * getChart): a local chart path is loaded as it is; a repository URL is searched for the chart and version
 * (pkg/repo/chartrepo.go:262-268); anything else is a repository name helm would look up in its
 * repositories.yaml (pkg/downloader/chart_downloader.go:216, 318).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { ProviderDiagnostic } from "../../provider/behaviour";
import { parseGoYaml } from "./values";

/** The environment variable naming the local chart library. */
export const CHARTS_VARIABLE = "OPENMETADATA_LOCAL_CHARTS";

export interface ChartMetadata {
  readonly name: string;
  readonly version: string;
  readonly appVersion: string;
  readonly type: string;
}

export interface LoadedChart {
  readonly path: string;
  readonly metadata: ChartMetadata;
  /** values.yaml, or {} when the chart has none. */
  readonly defaults: Record<string, unknown>;
  readonly hasValuesFile: boolean;
  /** values.schema.json's text, absent when the chart has no schema (Helm then validates nothing). */
  readonly schema?: string;
}

export interface ChartRequest {
  readonly chart: string;
  readonly repository?: string;
  readonly version?: string;
  readonly devel?: boolean;
}

/** Go's url.ParseRequestURI accepts an absolute URL or an absolute path. */
function isRequestUri(text: string): boolean {
  if (text.startsWith("/")) return true;
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(text) && !/\s/.test(text);
}

const isOci = (text: string) => text.startsWith("oci://");

/** resource_helm_release.go:1361-1372 buildChartNameWithRepository and 1301-1341 chartPathOptions. */
export function chartName(request: ChartRequest): { name: string; repositoryUrl: string } {
  const chart = request.chart.trim();
  const repository = request.repository ?? "";
  if (isOci(repository)) return { name: `${repository.replace(/\/+$/, "")}/${chart}`, repositoryUrl: "" };
  if (repository && isRequestUri(repository)) return { name: chart, repositoryUrl: repository };
  return { name: !chart.includes("/") && repository ? `${repository}/${chart}` : chart, repositoryUrl: "" };
}

/** :1374-1380 getVersion, and :1333-1335: no version for a chart given as a URL or a local path. */
export function requestedVersion(request: ChartRequest, name: string, repositoryUrl: string): string {
  if (usesChartVersion(name, repositoryUrl)) return "";
  const version = (request.version ?? "").trim();
  return version === "" && request.devel ? ">0.0.0-0" : version;
}

/** :1343-1359 useChartVersion. */
export function usesChartVersion(chart: string, repository: string): boolean {
  if (isRequestUri(chart) && !isOci(chart)) return true;
  if (chart && existsSync(chart)) return true;
  return repository !== "" && existsSync(repository);
}

interface Semver {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: string;
}

function parseSemver(text: string): Semver | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0), prerelease: match[4] ?? "" };
}

function compareSemver(left: Semver, right: Semver): number {
  for (const key of ["major", "minor", "patch"] as const) if (left[key] !== right[key]) return left[key] - right[key];
  if (left.prerelease === right.prerelease) return 0;
  if (!left.prerelease) return 1;
  if (!right.prerelease) return -1;
  return left.prerelease < right.prerelease ? -1 : 1;
}

/**
 * pkg/repo/index.go:180-222 Get: an exact version string first, then the highest version the constraint
 * accepts. The library resolves "" (the latest release), ">0.0.0-0" (devel: the latest, prereleases
 * included) and one exact version, with or without "v"; semver ranges are not resolved here.
 */
function pickVersion(versions: readonly string[], wanted: string): string | undefined {
  if (wanted && versions.includes(wanted)) return wanted;
  const parsed = versions.map((version) => ({ version, semver: parseSemver(version) })).filter((entry) => entry.semver !== undefined);
  parsed.sort((left, right) => compareSemver(right.semver!, left.semver!));
  if (wanted === "") return parsed.find((entry) => entry.semver!.prerelease === "")?.version;
  if (wanted === ">0.0.0-0") return parsed[0]?.version;
  const exact = parseSemver(wanted.replace(/^=\s*/, ""));
  return exact ? parsed.find((entry) => compareSemver(entry.semver!, exact) === 0)?.version : undefined;
}

function libraryNote(env: NodeJS.ProcessEnv, chart: string, version: string): string {
  const folder = env[CHARTS_VARIABLE];
  const wanted = version ? `${chart}-${version}/` : `a ${chart}-<version>/ folder`;
  return folder
    ? ` (local chart library: ${CHARTS_VARIABLE}=${folder} has no ${wanted})`
    : ` (local chart library: ${CHARTS_VARIABLE} is not set, so no chart can be found)`;
}

function locateError(name: string, message: string): ProviderDiagnostic {
  return new ProviderDiagnostic("Error locating chart", `Unable to locate chart ${name}: ${message}`);
}

/** helm/helm@v3.18.4 pkg/chart/loader/directory.go: a chart directory needs its Chart.yaml. */
export function loadChartDirectory(path: string): LoadedChart {
  const read = (file: string) => {
    const full = join(path, file);
    return existsSync(full) ? readFileSync(full, "utf8") : undefined;
  };
  const chartYaml = read("Chart.yaml");
  if (chartYaml === undefined) {
    throw new ProviderDiagnostic("Error loading chart", `Unable to load chart ${path}: Chart.yaml file is missing`);
  }
  const metadata = (parse(chartYaml) ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof metadata[key] === "string" ? (metadata[key] as string) : String(metadata[key] ?? ""));
  if (!metadata["name"])
    throw new ProviderDiagnostic("Error loading chart", `Unable to load chart ${path}: validation: chart.metadata.name is required`);
  const valuesYaml = read("values.yaml");
  const schema = read("values.schema.json");
  return {
    path,
    metadata: { name: text("name"), version: text("version"), appVersion: text("appVersion"), type: text("type") },
    defaults: ((valuesYaml === undefined ? {} : parseGoYaml(valuesYaml)) ?? {}) as Record<string, unknown>,
    hasValuesFile: valuesYaml !== undefined,
    ...(schema === undefined ? {} : { schema }),
  };
}

/** What a release records of a chart the library does not hold: its name and version, no values, no schema. */
function standInChart(name: string, version: string): LoadedChart {
  return { path: "", metadata: { name, version, appVersion: "", type: "application" }, defaults: {}, hasValuesFile: false };
}

/** Said once per configure when no library is set: what the rehearsal cannot check then. */
export const NO_CHART_LIBRARY_WARNING = {
  severity: "warning",
  summary: "Charts not checked",
  detail:
    `${CHARTS_VARIABLE} names no local chart library, so charts are installed as named and their values are not ` +
    "checked against the chart's values.schema.json (helm install would check them).",
} as const;

/** resource_helm_release.go:1390-1408 getChart over the local library: "Error locating chart" as the provider reports it. */
export function locateChart(request: ChartRequest, env: NodeJS.ProcessEnv): LoadedChart {
  const { name, repositoryUrl } = chartName(request);
  const version = requestedVersion(request, name, repositoryUrl);
  // install.go:752-766: a path on disk is the chart; an absolute or ./ path that is not there is an error.
  if (name && existsSync(name) && statSync(name).isDirectory()) return loadChartDirectory(resolve(name));
  if (name.startsWith("/") || name.startsWith(".")) throw locateError(name, `path "${name}" not found`);
  const base = name.slice(name.lastIndexOf("/") + 1);
  const label = version ? `chart "${base}" version "${version}"` : `chart "${base}"`;
  if (isOci(name))
    throw locateError(name, `${label} not found in ${name.slice(0, name.lastIndexOf("/"))}${libraryNote(env, base, version)}`);
  if (!repositoryUrl) {
    if (!name.includes("/")) {
      throw locateError(name, `non-absolute URLs should be in form of repo_name/path_to_chart, got: ${name}`);
    }
    throw locateError(name, `repo ${name.slice(0, name.indexOf("/"))} not found`);
  }
  const library = env[CHARTS_VARIABLE];
  // Without a library (a rehearsal on a machine with no charts) a repository chart at an exact version is
  // taken as named, as the real provider would download it; it carries no values.schema.json, so nothing
  // is validated, and configure says so once (NO_CHART_LIBRARY_WARNING).
  if (!library && version && parseSemver(version) !== undefined) return standInChart(base, version);
  const candidates = library && existsSync(library) ? readdirSync(library).filter((entry) => entry.startsWith(`${base}-`)) : [];
  const versions = candidates.map((entry) => entry.slice(base.length + 1)).filter((entry) => parseSemver(entry) !== undefined);
  const picked = pickVersion(versions, version);
  if (!library || picked === undefined) {
    throw locateError(name, `${label} not found in ${repositoryUrl} repository${libraryNote(env, base, version)}`);
  }
  return loadChartDirectory(join(library, `${base}-${picked}`));
}
