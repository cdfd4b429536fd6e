import type { PublicJwk } from "../keys/public-jwks";
import type { ConfigProblem } from "./errors";

/** What the resolver of one section returns: its settings when they hold, and every problem found in it. */
export interface Resolved<T> {
  readonly value?: T;
  readonly problems: readonly ConfigProblem[];
}

/** Reports a problem at a field path of the environment. */
export type Problem = (path: string, value: unknown, message: string) => void;

/** The problems of one section of one environment, collected so a run reports them all at once. */
export function problemsOf(environment: string): { readonly problems: ConfigProblem[]; readonly problem: Problem } {
  const problems: ConfigProblem[] = [];
  return { problems, problem: (path, value, message) => problems.push({ environment, path, value, message }) };
}

export function stackIdFor(environmentName: string): string {
  return `openmetadata-${environmentName}`;
}

/** Reads the files an environment names (the service app's JWKS), relative to its own file. */
export interface EnvironmentFiles {
  resolvePath(relativePath: string): string;
  /** Returns the public keys of a JWKS file; throws an Error whose message says what is wrong. */
  readPublicKeys(absolutePath: string): readonly PublicJwk[];
}
