import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { ConfigError } from "../lib/config/errors";
import { parseEnvironments } from "../lib/config/load-environments";
import { runSynth } from "../stacks/run-synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

// Issue 19, point 5: how teams write large files (merge keys, one shared anchor), and one mistake in many environments.

const scratch = useTemporaryDirectories("yaml-shapes");
const parse = (yaml: string) => parseEnvironments(yaml, { source: "test.yaml", format: "yaml", baseDir: "." });

/** `count` Collate environments (cheap to synthesize): the first anchors its okta block, every other one aliases it. */
function sharedAnchor(count: number, baseUrl = "okta.com"): string {
  const environments = Array.from({ length: count }, (_, index) => {
    const okta = index === 0 ? `&okta { orgName: example, baseUrl: ${baseUrl}, access: { groups: [openmetadata-users] } }` : "*okta";
    return `  - { name: e${index}, target: collate, openmetadataUrl: "https://e${index}.example.com", okta: ${okta} }\n`;
  });
  return `environments:\n${environments.join("")}`;
}

describe("YAML shapes of large environments files", () => {
  test("a merge key (<<: *base) brings the anchored fields in, and the environment's own fields win", () => {
    const [environment] = parse(`environments:
  - &base
    name: base
    target: collate
    openmetadataUrl: https://base.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [openmetadata-users] } }
  - <<: *base
    name: qa
    openmetadataUrl: https://qa.example.com
`).filter((candidate) => candidate.name === "qa");
    expect(environment).toMatchObject({ name: "qa", openmetadataUrl: "https://qa.example.com", okta: { orgName: "example" } });
  });

  test("300 environments using one anchor are read", () => {
    expect(parse(sharedAnchor(300))).toHaveLength(300);
  });

  test("300 environments using one anchor synthesize", () => {
    const yaml = sharedAnchor(300);
    const file = join(scratch(), "environments.yaml");
    writeFileSync(file, yaml);
    const lines: string[] = [];
    expect(
      runSynth({ env: { OPENMETADATA_ENVIRONMENTS_FILE: file }, outdir: join(scratch(), "out"), stderr: (line) => lines.push(line) }),
      lines.slice(-3).join("\n"),
    ).toBe(0);
  }, 240_000);

  test("an alias bomb (aliases of aliases) is still refused", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "environments: [*e]",
    ].join("\n");
    expect(() => parse(bomb)).toThrow(/resource exhaustion|not valid YAML/);
  });

  test("one mistake repeated in 300 environments is reported once, with the list of environments", () => {
    const yaml = sharedAnchor(300, "okta.co");
    let message = "";
    try {
      parse(yaml);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message.split("\n")).toHaveLength(2);
    expect(message).toContain('1 problem in the environments\n  - 300 environments ("e0", "e1",');
    expect(message).toContain('and 290 more), field okta.baseUrl: got "okta.co"');
  });
});
