import { TokenError } from '../errors.js';
import { utf8Decode } from './bytes.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const DECODE = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

const ENCODE = /* @__PURE__ */ Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 61; // "="

// Encoding into bytes and decoding them once gives a flat string about three times faster than
// appending four characters at a time; the scratch grows to the largest token seen.
let scratch = /* @__PURE__ */ new Uint8Array(256);
// Decoded bytes go to a scratch too, grown to the largest token seen: in Node a new Uint8Array of more
// than 64 bytes gets a backing store of its own, which cost more than the whole decoding of a token
// (docs/design.md "Where state lives").
let decoded = /* @__PURE__ */ new Uint8Array(256);

/** Standard alphabet with `=` padding, as every reference emits (docs/format.md §2.1). */
export function base64Encode(bytes: Uint8Array): string {
  const n = bytes.length;
  const size = Math.ceil(n / 3) * 4;
  if (scratch.length < size) scratch = new Uint8Array(size);
  const out = scratch;
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = ENCODE[(v >> 6) & 63]!;
    out[o++] = ENCODE[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | (i + 1 < n ? bytes[i + 1]! << 8 : 0);
    out[o++] = ENCODE[v >> 18]!;
    out[o++] = ENCODE[(v >> 12) & 63]!;
    out[o++] = i + 1 < n ? ENCODE[(v >> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return utf8Decode(out.subarray(0, o));
}

const malformed = (why: string): TokenError => new TokenError('ERR_MALFORMED_TOKEN', `invalid base64: ${why}`);

/**
 * Strict decoding as Go's `base64.StdEncoding`, the reference the vectors follow: only CR and LF are
 * skipped; the URL-safe alphabet, missing padding, characters after the padding and any other stray
 * character are errors (the lenient decoders of Node, C++ and Java accept them, docs/format.md §2.9).
 * Returns a view of a scratch buffer, valid until the next call.
 */
export function base64Decode(text: string, from = 0): Uint8Array {
  let end = text.length;
  while (end > from && text.charCodeAt(end - 1) === 61) end--;
  // Enough for the characters before the padding, and exact when there are no line breaks.
  const size = Math.floor(((end - from) * 3) / 4);
  if (decoded.length < size) decoded = new Uint8Array(size);
  const out = decoded;
  let o = 0;
  let i = from;
  // The body of a token is whole groups of four alphabet characters: they are decoded four at a time.
  // A line break, the padding or any stray character ends this loop at the start of its group, and
  // the checked loop below takes over from there.
  for (; i + 4 <= end; i += 4) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const d = text.charCodeAt(i + 3);
    if ((a | b | c | d) > 127) break;
    // A -1 (a character outside the alphabet) in any place sets the sign bit.
    const v = (DECODE[a]! << 18) | (DECODE[b]! << 12) | (DECODE[c]! << 6) | DECODE[d]!;
    if (v < 0) break;
    out[o++] = v >> 16;
    out[o++] = v >> 8;
    out[o++] = v;
  }
  let acc = 0;
  let count = 0;
  let pad = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) continue;
    if (c === 61) {
      pad++;
      if (pad > 2 || count + pad > 4 || count < 2) throw malformed(`misplaced "=" at offset ${i}`);
      continue;
    }
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) throw malformed(`unexpected character at offset ${i}`);
    if (pad) throw malformed(`data after padding at offset ${i}`);
    acc = (acc << 6) | v;
    if (++count === 4) {
      out[o++] = acc >> 16;
      out[o++] = (acc >> 8) & 255;
      out[o++] = acc & 255;
      acc = 0;
      count = 0;
    }
  }
  if (pad) {
    if (count + pad !== 4) throw malformed('incomplete padding');
    if (count === 2) out[o++] = acc >> 4;
    else {
      out[o++] = acc >> 10;
      out[o++] = (acc >> 2) & 255;
    }
  } else if (count) throw malformed('length is not a multiple of 4 (missing padding?)');
  return out.subarray(0, o);
}
