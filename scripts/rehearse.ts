import { existsSync, statSync } from "node:fs";
import { quoted } from "../lib/secret-shape";
import { delimiter, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { describeArgumentError, usageError } from "../lib/cli-usage";
import { ConfigError } from "../lib/config/errors";
import { environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { closest } from "../lib/text/suggest";
import { internalError, USER_ERROR_EXIT_CODE, UserError } from "../lib/errors";

const USAGE = `Usage: npm run rehearse -- [options]

Deploys the environments of the file in use ($OPENMETADATA_ENVIRONMENTS_FILE, else stacks/environments.yaml)
into a local world with the real cdktf CLI and Terraform, against the project's local providers; signs a
test user in, runs verify, and destroys them. Nothing leaves this machine and no credential is needed:
state files, clusters, Okta orgs and Auth0 tenants are local, in a temporary folder cleared at the end.
What it proves and what it does not: help/rehearsal.md

Options:
  --only NAMES     only these environments, comma-separated (e.g. --only dev,staging)
  --charts DIR     a folder of charts (each with Chart.yaml and values.schema.json, e.g. from
                   helm pull --untar) to check the Helm values against, as helm install would
  --keep           keep the rehearsal folder (world, state, synthesized stacks) to look at
  -h, --help       show this help

Needs terraform (1.10 or later) on PATH.
Exit codes: 0 everything behaved as expected, 1 something did not (the lines marked ✗ say what),
2 bad usage or a refused environments file.
`;

const OPTIONS = {
  only: { type: "string" },
  charts: { type: "string" },
  keep: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

class RehearseUsageError extends UserError {}

function onPath(binary: string): boolean {
  return (process.env["PATH"] ?? "").split(delimiter).some((directory) => directory && existsSync(join(directory, binary)));
}

export async function main(args: string[], write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    return usageError("rehearse", describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const environmentsFile = environmentsFilePath();
    const names = loadEnvironmentsFile(environmentsFile).map((environment) => environment.name);
    const only = values.only === undefined ? undefined : values.only.split(",").map((name) => name.trim());
    for (const name of only ?? []) {
      if (!names.includes(name)) {
        const near = closest(name, names);
        throw new RehearseUsageError(
          `--only names no environment ${quoted(name)}${near ? ` (did you mean ${near}?)` : ""}; the file has ${names.join(", ")}`,
        );
      }
    }
    const charts = values.charts === undefined ? undefined : resolve(values.charts);
    if (charts !== undefined && !(existsSync(charts) && statSync(charts).isDirectory())) {
      throw new RehearseUsageError(`--charts ${values.charts}: not a folder; give a folder of charts, each with its Chart.yaml`);
    }
    if (!onPath("terraform")) {
      throw new RehearseUsageError("terraform is not on PATH: the rehearsal runs Terraform (1.10 or later) against the local providers");
    }
    // Loaded only to run: usage answers need neither the local providers' build nor the cdktf CLI.
    const { rehearse } = await import("../lib/rehearsal/rehearse");
    const result = await rehearse({
      environmentsFile,
      ...(charts ? { referenceCharts: charts } : {}),
      ...(only ? { only } : {}),
      keep: values.keep,
      write,
    });
    return result.exitCode;
  } catch (error) {
    if (!(error instanceof UserError)) return internalError("rehearse", error);
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `error: ${error.message}\nRun "npm run rehearse -- --help" for usage.`}\n`,
    );
    return USER_ERROR_EXIT_CODE;
  }
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) {
  main(process.argv.slice(2)).then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      process.exitCode = internalError("rehearse", error);
    },
  );
}
