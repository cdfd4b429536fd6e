import { httpUrlOption, NPM_DASHES_HINT, secretInsteadOfPath, wholeNumberOption } from "../../cli-usage";
import { parseStackOutputs, readOutputsFile, readUserTextFile, VerifyUsageError } from "../../verify/outputs";
import { reportAsJson, reportAsTable } from "../../verify/report";
import { resolveTarget } from "../../verify/target";
import { defineCommand } from "../command";
import { positionalEnvironment } from "../environment";

export const verifyCommand = defineCommand({
  name: "verify",
  usage: `Usage: npm run verify -- <environment> --outputs FILE [options]

Checks a deployed environment's single sign-on from the outside: the Okta or Auth0 issuer's discovery
document and keys, OpenMetadata's served SSO settings and signing key, and optionally a
client_credentials token of the service app. Run it after every deploy (help/verify.md).

  <environment>             an environment of the environments file
                            ($OPENMETADATA_ENVIRONMENTS_FILE, else stacks/environments.yaml)
  --outputs FILE            the stack outputs: cdktf output openmetadata-<environment> --outputs-file FILE

Options:
  --issuer URL              check this issuer instead of the issuer_url output
  --openmetadata-url URL    reach OpenMetadata here (e.g. a port-forward) instead of openmetadata_url
  --service-app-key FILE    the service app's PKCS#8 PEM private key (private.pem of npm run keys):
                            also get and validate a client_credentials token
  --service-app-kid KID     the key's kid; default: the environment's JWKS key matching FILE, else the first
  --json                    print {environment, ok, checks:[{id, name, status, detail, hint}]}
  --timeout-ms N            per request (default 5000)
  --retries N               extra attempts on network errors, timeouts and HTTP 5xx (default 2)
  -h, --help                show this help

Exit codes: 0 every check passed or was skipped, 1 a check failed, 2 bad usage, 70 an internal error
(help/commands.md).
`,
  options: {
    outputs: { type: "string" },
    issuer: { type: "string" },
    "openmetadata-url": { type: "string" },
    "service-app-key": { type: "string" },
    "service-app-kid": { type: "string" },
    json: { type: "boolean", default: false },
    "timeout-ms": { type: "string", default: "5000" },
    retries: { type: "string", default: "2" },
  },
  environment: positionalEnvironment({ example: "dev --outputs outputs.json", purpose: "verify" }),
  async run({ values, environment, environments }, io) {
    if (!values.outputs)
      throw new VerifyUsageError(`--outputs FILE is required (cdktf output <stack> --outputs-file FILE; ${NPM_DASHES_HINT})`);
    const timeoutMs = wholeNumberOption(values["timeout-ms"], "--timeout-ms", 1);
    const retries = wholeNumberOption(values.retries, "--retries", 0);
    const issuer = values.issuer === undefined ? undefined : httpUrlOption(values.issuer, "--issuer");
    const openmetadataUrl =
      values["openmetadata-url"] === undefined ? undefined : httpUrlOption(values["openmetadata-url"], "--openmetadata-url");
    for (const option of ["outputs", "service-app-key"] as const) {
      const problem = values[option] === undefined ? undefined : secretInsteadOfPath(`--${option}`, values[option]);
      if (problem) throw new VerifyUsageError(problem);
    }
    const outputs = parseStackOutputs(
      readOutputsFile(values.outputs, (message) => new VerifyUsageError(message)),
      environment.stackId,
      values.outputs,
      environments,
    );
    const keyFile = values["service-app-key"];
    const target = resolveTarget(environment, outputs, {
      issuer,
      openmetadataUrl,
      serviceAppKey:
        keyFile === undefined
          ? undefined
          : { pem: readUserTextFile(keyFile, "--service-app-key", (message) => new VerifyUsageError(message)), source: keyFile },
      serviceAppKid: values["service-app-kid"],
    });

    // Loaded only to run: usage answers need none of the checks (jose, the JWT library, is most of their modules).
    const { runVerify } = await import("../../verify/checks");
    const report = await runVerify(target, { http: { timeoutMs, retries } });
    io.stdout(values.json ? reportAsJson(report) : reportAsTable(report, environment.stackId));
    return report.ok ? 0 : 1;
  },
});
