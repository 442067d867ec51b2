import { adler32 } from './adler32.js';
import { DIST_BASE, DIST_EXTRA, fixedLiteralLengths, LENGTH_BASE, LENGTH_EXTRA } from './deflate-tables.js';

/*
 * A zlib compressor for token payloads: LZ77 with hash chains, one fixed-Huffman block.
 * Payloads are a few hundred bytes, a 32-byte random signature among them, and dynamic Huffman
 * tables would cost more than they save; fflate's zlibSync allocates ~160 KB per call, which
 * dominated the build path. Any valid zlib stream is accepted by every reference parser
 * (docs/format.md §2.8), and the tests inflate our output with node:zlib and fflate.
 */

function reverseBits(code: number, length: number): number {
  let out = 0;
  for (let i = 0; i < length; i++) {
    out = (out << 1) | (code & 1);
    code >>= 1;
  }
  return out;
}

// Canonical codes of the fixed alphabets, bit-reversed because deflate writes Huffman codes MSB first
// into an LSB-first bit stream.
const LIT_CODE = /* @__PURE__ */ (() => {
  const lengths = fixedLiteralLengths();
  const codes = new Uint16Array(288);
  for (let s = 0; s < 288; s++) {
    const code = s < 144 ? 0x30 + s : s < 256 ? 0x190 + s - 144 : s < 280 ? s - 256 : 0xc0 + s - 280;
    codes[s] = reverseBits(code, lengths[s]!);
  }
  return { codes, lengths };
})();

const DIST_CODE = /* @__PURE__ */ (() => {
  const codes = new Uint8Array(30);
  for (let s = 0; s < 30; s++) codes[s] = reverseBits(s, 5);
  return codes;
})();

// Match length (3..258) to its length symbol index (0..28).
const LENGTH_SYMBOL = /* @__PURE__ */ (() => {
  const table = new Uint8Array(259);
  for (let s = 0; s < 29; s++) {
    const end = s === 28 ? 259 : LENGTH_BASE[s + 1]!;
    for (let l = LENGTH_BASE[s]!; l < end; l++) table[l] = s;
  }
  table[258] = 28;
  return table;
})();

const HASH_BITS = 12;
const WINDOW = 32768;
const MAX_MATCH = 258;
const MAX_CHAIN = 16;
// Far length-3 matches cost more bits than three literals (zlib's TOO_FAR heuristic).
const TOO_FAR = 4096;

// Scratch state reused across calls (the API is synchronous, so calls never interleave). Hash heads
// hold `position + generation`; entries below the current generation are stale, which spares a
// 16 KB fill on every call.
const head = /* @__PURE__ */ new Int32Array(1 << HASH_BITS);
let prev = /* @__PURE__ */ new Int32Array(1024);
let generation = 0;
let out = /* @__PURE__ */ new Uint8Array(1024);

/**
 * Compresses `data` into a complete zlib stream (header, one final fixed block, Adler-32). Returns a
 * view of a reused scratch buffer, valid until the next call.
 */
export function zlibCompress(data: Uint8Array): Uint8Array {
  const n = data.length;
  // Worst case is 31 bits per three bytes (a far length-3 match), so 11 bits a byte bounds it.
  const bound = 2 + Math.ceil((n * 11 + 10) / 8) + 4 + 8;
  if (out.length < bound) out = new Uint8Array(bound);
  if (prev.length < n) prev = new Int32Array(Math.max(n, prev.length * 2));
  if (generation > 0x3fffffff - n) {
    head.fill(0);
    generation = 0;
  }
  const base = generation + 1;
  generation += n + 1;

  const o = out;
  o[0] = 0x78;
  o[1] = 0x9c;
  let op = 2;
  let bitBuf = 0b011; // BFINAL = 1, BTYPE = 01 (fixed Huffman)
  let bitCount = 3;
  const put = (bits: number, count: number): void => {
    bitBuf |= bits << bitCount;
    bitCount += count;
    while (bitCount >= 8) {
      o[op++] = bitBuf & 255;
      bitBuf >>>= 8;
      bitCount -= 8;
    }
  };
  const { codes, lengths } = LIT_CODE;

  const insert = (p: number): void => {
    const h = Math.imul((data[p]! << 16) | (data[p + 1]! << 8) | data[p + 2]!, 0x9e3779b1) >>> (32 - HASH_BITS);
    prev[p] = head[h]!;
    head[h] = p + base;
  };

  let p = 0;
  while (p < n) {
    let bestLen = 0;
    let bestDist = 0;
    if (p + 2 < n) {
      const h = Math.imul((data[p]! << 16) | (data[p + 1]! << 8) | data[p + 2]!, 0x9e3779b1) >>> (32 - HASH_BITS);
      let cand = head[h]! - base;
      const maxLen = Math.min(MAX_MATCH, n - p);
      for (let chain = MAX_CHAIN; cand >= 0 && chain > 0 && p - cand <= WINDOW; chain--) {
        if (data[cand + bestLen] === data[p + bestLen]) {
          let l = 0;
          while (l < maxLen && data[cand + l] === data[p + l]) l++;
          if (l > bestLen && (l > 3 || p - cand <= TOO_FAR)) {
            bestLen = l;
            bestDist = p - cand;
            if (l === maxLen) break;
          }
        }
        cand = prev[cand]! - base;
      }
      prev[p] = head[h]!;
      head[h] = p + base;
    }
    if (bestLen >= 3) {
      const ls = LENGTH_SYMBOL[bestLen]!;
      put(codes[257 + ls]!, lengths[257 + ls]!);
      if (LENGTH_EXTRA[ls]) put(bestLen - LENGTH_BASE[ls]!, LENGTH_EXTRA[ls]!);
      let ds = 29;
      while (DIST_BASE[ds]! > bestDist) ds--;
      put(DIST_CODE[ds]!, 5);
      if (DIST_EXTRA[ds]) put(bestDist - DIST_BASE[ds]!, DIST_EXTRA[ds]!);
      const end = p + bestLen;
      for (p++; p < end; p++) if (p + 2 < n) insert(p);
    } else {
      const s = data[p++]!;
      put(codes[s]!, lengths[s]!);
    }
  }
  put(codes[256]!, lengths[256]!);
  if (bitCount > 0) put(0, 8 - bitCount);
  const sum = adler32(data);
  o[op++] = sum >>> 24;
  o[op++] = (sum >>> 16) & 255;
  o[op++] = (sum >>> 8) & 255;
  o[op++] = sum & 255;
  return o.subarray(0, op);
}
