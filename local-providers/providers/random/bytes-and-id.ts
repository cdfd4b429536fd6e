/**
 * random_bytes (resource_bytes.go) and random_id (resource_id.go) of hashicorp/terraform-provider-random
 * v3.7.2: random bytes and their encodings, kept in state only; Read, Update and Delete do nothing else.
 */
import { randomBytes } from "node:crypto";
import { ProviderDiagnostic, type Diagnostic, type ResourceBehaviour } from "../../provider/behaviour";
import type { ObjectValue, Value } from "../../provider/values";
import type { BlockSchema } from "../../schema/types";
import { atLeast, int64ConversionProblems, knownInteger, plannedAsCreate } from "./framework";
import { goBase64Decode, RAW_URL_ENCODING, STD_ENCODING } from "./go-base64";
import { keepersRequireReplace } from "./plan-modifiers";

const SOURCE = "hashicorp/terraform-provider-random@v3.7.2";

/** diagnostics.RetryMsg (internal/diagnostics/diagnostics.go:12). */
const RETRY_MESSAGE =
  "Retry the Terraform operation. If the error still occurs or happens regularly, please contact the provider developer " +
  "with hardware and operating system information.\n\n";

/** make([]byte, n) with a negative n panics in Go: the plugin dies during apply. */
function drawBytes(count: number, where: string): Buffer {
  if (count < 0) {
    throw new ProviderDiagnostic(
      "Plugin did not respond",
      "The plugin encountered an error, and failed to respond to the plugin.(*GRPCProvider).ApplyResourceChange call. " +
        `The plugin logs may contain more details. (The real provider panics here: runtime error: makeslice: len out of range, ${SOURCE} ${where}.)`,
    );
  }
  return randomBytes(count);
}

/** big.Int.SetBytes(bytes).String(): the unsigned big-endian value in decimal, "0" for no bytes. */
function decimalOf(bytes: Buffer): string {
  return bytes.length === 0 ? "0" : BigInt(`0x${bytes.toString("hex")}`).toString(10);
}

const unchanged = (state: ObjectValue): ObjectValue => state;
const copyPlan = (planned: ObjectValue): ObjectValue => planned;

export function bytesResource(): ResourceBehaviour {
  return {
    // length: AtLeast(1) (resource_bytes.go:157).
    validate: (config): Diagnostic[] => [...int64ConversionProblems(config, ["length"]), ...atLeast(config, "length", 1)],
    // resource_bytes.go:46: base64.StdEncoding and lowercase hex of `length` bytes.
    create(planned) {
      const bytes = drawBytes(knownInteger(planned, "length") ?? 0, "internal/provider/resource_bytes.go:55");
      return { ...planned, base64: bytes.toString("base64"), hex: bytes.toString("hex") };
    },
    read: unchanged,
    update: copyPlan,
    delete() {},
    // resource_bytes.go:100: the id is the base64 (StdEncoding) of the bytes, kept as given.
    import(id) {
      let bytes: Buffer;
      try {
        bytes = goBase64Decode(id, STD_ENCODING);
      } catch (error) {
        // The id is a secret: Go's error names only the offending byte's offset.
        throw new ProviderDiagnostic(
          "Import Random bytes Error",
          `There was an error during the parsing of the base64 string.\n\n${RETRY_MESSAGE}Original Error: ${(error as Error).message}`,
        );
      }
      return { length: bytes.length, base64: id, hex: bytes.toString("hex"), keepers: null };
    },
  };
}

/** The encodings of random_id (resource_id.go:148-165): each prefixed, `id` without the prefix. */
function idEncodings(bytes: Buffer, prefix: string, id: string): Record<string, Value> {
  return {
    id,
    b64_url: prefix + id,
    b64_std: prefix + bytes.toString("base64"),
    hex: prefix + bytes.toString("hex"),
    dec: prefix + decimalOf(bytes),
  };
}

export function idResource(block: BlockSchema): ResourceBehaviour {
  return {
    // byte_length has no validator (resource_id.go:69): 0 gives an empty id, as the real provider does.
    validate: (config): Diagnostic[] => int64ConversionProblems(config, ["byte_length"]),
    plan(args) {
      const { config, prior } = args;
      if (prior === null || !keepersRequireReplace(config["keepers"] ?? null, prior["keepers"] ?? null)) return { planned: args.planned };
      return { planned: plannedAsCreate(block, config), requiresReplace: [["keepers"]] };
    },
    // resource_id.go:126: base64.RawURLEncoding is the id.
    create(planned) {
      const bytes = drawBytes(knownInteger(planned, "byte_length") ?? 0, "internal/provider/resource_id.go:136");
      const prefix = typeof planned["prefix"] === "string" ? planned["prefix"] : "";
      return { ...planned, ...idEncodings(bytes, prefix, bytes.toString("base64url")) };
    },
    read: unchanged,
    update: copyPlan,
    delete() {},
    // resource_id.go:197: "prefix,b64_url", the prefix up to the last comma; b64_url in RawURLEncoding.
    import(importId) {
      const separator = importId.lastIndexOf(",");
      const prefix = separator === -1 ? "" : importId.slice(0, separator);
      const id = separator === -1 ? importId : importId.slice(separator + 1);
      let bytes: Buffer;
      try {
        bytes = goBase64Decode(id, RAW_URL_ENCODING);
      } catch (error) {
        // "\n\n+" is the provider's own text (resource_id.go:211).
        throw new ProviderDiagnostic(
          "Import Random ID Error",
          `While attempting to import a random id there was a decoding error.\n\n+${RETRY_MESSAGE}Original Error: ${(error as Error).message}`,
        );
      }
      return {
        ...idEncodings(bytes, prefix, id),
        byte_length: bytes.length,
        keepers: null,
        prefix: prefix === "" ? null : prefix,
      };
    },
  };
}
