import { stringify } from "yaml";
import { AdoptRefusal, findAdoptable } from "../../adopt/find-adoptable";
import { AdoptUsageError, OktaApiError, OktaManagementApi, oktaCredentialsFromEnvironment } from "../../adopt/okta-management-api";
import { writeAdoptSection } from "../../adopt/write-adopt-section";
import { CHECKS_FAILED_EXIT_CODE } from "../../errors";
import { quoted } from "../../secret-shape";
import { defineCommand } from "../command";
import { positionalEnvironment } from "../environment";

export const adoptCommand = defineCommand({
  name: "adopt",
  usage: `Usage: npm run adopt -- <environment> [options]

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
or Okta could not be read, 2 bad usage, 70 an internal error (help/commands.md).
`,
  options: {
    "client-id": { type: "string" },
    write: { type: "boolean", default: false },
    "okta-api-url": { type: "string" },
  },
  environment: positionalEnvironment({ example: "dev", purpose: "adopt" }),
  async run({ values, environment, environmentsFile: file }, io) {
    if (!environment.okta) throw new AdoptUsageError(`environment ${environment.name} uses Auth0; npm run adopt finds Okta objects only`);
    const clientId = values["client-id"];
    if (clientId !== undefined && !/^[A-Za-z0-9_-]{10,64}$/.test(clientId))
      throw new AdoptUsageError(`--client-id must be an Okta client id such as 0oa1a2b3c4d5e6f7g8h9, got ${quoted(clientId)}`);
    const apiUrl = values["okta-api-url"] === undefined ? environment.okta.orgUrl : apiUrlOption(values["okta-api-url"]);

    try {
      const api = new OktaManagementApi(apiUrl, oktaCredentialsFromEnvironment(io.env));
      const { adopt, notes } = await findAdoptable(environment, api, clientId === undefined ? {} : { clientId });
      for (const note of notes) io.stderr(`note: ${note}\n`);
      if (values.write) {
        writeAdoptSection(file, environment.name, adopt);
        io.stderr(`wrote adopt: into environment "${environment.name}" of ${file}; next: npx cdktf diff ${environment.stackId}\n`);
      } else {
        io.stdout(
          `# Paste under environment "${environment.name}" (or run again with --write); ` +
            `next: npx cdktf diff ${environment.stackId}\n${stringify({ adopt })}`,
        );
      }
      return 0;
    } catch (error) {
      // Okta answered, and what it holds cannot be adopted as declared: an outcome, not a mistake in the command line.
      if (error instanceof AdoptRefusal || error instanceof OktaApiError) {
        io.stderr(`error: ${error.message}\n`);
        return CHECKS_FAILED_EXIT_CODE;
      }
      throw error;
    }
  },
});

function apiUrlOption(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  const loopback = url && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (!url || !(url.protocol === "https:" || (url.protocol === "http:" && loopback)) || url.pathname !== "/" || url.search) {
    throw new AdoptUsageError(`--okta-api-url must be an https origin with no path (http only for localhost), got ${quoted(text)}`);
  }
  return url.origin;
}
