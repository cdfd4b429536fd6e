import { writeFileSync } from "node:fs";
import { FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseEnvironmentsWithWarnings, loadEnvironments } from "../lib/config/load-environments";
import { runSynth } from "../stacks/run-synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

const temporaryDirectory = useTemporaryDirectories("config-warnings");

/** A Collate environment (cheap to synthesize) with extra top-level and okta lines. */
function collate(extra: { top?: string; access?: string } = {}): string {
  return `environments:
  - name: qa
    target: collate
    openmetadataUrl: https://qa.example.com
${extra.top ?? ""}    okta:
      orgName: example
      baseUrl: okta.com
      access: ${extra.access ?? "{ groups: [openmetadata-users] }"}
`;
}

function kubernetes(database: string, ingress = "      ingress: { className: nginx, tlsSecretName: openmetadata-tls }\n"): string {
  return `environments:
  - name: qa
    openmetadataUrl: https://openmetadata.qa.example.com
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [openmetadata-users] } }
    openmetadata:
${ingress}      cluster: { inCluster: true }
      initialAdmins: [jane.doe]
      principalDomain: example.com
      dependencies: { enabled: false }
      database: ${database}
      search: { host: search.internal.example.com }
`;
}

function warningsOf(yaml: string): readonly string[] {
  return parseEnvironmentsWithWarnings(yaml, { source: "test.yaml", format: "yaml", baseDir: "." }).warnings;
}

describe("warnings: accepted, but probably not meant", () => {
  test("a protected environment with local state is warned about, naming the state file", () => {
    expect(warningsOf(collate({ top: "    protected: true\n" }))).toEqual([
      'environment "qa", field backend: a protected environment keeps its Terraform state in the local file ' +
        "terraform.openmetadata-qa.tfstate; losing that file loses track of every resource. Use an s3, gcs or remote backend",
    ]);
  });

  test("a protected environment with remote state is not warned about", () => {
    expect(warningsOf(collate({ top: "    protected: true\n    backend: { type: gcs, bucket: example-state }\n" }))).toEqual([]);
  });

  test("PostgreSQL's port without an engine is warned about, and an explicit engine silences it", () => {
    expect(warningsOf(kubernetes("{ host: db.internal.example.com, port: 5432 }"))).toEqual([
      'environment "qa", field openmetadata.database.engine: port 5432 is PostgreSQL\'s, but engine defaults ' +
        'to "mysql"; set engine: postgres (or engine: mysql if this MySQL really listens on 5432)',
    ]);
    expect(warningsOf(kubernetes("{ host: db.internal.example.com, port: 5432, engine: mysql }"))).toEqual([]);
  });

  test("Okta's built-in Everyone group listed by name is warned about, pointing to everyone: true", () => {
    expect(warningsOf(collate({ access: "{ groups: [Everyone] }" }))).toEqual([
      'environment "qa", field okta.access.groups: "Everyone" is Okta\'s built-in group of every user; to ' +
        "give everyone access say so with okta.access.everyone: true and remove it from groups",
    ]);
  });

  test("an environment without an Ingress is warned about: nothing serves its openmetadataUrl, and how to expose it", () => {
    expect(warningsOf(kubernetes("{ host: db.internal.example.com }", ""))).toEqual([
      'environment "qa", field openmetadata.ingress: no Ingress, so nothing the stack creates serves ' +
        "https://openmetadata.qa.example.com; add openmetadata.ingress (className, tlsSecretName) to expose it, or route " +
        "that URL to the Service openmetadata (port 8585) yourself (help/kubernetes.md)",
    ]);
  });

  test("the fixture environments load with no warning but dev's missing Ingress", () => {
    expect(loadEnvironments(FIXTURE_ENVIRONMENTS_FILE).warnings.map((warning) => warning.split(":")[0])).toEqual(
      loadEnvironments(FIXTURE_ENVIRONMENTS_FILE)
        .environments.filter((environment) => environment.openmetadata && !environment.openmetadata.ingress)
        .map((environment) => `environment "${environment.name}", field openmetadata.ingress`),
    );
  });

  test("synth prints each warning once as a warning: line and still succeeds", () => {
    const directory = temporaryDirectory();
    const file = join(directory, "environments.yaml");
    writeFileSync(file, collate({ top: "    protected: true\n", access: "{ groups: [everyone] }" }));
    const lines: string[] = [];
    expect(
      runSynth({ env: { OPENMETADATA_ENVIRONMENTS_FILE: file }, outdir: join(directory, "out"), stderr: (line) => lines.push(line) }),
    ).toBe(0);
    expect(lines.filter((line) => line.startsWith("warning: environment "))).toEqual([
      expect.stringContaining("field backend: a protected environment"),
      expect.stringContaining('field okta.access.groups: "everyone" is Okta\'s built-in group'),
    ]);
  });
});
