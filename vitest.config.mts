import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    // Synthesis tests spend most of their time loading provider bindings; threads share that cost.
    pool: "threads",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
