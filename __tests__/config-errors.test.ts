import { describe, expect, test } from "vitest";
import { errorsFor as errorLinesFor, parseEnvironmentObjects, type EnvironmentJson } from "./support/environment-errors";
import { decodeUtf8 } from "../lib/text/file-text";
import { JsonTextError, parseJsonText } from "../lib/text/json-text";
import { parseEnvironments } from "../lib/config/load-environments";
import { environmentSchema } from "../lib/config/environment-schema";
import { fieldPaths } from "./support/schema-fields";

type Json = EnvironmentJson;

function validEnvironment(): Json {
  return {
    name: "qa",
    openmetadataUrl: "https://openmetadata.qa.example.com",
    okta: { orgName: "example", baseUrl: "okta.com", access: { groups: ["openmetadata-users"] } },
    openmetadata: { cluster: { kubeconfigPath: "~/.kube/config" }, initialAdmins: ["jane.doe"], principalDomain: "example.com" },
  };
}

const parse = parseEnvironmentObjects;

/** An https ingress whose TLS Secret exists, with these annotations. */
function ingressWith(annotations: Record<string, string>): Json {
  return { className: "nginx", tlsSecretName: "tls", tlsSecretExists: true, annotations };
}

/** The error lines for one environment changed by `change`. */
function errorsFor(change: (environment: Json) => void): string[] {
  return errorLinesFor(validEnvironment(), change);
}

describe("environment validation", () => {
  test("a valid environment parses with its defaults resolved", () => {
    const [environment] = parse([validEnvironment()]);
    expect(environment).toMatchObject({
      stackId: "openmetadata-qa",
      target: "kubernetes",
      okta: { flow: "spa", refreshTokenLeewaySeconds: 30, issuerMode: "ORG_URL" },
    });
  });

  test("an unknown field is named with the field it most likely meant and the fields that are accepted", () => {
    const [line] = errorsFor((environment) => (environment.okta.flwo = "web"));
    expect(line).toBe(
      'environment "qa", field okta.flwo: got "web"; unknown field (did you mean flow?); accepted fields here: orgName, baseUrl, customBaseUrl, ' +
        "flow, appLabel, access, refreshTokenLeewaySeconds, tokens, authorizationServer, maxApiCapacity, serviceApp",
    );
  });

  test("a missing required field is reported as missing", () => {
    expect(errorsFor((environment) => delete environment.openmetadataUrl)).toEqual([
      'environment "qa", field openmetadataUrl: missing; expected an https URL with no path, query or ' +
        'trailing slash (http only for localhost), e.g. "https://openmetadata.example.com"',
    ]);
  });

  test("a non-https URL is refused unless it is localhost", () => {
    expect(errorsFor((environment) => (environment.openmetadataUrl = "http://openmetadata.example.com"))[0]).toContain(
      'field openmetadataUrl: got "http://openmetadata.example.com"; http is only accepted for localhost',
    );
    expect(() => parse([{ ...validEnvironment(), openmetadataUrl: "http://localhost:8585" }])).not.toThrow();
  });

  test("a base URL with a path or a trailing slash is refused", () => {
    expect(errorsFor((environment) => (environment.openmetadataUrl = "https://openmetadata.example.com/"))[0]).toContain(
      "a trailing slash is not accepted",
    );
    expect(errorsFor((environment) => (environment.openmetadataUrl = "https://example.com/openmetadata"))[0]).toContain(
      "a path is not accepted",
    );
  });

  test("an Okta base URL must be a bare domain", () => {
    expect(errorsFor((environment) => (environment.okta.baseUrl = "https://okta.com/"))[0]).toBe(
      'environment "qa", field okta.baseUrl: got "https://okta.com/"; expected a lower-case domain ' +
        'name with no scheme, path or trailing slash, e.g. "okta.com" (write "okta.com")',
    );
  });

  test("duplicate environment names are refused", () => {
    expect(() => parse([validEnvironment(), validEnvironment()])).toThrow(
      /environment "qa", field name: got "qa"; another environment has this name; names must be unique/,
    );
  });

  test("a name that is not a valid stack id is refused", () => {
    expect(errorsFor((environment) => (environment.name = "Prod_EU"))[0]).toMatch(
      /^environment "Prod_EU", field name: got "Prod_EU"; write "prod-eu"; expected 1-24 characters of a-z, 0-9 and "-"/,
    );
  });

  test("an unknown flow is refused with the accepted flows", () => {
    expect(errorsFor((environment) => (environment.okta.flow = "implicit"))[0]).toBe(
      'environment "qa", field okta.flow: got "implicit"; expected one of "spa", "web" ("spa" is a ' +
        'public Single-Page App with PKCE, "web" a confidential app with a client secret)',
    );
  });

  test("token lifetimes outside Okta's ranges are refused", () => {
    expect(errorsFor((environment) => (environment.okta.tokens = { accessTokenLifetimeMinutes: 2000 }))[0]).toContain(
      "field okta.tokens.accessTokenLifetimeMinutes: got 2000; expected a whole number of minutes from 5 to 1440",
    );
    expect(errorsFor((environment) => (environment.okta.tokens = { refreshTokenWindowMinutes: 1 }))[0]).toContain(
      "field okta.tokens.refreshTokenWindowMinutes: got 1; expected a whole number of minutes from 5 to 2628000",
    );
  });

  // okta/okta v6.12.0 okta/services/idaas/resource_okta_auth_server_policy_rule.go:323-324 refuses the rule at apply.
  test("a refresh token lifetime shorter than the access token lifetime is refused", () => {
    expect(
      errorsFor(
        (environment) =>
          (environment.okta.tokens = { accessTokenLifetimeMinutes: 120, refreshTokenLifetimeMinutes: 60, refreshTokenWindowMinutes: 30 }),
      )[0],
    ).toContain(
      "field okta.tokens.refreshTokenLifetimeMinutes: got 60; Okta requires the refresh " +
        "token lifetime to be at least the access token lifetime (120 minutes)",
    );
  });

  test("a refresh leeway outside 0-60 seconds is refused", () => {
    expect(errorsFor((environment) => (environment.okta.refreshTokenLeewaySeconds = 61))[0]).toBe(
      'environment "qa", field okta.refreshTokenLeewaySeconds: got 61; expected a whole number of seconds ' +
        "from 0 to 60 (Okta's grace period for a rotated refresh token)",
    );
  });

  test("an empty group list without an explicit everyone choice is refused", () => {
    expect(errorsFor((environment) => (environment.okta.access = { groups: [] }))[0]).toContain(
      "field okta.access.groups: got []; no Okta group gets access; list the groups (controlled access), or set okta.access.everyone: true",
    );
    expect(() => parse([{ ...validEnvironment(), okta: { ...validEnvironment().okta, access: { everyone: true } } }])).not.toThrow();
  });

  test("a custom domain, which nothing reads (Okta derives the issuer itself), is refused as an unknown field", () => {
    expect(
      errorsFor(
        (environment) => (environment.okta.authorizationServer = { issuerMode: "CUSTOM_URL", customDomain: "login.example.com" }),
      )[0],
    ).toContain(
      'field okta.authorizationServer.customDomain: got "login.example.com"; unknown field; accepted fields here: name, issuerMode',
    );
  });

  // okta/okta v6.12.0 okta/services/idaas/resource_okta_auth_server_policy_rule.go:326-327 refuses the rule at apply.
  test(
    "a refresh token window shorter than the access token lifetime is " + "refused: Okta requires access <= window <= refresh lifetime",
    () => {
      expect(
        errorsFor((environment) => (environment.okta.tokens = { accessTokenLifetimeMinutes: 60, refreshTokenWindowMinutes: 30 })),
      ).toEqual([
        expect.stringContaining(
          "field okta.tokens.refreshTokenWindowMinutes: got 30; Okta requires the refresh " +
            "token window to be at least the access token lifetime (60 minutes)",
        ),
      ]);
      expect(() =>
        parse([
          {
            ...validEnvironment(),
            okta: { ...validEnvironment().okta, tokens: { accessTokenLifetimeMinutes: 60, refreshTokenWindowMinutes: 60 } },
          },
        ]),
      ).not.toThrow();
    },
  );

  test("a Dynamic issuer is refused with the reason", () => {
    expect(errorsFor((environment) => (environment.okta.authorizationServer = { issuerMode: "DYNAMIC" }))[0]).toContain(
      'got "DYNAMIC"; expected one of "ORG_URL", "CUSTOM_URL" (DYNAMIC is not accepted',
    );
  });

  test("the chart's default admin is refused as an initial admin", () => {
    expect(errorsFor((environment) => (environment.openmetadata.initialAdmins = ["admin"]))[0]).toContain(
      'field openmetadata.initialAdmins[0]: got "admin"; the chart\'s default "admin" is not accepted',
    );
  });

  test("a kubernetes target without an openmetadata section is refused, and collate with one", () => {
    expect(errorsFor((environment) => delete environment.openmetadata)[0]).toContain(
      'field openmetadata: missing; target "kubernetes" needs an openmetadata section',
    );
    expect(errorsFor((environment) => (environment.target = "collate"))[0]).toContain('target "collate" deploys nothing to Kubernetes');
  });

  test("an external database without external search is refused", () => {
    expect(errorsFor((environment) => (environment.openmetadata.database = { host: "db.internal" }))[0]).toContain(
      "field openmetadata.search: missing; an external database and an external search endpoint go together",
    );
  });

  test("an https ingress without a TLS Secret is refused", () => {
    expect(errorsFor((environment) => (environment.openmetadata.ingress = { className: "nginx" }))[0]).toContain(
      "field openmetadata.ingress.tlsSecretName: missing; https://openmetadata.qa.example.com is https: name the Secret",
    );
  });

  test("an unknown backend type is refused", () => {
    expect(errorsFor((environment) => (environment.backend = { type: "consul" }))[0]).toContain(
      'field backend.type: got "consul"; expected a backend with type "local", "s3", "gcs" or "remote"',
    );
  });

  test("a service app without a readable public JWKS is refused before any API call", () => {
    expect(errorsFor((environment) => (environment.okta.serviceApp = { enabled: true }))[0]).toContain(
      "field okta.serviceApp.jwksFile: missing; the service app authenticates with private_key_jwt",
    );
    expect(errorsFor((environment) => (environment.okta.serviceApp = { jwksFile: "keys/missing.jwks.json" }))[0]).toMatch(
      /field okta\.serviceApp\.jwksFile: got "keys\/missing\.jwks\.json"; .*missing\.jwks\.json cannot be read as JSON \(ENOENT\)/,
    );
  });

  test("every problem in a file is reported at once", () => {
    const lines = errorsFor((environment) => {
      environment.okta.flow = "hybrid";
      environment.okta.refreshTokenLeewaySeconds = -1;
      environment.openmetadataUrl = "ftp://x";
    });
    expect(lines).toHaveLength(3);
  });

  test("invalid YAML is reported with the file name", () => {
    expect(() => parseEnvironments("environments: [", { source: "mine.yaml", format: "yaml", baseDir: "." })).toThrow(
      /^mine\.yaml: 1 problem in the environments\n {2}- the file is not valid YAML at line 1, column 16: /,
    );
  });
});

// Rules the schema library (valibot 1.5.0) does not keep by itself; lib/config/schema-helpers.ts adds each one.
describe("what the schema helpers add to valibot", () => {
  test("every unknown field of a section is reported, not only the first", () => {
    // valibot's strictObject stops after the first unknown key (dist/index.cjs, strictObject's `break`).
    const lines = errorsFor((environment) => Object.assign(environment.okta, { flwo: "web", lable: "x" }));
    expect(lines.map((line) => line.split(":")[0])).toEqual(['environment "qa", field okta.flwo', 'environment "qa", field okta.lable']);
  });

  test("a list where a section's fields belong is refused as a list, not read as fields named 0, 1, 2", () => {
    // valibot's object, record and variant schemas take any object, arrays included (`input && typeof input === "object"`).
    expect(errorsFor((environment) => (environment.okta.access = ["openmetadata-users"]))).toEqual([
      'environment "qa", field okta.access: got ["openmetadata-users"]; expected an object with fields: groups, everyone ' +
        "(got a list; write the fields directly, without a leading -)",
    ]);
    expect(errorsFor((environment) => (environment.backend = [{ type: "s3" }]))[0]).toContain(
      'field backend: got [{"type":"s3"}]; expected a backend with type',
    );
    expect(errorsFor((environment) => (environment.openmetadata.ingress = { annotations: ["a=b"] }))[0]).toContain(
      'field openmetadata.ingress.annotations: got ["a=b"]; expected a map of annotation names to string values',
    );
  });

  test("a missing required field inside a section says what belongs there, not what the section is", () => {
    // valibot gives a missing key the object's message; strictRecord asks the field's schema instead.
    expect(errorsFor((environment) => delete environment.okta.baseUrl)).toEqual([
      'environment "qa", field okta.baseUrl: missing; expected a lower-case domain name with no scheme, path or trailing slash, e.g. "okta.com"',
    ]);
  });

  test("a number that is not finite (YAML's .inf) is refused with the field's range, not as a fraction", () => {
    // valibot's number() takes Infinity; only NaN is refused. JSON has no Infinity, so the file is YAML.
    const yaml = [
      "environments:",
      "  - name: qa",
      "    openmetadataUrl: https://openmetadata.qa.example.com",
      "    target: collate",
      "    okta: { orgName: example, baseUrl: okta.com, refreshTokenLeewaySeconds: .inf, access: { everyone: true } }",
    ].join("\n");
    expect(() => parseEnvironments(yaml, { source: "environments.yaml", format: "yaml", baseDir: "." })).toThrow(
      /field okta\.refreshTokenLeewaySeconds: got null; expected a whole number of seconds from 0 to 60 \(Okta's grace period for a rotated refresh token\)$/m,
    );
  });

  test("a field named __proto__, constructor or prototype is refused as unknown, not passed over", () => {
    // valibot's objects skip these keys without a word (_isValidObjectKey, valibot 1.5.0 dist/index.cjs).
    const yaml = (field: string) =>
      [
        "environments:",
        "  - name: qa",
        "    openmetadataUrl: https://openmetadata.qa.example.com",
        "    target: collate",
        `    okta: { orgName: example, baseUrl: okta.com, access: { everyone: true }, ${field}: 1 }`,
      ].join("\n");
    for (const field of ["__proto__", "constructor", "prototype"])
      expect(() => parseEnvironments(yaml(field), { source: "environments.yaml", format: "yaml", baseDir: "." })).toThrow(
        `field okta.${field}: got 1; unknown field; accepted fields here: orgName`,
      );
  });

  test("a map keeps an entry named constructor like any other, and refuses one named __proto__", () => {
    // The same valibot rule skips these keys in records; zod kept "constructor" and dropped "__proto__" silently.
    const [kept] = parse([
      { ...validEnvironment(), openmetadata: { ...validEnvironment().openmetadata, ingress: ingressWith({ constructor: "x" }) } },
    ]);
    expect((kept as { openmetadata?: { ingress?: { annotations?: unknown } } }).openmetadata?.ingress?.annotations).toEqual({
      constructor: "x",
    });
    const yaml = [
      "environments:",
      "  - name: qa",
      "    openmetadataUrl: https://openmetadata.qa.example.com",
      "    okta: { orgName: example, baseUrl: okta.com, access: { everyone: true } }",
      "    openmetadata:",
      "      cluster: { inCluster: true }",
      "      initialAdmins: [jane.doe]",
      "      principalDomain: example.com",
      "      ingress: { className: nginx, tlsSecretName: tls, tlsSecretExists: true, annotations: { __proto__: x } }",
    ].join("\n");
    expect(() => parseEnvironments(yaml, { source: "environments.yaml", format: "yaml", baseDir: "." })).toThrow(
      'field openmetadata.ingress.annotations.__proto__: got "x"; expected a map of annotation names to string values',
    );
  });

  test("no wrong value of any field gets valibot's own wording", () => {
    const wrong: unknown[] = [null, 42, 1.5, "", " x ", true, "true", [], ["a"], {}, { x: 1 }];
    const lines = fieldPaths(environmentSchema).flatMap((path) =>
      wrong.flatMap((value) => {
        const keys = path.split(".");
        try {
          return errorsFor((environment) => {
            let target = environment;
            for (const key of keys.slice(0, -1))
              target = target[key] =
                typeof target[key] === "object" && target[key] !== null && !Array.isArray(target[key]) ? target[key] : {};
            target[keys.at(-1)!] = value;
          });
        } catch {
          return []; // accepted: a free-text field or a value that happens to be right
        }
      }),
    );
    expect(lines.length).toBeGreaterThan(500);
    expect(lines.filter((line) => /Invalid (type|key|length|value|input|format)|Expected .* but received/.test(line))).toEqual([]);
  });
});

describe("what is still accepted", () => {
  test("a UTF-8 file with a byte order mark (PowerShell's -Encoding utf8) is read", () => {
    expect(decodeUtf8(Buffer.from("\uFEFFenvironments: []\n", "utf8"))).toEqual({ text: "environments: []\n" });
  });

  test("strict JSON without mistakes parses exactly as JSON.parse does", () => {
    const text = '{\r\n  "a": [1, -2.5e3, true, null, "\\u00e9\\n"],\r\n  "b": {"c": {}, "d": []}\r\n}';
    expect(parseJsonText(text)).toEqual(JSON.parse(text));
  });

  test("a JSON syntax error is placed by line and column, counting CRLF line ends", () => {
    expect(() => parseJsonText('{\r\n  "a": 1,\r\n}')).toThrow(
      new JsonTextError(3, 1, "a trailing comma is not allowed in JSON; remove the comma before }"),
    );
  });

  test("two environments sharing a bucket with different keys, or a namespace on different contexts, are accepted", () => {
    const second: Json = { ...validEnvironment(), name: "qa2", openmetadataUrl: "https://openmetadata.qa2.example.com" };
    const first = validEnvironment();
    first.backend = { type: "s3", bucket: "example-state", region: "eu-west-1" };
    second.backend = { type: "s3", bucket: "example-state", region: "eu-west-1" };
    first.openmetadata.namespace = "openmetadata";
    second.openmetadata = {
      ...second.openmetadata,
      namespace: "openmetadata",
      cluster: { kubeconfigPath: "~/.kube/config", context: "other" },
    };
    expect(parse([first, second]).map((environment) => environment.name)).toEqual(["qa", "qa2"]);
  });

  test("a description keeps being free text, trimmed", () => {
    expect(parse([{ ...validEnvironment(), description: "  QA, for now  " }])[0]!.description).toBe("QA, for now");
  });
});
