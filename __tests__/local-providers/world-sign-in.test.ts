import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { conformBlock } from "../../local-providers/protocol/cty";
import { planResource } from "../../local-providers/protocol/plan";
import { WORLD_VARIABLE, WorldTenant } from "../../local-providers/provider/world";
import type { StoredRelease } from "../../local-providers/providers/helm/release";
import { CLUSTER_WORLD_PROVIDER, newObjectMeta } from "../../local-providers/providers/kubernetes/cluster";
import type { StoredSecret } from "../../local-providers/providers/kubernetes/secret";
import {
  provider as oktaProvider,
  type OktaApp,
  type OktaAuthServer,
  type OktaClaim,
  type OktaPolicy,
  type OktaPolicyRule,
  type OktaScope,
} from "../../local-providers/providers/okta/index";
import { everyoneGroup, seedOktaGroup } from "../../local-providers/providers/okta/org";
import {
  Browser,
  followSignIn,
  pkcePair,
  signInToOpenMetadata,
  startLocalOktaOrg,
  startLocalOpenMetadata,
  type LocalOktaOrg,
  type LocalOpenMetadata,
} from "../../local-providers/services";
import { verifyCommand } from "../../lib/cli/commands/verify";
import { runCommand } from "../../lib/cli/run";

// The local Okta org and OpenMetadata read a world written by hand here, in the shapes the local okta,
// kubernetes and helm providers write (local-providers/providers/*/index.ts), after they started, as an
// apply would: sign-ins, claims, group assignments, policies, and `npm run verify` on that world.

const CLUSTER = "kind-local";
const SPA = { namespace: "openmetadata-local", url: "https://openmetadata.local.example.com", keyId: "openmetadata-local-1" };
const WEB = { namespace: "openmetadata-web", url: "https://openmetadata.web.example.com", keyId: "openmetadata-web-1" };
const JANE = {
  id: "00u1janedoe",
  profile: { login: "jane.doe@example.com", email: "jane.doe@example.com" },
  groups: ["openmetadata-users"],
};
const BOB = { id: "00u2bob", profile: { login: "bob@example.com", email: "bob@example.com" } };

let world: string;
let org: LocalOktaOrg;
let spaOpenMetadata: LocalOpenMetadata;
let webOpenMetadata: LocalOpenMetadata;
let ids: { server: string; spa: string; web: string; webSecret: string; rule: string; group: string };

beforeAll(async () => {
  world = mkdtempSync(join(tmpdir(), "world-sign-in-"));
  // Started before anything is applied, as the rehearsal does: the issuers are built from the org's URL.
  org = await startLocalOktaOrg({ world, orgName: "example", baseUrl: "okta.com", users: [JANE, BOB] });
  [spaOpenMetadata, webOpenMetadata] = await Promise.all([
    startLocalOpenMetadata({ world, cluster: CLUSTER, namespace: SPA.namespace }),
    startLocalOpenMetadata({ world, cluster: CLUSTER, namespace: WEB.namespace }),
  ]);
  ids = applyOktaObjects(org);
  applyRelease(SPA, { clientId: ids.spa });
  applyRelease(WEB, { clientId: ids.web, clientSecret: ids.webSecret });
});

afterAll(async () => {
  await Promise.all([org?.close(), spaOpenMetadata?.close(), webOpenMetadata?.close()]);
  if (world) rmSync(world, { recursive: true, force: true });
});

/* ------------------------------------------------------------------ the world, as the providers write it */

const now = "2025-01-01T00:00:00.000Z";

function oktaApp(id: string, kind: "browser" | "web", redirect: string, secret?: string): OktaApp {
  return {
    id,
    name: "oidc_client",
    label: `OpenMetadata ${kind}`,
    status: "ACTIVE",
    signOnMode: "OPENID_CONNECT",
    created: now,
    lastUpdated: now,
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: { autoSubmitToolbar: false, hide: { iOS: true, web: true } },
    credentials: {
      userNameTemplate: { template: "${source.login}", type: "BUILT_IN" },
      oauthClient: {
        client_id: id,
        ...(secret ? { client_secret: secret } : {}),
        token_endpoint_auth_method: secret ? "client_secret_post" : "none",
        pkce_required: !secret,
        autoKeyRotation: true,
      },
    },
    settings: {
      implicitAssignment: false,
      notes: { admin: null, enduser: null },
      oauthClient: {
        application_type: kind,
        redirect_uris: [`${redirect}/callback`],
        post_logout_redirect_uris: [redirect],
        response_types: kind === "browser" ? ["code", "id_token", "token"] : ["code"],
        grant_types: kind === "browser" ? ["authorization_code", "implicit", "refresh_token"] : ["authorization_code", "refresh_token"],
        jwks_uri: null,
        consent_method: "TRUSTED",
        issuer_mode: "ORG_URL",
        wildcard_redirect: "DISABLED",
        initiate_login_uri: null,
        client_uri: null,
        logo_uri: null,
        tos_uri: null,
        policy_uri: null,
        idp_initiated_login: { mode: "DISABLED", default_scope: [] },
        participate_slo: false,
        frontchannel_logout_uri: null,
        frontchannel_logout_session_required: false,
        backchannel_custom_authenticator_id: null,
      },
    },
    accessPolicyId: "rst1default",
  };
}

function claim(id: string, serverId: string, fields: Partial<OktaClaim> & Pick<OktaClaim, "name" | "claimType" | "valueType">): OktaClaim {
  return {
    id,
    authServerId: serverId,
    status: "ACTIVE",
    conditions: { scopes: [] },
    system: false,
    alwaysIncludeInToken: true,
    sequence: 1,
    ...fields,
  };
}

function scope(id: string, serverId: string, name: string, system: boolean): OktaScope {
  return {
    id,
    authServerId: serverId,
    name,
    displayName: name,
    description: name,
    system,
    metadataPublish: "ALL_CLIENTS",
    consent: "IMPLICIT",
    optional: false,
    default: false,
  };
}

function userLoginRule(id: string, serverId: string, policyId: string, groups: string[]): OktaPolicyRule {
  return {
    id,
    authServerId: serverId,
    policyId,
    name: "OpenMetadata users",
    status: "ACTIVE",
    priority: 1,
    system: false,
    type: "RESOURCE_ACCESS",
    conditions: {
      people: { users: { include: [], exclude: [] }, groups: { include: groups, exclude: [] } },
      grantTypes: { include: ["authorization_code", "implicit"] },
      scopes: { include: ["openid", "profile", "email", "offline_access", "openmetadata"] },
    },
    actions: { token: { accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 129600, refreshTokenWindowMinutes: 10080 } },
  };
}

/** What `cdktf deploy` of an Okta stack leaves in the org (local-providers/providers/okta/index.ts). */
function applyOktaObjects(localOrg: LocalOktaOrg) {
  const tenant = localOrg.tenant;
  const put = (collection: string, object: { id: string }) =>
    tenant.put(collection, object.id, object as unknown as Record<string, unknown>);
  const group = seedOktaGroup(tenant, "openmetadata-users");
  everyoneGroup(tenant);
  const [spa, web, server, policy, rule] = ["0oa1spa", "0oa2web", "aus1local", "00p1policy", "0pr1rule"];
  const webSecret = "web-app-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLM";
  put("apps", oktaApp(spa, "browser", SPA.url));
  put("apps", oktaApp(web, "web", WEB.url, webSecret));
  const authServer: OktaAuthServer = {
    id: server,
    name: "openmetadata-local",
    description: "OpenMetadata",
    audiences: [spa],
    issuer: localOrg.issuerUrl(server),
    issuerMode: "ORG_URL",
    status: "ACTIVE",
    created: now,
    lastUpdated: now,
    credentials: { signing: { kid: "local-server-key", rotationMode: "AUTO", lastRotated: now } },
    default: false,
  };
  put("authServers", authServer);
  // Okta's system email claim (scope email, always included) and the stack's access token claim.
  put(
    "claims",
    claim("ocl1email", server, {
      name: "email",
      claimType: "IDENTITY",
      valueType: "SYSTEM",
      system: true,
      conditions: { scopes: ["email"] },
    }),
  );
  put(
    "claims",
    claim("ocl2email", server, {
      name: "email",
      claimType: "RESOURCE",
      valueType: "EXPRESSION",
      value: "user.email",
      conditions: { scopes: ["email"] },
    }),
  );
  for (const name of ["openid", "profile", "email", "offline_access"]) put("scopes", scope(`scp-${name}`, server, name, true));
  put("scopes", scope("scp-openmetadata", server, "openmetadata", false));
  const accessPolicy: OktaPolicy = {
    id: policy,
    authServerId: server,
    type: "OAUTH_AUTHORIZATION_POLICY",
    name: "OpenMetadata",
    description: "OpenMetadata clients",
    status: "ACTIVE",
    priority: 1,
    system: false,
    conditions: { clients: { include: [spa, web] } },
  };
  put("policies", accessPolicy);
  put("rules", userLoginRule(rule, server, policy, ["EVERYONE"]));
  for (const appId of [spa, web]) {
    tenant.put("groupAssignments", `${appId}~${group.id}`, { id: group.id, appId, priority: 0, profile: {}, lastUpdated: now });
  }
  return { server, spa, web, webSecret, rule, group: group.id };
}

/** The openmetadata release and its Secrets, as the local helm and kubernetes providers keep them. */
function applyRelease(target: typeof SPA, client: { clientId: string; clientSecret?: string }) {
  const cluster = new WorldTenant(world, CLUSTER_WORLD_PROVIDER, CLUSTER);
  const issuer = org.issuerUrl(ids.server);
  const secret = (name: string, data: Record<string, Buffer>) => {
    const stored: StoredSecret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: newObjectMeta(cluster, { name, namespace: target.namespace }),
      type: "Opaque",
      data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, value.toString("base64")])),
    };
    cluster.put("secrets", `${target.namespace}/${name}`, stored);
  };
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  secret("openmetadata-jwt-keys", {
    "public_key.der": publicKey.export({ type: "spki", format: "der" }),
    "private_key.der": privateKey.export({ type: "pkcs8", format: "der" }),
  });
  if (client.clientSecret) {
    secret("oidc-secrets", {
      "openmetadata-oidc-client-id": Buffer.from(client.clientId),
      "openmetadata-oidc-client-secret": Buffer.from(client.clientSecret),
    });
  }
  // The values as the stack renders them (lib/openmetadata), with the apply's values in place of its references.
  const values = {
    fullnameOverride: "openmetadata",
    openmetadata: {
      config: {
        authentication: {
          enabled: true,
          provider: "okta",
          clientType: client.clientSecret ? "confidential" : "public",
          publicKeys: ["http://openmetadata:8585/api/v1/system/config/jwks", `${issuer}/v1/keys`],
          authority: issuer,
          clientId: client.clientId,
          callbackUrl: `${target.url}/callback`,
          responseType: "id_token",
          jwtPrincipalClaims: ["email", "preferred_username", "sub"],
          enableSelfSignup: true,
          oidcConfiguration: client.clientSecret
            ? {
                enabled: true,
                oidcType: "okta",
                clientId: { secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-id" },
                clientSecret: { secretRef: "oidc-secrets", secretKey: "openmetadata-oidc-client-secret" },
                scope: "openid email profile",
                discoveryUri: `${issuer}/.well-known/openid-configuration`,
                useNonce: true,
                preferredJwsAlgorithm: "RS256",
                responseType: "code",
                disablePkce: true,
                callbackUrl: `${target.url}/callback`,
                serverUrl: target.url,
                clientAuthenticationMethod: "client_secret_post",
                tokenValidity: "3600",
                sessionExpiry: "604800",
              }
            : { enabled: false },
        },
        authorizer: {
          enabled: true,
          initialAdmins: ["jane.doe"],
          allowedEmailRegistrationDomains: ["example.com"],
          principalDomain: "example.com",
          enforcePrincipalDomain: false,
          enableSecureSocketConnection: false,
          useRolesFromProvider: false,
        },
        jwtTokenConfiguration: {
          enabled: true,
          rsapublicKeyFilePath: "/etc/openmetadata/jwt/public_key.der",
          rsaprivateKeyFilePath: "/etc/openmetadata/jwt/private_key.der",
          jwtissuer: new URL(target.url).host,
          keyId: target.keyId,
        },
      },
    },
    extraVolumes: [{ name: "jwt-keys", secret: { secretName: "openmetadata-jwt-keys", defaultMode: 292 } }],
    extraVolumeMounts: [{ name: "jwt-keys", mountPath: "/etc/openmetadata/jwt", readOnly: true }],
  };
  const deployed = Math.floor(Date.parse(now) / 1000);
  const release: StoredRelease = {
    name: "openmetadata",
    namespace: target.namespace,
    version: 1,
    info: { status: "deployed", first_deployed: deployed, last_deployed: deployed, description: "Install complete", notes: "" },
    chart: { metadata: { name: "openmetadata", version: "1.13.1", appVersion: "1.13.1" } },
    config: values,
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
  cluster.put("releases", `${target.namespace}/openmetadata`, release as unknown as Record<string, unknown>);
}

/* ------------------------------------------------------------------ helpers */

async function accessTokenClaims(accessToken: string) {
  const keys = createRemoteJWKSet(new URL(`${org.issuerUrl(ids.server)}/v1/keys`));
  return (await jwtVerify(accessToken, keys, { issuer: org.issuerUrl(ids.server), audience: ids.spa })).payload;
}

/** The SPA's code flow with the given scope, straight against the org. */
async function spaTokens(scope: string, login: string): Promise<Record<string, string>> {
  const issuer = org.issuerUrl(ids.server);
  const { verifier, challenge } = pkcePair();
  const redirectUri = `${SPA.url}/callback`;
  const authorize = new URL(`${issuer}/v1/authorize`);
  authorize.search = new URLSearchParams({
    client_id: ids.spa,
    redirect_uri: redirectUri,
    response_type: "code",
    scope,
    state: "s",
    nonce: "n",
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  const callback = await followSignIn(new Browser(), authorize.href, redirectUri, login);
  expect(callback.searchParams.get("error"), callback.searchParams.get("error_description") ?? "").toBeNull();
  const response = await fetch(`${issuer}/v1/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: callback.searchParams.get("code")!,
      redirect_uri: redirectUri,
      client_id: ids.spa,
      code_verifier: verifier,
    }),
  });
  const tokens = (await response.json()) as Record<string, string>;
  expect(response.status, JSON.stringify(tokens)).toBe(200);
  return tokens;
}

/* ------------------------------------------------------------------ tests */

describe("the local Okta org", () => {
  test("records the URL it serves at in the org's settings, where the local okta provider builds issuers from it", () => {
    expect(org.tenant.get("settings", "org")).toEqual({ servedAt: org.origin });
    expect(org.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test("restarted on the same world, it listens at the recorded URL again, which the world's issuers name", async () => {
    const otherWorld = mkdtempSync(join(tmpdir(), "world-restart-"));
    try {
      const first = await startLocalOktaOrg({ world: otherWorld, orgName: "restart", baseUrl: "okta.com", users: [] });
      await first.close();
      const second = await startLocalOktaOrg({ world: otherWorld, orgName: "restart", baseUrl: "okta.com", users: [] });
      await second.close();
      expect(second.origin).toBe(first.origin);
    } finally {
      rmSync(otherWorld, { recursive: true, force: true });
    }
  });

  test("an authorization server the local okta provider creates after the org started is served at the issuer it computes", async () => {
    const otherWorld = mkdtempSync(join(tmpdir(), "world-provider-"));
    const started = await startLocalOktaOrg({ world: otherWorld, orgName: "provider", baseUrl: "okta.com", users: [] });
    try {
      const providerConfig = conformBlock({ org_name: "provider", base_url: "okta.com" }, oktaProvider.schemas.provider.block);
      const context = oktaProvider.configure(providerConfig, { [WORLD_VARIABLE]: otherWorld, OKTA_API_TOKEN: "not-a-real-token" });
      const block = oktaProvider.schemas.resources["okta_auth_server"]!.block;
      const config = conformBlock(
        { name: "openmetadata", description: "OpenMetadata", audiences: ["api://openmetadata"], issuer_mode: "ORG_URL" },
        block,
      );
      const state = oktaProvider.resources["okta_auth_server"]!.create(planResource(block, config, null).planned, context, config);
      expect(state["issuer"]).toBe(started.issuerUrl(String(state["id"])));
      const discovery = (await (await fetch(`${String(state["issuer"])}/.well-known/openid-configuration`)).json()) as Record<
        string,
        string
      >;
      expect(discovery["issuer"]).toBe(state["issuer"]);
      expect(discovery["jwks_uri"]).toBe(`${String(state["issuer"])}/v1/keys`);
    } finally {
      await started.close();
      rmSync(otherWorld, { recursive: true, force: true });
    }
  });

  test("a user in a group assigned to the SPA signs in and gets the email claim in the ID token and the access token", async () => {
    const login = await signInToOpenMetadata({ sso: spaOpenMetadata.sso(), login: JANE.id, reachable: spaOpenMetadata.reachable });
    expect(login).toMatchObject({ principal: "jane.doe", domain: "example.com", admin: true });
    expect(login.claims).toMatchObject({ sub: JANE.id, email: JANE.profile.email, iss: org.issuerUrl(ids.server), aud: ids.spa });
    expect(login.verifiedBy).toBe(`${org.issuerUrl(ids.server)}/v1/keys`);
    expect(await accessTokenClaims(login.accessToken)).toMatchObject({ email: JANE.profile.email, cid: ids.spa, uid: JANE.id });
  });

  test("without the email scope, neither token carries the email claim (both claims are conditioned on it)", async () => {
    const tokens = await spaTokens("openid", JANE.id);
    expect(decodeJwt(tokens["id_token"]!)).not.toHaveProperty("email");
    const claims = await accessTokenClaims(tokens["access_token"]!);
    expect(claims).not.toHaveProperty("email");
    expect(claims["uid"]).toBe(JANE.id);
  });

  test("a user outside every group assigned to the app is refused with Okta's answer", async () => {
    await expect(signInToOpenMetadata({ sso: spaOpenMetadata.sso(), login: BOB.id, reachable: spaOpenMetadata.reachable })).rejects.toThrow(
      "the sign-in of 00u2bob was refused: access_denied (User is not assigned to the client application.)",
    );
  });

  test("a rule of the policy that no longer includes the user refuses the sign-in, read from the world at the next request", async () => {
    const rule = userLoginRule(ids.rule, ids.server, "00p1policy", ["00g-another-group"]);
    org.tenant.put("rules", ids.rule, rule as unknown as Record<string, unknown>);
    try {
      await expect(
        signInToOpenMetadata({ sso: spaOpenMetadata.sso(), login: JANE.id, reachable: spaOpenMetadata.reachable }),
      ).rejects.toThrow("access_denied (Policy evaluation failed for this request, please check the policy configurations.)");
    } finally {
      org.tenant.put(
        "rules",
        ids.rule,
        userLoginRule(ids.rule, ids.server, "00p1policy", ["EVERYONE"]) as unknown as Record<string, unknown>,
      );
    }
  });

  test("a claim applied after the org started is in the next token: a groups claim filtered by name", async () => {
    const groups = claim("ocl3groups", ids.server, {
      name: "groups",
      claimType: "RESOURCE",
      valueType: "GROUPS",
      value: "openmetadata",
      groupFilterType: "STARTS_WITH",
    });
    org.tenant.put("claims", groups.id, groups as unknown as Record<string, unknown>);
    try {
      const claims = await accessTokenClaims((await spaTokens("openid email", JANE.id))["access_token"]!);
      expect(claims["groups"]).toEqual(["openmetadata-users"]);
    } finally {
      org.tenant.delete("claims", groups.id);
    }
  });

  test("the confidential Web app signs in with the secret of its Secret, and its code is refused with another secret", async () => {
    const sso = webOpenMetadata.sso();
    expect(sso.oidcClient).toEqual({ id: ids.web, secret: ids.webSecret });
    const login = await signInToOpenMetadata({ sso, login: JANE.id, reachable: webOpenMetadata.reachable });
    expect(login.principal).toBe("jane.doe");

    const issuer = org.issuerUrl(ids.server);
    const redirectUri = `${WEB.url}/callback`;
    const authorize = `${issuer}/v1/authorize?${new URLSearchParams({ client_id: ids.web, redirect_uri: redirectUri, response_type: "code", scope: "openid email", state: "s" })}`;
    const code = (await followSignIn(new Browser(), authorize, redirectUri, JANE.id)).searchParams.get("code")!;
    const redeem = (secret: string) =>
      fetch(`${issuer}/v1/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: redirectUri,
          client_id: ids.web,
          client_secret: secret,
        }),
      });
    const refused = await redeem("not-the-secret");
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as Record<string, string>)["error"]).toBe("invalid_client");
  });

  test("an authorization server that is not in the world answers Okta's 404", async () => {
    const response = await fetch(`${org.issuerUrl("aus-not-there")}/.well-known/openid-configuration`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ errorCode: "E0000007" });
  });
});

describe("the local OpenMetadata", () => {
  test("serves its own key under the values' keyId and the authentication settings of its release", async () => {
    const jwks = (await (await fetch(spaOpenMetadata.reachable("http://openmetadata:8585/api/v1/system/config/jwks"))).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks.keys.map((key) => key.kid)).toEqual([SPA.keyId]);
    expect(await (await fetch(`${spaOpenMetadata.url}/api/v1/system/config/auth`)).json()).toEqual({
      provider: "okta",
      providerName: "",
      clientType: "public",
      enableSelfSignup: true,
      jwtPrincipalClaims: ["email", "preferred_username", "sub"],
      clientId: ids.spa,
      authority: org.issuerUrl(ids.server),
      callbackUrl: `${SPA.url}/callback`,
    });
  });

  test("without its release it does not start, and says why", async () => {
    const missing = await startLocalOpenMetadata({ world, cluster: CLUSTER, namespace: "nothing-here" });
    try {
      const response = await fetch(`${missing.url}/api/v1/system/config/auth`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        code: 503,
        message: "no Helm release openmetadata in namespace nothing-here of cluster kind-local: OpenMetadata is not deployed",
      });
    } finally {
      await missing.close();
    }
  });
});

describe("npm run verify on the world", () => {
  test("passes against the local org and OpenMetadata for the outputs file cdktf output writes", async () => {
    const directory = mkdtempSync(join(tmpdir(), "world-verify-"));
    const environmentsFile = join(directory, "environments.yaml");
    const outputsFile = join(directory, "outputs.json");
    writeFileSync(
      environmentsFile,
      [
        "environments:",
        "  - name: local",
        `    openmetadataUrl: ${SPA.url}`,
        "    okta: { orgName: example, baseUrl: okta.com, flow: spa, access: { groups: [openmetadata-users] } }",
        "    openmetadata:",
        `      cluster: { kubeconfigPath: ~/.kube/config, context: ${CLUSTER} }`,
        "      initialAdmins: [jane.doe]",
        "      principalDomain: example.com",
        "",
      ].join("\n"),
    );
    const issuer = org.issuerUrl(ids.server);
    writeFileSync(
      outputsFile,
      JSON.stringify({
        "openmetadata-local": {
          authorization_server_id: ids.server,
          client_id: ids.spa,
          client_type: "public",
          issuer_url: issuer,
          jwks_uri: `${issuer}/v1/keys`,
          jwt_key_id: SPA.keyId,
          namespace: SPA.namespace,
          openmetadata_url: SPA.url,
        },
      }),
    );
    let printed = "";
    try {
      const code = await runCommand(
        verifyCommand,
        ["local", "--outputs", outputsFile, "--openmetadata-url", spaOpenMetadata.url, "--json", "--retries", "0"],
        {
          stdout: (text) => void (printed += text),
          stderr: () => undefined,
          env: { ...process.env, OPENMETADATA_ENVIRONMENTS_FILE: environmentsFile },
          cwd: process.cwd(),
        },
      );
      const report = JSON.parse(printed) as { ok: boolean; checks: { id: string; status: string; detail: string }[] };
      expect(report.checks.map((check) => [check.id, check.status])).toEqual([
        ["issuer-discovery", "pass"],
        ["issuer-keys", "pass"],
        ["openmetadata-auth-config", "pass"],
        ["openmetadata-jwks", "pass"],
        ["service-app-token", "skip"],
      ]);
      expect(code).toBe(0);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
