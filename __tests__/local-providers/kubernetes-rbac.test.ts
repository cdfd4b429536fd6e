import { describe, expect, test } from "vitest";
import type { ProviderContext } from "../../local-providers/provider/behaviour";
import { isUnknown, type ObjectValue } from "../../local-providers/provider/values";
import { WORLD_VARIABLE, WorldTenant } from "../../local-providers/provider/world";
import { conformBlock } from "../../local-providers/protocol/cty";
import { provider } from "../../local-providers/providers/kubernetes/index";
import { schemas } from "../../local-providers/providers/kubernetes/schema";
import { useTemporaryDirectories } from "../support/temporary-directories";
import { providerHarness, thrown } from "../support/provider-harness";

// The local kubernetes provider's service accounts, Roles and RoleBindings (what issue 20's ingestion-rbac
// construct emits), each rule against hashicorp/terraform-provider-kubernetes@v2.38.0 (kubernetes/<file>),
// kubernetes/apimachinery@v0.28.6 and kubernetes/kubernetes pkg/apis/rbac/validation/validation.go.

const worlds = useTemporaryDirectories("kubernetes-rbac-world");

function cluster(): { context: ProviderContext; tenant: WorldTenant } {
  const context = provider.configure(conformBlock({}, schemas.provider.block), { [WORLD_VARIABLE]: worlds() });
  return { context, tenant: context.tenant! };
}

const { block, behaviour, plan, apply, planIsEmpty } = providerHarness(provider);

const summaries = (type: string, raw: Record<string, unknown>) =>
  (behaviour(type).validate?.(conformBlock(raw, block(type))) ?? []).map((diagnostic) => diagnostic.summary);
const first = (state: ObjectValue, name: string) => (state[name] as ObjectValue[])[0]!;
/** A set of strings as Terraform hands it over: go-cty orders a string set lexically. */
const set = (...items: string[]) => [...new Set(items)].sort();

const NAMESPACE = "openmetadata-dev";
const LABELS = { "app.kubernetes.io/component": "ingestion", "app.kubernetes.io/managed-by": "cdktf" };
const metadata = (name: string, extra: Record<string, unknown> = {}) => [{ name, namespace: NAMESPACE, labels: LABELS, ...extra }];

/** A cluster with the stacks' namespace. */
function withNamespace() {
  const made = cluster();
  apply("kubernetes_namespace_v1", { metadata: [{ name: NAMESPACE }] }, made.context);
  return made;
}

const MANAGE = set("get", "list", "create", "update", "patch", "delete");
/** lib/openmetadata/ingestion-rbac.ts SERVER_PIPELINE_RULES, as the stacks emit them. */
const STACK_RULES = [
  { api_groups: [""], resources: ["pods"], verbs: MANAGE },
  { api_groups: [""], resources: ["pods/log"], verbs: set("get", "list", "watch") },
  { api_groups: [""], resources: ["configmaps"], verbs: MANAGE },
  { api_groups: [""], resources: ["secrets"], verbs: MANAGE },
  { api_groups: [""], resources: ["events"], verbs: set("get", "list") },
  { api_groups: ["batch"], resources: set("jobs", "cronjobs"), verbs: MANAGE },
];
const STACK_ROLE = { metadata: metadata("openmetadata-pipeline-client"), rule: STACK_RULES };
const STACK_BINDING = {
  metadata: metadata("openmetadata-pipeline-client"),
  role_ref: [{ api_group: "rbac.authorization.k8s.io", kind: "Role", name: "openmetadata-pipeline-client" }],
  subject: [{ kind: "ServiceAccount", name: "openmetadata", namespace: NAMESPACE }],
};
const STACK_ACCOUNT = { metadata: metadata("openmetadata-ingestion"), automount_service_account_token: false };

// resource_kubernetes_service_account_v1.go
describe("kubernetes_service_account_v1", () => {
  const SA = "kubernetes_service_account_v1";

  // resource_kubernetes_service_account_v1.go:105-125
  test("the stacks' account is created as the API object, default_secret_name is '' on Kubernetes >= 1.24, and a plan after apply is empty", () => {
    const { context, tenant } = withNamespace();
    const state = apply(SA, STACK_ACCOUNT, context);
    expect(state).toMatchObject({
      id: `${NAMESPACE}/openmetadata-ingestion`,
      automount_service_account_token: false,
      default_secret_name: "",
      secret: [],
      image_pull_secret: [],
    });
    expect(first(state, "metadata")).toMatchObject({ name: "openmetadata-ingestion", labels: LABELS, generation: 0 });
    expect(tenant.get("serviceaccounts", `${NAMESPACE}/openmetadata-ingestion`)).toMatchObject({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "openmetadata-ingestion", namespace: NAMESPACE, labels: LABELS },
      automountServiceAccountToken: false,
    });
    expect(planIsEmpty(SA, STACK_ACCOUNT, state, context)).toBe(true);
  });

  // resource_kubernetes_service_account_v1.go:69-74; :92; :284-294
  test("automount_service_account_token defaults to true and is always sent; an account the API holds without it reads false", () => {
    const { context, tenant } = withNamespace();
    const raw = { metadata: metadata("robot") };
    const state = apply(SA, raw, context);
    expect(state["automount_service_account_token"]).toBe(true);
    expect(tenant.get("serviceaccounts", `${NAMESPACE}/robot`)).toMatchObject({ automountServiceAccountToken: true });
    const { automountServiceAccountToken: _dropped, ...unset } = tenant.get<Record<string, unknown>>(
      "serviceaccounts",
      `${NAMESPACE}/robot`,
    )!;
    tenant.put("serviceaccounts", `${NAMESPACE}/robot`, unset);
    expect(behaviour(SA).read(state, context)!["automount_service_account_token"]).toBe(false);
    expect(planIsEmpty(SA, raw, state, context)).toBe(false);
  });

  // resource_kubernetes_service_account_v1.go:328-351
  test("secret, image_pull_secret and automount are replaced in place when changed, labels patched, resource_version moves", () => {
    const { context, tenant } = withNamespace();
    const state = apply(SA, STACK_ACCOUNT, context);
    const changed = {
      metadata: metadata("openmetadata-ingestion", { labels: { team: "data" } }),
      automount_service_account_token: true,
      secret: [{ name: "extra" }],
      image_pull_secret: [{ name: "registry" }],
    };
    expect(plan(SA, changed, state, context).requiresReplace).toEqual([]);
    const updated = apply(SA, changed, context, state);
    expect(updated).toMatchObject({
      automount_service_account_token: true,
      secret: [{ name: "extra" }],
      image_pull_secret: [{ name: "registry" }],
    });
    expect(first(updated, "metadata")["labels"]).toEqual({ team: "data" });
    expect(first(updated, "metadata")["resource_version"]).not.toBe(first(state, "metadata")["resource_version"]);
    expect(tenant.get("serviceaccounts", `${NAMESPACE}/openmetadata-ingestion`)).toMatchObject({
      secrets: [{ name: "extra" }],
      imagePullSecrets: [{ name: "registry" }],
      automountServiceAccountToken: true,
    });
    expect(planIsEmpty(SA, changed, updated, context)).toBe(true);
  });

  test("`default` is already there in every namespace (the service account controller): creating it is the API's AlreadyExists", () => {
    const { context } = withNamespace();
    expect(thrown(() => apply(SA, { metadata: metadata("default") }, context)).message).toBe('serviceaccounts "default" already exists');
  });

  test("an account in a namespace that does not exist is the namespace's NotFound (NamespaceLifecycle)", () => {
    const { context } = cluster();
    expect(thrown(() => apply(SA, STACK_ACCOUNT, context)).message).toBe(`namespaces "${NAMESPACE}" not found`);
  });

  // namespacedMetadataSchema's validateName, validators.go:66
  test("the name is a DNS subdomain at validate and at the API (ValidateServiceAccountName)", () => {
    expect(summaries(SA, { metadata: metadata("Ingestion_Jobs") })).toEqual([
      "metadata.0.name a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end " +
        "with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  // resource_kubernetes_service_account_v1.go:415-461
  test("import by namespace/name: default_secret_name '' without a token Secret; a missing account and a bad id fail with the provider's words", () => {
    const { context } = withNamespace();
    apply(SA, STACK_ACCOUNT, context);
    const imported = behaviour(SA).import!(`${NAMESPACE}/openmetadata-ingestion`, context);
    expect(imported["default_secret_name"]).toBe("");
    const read = conformBlock(behaviour(SA).read(imported, context)!, block(SA));
    expect(read).toMatchObject({ automount_service_account_token: false, default_secret_name: "" });
    expect(planIsEmpty(SA, STACK_ACCOUNT, read, context)).toBe(true);
    expect(thrown(() => behaviour(SA).import!(`${NAMESPACE}/absent`, context)).message).toBe(
      `Unable to fetch service account "${NAMESPACE}/absent" from Kubernetes: serviceaccounts "absent" not found`,
    );
    expect(thrown(() => behaviour(SA).import!("absent", context)).message).toBe(
      'Unable to parse identifier absent: Unexpected ID format ("absent"), expected "namespace/name".',
    );
  });

  // resource_kubernetes_service_account_v1.go:173-234; structures.go:618-631
  test("import finds the default secret among the referenced '<name>-token-' token Secrets and read leaves it out of `secret`", () => {
    const { context } = withNamespace();
    const account = apply(SA, { metadata: metadata("robot") }, context);
    const token = {
      metadata: [{ name: "robot-token-abcde", namespace: NAMESPACE, annotations: { "kubernetes.io/service-account.name": "robot" } }],
      type: "kubernetes.io/service-account-token",
    };
    const secret = apply("kubernetes_secret_v1", token, context);
    expect(Object.keys(secret["data"] as object).sort()).toEqual(["ca.crt", "namespace", "token"]);
    apply(SA, { metadata: metadata("robot"), secret: [{ name: "robot-token-abcde" }, { name: "other" }] }, context, account);
    const imported = behaviour(SA).import!(`${NAMESPACE}/robot`, context);
    expect(imported["default_secret_name"]).toBe("robot-token-abcde");
    expect(behaviour(SA).read(imported, context)!["secret"]).toEqual([{ name: "other" }]);
  });

  // resource_kubernetes_service_account_v1.go:379-385
  test("deleting an account deletes its token Secrets, as the token controller does; deleting it again is no error", () => {
    const { context, tenant } = withNamespace();
    const account = apply(SA, { metadata: metadata("robot") }, context);
    apply(
      "kubernetes_secret_v1",
      {
        metadata: [{ name: "robot-token", namespace: NAMESPACE, annotations: { "kubernetes.io/service-account.name": "robot" } }],
        type: "kubernetes.io/service-account-token",
      },
      context,
    );
    apply("kubernetes_secret_v1", { metadata: [{ name: "kept", namespace: NAMESPACE }], data: { a: "b" } }, context);
    behaviour(SA).delete(account, context);
    expect(behaviour(SA).read(account, context)).toBeNull();
    expect(tenant.list<{ metadata: { name: string } }>("secrets").map((secret) => secret.metadata.name)).toEqual(["kept"]);
    expect(() => behaviour(SA).delete(account, context)).not.toThrow();
  });
});

// resource_kubernetes_role_v1.go
describe("kubernetes_role_v1", () => {
  const ROLE = "kubernetes_role_v1";

  // expandRules :224-246; flattenRules :248-268
  test("the stacks' Role is stored as the API object, read back, and a plan after apply is empty", () => {
    const { context, tenant } = withNamespace();
    const state = apply(ROLE, STACK_ROLE, context);
    expect(state["id"]).toBe(`${NAMESPACE}/openmetadata-pipeline-client`);
    expect(state["rule"]).toEqual(STACK_RULES.map((rule) => ({ ...rule, resource_names: null })));
    expect(tenant.get("roles", `${NAMESPACE}/openmetadata-pipeline-client`)).toMatchObject({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      rules: [
        { apiGroups: [""], resources: ["pods"], verbs: MANAGE },
        {},
        {},
        {},
        {},
        { apiGroups: ["batch"], resources: ["cronjobs", "jobs"] },
      ],
    });
    expect(planIsEmpty(ROLE, STACK_ROLE, state, context)).toBe(true);
  });

  // schema_rbac.go:33-42 validateRBACNameFunc, path/name.go:31
  test("names are path segments, not DNS names: '/', '%' and '..' refused at validate, capitals and '_' accepted", () => {
    expect(summaries(ROLE, { metadata: metadata("a/b%c"), rule: STACK_RULES })).toEqual([
      "metadata.0.name may not contain '/'",
      "metadata.0.name may not contain '%'",
    ]);
    expect(summaries(ROLE, { metadata: metadata(".."), rule: STACK_RULES })).toEqual(["metadata.0.name may not be '..'"]);
    expect(summaries(ROLE, { metadata: [{ generate_name: "x/", namespace: NAMESPACE }], rule: STACK_RULES })).toEqual([
      "metadata.0.generate_name may not contain '/'",
    ]);
    const { context } = withNamespace();
    expect(summaries(ROLE, { metadata: metadata("Pipeline_Client:reader"), rule: STACK_RULES })).toEqual([]);
    expect(first(apply(ROLE, { metadata: metadata("Pipeline_Client:reader"), rule: STACK_RULES }, context), "metadata")["name"]).toBe(
      "Pipeline_Client:reader",
    );
  });

  // Required sets, no MinItems, :38-65
  test("the API refuses what the provider's schema lets through: empty verbs, api_groups and resources (ValidatePolicyRule)", () => {
    const { context } = withNamespace();
    const empty = { metadata: metadata("empty"), rule: [{ api_groups: [], resources: [], verbs: [] }] };
    expect(summaries(ROLE, empty)).toEqual([]);
    expect(thrown(() => apply(ROLE, empty, context)).message).toBe(
      'Role.rbac.authorization.k8s.io "empty" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, ' +
        "rules[0].apiGroups: Required value: resource rules must supply at least one api group, " +
        "rules[0].resources: Required value: resource rules must supply at least one resource]",
    );
  });

  // resource_kubernetes_role_v1.go:152-160
  test("a rule change replaces the rules in place, resource_names kept as a set; a change the API refuses fails the update with its words", () => {
    const { context, tenant } = withNamespace();
    const state = apply(ROLE, STACK_ROLE, context);
    const narrowed = {
      metadata: metadata("openmetadata-pipeline-client"),
      rule: [{ api_groups: [""], resources: ["secrets"], resource_names: set("signing", "db"), verbs: set("get") }],
    };
    expect(plan(ROLE, narrowed, state, context).requiresReplace).toEqual([]);
    const updated = apply(ROLE, narrowed, context, state);
    expect(updated["rule"]).toEqual([{ api_groups: [""], resources: ["secrets"], resource_names: ["db", "signing"], verbs: ["get"] }]);
    expect(tenant.get("roles", `${NAMESPACE}/openmetadata-pipeline-client`)).toMatchObject({
      rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["db", "signing"], verbs: ["get"] }],
    });
    expect(planIsEmpty(ROLE, narrowed, updated, context)).toBe(true);
    const broken = { ...narrowed, rule: [{ api_groups: [""], resources: ["secrets"], verbs: [] }] };
    expect(thrown(() => apply(ROLE, broken, context, updated)).message).toBe(
      'Failed to update role: Role.rbac.authorization.k8s.io "openmetadata-pipeline-client" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    );
  });

  test("a Role in a namespace that does not exist is the namespace's NotFound; an existing name is AlreadyExists", () => {
    expect(thrown(() => apply(ROLE, STACK_ROLE, cluster().context)).message).toBe(`namespaces "${NAMESPACE}" not found`);
    const { context } = withNamespace();
    apply(ROLE, STACK_ROLE, context);
    expect(thrown(() => apply(ROLE, STACK_ROLE, context)).message).toBe(
      'roles.rbac.authorization.k8s.io "openmetadata-pipeline-client" already exists',
    );
  });

  // resourceidentity.go:61-83; structures.go:19-27
  test("import by namespace/name reads the Role; a missing one reads as gone, an id without one slash fails", () => {
    const { context } = withNamespace();
    apply(ROLE, STACK_ROLE, context);
    const imported = conformBlock(
      behaviour(ROLE).read(behaviour(ROLE).import!(`${NAMESPACE}/openmetadata-pipeline-client`, context), context)!,
      block(ROLE),
    );
    expect(planIsEmpty(ROLE, STACK_ROLE, imported, context)).toBe(true);
    expect(behaviour(ROLE).read({ id: `${NAMESPACE}/absent` }, context)).toBeNull();
    expect(thrown(() => behaviour(ROLE).read({ id: "absent" }, context)).message).toBe(
      'Unexpected ID format ("absent"), expected "namespace/name".',
    );
  });

  // resource_kubernetes_role_v1.go:189-195
  test("delete removes the Role; deleting it again is no error", () => {
    const { context } = withNamespace();
    const state = apply(ROLE, STACK_ROLE, context);
    behaviour(ROLE).delete(state, context);
    expect(behaviour(ROLE).read(state, context)).toBeNull();
    expect(() => behaviour(ROLE).delete(state, context)).not.toThrow();
  });
});

// resource_kubernetes_role_binding_v1.go
describe("kubernetes_role_binding_v1", () => {
  const BINDING = "kubernetes_role_binding_v1";

  // SetDefaults_Subject, structures_rbac.go:119-121
  test("the stacks' binding is created; a ServiceAccount subject's api_group, unknown at plan, is left unset; a plan after apply is empty", () => {
    const { context, tenant } = withNamespace();
    const planned = plan(BINDING, STACK_BINDING, null, context).planned;
    expect(isUnknown((planned["subject"] as ObjectValue[])[0]!["api_group"])).toBe(true);
    const state = apply(BINDING, STACK_BINDING, context);
    expect(state["role_ref"]).toEqual(STACK_BINDING.role_ref);
    expect(state["subject"]).toEqual([{ api_group: null, kind: "ServiceAccount", name: "openmetadata", namespace: NAMESPACE }]);
    expect(tenant.get("rolebindings", `${NAMESPACE}/openmetadata-pipeline-client`)).toEqual(
      expect.objectContaining({
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "openmetadata-pipeline-client" },
        subjects: [{ kind: "ServiceAccount", name: "openmetadata", namespace: NAMESPACE }],
      }),
    );
    expect(planIsEmpty(BINDING, STACK_BINDING, state, context)).toBe(true);
  });

  // schema_rbac.go:71-92
  test("a User subject gets the API's default api_group rbac.authorization.k8s.io and the schema's namespace `default`", () => {
    const { context } = withNamespace();
    const raw = { ...STACK_BINDING, subject: [{ kind: "User", name: "jane@example.com" }] };
    const state = apply(BINDING, raw, context);
    expect(state["subject"]).toEqual([
      { api_group: "rbac.authorization.k8s.io", kind: "User", name: "jane@example.com", namespace: "default" },
    ]);
    expect(planIsEmpty(BINDING, raw, state, context)).toBe(true);
  });

  // ForceNew, :35 and schema_rbac.go:50-64; :140-144
  test("any change to role_ref replaces the binding; a subject change is patched in place", () => {
    const { context, tenant } = withNamespace();
    const state = apply(BINDING, STACK_BINDING, context);
    const otherRole = { ...STACK_BINDING, role_ref: [{ ...STACK_BINDING.role_ref[0], name: "other" }] };
    expect(plan(BINDING, otherRole, state, context).requiresReplace).toEqual([["role_ref"]]);
    const clusterRole = { ...STACK_BINDING, role_ref: [{ ...STACK_BINDING.role_ref[0], kind: "ClusterRole" }] };
    expect(plan(BINDING, clusterRole, state, context).requiresReplace).toEqual([["role_ref"]]);
    const more = {
      ...STACK_BINDING,
      subject: [...STACK_BINDING.subject, { kind: "Group", name: "data-team", api_group: "rbac.authorization.k8s.io" }],
    };
    expect(plan(BINDING, more, state, context).requiresReplace).toEqual([]);
    const updated = apply(BINDING, more, context, state);
    expect((updated["subject"] as ObjectValue[]).map((subject) => subject["name"])).toEqual(["openmetadata", "data-team"]);
    expect(first(updated, "metadata")["resource_version"]).not.toBe(first(state, "metadata")["resource_version"]);
    expect(planIsEmpty(BINDING, more, updated, context)).toBe(true);
    const fewer = apply(BINDING, STACK_BINDING, context, updated);
    expect(tenant.get<{ subjects: unknown[] }>("rolebindings", `${NAMESPACE}/openmetadata-pipeline-client`)!.subjects).toHaveLength(1);
    expect(planIsEmpty(BINDING, STACK_BINDING, fewer, context)).toBe(true);
  });

  // schema_rbac.go:51, :58; helper/validation/strings.go:149
  test("role_ref's api_group and kind are checked at validate with StringInSlice's words", () => {
    const raw = { ...STACK_BINDING, role_ref: [{ api_group: "rbac.authorization.k8s.io/v1", kind: "Roles", name: "x" }] };
    expect(summaries(BINDING, raw)).toEqual([
      'expected role_ref.0.api_group to be one of ["rbac.authorization.k8s.io"], got rbac.authorization.k8s.io/v1',
      'expected role_ref.0.kind to be one of ["Role" "ClusterRole"], got Roles',
    ]);
  });

  // metadataSchemaRBAC, schema_rbac.go:14-31
  test("the binding's own name is a path segment at validate", () => {
    expect(summaries(BINDING, { ...STACK_BINDING, metadata: metadata("a/b") })).toEqual(["metadata.0.name may not contain '/'"]);
  });

  test("role_ref.name must be a path segment at the API (ValidateRoleBinding), which the provider does not check", () => {
    const { context } = withNamespace();
    const raw = { ...STACK_BINDING, role_ref: [{ ...STACK_BINDING.role_ref[0], name: "a/b" }] };
    expect(summaries(BINDING, raw)).toEqual([]);
    expect(thrown(() => apply(BINDING, raw, context)).message).toBe(
      `RoleBinding.rbac.authorization.k8s.io "openmetadata-pipeline-client" is invalid: roleRef.name: Invalid value: "a/b": may not contain '/'`,
    );
  });

  test("subjects are checked by the API (ValidateRoleBindingSubject): the kind, a ServiceAccount's DNS name and empty api_group, a User's RBAC api_group", () => {
    const { context } = withNamespace();
    const withSubjects = (subject: Record<string, unknown>[]) => ({ ...STACK_BINDING, subject });
    expect(thrown(() => apply(BINDING, withSubjects([{ kind: "Robot", name: "r2" }]), context)).message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "openmetadata-pipeline-client" is invalid: subjects[0].kind: Unsupported value: "Robot": ' +
        'supported values: "ServiceAccount", "User", "Group"',
    );
    expect(
      thrown(() =>
        apply(BINDING, withSubjects([{ kind: "ServiceAccount", name: "Open_Metadata", api_group: "rbac.authorization.k8s.io" }]), context),
      ).message,
    ).toBe(
      'RoleBinding.rbac.authorization.k8s.io "openmetadata-pipeline-client" is invalid: [subjects[0].name: Invalid value: "Open_Metadata": ' +
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an " +
        "alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), " +
        'subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""]',
    );
    expect(thrown(() => apply(BINDING, withSubjects([{ kind: "User", name: "jane", api_group: "example.com" }]), context)).message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "openmetadata-pipeline-client" is invalid: subjects[0].apiGroup: Unsupported value: "example.com": ' +
        'supported values: "rbac.authorization.k8s.io"',
    );
  });

  test("a binding may name a Role that does not exist yet (the API does not look); a missing namespace is NotFound; an existing name AlreadyExists", () => {
    expect(thrown(() => apply(BINDING, STACK_BINDING, cluster().context)).message).toBe(`namespaces "${NAMESPACE}" not found`);
    const { context } = withNamespace();
    apply(BINDING, STACK_BINDING, context);
    expect(thrown(() => apply(BINDING, STACK_BINDING, context)).message).toBe(
      'rolebindings.rbac.authorization.k8s.io "openmetadata-pipeline-client" already exists',
    );
  });

  // resource_kubernetes_role_binding_v1.go:172-178
  test("import by namespace/name reads the binding with a plan that is empty; delete removes it, twice without error", () => {
    const { context } = withNamespace();
    const state = apply(BINDING, STACK_BINDING, context);
    const imported = conformBlock(
      behaviour(BINDING).read(behaviour(BINDING).import!(`${NAMESPACE}/openmetadata-pipeline-client`, context), context)!,
      block(BINDING),
    );
    expect(planIsEmpty(BINDING, STACK_BINDING, imported, context)).toBe(true);
    behaviour(BINDING).delete(state, context);
    expect(behaviour(BINDING).read(state, context)).toBeNull();
    expect(() => behaviour(BINDING).delete(state, context)).not.toThrow();
  });
});

test("deleting the namespace deletes its service accounts, Roles and RoleBindings (the namespace controller), and nothing in other namespaces", () => {
  const { context, tenant } = withNamespace();
  const namespace = behaviour("kubernetes_namespace_v1").read({ id: NAMESPACE }, context)!;
  apply("kubernetes_service_account_v1", STACK_ACCOUNT, context);
  apply("kubernetes_role_v1", STACK_ROLE, context);
  apply("kubernetes_role_binding_v1", STACK_BINDING, context);
  apply("kubernetes_role_v1", { ...STACK_ROLE, metadata: [{ name: "elsewhere", namespace: "default" }] }, context);
  behaviour("kubernetes_namespace_v1").delete(namespace, context);
  expect(tenant.list("serviceaccounts")).toEqual([]);
  expect(tenant.list("rolebindings")).toEqual([]);
  expect(tenant.list<{ metadata: { name: string } }>("roles").map((role) => role.metadata.name)).toEqual(["elsewhere"]);
});
