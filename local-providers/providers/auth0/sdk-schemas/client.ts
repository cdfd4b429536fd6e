/**
 * The terraform-plugin-sdk/v2 schema of auth0_client, transliterated from
 * auth0/terraform-provider-auth0@v1.55.0 internal/auth0/client/resource.go:79; each attribute cites its line.
 * Only what reaches Terraform's protocol schema or its plans is kept (Type, Required/Optional/Computed,
 * Sensitive, WriteOnly, ForceNew, Deprecated, Default, MinItems/MaxItems, Elem); descriptions and
 * validators are left out (the validators this provider enforces are in the behaviour files).
 */
import type { SdkSchemaMap } from "../sdkv2";

export const CLIENT_SCHEMA_SOURCE = "internal/auth0/client/resource.go:79";

export const CLIENT_SCHEMA: SdkSchemaMap = {
  name: { type: "string", required: true }, // resource.go:80
  description: { type: "string", optional: true }, // resource.go:85
  client_id: { type: "string", computed: true }, // resource.go:91
  external_client_id: { type: "string", computed: true }, // resource.go:96
  external_metadata_type: { type: "string", computed: true }, // resource.go:101
  external_metadata_created_by: { type: "string", computed: true }, // resource.go:106
  jwks_uri: { type: "string", computed: true }, // resource.go:112
  client_aliases: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:118
  app_type: { type: "string", optional: true }, // resource.go:126
  logo_uri: { type: "string", optional: true }, // resource.go:136
  is_first_party: { type: "bool", optional: true, computed: true }, // resource.go:142
  third_party_security_mode: { type: "string", optional: true, computed: true }, // resource.go:148
  redirection_policy: { type: "string", optional: true, computed: true }, // resource.go:156
  is_token_endpoint_ip_header_trusted: { type: "bool", optional: true, computed: true }, // resource.go:164
  oidc_conformant: { type: "bool", optional: true, computed: true }, // resource.go:173
  callbacks: { type: "list", optional: true, computed: true, elem: { schema: { type: "string" } } }, // resource.go:179
  allowed_logout_urls: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:188
  oidc_backchannel_logout_urls: { type: "set", optional: true, computed: true, deprecated: true, elem: { schema: { type: "string" } } }, // resource.go:194
  grant_types: { type: "list", optional: true, computed: true, elem: { schema: { type: "string" } } }, // resource.go:205
  async_approval_notification_channels: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:212
  organization_usage: { type: "string", optional: true, computed: true }, // resource.go:225
  organization_require_behavior: { type: "string", optional: true, computed: true }, // resource.go:235
  organization_discovery_methods: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:245
  allowed_origins: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:260
  allowed_clients: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:267
  web_origins: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:274
  // resource.go:280
  jwt_configuration: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        lifetime_in_seconds: { type: "int", optional: true, computed: true }, // resource.go:288
        secret_encoded: { type: "bool", optional: true, computed: true, forceNew: true }, // resource.go:294
        scopes: { type: "map", optional: true, elem: { schema: { type: "string" } } }, // resource.go:301
        alg: { type: "string", optional: true }, // resource.go:307
      },
    },
  },
  encryption_key: { type: "map", optional: true, elem: { schema: { type: "string" } } }, // resource.go:321
  sso: { type: "bool", optional: true }, // resource.go:328
  sso_disabled: { type: "bool", optional: true }, // resource.go:334
  cross_origin_auth: { type: "bool", optional: true }, // resource.go:339
  cross_origin_loc: { type: "string", optional: true }, // resource.go:345
  custom_login_page_on: { type: "bool", optional: true, computed: true }, // resource.go:352
  custom_login_page: { type: "string", optional: true }, // resource.go:358
  form_template: { type: "string", optional: true }, // resource.go:363
  client_metadata: { type: "map", optional: true, elem: "string" }, // resource.go:368
  require_pushed_authorization_requests: { type: "bool", optional: true }, // resource.go:377
  // resource.go:382
  mobile: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        // resource.go:390
        android: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              app_package_name: { type: "string", optional: true }, // resource.go:399
              sha256_cert_fingerprints: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:407
            },
          },
        },
        // resource.go:419
        ios: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              team_id: { type: "string", optional: true }, // resource.go:428
              app_bundle_identifier: { type: "string", optional: true }, // resource.go:436
            },
          },
        },
      },
    },
  },
  initiate_login_uri: { type: "string", optional: true }, // resource.go:450
  // resource.go:459
  native_social_login: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        // resource.go:468
        apple: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              enabled: { type: "bool", optional: true }, // resource.go:475
            },
          },
        },
        // resource.go:482
        facebook: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              enabled: { type: "bool", optional: true }, // resource.go:489
            },
          },
        },
        // resource.go:496
        google: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              enabled: { type: "bool", optional: true }, // resource.go:503
            },
          },
        },
      },
    },
  },
  // resource.go:513
  refresh_token: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        rotation_type: { type: "string", required: true }, // resource.go:521
        expiration_type: { type: "string", required: true }, // resource.go:533
        leeway: { type: "int", optional: true, computed: true }, // resource.go:544
        token_lifetime: { type: "int", optional: true, computed: true }, // resource.go:551
        infinite_token_lifetime: { type: "bool", optional: true, computed: true }, // resource.go:557
        infinite_idle_token_lifetime: { type: "bool", optional: true, computed: true }, // resource.go:564
        idle_token_lifetime: { type: "int", optional: true, computed: true }, // resource.go:570
        // resource.go:576
        policies: {
          type: "set",
          optional: true,
          elem: {
            resource: {
              audience: { type: "string", required: true }, // resource.go:583
              scope: { type: "list", required: true, elem: { schema: { type: "string" } } }, // resource.go:589
            },
          },
        },
      },
    },
  },
  signing_keys: { type: "list", computed: true, sensitive: true, elem: { schema: { type: "map" } } }, // resource.go:603
  // resource.go:611
  addons: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        // resource.go:618
        aws: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              principal: { type: "string", optional: true }, // resource.go:625
              role: { type: "string", optional: true }, // resource.go:630
              lifetime_in_seconds: { type: "int", optional: true }, // resource.go:635
            },
          },
        },
        // resource.go:644
        azure_blob: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              account_name: { type: "string", optional: true }, // resource.go:651
              storage_access_key: { type: "string", optional: true, sensitive: true }, // resource.go:658
              container_name: { type: "string", optional: true }, // resource.go:664
              blob_name: { type: "string", optional: true }, // resource.go:669
              expiration: { type: "int", optional: true }, // resource.go:675
              signed_identifier: { type: "string", optional: true }, // resource.go:681
              blob_read: { type: "bool", optional: true }, // resource.go:686
              blob_write: { type: "bool", optional: true }, // resource.go:693
              blob_delete: { type: "bool", optional: true }, // resource.go:701
              container_read: { type: "bool", optional: true }, // resource.go:706
              container_write: { type: "bool", optional: true }, // resource.go:713
              container_delete: { type: "bool", optional: true }, // resource.go:722
              container_list: { type: "bool", optional: true }, // resource.go:728
            },
          },
        },
        // resource.go:736
        azure_sb: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              namespace: { type: "string", optional: true }, // resource.go:743
              sas_key_name: { type: "string", optional: true }, // resource.go:750
              sas_key: { type: "string", optional: true, sensitive: true }, // resource.go:755
              entity_path: { type: "string", optional: true }, // resource.go:761
              expiration: { type: "int", optional: true }, // resource.go:766
            },
          },
        },
        // resource.go:775
        rms: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              url: { type: "string", optional: true }, // resource.go:782
            },
          },
        },
        // resource.go:792
        mscrm: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              url: { type: "string", optional: true }, // resource.go:799
            },
          },
        },
        // resource.go:808
        slack: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              team: { type: "string", optional: true }, // resource.go:816
            },
          },
        },
        // resource.go:824
        sentry: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              org_slug: { type: "string", optional: true }, // resource.go:831
              base_url: { type: "string", optional: true }, // resource.go:838
            },
          },
        },
        // resource.go:847
        echosign: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              domain: { type: "string", optional: true }, // resource.go:854
            },
          },
        },
        // resource.go:863
        egnyte: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              domain: { type: "string", optional: true }, // resource.go:870
            },
          },
        },
        // resource.go:879
        firebase: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              secret: { type: "string", optional: true, sensitive: true }, // resource.go:886
              private_key_id: { type: "string", optional: true, sensitive: true }, // resource.go:892
              private_key: { type: "string", optional: true, sensitive: true }, // resource.go:899
              client_email: { type: "string", optional: true }, // resource.go:905
              lifetime_in_seconds: { type: "int", optional: true }, // resource.go:911
            },
          },
        },
        // resource.go:920
        newrelic: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              account: { type: "string", optional: true }, // resource.go:927
            },
          },
        },
        // resource.go:936
        office365: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              domain: { type: "string", optional: true }, // resource.go:943
              connection: { type: "string", optional: true }, // resource.go:948
            },
          },
        },
        // resource.go:957
        salesforce: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              entity_id: { type: "string", optional: true }, // resource.go:964
            },
          },
        },
        // resource.go:973
        salesforce_api: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              client_id: { type: "string", optional: true, sensitive: true }, // resource.go:980
              principal: { type: "string", optional: true, sensitive: true }, // resource.go:986
              community_name: { type: "string", optional: true }, // resource.go:993
              community_url_section: { type: "string", optional: true }, // resource.go:998
            },
          },
        },
        // resource.go:1006
        salesforce_sandbox_api: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              client_id: { type: "string", optional: true, sensitive: true }, // resource.go:1013
              principal: { type: "string", optional: true, sensitive: true }, // resource.go:1019
              community_name: { type: "string", optional: true }, // resource.go:1026
              community_url_section: { type: "string", optional: true }, // resource.go:1031
            },
          },
        },
        // resource.go:1039
        layer: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              provider_id: { type: "string", required: true }, // resource.go:1046
              key_id: { type: "string", required: true, sensitive: true }, // resource.go:1051
              private_key: { type: "string", required: true, sensitive: true }, // resource.go:1057
              principal: { type: "string", optional: true }, // resource.go:1063
              expiration: { type: "int", optional: true }, // resource.go:1069
            },
          },
        },
        // resource.go:1079
        sap_api: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              client_id: { type: "string", optional: true }, // resource.go:1086
              username_attribute: { type: "string", optional: true }, // resource.go:1093
              token_endpoint_url: { type: "string", optional: true }, // resource.go:1098
              scope: { type: "string", optional: true }, // resource.go:1104
              service_password: { type: "string", optional: true, sensitive: true }, // resource.go:1109
              name_identifier_format: { type: "string", optional: true }, // resource.go:1115
            },
          },
        },
        // resource.go:1124
        sharepoint: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              url: { type: "string", optional: true }, // resource.go:1131
              external_url: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:1136
            },
          },
        },
        // resource.go:1147
        springcm: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              acs_url: { type: "string", optional: true }, // resource.go:1154
            },
          },
        },
        // resource.go:1162
        wams: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              master_key: { type: "string", optional: true, sensitive: true }, // resource.go:1169
            },
          },
        },
        // resource.go:1178
        zendesk: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              account_name: { type: "string", optional: true }, // resource.go:1185
            },
          },
        },
        // resource.go:1194
        zoom: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              account: { type: "string", optional: true }, // resource.go:1201
            },
          },
        },
        // resource.go:1210
        sso_integration: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              name: { type: "string", optional: true }, // resource.go:1217
              version: { type: "string", optional: true }, // resource.go:1222
            },
          },
        },
        // resource.go:1230
        samlp: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              audience: { type: "string", optional: true }, // resource.go:1237
              recipient: { type: "string", optional: true }, // resource.go:1243
              mappings: { type: "map", optional: true, computed: true, elem: "string" }, // resource.go:1250
              flexible_mappings: { type: "string", optional: true }, // resource.go:1260
              create_upn_claim: { type: "bool", optional: true, computed: true }, // resource.go:1270
              passthrough_claims_with_no_mapping: { type: "bool", optional: true, computed: true }, // resource.go:1276
              map_unknown_claims_as_is: { type: "bool", optional: true }, // resource.go:1284
              map_identities: { type: "bool", optional: true, computed: true }, // resource.go:1291
              signature_algorithm: { type: "string", optional: true }, // resource.go:1299
              digest_algorithm: { type: "string", optional: true }, // resource.go:1305
              destination: { type: "string", optional: true }, // resource.go:1311
              lifetime_in_seconds: { type: "int", optional: true, computed: true }, // resource.go:1318
              sign_response: { type: "bool", optional: true }, // resource.go:1324
              name_identifier_format: { type: "string", optional: true }, // resource.go:1330
              name_identifier_probes: { type: "list", optional: true, computed: true, elem: { schema: { type: "string" } } }, // resource.go:1335
              authn_context_class_ref: { type: "string", optional: true }, // resource.go:1344
              typed_attributes: { type: "bool", optional: true, computed: true }, // resource.go:1349
              include_attribute_name_format: { type: "bool", optional: true, computed: true }, // resource.go:1357
              // resource.go:1365
              logout: {
                type: "list",
                optional: true,
                maxItems: 1,
                elem: {
                  resource: {
                    callback: { type: "string", optional: true }, // resource.go:1372
                    slo_enabled: { type: "bool", optional: true }, // resource.go:1378
                  },
                },
              },
              binding: { type: "string", optional: true }, // resource.go:1386
              signing_cert: { type: "string", optional: true }, // resource.go:1391
              issuer: { type: "string", optional: true }, // resource.go:1398
            },
          },
        },
        // resource.go:1406
        box: { type: "list", optional: true, maxItems: 1, elem: { resource: {} } },
        // resource.go:1413
        cloudbees: { type: "list", optional: true, maxItems: 1, elem: { resource: {} } },
        // resource.go:1420
        concur: { type: "list", optional: true, maxItems: 1, elem: { resource: {} } },
        // resource.go:1427
        dropbox: { type: "list", optional: true, maxItems: 1, elem: { resource: {} } },
        // resource.go:1434
        wsfed: { type: "list", optional: true, maxItems: 1, elem: { resource: {} } },
      },
    },
  },
  // resource.go:1445
  default_organization: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        flows: { type: "list", optional: true, computed: true, elem: { schema: { type: "string" } } }, // resource.go:1453
        organization_id: { type: "string", optional: true, computed: true }, // resource.go:1460
        disable: { type: "bool", optional: true, computed: true }, // resource.go:1466
      },
    },
  },
  // resource.go:1475
  token_exchange: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        allow_any_profile_of_type: { type: "list", required: true, elem: { schema: { type: "string" } } }, // resource.go:1482
      },
    },
  },
  compliance_level: { type: "string", optional: true }, // resource.go:1495
  require_proof_of_possession: { type: "bool", optional: true }, // resource.go:1503
  // resource.go:1508
  oidc_logout: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        backchannel_logout_urls: { type: "set", required: true, elem: { schema: { type: "string" } } }, // resource.go:1515
        // resource.go:1523
        backchannel_logout_initiators: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              mode: { type: "string", required: true }, // resource.go:1530
              selected_initiators: { type: "set", optional: true, elem: { schema: { type: "string" } } }, // resource.go:1536
            },
          },
        },
        // resource.go:1547
        backchannel_logout_session_metadata: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              include: { type: "bool", required: true }, // resource.go:1554
            },
          },
        },
      },
    },
  },
  // resource.go:1565
  session_transfer: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        can_create_session_transfer_token: { type: "bool", optional: true, computed: true }, // resource.go:1571
        allowed_authentication_methods: { type: "set", optional: true, computed: true, elem: { schema: { type: "string" } } }, // resource.go:1577
        enforce_device_binding: { type: "string", optional: true, computed: true }, // resource.go:1587
        allow_refresh_token: { type: "bool", optional: true, computed: true }, // resource.go:1595
        enforce_cascade_revocation: { type: "bool", optional: true, default: true }, // resource.go:1601
        enforce_online_refresh_tokens: { type: "bool", optional: true, default: true }, // resource.go:1607
        // resource.go:1613
        delegation: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              allow_delegated_access: { type: "bool", optional: true, computed: true }, // resource.go:1620
              enforce_device_binding: { type: "string", optional: true, computed: true }, // resource.go:1626
            },
          },
        },
      },
    },
  },
  // resource.go:1639
  fedcm_login: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        // resource.go:1646
        google: {
          type: "list",
          required: true,
          maxItems: 1,
          elem: {
            resource: {
              is_enabled: { type: "bool", required: true }, // resource.go:1653
            },
          },
        },
      },
    },
  },
  // resource.go:1664
  identity_assertion_authorization_grant: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        active: { type: "bool", required: true }, // resource.go:1671
      },
    },
  },
  // resource.go:1679, schema at internal/auth0/commons/token_quota.go:18
  token_quota: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        // token_quota.go:25
        client_credentials: {
          type: "list",
          required: true,
          maxItems: 1,
          elem: {
            resource: {
              enforce: { type: "bool", optional: true, default: true }, // token_quota.go:32
              per_day: { type: "int", optional: true }, // token_quota.go:38
              per_hour: { type: "int", optional: true }, // token_quota.go:44
            },
          },
        },
      },
    },
  },
  skip_non_verifiable_callback_uri_confirmation_prompt: { type: "string", optional: true }, // resource.go:1680
  resource_server_identifier: { type: "string", optional: true }, // resource.go:1689
  // resource.go:1696
  my_organization_configuration: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        connection_profile_id: { type: "string", optional: true }, // resource.go:1704
        user_attribute_profile_id: { type: "string", optional: true }, // resource.go:1709
        allowed_strategies: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // resource.go:1714
        connection_deletion_behavior: { type: "string", optional: true }, // resource.go:1722
        invitation_landing_client_id: { type: "string", optional: true }, // resource.go:1728
      },
    },
  },
  // resource.go:1736
  express_configuration: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        initiate_login_uri_template: { type: "string", optional: true }, // resource.go:1744
        user_attribute_profile_id: { type: "string", optional: true }, // resource.go:1749
        connection_profile_id: { type: "string", optional: true }, // resource.go:1754
        enable_client: { type: "bool", optional: true }, // resource.go:1759
        enable_organization: { type: "bool", optional: true }, // resource.go:1764
        okta_oin_client_id: { type: "string", optional: true, computed: true }, // resource.go:1769
        admin_login_domain: { type: "string", optional: true }, // resource.go:1775
        oin_submission_id: { type: "string", computed: true }, // resource.go:1780
        // resource.go:1785
        linked_clients: {
          type: "list",
          optional: true,
          computed: true,
          elem: {
            resource: {
              client_id: { type: "string", optional: true }, // resource.go:1792
            },
          },
        },
      },
    },
  },
};
