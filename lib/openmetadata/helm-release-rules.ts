import type { Release, ReleaseSetSensitive } from "@cdktf/provider-helm/lib/release";

/**
 * Synth-time rules for a `helm_release`, learnt from hashicorp/terraform-provider-helm v3.1.1:
 * `set_sensitive` is cloaked in the stored `metadata.values` by splitting its name on every "."
 * (`helm/resource_helm_release.go` 707-721), so a name with an escaped dot (`a.b\.c`) is stored and
 * printed in clear (hashicorp/terraform-provider-helm#1788). Values and `set` are never cloaked
 * (`values` and `metadata.values` are plain string attributes, 404-407 and 528-532).
 */
export function addHelmReleaseRules(release: Release): void {
  release.node.addValidation({
    validate: () => {
      const sets = (release.setSensitiveInput ?? []) as ReleaseSetSensitive[];
      return sets
        .filter((set) => set.name.includes("\\."))
        .map(
          (set) =>
            `helm_release "${release.name}": set_sensitive "${set.name}" has an escaped dot, which helm provider 3.1.1 stores ` +
            `uncloaked in metadata.values (#1788); give the subchart the value through a Kubernetes Secret it reads`,
        );
    },
  });
}
