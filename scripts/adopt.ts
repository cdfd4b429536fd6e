import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { quoted } from "../lib/secret-shape";
import { parseArgs } from "node:util";
import { parseDocument, stringify } from "yaml";
import { AdoptRefusal, findAdoptable } from "../lib/adopt/find-adoptable";
import { AdoptUsageError, OktaApiError, OktaManagementApi, oktaCredentialsFromEnvironment } from "../lib/adopt/okta-management-api";
import { describeArgumentError, NPM_DASHES_HINT, usageError as usageLine } from "../lib/cli-usage";
import { environmentsFilePath, loadEnvironmentsFile, parseEnvironments } from "../lib/config/load-environments";
import { internalError, UserError } from "../lib/errors";

const USAGE = `Usage: npm run adopt -- <environment> [options]

Finds the Okta objects someone made by following OpenMetadata's Okta guide by hand (the app, its
authorization server, scope, claim, policy and rule, the trusted origin, the service app) and
prints the adopt: section that makes the stack import them instead of creating a second of each.
Read-only. Credentials: the Okta provider's (OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY,
OKTA_API_PRIVATE_KEY_ID, OKTA_API_SCOPES, or OKTA_API_TOKEN). Next: help/runbooks/adopting.md.

  <environment>          an environment of the environments file
                         ($OPENMETADATA_ENVIRONMENTS_FILE, else stacks/environments.yaml)

Options:
  --client-id ID         find the app by client id instead of by its label (okta.appLabel)
  --write                write the section into the environments file instead of printing it
  --okta-api-url URL     ask this address instead of https://<orgName>.<baseUrl> (a proxy;
                         http only for localhost)
  -h, --help             show this help

Exit codes: 0 found (what was not found is created by the stack), 1 cannot be adopted as declared
or Okta could not be read, 2 bad usage.
`;

const OPTIONS = {
  "client-id": { type: "string" },
  write: { type: "boolean", default: false },
  "okta-api-url": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    return usageError(describeArgumentError(error, Object.keys(OPTIONS), USAGE));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    if (positionals.length !== 1)
      throw new AdoptUsageError(
        positionals.length === 0
          ? `name the environment to adopt, e.g. npm run adopt -- dev (${NPM_DASHES_HINT})`
          : `one environment at a time, got ${positionals.map(quoted).join(", ")} (${NPM_DASHES_HINT}: npm run <script> -- <environment> --option VALUE)`,
      );
    const file = environmentsFilePath();
    const environments = loadEnvironmentsFile(file);
    const environment = environments.find((candidate) => candidate.name === positionals[0]);
    if (!environment)
      throw new AdoptUsageError(
        `no environment ${quoted(positionals[0] ?? "")}; the environments file has ` +
          `${environments.map((candidate) => candidate.name).join(", ")}`,
      );
    if (!environment.okta) throw new AdoptUsageError(`environment ${environment.name} uses Auth0; npm run adopt finds Okta objects only`);
    const clientId = values["client-id"];
    if (clientId !== undefined && !/^[A-Za-z0-9_-]{10,64}$/.test(clientId))
      throw new AdoptUsageError(`--client-id must be an Okta client id such as 0oa1a2b3c4d5e6f7g8h9, got ${quoted(clientId)}`);
    const apiUrl = values["okta-api-url"] === undefined ? environment.okta.orgUrl : apiUrlOption(values["okta-api-url"]);

    const api = new OktaManagementApi(apiUrl, oktaCredentialsFromEnvironment(process.env));
    const { adopt, notes } = await findAdoptable(environment, api, clientId === undefined ? {} : { clientId });
    for (const note of notes) process.stderr.write(`note: ${note}\n`);
    if (values.write) {
      writeAdoptSection(file, environment.name, adopt);
      process.stderr.write(`wrote adopt: into environment "${environment.name}" of ${file}; next: npx cdktf diff ${environment.stackId}\n`);
    } else {
      process.stdout.write(
        `# Paste under environment "${environment.name}" (or run again with --write); ` +
          `next: npx cdktf diff ${environment.stackId}\n${stringify({ adopt })}`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof UserError) return usageError(error.message);
    if (error instanceof AdoptRefusal || error instanceof OktaApiError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function apiUrlOption(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  const loopback = url && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (!url || !(url.protocol === "https:" || (url.protocol === "http:" && loopback)) || url.pathname !== "/" || url.search) {
    throw new AdoptUsageError(`--okta-api-url must be an https origin with no path (http only for localhost), got ${quoted(text)}`);
  }
  return url.origin;
}

/**
 * Writes the section into the environment's entry, keeping the file's comments and layout, and only
 * after the result loads without a problem: a file this tool broke is never left behind.
 */
function writeAdoptSection(file: string, environmentName: string, adopt: object): void {
  const text = readFileSync(file, "utf8");
  let updated: string;
  if (file.toLowerCase().endsWith(".json")) {
    const json = JSON.parse(text) as { environments: Record<string, unknown>[] };
    const entry = json.environments.find((candidate) => candidate["name"] === environmentName);
    if (!entry) throw new AdoptUsageError(`no environment ${quoted(environmentName)} in ${file}`);
    entry["adopt"] = adopt;
    updated = `${JSON.stringify(json, null, 2)}\n`;
  } else {
    const document = parseDocument(text);
    const list = document.toJS().environments as { name: string }[];
    const index = list.findIndex((candidate) => candidate.name === environmentName);
    if (index < 0) throw new AdoptUsageError(`no environment ${quoted(environmentName)} in ${file}`);
    document.setIn(["environments", index, "adopt"], document.createNode(adopt));
    updated = document.toString({ lineWidth: 0 });
  }
  parseEnvironments(updated, {
    source: file,
    format: file.toLowerCase().endsWith(".json") ? "json" : "yaml",
    baseDir: file.replace(/[^/\\]*$/, ""),
  });
  const temporary = `${file}.adopt-${process.pid}`;
  writeFileSync(temporary, updated);
  renameSync(temporary, file);
}

function usageError(problem: string): number {
  return usageLine("adopt", problem);
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) {
  main(process.argv.slice(2)).then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      process.exitCode = internalError("adopt", error);
    },
  );
}
