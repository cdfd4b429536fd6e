import type { StepIo } from "./terraform";

/**
 * Problems a CI step found, said once for both places it runs: in GitHub Actions as a workflow command
 * (`::error title=...::...`, an annotation on the run page), elsewhere as the house's `error: ...` line.
 */

export function inGitHubActions(env: NodeJS.ProcessEnv): boolean {
  return env["GITHUB_ACTIONS"] === "true";
}

/** Workflow command values: a message keeps %, CR and LF from ending it; a property also : and ,. */
const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function reportError(io: StepIo, title: string, message: string): void {
  if (inGitHubActions(io.env)) io.stdout(`::error title=${escapeProperty(title)}::${escapeData(message)}\n`);
  else io.stderr(`error: ${title}: ${message}\n`);
}
