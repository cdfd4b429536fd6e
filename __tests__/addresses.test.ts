import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it, test } from "vitest";

import { terraformEnvironment } from "../local-providers/install/terraform-environment";
import { localProviders, newWorld, TERRAFORM_MISSING } from "./support/local-terraform";
import {
  environmentsFromYaml,
  fixtureEnvironments,
  fixtureStack,
  synthEnvironment,
  type TerraformJson,
  FIXTURE_ENVIRONMENTS_FILE,
} from "./support/synth";

/**
 * Terraform identifies a live object by its address, and the stack derives addresses from construct
 * paths (OpenMetadataStack.allocateLogicalId). Renaming a construct id therefore renames the address,
 * and Terraform plans to destroy the old object and create a new one: a new Okta client id, a new
 * namespace. These lists make every address change a reviewed, deliberate diff.
 */
const ADDRESSES_DIR = resolve(__dirname, "addresses");
const UPDATE = process.env["UPDATE_ADDRESSES"] === "1";
const UPDATE_COMMAND = "UPDATE_ADDRESSES=1 npx vitest run __tests__/addresses.test.ts";

/** Resource types whose loss is an outage or a credential change; protected environments must refuse to destroy them. */
const CRITICAL_TYPES = ["okta_app_oauth", "okta_auth_server", "helm_release", "kubernetes_namespace_v1"] as const;

type Blocks = Record<string, Record<string, Record<string, any>>>;

/** Every address as `terraform state list` prints it: `type.name` for resources, `data.type.name` for data sources. */
function terraformAddresses(json: TerraformJson): string[] {
  const addresses = (blocks: Blocks | undefined, prefix: string) =>
    Object.entries(blocks ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${prefix}${type}.${name}`));
  // Plain code-point order, the same as `LC_ALL=C sort`, so the files never depend on a locale.
  return [...addresses(json.resource, ""), ...addresses(json.data, "data.")].sort();
}

function addressDifference(expected: readonly string[], actual: readonly string[]): { added: string[]; removed: string[] } {
  const expectedSet = new Set(expected);
  const actualSet = new Set(actual);
  return { added: actual.filter((address) => !expectedSet.has(address)), removed: expected.filter((address) => !actualSet.has(address)) };
}

/** What a developer sees when addresses change: why it matters, what changed, and both ways forward. */
function addressMismatchMessage(
  stackId: string,
  file: string,
  difference: { added: readonly string[]; removed: readonly string[] },
): string {
  const list = (addresses: readonly string[], sign: string) =>
    addresses.length > 0 ? addresses.map((address) => `    ${sign} ${address}`).join("\n") : "    (none)";
  return [
    `The Terraform addresses of ${stackId} differ from ${file}.`,
    "",
    "Addresses come from construct ids. Renaming or moving a construct renames its address, and Terraform then",
    "DESTROYS the live object at the old address and CREATES a new one (a new Okta client id that users and",
    "Collate must be given, a new namespace with empty volumes). Removed addresses are destroyed on the next apply.",
    "",
    "  Added (would be created):",
    list(difference.added, "+"),
    "  Removed (would be destroyed):",
    list(difference.removed, "-"),
    "",
    "If this was not intended, restore the construct id.",
    "If a rename is intended and the live object must survive, keep it by moving its state: add",
    '`resource.moveFromId("<old address>")` to the construct, or run `terraform state mv <old> <new>` before applying.',
    `Then record the new addresses deliberately and commit the file with the change:\n    ${UPDATE_COMMAND}`,
  ].join("\n");
}

function addressFile(stackId: string): string {
  return join(ADDRESSES_DIR, `${stackId}.txt`);
}

function readAddressFile(path: string): string[] | undefined {
  if (!existsSync(path)) return undefined;
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

const critical = (json: TerraformJson) =>
  CRITICAL_TYPES.flatMap((type) =>
    Object.entries(json.resource[type] ?? {}).map(([name, resource]) => ({ address: `${type}.${name}`, resource })),
  );

const environments = fixtureEnvironments();

describe("the Terraform addresses of every fixture stack", () => {
  if (UPDATE) {
    mkdirSync(ADDRESSES_DIR, { recursive: true });
    // A file for a stack that is no longer shipped would otherwise linger and fail the orphan test.
    const shipped = new Set(environments.map((environment) => `${environment.stackId}.txt`));
    for (const file of readdirSync(ADDRESSES_DIR)) if (file.endsWith(".txt") && !shipped.has(file)) unlinkSync(join(ADDRESSES_DIR, file));
  }

  for (const environment of environments) {
    it(`${environment.stackId} has exactly the addresses listed in __tests__/addresses/${environment.stackId}.txt`, () => {
      const actual = terraformAddresses(synthEnvironment(environment).json);
      const file = addressFile(environment.stackId);
      if (UPDATE) writeFileSync(file, `${actual.join("\n")}\n`);
      const expected = readAddressFile(file);
      if (expected === undefined)
        expect.fail(`${file} does not exist. Review the addresses of ${environment.stackId}, then create it with:\n    ${UPDATE_COMMAND}`);
      const difference = addressDifference(expected, actual);
      if (difference.added.length > 0 || difference.removed.length > 0)
        expect.fail(addressMismatchMessage(environment.stackId, `__tests__/addresses/${environment.stackId}.txt`, difference));
      // Same set; the file must also be sorted and duplicate-free so that reviews see minimal diffs.
      expect(expected).toEqual(actual);
    });
  }

  it("has an address file for fixture stacks only", () => {
    const files = readdirSync(ADDRESSES_DIR)
      .filter((file) => file.endsWith(".txt"))
      .sort();
    expect(files).toEqual(environments.map((environment) => `${environment.stackId}.txt`).sort());
  });

  it("explains a renamed construct as one destroyed and one created address, with the update command", () => {
    const before = ["okta_app_oauth.okta_oidc-app_app", "okta_trusted_origin.okta_oidc-app_trusted-origin"];
    const after = ["okta_app_oauth.okta_login-app_app", "okta_trusted_origin.okta_oidc-app_trusted-origin"];
    const difference = addressDifference(before, after);
    expect(difference).toEqual({ added: ["okta_app_oauth.okta_login-app_app"], removed: ["okta_app_oauth.okta_oidc-app_app"] });

    const message = addressMismatchMessage("openmetadata-dev", "__tests__/addresses/openmetadata-dev.txt", difference);
    expect(message).toContain("+ okta_app_oauth.okta_login-app_app");
    expect(message).toContain("- okta_app_oauth.okta_oidc-app_app");
    expect(message).toMatch(/DESTROYS the live object/);
    expect(message).toContain(UPDATE_COMMAND);
  });

  it("lists data sources with the data. prefix terraform state list uses", () => {
    const json = {
      resource: { okta_app_oauth: { b: {} } },
      data: { okta_group: { a: {} } },
      output: {},
      provider: {},
      terraform: {},
    } satisfies TerraformJson;
    expect(terraformAddresses(json)).toEqual(["data.okta_group.a", "okta_app_oauth.b"]);
  });
});

describe("destroy protection", () => {
  it("every critical resource of prod carries prevent_destroy", () => {
    const { json } = fixtureStack("prod");
    // Each critical type must be present, so that the check cannot pass on an empty list.
    for (const type of CRITICAL_TYPES) expect(Object.keys(json.resource[type] ?? {}), `prod has no ${type}`).not.toHaveLength(0);
    const unprotected = critical(json)
      .filter(({ resource }) => resource["lifecycle"]?.["prevent_destroy"] !== true)
      .map(({ address }) => address);
    expect(unprotected).toEqual([]);
  });

  it("no resource of staging carries prevent_destroy, so cdktf destroy openmetadata-staging removes everything", () => {
    const { json } = fixtureStack("staging");
    const protectedAddresses = Object.entries(json.resource).flatMap(([type, byName]) =>
      Object.entries(byName)
        .filter(([, resource]) => Boolean(resource["lifecycle"]?.["prevent_destroy"]))
        .map(([name]) => `${type}.${name}`),
    );
    expect(Object.keys(json.resource).length).toBeGreaterThan(0);
    expect(protectedAddresses).toEqual([]);
  });

  it("staging keeps OpenMetadata in a namespace of its own, so destroying the namespace removes everything inside", () => {
    const { json } = fixtureStack("staging");
    const namespaces = Object.keys(json.resource["kubernetes_namespace_v1"] ?? {});
    expect(namespaces).toEqual(["openmetadata_namespace"]);
    const namespaceReference = "${kubernetes_namespace_v1.openmetadata_namespace.metadata[0].name}";
    const secrets = Object.values(json.resource["kubernetes_secret_v1"] ?? {});
    const releases = Object.values(json.resource["helm_release"] ?? {});
    expect(secrets.length).toBeGreaterThan(0);
    expect(releases.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(secret["metadata"]?.["namespace"]).toBe(namespaceReference);
    for (const release of releases) expect(release["namespace"]).toBe(namespaceReference);
  });

  it(
    "every Okta object staging refers to is a resource of the stack or a " + "looked-up group, and nothing is created outside Terraform",
    () => {
      const { json, text } = fixtureStack("staging");
      const addresses = new Set(terraformAddresses(json));
      const oktaReferences = [...text.matchAll(/\$\{((?:data\.)?okta_[a-z_]+\.[A-Za-z0-9_-]+)/g)].map((match) => match[1] as string);
      expect(oktaReferences.length).toBeGreaterThan(0);
      expect(oktaReferences.filter((address) => !addresses.has(address))).toEqual([]);
      // Data sources only read: the groups exist before the stack and stay after it is destroyed.
      expect(
        Object.keys(json.data ?? {}).filter((type) => type.startsWith("okta_") && type !== "okta_group" && type !== "okta_everyone_group"),
      ).toEqual([]);
      // Provisioners and shell-out resources would create objects Terraform cannot destroy.
      expect(Object.keys(json.resource).filter((type) => ["null_resource", "terraform_data"].includes(type))).toEqual([]);
      expect(Object.keys(json.data ?? {}).filter((type) => type === "external")).toEqual([]);
      expect(text).not.toMatch(/"provisioner"/);
    },
  );

  it(
    "setting protected: false on prod removes prevent_destroy from every " + "resource, which is the deliberate way to allow its destroy",
    () => {
      const document = parseDocument(readFileSync(FIXTURE_ENVIRONMENTS_FILE, "utf8"));
      const prodIndex = fixtureEnvironments().findIndex((environment) => environment.name === "prod");
      expect(document.getIn(["environments", prodIndex, "protected"])).toBe(true);
      document.setIn(["environments", prodIndex, "protected"], false);
      const prod = environmentsFromYaml(document.toString()).find((environment) => environment.name === "prod");
      if (!prod) throw new Error("prod is missing from the edited environments");

      const { json } = synthEnvironment(prod);
      const stillProtected = Object.entries(json.resource).flatMap(([type, byName]) =>
        Object.entries(byName)
          .filter(([, resource]) => resource["lifecycle"]?.["prevent_destroy"] === true)
          .map(([name]) => `${type}.${name}`),
      );
      expect(critical(json).length).toBeGreaterThan(0);
      expect(stillProtected).toEqual([]);
    },
  );
});

// --- terraform itself refusing to destroy prod --------------------------------------------------

describe(`terraform refusing to destroy protected prod${TERRAFORM_MISSING ? ` [${TERRAFORM_MISSING}]` : ""}`, () => {
  test.skipIf(TERRAFORM_MISSING)(
    "terraform plan -destroy of prod fails on prevent_destroy, run against the project's local providers",
    async () => {
      const { json } = fixtureStack("prod");
      const directory = mkdtempSync(join(tmpdir(), "prod-destroy-"));
      try {
        // Never the real state: the S3 backend is dropped, and a local state holds one existing namespace,
        // because plan -destroy of an empty state destroys nothing and prevent_destroy never triggers.
        const { backend: _backend, ...terraform } = json.terraform;
        writeFileSync(join(directory, "cdk.tf.json"), JSON.stringify({ ...json, terraform }));
        const namespace = json.resource["kubernetes_namespace_v1"]?.["openmetadata_namespace"]?.["metadata"]?.["name"] as string;
        writeFileSync(
          join(directory, "terraform.tfstate"),
          JSON.stringify({
            version: 4,
            terraform_version: "1.11.4",
            serial: 1,
            lineage: randomUUID(),
            outputs: {},
            resources: [
              {
                mode: "managed",
                type: "kubernetes_namespace_v1",
                name: "openmetadata_namespace",
                provider: 'provider["registry.terraform.io/hashicorp/kubernetes"]',
                instances: [
                  {
                    schema_version: 0,
                    attributes: {
                      id: namespace,
                      metadata: [
                        {
                          name: namespace,
                          labels: {},
                          annotations: {},
                          generate_name: "",
                          generation: 0,
                          resource_version: "1",
                          uid: randomUUID(),
                        },
                      ],
                      timeouts: null,
                      wait_for_default_service_account: false,
                    },
                  },
                ],
              },
            ],
          }),
        );
        const env: NodeJS.ProcessEnv = { ...terraformEnvironment(await localProviders(), { world: newWorld() }), TF_INPUT: "0" };
        const run = (args: string[]) => spawnSync("terraform", args, { cwd: directory, env, encoding: "utf8", timeout: 120_000 });

        const init = run(["init", "-backend=false", "-no-color"]);
        expect(init.status, init.stderr).toBe(0);
        const variables = Object.keys(json.variable ?? {}).flatMap((name) => ["-var", `${name}=placeholder`]);
        const plan = run(["plan", "-destroy", "-refresh=false", "-lock=false", "-no-color", ...variables]);
        expect(plan.status).toBe(1);
        expect(`${plan.stdout}${plan.stderr}`).toMatch(
          /kubernetes_namespace_v1\.openmetadata_namespace has\s+lifecycle\.prevent_destroy set/,
        );
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
