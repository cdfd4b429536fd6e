import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { ProviderContext } from "../../local-providers/provider/behaviour";
import type { ObjectValue, Value } from "../../local-providers/provider/values";
import { WORLD_VARIABLE, WorldTenant } from "../../local-providers/provider/world";
import { conformBlock } from "../../local-providers/protocol/cty";
import { provider } from "../../local-providers/providers/kubernetes/index";
import { schemas } from "../../local-providers/providers/kubernetes/schema";
import { useTemporaryDirectories } from "../support/temporary-directories";
import { providerHarness, thrown } from "../support/provider-harness";

// The local kubernetes provider's resources, each rule against hashicorp/terraform-provider-kubernetes@v2.38.0
// (kubernetes/<file>) and the API's rules at kubernetes/apimachinery@v0.28.6.

const worlds = useTemporaryDirectories("kubernetes-world");

/** A configured provider on a fresh world; no kubeconfig, so the cluster is "in-cluster". */
function cluster(): { context: ProviderContext; world: string; tenant: WorldTenant } {
  const world = worlds();
  const context = provider.configure(conformBlock({}, schemas.provider.block), { [WORLD_VARIABLE]: world });
  return { context, world, tenant: context.tenant! };
}

const { block, behaviour, plan, apply, planIsEmpty } = providerHarness(provider);

const metadata = (fields: Record<string, unknown>) => [fields];
const first = (state: ObjectValue, name: string) => (state[name] as ObjectValue[])[0]!;
const summaries = (type: string, raw: Record<string, unknown>) =>
  (behaviour(type).validate?.(conformBlock(raw, block(type))) ?? []).map((diagnostic) => diagnostic.summary);

// resource_kubernetes_namespace_v1.go
describe("kubernetes_namespace_v1", () => {
  test("create fills in uid, resource_version and generation; the API's kubernetes.io/metadata.name label is kept in the world, not in state", () => {
    const { context, tenant } = cluster();
    const raw = { metadata: metadata({ name: "openmetadata-dev", labels: { "app.kubernetes.io/part-of": "openmetadata" } }) };
    const state = apply("kubernetes_namespace_v1", raw, context);
    expect(state["id"]).toBe("openmetadata-dev");
    const meta = first(state, "metadata");
    expect(meta["uid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta["resource_version"]).toMatch(/^\d+$/);
    expect(meta["generation"]).toBe(0);
    expect(meta["labels"]).toEqual({ "app.kubernetes.io/part-of": "openmetadata" });
    expect(state["wait_for_default_service_account"]).toBe(false);
    const stored = tenant.get<{ metadata: { labels: Record<string, string> } }>("namespaces", "openmetadata-dev")!;
    expect(stored.metadata.labels["kubernetes.io/metadata.name"]).toBe("openmetadata-dev");
    expect(planIsEmpty("kubernetes_namespace_v1", raw, state, context)).toBe(true);
  });

  // DNS subdomain, validators.go:66
  test("a name with a dot passes the provider's validateName but the API refuses it: namespaces are DNS labels", () => {
    const { context } = cluster();
    expect(summaries("kubernetes_namespace_v1", { metadata: metadata({ name: "team.dev" }) })).toEqual([]);
    expect(thrown(() => apply("kubernetes_namespace_v1", { metadata: metadata({ name: "team.dev" }) }, context)).message).toBe(
      'Namespace "team.dev" is invalid: metadata.name: Invalid value: "team.dev": must not contain dots',
    );
  });

  // validation.go:206, RegexError
  test("an upper-case name is refused at validate with SDKv2's '<key> <message>' and the RFC 1123 text", () => {
    expect(summaries("kubernetes_namespace_v1", { metadata: metadata({ name: "Team" }) })).toEqual([
      "metadata.0.name a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end " +
        "with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  // validators.go:89-105
  test("labels are validated as qualified names and label values, RegexError's double space included", () => {
    expect(
      summaries("kubernetes_namespace_v1", { metadata: metadata({ name: "x", labels: { "bad key": "ok", good: "no way" } }) }),
    ).toEqual([
      `metadata.0.labels ("bad key") name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an ` +
        `alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `metadata.0.labels ("no way") a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must ` +
        `start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
  });

  // schema_metadata.go:57-66
  test("name and generate_name conflict for a namespace; generate_name gets the API's five-character suffix", () => {
    expect(summaries("kubernetes_namespace_v1", { metadata: metadata({ name: "a", generate_name: "a-" }) })).toEqual([
      '"metadata.0.generate_name": conflicts with metadata.0.name',
      '"metadata.0.name": conflicts with metadata.0.generate_name',
    ]);
    const { context } = cluster();
    const state = apply("kubernetes_namespace_v1", { metadata: metadata({ generate_name: "tmp-" }) }, context);
    expect(first(state, "metadata")["name"]).toMatch(/^tmp-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  test("an existing name is the API's AlreadyExists; the system namespaces exist in every cluster", () => {
    const { context } = cluster();
    apply("kubernetes_namespace_v1", { metadata: metadata({ name: "dup" }) }, context);
    expect(thrown(() => apply("kubernetes_namespace_v1", { metadata: metadata({ name: "dup" }) }, context)).message).toBe(
      'namespaces "dup" already exists',
    );
    expect(thrown(() => apply("kubernetes_namespace_v1", { metadata: metadata({ name: "kube-system" }) }, context)).message).toBe(
      'namespaces "kube-system" already exists',
    );
  });

  test("deleting a namespace deletes what is in it, Helm's releases included, as the namespace controller does", () => {
    const { context, tenant } = cluster();
    const namespace = apply("kubernetes_namespace_v1", { metadata: metadata({ name: "gone" }) }, context);
    apply("kubernetes_secret_v1", { metadata: metadata({ name: "s", namespace: "gone" }), data: { a: "b" } }, context);
    apply("kubernetes_config_map_v1", { metadata: metadata({ name: "c", namespace: "gone" }), data: { a: "b" } }, context);
    apply("kubernetes_secret_v1", { metadata: metadata({ name: "kept", namespace: "default" }), data: { a: "b" } }, context);
    tenant.put("releases", "gone/app", { name: "app", namespace: "gone" });
    behaviour("kubernetes_namespace_v1").delete(namespace, context);
    expect(tenant.list("namespaces")).toEqual([]);
    expect(tenant.list("configmaps")).toEqual([]);
    expect(tenant.list("releases")).toEqual([]);
    expect(tenant.list<{ metadata: { name: string } }>("secrets").map((secret) => secret.metadata.name)).toEqual(["kept"]);
  });

  test("`default` may not be deleted (the NamespaceLifecycle plugin's Forbidden)", () => {
    const { context } = cluster();
    const state = behaviour("kubernetes_namespace_v1").read({ id: "default" }, context)!;
    expect(thrown(() => behaviour("kubernetes_namespace_v1").delete(state, context)).message).toBe(
      'namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });

  // structures.go:71-84
  test("a label update is patched: the API's own label stays, the removed key goes, resource_version moves", () => {
    const { context, tenant } = cluster();
    const raw = { metadata: metadata({ name: "patched", labels: { a: "1", b: "2" } }) };
    const state = apply("kubernetes_namespace_v1", raw, context);
    const updated = apply("kubernetes_namespace_v1", { metadata: metadata({ name: "patched", labels: { a: "3" } }) }, context, state);
    expect(first(updated, "metadata")["labels"]).toEqual({ a: "3" });
    expect(first(updated, "metadata")["resource_version"]).not.toBe(first(state, "metadata")["resource_version"]);
    expect(tenant.get<{ metadata: { labels: object } }>("namespaces", "patched")!.metadata.labels).toEqual({
      a: "3",
      "kubernetes.io/metadata.name": "patched",
    });
  });

  // metadata.name ForceNew, schema_metadata.go:37
  test("a name change replaces the namespace", () => {
    const { context } = cluster();
    const state = apply("kubernetes_namespace_v1", { metadata: metadata({ name: "one" }) }, context);
    expect(plan("kubernetes_namespace_v1", { metadata: metadata({ name: "two" }) }, state, context).requiresReplace).toEqual([
      ["metadata", 0, "name"],
    ]);
  });

  test("import by name reads the object; a namespace that is not there reads as gone", () => {
    const { context } = cluster();
    apply("kubernetes_namespace_v1", { metadata: metadata({ name: "imported", labels: { team: "data" } }) }, context);
    const imported = behaviour("kubernetes_namespace_v1").read(behaviour("kubernetes_namespace_v1").import!("imported", context), context)!;
    expect(first(imported, "metadata")).toMatchObject({ name: "imported", labels: { team: "data" } });
    expect(behaviour("kubernetes_namespace_v1").read({ id: "absent" }, context)).toBeNull();
  });
});

// resource_kubernetes_secret_v1.go
describe("kubernetes_secret_v1", () => {
  const ns = (context: ProviderContext) => apply("kubernetes_namespace_v1", { metadata: metadata({ name: "apps" }) }, context);

  test("a Secret in a namespace that does not exist is the API's NotFound for the namespace (NamespaceLifecycle)", () => {
    const { context } = cluster();
    expect(
      thrown(() => apply("kubernetes_secret_v1", { metadata: metadata({ name: "s", namespace: "nope" }), data: { a: "b" } }, context))
        .message,
    ).toBe('namespaces "nope" not found');
  });

  test("data is stored base64 as the API keeps it and read back as strings; binary_data is decoded and re-encoded; data is {} when only binary", () => {
    const { context, tenant } = cluster();
    ns(context);
    const text = apply(
      "kubernetes_secret_v1",
      { metadata: metadata({ name: "text", namespace: "apps" }), type: "Opaque", data: { password: "s3cr3t" } },
      context,
    );
    expect(text["id"]).toBe("apps/text");
    expect(text["data"]).toEqual({ password: "s3cr3t" });
    expect(tenant.get<{ data: Record<string, string> }>("secrets", "apps/text")!.data).toEqual({
      password: Buffer.from("s3cr3t").toString("base64"),
    });
    const der = Buffer.from([0x30, 0x82, 0x01, 0xff]).toString("base64");
    const raw = { metadata: metadata({ name: "keys", namespace: "apps" }), binary_data: { "public_key.der": der } };
    const binary = apply("kubernetes_secret_v1", raw, context);
    expect(binary["binary_data"]).toEqual({ "public_key.der": der });
    expect(binary["data"]).toEqual({});
    expect(binary["type"]).toBe("Opaque");
    expect(planIsEmpty("kubernetes_secret_v1", raw, binary, context)).toBe(true);
  });

  // structures.go:256-266
  test("binary_data that Go's base64 refuses fails the create with its message, the value unprinted", () => {
    const { context } = cluster();
    ns(context);
    const error = thrown(() =>
      apply("kubernetes_secret_v1", { metadata: metadata({ name: "k", namespace: "apps" }), binary_data: { k: "abc" } }, context),
    );
    expect(error.message).toBe("illegal base64 data at input byte 0");
    expect(
      thrown(() =>
        apply("kubernetes_secret_v1", { metadata: metadata({ name: "k", namespace: "apps" }), binary_data: { k: "ab!d" } }, context),
      ).message,
    ).toBe("illegal base64 data at input byte 2");
  });

  test("a key the API refuses (IsConfigMapKey) fails as the API's Invalid, key by key", () => {
    const { context } = cluster();
    ns(context);
    expect(
      thrown(() =>
        apply("kubernetes_secret_v1", { metadata: metadata({ name: "s", namespace: "apps" }), data: { "bad key": "v" } }, context),
      ).message,
    ).toBe(
      "Secret \"s\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' " +
        "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  });

  test("an existing Secret is AlreadyExists; without a namespace the Secret goes to `default`", () => {
    const { context } = cluster();
    const state = apply("kubernetes_secret_v1", { metadata: metadata({ name: "s" }), data: { a: "b" } }, context);
    expect(state["id"]).toBe("default/s");
    expect(thrown(() => apply("kubernetes_secret_v1", { metadata: metadata({ name: "s" }), data: { a: "b" } }, context)).message).toBe(
      'secrets "s" already exists',
    );
  });

  // CustomizeDiff, :37-59
  test("once immutable, a data change replaces the Secret; otherwise it updates in place", () => {
    const { context } = cluster();
    ns(context);
    const raw = (value: string, immutable?: boolean) => ({
      metadata: metadata({ name: "i", namespace: "apps" }),
      data: { a: value },
      immutable,
    });
    const frozen = apply("kubernetes_secret_v1", raw("1", true), context);
    expect(plan("kubernetes_secret_v1", raw("2", true), frozen, context).requiresReplace).toEqual([["data"]]);
    const { context: other } = cluster();
    apply("kubernetes_namespace_v1", { metadata: metadata({ name: "apps" }) }, other);
    const mutable = apply("kubernetes_secret_v1", raw("1"), other);
    expect(plan("kubernetes_secret_v1", raw("2"), mutable, other).requiresReplace).toEqual([]);
    expect(apply("kubernetes_secret_v1", raw("2"), other, mutable)["data"]).toEqual({ a: "2" });
  });

  test("a service-account-token Secret needs the service account annotation (ValidateSecret); for `default` the token controller fills it", () => {
    const { context } = cluster();
    ns(context);
    const token = { metadata: metadata({ name: "t", namespace: "apps" }), type: "kubernetes.io/service-account-token" };
    expect(thrown(() => apply("kubernetes_secret_v1", token, context)).message).toBe(
      'Secret "t" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value',
    );
    const filled = apply(
      "kubernetes_secret_v1",
      { ...token, metadata: metadata({ name: "t", namespace: "apps", annotations: { "kubernetes.io/service-account.name": "default" } }) },
      context,
    );
    expect(Object.keys(filled["data"] as object).sort()).toEqual(["ca.crt", "namespace", "token"]);
  });

  // resource_kubernetes_secret_v1.go:199-225
  test("a token for a service account the cluster lacks never arrives: the wait's error, and the controller removes the Secret", () => {
    const { context, tenant } = cluster();
    ns(context);
    const raw = {
      metadata: metadata({ name: "t", namespace: "apps", annotations: { "kubernetes.io/service-account.name": "robot" } }),
      type: "kubernetes.io/service-account-token",
    };
    expect(thrown(() => apply("kubernetes_secret_v1", raw, context)).message).toBe(
      'Waiting for secret "apps/t" to create service account token',
    );
    expect(tenant.list("secrets")).toEqual([]);
  });

  // structures.go:19-27
  test("import by namespace/name reads every key as a string; an id without one slash fails the read", () => {
    const { context } = cluster();
    ns(context);
    apply("kubernetes_secret_v1", { metadata: metadata({ name: "s", namespace: "apps", labels: { a: "b" } }), data: { k: "v" } }, context);
    const imported = behaviour("kubernetes_secret_v1").read(behaviour("kubernetes_secret_v1").import!("apps/s", context), context)!;
    expect(imported["data"]).toEqual({ k: "v" });
    expect(first(imported, "metadata")).toMatchObject({ name: "s", namespace: "apps", labels: { a: "b" } });
    expect(thrown(() => behaviour("kubernetes_secret_v1").read({ id: "s" }, context)).message).toBe(
      'Unexpected ID format ("s"), expected "namespace/name".',
    );
  });

  // resource_kubernetes_secret_v1.go:149-164, :264-270
  test("write-only data: data_wo is sent when data_wo_revision is set, and data is then not read back", () => {
    const { context, tenant } = cluster();
    ns(context);
    const raw = { metadata: metadata({ name: "wo", namespace: "apps" }), data_wo: { secret: "hidden" }, data_wo_revision: 1 };
    const state = apply("kubernetes_secret_v1", raw, context);
    expect(state["data_wo"]).toBeNull();
    expect(state["data"]).toBeNull();
    expect(Buffer.from(tenant.get<{ data: Record<string, string> }>("secrets", "apps/wo")!.data["secret"]!, "base64").toString()).toBe(
      "hidden",
    );
    expect(summaries("kubernetes_secret_v1", { metadata: metadata({ name: "x" }), data_wo_revision: 0 })).toEqual([
      "expected data_wo_revision to be at least (1), got 0",
      '"data_wo_revision": all of `data_wo,data_wo_revision` must be specified',
    ]);
  });
});

// resource_kubernetes_config_map_v1.go
describe("kubernetes_config_map_v1", () => {
  // resource_kubernetes_config_map_v1.go:87
  test("the create always sends immutable, the API keeps false, and a configuration without it plans no change", () => {
    const { context, tenant } = cluster();
    const raw = { metadata: metadata({ name: "mysql-init" }), data: { "airflow_db.sh": "echo ok\n" } };
    const state = apply("kubernetes_config_map_v1", raw, context);
    expect(state["immutable"]).toBe(false);
    expect(state["binary_data"]).toBeNull();
    expect(tenant.get<{ immutable: boolean }>("configmaps", "default/mysql-init")!.immutable).toBe(false);
    expect(planIsEmpty("kubernetes_config_map_v1", raw, state, context)).toBe(true);
  });

  // validateBase64EncodedMap, validators.go:49-64
  test("binary_data must be base64 at validate", () => {
    expect(summaries("kubernetes_config_map_v1", { metadata: metadata({ name: "c" }), binary_data: { k: "***" } })).toEqual([
      'k ("***") k: must be a base64-encoded string',
    ]);
  });

  test("a key in both data and binary_data is the API's duplicate", () => {
    const { context } = cluster();
    const raw = { metadata: metadata({ name: "c" }), data: { k: "v" }, binary_data: { k: "dg==" } };
    expect(thrown(() => apply("kubernetes_config_map_v1", raw, context)).message).toBe(
      'ConfigMap "c" is invalid: data[k]: Invalid value: "k": duplicate of key present in binaryData',
    );
  });

  // resource_kubernetes_config_map_v1.go:160-170
  test("data changes are patched key by key", () => {
    const { context } = cluster();
    const state = apply("kubernetes_config_map_v1", { metadata: metadata({ name: "c" }), data: { a: "1", b: "2" } }, context);
    const updated = apply("kubernetes_config_map_v1", { metadata: metadata({ name: "c" }), data: { b: "3" } }, context, state);
    expect(updated["data"]).toEqual({ b: "3" });
  });
});

// resource_kubernetes_network_policy_v1.go, structure_network_policy.go
describe("kubernetes_network_policy_v1", () => {
  /** The stacks' MySQL policy, as lib/openmetadata/dependencies-network-policy.ts synthesizes it. */
  const mysqlPolicy = (protocol = "TCP") => ({
    metadata: metadata({ name: "mysql-clients", namespace: "openmetadata-dev", labels: { "app.kubernetes.io/managed-by": "cdktf" } }),
    spec: [
      {
        pod_selector: [{ match_labels: { "app.kubernetes.io/instance": "openmetadata-dependencies", "app.kubernetes.io/name": "mysql" } }],
        policy_types: ["Ingress"],
        ingress: [
          {
            from: [
              {
                pod_selector: [
                  { match_labels: { "app.kubernetes.io/instance": "openmetadata", "app.kubernetes.io/name": "openmetadata" } },
                ],
              },
              { pod_selector: [{ match_labels: { release: "openmetadata-dependencies", tier: "airflow" } }] },
            ],
            ports: [{ port: "3306", protocol }],
          },
        ],
      },
    ],
  });

  test("the stacks' policy is stored as the API object (port 3306 a number), starts at generation 1, and plans no change after apply", () => {
    const { context, tenant } = cluster();
    apply("kubernetes_namespace_v1", { metadata: metadata({ name: "openmetadata-dev" }) }, context);
    const state = apply("kubernetes_network_policy_v1", mysqlPolicy(), context);
    expect(first(state, "metadata")["generation"]).toBe(1);
    const stored = tenant.get<{ spec: { ingress: { ports: { port: unknown }[] }[]; podSelector: object } }>(
      "networkpolicies",
      "openmetadata-dev/mysql-clients",
    )!;
    expect(stored.spec.ingress[0]!.ports[0]!.port).toBe(3306);
    expect(stored.spec.podSelector).toEqual({
      matchLabels: { "app.kubernetes.io/instance": "openmetadata-dependencies", "app.kubernetes.io/name": "mysql" },
    });
    expect(planIsEmpty("kubernetes_network_policy_v1", mysqlPolicy(), state, context)).toBe(true);
  });

  test("a spec change is patched and counts a generation; a label change does not", () => {
    const { context } = cluster();
    apply("kubernetes_namespace_v1", { metadata: metadata({ name: "openmetadata-dev" }) }, context);
    const state = apply("kubernetes_network_policy_v1", mysqlPolicy(), context);
    const changed = apply("kubernetes_network_policy_v1", mysqlPolicy("UDP"), context, state);
    expect(first(changed, "metadata")["generation"]).toBe(2);
    const relabelled = {
      ...mysqlPolicy("UDP"),
      metadata: metadata({ name: "mysql-clients", namespace: "openmetadata-dev", labels: { x: "y" } }),
    };
    expect(first(apply("kubernetes_network_policy_v1", relabelled, context, changed), "metadata")["generation"]).toBe(2);
  });

  // field/errors.go:203
  test("an unknown protocol is the API's NotSupported, with the supported values quoted", () => {
    const { context } = cluster();
    apply("kubernetes_namespace_v1", { metadata: metadata({ name: "openmetadata-dev" }) }, context);
    expect(thrown(() => apply("kubernetes_network_policy_v1", mysqlPolicy("ICMP"), context)).message).toBe(
      'NetworkPolicy.networking.k8s.io "mysql-clients" is invalid: spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": ' +
        'supported values: "TCP", "UDP", "SCTP"',
    );
  });

  // resource_kubernetes_network_policy_v1.go:237-244
  test("policy_types takes one or two entries, checked at validate as SDKv2 checks list lengths", () => {
    const raw = mysqlPolicy() as { spec: Record<string, Value>[] };
    const three = { ...raw, spec: [{ ...raw.spec[0], policy_types: ["Ingress", "Egress", "Ingress"] }] };
    expect(behaviour("kubernetes_network_policy_v1").validate!(conformBlock(three, block("kubernetes_network_policy_v1")))).toEqual([
      expect.objectContaining({
        summary: "Too many list items",
        detail: "Attribute spec.0.policy_types supports 2 item maximum, but config has 3 declared.",
      }),
    ]);
  });

  // meta/v1/validation/validation.go:73-76
  test("a selector expression with In and no values is the API's Required", () => {
    const { context } = cluster();
    const raw = {
      metadata: metadata({ name: "p" }),
      spec: [{ pod_selector: [{ match_expressions: [{ key: "app", operator: "In" }] }], policy_types: ["Ingress"] }],
    };
    expect(thrown(() => apply("kubernetes_network_policy_v1", raw, context)).message).toBe(
      'NetworkPolicy.networking.k8s.io "p" is invalid: spec.podSelector.matchExpressions[0].values: Required value: ' +
        "must be specified when `operator` is 'In' or 'NotIn'",
    );
  });
});

describe("the world on disk", () => {
  test("objects are API-shaped JSON files under <world>/kubernetes/<cluster>/<collection>/", () => {
    const { context, world } = cluster();
    apply("kubernetes_namespace_v1", { metadata: metadata({ name: "shape" }) }, context);
    const file = JSON.parse(readFileSync(join(world, "kubernetes", "in-cluster", "namespaces", "shape.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(file).toMatchObject({ apiVersion: "v1", kind: "Namespace", status: { phase: "Active" } });
  });
});
