import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { collateEnvironment, environmentsFromYaml, FIXTURES_DIR, synthEnvironment } from "./support/synth";

function localBackendPath(path: string): unknown {
  const [environment] = environmentsFromYaml(`
environments:
  - name: qa
    target: collate
    openmetadataUrl: https://qa.example.com
    backend: { type: local, path: ${JSON.stringify(path)} }
    okta: { orgName: example, baseUrl: okta.com, access: { groups: [openmetadata-users] } }
`);
  return synthEnvironment(environment!).json.terraform["backend"];
}

describe("the local state backend", () => {
  test("a relative state path is relative to the environments file, like every other path, and written from cdktf.out/stacks/<stack>", () => {
    // The environments of these tests are read as if from __tests__/fixtures/.
    expect(localBackendPath("state/qa.tfstate")).toEqual({ local: { path: "../../../__tests__/fixtures/state/qa.tfstate" } });
  });

  test("a relative state path that leads out of the project is written absolute, the only form Terraform can find", () => {
    const outside = resolve(FIXTURES_DIR, "../../../elsewhere/qa.tfstate");
    expect(localBackendPath("../../../elsewhere/qa.tfstate")).toEqual({ local: { path: outside } });
  });

  test("an absolute state path is written as it is, not turned into a relative one", () => {
    expect(localBackendPath("/srv/terraform/qa.tfstate")).toEqual({ local: { path: "/srv/terraform/qa.tfstate" } });
  });

  test("with no backend section the state is a local file in the project named after the stack", () => {
    expect(synthEnvironment(collateEnvironment("qa", "access: { groups: [openmetadata-users] }")).json.terraform["backend"]).toEqual({
      local: { path: "../../../terraform.openmetadata-qa.tfstate" },
    });
  });
});
