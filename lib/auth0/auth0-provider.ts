import { TerraformProvider } from "cdktf";
import type { Construct } from "constructs";

/**
 * The auth0/auth0 version every Auth0 stack runs with: the newest 1.x tag when this was written.
 * Every attribute the constructs in this folder write was checked against the provider's docs at
 * this tag (docs/resources/*.md, docs/data-sources/connection.md, docs/index.md @v1.55.0).
 */
export const AUTH0_PROVIDER_VERSION = "1.55.0";

/** Shared by the resources here: cdktf records it as the generator metadata of each element. */
export const AUTH0_GENERATOR_METADATA = { providerName: "auth0", providerVersion: AUTH0_PROVIDER_VERSION } as const;

export interface Auth0ProviderConfig {
  /**
   * The tenant's domain, bare host. Credentials are deliberately not a field: the provider reads
   * AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET or AUTH0_API_TOKEN from the environment
   * (internal/provider/provider.go@v1.55.0, EnvDefaultFunc), so none reaches cdktf.out.
   */
  readonly domain: string;
}

/**
 * The auth0/auth0 provider, written over cdktf's TerraformProvider: there are no prebuilt cdktf
 * bindings for it, and `cdktf get` needs the provider binary. Generated bindings can replace this
 * class (and its siblings in lib/auth0/) without changing any Terraform address.
 */
export class Auth0Provider extends TerraformProvider {
  readonly domain: string;

  constructor(scope: Construct, id: string, config: Auth0ProviderConfig) {
    super(scope, id, {
      terraformResourceType: "auth0",
      terraformGeneratorMetadata: AUTH0_GENERATOR_METADATA,
      terraformProviderSource: "auth0/auth0",
    });
    this.domain = config.domain;
  }

  /** `cdktf synth --hcl` would need typed HCL attributes these thin classes do not model: fail loudly rather than write an empty block. */
  protected override synthesizeHclAttributes(): Record<string, unknown> {
    throw new Error(`${this.node.path}: the hand-written Auth0 classes in lib/auth0/ synthesize JSON only; run cdktf synth without --hcl`);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    // docs/index.md@v1.55.0: `domain` (String), else AUTH0_DOMAIN. Nothing else is written here.
    return { domain: this.domain };
  }
}
