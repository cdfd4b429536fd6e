/**
 * hashicorp/helm 3.1.1 as Terraform sees it, read from hashicorp/terraform-provider-helm@v3.1.1 (plugin
 * framework v1.16.0: nested attributes, no SDK `id` or `timeouts` block; `timeouts` is the nested attribute
 * of terraform-plugin-framework-timeouts v0.6.0 resource/timeouts/schema.go Attributes, Optional).
 * Defaults are the framework's static defaults (resource_helm_release.go:122-146 defaultAttributes);
 * `namespace`'s default reads HELM_NAMESPACE (:241-261), so it is computed at plan in ./release.ts.
 */
import type { AttributeSchema, ProviderSchemas } from "../../schema/types";

const SOURCE = "hashicorp/terraform-provider-helm@v3.1.1";

const optionalString: AttributeSchema = { type: "string", optional: true };
const optionalBool: AttributeSchema = { type: "bool", optional: true };
const computedString: AttributeSchema = { type: "string", computed: true };
const computedNumber: AttributeSchema = { type: "number", computed: true };
const defaultedBool = (value: boolean): AttributeSchema => ({ type: "bool", optional: true, computed: true, default: value });

/** helm/provider.go:213-288 kubernetesResourceSchema, with :290-311 execSchema. */
const kubernetesAttributes: Record<string, AttributeSchema> = {
  host: optionalString,
  username: optionalString,
  password: optionalString,
  insecure: optionalBool,
  tls_server_name: optionalString,
  client_certificate: optionalString,
  client_key: optionalString,
  cluster_ca_certificate: optionalString,
  config_paths: { type: ["list", "string"], optional: true },
  config_path: optionalString,
  config_context: optionalString,
  config_context_auth_info: optionalString,
  config_context_cluster: optionalString,
  token: optionalString,
  proxy_url: optionalString,
  exec: {
    optional: true,
    nestedType: {
      nesting: "single",
      attributes: {
        api_version: { type: "string", required: true },
        command: { type: "string", required: true },
        env: { type: ["map", "string"], optional: true },
        args: { type: ["list", "string"], optional: true },
      },
    },
  },
};

/** resource_helm_release.go:560-575 and 627-642: a `set` / `set_sensitive` entry. */
const setEntry = (sensitive: boolean): Record<string, AttributeSchema> => ({
  name: { type: "string", required: true },
  value: sensitive ? { type: "string", required: true, sensitive: true } : optionalString,
  // set.type: Optional+Computed, Default "" (:567-574); set_sensitive.type: Optional only (:636-641).
  type: sensitive ? optionalString : { type: "string", optional: true, computed: true, default: "" },
});

export const schemas: ProviderSchemas = {
  address: "registry.terraform.io/hashicorp/helm",
  version: "3.1.1",
  legacyTypeSystem: false,
  provider: {
    source: `${SOURCE} helm/provider.go:123-185`,
    version: 0,
    block: {
      attributes: {
        debug: optionalBool,
        plugins_path: optionalString,
        registry_config_path: optionalString,
        repository_config_path: optionalString,
        repository_cache: optionalString,
        helm_driver: optionalString,
        burst_limit: { type: "number", optional: true },
        kubernetes: { optional: true, nestedType: { nesting: "single", attributes: kubernetesAttributes } },
        // :167-173 with :196-211 registriesResourceSchema (no attribute is marked Sensitive there).
        registries: {
          optional: true,
          nestedType: {
            nesting: "list",
            attributes: {
              url: { type: "string", required: true },
              username: { type: "string", required: true },
              password: { type: "string", required: true },
            },
          },
        },
        experiments: { optional: true, nestedType: { nesting: "single", attributes: { manifest: optionalBool } } },
        qps: { type: "number", optional: true },
      },
    },
  },
  resources: {
    helm_release: {
      source: `${SOURCE} helm/resource_helm_release.go:271-669`,
      version: 2,
      block: {
        attributes: {
          atomic: defaultedBool(false),
          chart: { type: "string", required: true },
          cleanup_on_fail: defaultedBool(false),
          create_namespace: defaultedBool(false),
          dependency_update: defaultedBool(false),
          description: { type: "string", optional: true, computed: true },
          devel: optionalBool,
          disable_crd_hooks: defaultedBool(false),
          disable_openapi_validation: defaultedBool(false),
          disable_webhooks: defaultedBool(false),
          force_update: defaultedBool(false),
          id: computedString,
          keyring: optionalString,
          lint: defaultedBool(false),
          manifest: computedString,
          max_history: { type: "number", optional: true, computed: true, default: 0 },
          metadata: {
            computed: true,
            nestedType: {
              nesting: "single",
              attributes: {
                app_version: computedString,
                chart: computedString,
                first_deployed: computedNumber,
                last_deployed: computedNumber,
                name: computedString,
                namespace: computedString,
                notes: computedString,
                revision: computedNumber,
                values: computedString,
                version: computedString,
              },
            },
          },
          name: { type: "string", required: true, forceNew: true },
          namespace: { type: "string", optional: true, computed: true, forceNew: true },
          pass_credentials: defaultedBool(false),
          recreate_pods: defaultedBool(false),
          render_subchart_notes: defaultedBool(true),
          replace: defaultedBool(false),
          repository: optionalString,
          repository_ca_file: optionalString,
          repository_cert_file: optionalString,
          repository_key_file: optionalString,
          repository_password: { type: "string", optional: true, sensitive: true },
          repository_username: optionalString,
          reset_values: defaultedBool(false),
          reuse_values: defaultedBool(false),
          resources: { type: ["map", "string"], computed: true },
          skip_crds: defaultedBool(false),
          status: computedString,
          take_ownership: defaultedBool(false),
          timeout: { type: "number", optional: true, computed: true, default: 300 },
          timeouts: {
            optional: true,
            nestedType: {
              nesting: "single",
              attributes: { create: optionalString, read: optionalString, update: optionalString, delete: optionalString },
            },
          },
          values: { type: ["list", "string"], optional: true },
          verify: defaultedBool(false),
          version: { type: "string", optional: true, computed: true },
          wait: defaultedBool(true),
          wait_for_jobs: defaultedBool(false),
          set: { optional: true, nestedType: { nesting: "list", attributes: setEntry(false) } },
          // :578-601: write-only, and so is each of its attributes.
          set_wo: {
            optional: true,
            writeOnly: true,
            nestedType: {
              nesting: "list",
              attributes: {
                name: { type: "string", required: true, writeOnly: true },
                value: { type: "string", required: true, writeOnly: true },
                type: { type: "string", optional: true, writeOnly: true },
              },
            },
          },
          set_wo_revision: { type: "number", optional: true },
          set_list: {
            optional: true,
            nestedType: {
              nesting: "list",
              attributes: { name: { type: "string", required: true }, value: { type: ["list", "string"], required: true } },
            },
          },
          set_sensitive: { optional: true, nestedType: { nesting: "list", attributes: setEntry(true) } },
          upgrade_install: defaultedBool(false),
          postrender: {
            optional: true,
            nestedType: {
              nesting: "single",
              attributes: { args: { type: ["list", "string"], optional: true }, binary_path: { type: "string", required: true } },
            },
          },
        },
      },
    },
  },
  dataSources: {},
};
