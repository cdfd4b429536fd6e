import type { Environment } from "../config/environment";
import { identityProviderOf } from "../identity-providers/by-name";
import { DEFAULT_HTTP_SETTINGS, HttpProblem, type HttpSettings } from "../verify/http";
import type { StackOutputs } from "../verify/outputs";
import { withoutTrailingSlash } from "../identity-providers/conventions";
import { OpenMetadataAdminApi, OpenMetadataApiError } from "./api";
import { declaredSettings } from "./declared";
import { declaredSecrets, differences, mergeDocument, type Difference } from "./document";
import { SsoSyncUsageError } from "./errors";

/**
 * `npm run sso-sync`: compares the SSO settings OpenMetadata keeps in its database with the
 * declared ones and, with `apply`, writes the merged document (validated first, read back after).
 * Every line goes through `redact`, so neither the token nor the client secret can be printed.
 */

export interface SsoSyncOptions {
  readonly environment: Environment;
  readonly outputs: StackOutputs;
  /** Where to reach OpenMetadata (e.g. a port-forward); default the openmetadata_url output, else the environment's URL. */
  readonly openmetadataUrl?: string;
  readonly apply: boolean;
  /** A personal access token of an admin user. */
  readonly token: string;
  /** The confidential client's secret, from the source the user named. */
  readonly clientSecret?: string;
  readonly http?: Partial<HttpSettings>;
  readonly write: (text: string) => void;
}

export const HELP_PAGE = "help/sso-sync.md";

/** Exit code: 0 in sync or written, 1 drift or a failed step. Usage errors throw SsoSyncUsageError before any request. */
export async function runSsoSync(options: SsoSyncOptions): Promise<number> {
  const { environment, apply, clientSecret } = options;
  if (options.token.trim() === "")
    throw new SsoSyncUsageError("OPENMETADATA_ADMIN_TOKEN is empty; set it to a personal access token of an OpenMetadata admin user");
  const declared = declaredSettings(environment, options.outputs, clientSecret);
  if (apply && declared.clientType === "confidential" && clientSecret === undefined) {
    throw new SsoSyncUsageError(
      `environment ${environment.name} uses the confidential (web) flow: --apply needs the client secret from --client-secret-env ` +
        `VAR or --client-secret-file FILE (the GET masks the stored one, and a masked value must never be written back)`,
    );
  }
  const { conventions } = identityProviderOf(environment);
  if (clientSecret !== undefined && clientSecret.trim() === "")
    throw new SsoSyncUsageError(`the client secret source is empty; give the ${conventions.clients.web.consoleName}'s client secret`);

  const secrets = [options.token, ...(clientSecret ? [clientSecret] : [])];
  const say = (line = "") => options.write(`${redact(line, secrets)}\n`);
  const baseUrl = withoutTrailingSlash(options.openmetadataUrl ?? options.outputs.openmetadata_url ?? environment.openmetadataUrl);
  const api = new OpenMetadataAdminApi(baseUrl, options.token, { ...DEFAULT_HTTP_SETTINGS, ...options.http });

  try {
    const caller = await api.caller();
    if (caller.isBot)
      return failure(
        say,
        `the token belongs to the bot ${caller.name}; use a personal access token of an admin user (never a bot's token)`,
      );
    if (!caller.isAdmin)
      return failure(say, `the token's user ${caller.name} is not an admin; the security settings need a user with isAdmin`);

    const stored = await api.securityConfig();
    const { document, blankedMasks } = mergeDocument({ stored, declared: declared.document, caller: caller.name });
    const secretFields = declaredSecrets(declared.document);
    const found = differences(stored, document, secretFields);
    const drift = found.filter((difference) => difference.kind !== "secret-unknown");

    say(`SSO settings of ${environment.name} stored by OpenMetadata at ${baseUrl}, against the declared ones (caller ${caller.name})`);
    say();
    for (const difference of found) say(describe(difference));
    if (found.length > 0) say();

    if (!apply) {
      if (drift.length === 0) {
        say(found.length === 0 ? "IN SYNC: every declared field matches" : "IN SYNC: every compared field matches");
        return 0;
      }
      say(
        `DRIFT: ${drift.length} field${drift.length === 1 ? "" : "s"} differ` +
          `${drift.length === 1 ? "s" : ""}; nothing was written. Write the declared settings with --apply (` +
          `${HELP_PAGE}).`,
      );
      return 1;
    }

    // A masked secret may hide a rotation: the declared one is written whenever it cannot be compared.
    const secretUnknown = found.some((difference) => difference.kind === "secret-unknown" && secretFields.given.has(difference.field));
    if (drift.length === 0 && !secretUnknown) {
      say("IN SYNC: nothing to write");
      return 0;
    }
    for (const field of blankedMasks)
      say(`note: ${field} is masked by OpenMetadata and not used by provider ${conventions.name}; written empty`);

    const validation = await api.validate(document);
    if (!validation.ok) {
      for (const problem of validation.problems) say(`validation: ${problem}`);
      return failure(say, `OpenMetadata refused the document (POST /api/v1/system/security/validate); nothing was written`);
    }
    say("validated: POST /api/v1/system/security/validate accepted the document");

    await api.write(document);
    say("written: PUT /api/v1/system/security/config");

    const readBack = differences(await api.securityConfig(), document, secretFields).filter(
      (difference) => difference.kind !== "secret-unknown",
    );
    if (readBack.length > 0) {
      for (const difference of readBack) say(describe(difference));
      return failure(
        say,
        `read back: OpenMetadata stores other values than were written (${readBack.map((difference) => difference.field).join(", ")})`,
      );
    }
    say("read back: OpenMetadata stores the declared settings");
    say();
    // The PUT reloads the settings only in the pod that served it (#30882).
    const { namespace, releaseName } = declared.settings;
    say("Only the pod that served the request reloaded them (#30882). Restart every OpenMetadata pod:");
    say(`  kubectl -n ${namespace} rollout restart deploy/${releaseName}`);
    say(`  kubectl -n ${namespace} rollout status deploy/${releaseName}`);
    say(`then run npm run verify -- ${environment.name} --outputs FILE`);
    return 0;
  } catch (error) {
    if (error instanceof OpenMetadataApiError || error instanceof HttpProblem) return failure(say, error.message);
    throw error;
  }
}

function describe(difference: Difference): string {
  switch (difference.kind) {
    case "value":
      return `${difference.field}: stored ${JSON.stringify(difference.stored ?? null)}, declared ${JSON.stringify(difference.declared)}`;
    case "secret":
      return `${difference.field}: differs from the declared secret (values not shown)`;
    case "secret-unknown":
      return `note: ${difference.field} not compared: ${difference.reason}`;
  }
}

function failure(say: (line: string) => void, problem: string): number {
  say(`error: ${problem}`);
  return 1;
}

/** Replaces every occurrence of each secret: a server echoing one back in a message cannot leak it either. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length > 0).reduce((result, secret) => result.split(secret).join("[redacted]"), text);
}
