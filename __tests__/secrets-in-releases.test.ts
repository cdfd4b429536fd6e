import { Release } from "@cdktf/provider-helm/lib/release";
import { App, TerraformStack } from "cdktf";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { addHelmReleaseRules } from "../lib/openmetadata/helm-release-rules";
import { fixtureEnvironments, fixtureStack, type TerraformJson } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

const makeOutdir = useTemporaryDirectories("helm-release-rules");

/**
 * What hashicorp/helm 3.1.1 keeps where anyone with plan or state read access sees it: `values`
 * and `set` are plain attributes, copied with `set_sensitive` into the non-sensitive
 * `metadata.values`, where a `set_sensitive` is cloaked only if its name has no escaped dot
 * (`helm/resource_helm_release.go` 404-407, 528-532, 707-721; #1788).
 */
function plainTextOf(release: Record<string, any>): string[] {
  return [
    ...((release.values as string[] | undefined) ?? []),
    ...((release.set as { name: string; value: string }[] | undefined) ?? []).flatMap((set) => [set.name, set.value]),
    ...((release.set_sensitive as { name: string; value: string }[] | undefined) ?? [])
      .filter((set) => set.name.includes("\\."))
      .map((set) => set.value),
  ];
}

/** Terraform references whose value is a secret: generated material, sensitive variables, the Okta client secret, Secret data. */
function secretReferencesIn(text: string, json: TerraformJson): string[] {
  const sensitiveVariables = Object.entries(json.variable ?? {})
    .filter(([, variable]) => variable.sensitive)
    .map(([name]) => name);
  const secret = new RegExp(
    [
      String.raw`\b(?:random_password|random_bytes|tls_private_key)\.`,
      String.raw`\bdata\.tls_public_key\.[^.\s,)]+\.private_key`,
      String.raw`\.client_secret\b`,
      String.raw`\bkubernetes_secret_v1\.[^.\s,)]+\.(?:data|binary_data)\b`,
      ...sensitiveVariables.map((name) => String.raw`\bvar\.${name}\b`),
    ].join("|"),
  );
  return (text.match(/\$\{[^}]*\}/g) ?? []).filter((reference) => secret.test(reference));
}

// hashicorp/terraform-provider-helm#1788; help/kubernetes.md#the-dependencies-release.
describe("no generated secret in any non-sensitive place", () => {
  for (const environment of fixtureEnvironments()) {
    test(`no helm_release of ${environment.stackId} holds a secret where the helm provider stores it in clear`, () => {
      const { json } = fixtureStack(environment.name);
      const releases = Object.entries(json.resource.helm_release ?? {});
      expect(releases.length).toBeGreaterThan(0);
      for (const [name, release] of releases)
        expect(
          plainTextOf(release).flatMap((text) => secretReferencesIn(text, json)),
          name,
        ).toEqual([]);
    });

    test(`no ConfigMap of ${environment.stackId} holds a secret`, () => {
      const { json } = fixtureStack(environment.name);
      for (const configMap of Object.values(json.resource.kubernetes_config_map_v1 ?? {}))
        expect(secretReferencesIn(JSON.stringify(configMap.data), json)).toEqual([]);
    });

    // The objects of the Jobs path (service account, Role, RoleBinding, NetworkPolicies) and every other
    // Kubernetes object but a Secret: none may carry a secret, whatever attribute it would hide in.
    test(`no Kubernetes object of ${environment.stackId} other than a Secret holds a secret`, () => {
      const { json } = fixtureStack(environment.name);
      const objects = Object.entries(json.resource)
        .filter(([type]) => type.startsWith("kubernetes_") && type !== "kubernetes_secret_v1")
        .flatMap(([type, byName]) => Object.entries(byName).map(([name, resource]) => [`${type}.${name}`, resource] as const));
      expect(objects.length).toBeGreaterThan(0);
      for (const [address, resource] of objects) expect(secretReferencesIn(JSON.stringify(resource), json), address).toEqual([]);
    });
  }

  test("the detector finds the references it is meant to find", () => {
    const { json } = fixtureStack("prod");
    const found = secretReferencesIn(
      "${random_password.a.result} ${random_bytes.b.hex} ${tls_private_key.c.private_key_pem} ${okta_app_oauth.d.client_secret} " +
        "${kubernetes_secret_v1.e.data} ${var.openmetadata_database_password} ${okta_app_oauth.d.client_id} ${random_id.f.hex}",
      json,
    );
    expect(found).toHaveLength(6);
    expect(
      plainTextOf({
        values: ["v"],
        set: [{ name: "n", value: "s" }],
        set_sensitive: [
          { name: "a\\.b", value: "x" },
          { name: "a.b", value: "y" },
        ],
      }),
    ).toEqual(["v", "n", "s", "x"]);
  });

  test("the OpenMetadata release values hold only Secret names, never Secret data", () => {
    for (const name of ["dev", "staging", "prod"]) {
      const values = parse(fixtureStack(name).json.resource.helm_release!["openmetadata_release"]!.values[0]);
      expect(JSON.stringify(values)).not.toMatch(/kubernetes_secret_v1\.[^"]*\.data/);
    }
  });
});

describe("helm_release rules", () => {
  test("a set_sensitive name with an escaped dot fails validation, because helm provider 3.1.1 stores it uncloaked (#1788)", () => {
    const stack = new TerraformStack(new App({ outdir: makeOutdir(), stackTraces: false }), "rules");
    const release = new Release(stack, "release", {
      name: "r",
      chart: "c",
      setSensitive: [
        { name: "mysql.initdbScripts.init\\.sql", value: "x" },
        { name: "mysql.auth.rootPassword", value: "y" },
      ],
    });
    addHelmReleaseRules(release);
    expect(release.node.validate()).toEqual([expect.stringContaining('set_sensitive "mysql.initdbScripts.init\\.sql" has an escaped dot')]);
  });
});
