import { createPublicKey } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JWK } from "jose";
import type { AuthenticationValues, OpenMetadataChartValues } from "../../lib/openmetadata/chart-values";
import type { SecurityConfigDocument } from "../../lib/openmetadata/security-config";
import { WorldTenant } from "../../local-providers/provider/world";
import type { StoredRelease } from "../../local-providers/providers/helm/release";
import { CLUSTER_WORLD_PROVIDER, newObjectMeta } from "../../local-providers/providers/kubernetes/cluster";
import type { StoredSecret } from "../../local-providers/providers/kubernetes/secret";
import { startLocalOpenMetadata, type OpenMetadataRequest, type OpenMetadataUser } from "../../local-providers/services";

export { MASK } from "../../local-providers/services";

/**
 * OpenMetadata answering from given Helm values: the local OpenMetadata
 * (local-providers/services/openmetadata.ts) on a world of its own, into which this adapter writes the
 * release with these values and the Secrets they reference, as an apply would: the JWT signing key's
 * public half and, for a confidential client, the client id and secret.
 */

/** The fields `/api/v1/system/config/auth` returns, e.g. as stored in OpenMetadata's database. */
export type ServedAuthConfig = Pick<
  AuthenticationValues,
  "provider" | "clientType" | "enableSelfSignup" | "jwtPrincipalClaims" | "clientId" | "authority" | "callbackUrl"
>;

export type StubUser = OpenMetadataUser;
export type StubRequest = OpenMetadataRequest;

export interface OpenMetadataStubOptions {
  readonly values: OpenMetadataChartValues;
  /** The public half of OpenMetadata's JWT signing key (`n`, `e`); the kid comes from the values. */
  readonly signingKey: JWK;
  /** Settings stored in OpenMetadata's database at first boot, which win over the values (#31786, #29597). */
  readonly storedAuthConfig?: Partial<ServedAuthConfig>;
  /** Bearer tokens the admin API accepts, and whose they are. */
  readonly users?: ReadonlyMap<string, StubUser>;
  /** The confidential client's secret the chart reads from the Kubernetes Secret at first boot. @default "" */
  readonly clientSecret?: string;
  /** Changes to the document stored at first boot (a hand edit in the UI, an older deploy). */
  readonly editStored?: (document: SecurityConfigDocument) => void;
  /** Makes POST .../validate fail with this message. */
  readonly validationFailure?: string;
  /** Changes what a PUT stores, e.g. a server that drops a field it does not know. */
  readonly editOnWrite?: (document: SecurityConfigDocument) => void;
}

export interface OpenMetadataStub {
  readonly url: string;
  /** Every request, in order. */
  readonly requests: readonly StubRequest[];
  /** The stored document, unmasked. */
  stored(): SecurityConfigDocument;
  close(): Promise<void>;
}

const CLUSTER = "openmetadata-stub";
const NAMESPACE = "openmetadata";

export async function startOpenMetadataStub(options: OpenMetadataStubOptions): Promise<OpenMetadataStub> {
  const { values, signingKey, clientSecret, storedAuthConfig, users, editStored, validationFailure, editOnWrite } = options;
  const world = mkdtempSync(join(tmpdir(), "openmetadata-stub-"));
  try {
    applyRelease(world, values, signingKey, clientSecret ?? "");
    const openmetadata = await startLocalOpenMetadata({
      world,
      cluster: CLUSTER,
      namespace: NAMESPACE,
      release: "openmetadata",
      ...(users ? { users } : {}),
      ...(storedAuthConfig ? { storedAuthConfig } : {}),
      ...(editStored ? { editStored } : {}),
      ...(validationFailure !== undefined ? { validationFailure } : {}),
      ...(editOnWrite ? { editOnWrite } : {}),
    });
    return {
      url: openmetadata.url,
      requests: openmetadata.requests,
      stored: () => openmetadata.stored(),
      close: async () => {
        await openmetadata.close();
        rmSync(world, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(world, { recursive: true, force: true });
    throw error;
  }
}

/** The release and its Secrets, as the local helm and kubernetes providers keep them. */
function applyRelease(world: string, values: OpenMetadataChartValues, signingKey: JWK, clientSecret: string): void {
  const cluster = new WorldTenant(world, CLUSTER_WORLD_PROVIDER, CLUSTER);
  const putSecret = (name: string, data: Record<string, Buffer>) => {
    const secret: StoredSecret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: newObjectMeta(cluster, { name, namespace: NAMESPACE }),
      type: "Opaque",
      data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, value.toString("base64")])),
    };
    cluster.put("secrets", `${NAMESPACE}/${name}`, secret);
  };

  // The public key file, in the Secret of the volume mounted where the values say it is.
  const keyFile = values.openmetadata.config.jwtTokenConfiguration.rsapublicKeyFilePath;
  const mount = values.extraVolumeMounts.find((candidate) => keyFile.startsWith(`${candidate.mountPath}/`));
  const volume = mount && values.extraVolumes.find((candidate) => candidate.name === mount.name);
  if (!mount || !volume) throw new Error(`the values mount no Secret at ${keyFile}`);
  const der = createPublicKey({ key: { kty: "RSA", n: signingKey.n!, e: signingKey.e! }, format: "jwk" }).export({
    type: "spki",
    format: "der",
  });
  putSecret(volume.secret.secretName, { [keyFile.slice(mount.mountPath.length + 1)]: der });

  const { authentication } = values.openmetadata.config;
  const oidc = authentication.oidcConfiguration;
  if (oidc.enabled) {
    // One Secret may hold both keys (the stack's oidc-secrets does).
    const data = new Map<string, Record<string, Buffer>>();
    const add = (reference: { secretRef: string; secretKey: string }, value: string) =>
      data.set(reference.secretRef, { ...data.get(reference.secretRef), [reference.secretKey]: Buffer.from(value) });
    add(oidc.clientId, authentication.clientId);
    add(oidc.clientSecret, clientSecret);
    for (const [name, keys] of data) putSecret(name, keys);
  }

  const deployed = Math.floor(Date.now() / 1000);
  const release: StoredRelease = {
    name: "openmetadata",
    namespace: NAMESPACE,
    version: 1,
    info: { status: "deployed", first_deployed: deployed, last_deployed: deployed, description: "Install complete", notes: "" },
    chart: { metadata: { name: "openmetadata", version: "1.13.1", appVersion: "1.13.1" } },
    config: structuredClone(values) as unknown as StoredRelease["config"],
    manifest: "",
    history: [
      {
        revision: 1,
        status: "deployed",
        chart: "openmetadata-1.13.1",
        app_version: "1.13.1",
        updated: deployed,
        description: "Install complete",
      },
    ],
  };
  cluster.put("releases", `${NAMESPACE}/openmetadata`, release as unknown as Record<string, unknown>);
}
