/**
 * Go's encoding/base64 decoding (base64.StdEncoding and base64.RawURLEncoding, both non-strict), with
 * its error text "illegal base64 data at input byte N": the import ids of random_bytes and random_id are
 * decoded with these (resource_bytes.go:101, resource_id.go:207), and a malformed id must fail where
 * the real provider's fails, at the same byte. Node's Buffer.from(text, "base64") accepts nearly anything.
 *
 * The algorithm follows Go's decodeQuantum (encoding/base64/base64.go): newlines are skipped anywhere,
 * padding is required by StdEncoding and refused by RawURLEncoding, and trailing bits are ignored.
 */

const STD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export class GoBase64Error extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
    this.name = "GoBase64Error";
  }
}

interface Encoding {
  readonly alphabet: string;
  readonly padded: boolean;
}

export const STD_ENCODING: Encoding = { alphabet: STD_ALPHABET, padded: true };
export const RAW_URL_ENCODING: Encoding = { alphabet: URL_ALPHABET, padded: false };

const PAD = 0x3d; // "="
const isNewline = (byte: number | undefined) => byte === 0x0a || byte === 0x0d;

/** Decodes as Go's Encoding.DecodeString does; throws GoBase64Error where Go returns CorruptInputError. */
export function goBase64Decode(text: string, encoding: Encoding): Buffer {
  const src = Buffer.from(text, "utf8");
  const decodeMap = new Map<number, number>([...encoding.alphabet].map((char, index) => [char.charCodeAt(0), index]));
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailingError: number | undefined;
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out);
        if (j === 1 || encoding.padded) throw new GoBase64Error(si - j);
        dlen = j;
        break;
      }
      const input = src[si]!;
      si++;
      const decoded = decodeMap.get(input);
      if (decoded !== undefined) {
        dbuf[j] = decoded;
        continue;
      }
      if (isNewline(input)) {
        j--;
        continue;
      }
      if (!encoding.padded || input !== PAD) throw new GoBase64Error(si - 1);
      // Padding: only in the third or fourth place of a quantum, and then only newlines may follow.
      if (j === 0 || j === 1) throw new GoBase64Error(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) throw new GoBase64Error(src.length);
        if (src[si] !== PAD) throw new GoBase64Error(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailingError = si;
      dlen = j;
      break;
    }
    const value = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailingError !== undefined) throw new GoBase64Error(trailingError);
    if (dlen < 4) return Buffer.from(out);
  }
}
