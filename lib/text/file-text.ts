import { readFileSync } from "node:fs";

/**
 * Decodes a file people write by hand as UTF-8, refusing what a plain `readFileSync(path, "utf8")`
 * would turn silently into replacement characters: UTF-16 (what PowerShell 5's `>` and `Out-File`
 * write) and legacy 8-bit encodings such as Latin-1.
 */

const SAVE_AS_UTF8 =
  'save it as UTF-8 (in PowerShell: Get-Content FILE | Set-Content -Encoding utf8 NEW-FILE; in an editor: "Save with encoding" UTF-8)';

/** Whether the bytes start with the UTF-8 byte order mark (EF BB BF) that PowerShell's `-Encoding utf8` writes. */
export function startsWithUtf8ByteOrderMark(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The text, or the reason it cannot be read as UTF-8 (a sentence that completes "the file ..."). */
export function decodeUtf8(bytes: Uint8Array): { readonly text: string } | { readonly problem: string } {
  // ASN.1 DER starts with a SEQUENCE tag and a long-form length (private_key.der, public_key.der of npm run keys):
  // binary, not text in another encoding, so not "UTF-16".
  if (bytes[0] === 0x30 && (bytes[1] === 0x82 || bytes[1] === 0x81)) {
    return {
      problem:
        "is binary DER (a key or certificate in ASN.1), not text; give the PEM file instead (private.pem or jwks.json of " +
        "npm run keys), or convert it: openssl pkey -inform DER -in FILE -out FILE.pem",
    };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: `is UTF-16 (it starts with a UTF-16 byte order mark, as PowerShell 5's > redirection writes); ${SAVE_AS_UTF8}` };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { problem: `contains NUL bytes (at byte ${nul}), so it is UTF-16 or not a text file; ${SAVE_AS_UTF8}` };
  }
  // A UTF-8 byte order mark (PowerShell's -Encoding utf8 writes one) is harmless: drop it.
  const start = startsWithUtf8ByteOrderMark(bytes) ? 3 : 0;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start)) };
  } catch {
    const offset = firstInvalidUtf8(bytes, start);
    const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
    const byte = bytes[offset];
    if (byte === undefined) return { problem: `is not valid UTF-8; ${SAVE_AS_UTF8}` };
    const legacy = byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : String.fromCharCode(byte);
    return {
      problem:
        `is not UTF-8: byte 0x${byte.toString(16).toUpperCase()} on line ${line} is not valid UTF-8 (it ` +
        `looks like Latin-1 or Windows-1252, where it is "${legacy}"); ${SAVE_AS_UTF8}`,
    };
  }
}

/** Windows-1252's 0x80-0x9F (curly quotes, dashes, euro); Latin-1 has control characters there. Node's TextDecoder may lack it. */
const WINDOWS_1252_HIGH = "€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ";

function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  let index = start;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    const length = sequenceLength(byte);
    if (length === 0) return index;
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next];
      if (continuation === undefined || (continuation & 0xc0) !== 0x80) return index;
    }
    index += length;
  }
  return index;
}

/** The length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot start one. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/**
 * Reads a file and decodes it with decodeUtf8, every reader of a hand-written file wording its own two failures:
 * the file cannot be read (the system error), or it is not UTF-8 text (decodeUtf8's problem, completing "the file ...").
 */
export function readUtf8File(path: string, unreadable: (error: unknown) => Error, notUtf8: (problem: string) => Error): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw unreadable(error);
  }
  const decoded = decodeUtf8(bytes);
  if ("problem" in decoded) throw notUtf8(decoded.problem);
  return decoded.text;
}

/** Reads a hand-written file as UTF-8; the problem given to `fail` completes "the file ...". */
export function readTextFile(path: string, hint: string, fail: (problem: string) => Error): string {
  return readUtf8File(
    path,
    (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EISDIR") return fail(`is a directory, not a file${hint}`);
      return fail(`cannot be read (${code ?? String(error)})${hint}`);
    },
    fail,
  );
}
