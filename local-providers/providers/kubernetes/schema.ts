/**
 * hashicorp/kubernetes 2.38.0 as Terraform sees it: the provider block and the resource types the stacks
 * emit, read from hashicorp/terraform-provider-kubernetes@v2.38.0 (terraform-plugin-sdk/v2 v2.37.0, so
 * every resource has the SDK's `id` and a `timeouts` block with only the timeouts it declares).
 * The server (main.go) muxes this SDKv2 provider with a plugin-framework one that serves only
 * kubernetes_manifest and functions; the mux requires both to declare the same provider schema.
 */
import type { AttributeSchema, BlockSchema, NestedBlockSchema, ProviderSchemas } from "../../schema/types";

const SOURCE = "hashicorp/terraform-provider-kubernetes@v2.38.0";

const optionalString: AttributeSchema = { type: "string", optional: true };
const optionalBool: AttributeSchema = { type: "bool", optional: true };
const stringList: AttributeSchema = { type: ["list", "string"], optional: true };
const stringMap: AttributeSchema = { type: ["map", "string"], optional: true };
const sdkId: AttributeSchema = { type: "string", optional: true, computed: true };

/** kubernetes/schema_metadata.go:12-52 metadataFields, plus :57-66 generate_name (every type here passes generatableName). */
function metadataBlock(namespaced: boolean): NestedBlockSchema {
  const attributes: Record<string, AttributeSchema> = {
    annotations: stringMap,
    generate_name: { type: "string", optional: true, forceNew: true },
    generation: { type: "number", computed: true },
    labels: stringMap,
    name: { type: "string", optional: true, computed: true, forceNew: true },
    resource_version: { type: "string", computed: true },
    uid: { type: "string", computed: true },
  };
  // schema_metadata.go:91-97: namespacedMetadataSchemaIsTemplate adds `namespace`, default "default" (not a template here).
  if (namespaced) attributes["namespace"] = { type: "string", optional: true, forceNew: true, default: "default" };
  // schema_metadata.go:69-77 and 110-118: TypeList, Required, MaxItems 1.
  return { nesting: "list", minItems: 1, maxItems: 1, block: { attributes } };
}

function timeoutsBlock(...names: ("create" | "read" | "update" | "delete")[]): NestedBlockSchema {
  return { nesting: "single", block: { attributes: Object.fromEntries(names.map((name) => [name, optionalString])) } };
}

/** kubernetes/schema_label_selector.go:10-49 labelSelectorFields(true): nothing forces a new resource. */
const labelSelector: BlockSchema = {
  attributes: { match_labels: stringMap },
  blocks: {
    match_expressions: {
      nesting: "list",
      block: { attributes: { key: optionalString, operator: optionalString, values: { type: ["set", "string"], optional: true } } },
    },
  },
};

/** resource_kubernetes_network_policy_v1.go:65-89 (ingress) and 147-171 (egress): port, end_port, protocol default "TCP". */
const policyPorts: NestedBlockSchema = {
  nesting: "list",
  block: {
    attributes: { port: optionalString, end_port: { type: "number", optional: true }, protocol: { ...optionalString, default: "TCP" } },
  },
};

/** resource_kubernetes_network_policy_v1.go:90-137 (from) and 172-219 (to): a peer. */
const policyPeers: NestedBlockSchema = {
  nesting: "list",
  block: {
    attributes: {},
    blocks: {
      ip_block: { nesting: "list", maxItems: 1, block: { attributes: { cidr: optionalString, except: stringList } } },
      namespace_selector: { nesting: "list", maxItems: 1, block: labelSelector },
      pod_selector: { nesting: "list", maxItems: 1, block: labelSelector },
    },
  },
};

/** resource_kubernetes_service_account_v1.go:41-54 (image_pull_secret) and 55-68 (secret): sets of references by name. */
const objectReferences: NestedBlockSchema = { nesting: "set", block: { attributes: { name: optionalString } } };

/** resource_kubernetes_role_v1.go:38-65: each a TypeSet of strings (schema.HashString). */
const stringSet = (required: boolean): AttributeSchema => ({ type: ["set", "string"], ...(required ? { required } : { optional: true }) });

export const schemas: ProviderSchemas = {
  address: "registry.terraform.io/hashicorp/kubernetes",
  version: "2.38.0",
  legacyTypeSystem: true,
  provider: {
    source: `${SOURCE} kubernetes/provider.go:42-216`,
    version: 0,
    block: {
      // Every DefaultFunc there reads an environment variable: not a static default (applied at configure, ./index.ts).
      attributes: {
        host: optionalString,
        username: optionalString,
        password: optionalString,
        insecure: optionalBool,
        tls_server_name: optionalString,
        client_certificate: optionalString,
        client_key: optionalString,
        cluster_ca_certificate: optionalString,
        config_paths: stringList,
        config_path: optionalString,
        config_context: optionalString,
        config_context_auth_info: optionalString,
        config_context_cluster: optionalString,
        token: optionalString,
        proxy_url: optionalString,
        ignore_annotations: stringList,
        ignore_labels: stringList,
      },
      blocks: {
        // provider.go:133-171
        exec: {
          nesting: "list",
          maxItems: 1,
          block: {
            attributes: {
              api_version: { type: "string", required: true },
              command: { type: "string", required: true },
              env: stringMap,
              args: stringList,
            },
          },
        },
        // provider.go:172-197: manifest_resource's default is a DefaultFunc reading TF_X_KUBERNETES_MANIFEST_RESOURCE.
        experiments: {
          nesting: "list",
          maxItems: 1,
          block: { attributes: { manifest_resource: { type: "bool", optional: true, deprecated: true } } },
        },
      },
    },
  },
  resources: {
    kubernetes_namespace_v1: {
      source: `${SOURCE} kubernetes/resource_kubernetes_namespace_v1.go:22-46`,
      version: 0,
      block: {
        attributes: {
          id: sdkId,
          wait_for_default_service_account: { type: "bool", optional: true, default: false },
        },
        blocks: { metadata: metadataBlock(false), timeouts: timeoutsBlock("delete") },
      },
    },
    kubernetes_secret_v1: {
      source: `${SOURCE} kubernetes/resource_kubernetes_secret_v1.go:26-136`,
      version: 0,
      block: {
        attributes: {
          id: sdkId,
          data: { type: ["map", "string"], optional: true, computed: true, sensitive: true },
          data_wo_revision: { type: "number", optional: true },
          data_wo: { type: ["map", "string"], optional: true, writeOnly: true },
          binary_data: { type: ["map", "string"], optional: true, sensitive: true },
          binary_data_wo: { type: ["map", "string"], optional: true, writeOnly: true },
          binary_data_wo_revision: { type: "number", optional: true },
          immutable: optionalBool,
          type: { type: "string", optional: true, forceNew: true, default: "Opaque" },
          wait_for_service_account_token: { type: "bool", optional: true, default: true },
        },
        blocks: { metadata: metadataBlock(true), timeouts: timeoutsBlock("create") },
      },
    },
    kubernetes_config_map_v1: {
      source: `${SOURCE} kubernetes/resource_kubernetes_config_map_v1.go:20-74`,
      version: 0,
      block: {
        attributes: { id: sdkId, binary_data: stringMap, data: stringMap, immutable: optionalBool },
        blocks: { metadata: metadataBlock(true) },
      },
    },
    kubernetes_network_policy_v1: {
      source: `${SOURCE} kubernetes/resource_kubernetes_network_policy_v1.go:39-250`,
      version: 0,
      block: {
        attributes: { id: sdkId },
        blocks: {
          metadata: metadataBlock(true),
          spec: {
            nesting: "list",
            minItems: 1,
            maxItems: 1,
            block: {
              // :237-244 policy_types: Required, MinItems 1, MaxItems 2 (a list attribute: core checks only presence).
              attributes: { policy_types: { type: ["list", "string"], required: true } },
              blocks: {
                ingress: { nesting: "list", block: { attributes: {}, blocks: { ports: policyPorts, from: policyPeers } } },
                egress: { nesting: "list", block: { attributes: {}, blocks: { ports: policyPorts, to: policyPeers } } },
                // :223-231 pod_selector: Required, MaxItems 1.
                pod_selector: { nesting: "list", minItems: 1, maxItems: 1, block: labelSelector },
              },
            },
          },
        },
      },
    },
    kubernetes_service_account_v1: {
      source: `${SOURCE} kubernetes/resource_kubernetes_service_account_v1.go:25-82`,
      version: 0,
      block: {
        attributes: {
          id: sdkId,
          // :69-74: Default true (the create always sends it, :92).
          automount_service_account_token: { type: "bool", optional: true, default: true },
          // :75-79: Computed, Deprecated (empty from Kubernetes 1.24, when no token Secret is made).
          default_secret_name: { type: "string", computed: true, deprecated: true },
        },
        // :40 namespacedMetadataSchema("service account", true); :36-38 a create timeout.
        blocks: {
          metadata: metadataBlock(true),
          image_pull_secret: objectReferences,
          secret: objectReferences,
          timeouts: timeoutsBlock("create"),
        },
      },
    },
    kubernetes_role_v1: {
      source: `${SOURCE} kubernetes/resource_kubernetes_role_v1.go:19-71`,
      version: 0,
      block: {
        attributes: { id: sdkId },
        blocks: {
          // :31 metadataSchemaRBAC("role", true, true): the namespaced metadata, only its name ValidateFunc differs.
          metadata: metadataBlock(true),
          // :32-36: TypeList, Required, no MinItems (terraform-plugin-sdk@v2.37.0 helper/schema/core_schema.go:211-214
          // makes a required block MinItems 1).
          rule: {
            nesting: "list",
            minItems: 1,
            block: {
              attributes: {
                api_groups: stringSet(true),
                resources: stringSet(true),
                resource_names: stringSet(false),
                verbs: stringSet(true),
              },
            },
          },
        },
      },
    },
    kubernetes_role_binding_v1: {
      source: `${SOURCE} kubernetes/resource_kubernetes_role_binding_v1.go:18-52`,
      version: 0,
      block: {
        attributes: { id: sdkId },
        blocks: {
          // :30 metadataSchemaRBAC("roleBinding", true, true).
          metadata: metadataBlock(true),
          // :31-40 role_ref: Required, ForceNew, MaxItems 1; schema_rbac.go:44-67: every field Required and ForceNew.
          role_ref: {
            nesting: "list",
            minItems: 1,
            maxItems: 1,
            forceNew: true,
            block: {
              attributes: {
                api_group: { type: "string", required: true, forceNew: true },
                kind: { type: "string", required: true, forceNew: true },
                name: { type: "string", required: true, forceNew: true },
              },
            },
          },
          // :41-49 subject: Required, MinItems 1; schema_rbac.go:69-94 (api_group Optional+Computed, namespace Default "default").
          subject: {
            nesting: "list",
            minItems: 1,
            block: {
              attributes: {
                api_group: { type: "string", optional: true, computed: true },
                kind: { type: "string", required: true },
                name: { type: "string", required: true },
                namespace: { type: "string", optional: true, default: "default" },
              },
            },
          },
        },
      },
    },
  },
  dataSources: {},
};
