/**
 * A strict JSON reader for files people write by hand. `JSON.parse` keeps the last of two equal keys
 * silently and, on Node 20, reports a syntax error by character position or not at all; this scanner
 * checks the text first and names the line and column, then `JSON.parse` builds the value.
 */

/** A syntax error or duplicate key, at a 1-based line and column. */
export class JsonTextError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(`line ${line}, column ${column}: ${problem}`);
    this.name = "JsonTextError";
  }
}

export function parseJsonText(text: string): unknown {
  new Scanner(text).document();
  return JSON.parse(text);
}

class Scanner {
  private position = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.whitespace();
    if (this.position >= this.text.length) this.fail('the file is empty; expected a JSON object such as {"environments": [...]}');
    this.value("");
    this.whitespace();
    if (this.position < this.text.length) this.fail(`unexpected ${this.found()} after the end of the JSON value`);
  }

  private value(path: string): void {
    const char = this.text[this.position];
    if (char === "{") return this.object(path);
    if (char === "[") return this.array(path);
    if (char === '"') return void this.string();
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) return this.number();
    for (const literal of ["true", "false", "null"]) {
      if (this.text.startsWith(literal, this.position)) {
        this.position += literal.length;
        return;
      }
    }
    if (char === "'") this.fail("JSON strings take double quotes, not single quotes");
    if (char === "/" || char === "#") this.fail("JSON has no comments; remove them, or write the file as YAML (.yaml), which has");
    if (char === "}" || char === "]") this.fail(`expected a value, found ${this.found()} (a trailing comma is not allowed in JSON)`);
    this.fail(`expected a value (a string in double quotes, a number, true, false, null, an object or a list), found ${this.found()}`);
  }

  private object(path: string): void {
    this.position++;
    const keys = new Set<string>();
    this.whitespace();
    if (this.text[this.position] === "}") {
      this.position++;
      return;
    }
    for (;;) {
      this.whitespace();
      if (this.text[this.position] === "}") this.fail("a trailing comma is not allowed in JSON; remove the comma before }");
      if (this.text[this.position] === "/" || this.text[this.position] === "#")
        this.fail("JSON has no comments; remove them, or write the file as YAML (.yaml), which has");
      if (this.text[this.position] !== '"')
        this.fail(
          `expected a property name in double quotes, found ${this.found()}` +
            `${this.text[this.position] === "'" ? " (JSON takes double quotes)" : ""}`,
        );
      const keyLine = this.lineAndColumn(this.position);
      const key = this.string();
      if (keys.has(key)) {
        throw new JsonTextError(
          keyLine.line,
          keyLine.column,
          `duplicate key: ${JSON.stringify(key)} appears twice in ` +
            `${path || "the top-level object"}; JSON would silently keep only the last one, so ` +
            `remove one`,
        );
      }
      keys.add(key);
      this.whitespace();
      if (this.text[this.position] !== ":") this.fail(`expected ':' after the property name ${JSON.stringify(key)}, found ${this.found()}`);
      this.position++;
      this.whitespace();
      this.value(path ? `${path}.${key}` : key);
      this.whitespace();
      const next = this.text[this.position];
      if (next === ",") {
        this.position++;
        continue;
      }
      if (next === "}") {
        this.position++;
        return;
      }
      this.fail(`expected ',' or '}' after the value of ${JSON.stringify(key)}, found ${this.found()}`);
    }
  }

  private array(path: string): void {
    this.position++;
    this.whitespace();
    if (this.text[this.position] === "]") {
      this.position++;
      return;
    }
    for (let index = 0; ; index++) {
      this.whitespace();
      if (this.text[this.position] === "]") this.fail("a trailing comma is not allowed in JSON; remove the comma before ]");
      this.value(`${path}[${index}]`);
      this.whitespace();
      const next = this.text[this.position];
      if (next === ",") {
        this.position++;
        continue;
      }
      if (next === "]") {
        this.position++;
        return;
      }
      this.fail(`expected ',' or ']' after a list item, found ${this.found()}`);
    }
  }

  private string(): string {
    const start = this.position;
    this.position++;
    for (;;) {
      const char = this.text[this.position];
      if (char === undefined) {
        this.position = start;
        this.fail("a string is not closed; add the closing double quote");
      }
      if (char === '"') break;
      if (char === "\n" || char === "\r") this.fail("a line break inside a string; close the string on the same line, or write \\n");
      if (char < " ") this.fail("a control character (such as a tab) inside a string; write it escaped, e.g. \\t");
      if (char === "\\") {
        const escape = this.text[this.position + 1];
        if (escape === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.position + 2, this.position + 6)))
            this.fail("\\u must be followed by 4 hex digits");
          this.position += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape))
          this.fail(`the escape \\${escape ?? ""} is not JSON; write a backslash as \\\\ (Windows paths: C:\\\\Users or C:/Users)`);
        this.position += 2;
        continue;
      }
      this.position++;
    }
    this.position++;
    return JSON.parse(this.text.slice(start, this.position)) as string;
  }

  private number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.position, this.position + 400));
    if (!match) this.fail(`not a JSON number: ${this.found()}`);
    this.position += match![0].length;
    const next = this.text[this.position];
    if (next !== undefined && /[0-9A-Za-z._]/.test(next))
      this.fail(`not a JSON number (a leading zero, a trailing dot or letters); quote it if it is text`);
  }

  private whitespace(): void {
    while (this.position < this.text.length && " \t\n\r".includes(this.text[this.position]!)) this.position++;
  }

  private found(): string {
    if (this.position >= this.text.length) return "the end of the file";
    const char = this.text[this.position]!;
    return /\s/.test(char) ? `the character U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : `'${char}'`;
  }

  private lineAndColumn(position: number): { line: number; column: number } {
    const before = this.text.slice(0, position);
    const line = before.split("\n").length;
    return { line, column: position - before.lastIndexOf("\n") };
  }

  private fail(problem: string): never {
    const { line, column } = this.lineAndColumn(this.position);
    throw new JsonTextError(line, column, problem);
  }
}
