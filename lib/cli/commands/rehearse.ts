import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { findOnPath } from "../../chart-check/helm";
import { UserError } from "../../errors";
import { defineCommand } from "../command";
import { loadEnvironments, noEnvironment } from "../environment";

export const rehearseCommand = defineCommand({
  name: "rehearse",
  usage: `Usage: npm run rehearse -- [options]

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
2 bad usage or a refused environments file, 70 an internal error (help/commands.md).
`,
  options: {
    only: { type: "string" },
    charts: { type: "string" },
    keep: { type: "boolean", default: false },
  },
  async run({ values }, io) {
    const file = loadEnvironments(io);
    const names = file.environments.map((environment) => environment.name);
    const only = values.only === undefined ? undefined : values.only.split(",").map((name) => name.trim());
    const unknown = only?.find((name) => !names.includes(name));
    if (unknown !== undefined) throw new UserError(noEnvironment(unknown, file, "--only names "));
    const charts = values.charts === undefined ? undefined : resolve(io.cwd, values.charts);
    if (charts !== undefined && !(existsSync(charts) && statSync(charts).isDirectory())) {
      throw new UserError(`--charts ${values.charts}: not a folder; give a folder of charts, each with its Chart.yaml`);
    }
    if (findOnPath("terraform", io.env["PATH"] ?? "") === undefined) {
      throw new UserError("terraform is not on PATH: the rehearsal runs Terraform (1.10 or later) against the local providers");
    }
    // Loaded only to run: usage answers need neither the local providers' build nor the cdktf CLI.
    const { rehearse } = await import("../../rehearsal/rehearse");
    const result = await rehearse({
      environmentsFile: file.environmentsFile,
      ...(charts ? { referenceCharts: charts } : {}),
      ...(only ? { only } : {}),
      keep: values.keep,
      write: (line) => io.stdout(`${line}\n`),
    });
    return result.exitCode;
  },
});
