import { looksLikeSecretValue, shown } from "../secret-shape";
import { httpUrlOption, NPM_DASHES_HINT, secretInsteadOfPath, wholeNumberOption } from "../cli-usage";
import { defineCommand, type CommandIo } from "../cli/command";
import { positionalEnvironment } from "../cli/environment";
import { runCommand } from "../cli/run";
import { parseStackOutputs, readOutputsFile, readUserTextFile } from "../verify/outputs";
import { SsoSyncUsageError } from "./errors";
import { runSsoSync } from "./run";
import { identityProviderOf } from "../identity-providers/by-name";
import type { IdentityProviderConventions } from "../identity-providers/conventions";

/**
 * The command line of `npm run sso-sync` (lib/cli runs it): options, environment variables and files in,
 * one exit code out.
 */

/** What sso-sync's tests pass: the command's io, the folder aside, and overrides for the requests. */
export interface CliProcess extends Omit<CommandIo, "cwd"> {
  readonly cwd?: string;
  readonly http?: SsoSyncHttp;
}

const TOKEN_VARIABLE = "OPENMETADATA_ADMIN_TOKEN";

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

Exit codes: 0 in sync (or written and read back), 1 drift or a failed step, 2 bad usage, 70 an internal
error (help/commands.md).
`;

/** Overrides for the requests, e.g. shorter timeouts in tests. */
export interface SsoSyncHttp {
  readonly timeoutMs?: number;
}

/** npm run sso-sync; `http` overrides what the requests use (tests shorten the timeout). */
function ssoSyncCommandWith(http: SsoSyncHttp = {}) {
  return defineCommand({
    name: "sso-sync",
    usage: SSO_SYNC_USAGE,
    options: {
      outputs: { type: "string" },
      "openmetadata-url": { type: "string" },
      apply: { type: "boolean", default: false },
      "client-secret-env": { type: "string" },
      "client-secret-file": { type: "string" },
      "timeout-ms": { type: "string", default: "10000" },
    },
    environment: positionalEnvironment({ example: "staging --outputs outputs.json" }),
    async run({ values, environment, environments }, io) {
      if (!values.outputs)
        throw new SsoSyncUsageError(`--outputs FILE is required (cdktf output <stack> --outputs-file FILE; ${NPM_DASHES_HINT})`);
      for (const option of ["outputs", "client-secret-file"] as const) {
        const problem = values[option] === undefined ? undefined : secretInsteadOfPath(`--${option}`, values[option]);
        if (problem) throw new SsoSyncUsageError(problem);
      }
      if (values["client-secret-env"] !== undefined && values["client-secret-file"] !== undefined)
        throw new SsoSyncUsageError("give the client secret either with --client-secret-env or with --client-secret-file, not both");
      const timeoutMs = wholeNumberOption(values["timeout-ms"], "--timeout-ms", 1);
      const openmetadataUrl =
        values["openmetadata-url"] === undefined ? undefined : httpUrlOption(values["openmetadata-url"], "--openmetadata-url");
      // As verify reads it (UTF-16, BOM, the same messages): the same file is given to both.
      const outputs = parseStackOutputs(
        readOutputsFile(values.outputs, (message) => new SsoSyncUsageError(message)),
        environment.stackId,
        values.outputs,
        environments,
      );

      const token = io.env[TOKEN_VARIABLE];
      if (token === undefined || token.trim() === "")
        throw new SsoSyncUsageError(
          `${TOKEN_VARIABLE} is not set; export a personal access token of an ` +
            `OpenMetadata admin user (never a bot's token); nothing was sent`,
          // One line, no usage pointer: the fix is the variable, not the command line.
          { onTheCommandLine: false },
        );
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
        http: { timeoutMs, ...http },
        write: io.stdout,
      });
    },
  });
}

export const ssoSyncCommand = ssoSyncCommandWith();

/** The command line in this process, its streams and variables passed in (sso-sync's tests). */
export function runSsoSyncCli(args: readonly string[], io: CliProcess): Promise<number> {
  return runCommand(ssoSyncCommandWith(io.http), args, { cwd: process.cwd(), ...io });
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

function readTextFile(path: string): string {
  return readUserTextFile(path, "--client-secret-file", (message) => new SsoSyncUsageError(message));
}
