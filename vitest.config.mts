import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // Says which environments file the run checks (environments-in-use.test.ts depends on the variable).
    globalSetup: ["__tests__/support/announce-environments-file.ts"],
    pool: "threads",
    // Files share a worker's module cache: each would otherwise re-import cdktf and the provider bindings.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
