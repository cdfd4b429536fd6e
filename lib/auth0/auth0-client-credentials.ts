import { TerraformResource, type TerraformResourceLifecycle } from "cdktf";
import type { Construct } from "constructs";
import { AUTH0_GENERATOR_METADATA } from "./auth0-provider";

/** `auth0_client_credentials` (docs/resources/client_credentials.md@v1.55.0): only what this project sets. */
export interface Auth0ClientCredentialsConfig {
  /** The client's id (`auth0_client.client_id`); also the import id. */
  readonly clientId: string;
  /** `none` for a public SPA; `client_secret_post` for a confidential client posting its secret. */
  readonly authenticationMethod: "none" | "client_secret_post" | "client_secret_basic";
  /** @default none */
  readonly lifecycle?: TerraformResourceLifecycle;
}

/**
 * How a client authenticates at the token endpoint, and its secret. The secret stays in Terraform
 * state as the provider's Sensitive `client_secret`; `client_secret_wo` would keep it out of state
 * but then Terraform could not hand it to the Kubernetes Secret.
 */
export class Auth0ClientCredentials extends TerraformResource {
  static readonly tfResourceType = "auth0_client_credentials";
  readonly authenticationMethod: Auth0ClientCredentialsConfig["authenticationMethod"];
  private readonly clientIdValue: string;

  constructor(scope: Construct, id: string, config: Auth0ClientCredentialsConfig) {
    super(scope, id, {
      terraformResourceType: Auth0ClientCredentials.tfResourceType,
      terraformGeneratorMetadata: AUTH0_GENERATOR_METADATA,
      ...(config.lifecycle ? { lifecycle: config.lifecycle } : {}),
    });
    this.clientIdValue = config.clientId;
    this.authenticationMethod = config.authenticationMethod;
  }

  /**
   * A reference to the Sensitive `client_secret`. Empty ("") unless the provider's app holds
   * `read:client_keys` or `read:client_credentials` (client_credentials.md@v1.55.0).
   */
  get clientSecret(): string {
    if (this.authenticationMethod === "none")
      throw new Error(`Auth0ClientCredentials ${this.node.path}: a public client (authentication method none) has no secret`);
    return this.getStringAttribute("client_secret");
  }

  /** `cdktf synth --hcl` would need typed HCL attributes these thin classes do not model: fail loudly rather than write an empty block. */
  protected override synthesizeHclAttributes(): Record<string, unknown> {
    throw new Error(`${this.node.path}: the hand-written Auth0 classes in lib/auth0/ synthesize JSON only; run cdktf synth without --hcl`);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { client_id: this.clientIdValue, authentication_method: this.authenticationMethod };
  }
}
