/**
 * The terraform-plugin-sdk/v2 schema of auth0_connection, transliterated from
 * auth0/terraform-provider-auth0@v1.55.0 internal/auth0/connection/schema.go:13; each attribute cites its line.
 * Only what reaches Terraform's protocol schema or its plans is kept (Type, Required/Optional/Computed,
 * Sensitive, WriteOnly, ForceNew, Deprecated, Default, MinItems/MaxItems, Elem); descriptions and
 * validators are left out (the validators this provider enforces are in the behaviour files).
 */
import type { SdkSchemaMap } from "../sdkv2";

export const CONNECTION_RESOURCE_SCHEMA: SdkSchemaMap = {
  name: { type: "string", required: true, forceNew: true }, // schema.go:14
  display_name: { type: "string", optional: true, computed: true }, // schema.go:21
  is_domain_connection: { type: "bool", optional: true, computed: true }, // schema.go:27
  strategy: { type: "string", required: true, forceNew: true }, // schema.go:33
  metadata: { type: "map", optional: true, elem: { schema: { type: "string" } } }, // schema.go:55
  realms: { type: "list", optional: true, computed: true, elem: { schema: { type: "string" } } }, // schema.go:65
  show_as_button: { type: "bool", optional: true }, // schema.go:75
  // schema.go:80, schema at internal/auth0/connection/schema.go:87
  options: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        // schema.go:95
        custom_password_hash: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              action_id: { type: "string", required: true }, // schema.go:102
            },
          },
        },
        // schema.go:111
        validation: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              // schema.go:117
              username: {
                type: "list",
                optional: true,
                maxItems: 1,
                elem: {
                  resource: {
                    min: { type: "int", optional: true }, // schema.go:124
                    max: { type: "int", optional: true }, // schema.go:129
                  },
                },
              },
            },
          },
        },
        password_policy: { type: "string", optional: true, computed: true }, // schema.go:141
        // schema.go:153
        password_history: {
          type: "list",
          optional: true,
          computed: true,
          elem: {
            resource: {
              enable: { type: "bool", optional: true }, // schema.go:159
              size: { type: "int", optional: true }, // schema.go:163
            },
          },
        },
        // schema.go:172
        password_no_personal_info: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              enable: { type: "bool", optional: true }, // schema.go:179
            },
          },
        },
        // schema.go:191
        password_dictionary: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              enable: { type: "bool", optional: true }, // schema.go:198
              dictionary: { type: "set", optional: true, elem: { schema: { type: "string" } } }, // schema.go:204
            },
          },
        },
        // schema.go:219
        password_complexity_options: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              min_length: { type: "int", optional: true }, // schema.go:226
            },
          },
        },
        enable_script_context: { type: "bool", optional: true }, // schema.go:236
        enabled_database_customization: { type: "bool", optional: true }, // schema.go:242
        brute_force_protection: { type: "bool", optional: true, computed: true }, // schema.go:247
        import_mode: { type: "bool", optional: true }, // schema.go:254
        disable_signup: { type: "bool", optional: true }, // schema.go:260
        disable_self_service_change_password: { type: "bool", optional: true }, // schema.go:265
        requires_username: { type: "bool", optional: true }, // schema.go:270
        custom_scripts: { type: "map", optional: true, elem: { schema: { type: "string" } } }, // schema.go:276
        // schema.go:282
        authentication_methods: {
          type: "list",
          optional: true,
          computed: true,
          elem: {
            resource: {
              // schema.go:289
              passkey: {
                type: "list",
                optional: true,
                computed: true,
                maxItems: 1,
                elem: {
                  resource: {
                    enabled: { type: "bool", optional: true, computed: true }, // schema.go:294
                  },
                },
              },
              // schema.go:306
              password: {
                type: "list",
                optional: true,
                computed: true,
                maxItems: 1,
                elem: {
                  resource: {
                    enabled: { type: "bool", optional: true, computed: true }, // schema.go:311
                    api_behavior: { type: "string", optional: true, default: "required" }, // schema.go:317
                    signup_behavior: { type: "string", optional: true, default: "allow" }, // schema.go:324
                  },
                },
              },
              // schema.go:337
              email_otp: {
                type: "list",
                optional: true,
                computed: true,
                maxItems: 1,
                elem: {
                  resource: {
                    enabled: { type: "bool", optional: true, computed: true }, // schema.go:342
                  },
                },
              },
              // schema.go:354
              phone_otp: {
                type: "list",
                optional: true,
                computed: true,
                maxItems: 1,
                elem: {
                  resource: {
                    enabled: { type: "bool", optional: true, computed: true }, // schema.go:359
                  },
                },
              },
            },
          },
        },
        // schema.go:374
        passkey_options: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              challenge_ui: { type: "string", optional: true, computed: true }, // schema.go:382
              local_enrollment_enabled: { type: "bool", optional: true, computed: true }, // schema.go:393
              progressive_enrollment_enabled: { type: "bool", optional: true, computed: true }, // schema.go:399
            },
          },
        },
        scripts: { type: "map", optional: true, elem: { schema: { type: "string" } } }, // schema.go:408
        configuration: { type: "map", optional: true, sensitive: true, elem: "string" }, // schema.go:414
        client_id: { type: "string", optional: true }, // schema.go:422
        client_secret: { type: "string", optional: true, sensitive: true }, // schema.go:427
        // schema.go:433
        custom_headers: {
          type: "set",
          optional: true,
          elem: {
            resource: {
              header: { type: "string", required: true }, // schema.go:437
              value: { type: "string", required: true }, // schema.go:441
            },
          },
        },
        allowed_audiences: { type: "set", optional: true, computed: true, elem: { schema: { type: "string" } } }, // schema.go:450
        api_enable_users: { type: "bool", optional: true }, // schema.go:457
        api_enable_groups: { type: "bool", optional: true }, // schema.go:462
        app_id: { type: "string", optional: true }, // schema.go:467
        domain: { type: "string", optional: true }, // schema.go:472
        domain_aliases: { type: "set", optional: true, computed: true, elem: { schema: { type: "string" } } }, // schema.go:477
        max_groups_to_retrieve: { type: "string", optional: true }, // schema.go:485
        tenant_domain: { type: "string", optional: true }, // schema.go:490
        use_wsfed: { type: "bool", optional: true }, // schema.go:495
        waad_protocol: { type: "string", optional: true }, // schema.go:500
        waad_common_endpoint: { type: "bool", optional: true }, // schema.go:505
        icon_url: { type: "string", optional: true }, // schema.go:511
        ping_federate_base_url: { type: "string", optional: true }, // schema.go:516
        identity_api: { type: "string", optional: true }, // schema.go:522
        ips: { type: "set", optional: true, computed: true, elem: { schema: { type: "string" } } }, // schema.go:532
        use_cert_auth: { type: "bool", optional: true }, // schema.go:539
        use_kerberos: { type: "bool", optional: true }, // schema.go:544
        disable_cache: { type: "bool", optional: true }, // schema.go:549
        name: { type: "string", optional: true }, // schema.go:554
        twilio_sid: { type: "string", optional: true }, // schema.go:560
        twilio_token: { type: "string", optional: true, sensitive: true }, // schema.go:565
        from: { type: "string", optional: true }, // schema.go:572
        syntax: { type: "string", optional: true }, // schema.go:577
        subject: { type: "string", optional: true }, // schema.go:582
        template: { type: "string", optional: true }, // schema.go:587
        // schema.go:592
        totp: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              time_step: { type: "int", optional: true }, // schema.go:598
              length: { type: "int", optional: true }, // schema.go:603
            },
          },
        },
        messaging_service_sid: { type: "string", optional: true }, // schema.go:612
        // schema.go:617
        mfa: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              active: { type: "bool", optional: true }, // schema.go:625
              return_enroll_settings: { type: "bool", optional: true }, // schema.go:631
            },
          },
        },
        provider: { type: "string", optional: true }, // schema.go:640
        gateway_url: { type: "string", optional: true }, // schema.go:648
        // schema.go:653
        gateway_authentication: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              method: { type: "string", optional: true }, // schema.go:660
              subject: { type: "string", optional: true }, // schema.go:665
              audience: { type: "string", optional: true }, // schema.go:670
              secret: { type: "string", optional: true, sensitive: true }, // schema.go:675
              secret_base64_encoded: { type: "bool", optional: true }, // schema.go:681
            },
          },
        },
        forward_request_info: { type: "bool", optional: true }, // schema.go:689
        set_user_root_attributes: { type: "string", optional: true, computed: true }, // schema.go:694
        non_persistent_attrs: { type: "set", optional: true, computed: true, elem: { schema: { type: "string" } } }, // schema.go:703
        should_trust_email_verified_connection: { type: "string", optional: true }, // schema.go:711
        team_id: { type: "string", optional: true }, // schema.go:719
        key_id: { type: "string", optional: true }, // schema.go:724
        adfs_server: { type: "string", optional: true }, // schema.go:729
        fed_metadata_xml: { type: "string", optional: true }, // schema.go:734
        community_base_url: { type: "string", optional: true }, // schema.go:739
        strategy_version: { type: "int", optional: true, computed: true }, // schema.go:744
        scopes: { type: "set", optional: true, computed: true, elem: { schema: { type: "string" } } }, // schema.go:750
        use_oauth_spec_scope: { type: "bool", optional: true }, // schema.go:759
        email: { type: "bool", optional: true, computed: true }, // schema.go:764
        type: { type: "string", optional: true, computed: true }, // schema.go:770
        send_back_channel_nonce: { type: "bool", optional: true }, // schema.go:780
        issuer: { type: "string", optional: true, computed: true }, // schema.go:786
        jwks_uri: { type: "string", optional: true, computed: true }, // schema.go:792
        discovery_url: { type: "string", optional: true }, // schema.go:798
        token_endpoint: { type: "string", optional: true, computed: true }, // schema.go:803
        userinfo_endpoint: { type: "string", optional: true, computed: true }, // schema.go:809
        authorization_endpoint: { type: "string", optional: true, computed: true }, // schema.go:815
        debug: { type: "bool", optional: true }, // schema.go:821
        signing_cert: { type: "string", optional: true, computed: true }, // schema.go:826
        // schema.go:833
        signing_key: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              key: { type: "string", required: true }, // schema.go:841
              cert: { type: "string", required: true }, // schema.go:845
            },
          },
        },
        // schema.go:852
        decryption_key: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              key: { type: "string", required: true }, // schema.go:860
              cert: { type: "string", required: true }, // schema.go:864
            },
          },
        },
        protocol_binding: { type: "string", optional: true }, // schema.go:871
        request_template: { type: "string", optional: true }, // schema.go:880
        user_id_attribute: { type: "string", optional: true }, // schema.go:885
        // schema.go:890
        idp_initiated: {
          type: "list",
          optional: true,
          maxItems: 1,
          elem: {
            resource: {
              enabled: { type: "bool", optional: true, default: false }, // schema.go:898
              client_id: { type: "string", optional: true }, // schema.go:903
              client_protocol: { type: "string", optional: true }, // schema.go:907
              client_authorize_query: { type: "string", optional: true }, // schema.go:911
            },
          },
        },
        sign_in_endpoint: { type: "string", optional: true, computed: true }, // schema.go:918
        sign_out_endpoint: { type: "string", optional: true, computed: true }, // schema.go:924
        disable_sign_out: { type: "bool", optional: true }, // schema.go:930
        metadata_xml: { type: "string", optional: true }, // schema.go:935
        metadata_url: { type: "string", optional: true }, // schema.go:941
        fields_map: { type: "string", optional: true }, // schema.go:947
        sign_saml_request: { type: "bool", optional: true }, // schema.go:954
        signature_algorithm: { type: "string", optional: true }, // schema.go:959
        digest_algorithm: { type: "string", optional: true }, // schema.go:964
        entity_id: { type: "string", optional: true }, // schema.go:969
        pkce_enabled: { type: "bool", optional: true }, // schema.go:974
        upstream_params: { type: "string", optional: true }, // schema.go:979
        oidc_metadata: { type: "string", optional: true, computed: true }, // schema.go:986
        global_token_revocation_jwt_iss: { type: "string", optional: true }, // schema.go:994
        global_token_revocation_jwt_sub: { type: "string", optional: true }, // schema.go:999
        destination_url: { type: "string", optional: true }, // schema.go:1004
        recipient_url: { type: "string", optional: true }, // schema.go:1009
        auth_params: { type: "map", optional: true, elem: { schema: { type: "string" } } }, // schema.go:1014
        // schema.go:1023
        connection_settings: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              pkce: { type: "string", required: true }, // schema.go:1031
            },
          },
        },
        // schema.go:1042
        federated_connections_access_tokens: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              active: { type: "bool", optional: true, computed: true }, // schema.go:1050
            },
          },
        },
        // schema.go:1059
        attribute_map: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              mapping_mode: { type: "string", required: true }, // schema.go:1069
              userinfo_scope: { type: "string", optional: true }, // schema.go:1075
              attributes: { type: "string", optional: true }, // schema.go:1080
            },
          },
        },
        map_user_id_to_id: { type: "bool", optional: true, computed: true }, // schema.go:1091
        precedence: { type: "list", optional: true, maxItems: 3, elem: { schema: { type: "string" } } }, // schema.go:1099
        // schema.go:1116
        attributes: {
          type: "list",
          optional: true,
          elem: {
            resource: {
              // schema.go:1125
              email: {
                type: "list",
                optional: true,
                elem: {
                  resource: {
                    // schema.go:1132
                    identifier: {
                      type: "list",
                      optional: true,
                      computed: true,
                      elem: {
                        resource: {
                          active: { type: "bool", optional: true, computed: true }, // schema.go:1139
                          default_method: { type: "string", optional: true }, // schema.go:1145
                        },
                      },
                    },
                    profile_required: { type: "bool", optional: true, computed: true }, // schema.go:1158
                    verification_method: { type: "string", optional: true, computed: true }, // schema.go:1164
                    // schema.go:1170
                    signup: {
                      type: "list",
                      optional: true,
                      computed: true,
                      elem: {
                        resource: {
                          status: { type: "string", optional: true, computed: true }, // schema.go:1177
                          // schema.go:1183
                          verification: {
                            type: "list",
                            optional: true,
                            computed: true,
                            elem: {
                              resource: {
                                active: { type: "bool", optional: true, computed: true }, // schema.go:1190
                              },
                            },
                          },
                        },
                      },
                    },
                    unique: { type: "bool", optional: true, computed: true }, // schema.go:1202
                  },
                },
              },
              // schema.go:1216
              username: {
                type: "list",
                optional: true,
                elem: {
                  resource: {
                    // schema.go:1223
                    identifier: {
                      type: "list",
                      optional: true,
                      computed: true,
                      elem: {
                        resource: {
                          active: { type: "bool", optional: true, computed: true }, // schema.go:1230
                          default_method: { type: "string", optional: true }, // schema.go:1236
                        },
                      },
                    },
                    profile_required: { type: "bool", optional: true, computed: true }, // schema.go:1248
                    // schema.go:1254
                    signup: {
                      type: "list",
                      optional: true,
                      computed: true,
                      elem: {
                        resource: {
                          status: { type: "string", optional: true, computed: true }, // schema.go:1261
                        },
                      },
                    },
                    // schema.go:1270
                    validation: {
                      type: "list",
                      optional: true,
                      computed: true,
                      elem: {
                        resource: {
                          min_length: { type: "int", optional: true, computed: true }, // schema.go:1277
                          max_length: { type: "int", optional: true, computed: true }, // schema.go:1283
                          // schema.go:1289
                          allowed_types: {
                            type: "list",
                            optional: true,
                            computed: true,
                            elem: {
                              resource: {
                                email: { type: "bool", optional: true, computed: true }, // schema.go:1296
                                phone_number: { type: "bool", optional: true, computed: true }, // schema.go:1302
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
              // schema.go:1317
              phone_number: {
                type: "list",
                optional: true,
                elem: {
                  resource: {
                    // schema.go:1324
                    identifier: {
                      type: "list",
                      optional: true,
                      computed: true,
                      elem: {
                        resource: {
                          active: { type: "bool", optional: true, computed: true }, // schema.go:1331
                          default_method: { type: "string", optional: true, computed: true }, // schema.go:1337
                        },
                      },
                    },
                    profile_required: { type: "bool", optional: true, computed: true }, // schema.go:1350
                    // schema.go:1356
                    signup: {
                      type: "list",
                      optional: true,
                      computed: true,
                      elem: {
                        resource: {
                          status: { type: "string", optional: true, computed: true }, // schema.go:1363
                          // schema.go:1369
                          verification: {
                            type: "list",
                            optional: true,
                            computed: true,
                            elem: {
                              resource: {
                                active: { type: "bool", optional: true, computed: true }, // schema.go:1376
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        realm_fallback: { type: "bool", optional: true }, // schema.go:1394
        token_endpoint_auth_method: { type: "string", optional: true }, // schema.go:1399
        token_endpoint_auth_signing_alg: { type: "string", optional: true }, // schema.go:1404
        id_token_signed_response_algs: { type: "list", optional: true, elem: { schema: { type: "string" } } }, // schema.go:1414
        token_endpoint_jwtca_aud_format: { type: "string", optional: true }, // schema.go:1427
        id_token_session_expiry_supported: { type: "bool", optional: true }, // schema.go:1436
        consumer_key: { type: "string", optional: true }, // schema.go:1444
        consumer_secret: { type: "string", optional: true }, // schema.go:1449
        request_token_url: { type: "string", optional: true }, // schema.go:1454
        access_token_url: { type: "string", optional: true }, // schema.go:1459
        user_authorization_url: { type: "string", optional: true }, // schema.go:1464
        session_key: { type: "string", optional: true }, // schema.go:1469
        signature_method: { type: "string", optional: true }, // schema.go:1474
        dpop_signing_alg: { type: "string", optional: true }, // schema.go:1479
        // schema.go:1485
        password_options: {
          type: "list",
          optional: true,
          computed: true,
          maxItems: 1,
          elem: {
            resource: {
              // schema.go:1495
              complexity: {
                type: "list",
                optional: true,
                computed: true,
                maxItems: 1,
                elem: {
                  resource: {
                    min_length: { type: "int", optional: true, computed: true }, // schema.go:1503
                    character_types: { type: "set", optional: true, computed: true, elem: { schema: { type: "string" } } }, // schema.go:1510
                    character_type_rule: { type: "string", optional: true, computed: true }, // schema.go:1522
                    identical_characters: { type: "string", optional: true, computed: true }, // schema.go:1532
                    sequential_characters: { type: "string", optional: true, computed: true }, // schema.go:1542
                    max_length_exceeded: { type: "string", optional: true, computed: true }, // schema.go:1552
                  },
                },
              },
              // schema.go:1565
              profile_data: {
                type: "list",
                optional: true,
                computed: true,
                maxItems: 1,
                elem: {
                  resource: {
                    active: { type: "bool", optional: true, computed: true }, // schema.go:1573
                    blocked_fields: { type: "set", optional: true, computed: true, elem: { schema: { type: "string" } } }, // schema.go:1579
                  },
                },
              },
              // schema.go:1589
              history: {
                type: "list",
                optional: true,
                computed: true,
                maxItems: 1,
                elem: {
                  resource: {
                    active: { type: "bool", optional: true, computed: true }, // schema.go:1597
                    size: { type: "int", optional: true, computed: true }, // schema.go:1603
                  },
                },
              },
              // schema.go:1613
              dictionary: {
                type: "list",
                optional: true,
                computed: true,
                maxItems: 1,
                elem: {
                  resource: {
                    active: { type: "bool", optional: true, computed: true }, // schema.go:1621
                    default: { type: "string", optional: true, computed: true }, // schema.go:1627
                    custom: { type: "set", optional: true, computed: true, elem: { schema: { type: "string" } } }, // schema.go:1636
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  // schema.go:81, schema at internal/auth0/connection/schema.go:1653
  authentication: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        active: { type: "bool", required: true }, // schema.go:1663
      },
    },
  },
  // schema.go:82, schema at internal/auth0/connection/schema.go:1671
  connected_accounts: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        active: { type: "bool", required: true }, // schema.go:1681
      },
    },
  },
  // schema.go:83, schema at internal/auth0/connection/schema.go:1689
  cross_app_access_requesting_app: {
    type: "list",
    optional: true,
    computed: true,
    maxItems: 1,
    elem: {
      resource: {
        active: { type: "bool", required: true }, // schema.go:1702
      },
    },
  },
  // schema.go:84, schema at internal/auth0/connection/schema.go:1710
  cross_app_access_resource_app: {
    type: "list",
    optional: true,
    maxItems: 1,
    elem: {
      resource: {
        status: { type: "string", required: true }, // schema.go:1717
      },
    },
  },
};
