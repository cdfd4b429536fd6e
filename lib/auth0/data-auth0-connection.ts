import { TerraformDataSource } from "cdktf";
import type { Construct } from "constructs";
import { AUTH0_GENERATOR_METADATA } from "./auth0-provider";

/** `data.auth0_connection` looked up by name (docs/data-sources/connection.md@v1.55.0). */
export interface DataAuth0ConnectionConfig {
  /**
   * The connection's exact name. The provider lists connections and keeps only an exact name match,
   * failing the plan with `No connection found with "name" = ...` otherwise
   * (internal/auth0/connection/data_source.go@v1.55.0, lines 99 and 122).
   */
  readonly name: string;
}

export class DataAuth0Connection extends TerraformDataSource {
  static readonly tfResourceType = "auth0_connection";
  private readonly connectionName: string;

  constructor(scope: Construct, id: string, config: DataAuth0ConnectionConfig) {
    super(scope, id, { terraformResourceType: DataAuth0Connection.tfResourceType, terraformGeneratorMetadata: AUTH0_GENERATOR_METADATA });
    this.connectionName = config.name;
  }

  /** The connection's id (`con_...`). */
  get connectionId(): string {
    return this.getStringAttribute("id");
  }

  /** `cdktf synth --hcl` would need typed HCL attributes these thin classes do not model: fail loudly rather than write an empty block. */
  protected override synthesizeHclAttributes(): Record<string, unknown> {
    throw new Error(`${this.node.path}: the hand-written Auth0 classes in lib/auth0/ synthesize JSON only; run cdktf synth without --hcl`);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    // The clients already enabled on the connection are never read here, and fetching them costs
    // extra paginated Management API calls (skip_enabled_clients, connection.md@v1.55.0).
    return { name: this.connectionName, skip_enabled_clients: true };
  }
}
