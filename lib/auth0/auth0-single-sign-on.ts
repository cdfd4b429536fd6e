import { Construct } from "constructs";
import type { Auth0Settings } from "../config/environment";
import { connectionIdClash, connectionIdClashMessage, connectionIdSuffix } from "./auth0-invariants";
import { AUTH0, auth0Authority } from "../identity-providers/auth0";
import { discoveryUriFor, jwksUriFor } from "../identity-providers/conventions";
import { redirectUris } from "../openmetadata-urls";
import type { SsoBinding } from "../sso-binding";
import type { Client as Auth0Client } from "../../.gen/providers/auth0/client";
import { ClientCredentials as Auth0ClientCredentials } from "../../.gen/providers/auth0/client-credentials";
import { ConnectionClient as Auth0ConnectionClient } from "../../.gen/providers/auth0/connection-client";
import { DataAuth0Connection } from "../../.gen/providers/auth0/data-auth0-connection";
import { auth0Client } from "./auth0-client-rules";

export interface Auth0SingleSignOnProps {
  readonly environmentName: string;
  /** Public URL of OpenMetadata, no trailing slash; callbacks, logout URL and origins derive from it. */
  readonly openmetadataUrl: string;
  readonly auth0: Auth0Settings;
  /** @default false */
  readonly preventDestroy?: boolean;
}

/**
 * The grants OpenMetadata's Auth0 path uses. The UI wraps the app in auth0-react's Auth0Provider with
 * `useRefreshTokens` (openmetadata-ui .../components/Auth/AuthProviders/AuthProvider.tsx, Auth0 case)
 * and signs in with `loginWithRedirect` then renews with `getAccessTokenSilently`
 * (.../AppAuthenticators/Auth0Authenticator.tsx): an authorization code with PKCE, then refresh
 * tokens. The confidential flow is a server-side authorization code. Nothing uses implicit, which
 * Auth0 would otherwise enable for a SPA.
 */
export const AUTH0_GRANT_TYPES = ["authorization_code", "refresh_token"] as const;

/** Auth0's own defaults for rotating refresh tokens, made explicit so a tenant default cannot change them. */
export const AUTH0_REFRESH_TOKEN = {
  /** 30 days absolute. */
  tokenLifetimeSeconds: 2_592_000,
  /** 15 days unused. */
  idleTokenLifetimeSeconds: 1_296_000,
} as const;

/**
 * The Auth0 side of OpenMetadata's "Auth0 SSO" guide: one application (SPA or Regular Web), its
 * token endpoint authentication, and the named connections it may sign users in with.
 */
export class Auth0SingleSignOn extends Construct {
  readonly client: Auth0Client;
  readonly credentials: Auth0ClientCredentials;
  readonly connectionClients: readonly Auth0ConnectionClient[];
  /** What OpenMetadata (or Collate) is configured with. */
  readonly binding: SsoBinding;

  constructor(scope: Construct, id: string, props: Auth0SingleSignOnProps) {
    super(scope, id);
    const { auth0 } = props;
    const url = props.openmetadataUrl;
    const origin = new URL(url).origin;
    const lifecycle = props.preventDestroy ? { preventDestroy: true } : undefined;
    const spa = auth0.flow === "spa";
    const client = AUTH0.clients[auth0.flow];

    this.client = auth0Client(this, "client", {
      name: auth0.appName,
      // Short and URL-free: descriptions are capped at 140 characters (auth0Client checks it).
      description: `OpenMetadata single sign-on (${props.environmentName})`,
      appType: client.applicationType,
      // /callback for sign-in, /silent-callback for the UI's silent renewal; stable order (a list).
      callbacks: redirectUris(url),
      allowedLogoutUrls: [url],
      // The browser talks to Auth0 directly only in the SPA flow; the Web flow is server to server.
      ...(spa ? { webOrigins: [origin], allowedOrigins: [origin] } : {}),
      grantTypes: [...AUTH0_GRANT_TYPES],
      // Strict OIDC: no legacy, non-standard flows or claims.
      oidcConformant: true,
      // Users of the tenant are not asked to consent to the organisation's own app.
      isFirstParty: true,
      // OpenMetadata checks tokens against the tenant's published RSA keys; HS256 would sign with the client secret.
      jwtConfiguration: { alg: "RS256" },
      // "Refresh Token Rotation": a leaked token is detected on reuse, and Auth0 returns refresh tokens to browsers only when rotating.
      refreshToken: {
        rotationType: "rotating",
        expirationType: "expiring",
        // Auth0's default: any reuse of a rotated token revokes the family.
        leeway: 0,
        tokenLifetime: AUTH0_REFRESH_TOKEN.tokenLifetimeSeconds,
        idleTokenLifetime: AUTH0_REFRESH_TOKEN.idleTokenLifetimeSeconds,
        infiniteTokenLifetime: false,
        infiniteIdleTokenLifetime: false,
      },
      ...(lifecycle ? { lifecycle } : {}),
    });

    this.credentials = new Auth0ClientCredentials(this, "client-credentials", {
      clientId: this.client.clientId,
      // A SPA cannot keep a secret; the Web client posts its secret like OpenMetadata's clientAuthenticationMethod.
      authenticationMethod: client.tokenEndpointAuthMethod,
      // The provider stores "" when its own app may not read client secrets (client_credentials.md@v1.55.0);
      // OpenMetadata's Secret would then hold an empty secret and every Web login would fail.
      ...(spa && !lifecycle
        ? {}
        : { lifecycle: { ...lifecycle, ...(spa ? {} : { postcondition: [emptySecretCheck(props.environmentName)] }) } }),
    });

    this.connectionClients = connectionIds(auth0.connections).map(([name, suffix]) => {
      // Looked up by exact name; the plan fails with `No connection found with "name" = ...` otherwise
      // (internal/auth0/connection/data_source.go@v1.55.0:99,122). skip_enabled_clients: its other clients are
      // never read, and fetching them costs extra paginated Management API calls (data-sources/connection.md).
      const connection = new DataAuth0Connection(this, `connection-${suffix}`, { name, skipEnabledClients: true });
      // auth0_connection_client appends this client and leaves the connection's others alone; the authoritative
      // auth0_connection_clients would take every other application off it (connection_client.md@v1.55.0).
      // Destroying an enablement locks that connection's users out, so it is protected like the client.
      return new Auth0ConnectionClient(this, `connection-client-${suffix}`, {
        connectionId: connection.id,
        clientId: this.client.clientId,
        ...(lifecycle ? { lifecycle } : {}),
      });
    });

    const authority = auth0Authority(auth0.domain);
    this.binding = {
      provider: AUTH0.name,
      clientType: client.clientType,
      // No trailing slash, although tokens' iss has one: the UI passes the authority to auth0-spa-js as
      // its domain, which appends "/" itself, and the server appends "/.well-known/jwks.json" to it.
      authority,
      clientId: this.client.clientId,
      ...(spa
        ? {}
        : { clientSecret: this.credentials.clientSecret, clientAuthenticationMethod: AUTH0.clients.web.tokenEndpointAuthMethod }),
      // The tenant's signing keys; OpenMetadata's validator requires exactly this URL in publicKeys.
      jwksUri: jwksUriFor(AUTH0, authority),
      discoveryUri: discoveryUriFor(authority),
    };
  }
}

function emptySecretCheck(environmentName: string) {
  return {
    condition: '${self.client_secret != ""}',
    errorMessage:
      `Auth0 returned no client secret for the OpenMetadata Web application of environment "` +
      `${environmentName}": grant the Terraform provider's machine-to-machine app the read:client_keys ` +
      `(or read:client_credentials) scope of the Management API (help/auth0-requirements.md).`,
  };
}

/**
 * Construct ids (and so Terraform addresses) from connection names, so reordering the list changes
 * nothing. Two names that would share one are refused (auth0-invariants.ts).
 */
function connectionIds(names: readonly string[]): [name: string, suffix: string][] {
  const clash = connectionIdClash(names);
  if (clash) throw new Error(connectionIdClashMessage(clash));
  return names.map((name) => [name, connectionIdSuffix(name)]);
}
