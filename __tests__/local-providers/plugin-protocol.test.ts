import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { installLocalProviders, type LocalProviderInstallation } from "../../local-providers/install/build";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../local-providers/protocol/serve";
import { terraformEnvironment } from "../../local-providers/install/terraform-environment";
import { WORLD_VARIABLE } from "../../local-providers/provider/world";
import { runCommand, TERRAFORM_MISSING } from "../support/local-terraform";
import { useTemporaryDirectories } from "../support/temporary-directories";

// The generic half of every local provider, proven with the real terraform against a provider made for
// this test (protocol-fixture/main.ts): handshake and AutoMTLS, schema, validate, plan, apply, read,
// import, destroy and Shutdown, as hashicorp/go-plugin v1.6.0 and terraform v1.11.4 drive them.

const temporary = useTemporaryDirectories("plugin-protocol");
const PROBE = { name: "probe", hostname: "registry.terraform.io", namespace: "test", type: "probe", version: "1.0.0" } as const;

let installation: LocalProviderInstallation;
let world: string;

beforeAll(async () => {
  installation = await installLocalProviders(temporary(), [{ provider: PROBE, entry: join(__dirname, "protocol-fixture", "main.ts") }]);
  world = temporary();
});

/** Written as cdktf writes cdk.tf.json, one attribute a line: Terraform quotes the lines of a diagnostic's source. */
function configuration(thing: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      terraform: { required_providers: { probe: { source: "test/probe", version: "1.0.0" } } },
      provider: { probe: [{ token: "t0ken-value-never-printed" }] },
      resource: { probe_thing: { one: thing } },
      output: { id: { value: "${probe_thing.one.id}" } },
      ...extra,
    },
    null,
    2,
  );
}

function workspace(thing: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const directory = temporary();
  const env = { ...terraformEnvironment(installation, { world }), TF_INPUT: "0" };
  const write = (next: Record<string, unknown>, nextExtra: Record<string, unknown> = {}) =>
    writeFileSync(join(directory, "main.tf.json"), configuration(next, nextExtra));
  write(thing, extra);
  const run = (...args: string[]) => runCommand("terraform", [...args, "-no-color"], directory, env);
  return { directory, write, run };
}

const things = () => {
  try {
    return readdirSync(join(world, "probe", "default", "things"));
  } catch {
    return [];
  }
};

describe(`the plugin protocol against terraform 1.11.4${TERRAFORM_MISSING ? ` [${TERRAFORM_MISSING}]` : ""}`, () => {
  test.skipIf(TERRAFORM_MISSING)(
    "terraform installs a local provider from the mirror, applies, finds nothing to change after the apply, and destroys",
    () => {
      const { run } = workspace({ label: "first", meta: [{ tag: "a" }] });
      expect(run("init").status, "init").toBe(0);
      const before = things().length;
      const apply = run("apply", "-auto-approve");
      expect(apply.status, apply.output).toBe(0);
      expect(apply.output).toContain("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
      expect(things().length).toBe(before + 1);
      const plan = run("plan", "-detailed-exitcode");
      expect(plan.status, plan.output).toBe(0);
      expect(plan.output).toContain("No changes.");
      const destroy = run("destroy", "-auto-approve");
      expect(destroy.status, destroy.output).toBe(0);
      expect(things().length).toBe(before);
    },
  );

  test.skipIf(TERRAFORM_MISSING)(
    "a changed forceNew attribute plans a replacement that names it, and computed values become unknown",
    () => {
      const { run, write } = workspace({ label: "before", meta: [{ tag: "a" }] });
      run("init");
      expect(run("apply", "-auto-approve").status).toBe(0);
      write({ label: "after", meta: [{ tag: "a" }] });
      const plan = run("plan");
      expect(plan.output).toContain("must be replaced");
      expect(plan.output).toMatch(/label += "before" -> "after" # forces replacement/);
      expect(plan.output).toMatch(/uid += "uid-[^"]+" -> \(known after apply\)/);
      write({ label: "before", note: "changed in place", meta: [{ tag: "a" }] });
      const update = run("plan");
      expect(update.output).toContain("will be updated in-place");
      expect(update.output).toContain("1 to change");
      run("destroy", "-auto-approve");
    },
  );

  test.skipIf(TERRAFORM_MISSING)(
    "the schema's default is planned where the configuration says nothing, and a sensitive computed value is hidden",
    () => {
      const { run } = workspace({ label: "defaults" });
      run("init");
      const plan = run("plan");
      expect(plan.output).toContain("+ size   = 3");
      expect(plan.output).toContain("+ secret = (sensitive value)");
    },
  );

  test.skipIf(TERRAFORM_MISSING)("an object deleted outside Terraform is planned again after the read finds it gone", () => {
    const { run } = workspace({ label: "gone" });
    run("init");
    run("apply", "-auto-approve");
    const [file] = things();
    spawnSync("rm", [join(world, "probe", "default", "things", file!)]);
    const plan = run("plan");
    expect(plan.output).toContain("1 to add, 0 to change, 0 to destroy");
  });

  test.skipIf(TERRAFORM_MISSING)("an import block reads an object that exists in the world and plans 1 to import, 0 to add", () => {
    const made = workspace({ label: "by-hand" });
    made.run("init");
    made.run("apply", "-auto-approve");
    const id = runCommand("terraform", ["output", "-raw", "id"], made.directory, {
      ...terraformEnvironment(installation, { world }),
    }).stdout;
    const adopting = workspace({ label: "by-hand" }, { import: [{ to: "probe_thing.one", id }] });
    adopting.run("init");
    const plan = adopting.run("plan");
    expect(plan.status, plan.output).toBe(0);
    expect(plan.output).toContain("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.");
  });

  test.skipIf(TERRAFORM_MISSING)(
    "the provider's validation and configuration errors reach the user, and never the credential's value",
    () => {
      const refused = workspace({ label: "forbidden" });
      refused.run("init");
      const plan = refused.run("plan");
      expect(plan.status).toBe(1);
      expect(plan.output).toContain("Error: label is forbidden");

      const readOnly = workspace({ label: "x", secret: "set-by-user" });
      readOnly.run("init");
      const readOnlyPlan = readOnly.run("plan");
      expect(readOnlyPlan.output).toContain("Invalid Configuration for Read-Only Attribute");
      expect(`${plan.output}${readOnlyPlan.output}`).not.toContain("t0ken-value-never-printed");
    },
  );

  test("started by anything but Terraform, a local provider says it is a plugin and exits 1, as go-plugin's do", () => {
    const bundle = join(installation.directory, "bin", "probe.cjs");
    const direct = spawnSync(process.execPath, [bundle], {
      encoding: "utf8",
      env: { ...process.env, [MAGIC_COOKIE_KEY]: "", [WORLD_VARIABLE]: world },
    });
    expect(direct.status).toBe(1);
    expect(direct.stderr).toContain("This binary is a plugin. These are not meant to be executed directly.");
    expect(direct.stdout).toBe("");
  });

  test("the handshake line is go-plugin's: core version 1, protocol 6, a 127.0.0.1 address and the certificate without padding", () => {
    const bundle = join(installation.directory, "bin", "probe.cjs");
    const started = spawnSync(process.execPath, [bundle], {
      encoding: "utf8",
      timeout: 3000,
      env: {
        ...process.env,
        [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
        PLUGIN_PROTOCOL_VERSIONS: "5,6",
        PLUGIN_CLIENT_CERT: SELF_SIGNED_CLIENT_CERT,
        [WORLD_VARIABLE]: world,
      },
    });
    const [line] = started.stdout.split("\n");
    expect(line).toMatch(/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|[A-Za-z0-9+/]+$/);
  });
});

// Any certificate will do for the handshake line: the server reads it only when Terraform connects.
const SELF_SIGNED_CLIENT_CERT = `-----BEGIN CERTIFICATE-----
MIIBdzCCAR2gAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDEwlsb2NhbGhv
c3QwHhcNMjYwMTAxMDAwMDAwWhcNMzYwMTAxMDAwMDAwWjAUMRIwEAYDVQQDEwls
b2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASm9mOeX0xgF4cR7mKq
Nn7fL8mJpJg2jQ0h9wqD0kqv9m5dmR8P3YJp0mVQ2k8r7yQe7QqgqZl0W2oV3qz8
Dk1Oo2AwXjAOBgNVHQ8BAf8EBAMCAqQwHQYDVR0lBBYwFAYIKwYBBQUHAwIGCCsG
AQUFBwMBMA8GA1UdEwEB/wQFMAMBAf8wHAYDVR0RBBUwE4IJbG9jYWxob3N0hwR/
AAABMAoGCCqGSM49BAMCA0gAMEUCIQCVp5b1VqR5+n1q7N1k5t0z7bq0fU0vYp6R
-----END CERTIFICATE-----
`;
