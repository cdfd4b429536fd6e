import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { JWK } from "jose";
import type { AuthenticationValues, OpenMetadataChartValues } from "../../lib/openmetadata/chart-values";
import { closeServer } from "./okta-test-org";

/**
 * OpenMetadata's two unauthenticated configuration endpoints, answered from the Helm values the
 * way the server does (ConfigResource in OpenMetadata 1.x): `/api/v1/system/config/auth` copies a
 * few authentication fields (never publicKeys or the confidential client's settings) and
 * `/api/v1/system/config/jwks` serves the public half of its JWT signing key under `keyId`.
 */

/** The fields `/api/v1/system/config/auth` returns, e.g. as stored in OpenMetadata's database. */
export type ServedAuthConfig = Pick<AuthenticationValues, "provider" | "clientType" | "enableSelfSignup" | "jwtPrincipalClaims" | "clientId" | "authority" | "callbackUrl">;

export interface OpenMetadataStubOptions {
  readonly values: OpenMetadataChartValues;
  /** The public half of OpenMetadata's JWT signing key (`n`, `e`); the kid comes from the values. */
  readonly signingKey: JWK;
  /** Settings stored in OpenMetadata's database at first boot, which win over the values (#31786, #29597). */
  readonly storedAuthConfig?: Partial<ServedAuthConfig>;
}

export interface OpenMetadataStub {
  readonly url: string;
  close(): Promise<void>;
}

export async function startOpenMetadataStub({ values, signingKey, storedAuthConfig }: OpenMetadataStubOptions): Promise<OpenMetadataStub> {
  const { authentication, jwtTokenConfiguration } = values.openmetadata.config;
  const authConfig: ServedAuthConfig = {
    provider: authentication.provider,
    clientType: authentication.clientType,
    enableSelfSignup: authentication.enableSelfSignup,
    jwtPrincipalClaims: authentication.jwtPrincipalClaims,
    clientId: authentication.clientId,
    authority: authentication.authority,
    callbackUrl: authentication.callbackUrl,
    ...storedAuthConfig,
  };
  const jwks = { keys: [{ kty: "RSA", kid: jwtTokenConfiguration.keyId, alg: "RS256", use: "sig", n: signingKey.n, e: signingKey.e }] };
  const answers = new Map<string, unknown>([
    ["/api/v1/system/config/auth", authConfig],
    ["/api/v1/system/config/jwks", jwks],
  ]);

  const server = createServer((request, response) => {
    const answer = answers.get(request.url ?? "");
    response.writeHead(answer === undefined ? 404 : 200, { "content-type": "application/json" });
    response.end(JSON.stringify(answer ?? { code: 404, message: "HTTP 404 Not Found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}
