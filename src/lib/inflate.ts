import { TokenError } from '../errors.js';
import { adler32 } from './adler32.js';
import { DIST_BASE, DIST_EXTRA, fixedLiteralLengths, LENGTH_BASE, LENGTH_EXTRA } from './deflate-tables.js';

/*
 * A bounded zlib inflater for untrusted tokens. Unlike fflate's sync API it checks the Adler-32
 * trailer, finds it right after the deflate stream (bytes after the trailer are ignored, as the
 * references do: parse vector 47), and stops with its own error the moment the output would pass
 * `limit`, without allocating what a zlib bomb asks for.
 */

interface Huffman {
  count: Uint16Array; // codes per length
  symbol: Uint16Array; // symbols ordered by code
  // Past the table, canonical decoding on the next 15 bits (MSB first): codes up to each length end
  // at `end`, and a code of that length is at `symbol[base + code]`.
  end: Uint32Array;
  base: Int32Array;
  // Table index width: the longest code, at most FAST_BITS, so a block whose code is one bit long
  // fills two entries, not 512 (thousands of tiny blocks must cost little, SECURITY.md).
  bits: number;
  // Indexed by the next `bits` input bits: `symbol | length << 9`, or 0 where the code is longer
  // (or unused) and canonical decoding takes over.
  fast: Uint16Array;
}

const FAST_BITS = 9;

const malformed = (why: string): TokenError => new TokenError('ERR_MALFORMED_TOKEN', `invalid zlib data: ${why}`);

// REVERSED[v] is v's 9 low bits in reverse order. Deflate sends Huffman codes MSB first into an
// LSB-first stream, so tables are indexed by reversed codes and the walk reverses the input.
const REVERSED = /* @__PURE__ */ (() => {
  const table = new Uint16Array(1 << FAST_BITS);
  for (let v = 0; v < table.length; v++) for (let b = 0; b < FAST_BITS; b++) table[v]! |= ((v >> b) & 1) << (FAST_BITS - 1 - b);
  return table;
})();

const nextIndex = /* @__PURE__ */ new Uint16Array(16);

/**
 * Builds canonical decoding tables for `lengths[from, from + n)`; returns the number of unused codes
 * (negative = over-subscribed), 0 when no length is set.
 */
function buildHuffman(lengths: Uint8Array, from: number, n: number, h: Huffman): number {
  const { count, symbol, end, base, fast } = h;
  count.fill(0);
  // Zero lengths are counted by difference: a run of them would chain every increment on the last.
  let used = 0;
  for (let s = from; s < from + n; s++) {
    const len = lengths[s]!;
    if (len) {
      count[len]!++;
      used++;
    }
  }
  count[0] = n - used;
  const next = nextIndex;
  let left = 1;
  let longest = 0;
  // `first` is the first code of each length, `index` where its symbols start.
  for (let len = 1, first = 0, index = 0; len < 16; len++, first <<= 1) {
    const c = count[len]!;
    left = (left << 1) - c;
    if (c) longest = len;
    next[len] = index;
    base[len] = index - first;
    first += c;
    index += c;
    end[len] = first << (15 - len);
  }
  if (left < 0) return left;
  for (let s = 0; s < n; s++) {
    const len = lengths[from + s]!;
    if (len) symbol[next[len]!++] = s;
  }
  const bits = longest < FAST_BITS ? longest : FAST_BITS;
  h.bits = bits;
  // Codes of up to `bits` bits, in canonical order, cover the table's reversed indices from 0 up;
  // what is left is prefixes of longer codes or unused, and falls to the walk.
  const shift = FAST_BITS - bits;
  let v = 0;
  for (let len = 1, index = 0; len <= bits; len++) {
    const span = 1 << (bits - len);
    for (let k = 0; k < count[len]!; k++, index++) {
      const entry = symbol[index]! | (len << 9);
      for (const stop = v + span; v < stop; v++) fast[REVERSED[v]! >> shift] = entry;
    }
  }
  for (; v < 1 << bits; v++) fast[REVERSED[v]! >> shift] = 0;
  // No code at all is complete as far as the header goes; decoding from it fails.
  return used === 0 ? 0 : left;
}

const newHuffman = (n: number): Huffman => ({
  count: new Uint16Array(16),
  symbol: new Uint16Array(n),
  end: new Uint32Array(16),
  base: new Int32Array(16),
  bits: 0,
  fast: new Uint16Array(1 << FAST_BITS),
});

const FIXED = /* @__PURE__ */ (() => {
  const lit = newHuffman(288);
  buildHuffman(fixedLiteralLengths(), 0, 288, lit);
  const dist = newHuffman(30);
  buildHuffman(new Uint8Array(30).fill(5), 0, 30, dist);
  return { lit, dist };
})();

const CODE_LENGTH_ORDER = /* @__PURE__ */ Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);

// Scratch reused across calls (the API is synchronous, so calls never interleave).
let scratch: Uint8Array | undefined;
const lengths = /* @__PURE__ */ new Uint8Array(320);
const DYNAMIC = /* @__PURE__ */ (() => ({ codeLengths: newHuffman(19), lit: newHuffman(286), dist: newHuffman(30) }))();

/**
 * Inflates a zlib stream into a reused scratch buffer and returns a view of it, valid until the next
 * call. Throws `ERR_MALFORMED_TOKEN` for any defect and `ERR_INFLATE_LIMIT` past `limit` bytes.
 */
export function zlibInflate(input: Uint8Array, limit: number): Uint8Array {
  if (!scratch || scratch.length < limit) scratch = new Uint8Array(limit);
  const out = scratch;
  let op = 0;
  if (input.length < 2) throw malformed('missing header');
  const cmf = input[0]!;
  const flg = input[1]!;
  if ((cmf & 15) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0) throw malformed('bad header');
  if (flg & 0x20) throw malformed('preset dictionary');

  let ip = 2;
  let bitBuf = 0;
  let bitCount = 0;
  const bits = (need: number): number => {
    while (bitCount < need) {
      if (ip >= input.length) throw malformed('unexpected end of stream');
      bitBuf |= input[ip++]! << bitCount;
      bitCount += 8;
    }
    const v = bitBuf & ((1 << need) - 1);
    bitBuf >>>= need;
    bitCount -= need;
    return v;
  };
  const decode = (h: Huffman): number => {
    // Top up to at least 15 bits when the input has them; at most 32 bits are buffered.
    while (bitCount <= 24 && ip < input.length) {
      bitBuf |= input[ip++]! << bitCount;
      bitCount += 8;
    }
    const entry = h.fast[bitBuf & ((1 << h.bits) - 1)]!;
    if (entry) {
      const len = entry >> 9;
      // Codes are prefix-free, so a table code longer than the bits left means a truncated stream.
      if (len > bitCount) throw malformed('unexpected end of stream');
      bitBuf >>>= len;
      bitCount -= len;
      return entry & 511;
    }
    // No code of up to h.bits bits matches, so the canonical walk resumes one bit further, on the
    // next 15 input bits read MSB first.
    const code15 = (REVERSED[bitBuf & 511]! << 6) | (REVERSED[(bitBuf >>> 9) & 63]! >> 3);
    let len = h.bits + 1;
    while (len < 16 && code15 >= h.end[len]!) len++;
    // Bits past the input read as zeros: a code that needs them, or no code in fewer than 15 bits,
    // is a truncated stream.
    if (len === 16 && bitCount >= 15) throw malformed('invalid Huffman code');
    if (len > bitCount) throw malformed('unexpected end of stream');
    bitBuf >>>= len;
    bitCount -= len;
    return h.symbol[h.base[len]! + (code15 >> (15 - len))]!;
  };
  const overflow = (): TokenError =>
    new TokenError('ERR_INFLATE_LIMIT', `token payload inflates past ${limit} bytes; refused before allocating it`);

  let final = 0;
  while (!final) {
    final = bits(1);
    const type = bits(2);
    if (type === 0) {
      // Whole bytes already buffered belong to the stored block; only the partial byte is padding.
      ip -= bitCount >> 3;
      bitBuf = 0;
      bitCount = 0;
      if (ip + 4 > input.length) throw malformed('unexpected end of stream');
      const len = input[ip]! | (input[ip + 1]! << 8);
      const nlen = input[ip + 2]! | (input[ip + 3]! << 8);
      if (len !== (~nlen & 0xffff)) throw malformed('bad stored block length');
      ip += 4;
      if (ip + len > input.length) throw malformed('unexpected end of stream');
      if (op + len > limit) throw overflow();
      out.set(input.subarray(ip, ip + len), op);
      ip += len;
      op += len;
      continue;
    }
    let lit = FIXED.lit;
    let dist = FIXED.dist;
    if (type === 2) {
      const nlen = bits(5) + 257;
      const ndist = bits(5) + 1;
      const ncode = bits(4) + 4;
      if (nlen > 286 || ndist > 30) throw malformed('too many codes');
      lengths.fill(0, 0, 19);
      for (let i = 0; i < ncode; i++) lengths[CODE_LENGTH_ORDER[i]!] = bits(3);
      const { codeLengths } = DYNAMIC;
      if (buildHuffman(lengths, 0, 19, codeLengths) !== 0) throw malformed('bad code-length code');
      lengths.fill(0);
      for (let i = 0; i < nlen + ndist; ) {
        const sym = decode(codeLengths);
        if (sym < 16) {
          lengths[i++] = sym;
          continue;
        }
        let value = 0;
        let repeat: number;
        if (sym === 16) {
          if (i === 0) throw malformed('repeat of no length');
          value = lengths[i - 1]!;
          repeat = 3 + bits(2);
        } else repeat = sym === 17 ? 3 + bits(3) : 11 + bits(7);
        if (i + repeat > nlen + ndist) throw malformed('too many code lengths');
        // The lengths start zeroed, so a run of zeros only moves on.
        if (value) while (repeat--) lengths[i++] = value;
        else i += repeat;
      }
      if (lengths[256] === 0) throw malformed('no end-of-block code');
      lit = DYNAMIC.lit;
      let left = buildHuffman(lengths, 0, nlen, lit);
      if (left < 0 || (left > 0 && nlen !== lit.count[0]! + lit.count[1]!)) throw malformed('bad literal/length code');
      dist = DYNAMIC.dist;
      left = buildHuffman(lengths, nlen, ndist, dist);
      if (left < 0 || (left > 0 && ndist !== dist.count[0]! + dist.count[1]!)) throw malformed('bad distance code');
    } else if (type !== 1) throw malformed('reserved block type');

    const { fast } = lit;
    const mask = (1 << lit.bits) - 1;
    for (;;) {
      // decode()'s table path, inline: nearly every symbol of a token takes it, and a call per symbol
      // cost a third of the inflate time in Bun (docs/design.md, "zlib").
      while (bitCount <= 24 && ip < input.length) {
        bitBuf |= input[ip++]! << bitCount;
        bitCount += 8;
      }
      const entry = fast[bitBuf & mask]!;
      let sym: number;
      if (entry && entry >> 9 <= bitCount) {
        bitBuf >>>= entry >> 9;
        bitCount -= entry >> 9;
        sym = entry & 511;
      } else sym = decode(lit);
      if (sym < 256) {
        if (op >= limit) throw overflow();
        out[op++] = sym;
      } else if (sym === 256) break;
      else {
        const ls = sym - 257;
        if (ls >= 29) throw malformed('invalid length symbol');
        const len = LENGTH_BASE[ls]! + bits(LENGTH_EXTRA[ls]!);
        const ds = decode(dist);
        if (ds >= 30) throw malformed('invalid distance symbol');
        const d = DIST_BASE[ds]! + bits(DIST_EXTRA[ds]!);
        if (d > op) throw malformed('distance too far back');
        if (op + len > limit) throw overflow();
        for (let k = 0; k < len; k++, op++) out[op] = out[op - d]!;
      }
    }
  }
  // The Adler-32 trailer starts at the next byte boundary; bytes after it are ignored.
  ip -= bitCount >> 3;
  if (ip + 4 > input.length) throw malformed('missing Adler-32 trailer');
  const expected = ((input[ip]! << 24) | (input[ip + 1]! << 16) | (input[ip + 2]! << 8) | input[ip + 3]!) >>> 0;
  const result = out.subarray(0, op);
  if (adler32(result) !== expected) throw malformed('Adler-32 checksum mismatch');
  return result;
}
