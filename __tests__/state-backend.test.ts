import { describe, expect, test } from "vitest";
import { collateEnvironment, environmentsFromYaml, synthEnvironment } from "./support/synth";

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
  test("a relative state path is relative to the project, seen from cdktf.out/stacks/<stack>", () => {
    expect(localBackendPath("state/qa.tfstate")).toEqual({ local: { path: "../../../state/qa.tfstate" } });
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
