import { TerraformResource, type TerraformResourceLifecycle } from "cdktf";
import type { Construct } from "constructs";
import { AUTH0_GENERATOR_METADATA } from "./auth0-provider";

/** `auth0_connection_client` (docs/resources/connection_client.md@v1.55.0). */
export interface Auth0ConnectionClientConfig {
  readonly connectionId: string;
  readonly clientId: string;
  /** @default none */
  readonly lifecycle?: TerraformResourceLifecycle;
}

/**
 * Enables one client on one connection, leaving the connection's other clients alone: the resource
 * "appends an enabled client", while `auth0_connection_clients` manages all of them and would take
 * every other application off the connection. The docs warn against mixing the two for one
 * connection, so this project never uses `auth0_connection_clients`. Import id `con_X::clientId`.
 */
export class Auth0ConnectionClient extends TerraformResource {
  static readonly tfResourceType = "auth0_connection_client";
  private readonly config: Auth0ConnectionClientConfig;

  constructor(scope: Construct, id: string, config: Auth0ConnectionClientConfig) {
    super(scope, id, {
      terraformResourceType: Auth0ConnectionClient.tfResourceType,
      terraformGeneratorMetadata: AUTH0_GENERATOR_METADATA,
      ...(config.lifecycle ? { lifecycle: config.lifecycle } : {}),
    });
    this.config = config;
  }

  /** `cdktf synth --hcl` would need typed HCL attributes these thin classes do not model: fail loudly rather than write an empty block. */
  protected override synthesizeHclAttributes(): Record<string, unknown> {
    throw new Error(`${this.node.path}: the hand-written Auth0 classes in lib/auth0/ synthesize JSON only; run cdktf synth without --hcl`);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { connection_id: this.config.connectionId, client_id: this.config.clientId };
  }
}
