import { describe, expect, test } from "vitest";
import { fixtureEnvironments, fixtureStack, synthCacheStats, synthEnvironment } from "./support/synth";

describe("the test support's synth cache", () => {
  test("a re-loaded fixture environment is answered from the cache, not synthesized again", () => {
    const first = fixtureStack("dev");
    const before = synthCacheStats();
    const second = fixtureStack("dev");
    const after = synthCacheStats();
    expect(after.hits).toBe(before.hits + 1);
    expect(after.misses).toBe(before.misses);
    expect(second).toBe(first);
  });

  test("an environment that differs in one field is synthesized anew", () => {
    const dev = fixtureEnvironments().find((environment) => environment.name === "dev")!;
    synthEnvironment(dev);
    const before = synthCacheStats();
    const other = synthEnvironment({ ...dev, openmetadataUrl: "https://other.example.com" });
    expect(synthCacheStats().misses).toBe(before.misses + 1);
    expect(other.text).toContain("https://other.example.com");
  });
});
