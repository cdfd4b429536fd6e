import { UserError } from "../errors";

/** The check could not run (bad usage, unusable chart): the CLI prints the message and exits 2. */
export class ChartCheckError extends UserError {
  override name = "ChartCheckError";
}
