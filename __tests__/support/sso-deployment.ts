import { exportJWK, generateKeyPair, type JWK } from "jose";
import { parse as parseYaml } from "yaml";
import type { Environment } from "../../lib/config/environment";
import type { OpenMetadataChartValues } from "../../lib/openmetadata/chart-values";
import { startOktaTestOrg, type OktaTestOrg, type TestUser } from "./okta-test-org";
import { startOpenMetadataStub, type OpenMetadataStub, type OpenMetadataStubOptions } from "./openmetadata-stub";
import { resourceOf, shippedStack } from "./synth";
import { resolveReferences, resolveReferencesDeep } from "./terraform-references";

/**
 * One shipped environment "deployed" on 127.0.0.1: its synthesized stack played by the test Okta
 * org, and an OpenMetadata answering from the stack's Helm values with every Terraform
 * reference resolved, plus the outputs file `cdktf output` would write.
 */

export const JANE: TestUser = { id: "00u-jane-doe", profile: { login: "jane.doe@example.com", email: "jane.doe@example.com" } };

/** The chart's Service port: in-cluster URLs in the values are `http://<release>:8585`. */
const OPENMETADATA_SERVICE_PORT = 8585;

export interface SsoDeployment {
  readonly environment: Environment;
  readonly okta: OktaTestOrg;
  readonly values: OpenMetadataChartValues;
  /** As `cdktf output <stack> --outputs-file FILE` writes it after apply. */
  readonly outputs: Record<string, Record<string, string>>;
  readonly openmetadata: OpenMetadataStub;
  /** Where a URL of the values is reached from the tests: the in-cluster Service name resolves to the stub. */
  reachable(url: string): string;
  /** Another OpenMetadata for the same deployment, e.g. with stale stored settings, other values or admin users. */
  startOpenMetadata(variant: Partial<Omit<OpenMetadataStubOptions, "signingKey">>): Promise<OpenMetadataStub>;
  close(): Promise<void>;
}

export interface DeployOptions {
  /** The service app's public keys (the committed JWKS has no private half here). */
  readonly serviceAppKeys?: readonly JWK[];
}

export async function deploySso(environmentName: string, options: DeployOptions = {}): Promise<SsoDeployment> {
  const { stack, json } = shippedStack(environmentName);
  const okta = await startOktaTestOrg(json, { users: [JANE], ...options });
  const release = resourceOf(json, "helm_release", "openmetadata_release");
  // The pod's checksum annotations are Terraform expressions over Secrets, not Okta outputs; the stub reads no annotation.
  const { podAnnotations: _checksums, ...chartValues } = parseYaml(release["values"][0]) as OpenMetadataChartValues;
  const values = resolveReferencesDeep(chartValues, okta.references);
  const outputs = { [stack.environment.stackId]: Object.fromEntries(Object.entries(json.output).map(([id, output]) => [id, resolveReferences(output.value, okta.references)])) };

  const signingKey = await publicSigningKey();
  const stubs: OpenMetadataStub[] = [];
  const startOpenMetadata: SsoDeployment["startOpenMetadata"] = async (variant) => {
    const stub = await startOpenMetadataStub({ values, signingKey, ...variant });
    stubs.push(stub);
    return stub;
  };
  const openmetadata = await startOpenMetadata({});
  const inClusterUrl = `http://${values.fullnameOverride}:${OPENMETADATA_SERVICE_PORT}`;

  return {
    environment: stack.environment,
    okta,
    values,
    outputs,
    openmetadata,
    reachable: (url) => (url.startsWith(`${inClusterUrl}/`) ? `${openmetadata.url}${url.slice(inClusterUrl.length)}` : url),
    startOpenMetadata,
    close: async () => {
      await Promise.all([okta.close(), ...stubs.map((stub) => stub.close())]);
    },
  };
}

/** OpenMetadata's key; shared by the deployments of a test process, since RSA generation is slow. */
let openmetadataKey: Promise<JWK> | undefined;
function publicSigningKey(): Promise<JWK> {
  openmetadataKey ??= generateKeyPair("RS256").then(({ publicKey }) => exportJWK(publicKey));
  return openmetadataKey;
}
