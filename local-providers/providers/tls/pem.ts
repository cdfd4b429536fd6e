/**
 * Go's encoding/pem as the tls provider uses it: EncodeToMemory writes every PEM the provider stores
 * (64-column base64, a trailing newline), and Decode finds the first well-formed block, skipping text
 * around it. Also hashForState, the provider's `id` (internal/provider/common.go:21).
 */
import { createHash } from "node:crypto";

/** pem.EncodeToMemory of a block without headers (encoding/pem/pem.go: 64 columns, "\n" line ends). */
export function pemEncode(type: string, der: Buffer): string {
  const body = der.toString("base64");
  const lines: string[] = [];
  for (let start = 0; start < body.length; start += 64) lines.push(body.slice(start, start + 64));
  return `-----BEGIN ${type}-----\n${lines.map((line) => `${line}\n`).join("")}-----END ${type}-----\n`;
}

export interface PemBlock {
  readonly type: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly bytes: Buffer;
}

/** getLine: up to the first "\n", without trailing spaces, tabs and carriage returns. */
function getLine(data: string): [string, string] {
  const index = data.indexOf("\n");
  const [line, rest] = index === -1 ? [data, ""] : [data.slice(0, index), data.slice(index + 1)];
  return [line.replace(/[ \t\r]+$/, ""), rest];
}

/** StdEncoding with padding, newlines allowed anywhere: what Go's decoder accepts (trailing bits ignored). */
const GO_STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * pem.Decode (encoding/pem/pem.go): the first block whose BEGIN and END lines match and whose body is
 * base64; null when there is none. Works on the bytes (as latin1 text) so offsets are Go's.
 */
export function pemDecode(input: Buffer): PemBlock | null {
  let rest = input.toString("latin1");
  for (;;) {
    if (rest.startsWith("-----BEGIN ")) rest = rest.slice("-----BEGIN ".length);
    else {
      const index = rest.indexOf("\n-----BEGIN ");
      if (index === -1) return null;
      rest = rest.slice(index + "\n-----BEGIN ".length);
    }
    let typeLine: string;
    [typeLine, rest] = getLine(rest);
    if (!typeLine.endsWith("-----")) continue;
    const type = typeLine.slice(0, -"-----".length);
    const headers: Record<string, string> = {};
    let truncated = false;
    for (;;) {
      if (rest.length === 0) {
        truncated = true;
        break;
      }
      const [line, next] = getLine(rest);
      const colon = line.indexOf(":");
      if (colon === -1) break;
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      rest = next;
    }
    if (truncated) return null;
    let endIndex: number;
    let endTrailerIndex: number;
    if (Object.keys(headers).length === 0 && rest.startsWith("-----END ")) {
      endIndex = 0;
      endTrailerIndex = "-----END ".length;
    } else {
      endIndex = rest.indexOf("\n-----END ");
      endTrailerIndex = endIndex + "\n-----END ".length;
    }
    if (endIndex < 0) continue;
    const trailer = rest.slice(endTrailerIndex);
    const trailerLength = type.length + "-----".length;
    if (trailer.length < trailerLength) continue;
    const endLine = trailer.slice(0, trailerLength);
    if (!endLine.startsWith(type) || !endLine.endsWith("-----")) continue;
    if (getLine(trailer.slice(trailerLength))[0].length !== 0) continue;
    const base64 = rest
      .slice(0, endIndex)
      .replace(/[ \t]/g, "")
      .replace(/[\r\n]/g, "");
    if (!GO_STD_BASE64.test(base64)) continue;
    return { type, headers, bytes: Buffer.from(base64, "base64") };
  }
}

/** unicode.IsSpace runes in UTF-8, longest first: what strings.TrimSpace removes from the end of bytes. */
const UTF8_SPACES = [
  [0xe3, 0x80, 0x80],
  [0xe2, 0x81, 0x9f],
  [0xe2, 0x80, 0xaf],
  [0xe2, 0x80, 0xa9],
  [0xe2, 0x80, 0xa8],
  ...Array.from({ length: 11 }, (_, index) => [0xe2, 0x80, 0x80 + index]),
  [0xe1, 0x9a, 0x80],
  [0xc2, 0xa0],
  [0xc2, 0x85],
  [0x20],
  [0x09],
  [0x0a],
  [0x0b],
  [0x0c],
  [0x0d],
];

/**
 * strings.TrimSpace on bytes. A DER public key starts with 0x30, so only its end can be trimmed; when its
 * last bytes spell a Unicode space (an ASCII one 6 times in 256 for EC and Ed25519 keys), Go drops them
 * before hashing, and so must the id.
 */
export function goTrimSpace(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length && [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d].includes(bytes[start]!)) start++;
  let end = bytes.length;
  for (;;) {
    const tail = bytes.subarray(start, end);
    const space = UTF8_SPACES.find(
      (sequence) => sequence.length <= tail.length && sequence.every((byte, index) => tail[tail.length - sequence.length + index] === byte),
    );
    if (!space) return tail;
    end -= space.length;
  }
}

/** hashForState (internal/provider/common.go:21): hex SHA-1 of the trimmed value, "" for "". */
export function hashForState(value: Buffer): string {
  if (value.length === 0) return "";
  return createHash("sha1").update(goTrimSpace(value)).digest("hex");
}
