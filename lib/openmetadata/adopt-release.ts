import { importExisting } from "../terraform-import";
import type { OpenMetadataOnKubernetes } from "./openmetadata-on-kubernetes";

/**
 * Takes over a hand-installed OpenMetadata: the namespace (import id `<name>`) and the Helm releases
 * in it (`<namespace>/<release name>`; hashicorp/kubernetes 2.38.0 and hashicorp/helm 3.1.1 docs).
 * Helm import restores neither `repository` nor `set`, so the first plan shows them, and the values
 * of the hand-installed release, as changes to review (help/runbooks/adopting.md).
 */
export function adoptInstalledRelease(openmetadata: OpenMetadataOnKubernetes): void {
  const namespace = openmetadata.namespace.metadataInput?.name;
  if (!namespace) throw new Error(`adoptInstalledRelease ${openmetadata.node.path}: the namespace has no literal name to import by`);
  importExisting(openmetadata.namespace, namespace);
  for (const release of [openmetadata.dependencies?.release, openmetadata.release]) {
    if (release) importExisting(release, `${namespace}/${release.nameInput}`);
  }
}
