import { TerraformStack, type TerraformElement } from "cdktf";
import { Node } from "constructs";
import { holdsLine, type StackJson } from "../lib/changes/terraform-json";

/**
 * What this project changes in cdktf's TerraformStack, for a stack that refers to no other stack: no
 * cross-stack pass, a one-line summary of what it holds, and readable addresses. Kept apart so that the
 * stacks built on it only compose constructs.
 */
export abstract class StandaloneStack extends TerraformStack {
  /**
   * cdktf's own prepareStack resolves every element once more and throws the result away, only so that a
   * reference to another stack's resource can add that stack's output and a remote-state data source
   * (cdktf 0.21.0 lib/terraform-stack.js 93-99, lib/tfExpression.js 139-150): a quarter of the synth time
   * of each stack, every run. A stack here never refers to another (one environment each, nothing shared
   * between them), so only the backend default is kept. `__tests__/synth.test.ts` runs cdktf's pass over
   * every fixture stack and checks that it would add nothing.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /** What the synthesized `cdk.tf.json` holds, in one line (`npm run synth`'s wrote lines); set by `toTerraform`. */
  holds?: string;

  /**
   * Read from the very object cdktf then writes as `cdk.tf.json`, so the line cannot disagree with the
   * file, without reading and parsing the file again (2 % of synth time at 100 environments).
   */
  override toTerraform(): StackJson {
    const json = super.toTerraform() as StackJson;
    this.holds = holdsLine(json);
    return json;
  }

  /**
   * Readable, stable Terraform addresses from the construct path (`okta_oidc-app_app`) instead of
   * cdktf's hashed ids, so `cdktf diff` names what changes. Renaming a construct id renames the
   * address and would recreate the live resource: `__tests__/addresses.test.ts` guards them.
   */
  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    return node.scopes
      .slice(node.scopes.indexOf(this) + 1)
      .map((scope) => scope.node.id)
      .join("_");
  }
}
