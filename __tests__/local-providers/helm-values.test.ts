import { describe, expect, test } from "vitest";
import { parseInto, type StrvalsValue } from "../../local-providers/providers/helm/strvals";
import { cloakedValues, coalesceValues, goJson, releaseValues } from "../../local-providers/providers/helm/values";
import { schemaViolations } from "../../local-providers/providers/helm/values-schema";
import { thrown } from "../support/provider-harness";

// How helm_release builds values (hashicorp/terraform-provider-helm@v3.1.1 helm/resource_helm_release.go:1434-1659),
// parses `set` (k8s.io/helm v2.17.0 pkg/strvals/parser.go), coalesces (helm/helm@v3.18.4 pkg/chartutil/coalesce.go)
// and words schema errors (xeipuuv/gojsonschema v1.2.0 locales.go).

const parsed = (line: string, asString = false) => {
  const values: { [key: string]: StrvalsValue } = {};
  parseInto(line, values, asString);
  return values;
};

// parser.go
describe("strvals", () => {
  test("dots nest, an escaped dot stays in the key, [n] indexes a list, {a,b} is a list, commas separate assignments", () => {
    expect(parsed("a.b\\.c=1")).toEqual({ a: { "b.c": 1 } });
    expect(parsed("list[1].name=x")).toEqual({ list: [null, { name: "x" }] });
    expect(parsed("hosts={a,b}")).toEqual({ hosts: ["a", "b"] });
    expect(parsed("a=1,b=2")).toEqual({ a: 1, b: 2 });
  });

  // parser.go:385-416
  test("typedVal: true/false/null any case, integers without a leading zero; the string variant keeps text", () => {
    expect(parsed("a=TRUE,b=null,c=010,d=0,e=12,f=1.5")).toEqual({ a: true, b: null, c: "010", d: 0, e: 12, f: "1.5" });
    expect(parsed("a=true,b=12", true)).toEqual({ a: "true", b: "12" });
  });

  test("a value with a comma splits into a key with no value: the provider's error (`set` values are printed, set_sensitive ones are not)", () => {
    expect(thrown(() => releaseValues({ set: [{ name: "a", value: "x,y", type: null }] })).detail).toBe(
      'Failed parsing key "a" with value x,y: key "y" has no value',
    );
    const sensitive = thrown(() => releaseValues({ set_sensitive: [{ name: "a", value: "pass,word", type: null }] }));
    expect(sensitive.detail).toBe('Failed parsing key "a" with value (sensitive value): key "word" has no value');
  });
});

// :1434-1538
describe("getValues", () => {
  test("documents merge in order (mergeMaps: maps by key, anything else replaced), then set, set_list, set_sensitive", () => {
    const values = releaseValues({
      values: ["a: {p: 1, q: 2}\nlist: [1, 2]\n", "a: {q: 3}\nlist: [9]\n"],
      set: [{ name: "a.z", value: "4", type: "" }],
      set_list: [{ name: "hosts", value: ["h1", "h2"] }],
      set_sensitive: [{ name: "secret", value: "s", type: "string" }],
    });
    expect(values).toEqual({ a: { p: 1, q: 3, z: 4 }, list: [9], hosts: ["h1", "h2"], secret: "s" });
  });

  // goyaml.v2 resolve.go
  test('values are YAML 1.1 as sigs.k8s.io/yaml reads them: yes and on are booleans, 0777 octal, a date a string, key y is "true"', () => {
    expect(releaseValues({ values: ["a: yes\nb: on\nc: 2024-01-01\nd: 0777\ny: 1\n"] })).toEqual({
      a: true,
      b: true,
      c: "2024-01-01",
      d: 511,
      true: 1,
    });
  });

  test("a document that is not a map is refused as Go's JSON decoding refuses it; the document itself is not printed", () => {
    const error = thrown(() => releaseValues({ values: ["- a\n- b\n"] }));
    expect([error.summary, error.detail]).toEqual([
      "Error unmarshaling values",
      "---> error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}",
    ]);
  });

  // :1558-1569
  test("a literal set stores the parsed YAML under the whole name", () => {
    expect(releaseValues({ set: [{ name: "a.b", value: "{x: [1, 2]}", type: "literal" }] })).toEqual({ "a.b": { x: [1, 2] } });
  });
});

// :1690-1705
describe("metadata.values", () => {
  test("cloakSetValue splits on every dot (#1788): a name with an escaped dot finds no key and leaves the value in clear", () => {
    const values = { mysql: { initdbScripts: { "init.sql": "IDENTIFIED BY 'pw'" } }, auth: { password: "pw" } };
    expect(cloakedValues(values, ["mysql.initdbScripts.init\\.sql", "auth.password"])).toEqual({
      mysql: { initdbScripts: { "init.sql": "IDENTIFIED BY 'pw'" } },
      auth: { password: "(sensitive value)" },
    });
  });

  test("Go's json.Marshal: keys sorted, <, > and & escaped", () => {
    expect(goJson({ b: "<a&b>", a: [2, { d: 1, c: true }] })).toBe('{"a":[2,{"c":true,"d":1}],"b":"\\u003ca\\u0026b\\u003e"}');
  });
});

// coalesce.go
describe("coalescing with the chart's defaults", () => {
  test("defaults fill what the release leaves out, maps merge, a null in the release deletes the default", () => {
    const defaults = { a: { x: 1, y: 2 }, b: "keep", c: "drop" };
    expect(coalesceValues(defaults, { a: { y: 3 }, c: null })).toEqual({ a: { x: 1, y: 3 }, b: "keep" });
  });
});

describe("schema errors in gojsonschema's words", () => {
  const schema = JSON.stringify({
    $schema: "http://json-schema.org/schema#",
    type: "object",
    required: ["mode"],
    properties: { mode: { enum: ["a", "b"] }, size: { type: "integer", minimum: 1 }, name: { type: "string", minLength: 3 } },
  });

  test("required, enum, minimum and minLength, each as '- <field>: <description>'", () => {
    expect(schemaViolations({ size: 0, name: "x" }, schema)).toBe(
      [
        "- (root): mode is required",
        "- size: Must be greater than or equal to 1",
        "- name: String length must be greater than or equal to 3",
        "",
      ].join("\n"),
    );
    expect(schemaViolations({ mode: "c" }, schema)).toBe('- mode: mode must be one of the following: "a", "b"\n');
    expect(schemaViolations({ mode: "a", size: 1.5 }, schema)).toBe("- size: Invalid type. Expected: integer, given: number\n");
    expect(schemaViolations({ mode: "a" }, schema)).toBeUndefined();
  });
});
