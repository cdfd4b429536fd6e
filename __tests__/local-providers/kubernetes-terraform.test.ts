import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { catalogueBuilds, installLocalProviders, type LocalProviderInstallation } from "../../local-providers/install/build";
import { terraformEnvironment } from "../../local-providers/install/terraform-environment";
import { CHARTS_VARIABLE } from "../../local-providers/providers/helm/chart-library";
import { runCommand, TERRAFORM_MISSING } from "../support/local-terraform";
import { fixtureStack, type TerraformJson } from "../support/synth";
import { useTemporaryDirectories } from "../support/temporary-directories";

// The cluster half of the dev stack (namespace, Secrets, ConfigMap, NetworkPolicies and both Helm releases,
// with the random and tls values they are built from) applied by the real terraform 1.11.4 through the local
// kubernetes and helm providers. The Okta references the release values hold are replaced by a variable.

const temporaryDirectory = useTemporaryDirectories("kubernetes-terraform");
const REFERENCE = "/work/shared/reference";
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: kind
    cluster: { server: "https://127.0.0.1:6443" }
contexts:
  - name: kind-openmetadata-dev
    context: { cluster: kind, user: kind }
users:
  - name: kind
    user: { token: never-printed }
`;

/** The stack's kubernetes, helm, random and tls parts, with a local state; Okta attributes read from `var.okta_stand_in`. */
function clusterOnly(json: TerraformJson, folder: string, extraValues: string[] = []): string {
  const keep = (type: string) => /^(kubernetes_|helm_|random_|tls_)/.test(type);
  const pick = (blocks: Record<string, unknown> | undefined) =>
    Object.fromEntries(Object.entries(blocks ?? {}).filter(([type]) => keep(type)));
  const providers = ["kubernetes", "helm", "random", "tls"];
  // A copy: the synthesized JSON is cached and shared by the test files of a worker.
  const resource = structuredClone(pick(json.resource)) as Record<string, Record<string, { values?: string[] }>>;
  const release = resource["helm_release"]!["openmetadata_release"]!;
  release.values = [...(release.values ?? []), ...extraValues];
  const configuration = {
    terraform: {
      required_providers: Object.fromEntries(
        Object.entries(json.terraform["required_providers"]).filter(([name]) => providers.includes(name)),
      ),
      backend: { local: { path: join(folder, "terraform.tfstate") } },
    },
    provider: Object.fromEntries(Object.entries(json.provider).filter(([name]) => providers.includes(name))),
    variable: { okta_stand_in: { type: "string", default: "https://example.okta.com/oauth2/aus1" } },
    resource,
  };
  return JSON.stringify(configuration, null, 2).replace(/okta_[a-z_]+\.okta_[A-Za-z0-9_-]+\.[a-z_]+/g, "var.okta_stand_in");
}

describe.skipIf(TERRAFORM_MISSING !== undefined)(
  `the dev stack's cluster objects and releases through terraform${TERRAFORM_MISSING ? ` (${TERRAFORM_MISSING})` : ""}`,
  () => {
    let installation: LocalProviderInstallation;
    let installed: string;
    beforeAll(async () => {
      installed = mkdtempSync(join(tmpdir(), "kubernetes-terraform-providers-"));
      const builds = catalogueBuilds().filter(({ provider }) => ["kubernetes", "helm", "random", "tls"].includes(provider.name));
      installation = await installLocalProviders(installed, builds);
    }, 180_000);
    afterAll(() => rmSync(installed, { recursive: true, force: true }));

    function initialized(extraValues: string[] = []) {
      const folder = temporaryDirectory();
      const { json } = fixtureStack("dev");
      writeFileSync(join(folder, "main.tf.json"), clusterOnly(json, folder, extraValues));
      const home = join(folder, "home");
      mkdirSync(join(home, ".kube"), { recursive: true });
      writeFileSync(join(home, ".kube", "config"), KUBECONFIG);
      const charts = join(folder, "charts");
      mkdirSync(charts);
      symlinkSync(join(REFERENCE, "openmetadata-chart-1.13.1"), join(charts, "openmetadata-1.13.1"));
      symlinkSync(join(REFERENCE, "openmetadata-dependencies-chart-1.13.1"), join(charts, "openmetadata-dependencies-1.13.1"));
      const world = join(folder, "world");
      mkdirSync(world);
      const env = terraformEnvironment(installation, { world, extra: { HOME: home, [CHARTS_VARIABLE]: charts, TF_INPUT: "0" } });
      const run = (...args: string[]) => runCommand("terraform", [...args, "-no-color"], folder, env);
      const init = run("init", "-input=false");
      expect(init.status, init.output).toBe(0);
      return { folder, run, cluster: join(world, "kubernetes", "kind-openmetadata-dev") };
    }

    test("apply installs both releases into the namespace the kubernetes provider made; a plan right after is empty; destroy empties the cluster", () => {
      const { run, cluster, folder } = initialized();
      const applied = run("apply", "-auto-approve");
      expect(applied.status, applied.output).toBe(0);
      const created = Object.values(
        JSON.parse(readFileSync(join(folder, "main.tf.json"), "utf8")).resource as Record<string, object>,
      ).reduce((sum: number, instances) => sum + Object.keys(instances).length, 0);
      expect(applied.output).toContain(`Apply complete! Resources: ${created} added`);
      const release = JSON.parse(readFileSync(join(cluster, "releases", "openmetadata-dev%2Fopenmetadata.json"), "utf8")) as {
        info: { status: string };
      };
      expect(release.info.status).toBe("deployed");
      const state = readFileSync(join(folder, "terraform.tfstate"), "utf8");
      expect(state).toContain('"status": "deployed"');
      const planned = run("plan", "-detailed-exitcode", "-input=false");
      expect(planned.status, planned.output).toBe(0);
      expect(planned.output).toContain("No changes.");
      const destroyed = run("destroy", "-auto-approve");
      expect(destroyed.status, destroyed.output).toBe(0);
      for (const collection of [
        "namespaces",
        "secrets",
        "configmaps",
        "networkpolicies",
        "releases",
        "serviceaccounts",
        "roles",
        "rolebindings",
      ]) {
        expect(readdir(join(cluster, collection)), collection).toEqual([]);
      }
    }, 240_000);

    test("a values key the chart's schema refuses fails the OpenMetadata release at apply with Helm's words; the objects before it exist", () => {
      const { run, cluster } = initialized(["openmetadata:\n  config:\n    authentication:\n      clientTyp: public\n"]);
      const applied = run("apply", "-auto-approve");
      expect(applied.status).toBe(1);
      const text = applied.output.replace(/\s+/g, " ");
      expect(text).toContain("installation failed");
      expect(text).toContain("values don't meet the specifications of the schema(s) in the following chart(s): openmetadata:");
      expect(text).toContain("- openmetadata.config.authentication: Additional property clientTyp is not allowed");
      expect(readdir(join(cluster, "releases"))).toEqual(["openmetadata-dev%2Fopenmetadata-dependencies.json"]);
    }, 240_000);
  },
);

/** The files of a world collection, [] when it was never written. */
function readdir(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}
