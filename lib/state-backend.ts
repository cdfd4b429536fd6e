import { isAbsolute } from "node:path";
import { CloudBackend, GcsBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";
import type { StateBackend } from "./config/environment";

/**
 * Configures where the stack's state lives. Credentials for remote backends come from the
 * environment at deploy time (AWS_*, GOOGLE_*, TF_TOKEN_*), never from here.
 */
export function configureStateBackend(stack: TerraformStack, backend: StateBackend): void {
  switch (backend.type) {
    case "local":
      // A relative path is relative to the project: from cdktf.out/stacks/<stack>, so the synthesized path
      // stays machine-independent. An absolute one (the configuration allows it) is written as it is:
      // prefixing it would turn "/srv/state" into the relative "../../..//srv/state".
      new LocalBackend(stack, { path: isAbsolute(backend.path) ? backend.path : `../../../${backend.path}` });
      return;
    case "s3": {
      const s3 = new S3Backend(stack, { bucket: backend.bucket, key: backend.key, region: backend.region, encrypt: true });
      // S3-native locking (Terraform >= 1.10): no DynamoDB table to manage. cdktf 0.21's typings predate it.
      s3.addOverride("use_lockfile", true);
      return;
    }
    case "gcs":
      new GcsBackend(stack, { bucket: backend.bucket, prefix: backend.prefix });
      return;
    case "remote":
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(backend.workspace),
      });
      return;
  }
}
