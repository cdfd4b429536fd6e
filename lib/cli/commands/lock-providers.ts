import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { stackIds } from "../../ci/stack-selection";
import { UserError } from "../../errors";
import { defineCommand } from "../command";
import { loadEnvironments } from "../environment";

/** Where the workflows run (linux_amd64) and where people run cdktf diff. */
const PLATFORMS = ["linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64"];

export const lockProvidersCommand = defineCommand({
  name: "lock-providers",
  usage: `Usage: npm run lock-providers -- [stack ...]

Writes locks/<stack>.terraform.lock.hcl for every stack (or the ones named) with
\`terraform providers lock\`: the checksums of every provider the synthesized stack requires, for the
platforms CI and people run on. The workflows init with -lockfile=readonly against these files.
Run \`npm run synth\` first; needs terraform on PATH and the Terraform registry (help/ci.md).

Exit codes: 0 written, 1 terraform failed or is missing, 2 bad usage or the environments file was refused,
70 an internal error (help/commands.md).
`,
  options: {},
  positionals: true,
  run({ positionals }, io) {
    const all = stackIds(loadEnvironments(io).environments);
    const unknown = positionals.filter((stack) => !all.includes(stack));
    if (unknown.length > 0) throw new UserError(`no stack ${unknown.join(", ")}; the environments file has ${all.join(", ")}`);
    mkdirSync(join(io.cwd, "locks"), { recursive: true });
    for (const stack of positionals.length > 0 ? positionals : all) {
      const dir = join("cdktf.out", "stacks", stack);
      if (!existsSync(join(io.cwd, dir, "cdk.tf.json"))) {
        io.stderr(`error: ${dir}/cdk.tf.json does not exist; run npm run synth first\n`);
        return 1;
      }
      try {
        execFileSync("terraform", [`-chdir=${dir}`, "providers", "lock", ...PLATFORMS.map((platform) => `-platform=${platform}`)], {
          cwd: io.cwd,
          stdio: "inherit",
          env: { ...io.env, CHECKPOINT_DISABLE: "1" },
        });
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        io.stderr(
          `error: ${missing ? "terraform is not on PATH" : `terraform providers lock failed for ${stack}`}; nothing more was written\n`,
        );
        return 1;
      }
      copyFileSync(join(io.cwd, dir, ".terraform.lock.hcl"), join(io.cwd, "locks", `${stack}.terraform.lock.hcl`));
      io.stdout(`locks/${stack}.terraform.lock.hcl\n`);
    }
    return 0;
  },
});
