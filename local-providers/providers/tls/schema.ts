/**
 * hashicorp/tls v4.1.0 (terraform-plugin-framework): the schemas of the provider block, of
 * tls_private_key and of the data source tls_public_key, read from the provider's source at its tag.
 * Every configurable attribute of tls_private_key has RequiresReplace; its computed ones have no
 * UseStateForUnknown, which never shows: any change to it is a replacement.
 */
import type { AttributeSchema, ProviderSchemas } from "../../schema/types";

const REPO = "hashicorp/terraform-provider-tls@v4.1.0";

const computedString = (sensitive = false): AttributeSchema => ({ type: "string", computed: true, ...(sensitive ? { sensitive } : {}) });

/** The public attributes setPublicKeyAttributes fills (common_key.go:162), in both types. */
const publicKeyAttributes = (): Record<string, AttributeSchema> => ({
  public_key_pem: computedString(),
  public_key_openssh: computedString(),
  public_key_fingerprint_md5: computedString(),
  public_key_fingerprint_sha256: computedString(),
  id: computedString(),
});

export const schemas: ProviderSchemas = {
  address: "registry.terraform.io/hashicorp/tls",
  version: "4.1.0",
  legacyTypeSystem: false,
  provider: {
    source: `${REPO} internal/provider/provider.go:52`,
    version: 0,
    block: {
      attributes: {},
      blocks: {
        // A ListNestedBlock without MinItems/MaxItems: at most one element is a validator
        // (listvalidator.SizeBetween(0, 1), provider.go:58), reported by ValidateProviderConfig.
        proxy: {
          nesting: "list",
          block: {
            attributes: {
              url: { type: "string", optional: true },
              username: { type: "string", optional: true },
              password: { type: "string", optional: true, sensitive: true },
              // "(default: `true`)" in its description only: a provider schema has no Default.
              from_env: { type: "bool", optional: true },
            },
          },
        },
      },
    },
  },
  resources: {
    tls_private_key: {
      source: `${REPO} internal/provider/resource_private_key.go:45`,
      version: 1,
      block: {
        attributes: {
          algorithm: { type: "string", required: true, forceNew: true },
          rsa_bits: { type: "number", optional: true, computed: true, forceNew: true, default: 2048 },
          // Default P224.String() (resource_private_key.go:75), whatever the algorithm.
          ecdsa_curve: { type: "string", optional: true, computed: true, forceNew: true, default: "P224" },
          private_key_pem: computedString(true),
          private_key_openssh: computedString(true),
          private_key_pem_pkcs8: computedString(true),
          ...publicKeyAttributes(),
        },
      },
    },
  },
  dataSources: {
    tls_public_key: {
      source: `${REPO} internal/provider/data_source_public_key.go:33`,
      version: 0,
      block: {
        attributes: {
          private_key_pem: { type: "string", optional: true, sensitive: true },
          private_key_openssh: { type: "string", optional: true, sensitive: true },
          algorithm: computedString(),
          ...publicKeyAttributes(),
        },
      },
    },
  },
};
