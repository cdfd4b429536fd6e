/**
 * The terraform-plugin-sdk/v2 schema of the provider block, transliterated from
 * auth0/terraform-provider-auth0@v1.55.0 internal/provider/provider.go:51; each attribute cites its line.
 * Only what reaches Terraform's protocol schema or its plans is kept (Type, Required/Optional/Computed,
 * Sensitive, WriteOnly, ForceNew, Deprecated, Default, MinItems/MaxItems, Elem); descriptions and
 * validators are left out (the validators this provider enforces are in the behaviour files).
 */
import type { SdkSchemaMap } from "../sdkv2";

export const PROVIDER_SCHEMA_SOURCE = "internal/provider/provider.go:51";

export const PROVIDER_SCHEMA: SdkSchemaMap = {
  domain: { type: "string", optional: true }, // provider.go:52
  audience: { type: "string", optional: true }, // provider.go:59
  client_id: { type: "string", optional: true }, // provider.go:66
  client_secret: { type: "string", optional: true }, // provider.go:74
  client_assertion_private_key: { type: "string", optional: true }, // provider.go:83
  client_assertion_signing_alg: { type: "string", optional: true }, // provider.go:92
  api_token: { type: "string", optional: true }, // provider.go:101
  debug: { type: "bool", optional: true }, // provider.go:112
  dynamic_credentials: { type: "bool", optional: true }, // provider.go:124
  cli_login: { type: "bool", optional: true }, // provider.go:137
  custom_domain_header: { type: "string", optional: true }, // provider.go:149
};
