import { looksLikeSecretValue, quoted, shown } from "../secret-shape";
import { NPM_DASHES_HINT, secretInsteadOfPath } from "../cli-usage";
import { parseArgs } from "node:util";
import { environmentsFilePath, loadEnvironmentsFile } from "../config/load-environments";
import { parseStackOutputs, readOutputsFile, readUserTextFile } from "../verify/outputs";
import { SsoSyncUsageError } from "./errors";
import { runSsoSync } from "./run";
import { UserError } from "../errors";
import { identityProviderOf } from "../identity-providers/by-name";
import type { IdentityProviderConventions } from "../identity-providers/conventions";

/**
 * The command line of `npm run sso-sync`: options, environment variables and files in, one exit
 * code out. The process (argv, env, stdout, stderr) is injected, so tests run it in-process.
 */

export interface CliProcess {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Overrides for the requests, e.g. shorter timeouts in tests. */
  readonly http?: { readonly timeoutMs?: number };
}

export const TOKEN_VARIABLE = "OPENMETADATA_ADMIN_TOKEN";

export const SSO_SYNC_USAGE = `Usage: npm run sso-sync -- <environment> --outputs FILE [options]

Compares the SSO settings OpenMetadata keeps in its database (GET /api/v1/system/security/config)
with the ones the stack declares, and prints each field that differs. With --apply it writes the
declared settings: validated first, read back after (help/sso-sync.md).

  <environment>               an environment of the environments file
                              ($OPENMETADATA_ENVIRONMENTS_FILE, else stacks/environments.yaml)
  --outputs FILE              the stack outputs: cdktf output openmetadata-<environment> --outputs-file FILE

Options:
  --openmetadata-url URL      reach OpenMetadata here (e.g. a port-forward) instead of openmetadata_url
  --apply                     write the declared settings; without it nothing is written
  --client-secret-env VAR     the Web app's client secret is in environment variable VAR
  --client-secret-file FILE   ... or in FILE (one line); required with --apply for the web flow
  --timeout-ms N              per request (default 10000)
  -h, --help                  show this help

Authentication: ${TOKEN_VARIABLE}, a personal access token of an OpenMetadata admin user (never a
bot's token). It is sent only to OpenMetadata and never printed.

Exit codes: 0 in sync (or written and read back), 1 drift or a failed step, 2 bad usage.
`;

const OPTIONS = {
  outputs: { type: "string" },
  "openmetadata-url": { type: "string" },
  apply: { type: "boolean", default: false },
  "client-secret-env": { type: "string" },
  "client-secret-file": { type: "string" },
  "timeout-ms": { type: "string", default: "10000" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export async function runSsoSyncCli(args: readonly string[], io: CliProcess): Promise<number> {
  const usageError = (problem: string) => {
    io.stderr(usageLine(problem));
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    return usageError(argumentProblem(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(SSO_SYNC_USAGE);
    return 0;
  }

  try {
    if (positionals.length !== 1)
      throw new SsoSyncUsageError(
        positionals.length === 0
          ? "name the environment, e.g. npm run sso-sync -- staging --outputs outputs.json"
          : `one environment at a time, got ${positionals.map(quoted).join(", ")} (${NPM_DASHES_HINT}: npm run <script> -- <environment> --option VALUE)`,
      );
    if (!values.outputs)
      throw new SsoSyncUsageError(`--outputs FILE is required (cdktf output <stack> --outputs-file FILE; ${NPM_DASHES_HINT})`);
    for (const option of ["outputs", "client-secret-file"] as const) {
      const problem = values[option] === undefined ? undefined : secretInsteadOfPath(`--${option}`, values[option]);
      if (problem) throw new SsoSyncUsageError(problem);
    }
    if (values["client-secret-env"] !== undefined && values["client-secret-file"] !== undefined)
      throw new SsoSyncUsageError("give the client secret either with --client-secret-env or with --client-secret-file, not both");
    const timeoutMs = wholeNumber(values["timeout-ms"], "--timeout-ms");
    const openmetadataUrl =
      values["openmetadata-url"] === undefined ? undefined : httpUrl(values["openmetadata-url"], "--openmetadata-url");

    const environments = loadEnvironmentsFile(environmentsFilePath(io.env));
    const environment = environments.find((candidate) => candidate.name === positionals[0]);
    if (!environment)
      throw new SsoSyncUsageError(
        `no environment ${quoted(positionals[0] ?? "")}; the environments file has ` +
          `${environments.map((candidate) => candidate.name).join(", ")}`,
      );
    const outputs = parseStackOutputs(readJsonFile(values.outputs), environment.stackId, values.outputs, environments);

    const token = io.env[TOKEN_VARIABLE];
    if (token === undefined || token.trim() === "") {
      // One line, no usage pointer: the fix is the variable, not the command line.
      io.stderr(
        `error: ${TOKEN_VARIABLE} is not set; export a personal access token of an ` +
          `OpenMetadata admin user (never a bot's token); nothing was sent\n`,
      );
      return 2;
    }
    const clientSecret = readClientSecret(
      values["client-secret-env"],
      values["client-secret-file"],
      io.env,
      identityProviderOf(environment).conventions,
    );

    return await runSsoSync({
      environment,
      outputs,
      ...(openmetadataUrl === undefined ? {} : { openmetadataUrl }),
      apply: values.apply,
      token: token.trim(),
      ...(clientSecret === undefined ? {} : { clientSecret }),
      http: { timeoutMs, ...io.http },
      write: io.stdout,
    });
  } catch (error) {
    if (error instanceof UserError) return usageError(error.message);
    throw error;
  }
}

/** Secrets come from an environment variable or a file, never from the command line (it shows in `ps` and shell history). */
function readClientSecret(
  variable: string | undefined,
  file: string | undefined,
  env: CliProcess["env"],
  provider: IdentityProviderConventions,
): string | undefined {
  const webApp = provider.clients.web.consoleName;
  if (variable !== undefined) {
    if (looksLikeSecretValue(variable))
      throw new SsoSyncUsageError(
        `--client-secret-env takes the NAME of the variable that holds the client secret, e.g. ${provider.wording.clientSecretVariableExample}; this value ` +
          "looks like the secret itself (not shown): export it in a variable and name that, or use --client-secret-file FILE",
      );
    const value = env[variable];
    if (value === undefined || value.trim() === "")
      throw new SsoSyncUsageError(
        `--client-secret-env ${shown(variable)}: the variable is not set or empty; export the ${webApp}'s client secret in it`,
      );
    return value.trim();
  }
  if (file !== undefined) {
    const value = readTextFile(file).trim();
    if (value === "")
      throw new SsoSyncUsageError(`--client-secret-file ${shown(file)}: the file is empty; write the ${webApp}'s client secret into it`);
    return value;
  }
  return undefined;
}

function wholeNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new SsoSyncUsageError(`${flag} must be a whole number of at least 1, got ${quoted(text)}`);
  return value;
}

function httpUrl(text: string, flag: string): string {
  const protocol = URL.canParse(text) ? new URL(text).protocol : undefined;
  if (protocol !== "https:" && protocol !== "http:") throw new SsoSyncUsageError(`${flag} must be an http(s) URL, got ${quoted(text)}`);
  return text;
}

function readTextFile(path: string): string {
  return readUserTextFile(path, "--client-secret-file", (message) => new SsoSyncUsageError(message));
}

/** As verify reads it (UTF-16, BOM, the same messages): the same file is given to both. */
function readJsonFile(path: string): unknown {
  return readOutputsFile(path, (message) => new SsoSyncUsageError(message));
}

/** parseArgs advises its own syntax ("place it ... after '--'"); the user needs the options there are. */
function argumentProblem(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const options = Object.keys(OPTIONS)
    .map((name) => `--${name}`)
    .join(", ");
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${/'([^']+)'/.exec(message)?.[1] ?? message}; options: ${options}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return `${/'(--?[\w-]+)/.exec(message)?.[1] ?? "an option"} ${/argument missing/.test(message) ? "needs a value" : "takes no value"}`;
  return message.split("\n")[0]!;
}

/** One line and a pointer to --help: the full usage text would bury the line. */
function usageLine(problem: string): string {
  return `error: ${problem.replace(/\s*\n\s*/g, " ")}\nRun "npm run sso-sync -- --help" for usage.\n`;
}
