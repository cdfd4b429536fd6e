import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ProviderDiagnostic } from "../../local-providers/provider/behaviour";
import { WORLD_VARIABLE } from "../../local-providers/provider/world";
import { conformBlock } from "../../local-providers/protocol/cty";
import { provider as helm } from "../../local-providers/providers/helm/index";
import { schemas as helmSchemas } from "../../local-providers/providers/helm/schema";
import { provider as kubernetes } from "../../local-providers/providers/kubernetes/index";
import { schemas } from "../../local-providers/providers/kubernetes/schema";
import { useTemporaryDirectories } from "../support/temporary-directories";

// Which cluster a configuration reaches: the kubeconfig as client-go@v0.28.6 tools/clientcmd reads it
// (loader.go, client_config.go, validation.go), through kubernetes/provider.go:500-647 and helm/kubeconfig.go:81-232.

const folders = useTemporaryDirectories("kubernetes-cluster");

const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: kind-openmetadata-dev
clusters:
  - name: kind-openmetadata-dev
    cluster: { server: "https://127.0.0.1:6443", certificate-authority-data: Q0VSVA== }
  - name: staging
    cluster: { server: "https://staging.example.com" }
contexts:
  - name: kind-openmetadata-dev
    context: { cluster: kind-openmetadata-dev, user: kind-openmetadata-dev }
  - name: staging
    context: { cluster: staging, user: staging-admin }
users:
  - name: kind-openmetadata-dev
    user: { token: do-not-print-this-token }
`;

/** A home folder with ~/.kube/config, and a world. */
function home(kubeconfig = KUBECONFIG): { env: NodeJS.ProcessEnv; home: string } {
  const folder = folders();
  mkdirSync(join(folder, ".kube"));
  writeFileSync(join(folder, ".kube", "config"), kubeconfig);
  return { home: folder, env: { HOME: folder, [WORLD_VARIABLE]: join(folder, "world") } };
}

const configureKubernetes = (config: Record<string, unknown>, env: NodeJS.ProcessEnv) =>
  kubernetes.configure(conformBlock(config, schemas.provider.block), env);
const configureHelm = (config: Record<string, unknown>, env: NodeJS.ProcessEnv) =>
  helm.configure(conformBlock(config, helmSchemas.provider.block), env);

describe("the cluster a configuration names", () => {
  test("the stacks' provider blocks (config_path ~/.kube/config, a context) name one tenant for both providers", () => {
    const { env } = home();
    const k8s = configureKubernetes({ config_context: "kind-openmetadata-dev", config_path: "~/.kube/config" }, env);
    const release = configureHelm({ kubernetes: { config_context: "kind-openmetadata-dev", config_path: "~/.kube/config" } }, env);
    expect(k8s.tenant!.name).toBe("kind-openmetadata-dev");
    expect(release.tenant!.folder).toBe(k8s.tenant!.folder);
    expect(k8s.tenant!.folder).toBe(join(env[WORLD_VARIABLE]!, "kubernetes", "kind-openmetadata-dev"));
  });

  test("a configuration that names no cluster (prod's empty blocks) is the in-cluster service account's cluster, for both providers", () => {
    const { env } = home();
    expect(configureKubernetes({}, env).tenant!.name).toBe("in-cluster");
    expect(configureHelm({ kubernetes: {} }, env).tenant!.name).toBe("in-cluster");
  });

  // provider.go:519-561, kubeconfig.go:120-149
  test("a context without a kubeconfig is ignored, as both providers apply it only with one", () => {
    const { env } = home();
    expect(configureKubernetes({ config_context: "staging" }, env).tenant!.name).toBe("in-cluster");
  });

  test("without a configured context the kubeconfig's current-context is used; KUBE_CONFIG_PATH and KUBE_CTX stand in for the attributes", () => {
    const { env, home: folder } = home();
    expect(configureKubernetes({ config_path: "~/.kube/config" }, env).tenant!.name).toBe("kind-openmetadata-dev");
    const fromEnvironment = { ...env, KUBE_CONFIG_PATH: join(folder, ".kube", "config"), KUBE_CTX: "staging" };
    expect(configureKubernetes({}, fromEnvironment).tenant!.name).toBe("staging");
    expect(configureHelm({}, fromEnvironment).tenant!.name).toBe("staging");
  });
});

describe("a kubeconfig the real client cannot use", () => {
  // provider.go:634-644
  test("a missing file: the kubernetes provider only warns and its calls then fail against http://localhost", () => {
    const { env, home: folder } = home();
    const context = configureKubernetes({ config_path: "~/.kube/other", config_context: "kind-openmetadata-dev" }, env);
    expect(context.tenant).toBeUndefined();
    expect(context.warnings).toEqual([
      {
        severity: "warning",
        summary: "Provider was supplied an invalid configuration. Further operations likely to fail.",
        detail: `stat ${join(folder, ".kube", "other")}: no such file or directory`,
      },
    ]);
    const namespace = conformBlock({ metadata: [{ name: "x" }] }, schemas.resources["kubernetes_namespace_v1"]!.block);
    expect(() => kubernetes.resources["kubernetes_namespace_v1"]!.create(namespace, context, namespace)).toThrow(
      new ProviderDiagnostic('Post "http://localhost/api/v1/namespaces": dial tcp 127.0.0.1:80: connect: connection refused'),
    );
  });

  // client_config.go:396-425
  test("a context the kubeconfig lacks: client-go's aggregate, the context and the empty cluster it leaves", () => {
    const { env } = home();
    const context = configureKubernetes({ config_path: "~/.kube/config", config_context: "kind-openmetadata-prod" }, env);
    expect(context.warnings?.[0]?.detail).toBe(
      "invalid configuration: [context was not found for specified context: kind-openmetadata-prod, cluster has no server defined]",
    );
  });

  test("a kubeconfig that does not parse is reported by position only: a credential in it is never printed", () => {
    const { env } = home(`${KUBECONFIG}users: [ { name: x, user: { token: do-not-print-this-token } ]\n  broken: :\n`);
    const context = configureKubernetes({ config_path: "~/.kube/config", config_context: "staging" }, env);
    const detail = context.warnings?.[0]?.detail ?? "";
    expect(detail).toMatch(/^error loading config file ".*config": yaml: line \d+: could not parse the file$/);
    expect(detail).not.toContain("do-not-print");
  });

  test("~user is not expanded (go-homedir Expand)", () => {
    const { env } = home();
    expect(configureKubernetes({ config_path: "~other/.kube/config" }, env).warnings?.[0]?.detail).toBe(
      "cannot expand user-specific home dir",
    );
  });
});

describe("provider validation", () => {
  // provider.go:102
  test("config_path conflicts with config_paths, as SDKv2 words ConflictsWith", () => {
    expect(kubernetes.validate!(conformBlock({ config_path: "a", config_paths: ["b"] }, schemas.provider.block))).toEqual([
      { severity: "error", summary: '"config_path": conflicts with config_paths', attribute: ["config_path"] },
    ]);
  });

  // provider.go:142-152
  test("exec with the v1alpha1 client authentication API is a warning", () => {
    const config = conformBlock(
      { exec: [{ api_version: "client.authentication.k8s.io/v1alpha1", command: "aws" }] },
      schemas.provider.block,
    );
    expect(kubernetes.validate!(config).map((diagnostic) => [diagnostic.severity, diagnostic.summary])).toEqual([
      ["warning", "v1alpha1 of the client authentication API is deprecated, use v1beta1 or above"],
    ]);
  });
});
