import { isAbsolute, relative, sep } from "node:path";
import { CloudBackend, GcsBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";
import type { StateBackend } from "./config/environment";
import { PROJECT_ROOT } from "./project-root";

/**
 * Configures where the stack's state lives. Credentials for remote backends come from the
 * environment at deploy time (AWS_*, GOOGLE_*, TF_TOKEN_*), never from here.
 */
export function configureStateBackend(stack: TerraformStack, backend: StateBackend): void {
  switch (backend.type) {
    case "local":
      new LocalBackend(stack, { path: synthesizedStatePath(backend.path) });
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

/**
 * Terraform reads a local backend's path from cdktf.out/stacks/<stack>. A path inside the project (the default, or a
 * path the environments file names, resolved against its folder) is written relative to that folder, so the
 * synthesized JSON is the same on every machine; a path outside the project can only be written as it is.
 */
function synthesizedStatePath(path: string): string {
  if (!isAbsolute(path)) return `../../../${path}`;
  const inProject = relative(PROJECT_ROOT, path);
  if (inProject === "" || inProject.startsWith("..") || isAbsolute(inProject)) return path;
  return `../../../${inProject.split(sep).join("/")}`;
}
