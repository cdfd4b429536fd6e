/**
 * The terraform-plugin-sdk/v2 schema of auth0_client_credentials, transliterated from
 * auth0/terraform-provider-auth0@v1.55.0 internal/auth0/client/resource_credentials_schema.go:109; each attribute cites its line.
 * Only what reaches Terraform's protocol schema or its plans is kept (Type, Required/Optional/Computed,
 * Sensitive, WriteOnly, ForceNew, Deprecated, Default, MinItems/MaxItems, Elem); descriptions and
 * validators are left out (the validators this provider enforces are in the behaviour files).
 */
import type { SdkSchemaMap } from "../sdkv2";

export const CLIENT_CREDENTIALS_SCHEMA_SOURCE = "internal/auth0/client/resource_credentials_schema.go:109";

export const CLIENT_CREDENTIALS_SCHEMA: SdkSchemaMap = {
  client_id: { type: "string", required: true, forceNew: true }, // resource_credentials_schema.go:110
  authentication_method: { type: "string", optional: true, computed: true }, // resource_credentials_schema.go:116
  client_secret: { type: "string", optional: true, computed: true, sensitive: true }, // resource_credentials_schema.go:137
  client_secret_wo: { type: "string", optional: true, sensitive: true, writeOnly: true }, // resource_credentials_schema.go:154
  client_secret_wo_version: { type: "int", optional: true }, // resource_credentials_schema.go:170
  // resource_credentials_schema.go:178
  private_key_jwt: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        // resource_credentials_schema.go:190
        credentials: {
          type: "set",
          required: true,
          maxItems: 2,
          elem: {
            resource: {
              id: { type: "string", computed: true }, // resource_credentials_schema.go:199
              name: { type: "string", optional: true }, // resource_credentials_schema.go:204
              key_id: { type: "string", computed: true }, // resource_credentials_schema.go:209
              credential_type: { type: "string", required: true }, // resource_credentials_schema.go:214
              pem: { type: "string", required: true }, // resource_credentials_schema.go:220
              algorithm: { type: "string", optional: true, default: "RS256" }, // resource_credentials_schema.go:226
              parse_expiry_from_cert: { type: "bool", optional: true }, // resource_credentials_schema.go:235
              created_at: { type: "string", computed: true }, // resource_credentials_schema.go:243
              updated_at: { type: "string", computed: true }, // resource_credentials_schema.go:248
              expires_at: { type: "string", optional: true, computed: true }, // resource_credentials_schema.go:253
            },
          },
        },
      },
    },
  },
  // resource_credentials_schema.go:268
  tls_client_auth: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        // resource_credentials_schema.go:280
        credentials: {
          type: "list",
          required: true,
          elem: {
            resource: {
              id: { type: "string", computed: true }, // resource_credentials_schema.go:286
              name: { type: "string", optional: true }, // resource_credentials_schema.go:291
              credential_type: { type: "string", required: true, forceNew: true }, // resource_credentials_schema.go:296
              subject_dn: { type: "string", optional: true, computed: true, forceNew: true }, // resource_credentials_schema.go:303
              pem: { type: "string", optional: true, forceNew: true }, // resource_credentials_schema.go:311
              created_at: { type: "string", computed: true }, // resource_credentials_schema.go:319
              updated_at: { type: "string", computed: true }, // resource_credentials_schema.go:324
            },
          },
        },
      },
    },
  },
  // resource_credentials_schema.go:335
  self_signed_tls_client_auth: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        // resource_credentials_schema.go:347
        credentials: {
          type: "list",
          required: true,
          elem: {
            resource: {
              id: { type: "string", computed: true }, // resource_credentials_schema.go:354
              name: { type: "string", optional: true }, // resource_credentials_schema.go:359
              credential_type: { type: "string", optional: true, computed: true, forceNew: true }, // resource_credentials_schema.go:364
              pem: { type: "string", required: true, forceNew: true }, // resource_credentials_schema.go:377
              thumbprint_sha256: { type: "string", computed: true }, // resource_credentials_schema.go:384
              created_at: { type: "string", computed: true }, // resource_credentials_schema.go:389
              updated_at: { type: "string", computed: true }, // resource_credentials_schema.go:394
              expires_at: { type: "string", computed: true }, // resource_credentials_schema.go:399
            },
          },
        },
      },
    },
  },
  // resource_credentials_schema.go:411
  signed_request_object: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        required: { type: "bool", optional: true, computed: true }, // resource_credentials_schema.go:418
        // resource_credentials_schema.go:424
        credentials: {
          type: "list",
          required: true,
          elem: {
            resource: {
              id: { type: "string", computed: true }, // resource_credentials_schema.go:430
              name: { type: "string", optional: true, forceNew: true }, // resource_credentials_schema.go:435
              key_id: { type: "string", computed: true }, // resource_credentials_schema.go:441
              credential_type: { type: "string", required: true, forceNew: true }, // resource_credentials_schema.go:446
              pem: { type: "string", required: true, forceNew: true }, // resource_credentials_schema.go:453
              algorithm: { type: "string", optional: true, forceNew: true, default: "RS256" }, // resource_credentials_schema.go:460
              parse_expiry_from_cert: { type: "bool", optional: true, forceNew: true }, // resource_credentials_schema.go:470
              created_at: { type: "string", computed: true }, // resource_credentials_schema.go:479
              updated_at: { type: "string", computed: true }, // resource_credentials_schema.go:484
              expires_at: { type: "string", optional: true, computed: true }, // resource_credentials_schema.go:489
            },
          },
        },
      },
    },
  },
  // resource_credentials_schema.go:504
  token_vault_privileged_access: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        // resource_credentials_schema.go:513
        credentials: {
          type: "set",
          required: true,
          maxItems: 2,
          elem: {
            resource: {
              id: { type: "string", computed: true }, // resource_credentials_schema.go:522
              name: { type: "string", optional: true }, // resource_credentials_schema.go:527
              key_id: { type: "string", computed: true }, // resource_credentials_schema.go:532
              credential_type: { type: "string", required: true }, // resource_credentials_schema.go:537
              pem: { type: "string", required: true }, // resource_credentials_schema.go:543
              algorithm: { type: "string", optional: true, default: "RS256" }, // resource_credentials_schema.go:549
              parse_expiry_from_cert: { type: "bool", optional: true }, // resource_credentials_schema.go:558
              created_at: { type: "string", computed: true }, // resource_credentials_schema.go:566
              updated_at: { type: "string", computed: true }, // resource_credentials_schema.go:571
              expires_at: { type: "string", optional: true, computed: true }, // resource_credentials_schema.go:576
            },
          },
        },
        ip_allowlist: { type: "set", required: true, maxItems: 10, elem: { schema: { type: "string" } } }, // resource_credentials_schema.go:588
        // resource_credentials_schema.go:600
        grants: {
          type: "set",
          optional: true,
          maxItems: 5,
          elem: {
            resource: {
              connection: { type: "string", required: true }, // resource_credentials_schema.go:617
              scopes: { type: "set", required: true, minItems: 1, elem: { schema: { type: "string" } } }, // resource_credentials_schema.go:624
            },
          },
        },
      },
    },
  },
};
