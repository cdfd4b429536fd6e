import { explain } from "../../changes/run";
import { readStackJson, stackJsonPath } from "../../changes/terraform-json";
import { UserError } from "../../errors";
import { defineCommand } from "../command";
import { positionalEnvironment } from "../environment";

export const explainCommand = defineCommand({
  name: "explain",
  usage: `Usage: npm run explain -- <environment> [--outdir DIR]

Prints what one environment's synthesized stack holds, its sign-in settings and a Mermaid diagram of
its wiring (identity-provider app → authorization server → policy and rules → OpenMetadata's values
and Secrets → the release), for runbooks and newcomers. Reads the output of npm run synth; no secret
is shown (help/changes.md).

Options:
  --outdir DIR     the synthesized output (default cdktf.out)
  -h, --help       show this help

Exit codes: 0 printed, 2 bad usage, an unknown environment or a stack not synthesized, 70 an internal
error (help/commands.md).
`,
  options: { outdir: { type: "string", default: "cdktf.out" } },
  environment: positionalEnvironment({ example: "dev" }),
  run({ values: { outdir }, environment }, io) {
    const json = readStackJson(outdir, environment.stackId);
    if (!json) throw new UserError(`${stackJsonPath(outdir, environment.stackId)} does not exist: run npm run synth first`);
    io.stdout(explain(environment.stackId, json));
    return 0;
  },
});
