import { describe, expect, test } from "vitest";
import { terraformEnvironment } from "../../local-providers/install/terraform-environment";
import { WORLD_VARIABLE } from "../../local-providers/provider/world";

const INSTALLATION = { directory: "/tmp/p", mirror: "/tmp/p/mirror", cliConfigFile: "/tmp/p/terraform.rc", providers: [] };

describe("the environment of a command against the local world", () => {
  test("uses the installation's CLI configuration, never the user's, and names the world", () => {
    const env = terraformEnvironment(INSTALLATION, { world: "/tmp/w" }, { TF_CLI_CONFIG_FILE: "/home/me/.terraformrc", PATH: "/usr/bin" });
    expect(env).toMatchObject({
      TF_CLI_CONFIG_FILE: "/tmp/p/terraform.rc",
      [WORLD_VARIABLE]: "/tmp/w",
      CHECKPOINT_DISABLE: "1",
      PATH: "/usr/bin",
    });
  });

  test("leaves out the user's credentials, variables and Terraform settings that would change what runs", () => {
    const env = terraformEnvironment(
      INSTALLATION,
      { world: "/tmp/w" },
      {
        OKTA_API_TOKEN: "real-token",
        AUTH0_CLIENT_ID: "real-id",
        AWS_SECRET_ACCESS_KEY: "real-key",
        TF_VAR_openmetadata_database_password: "real-password",
        TF_TOKEN_app_terraform_io: "real",
        TF_CLI_ARGS_plan: "-target=x",
        TF_PLUGIN_CACHE_DIR: "/home/me/.terraform.d/plugin-cache",
        KUBECONFIG: "/home/me/.kube/config",
      },
    );
    expect(
      Object.keys(env).filter((name) => !["TF_CLI_CONFIG_FILE", "CHECKPOINT_DISABLE", "TF_IN_AUTOMATION", WORLD_VARIABLE].includes(name)),
    ).toEqual([]);
  });

  test("adds what the rehearsal gives it after leaving the user's out", () => {
    const env = terraformEnvironment(
      INSTALLATION,
      { world: "/tmp/w", extra: { OKTA_API_TOKEN: "made-up" } },
      { OKTA_API_TOKEN: "real-token" },
    );
    expect(env["OKTA_API_TOKEN"]).toBe("made-up");
  });
});
