// oidc-provider ships no types and @types/oidc-provider is not a dependency: the part the local services use.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export interface ProviderContext {
    readonly oidc: {
      readonly route: string;
      readonly params: Readonly<Record<string, unknown>>;
      readonly entities?: {
        readonly Grant?: { getOIDCScope(): string };
        readonly AuthorizationCode?: { readonly accountId?: string; readonly scope?: string };
        readonly RefreshToken?: { readonly accountId?: string; readonly scope?: string };
      };
      readonly client?: ProviderClient;
      readonly session?: { readonly accountId?: string; grantIdFor(clientId: string): string | undefined };
      readonly result?: { readonly consent?: { readonly grantId?: string } };
      readonly provider: {
        readonly Grant: (new (properties: { clientId: string; accountId?: string }) => ProviderGrant) & {
          find(id: string): Promise<ProviderGrant | undefined>;
        };
      };
    };
  }

  export interface ProviderGrant {
    readonly accountId?: string;
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface ProviderClient {
    readonly clientId: string;
    grantTypeAllowed(grantType: string): boolean;
  }

  export interface ProviderAccount {
    readonly accountId: string;
    claims(use: string, scope: string): Record<string, unknown> | Promise<Record<string, unknown>>;
  }

  export interface ResourceServerInfo {
    readonly scope: string;
    readonly audience?: string;
    readonly accessTokenTTL?: number;
    readonly accessTokenFormat?: "opaque" | "jwt";
    readonly jwt?: { readonly sign?: { readonly alg: string } };
  }

  export interface IssuedToken {
    readonly accountId?: string;
    readonly clientId?: string;
    readonly scope?: string;
  }

  type Ttl = number | ((ctx: ProviderContext, token: IssuedToken, client: ProviderClient) => number);

  export interface ProviderConfiguration {
    readonly clients?: readonly Record<string, unknown>[];
    readonly jwks?: { readonly keys: readonly Record<string, unknown>[] };
    readonly cookies?: { readonly keys: readonly string[] };
    readonly routes?: Readonly<Record<string, string>>;
    readonly scopes?: readonly string[];
    readonly claims?: Readonly<Record<string, readonly string[]>>;
    readonly responseTypes?: readonly string[];
    readonly ttl?: Readonly<Record<string, Ttl>>;
    readonly pkce?: { readonly required: (ctx: ProviderContext, client: ProviderClient) => boolean };
    readonly issueRefreshToken?: (ctx: ProviderContext, client: ProviderClient, code: unknown) => boolean | Promise<boolean>;
    readonly conformIdTokenClaims?: boolean;
    readonly rotateRefreshToken?: (ctx: ProviderContext) => boolean | Promise<boolean>;
    readonly loadExistingGrant?: (ctx: ProviderContext) => ProviderGrant | undefined | Promise<ProviderGrant | undefined>;
    readonly features?: {
      readonly devInteractions?: { readonly enabled: boolean };
      readonly clientCredentials?: { readonly enabled: boolean };
      readonly rpInitiatedLogout?: { readonly enabled: boolean };
      readonly resourceIndicators?: {
        readonly enabled: boolean;
        readonly defaultResource?: (ctx: ProviderContext, client: ProviderClient) => string | undefined | Promise<string | undefined>;
        readonly useGrantedResource?: () => boolean | Promise<boolean>;
        readonly getResourceServerInfo?: (
          ctx: ProviderContext,
          resourceIndicator: string,
          client: ProviderClient,
        ) => ResourceServerInfo | Promise<ResourceServerInfo>;
      };
    };
    readonly findAccount?: (ctx: ProviderContext, accountId: string) => ProviderAccount | undefined | Promise<ProviderAccount | undefined>;
    readonly extraTokenClaims?: (
      ctx: ProviderContext,
      token: IssuedToken,
    ) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;
    readonly renderError?: (ctx: { type: string; body: unknown }, out: Record<string, string>, error: Error) => void | Promise<void>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: ProviderConfiguration);
    readonly issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: {
    readonly InvalidTarget: new (description?: string) => Error;
    readonly AccessDenied: new (description?: string) => Error;
    readonly InvalidScope: new (description: string, scope: string) => Error;
  };
}
