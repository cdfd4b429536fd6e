/**
 * `--set` parsing as the helm provider does it: it imports k8s.io/helm/pkg/strvals (Helm 2, go.mod pins
 * k8s.io/helm v2.17.0+incompatible), read at helm/helm@v2.17.0 pkg/strvals/parser.go. Keys split on '.',
 * '[n]' indexes lists, a backslash escapes the next character (so `a\.b` is one key), ',' separates
 * assignments and `{a,b}` is a list. Values are typed (typedVal, :385-416) unless the string variant is used.
 */

export type StrvalsValue = null | string | number | boolean | StrvalsValue[] | { [key: string]: StrvalsValue };
type StrvalsMap = { [key: string]: StrvalsValue };

class EndOfInput extends Error {
  constructor() {
    super("EOF");
  }
}

class Reader {
  private position = 0;
  private readonly runes: string[];

  constructor(text: string) {
    this.runes = [...text];
  }

  read(): string | undefined {
    return this.position < this.runes.length ? this.runes[this.position++] : undefined;
  }

  unread(): void {
    this.position--;
  }
}

/** parser.go:360-378 runesUntil: reads to a stop rune, a backslash taking the next rune literally. */
function runesUntil(reader: Reader, stop: string): { value: string; last: string | undefined; eof: boolean } {
  let value = "";
  for (;;) {
    const rune = reader.read();
    if (rune === undefined) return { value, last: undefined, eof: true };
    if (stop.includes(rune)) return { value, last: rune, eof: false };
    if (rune === "\\") {
      const next = reader.read();
      if (next === undefined) return { value, last: undefined, eof: true };
      value += next;
      continue;
    }
    value += rune;
  }
}

/** parser.go:385-416 typedVal. */
function typedValue(text: string, asString: boolean): StrvalsValue {
  if (asString) return text;
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (text === "0") return 0;
  if (text.length > 0 && text[0] !== "0" && /^[+-]?\d+$/.test(text)) {
    const parsed = BigInt(text);
    if (parsed <= 9223372036854775807n && parsed >= -9223372036854775808n) return Number(parsed);
  }
  return text;
}

/** What Go does where parser.go asserts a type that is not there: the provider panics. */
function conversionPanic(value: StrvalsValue, wanted: string): Error {
  let actual: string;
  if (Array.isArray(value)) actual = "[]interface {}";
  else if (value === null) actual = "nil";
  else if (typeof value === "object") actual = "map[string]interface {}";
  else actual = goType(value);
  return new Error(`interface conversion: interface {} is ${actual}, not ${wanted}`);
}

function goType(value: string | number | boolean): string {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  return "int64";
}

class Parser {
  constructor(
    private readonly reader: Reader,
    private readonly asString: boolean,
  ) {}

  parse(data: StrvalsMap): void {
    for (;;) {
      try {
        this.key(data);
      } catch (error) {
        if (error instanceof EndOfInput) return;
        throw error;
      }
    }
  }

  /** parser.go:152-223. */
  private key(data: StrvalsMap): void {
    const { value: key, last, eof } = runesUntil(this.reader, "=[,.");
    if (eof) {
      if (key.length === 0) throw new EndOfInput();
      throw new Error(`key "${key}" has no value`);
    }
    if (last === "[") {
      let index: number;
      try {
        index = this.keyIndex();
      } catch (error) {
        throw new Error(`error parsing index: ${(error as Error).message}`);
      }
      let list: StrvalsValue[] = [];
      if (key in data) {
        const existing = data[key]!;
        if (!Array.isArray(existing)) throw conversionPanic(existing, "[]interface {}");
        list = existing;
      }
      const result = this.listItem(list, index);
      set(data, key, result.list);
      if (result.error) throw result.error;
      return;
    }
    if (last === "=") {
      const listed = this.valueList();
      if (listed.kind === "list") {
        set(data, key, listed.list);
        return;
      }
      if (listed.kind === "eof") {
        set(data, key, "");
        throw new EndOfInput();
      }
      const { value, eof: ended } = runesUntil(this.reader, ",");
      set(data, key, typedValue(value, this.asString));
      if (ended) throw new EndOfInput();
      return;
    }
    if (last === ",") {
      set(data, key, "");
      throw new Error(`key "${key}" has no value (cannot end with ,)`);
    }
    // last === "."
    let inner: StrvalsMap = {};
    if (key in data) {
      const existing = data[key]!;
      if (existing === null || typeof existing !== "object" || Array.isArray(existing))
        throw conversionPanic(existing, "map[string]interface {}");
      inner = existing;
    }
    let failure: unknown;
    try {
      this.key(inner);
    } catch (error) {
      failure = error;
    }
    if (Object.keys(inner).length === 0) throw new Error(`key map "${key}" has no value`);
    set(data, key, inner);
    if (failure) throw failure;
  }

  /** parser.go:243-253: the index up to ']', through strconv.Atoi. */
  private keyIndex(): number {
    const { value, eof } = runesUntil(this.reader, "]");
    if (eof) throw new Error("EOF");
    if (!/^[+-]?\d+$/.test(value)) throw new Error(`strconv.Atoi: parsing "${value}": invalid syntax`);
    const index = Number(value);
    if (index < 0) throw new Error(`runtime error: index out of range [${index}]`);
    return index;
  }

  /** parser.go:254-314. */
  private listItem(list: StrvalsValue[], index: number): { list: StrvalsValue[]; error?: unknown } {
    const { value, last, eof } = runesUntil(this.reader, "[.=");
    if (value.length > 0) return { list, error: new Error(`unexpected data at end of array index: "${value}"`) };
    if (eof) return { list, error: new EndOfInput() };
    if (last === "=") {
      const listed = this.valueList();
      if (listed.kind === "list") return { list: setIndex(list, index, listed.list) };
      if (listed.kind === "eof") return { list: setIndex(list, index, "") };
      const { value: text, eof: ended } = runesUntil(this.reader, ",");
      return { list: setIndex(list, index, typedValue(text, this.asString)), ...(ended ? { error: new EndOfInput() } : {}) };
    }
    if (last === "[") {
      let next: number;
      try {
        next = this.keyIndex();
      } catch (error) {
        return { list, error: new Error(`error parsing index: ${(error as Error).message}`) };
      }
      let current: StrvalsValue[] = [];
      if (list.length > index && list[index] !== null && list[index] !== undefined) {
        const existing = list[index]!;
        if (!Array.isArray(existing)) throw conversionPanic(existing, "[]interface {}");
        current = existing;
      }
      const nested = this.listItem(current, next);
      return { list: setIndex(list, index, nested.list), ...(nested.error ? { error: nested.error } : {}) };
    }
    // last === "."
    let inner: StrvalsMap = {};
    if (list.length > index) {
      const existing = list[index];
      if (existing !== null && typeof existing === "object" && !Array.isArray(existing)) inner = existing;
      else list[index] = inner;
    }
    let failure: unknown;
    try {
      this.key(inner);
    } catch (error) {
      failure = error;
    }
    return { list: setIndex(list, index, inner), ...(failure ? { error: failure } : {}) };
  }

  /** parser.go:322-358: a `{a,b}` list, or not a list. */
  private valueList(): { kind: "list"; list: StrvalsValue[] } | { kind: "eof" } | { kind: "not-list" } {
    const first = this.reader.read();
    if (first === undefined) return { kind: "eof" };
    if (first !== "{") {
      this.reader.unread();
      return { kind: "not-list" };
    }
    const list: StrvalsValue[] = [];
    for (;;) {
      const { value, last, eof } = runesUntil(this.reader, ",}");
      if (eof) throw new Error("list must terminate with '}'");
      if (last === "}") {
        const after = this.reader.read();
        if (after !== undefined && after !== ",") this.reader.unread();
        list.push(typedValue(value, this.asString));
        return { kind: "list", list };
      }
      list.push(typedValue(value, this.asString));
    }
  }
}

function set(data: StrvalsMap, key: string, value: StrvalsValue): void {
  if (key.length === 0) return;
  data[key] = value;
}

function setIndex(list: StrvalsValue[], index: number, value: StrvalsValue): StrvalsValue[] {
  const result = list.length <= index ? [...list, ...new Array<StrvalsValue>(index + 1 - list.length).fill(null)] : list;
  result[index] = value;
  return result;
}

/** parser.go:82 ParseInto (typed values) and :100 ParseIntoString (every value a string). */
export function parseInto(line: string, destination: StrvalsMap, asString = false): void {
  new Parser(new Reader(line), asString).parse(destination);
}
