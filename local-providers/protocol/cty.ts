/**
 * Terraform's values on the wire (msgpack, hashicorp/terraform v1.11.4 docs/plugin-protocol/
 * object-wire-format.md) and in the state file (JSON), conformed to a schema: Terraform refuses an object
 * that lacks any attribute of its type ("an object with N attributes is required", go-cty v1.16.0
 * msgpack/unmarshal.go), so every value the providers send is conformed first.
 */
import { decode, encode, ExtensionCodec } from "@msgpack/msgpack";
import type { AttributeSchema, BlockSchema, CtyType, NestedAttributeType } from "../schema/types";
import { isObjectValue, isUnknown, UNKNOWN, type ObjectValue, type Value } from "../provider/values";

/** go-cty msgpack/unknown.go:26,32: extension 0 is an unknown value, 12 a refined unknown; both mean "unknown" here. */
const UNKNOWN_EXTENSION = 0;
const REFINED_UNKNOWN_EXTENSION = 12;

const extensionCodec = new ExtensionCodec();
extensionCodec.register({
  type: UNKNOWN_EXTENSION,
  encode: (input: unknown) => (isUnknown(input) ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
});
extensionCodec.register({ type: REFINED_UNKNOWN_EXTENSION, encode: () => null, decode: () => UNKNOWN });

/** The cty type of a block: its attributes and nested blocks as one object type. */
export function blockType(block: BlockSchema): CtyType {
  const attributes: Record<string, CtyType> = {};
  for (const [name, attribute] of Object.entries(block.attributes)) attributes[name] = attributeType(attribute);
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const element = blockType(nested.block);
    if (nested.nesting === "list") attributes[name] = ["list", element];
    else if (nested.nesting === "set") attributes[name] = ["set", element];
    else if (nested.nesting === "map") attributes[name] = ["map", element];
    else attributes[name] = element;
  }
  return ["object", attributes];
}

export function attributeType(attribute: AttributeSchema): CtyType {
  if (attribute.nestedType) return nestedAttributeType(attribute.nestedType);
  if (!attribute.type) throw new Error("an attribute needs a type or a nestedType");
  return attribute.type;
}

function nestedAttributeType(nested: NestedAttributeType): CtyType {
  const attributes: Record<string, CtyType> = {};
  for (const [name, attribute] of Object.entries(nested.attributes)) attributes[name] = attributeType(attribute);
  const object: CtyType = ["object", attributes];
  if (nested.nesting === "single") return object;
  return [nested.nesting, object];
}

/**
 * Shapes a value to a type: objects get every attribute (null where absent), numbers given as strings
 * (go-cty writes big numbers that way) become numbers, and a nested block of list or set nesting that is
 * absent becomes an empty list, as Terraform represents it.
 */
export function conform(value: unknown, type: CtyType, block?: BlockSchema): Value {
  if (value === undefined || value === null) return null;
  if (isUnknown(value)) return UNKNOWN;
  if (type === "dynamic") return value as Value;
  if (type === "string") return typeof value === "string" ? value : String(value as string | number | boolean);
  if (type === "number") return typeof value === "number" ? value : Number(value);
  if (type === "bool") return typeof value === "boolean" ? value : value === "true";
  const [kind, element] = type;
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(value)) throw new Error(`expected a ${kind}, got ${typeof value}`);
    return value.map((item: unknown) => conform(item, element));
  }
  if (kind === "map") {
    if (!isObjectValue(value)) throw new Error(`expected a map, got ${typeof value}`);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, conform(item, element)]));
  }
  if (!isObjectValue(value)) throw new Error(`expected an object, got ${typeof value}`);
  return conformObject(value, element, block);
}

function conformObject(value: ObjectValue, attributes: { readonly [name: string]: CtyType }, block?: BlockSchema): ObjectValue {
  const result: Record<string, Value> = {};
  for (const [name, attributeType] of Object.entries(attributes)) {
    const nested = block?.blocks?.[name];
    const raw = value[name];
    if (nested && (raw === undefined || raw === null) && (nested.nesting === "list" || nested.nesting === "set")) {
      result[name] = [];
    } else if (nested && (raw === undefined || raw === null) && nested.nesting === "map") {
      result[name] = {};
    } else if (nested && nested.nesting !== "single" && nested.nesting !== "group" && Array.isArray(raw)) {
      result[name] = raw.map((item: unknown) => conform(item, (attributeType as readonly [string, CtyType])[1], nested.block));
    } else if (nested && nested.nesting === "map" && isObjectValue(raw)) {
      result[name] = Object.fromEntries(
        Object.entries(raw).map(([key, item]) => [key, conform(item, (attributeType as readonly [string, CtyType])[1], nested.block)]),
      );
    } else {
      result[name] = conform(raw, attributeType, nested?.block);
    }
  }
  return result;
}

/** Conforms a whole resource object to its block. */
export function conformBlock(value: unknown, block: BlockSchema): ObjectValue {
  if (!isObjectValue(value)) throw new Error("expected an object for a resource");
  return conform(value, blockType(block), block) as ObjectValue;
}

export function decodeDynamic(bytes: Uint8Array | undefined, block: BlockSchema): ObjectValue | null {
  if (!bytes || bytes.length === 0) return null;
  const decoded = decode(bytes, { extensionCodec }) as unknown;
  if (decoded === null) return null;
  return conformBlock(decoded, block);
}

export function encodeDynamic(value: ObjectValue | null, block: BlockSchema): Uint8Array {
  if (value === null) return encode(null);
  return encode(toWire(conformBlock(value, block)), { extensionCodec, ignoreUndefined: false });
}

/** Plain data for the encoder: the unknown marker stays an object the extension codec recognises. */
function toWire(value: Value): unknown {
  if (value === null || isUnknown(value) || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item: Value) => toWire(item));
  return Object.fromEntries(Object.entries(value as ObjectValue).map(([key, item]) => [key, toWire(item)]));
}

/** The state file's JSON (UpgradeResourceState.raw_state.json): parsed and conformed to the current schema. */
export function decodeStateJson(json: Uint8Array | undefined, block: BlockSchema): ObjectValue | null {
  if (!json || json.length === 0) return null;
  const parsed = JSON.parse(Buffer.from(json).toString("utf8")) as unknown;
  if (parsed === null) return null;
  return conformBlock(parsed, block);
}
