import { quoted } from "../lib/secret-shape";
import { parseArgs } from "node:util";
import { describeArgumentError, NPM_DASHES_HINT, secretInsteadOfPath, usageError as usageLine } from "../lib/cli-usage";
import { ConfigError } from "../lib/config/errors";
import { environmentsFilePath, loadEnvironmentsFile } from "../lib/config/load-environments";
import { runVerify } from "../lib/verify/checks";
import { parseStackOutputs, readOutputsFile, readUserTextFile, VerifyUsageError } from "../lib/verify/outputs";
import { reportAsJson, reportAsTable } from "../lib/verify/report";
import { resolveTarget } from "../lib/verify/target";
import { internalError, UserError } from "../lib/errors";

const USAGE = `Usage: npm run verify -- <environment> --outputs FILE [options]

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

Exit codes: 0 every check passed or was skipped, 1 a check failed, 2 bad usage.
`;

const OPTIONS = {
  outputs: { type: "string" },
  issuer: { type: "string" },
  "openmetadata-url": { type: "string" },
  "service-app-key": { type: "string" },
  "service-app-kid": { type: "string" },
  json: { type: "boolean", default: false },
  "timeout-ms": { type: "string", default: "5000" },
  retries: { type: "string", default: "2" },
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
      throw new VerifyUsageError(
        positionals.length === 0
          ? `name the environment to verify, e.g. npm run verify -- dev --outputs outputs.json (${NPM_DASHES_HINT})`
          : `one environment at a time, got ${positionals.map(quoted).join(", ")} (${NPM_DASHES_HINT}: npm run <script> -- <environment> --option VALUE)`,
      );
    if (!values.outputs)
      throw new VerifyUsageError(`--outputs FILE is required (cdktf output <stack> --outputs-file FILE; ${NPM_DASHES_HINT})`);
    const timeoutMs = wholeNumber(values["timeout-ms"], "--timeout-ms", 1);
    const retries = wholeNumber(values.retries, "--retries", 0);
    const issuer = values.issuer === undefined ? undefined : httpUrl(values.issuer, "--issuer");
    const openmetadataUrl =
      values["openmetadata-url"] === undefined ? undefined : httpUrl(values["openmetadata-url"], "--openmetadata-url");

    const environments = loadEnvironmentsFile(environmentsFilePath());
    const environment = environments.find((candidate) => candidate.name === positionals[0]);
    if (!environment)
      throw new VerifyUsageError(
        `no environment ${quoted(positionals[0] ?? "")}; the environments file has ` +
          `${environments.map((candidate) => candidate.name).join(", ")}`,
      );

    for (const option of ["outputs", "service-app-key"] as const) {
      const problem = values[option] === undefined ? undefined : secretInsteadOfPath(`--${option}`, values[option]);
      if (problem) throw new VerifyUsageError(problem);
    }
    const outputs = parseStackOutputs(readJsonFile(values.outputs), environment.stackId, values.outputs, environments);
    const keyFile = values["service-app-key"];
    const target = resolveTarget(environment, outputs, {
      issuer,
      openmetadataUrl,
      serviceAppKey: keyFile === undefined ? undefined : { pem: readTextFile(keyFile), source: keyFile },
      serviceAppKid: values["service-app-kid"],
    });

    const report = await runVerify(target, { http: { timeoutMs, retries } });
    process.stdout.write(values.json ? reportAsJson(report) : reportAsTable(report, environment.stackId));
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof ConfigError) {
      // The environments file's own message is several lines already; the usage pointer would not help.
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof UserError) return usageError(error.message);
    throw error;
  }
}

function wholeNumber(text: string, flag: string, minimum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < minimum)
    throw new VerifyUsageError(`${flag} must be a whole number of at least ${minimum}, got ${quoted(text)}`);
  return value;
}

function httpUrl(text: string, flag: string): string {
  const protocol = URL.canParse(text) ? new URL(text).protocol : undefined;
  if (protocol !== "https:" && protocol !== "http:") throw new VerifyUsageError(`${flag} must be an http(s) URL, got ${quoted(text)}`);
  return text;
}

function readTextFile(path: string): string {
  return readUserTextFile(path, "--service-app-key", (message) => new VerifyUsageError(message));
}

function readJsonFile(path: string): unknown {
  return readOutputsFile(path, (message) => new VerifyUsageError(message));
}

function usageError(problem: string): number {
  return usageLine("verify", problem);
}

// Run only as a command: the mistakes catalogue imports main() and calls it in-process.
if (typeof module !== "undefined" && require.main === module) {
  main(process.argv.slice(2)).then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    (error: unknown) => {
      process.exitCode = internalError("verify", error);
    },
  );
}
