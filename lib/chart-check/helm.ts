import { execFileSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** The first executable file named `command` on the PATH, looked up without a shell. */
export function findOnPath(command: string, pathVariable: string = process.env.PATH ?? ""): string | undefined {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here or not executable: keep looking.
    }
  }
  return undefined;
}

export interface HelmTemplateInput {
  readonly helm: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly chartDir: string;
  /** Values files in the release's order; Helm merges them as the helm provider does. */
  readonly valuesFiles: readonly string[];
}

export type HelmTemplateResult = { readonly status: "passed" } | { readonly status: "failed"; readonly output: string };

/** Renders the chart as `helm install` would, without a cluster; the manifests themselves are discarded. */
export function helmTemplate({ helm, releaseName, namespace, chartDir, valuesFiles }: HelmTemplateInput): HelmTemplateResult {
  try {
    execFileSync(helm, ["template", releaseName, chartDir, "--namespace", namespace, ...valuesFiles.flatMap((file) => ["-f", file])], {
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 120_000,
    });
    return { status: "passed" };
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim();
    return { status: "failed", output: stderr || (error as Error).message };
  }
}
