/**
 * hashicorp/random v3.7.2 (terraform-plugin-framework): the schemas of the provider block and of the
 * resources the stacks emit, read from the provider's source at its tag.
 *
 * `forceNew` marks the attributes whose plan modifiers include a plain RequiresReplace. Two attributes
 * replace only under a condition, so they carry no `forceNew` and the behaviour decides (./plan.ts):
 * `keepers` of random_id, random_password and random_string (RequiresReplaceIfValuesNotNull,
 * internal/planmodifiers/map/mapplanmodifiers.go:12) and `override_special`
 * (RequiresReplaceUnlessEmptyStringToNull, internal/planmodifiers/string/stringplanmodifier.go:21).
 * Every computed attribute of these resources has UseStateForUnknown, which the generic plan already
 * does (prior value kept on update, unknown on create).
 */
import type { AttributeSchema, BlockSchema, ProviderSchemas, TypeSchema } from "../../schema/types";

const REPO = "hashicorp/terraform-provider-random@v3.7.2";

const computedString = (sensitive = false): AttributeSchema => ({ type: "string", computed: true, ...(sensitive ? { sensitive } : {}) });
const keepers = (forceNew: boolean): AttributeSchema => ({ type: ["map", "string"], optional: true, ...(forceNew ? { forceNew } : {}) });

/**
 * random_password and random_string share every input (resource_password.go:571-720,
 * resource_string.go:368-518): Default true for the classes, 0 for the minimums; `number` and `numeric`
 * have no static Default: NumberNumericAttributePlanModifier (internal/planmodifiers/bool/boolplanmodifiers.go:31)
 * plans them from each other, true when both are null.
 */
function stringFamilyInputs(): Record<string, AttributeSchema> {
  const flag = (defaultValue?: boolean, deprecated = false): AttributeSchema => ({
    type: "bool",
    optional: true,
    computed: true,
    forceNew: true,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
    ...(deprecated ? { deprecated } : {}),
  });
  const minimum: AttributeSchema = { type: "number", optional: true, computed: true, forceNew: true, default: 0 };
  return {
    keepers: keepers(false),
    length: { type: "number", required: true, forceNew: true },
    special: flag(true),
    upper: flag(true),
    lower: flag(true),
    // DeprecationMessage: "**NOTE**: This is deprecated, use `numeric` instead." (resource_password.go:639)
    number: flag(undefined, true),
    numeric: flag(),
    min_numeric: minimum,
    min_upper: minimum,
    min_lower: minimum,
    min_special: minimum,
    override_special: { type: "string", optional: true },
  };
}

const passwordBlock: BlockSchema = {
  attributes: {
    ...stringFamilyInputs(),
    result: computedString(true),
    bcrypt_hash: computedString(true),
    id: computedString(),
  },
};

const stringBlock: BlockSchema = {
  attributes: {
    ...stringFamilyInputs(),
    // Not sensitive in random_string (resource_string.go:520), unlike random_password's.
    result: computedString(),
    id: computedString(),
  },
};

const bytesBlock: BlockSchema = {
  attributes: {
    keepers: keepers(true),
    length: { type: "number", required: true, forceNew: true },
    base64: computedString(true),
    hex: computedString(true),
  },
};

const idBlock: BlockSchema = {
  attributes: {
    keepers: keepers(false),
    byte_length: { type: "number", required: true, forceNew: true },
    prefix: { type: "string", optional: true, forceNew: true },
    b64_url: computedString(),
    b64_std: computedString(),
    hex: computedString(),
    dec: computedString(),
    id: computedString(),
  },
};

const resources: Record<string, TypeSchema> = {
  random_bytes: { source: `${REPO} internal/provider/resource_bytes.go:133`, version: 0, block: bytesBlock },
  random_id: { source: `${REPO} internal/provider/resource_id.go:41`, version: 0, block: idBlock },
  random_password: { source: `${REPO} internal/provider/resource_password.go:558`, version: 3, block: passwordBlock },
  // stringSchemaV3 declares Version: 2 (resource_string.go:358): the state upgraders stop at 2.
  random_string: { source: `${REPO} internal/provider/resource_string.go:356`, version: 2, block: stringBlock },
};

export const schemas: ProviderSchemas = {
  address: "registry.terraform.io/hashicorp/random",
  version: "3.7.2",
  legacyTypeSystem: false,
  // The provider's Schema is empty (internal/provider/provider.go:28).
  provider: { source: `${REPO} internal/provider/provider.go:28`, version: 0, block: { attributes: {} } },
  resources,
  dataSources: {},
};
