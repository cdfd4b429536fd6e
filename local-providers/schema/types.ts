/**
 * How a local provider describes the schema the real provider serves at its pinned tag.
 *
 * The shape follows Terraform's plugin protocol (tfplugin6 `Schema.Block`), so the server can send it
 * as it is, plus what the protocol does not carry but plans depend on: the real provider's defaults
 * and which attributes force a new resource. Each type records where its schema was read
 * (`source`: repository, tag, file:line), so a reviewer can check it against the real provider.
 */

/** A cty type as Terraform writes it in JSON: "string", ["list","string"], ["object",{...}]. */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list", CtyType]
  | readonly ["set", CtyType]
  | readonly ["map", CtyType]
  | readonly ["object", { readonly [name: string]: CtyType }];

export interface AttributeSchema {
  /** The attribute's type; absent when `nestedType` describes it. */
  readonly type?: CtyType;
  /**
   * A plugin-framework nested attribute (SingleNestedAttribute, ListNestedAttribute, ...): its own
   * attributes keep their required/optional/computed flags, which a plain object type cannot say.
   */
  readonly nestedType?: NestedAttributeType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  /** The attribute has ForceNew (SDKv2) or a RequiresReplace plan modifier (framework). */
  readonly forceNew?: boolean;
  /**
   * The value the real provider plans when the configuration leaves the attribute null
   * (SDKv2 `Default`, framework `Default`). Absent when there is none.
   */
  readonly default?: unknown;
  /**
   * A write-only attribute (SDKv2 and framework `WriteOnly`, Terraform >= 1.11): configuration hands
   * it to the provider, and Terraform keeps it in neither plan nor state.
   */
  readonly writeOnly?: boolean;
}

export interface NestedAttributeType {
  readonly nesting: "single" | "list" | "set" | "map";
  readonly attributes: { readonly [name: string]: AttributeSchema };
}

export type NestingMode = "single" | "list" | "set" | "map" | "group";

export interface NestedBlockSchema {
  readonly nesting: NestingMode;
  readonly block: BlockSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly forceNew?: boolean;
}

export interface BlockSchema {
  readonly attributes: { readonly [name: string]: AttributeSchema };
  readonly blocks?: { readonly [name: string]: NestedBlockSchema };
  readonly deprecated?: boolean;
}

export interface TypeSchema {
  /** Where the schema was read: "okta/terraform-provider-okta@v6.12.0 okta/services/idaas/resource_okta_app_oauth.go:123". */
  readonly source: string;
  /** The schema version the real provider declares (SchemaVersion), 0 when none. */
  readonly version: number;
  readonly block: BlockSchema;
  /**
   * Overrides the provider's `legacyTypeSystem` for this type, for providers that mux SDKv2 and
   * plugin-framework types (okta 6.x serves both).
   */
  readonly legacyTypeSystem?: boolean;
}

export interface ProviderSchemas {
  /** Registry address and version: "registry.terraform.io/okta/okta", "6.12.0". */
  readonly address: string;
  readonly version: string;
  /**
   * True for providers built on terraform-plugin-sdk/v2: Terraform then tolerates the small plan
   * inconsistencies that SDK allows (legacy_type_system), as it does for the real provider.
   */
  readonly legacyTypeSystem: boolean;
  readonly provider: TypeSchema;
  readonly resources: { readonly [typeName: string]: TypeSchema };
  readonly dataSources: { readonly [typeName: string]: TypeSchema };
}
