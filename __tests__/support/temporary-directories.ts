import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * Returns a maker of temporary directories (in the OS temp dir, never the repo) that are all
 * removed after the calling test file. Call it at the top level of a test file.
 */
export function useTemporaryDirectories(prefix: string): () => string {
  const directories: string[] = [];
  afterAll(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    const directory = mkdtempSync(join(tmpdir(), `${prefix}-`));
    directories.push(directory);
    return directory;
  };
}
