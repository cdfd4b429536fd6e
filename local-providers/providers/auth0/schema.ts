/**
 * The schemas auth0/auth0 v1.55.0 serves for the types the Auth0 stacks emit (lib/auth0/): the
 * provider block, auth0_client, auth0_client_credentials, auth0_connection_client and the
 * auth0_connection data source. All are terraform-plugin-sdk/v2 types (sdkv2.ts), so Terraform treats
 * them with the legacy type system, as it does the real provider.
 */
import type { ProviderSchemas, TypeSchema } from "../../schema/types";
import { coreConfigSchema, resourceTypeSchema, transformResourceToDataSource, type SdkSchemaMap } from "./sdkv2";
import { CLIENT_CREDENTIALS_SCHEMA, CLIENT_CREDENTIALS_SCHEMA_SOURCE } from "./sdk-schemas/client-credentials";
import { CLIENT_SCHEMA, CLIENT_SCHEMA_SOURCE } from "./sdk-schemas/client";
import { CONNECTION_CLIENT_SCHEMA, CONNECTION_CLIENT_SCHEMA_SOURCE } from "./sdk-schemas/connection-client";
import { CONNECTION_RESOURCE_SCHEMA } from "./sdk-schemas/connection";
import { PROVIDER_SCHEMA, PROVIDER_SCHEMA_SOURCE } from "./sdk-schemas/provider";

export const AUTH0_REPOSITORY = "auth0/terraform-provider-auth0@v1.55.0";

/**
 * dataSourceSchema (internal/auth0/connection/data_source.go:23): the connection resource made
 * computed-only, then `connection_id` and `name` optional (one of them needed, AtLeastOneOf), plus
 * `skip_enabled_clients` (default false) and the computed `enabled_clients`.
 */
export const CONNECTION_DATA_SOURCE_SCHEMA: SdkSchemaMap = {
  ...transformResourceToDataSource(CONNECTION_RESOURCE_SCHEMA),
  connection_id: { type: "string", optional: true }, // data_source.go:25
  name: { type: "string", optional: true }, // data_source.go:32 (SetExistingAttributesAsOptional)
  skip_enabled_clients: { type: "bool", optional: true, default: false }, // data_source.go:36
  enabled_clients: { type: "set", computed: true, elem: { schema: { type: "string" } } }, // data_source.go:44
};

function resource(map: SdkSchemaMap, file: string, version = 0): TypeSchema {
  return resourceTypeSchema(map, `${AUTH0_REPOSITORY} ${file}`, version);
}

export const schemas: ProviderSchemas = {
  address: "registry.terraform.io/auth0/auth0",
  version: "1.55.0",
  legacyTypeSystem: true,
  provider: {
    // A provider block has no implicit `id` (only resources and data sources get one).
    source: `${AUTH0_REPOSITORY} ${PROVIDER_SCHEMA_SOURCE}`,
    version: 0,
    block: coreConfigSchema(PROVIDER_SCHEMA),
  },
  resources: {
    auth0_client: resource(CLIENT_SCHEMA, CLIENT_SCHEMA_SOURCE),
    // SchemaVersion: 1 (resource_credentials_schema.go:645); the V0 upgrader returns the state as it is (:787).
    auth0_client_credentials: resource(CLIENT_CREDENTIALS_SCHEMA, CLIENT_CREDENTIALS_SCHEMA_SOURCE, 1),
    auth0_connection_client: resource(CONNECTION_CLIENT_SCHEMA, CONNECTION_CLIENT_SCHEMA_SOURCE),
  },
  dataSources: {
    // dataSourceSchema (data_source.go:23) over the connection resource schema (internal/auth0/connection/schema.go:13).
    auth0_connection: resource(CONNECTION_DATA_SOURCE_SCHEMA, "internal/auth0/connection/data_source.go:23"),
  },
};
