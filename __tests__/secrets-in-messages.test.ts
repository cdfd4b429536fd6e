import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { OktaManagementApi } from "../lib/adopt/okta-management-api";
import { ENVIRONMENTS_FILE_VARIABLE } from "../lib/config/load-environments";
import type { Command } from "../lib/cli/command";
import { runCommand } from "../lib/cli/run";
import { runSsoSyncCli } from "../lib/sso-sync/cli";
import { runSynth } from "../stacks/run-synth";
import { FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { useTemporaryDirectories } from "./support/temporary-directories";

// Issue 19: a sentinel secret put in every place a user puts one by mistake never reaches stdout or stderr.
// Remote answers: below for Okta's (adopt), sso-sync.test.ts "redacts the admin token when OpenMetadata's answer echoes it".

const scratch = useTemporaryDirectories("secrets-in-messages");
const CATALOGUE_FILES = join(__dirname, "mistakes", "files");

/** Every sentinel carries this word, so one search finds any of them in the output. */
const MARK = "SENTINEL";
const RANDOM_SECRET = "Zq8Lw3Nv6Rt1Yb4Kd7Hs2Jm5Pc9Xf0GaSENTINEL";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJTRU5USU5FTCJ9.SENTINEL-c2lnbmF0dXJl";
const PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvSENTINELQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
const PASSWORD = "hunter2 SENTINEL";

const BASE = `environments:
  - name: qa
    openmetadataUrl: https://openmetadata.qa.example.com
    okta:
      orgName: example
      baseUrl: okta.com
      access:
        groups: [openmetadata-users]
    openmetadata:
      cluster:
        kubeconfigPath: ~/.kube/config
      initialAdmins: [jane.doe]
      principalDomain: example.com
`;

/** Environments files with a secret in a wrong place: the base file with one line replaced or added. */
const FILES: Record<string, string> = {
  "an unknown field named like a secret (okta.clientSecret)": BASE.replace(
    "      baseUrl: okta.com\n",
    `      baseUrl: okta.com\n      clientSecret: ${RANDOM_SECRET}\n`,
  ),
  "a short password under a field that does not exist": BASE.replace(
    "      principalDomain: example.com\n",
    `      principalDomain: example.com\n      database:\n        host: db.example.com\n        password: ${PASSWORD}\n`,
  ),
  "a JWT under a field that does not exist": BASE.replace("    openmetadataUrl:", `    apiToken: ${JWT}\n    openmetadataUrl:`),
  "a mapping holding a secret under an unknown field": BASE.replace(
    "      baseUrl: okta.com\n",
    `      baseUrl: okta.com\n      oidc: { clientSecret: "${PASSWORD}" }\n`,
  ),
  "a secret pasted in a known field (openmetadataUrl)": BASE.replace("https://openmetadata.qa.example.com", RANDOM_SECRET),
  "a secret with surrounding spaces in a known field (okta.appLabel)": BASE.replace(
    "      baseUrl: okta.com\n",
    `      baseUrl: okta.com\n      appLabel: " ${RANDOM_SECRET} "\n`,
  ),
  "a PEM block in a known field (okta.orgName)": BASE.replace("orgName: example", `orgName: ${JSON.stringify(PEM)}`),
};

function synthOutput(yaml: string): { code: number; output: string } {
  const file = join(scratch(), "environments.yaml");
  writeFileSync(file, yaml);
  const lines: string[] = [];
  const code = runSynth({
    env: { [ENVIRONMENTS_FILE_VARIABLE]: file },
    outdir: join(scratch(), "out"),
    stderr: (line) => lines.push(line),
  });
  return { code, output: lines.join("\n") };
}

/** A script's command in this process, its stdout and stderr captured. */
async function script(name: string, args: readonly string[]): Promise<{ code: number; output: string }> {
  const module = (await import(`../lib/cli/commands/${name}`)) as Record<string, Command>;
  const command = Object.values(module)[0]!;
  let output = "";
  const code = await runCommand(command, args, {
    stdout: (text) => void (output += text),
    stderr: (text) => void (output += text),
    env: { ...process.env, [ENVIRONMENTS_FILE_VARIABLE]: FIXTURE_ENVIRONMENTS_FILE },
    cwd: process.cwd(),
  });
  return { code, output };
}

async function ssoSync(args: readonly string[]): Promise<{ code: number; output: string }> {
  let output = "";
  const code = await runSsoSyncCli(args, {
    env: { [ENVIRONMENTS_FILE_VARIABLE]: FIXTURE_ENVIRONMENTS_FILE, OPENMETADATA_ADMIN_TOKEN: "om-pat-unused" },
    stdout: (text) => void (output += text),
    stderr: (text) => void (output += text),
  });
  return { code, output };
}

const OUTPUTS = join(CATALOGUE_FILES, "outputs.json");

const COMMAND_LINES: Record<string, () => Promise<{ code: number; output: string }>> = {
  "sso-sync --client-secret-env given the secret itself": () =>
    ssoSync(["dev", "--outputs", OUTPUTS, "--client-secret-env", RANDOM_SECRET]),
  "sso-sync --client-secret-file given the secret itself": () =>
    ssoSync(["dev", "--outputs", OUTPUTS, "--client-secret-file", RANDOM_SECRET]),
  "sso-sync --outputs given a PEM block": () => ssoSync(["dev", `--outputs=${PEM}`]),
  "ingestion-config --token-variable given the JWT itself": () => script("ingestion-config", ["dev", "--token-variable", JWT]),
  "ingestion-config --token-variable given a random secret": () => script("ingestion-config", ["dev", "--token-variable", RANDOM_SECRET]),
  "verify --service-app-key given the PEM block": () => script("verify", ["dev", "--outputs", OUTPUTS, `--service-app-key=${PEM}`]),
  "verify with an unknown option holding a secret (--client-secret=...)": () =>
    script("verify", ["dev", "--outputs", OUTPUTS, `--client-secret=${RANDOM_SECRET}`]),
  "verify with a secret where the environment's name belongs": () => script("verify", [RANDOM_SECRET, "--outputs", OUTPUTS]),
  "keys --rotate given the PEM block": () => script("keys", ["--out", scratch(), `--rotate=${PEM}`]),
  "adopt --client-id given a secret": () => script("adopt", ["dev", "--client-id", RANDOM_SECRET]),
};

describe("no secret in any message", () => {
  test.each(Object.keys(FILES))("synth refuses %s without printing the value", (place) => {
    const { code, output } = synthOutput(FILES[place]!);
    expect(code, output).toBe(1);
    expect(output).toContain("not shown");
    expect(output).not.toContain(MARK);
  });

  test.each(Object.keys(COMMAND_LINES))("%s is refused without printing the value", async (place) => {
    const { code, output } = await COMMAND_LINES[place]!();
    expect(code, output).toBe(2);
    expect(output).not.toContain(MARK);
  });
});

describe("no secret in a message built from a remote answer", () => {
  test.each([
    ["the API token", { kind: "api-token", token: RANDOM_SECRET } as const, `Invalid token provided: SSWS ${RANDOM_SECRET}`],
    ["a JWT it was sent", { kind: "api-token", token: "00unused" } as const, `assertion ${JWT} refused`],
  ])("adopt's error from Okta's answer never repeats %s", async (_, credentials, summary) => {
    const answer = () => Promise.resolve(new Response(JSON.stringify({ errorCode: "E0000011", errorSummary: summary }), { status: 401 }));
    const api = new OktaManagementApi("https://example.okta.com", credentials, answer);
    const failure = await api.get("/api/v1/apps/0oa1").catch((error: Error) => error);
    expect(String((failure as Error).message)).toContain("HTTP 401");
    expect(String((failure as Error).message)).not.toContain(MARK);
  });
});
