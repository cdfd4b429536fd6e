import { Release } from "@cdktf/provider-helm/lib/release";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import type { Environment } from "../lib/config/environment";
import { loadEnvironmentsFile } from "../lib/config/load-environments";
import { renderValues, VALUES_YAML } from "../lib/openmetadata/chart-values";
import { plainYaml } from "../lib/openmetadata/plain-yaml";
import { buildApp } from "../stacks/app";
import { FIXTURE_AUTH0_ENVIRONMENTS_FILE, FIXTURE_ENVIRONMENTS_FILE, fixtureWithInClusterAirflow } from "./support/synth";

const scratch = mkdtempSync(join(tmpdir(), "plain-yaml-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every Helm release's values of the stacks as built, cdktf's reference placeholders still in them. */
function releaseValues(environments: readonly Environment[], outdir: string): string[] {
  const { stacks } = buildApp(environments, { outdir: join(scratch, outdir) });
  return stacks.flatMap((stack) =>
    stack.node.findAll().flatMap((construct) => (construct instanceof Release ? (construct.valuesInput ?? []) : [])),
  );
}

describe("release values written without building a yaml Document", () => {
  test("every fixture release's values take the direct writer and read as yaml's stringify writes them", () => {
    const documents = [
      ...releaseValues(loadEnvironmentsFile(FIXTURE_ENVIRONMENTS_FILE), "okta"),
      ...releaseValues(loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE), "auth0"),
    ];
    expect(documents.length).toBeGreaterThanOrEqual(6);
    for (const document of documents) {
      const values = parse(document) as object;
      expect(plainYaml(values)).toBe(stringify(values, VALUES_YAML));
    }
  });

  test("the in-cluster Airflow's values, whose admin command holds quotes, go to yaml and read the same", () => {
    const documents = releaseValues([fixtureWithInClusterAirflow("staging")], "airflow");
    const values = documents.map((document) => parse(document) as object);
    expect(values.filter((entry) => plainYaml(entry) === undefined)).toHaveLength(1);
    for (const entry of values) expect(renderValues(entry)).toBe(stringify(entry, VALUES_YAML));
  });

  // Strings at each boundary of yaml's plain style: indicators first or inside, ": " and " #", trailing
  // space or colon, what the core schema reads as another type, escapes, lines, non-ASCII.
  const STRINGS = [
    ...["", "a", "a b", "-a", "- a", "?", "?a", ":a", "a:", "a: b", "a:b", "a #b", "a#b", "#a", "a ", " a", "(a)", "$HOME"],
    ...["1", "01", "1.5", "1e3", "0x1F", "0o7", ".5", ".inf", "-.inf", ".nan", "+1", "-1", "-0", "1_000", "1:20", "1.", "6Gi"],
    ...["~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "yes", "no", "on", "off", "2001-01-01", "<<", "="],
    ...["1.13.1", "172.18.0.0/16", "https://x.example.com/a?b=c&d", "${TfToken[TOKEN.12]}", 'a "b"', "k=v,k2=v2", "[a]"],
    ...["{a}", "a[b]", "&a", "*a", "a&b", "a*b", "!a", "%a", "@a", "`a", "|a", ">a", "'a", "a'b", "a\\b", "a\nb", "a\tb"],
    ...["é", "---", "...", "--- a", "example.com/pool", "a:\u00a0b"],
  ];

  test("a string at each boundary of the plain style is written as yaml writes it, as a value, a list item and a key", () => {
    for (const text of STRINGS) {
      const values = { key: text, list: [text, { [text || "empty"]: text, after: 1 }], nested: { [text || "empty"]: [text] } };
      expect(renderValues(values), JSON.stringify(text)).toBe(stringify(values, VALUES_YAML));
    }
  });

  test("what the direct writer does not cover goes to yaml: several lines, quotes, fractions, an object met twice", () => {
    const shared = { name: "a" };
    for (const values of [{ text: "a\nb" }, { text: 'say "hi"' }, { ratio: 0.5 }, { first: shared, second: shared }, {}]) {
      expect(plainYaml(values), JSON.stringify(values)).toBeUndefined();
      expect(renderValues(values)).toBe(stringify(values, VALUES_YAML));
    }
  });
});
