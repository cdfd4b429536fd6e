import { compareSync } from "bcryptjs";
import { describe, expect, test } from "vitest";
import type { ProviderContext } from "../../local-providers/provider/behaviour";
import { isUnknown, UNKNOWN, type ObjectValue } from "../../local-providers/provider/values";
import { planResource } from "../../local-providers/protocol/plan";
import { provider } from "../../local-providers/providers/random/index";
import { schemas } from "../../local-providers/providers/random/schema";
import { createString, DEFAULT_SPECIAL_CHARS, type StringParams } from "../../local-providers/providers/random/strings";
import { thrown } from "../support/provider-harness";

// The local random provider's behaviour, each rule against hashicorp/terraform-provider-random@v3.7.2
// (paths under internal/ there). The provider has no world: values live in state only.

const context: ProviderContext = provider.configure({}, {});
const resource = (type: string) => provider.resources[type]!;

/** The server's plan: the generic one (defaults, prior or unknown computed values, forceNew), then the resource's own. */
function plan(type: string, config: ObjectValue, prior: ObjectValue | null = null) {
  const generic = planResource(schemas.resources[type]!.block, config, prior);
  const adjusted = resource(type).plan?.({ planned: generic.planned, prior, config, context });
  return {
    planned: adjusted?.planned ?? generic.planned,
    requiresReplace: [...generic.requiresReplace, ...(adjusted?.requiresReplace ?? [])],
  };
}

function apply(type: string, config: ObjectValue): ObjectValue {
  const { planned } = plan(type, config);
  return resource(type).create(planned, context, config);
}

const count = (text: string, set: string) => [...text].filter((char) => set.includes(char)).length;
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";

/** The stacks' password: 32 characters, at least 2 of each letter case and digits, no specials. */
const STACK_PASSWORD = { length: 32, min_lower: 2, min_numeric: 2, min_upper: 2, special: false };

const params = (overrides: Partial<StringParams>): StringParams => ({
  length: 16,
  upper: true,
  minUpper: 0,
  lower: true,
  minLower: 0,
  numeric: true,
  minNumeric: 0,
  special: true,
  minSpecial: 0,
  overrideSpecial: "",
  ...overrides,
});

// random/string.go:26
describe("random_password: the characters, as CreateString draws them", () => {
  test("the stacks' password keeps its rules over 200 draws: 32 characters, only letters and digits, at least 2 of each class", () => {
    for (let draw = 0; draw < 200; draw++) {
      const value = createString(params({ length: 32, minLower: 2, minNumeric: 2, minUpper: 2, special: false }));
      expect(value).toHaveLength(32);
      expect(value).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(count(value, UPPER)).toBeGreaterThanOrEqual(2);
      expect(count(value, LOWER)).toBeGreaterThanOrEqual(2);
      expect(count(value, DIGITS)).toBeGreaterThanOrEqual(2);
    }
  });

  // string.go:79-86
  test("the draws differ and are shuffled: the minimums do not always lead", () => {
    const values = Array.from({ length: 50 }, () =>
      createString(params({ length: 8, minNumeric: 2, upper: false, lower: false, special: false })),
    );
    expect(new Set(values).size).toBe(50);
    // The one special character of a 12-character value lands first about once in 12 draws, never always.
    const mixed = Array.from({ length: 300 }, () => createString(params({ length: 12, minSpecial: 1, special: false })));
    const firstIsSpecial = mixed.filter((value) => DEFAULT_SPECIAL_CHARS.includes(value[0]!)).length;
    expect(firstIsSpecial).toBeGreaterThan(0);
    expect(firstIsSpecial).toBeLessThan(300);
  });

  // string.go:55-70
  test("a minimum is drawn from its class even when the class is disabled, as the real provider does", () => {
    for (let draw = 0; draw < 50; draw++) {
      const value = createString(params({ length: 10, upper: false, minUpper: 3, special: false }));
      expect(count(value, UPPER)).toBe(3);
    }
  });

  test("override_special replaces the special characters, and min_special draws from it", () => {
    for (let draw = 0; draw < 50; draw++) {
      const value = createString(params({ length: 20, minSpecial: 4, overrideSpecial: "_%@" }));
      expect(value).toMatch(/^[A-Za-z0-9_%@]{20}$/);
      expect(count(value, "_%@")).toBeGreaterThanOrEqual(4);
    }
  });

  // string.go:51
  test("an empty set is the provider's Random Read Error, which names no value", () => {
    const error = thrown(() => createString(params({ upper: false, lower: false, numeric: false, special: false })));
    expect(error.summary).toBe("Random Read Error");
    expect(error.detail).toContain("Original Error: the character set specified is empty");
  });
});

// resource_password.go
describe("random_password: create, import, read", () => {
  // generateHash, :545
  test('create stores the result, its $2a$ cost-10 bcrypt_hash and the id "none"', () => {
    const state = apply("random_password", STACK_PASSWORD);
    expect(state["result"]).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(state["bcrypt_hash"]).toMatch(/^\$2a\$10\$.{53}$/);
    expect(compareSync(String(state["result"]), String(state["bcrypt_hash"]))).toBe(true);
    expect(state).toMatchObject({ id: "none", number: true, numeric: true, special: false, upper: true, min_special: 0 });
  });

  test("read returns the state unchanged, and a plan right after create keeps every value (no diff)", () => {
    const state = apply("random_password", STACK_PASSWORD);
    expect(resource("random_password").read(state, context)).toBe(state);
    const again = plan("random_password", STACK_PASSWORD, state);
    expect(again.requiresReplace).toEqual([]);
    expect(again.planned).toEqual(state);
  });

  // resource_password.go:114
  test("import sets result from the id, length in bytes, the defaults, and a bcrypt_hash of it", () => {
    const state = resource("random_password").import!("pässword-01", context);
    expect(state).toMatchObject({
      id: "none",
      result: "pässword-01",
      length: 12,
      special: true,
      numeric: true,
      min_upper: 0,
      keepers: null,
    });
    expect(state["override_special"]).toBeNull();
    expect(compareSync("pässword-01", String(state["bcrypt_hash"]))).toBe(true);
  });

  test("random_string: the same rules, id and result the same value, and its import", () => {
    const state = apply("random_string", { length: 24, special: false, min_upper: 5 });
    expect(state["id"]).toBe(state["result"]);
    expect(count(String(state["result"]), UPPER)).toBeGreaterThanOrEqual(5);
    expect(resource("random_string").import!("abc", context)).toMatchObject({ id: "abc", result: "abc", length: 3 });
  });
});

describe("random_password: validation and plan, with the framework's texts", () => {
  const validate = (config: ObjectValue) => resource("random_password").validate!(config);

  // int64validator.AtLeastSumOf, resource_password.go:590
  test("length below the sum of the minimums is refused", () => {
    expect(validate({ length: 5, min_upper: 2, min_lower: 2, min_numeric: 2 })).toEqual([
      {
        severity: "error",
        summary: "Invalid Attribute Value",
        detail: "Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: 5",
        attribute: ["length"],
      },
    ]);
    // An unknown minimum defers the check, as the validator does.
    expect(validate({ length: 5, min_upper: UNKNOWN, min_lower: 9 })).toEqual([]);
  });

  // resource_password.go:589
  test("length 0 is refused by AtLeast(1), and a fractional length cannot be read as an Int64", () => {
    expect(validate({ length: 0 }).map((problem) => problem.detail)).toEqual(["Attribute length value must be at least 1, got: 0"]);
    expect(validate({ length: 2.5 })[0]).toMatchObject({ summary: "Configuration Read Error", attribute: ["length"] });
    expect(validate({ length: 2.5 })[0]!.detail).toContain("Error: Value 2.5 is not an integer.");
  });

  // validators.AtLeastOneOfTrue, boolvalidator.go:42
  test("numeric false with special, upper and lower all false is refused", () => {
    expect(validate({ length: 8, numeric: false, special: false, upper: false, lower: false })).toEqual([
      {
        severity: "error",
        summary: "Invalid Attribute Combination",
        detail: "At least one attribute out of [special,upper,lower,numeric] must be specified as true",
        attribute: ["numeric"],
      },
    ]);
    // lower left null defaults to true: accepted.
    expect(validate({ length: 8, numeric: false, special: false, upper: false })).toEqual([]);
  });

  // internal/fwserver/attribute_validation.go:194
  test("the deprecated `number` warns when configured", () => {
    expect(validate({ length: 8, number: true })).toEqual([
      {
        severity: "warning",
        summary: "Attribute Deprecated",
        detail: "**NOTE**: This is deprecated, use `numeric` instead.",
        attribute: ["number"],
      },
    ]);
  });

  // boolplanmodifiers.go:31
  test("number and numeric are planned from each other, true when both are null; configured differently they fail the plan", () => {
    expect(plan("random_password", { length: 8 }).planned).toMatchObject({ number: true, numeric: true, result: UNKNOWN });
    expect(plan("random_password", { length: 8, number: false }).planned).toMatchObject({ number: false, numeric: false });
    const error = thrown(() => plan("random_password", { length: 8, number: true, numeric: false }));
    expect([error.summary, error.detail]).toEqual([
      "Number and numeric are both configured with different values",
      "Number is deprecated, use numeric instead",
    ]);
  });

  test("on create, every computed attribute is unknown and the defaults are planned", () => {
    const { planned } = plan("random_password", STACK_PASSWORD);
    for (const name of ["result", "bcrypt_hash", "id"]) expect(isUnknown(planned[name]), name).toBe(true);
    expect(planned).toMatchObject({ lower: true, upper: true, special: false, min_special: 0, override_special: null, keepers: null });
  });

  // mapplanmodifiers.go:37
  test("a changed input replaces the password and plans its values unknown; a keeper added with a null value does not", () => {
    const state = apply("random_password", { ...STACK_PASSWORD, keepers: { rotation: "1" } });
    const rotated = plan("random_password", { ...STACK_PASSWORD, keepers: { rotation: "2" } }, state);
    expect(rotated.requiresReplace).toEqual([["keepers"]]);
    expect(isUnknown(rotated.planned["result"])).toBe(true);
    const longer = plan("random_password", { ...STACK_PASSWORD, length: 40, keepers: { rotation: "1" } }, state);
    expect(longer.requiresReplace).toEqual([["length"]]);

    const bare = apply("random_password", STACK_PASSWORD);
    const nullKeeper = plan("random_password", { ...STACK_PASSWORD, keepers: { rotation: null } }, bare);
    expect(nullKeeper.requiresReplace).toEqual([]);
    expect(nullKeeper.planned["result"]).toBe(bare["result"]);
  });

  test("dropping `numeric = false` replaces: the pairing plans true again and RequiresReplace follows it", () => {
    const state = apply("random_password", { length: 8, numeric: false });
    expect(plan("random_password", { length: 8 }, state).requiresReplace).toEqual([["number"], ["numeric"]]);
  });

  // stringplanmodifier.go:21
  test('override_special going from "" to null does not replace; any other change does', () => {
    const state = apply("random_password", { length: 8, override_special: "" });
    expect(plan("random_password", { length: 8 }, state).requiresReplace).toEqual([]);
    expect(plan("random_password", { length: 8, override_special: "!" }, state).requiresReplace).toEqual([["override_special"]]);
    const withSpecials = apply("random_password", { length: 8, override_special: "!" });
    expect(plan("random_password", { length: 8 }, withSpecials).requiresReplace).toEqual([["override_special"]]);
  });

  // string.go:100
  test("a negative minimum passes validation but the real provider panics at apply: so does this one, naming no value", () => {
    const { planned } = plan("random_password", { length: 8, min_upper: -1 });
    const error = thrown(() => resource("random_password").create(planned, context, {}));
    expect(error.summary).toBe("Plugin did not respond");
  });
});

// resource_bytes.go
describe("random_bytes", () => {
  // resource_bytes.go:67-70
  test("base64 (standard, padded) and lowercase hex of `length` random bytes", () => {
    const state = apply("random_bytes", { length: 32 });
    const bytes = Buffer.from(String(state["base64"]), "base64");
    expect(bytes).toHaveLength(32);
    expect(state["base64"]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(state["hex"]).toBe(bytes.toString("hex"));
    expect(apply("random_bytes", { length: 32 })["base64"]).not.toBe(state["base64"]);
  });

  // AtLeast(1), :158; plain RequiresReplace, :148
  test("length below 1 is refused; changed keepers replace", () => {
    expect(resource("random_bytes").validate!({ length: 0 }).map((problem) => problem.detail)).toEqual([
      "Attribute length value must be at least 1, got: 0",
    ]);
    const state = apply("random_bytes", { length: 4, keepers: { a: "1" } });
    expect(plan("random_bytes", { length: 4, keepers: { a: "2" } }, state).requiresReplace).toEqual([["keepers"]]);
    expect(plan("random_bytes", { length: 4, keepers: { a: "1" } }, state)).toEqual({ planned: state, requiresReplace: [] });
  });

  // resource_bytes.go:100
  test("import takes the base64 as the id and keeps it as given", () => {
    const state = resource("random_bytes").import!("AAEC/w==", context);
    expect(state).toEqual({ length: 4, base64: "AAEC/w==", hex: "000102ff", keepers: null });
  });

  test("an id that is not standard base64 fails at the byte Go's decoder names, and the id is not repeated", () => {
    const secret = "c2VjcmV0$c2VjcmV0";
    const error = thrown(() => resource("random_bytes").import!(secret, context));
    expect(error.summary).toBe("Import Random bytes Error");
    expect(error.detail).toMatch(/Original Error: illegal base64 data at input byte 8$/);
    expect(error.message).not.toContain("c2VjcmV0");
    // Missing padding: StdEncoding requires it (the error is at the end of the input).
    expect(thrown(() => resource("random_bytes").import!("AAE", context)).detail).toMatch(/input byte 0$/);
  });
});

// resource_id.go
describe("random_id", () => {
  // resource_id.go:148-166
  test("b64_url, b64_std, hex and dec encode the same bytes, each after the prefix; id is b64_url without it", () => {
    const state = apply("random_id", { byte_length: 8, prefix: "om-" });
    const id = String(state["id"]);
    const bytes = Buffer.from(id, "base64url");
    expect(id).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(bytes).toHaveLength(8);
    expect(state).toMatchObject({
      b64_url: `om-${id}`,
      b64_std: `om-${bytes.toString("base64")}`,
      hex: `om-${bytes.toString("hex")}`,
      dec: `om-${BigInt(`0x${bytes.toString("hex")}`).toString()}`,
      prefix: "om-",
    });
  });

  // no validator, :69
  test('byte_length 0 is accepted: an empty id and dec "0"', () => {
    expect(apply("random_id", { byte_length: 0 })).toMatchObject({ id: "", b64_url: "", hex: "", dec: "0", prefix: null });
  });

  test("keepers computed from other resources (unknown at plan) replace the id, as the stacks' restart token relies on", () => {
    const state = apply("random_id", { byte_length: 8, keepers: { secrets: "abc" } });
    const replaced = plan("random_id", { byte_length: 8, keepers: { secrets: UNKNOWN } }, state);
    expect(replaced.requiresReplace).toEqual([["keepers"]]);
    expect(isUnknown(replaced.planned["hex"])).toBe(true);
    expect(plan("random_id", { byte_length: 8, keepers: { secrets: "abc" } }, state).requiresReplace).toEqual([]);
  });

  // resource_id.go:197
  test('import reads "prefix,b64_url": the prefix up to the last comma, which is dropped, and the other encodings recomputed', () => {
    expect(resource("random_id").import!("a,b,AAECAwQFBgc", context)).toEqual({
      id: "AAECAwQFBgc",
      b64_url: "a,bAAECAwQFBgc",
      b64_std: "a,bAAECAwQFBgc=",
      hex: "a,b0001020304050607",
      dec: "a,b283686952306183",
      byte_length: 8,
      keepers: null,
      prefix: "a,b",
    });
    expect(resource("random_id").import!("AAE", context)).toMatchObject({ id: "AAE", prefix: null, byte_length: 2 });
  });

  test("an id in standard base64 with padding is refused by RawURLEncoding, with the provider's own text", () => {
    const error = thrown(() => resource("random_id").import!("AAE=", context));
    expect(error.summary).toBe("Import Random ID Error");
    expect(error.detail).toContain("there was a decoding error.\n\n+Retry the Terraform operation.");
    expect(error.detail).toMatch(/Original Error: illegal base64 data at input byte 3$/);
  });
});
