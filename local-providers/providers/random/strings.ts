/**
 * random_password and random_string (hashicorp/terraform-provider-random@v3.7.2): the string is drawn as
 * internal/random/string.go:26 draws it, random_password adds a bcrypt hash of it
 * (resource_password.go:545), and both keep it in state only (Read, Update and Delete do nothing else).
 * No value drawn here ever appears in a diagnostic.
 */
import { randomInt } from "node:crypto";
import { genSaltSync, hashSync } from "bcryptjs";
import {
  ProviderDiagnostic,
  type Diagnostic,
  type PlanAdjustment,
  type PlanArguments,
  type ResourceBehaviour,
} from "../../provider/behaviour";
import type { ObjectValue, Value } from "../../provider/values";
import type { BlockSchema } from "../../schema/types";
import { atLeast, atLeastSumOf, deprecationWarning, int64ConversionProblems, knownInteger, plannedAsCreate } from "./framework";
import { keepersRequireReplace, numberNumericPlan, overrideSpecialRequiresReplace } from "./plan-modifiers";

const SOURCE = "hashicorp/terraform-provider-random@v3.7.2";

export const NUMERIC_CHARS = "0123456789";
export const LOWER_CHARS = "abcdefghijklmnopqrstuvwxyz";
export const UPPER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const DEFAULT_SPECIAL_CHARS = "!@#$%&*()-_=+[]{}<>:?";

export interface StringParams {
  readonly length: number;
  readonly upper: boolean;
  readonly minUpper: number;
  readonly lower: boolean;
  readonly minLower: number;
  readonly numeric: boolean;
  readonly minNumeric: number;
  readonly special: boolean;
  readonly minSpecial: number;
  readonly overrideSpecial: string;
}

/** diagnostics.RandomReadError (internal/diagnostics/diagnostics.go:14). */
function randomReadError(message: string): ProviderDiagnostic {
  return new ProviderDiagnostic(
    "Random Read Error",
    "While attempting to generate a random value for this resource, a read error was generated.\n\n" +
      "Retry the Terraform operation. If the error still occurs or happens regularly, please contact the provider developer " +
      "with hardware and operating system information.\n\n" +
      `Original Error: ${message}`,
  );
}

/** A negative count makes Go's make([]byte, n) panic: the plugin dies, and Terraform says so. */
function pluginPanic(where: string, panic = "len out of range"): ProviderDiagnostic {
  return new ProviderDiagnostic(
    "Plugin did not respond",
    "The plugin encountered an error, and failed to respond to the plugin.(*GRPCProvider).ApplyResourceChange call. " +
      `The plugin logs may contain more details. (The real provider panics here: runtime error: makeslice: ${panic}, ${SOURCE} ${where}.)`,
  );
}

/** generateRandomBytes (internal/random/string.go:91): `length` bytes drawn uniformly from the set's bytes. */
function randomBytesFrom(charSet: Buffer, length: number): number[] {
  if (length < 0) throw pluginPanic("internal/random/string.go:100");
  if (charSet.length === 0 && length > 0) throw randomReadError("charSet is empty");
  return Array.from({ length }, () => charSet[randomInt(charSet.length)]!);
}

/**
 * CreateString (internal/random/string.go:26). Its rules, which the tests check over many draws:
 * - the minimums are drawn from their own class whether or not that class is enabled;
 * - the rest is drawn from the enabled classes together (override_special replacing the specials
 *   when not empty), and an empty set is an error;
 * - the whole is then shuffled. Go sorts by a random key (sort.Slice); a Fisher-Yates shuffle gives a
 *   permutation of the same characters, which is all the rules speak of.
 * Go works on bytes: a multi-byte override_special contributes its bytes one by one, as here (where Go
 * would store a broken UTF-8 sequence, the string holds U+FFFD).
 */
export function createString(params: StringParams): string {
  const specialChars = params.overrideSpecial !== "" ? params.overrideSpecial : DEFAULT_SPECIAL_CHARS;
  let chars = "";
  if (params.upper) chars += UPPER_CHARS;
  if (params.lower) chars += LOWER_CHARS;
  if (params.numeric) chars += NUMERIC_CHARS;
  if (params.special) chars += specialChars;
  if (chars === "") throw randomReadError("the character set specified is empty");
  if (params.length < 0) throw pluginPanic("internal/random/string.go:62", "cap out of range");

  // A Go map keyed by the set: an override_special equal to another class's set shares its entry, the
  // later minimum winning (string.go:55-60).
  const minimums = new Map<string, number>([
    [NUMERIC_CHARS, params.minNumeric],
    [LOWER_CHARS, params.minLower],
    [UPPER_CHARS, params.minUpper],
  ]);
  minimums.set(specialChars, params.minSpecial);

  const result: number[] = [];
  for (const [set, count] of minimums) result.push(...randomBytesFrom(Buffer.from(set, "utf8"), count));
  result.push(...randomBytesFrom(Buffer.from(chars, "utf8"), params.length - result.length));
  for (let index = result.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return Buffer.from(result).toString("utf8");
}

/**
 * generateHash (resource_password.go:545): bcrypt.GenerateFromPassword at DefaultCost (10) of the first
 * 72 bytes. bcryptjs's key schedule reads only the first 72 bytes too (Blowfish's 18-word P-array), so
 * the whole value gives the same hash. Go's golang.org/x/crypto/bcrypt writes the "$2a$" prefix, bcryptjs
 * "$2b$"; the two hash alike for keys of at most 72 bytes, so only the salt's prefix is changed.
 */
export function bcryptHash(value: string): string {
  return hashSync(value, genSaltSync(10).replace(/^\$2b\$/, "$2a$"));
}

/**
 * AtLeastOneOfTrue on `number` and `numeric` (internal/validators/boolvalidator.go:42): a false class
 * needs one of special, upper, lower true; a null or unknown one of them counts as true (null defaults
 * to true), and the message lists the paths as path.Expressions prints them.
 */
function atLeastOneOfTrue(config: ObjectValue, name: string): Diagnostic[] {
  const value = config[name] ?? null;
  if (value !== false) return [];
  const others = ["special", "upper", "lower"];
  if (others.some((other) => (config[other] ?? null) !== false)) return [];
  return [
    {
      severity: "error",
      summary: "Invalid Attribute Combination",
      detail: `At least one attribute out of [${[...others, name].join(",")}] must be specified as true`,
      attribute: [name],
    },
  ];
}

const INTEGER_INPUTS = ["length", "min_numeric", "min_upper", "min_lower", "min_special"];

function validateStringFamily(config: ObjectValue): Diagnostic[] {
  return [
    ...int64ConversionProblems(config, INTEGER_INPUTS),
    // length: AtLeast(1) and AtLeastSumOf the minimums (resource_password.go:588-596, resource_string.go:385-393).
    ...atLeast(config, "length", 1),
    ...atLeastSumOf(config, "length", ["min_upper", "min_lower", "min_numeric", "min_special"]),
    ...deprecationWarning(config, "number", "**NOTE**: This is deprecated, use `numeric` instead."),
    ...atLeastOneOfTrue(config, "number"),
    ...atLeastOneOfTrue(config, "numeric"),
  ];
}

function planStringFamily(block: BlockSchema, args: PlanArguments): PlanAdjustment {
  const { config, prior } = args;
  const paired = numberNumericPlan(config);
  const withPair = (planned: ObjectValue): ObjectValue => ({ ...planned, number: paired.number, numeric: paired.numeric });
  if (prior === null) return { planned: withPair(args.planned) };

  const replace: string[][] = [];
  // The generic plan kept the prior values of a null `number`/`numeric`; the pairing may change them,
  // and RequiresReplace follows the pairing in the modifiers' order (resource_password.go:635-637).
  for (const name of ["number", "numeric"] as const) {
    if ((config[name] ?? null) === null && paired[name] !== (prior[name] ?? null)) replace.push([name]);
  }
  if (keepersRequireReplace(config["keepers"] ?? null, prior["keepers"] ?? null)) replace.push(["keepers"]);
  if (overrideSpecialRequiresReplace(config["override_special"] ?? null, prior["override_special"] ?? null))
    replace.push(["override_special"]);
  if (replace.length === 0) return { planned: withPair(args.planned) };
  return { planned: withPair(plannedAsCreate(block, config)), requiresReplace: replace };
}

function paramsOf(planned: ObjectValue): StringParams {
  const integer = (name: string) => knownInteger(planned, name) ?? 0;
  const flag = (name: string) => planned[name] === true;
  const override = planned["override_special"];
  return {
    length: integer("length"),
    upper: flag("upper"),
    minUpper: integer("min_upper"),
    lower: flag("lower"),
    minLower: integer("min_lower"),
    numeric: flag("numeric"),
    minNumeric: integer("min_numeric"),
    special: flag("special"),
    minSpecial: integer("min_special"),
    overrideSpecial: typeof override === "string" ? override : "",
  };
}

/** The state an import starts from (resource_password.go:114, resource_string.go:106): the id is the result. */
function importedInputs(id: string): Record<string, Value> {
  return {
    length: Buffer.byteLength(id, "utf8"),
    special: true,
    upper: true,
    lower: true,
    number: true,
    numeric: true,
    min_special: 0,
    min_upper: 0,
    min_lower: 0,
    min_numeric: 0,
    keepers: null,
    override_special: null,
    result: id,
  };
}

const unchanged = (state: ObjectValue): ObjectValue => state;

/** Update copies the plan into the state (resource_password.go:97, resource_string.go:89). */
const copyPlan = (planned: ObjectValue): ObjectValue => planned;

export function passwordResource(block: BlockSchema): ResourceBehaviour {
  return {
    validate: validateStringFamily,
    plan: (args) => planStringFamily(block, args),
    // resource_password.go:52
    create(planned) {
      const result = createString(paramsOf(planned));
      return { ...planned, result, bcrypt_hash: bcryptHash(result), id: "none" };
    },
    read: unchanged,
    update: copyPlan,
    delete() {},
    import: (id) => ({ ...importedInputs(id), bcrypt_hash: bcryptHash(id), id: "none" }),
  };
}

export function stringResource(block: BlockSchema): ResourceBehaviour {
  return {
    validate: validateStringFamily,
    plan: (args) => planStringFamily(block, args),
    // resource_string.go:50
    create(planned) {
      const result = createString(paramsOf(planned));
      return { ...planned, result, id: result };
    },
    read: unchanged,
    update: copyPlan,
    delete() {},
    import: (id) => ({ ...importedInputs(id), id }),
  };
}
