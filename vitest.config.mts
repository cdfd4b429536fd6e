import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    pool: "threads",
    // Files share a worker's module cache: each would otherwise re-import cdktf and the provider bindings.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
