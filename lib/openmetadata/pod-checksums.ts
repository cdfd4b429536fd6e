import { createHash } from "node:crypto";
import type { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Id } from "@cdktf/provider-random/lib/id";
import { Fn } from "cdktf";
import { Construct } from "constructs";

export interface PodChecksumsProps {
  /** The release values without the annotations, rendered (renderValues): everything the chart turns into the pod's configuration. */
  readonly document: string;
  /** Every stack-owned Secret the pod reads. */
  readonly secrets: readonly SecretV1[];
}

/**
 * Pod-template annotations that change whenever anything the OpenMetadata pod reads at start
 * changes, so Helm rolls the Deployment: chart 1.13.1 has no checksum annotations
 * (`templates/deployment.yaml` 19-25) and the server reads its keys once at start
 * (help/kubernetes.md#a-change-restarts-the-server).
 *
 * - `checksum/values`: sha256 of the values document (hashed here, references masked) joined with
 *   the values of the Terraform references in it (issuer, client id: not sensitive).
 * - `checksum/secrets`: a `random_id` whose `keepers` hold a hash of the Secrets' data. Any change
 *   to that data replaces it, so its `hex` (not sensitive: a rollout token, no secret) is unknown in
 *   the plan and new after apply, and the release upgrades. Rejected alternatives: `sha256()` of the
 *   data in the values is sensitive, which makes the whole `values` attribute sensitive (unreadable
 *   in `cdktf diff`) or, unwrapped with `nonsensitive()`, puts a hash of a possibly weak user password
 *   into the plan; the Secrets' `metadata[0].resource_version` keeps its old value in the plan
 *   (kubernetes provider v2.38.0 `kubernetes/schema_metadata.go` 41-45: computed, and no CustomizeDiff
 *   in `resource_kubernetes_secret_v1.go` 37-58 marks it unknown), so the restart would come one apply
 *   late or the apply would fail with an inconsistent final plan. `keepers` is stored in state, which
 *   holds the Secrets anyway, and shown as "(sensitive value)" in plans.
 */
export class PodChecksums extends Construct {
  readonly annotations: Readonly<Record<string, string>>;
  readonly restartToken: Id;

  constructor(scope: Construct, id: string, props: PodChecksumsProps) {
    super(scope, id);
    // At construction, references are cdktf token strings whose numbers depend on what else was built
    // first: the text is hashed with each one masked, and the references are listed in order.
    const { document } = props;
    const references = document.match(REFERENCE) ?? [];
    const documentHash = createHash("sha256").update(document.replace(REFERENCE, "${reference}")).digest("hex");
    const secretData = props.secrets.map((secret) => (secret.binaryDataInput ? secret.binaryData : secret.data));
    this.restartToken = new Id(this, "restart-token", { byteLength: 8, keepers: { secrets: Fn.sha256(Fn.jsonencode(secretData)) } });
    this.annotations = {
      "checksum/values": references.length === 0 ? documentHash : Fn.sha256(Fn.join("\n", [documentHash, ...references])),
      "checksum/secrets": this.restartToken.hex,
    };
  }
}

const REFERENCE = /\$\{[^}]*\}/g;
