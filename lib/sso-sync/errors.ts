import { UserError } from "../errors";

/** Input the user can correct (environment, option, outputs, token); the CLI exits 2 with this one-line message. */
export class SsoSyncUsageError extends UserError {
  override name = "SsoSyncUsageError";
}
