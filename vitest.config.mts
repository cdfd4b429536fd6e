import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // Synthesis tests spend most of their time loading provider bindings; threads share that cost.
    pool: "threads",
    // Files share a worker's module cache: each would otherwise re-import cdktf and the provider bindings.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
