import { displayPath, environmentsFilePath } from "../../lib/config/load-environments";

/**
 * vitest's global setup: the run says once which environments file environments-in-use.test.ts checks, since the
 * answer depends on OPENMETADATA_ENVIRONMENTS_FILE and a passing run should not leave that to be guessed.
 */
export default function announceEnvironmentsFile(): void {
  let file: string;
  try {
    file = displayPath(environmentsFilePath());
  } catch (error) {
    file = `none usable (${(error as Error).message})`;
  }
  process.stdout.write(
    `Environments file checked by __tests__/environments-in-use.test.ts: ${file} ` +
      `(OPENMETADATA_ENVIRONMENTS_FILE names another; the other tests use __tests__/fixtures/)\n`,
  );
}
