/**
 * The terraform-plugin-sdk/v2 schema of auth0_connection_client, transliterated from
 * auth0/terraform-provider-auth0@v1.55.0 internal/auth0/connection/resource_client.go:20; each attribute cites its line.
 * Only what reaches Terraform's protocol schema or its plans is kept (Type, Required/Optional/Computed,
 * Sensitive, WriteOnly, ForceNew, Deprecated, Default, MinItems/MaxItems, Elem); descriptions and
 * validators are left out (the validators this provider enforces are in the behaviour files).
 */
import type { SdkSchemaMap } from "../sdkv2";

export const CONNECTION_CLIENT_SCHEMA_SOURCE = "internal/auth0/connection/resource_client.go:20";

export const CONNECTION_CLIENT_SCHEMA: SdkSchemaMap = {
  connection_id: { type: "string", required: true, forceNew: true }, // resource_client.go:21
  client_id: { type: "string", required: true, forceNew: true }, // resource_client.go:27
  name: { type: "string", computed: true }, // resource_client.go:33
  strategy: { type: "string", computed: true }, // resource_client.go:38
};
