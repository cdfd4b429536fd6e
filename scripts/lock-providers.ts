import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { stackIds } from "../lib/ci/stack-selection";
import { describeArgumentError, usageError } from "../lib/cli-usage";
import { ConfigError } from "../lib/config/errors";
import { environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run lock-providers -- [stack ...]

Writes locks/<stack>.terraform.lock.hcl for every stack (or the ones named) with
\`terraform providers lock\`: the checksums of every provider the synthesized stack requires, for the
platforms CI and people run on. The workflows init with -lockfile=readonly against these files.
Run \`npm run synth\` first; needs terraform on PATH and the Terraform registry (help/ci.md).

Exit codes: 0 written, 1 terraform failed or is missing, 2 bad usage or the environments file was refused.
`;
/** Where the workflows run (linux_amd64) and where people run cdktf diff. */
const PLATFORMS = ["linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64"];

const OPTIONS = { help: { type: "boolean", short: "h", default: false } } as const;

export function main(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    return usageError("lock-providers", describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let all: string[];
  try {
    all = stackIds(loadEnvironmentsFile(environmentsFilePath()));
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("lock-providers", error);
    process.stderr.write(`${error instanceof ConfigError ? error.message : `error: ${error.message}`}\n`);
    return USER_ERROR_EXIT_CODE;
  }
  const unknown = parsed.positionals.filter((stack) => !all.includes(stack));
  if (unknown.length > 0) {
    return usageError("lock-providers", `no stack ${unknown.join(", ")}; the environments file has ${all.join(", ")}`);
  }
  mkdirSync("locks", { recursive: true });
  for (const stack of parsed.positionals.length > 0 ? parsed.positionals : all) {
    const dir = join("cdktf.out", "stacks", stack);
    if (!existsSync(join(dir, "cdk.tf.json"))) {
      process.stderr.write(`error: ${dir}/cdk.tf.json does not exist; run npm run synth first\n`);
      return 1;
    }
    try {
      execFileSync("terraform", [`-chdir=${dir}`, "providers", "lock", ...PLATFORMS.map((platform) => `-platform=${platform}`)], {
        stdio: "inherit",
        env: { ...process.env, CHECKPOINT_DISABLE: "1" },
      });
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      process.stderr.write(
        `error: ${missing ? "terraform is not on PATH" : `terraform providers lock failed for ${stack}`}; nothing more was written\n`,
      );
      return 1;
    }
    copyFileSync(join(dir, ".terraform.lock.hcl"), join("locks", `${stack}.terraform.lock.hcl`));
    process.stdout.write(`locks/${stack}.terraform.lock.hcl\n`);
  }
  return 0;
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) process.exitCode = main(process.argv.slice(2));
