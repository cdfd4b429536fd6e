import { NPM_DASHES_HINT } from "../../cli-usage";
import { changes } from "../../changes/run";
import { UserError } from "../../errors";
import { defineCommand } from "../command";

export const changesCommand = defineCommand({
  name: "changes",
  usage: `Usage: npm run changes -- --base DIR [options]

Compares two syntheses (DIR is the base's cdktf.out, --head the current one) and prints, per changed
stack, a Markdown summary in sign-in terms: what changes about the app, the authorization server,
scopes and claims, token lifetimes, who may sign in, the service app, OpenMetadata's authentication
and authorizer, Secrets and keys, and what restarts; each change with its consequence for people,
its source in help/, a level (info, attention, disruptive), and a Mermaid diagram of the stack's
wiring with what the change touches highlighted. Secret values are never shown (help/changes.md).

Options:
  --base DIR       the base's synthesized output (its cdktf.out)
  --head DIR       the current synthesized output (default cdktf.out)
  --plans DIR      a folder of <stack>.json files, terraform show -json of each stack's plan:
                   adds every replacement with the attribute forcing it, and the Secrets rotated
  --out-dir DIR    also write <stack>.md for each changed stack there (the workflows read them)
  -h, --help       show this help

Exit codes: 0 printed, 2 bad usage or an output that cannot be read, 70 an internal error (help/commands.md).
`,
  options: {
    base: { type: "string" },
    head: { type: "string", default: "cdktf.out" },
    plans: { type: "string" },
    "out-dir": { type: "string" },
  },
  run({ values: { base, head, plans, "out-dir": outDir } }, io) {
    if (base === undefined) throw new UserError(`--base DIR is required: the base's cdktf.out (${NPM_DASHES_HINT})`);
    io.stdout(changes({ base, head, plans, outDir }).text);
    return 0;
  },
});
