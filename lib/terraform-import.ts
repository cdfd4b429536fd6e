import { TerraformStack, type TerraformResource } from "cdktf";

/** Import blocks appeared in Terraform 1.5; the stack demands it only when it has one. */
export const IMPORT_BLOCKS_REQUIRED_VERSION = ">= 1.5.0";

const importsByStack = new WeakMap<TerraformStack, { to: string; id: string }[]>();

/**
 * Adopts a live object: a Terraform `import` block for the resource's address, so the first plan
 * reads the object instead of creating a second one, then shows how it differs from the code.
 *
 * Written as plain Terraform JSON, not with cdktf's `importFrom`: that adds a validation which runs
 * `terraform version` during synth (cdktf 0.21 lib/terraform-resource.js:244-247,
 * lib/validations/validate-binary-version.js), so synth would need Terraform on PATH. The same
 * requirement is stated where it applies, as `required_version`, checked by the Terraform that plans.
 */
export function importExisting(resource: TerraformResource, id: string): void {
  const stack = TerraformStack.of(resource);
  const imports = importsByStack.get(stack) ?? [];
  importsByStack.set(stack, imports);
  imports.push({ to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`, id });
  // The whole list each time: an override replaces the value at its path.
  stack.addOverride("import", [...imports]);
  stack.addOverride("terraform.required_version", IMPORT_BLOCKS_REQUIRED_VERSION);
}
