import { exportJWK, generateKeyPair, type JWK } from "jose";
import { parse as parseYaml } from "yaml";
import type { Environment } from "../../lib/config/environment";
import type { OpenMetadataChartValues } from "../../lib/openmetadata/chart-values";
import { internalServerUrl, SECRET_NAMES } from "../../lib/openmetadata/resource-names";
import { startAuth0TestTenant, type Auth0TestTenant, type Auth0TestTenantOptions, type Auth0TestUser } from "./auth0-test-tenant";
import { startOktaTestOrg, type OktaTestOrg, type TestUser } from "./okta-test-org";
import { startOpenMetadataStub, type OpenMetadataStub, type OpenMetadataStubOptions } from "./openmetadata-stub";
import { resourceOf, fixtureStack, synthEnvironment } from "./synth";
import { resolveReferences, resolveReferencesDeep } from "./terraform-references";

/**
 * One fixture environment "deployed" on 127.0.0.1: its synthesized stack played by the test Okta
 * org, and an OpenMetadata answering from the stack's Helm values with every Terraform
 * reference resolved, plus the outputs file `cdktf output` would write.
 */

export const JANE: TestUser = { id: "00u-jane-doe", profile: { login: "jane.doe@example.com", email: "jane.doe@example.com" } };

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
  const { stack, json } = fixtureStack(environmentName);
  const okta = await startOktaTestOrg(json, { users: [JANE], ...options });
  const release = resourceOf(json, "helm_release", "openmetadata_release");
  // The pod's checksum annotations are Terraform expressions over Secrets, not Okta outputs; the stub reads no annotation.
  const { podAnnotations: _checksums, ...chartValues } = parseYaml(release["values"][0]) as OpenMetadataChartValues;
  const values = resolveReferencesDeep(chartValues, okta.references);
  const outputs = {
    [stack.environment.stackId]: Object.fromEntries(
      Object.entries(json.output).map(([id, output]) => [id, resolveReferences(output.value, okta.references)]),
    ),
  };

  const signingKey = await publicSigningKey();
  const stubs: OpenMetadataStub[] = [];
  const startOpenMetadata: SsoDeployment["startOpenMetadata"] = async (variant) => {
    const stub = await startOpenMetadataStub({ values, signingKey, ...variant });
    stubs.push(stub);
    return stub;
  };
  const openmetadata = await startOpenMetadata({});
  const inClusterUrl = internalServerUrl({ releaseName: values.fullnameOverride });

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

export const AUTH0_JANE: Auth0TestUser = {
  id: "auth0|jane-doe",
  connection: "Username-Password-Authentication",
  email: "jane.doe@example.com",
  name: "Jane Doe",
};

export interface Auth0SsoDeployment {
  readonly environment: Environment;
  readonly auth0: Auth0TestTenant;
  /** The stack's Helm values, references resolved and `https://DOMAIN` localized to the tenant. */
  readonly values: OpenMetadataChartValues;
  /** The data of the confidential client's Kubernetes Secret (`oidc-secrets`), as apply would write it; absent for a SPA. */
  readonly oidcSecret?: Readonly<Record<string, string>>;
  readonly outputs: Record<string, Record<string, string>>;
  readonly openmetadata: OpenMetadataStub;
  reachable(url: string): string;
  close(): Promise<void>;
}

/**
 * One Auth0 environment "deployed" on 127.0.0.1: its synthesized stack played by the test tenant,
 * OpenMetadata answering from the stack's Helm values, and the outputs `cdktf output` would write.
 */
export async function deployAuth0Sso(
  environment: Environment,
  options: Pick<Auth0TestTenantOptions, "users" | "connections">,
): Promise<Auth0SsoDeployment> {
  const { json } = synthEnvironment(environment);
  const auth0 = await startAuth0TestTenant(json, options);
  const resolve = <T>(value: T): T => localizeDeep(resolveReferencesDeep(value, auth0.references), auth0.localize);
  const release = resourceOf(json, "helm_release", "openmetadata_release");
  // As for Okta: the pod's checksum annotations are Terraform expressions over Secrets; the stub reads no annotation.
  const { podAnnotations: _checksums, ...chartValues } = parseYaml(release["values"][0]) as OpenMetadataChartValues;
  const values = resolve(chartValues as OpenMetadataChartValues);
  // Only this Secret: the others hold random passwords the tenant does not assign.
  const oidcSecret = Object.values(json.resource["kubernetes_secret_v1"] ?? {}).find(
    (secret) => secret["metadata"]["name"] === SECRET_NAMES.oidcClientSecret.secretRef,
  );
  const outputs = {
    [environment.stackId]: Object.fromEntries(Object.entries(json.output).map(([id, output]) => [id, resolve(output.value)])),
  };

  const openmetadata = await startOpenMetadataStub({ values, signingKey: await publicSigningKey() });
  const inClusterUrl = internalServerUrl({ releaseName: values.fullnameOverride });
  return {
    environment,
    auth0,
    values,
    ...(oidcSecret ? { oidcSecret: resolve(oidcSecret["data"] as Record<string, string>) } : {}),
    outputs,
    openmetadata,
    reachable: (url) => (url.startsWith(`${inClusterUrl}/`) ? `${openmetadata.url}${url.slice(inClusterUrl.length)}` : url),
    close: async () => {
      await Promise.all([auth0.close(), openmetadata.close()]);
    },
  };
}

function localizeDeep<T>(value: T, localize: (url: string) => string): T {
  if (typeof value === "string") return localize(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => localizeDeep(item, localize)) as T;
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, localizeDeep(item, localize)])) as T;
  return value;
}
