// Valid tokens shaped to cost the inflater the most per character, each as long as MAX_TOKEN_LENGTH
// allows. Built here from a real payload (buildToken) and a small deflate bit writer, so every one
// decodes and verifies: the work is not cut short by an error.
//
// - tiny-blocks: thousands of empty dynamic-Huffman blocks, each 92 bits, each sending a whole
//   code-length code and a literal/length code (only end-of-block, length 1): all table building.
// - full-tables: empty dynamic blocks whose codes are complete over 286 literal/length and 30
//   distance symbols: the most table entries per block.
// - long-codes: one dynamic block whose literals all have 15-bit codes (the short codes go to
//   symbols never sent), coding a payload of about 36 000 bytes: every literal misses a 9-bit table.

const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** LSB-first bit packer, as deflate writes; Huffman codes go in MSB first. */
class Bits {
  bytes = [];
  acc = 0;
  n = 0;
  put(value, count) {
    for (let i = 0; i < count; i++) {
      this.acc |= ((value >>> i) & 1) << this.n;
      if (++this.n === 8) this.flushByte();
    }
    return this;
  }
  code(code, length) {
    for (let i = length - 1; i >= 0; i--) this.put((code >>> i) & 1, 1);
    return this;
  }
  flushByte() {
    this.bytes.push(this.acc);
    this.acc = 0;
    this.n = 0;
  }
  align() {
    if (this.n) this.flushByte();
    return this;
  }
}

/** Canonical codes for `lengths` (RFC 1951 §3.2.2); -1 for unused symbols. */
function canonical(lengths) {
  const count = new Array(16).fill(0);
  for (const l of lengths) if (l) count[l]++;
  const next = new Array(16).fill(0);
  for (let len = 2; len < 16; len++) next[len] = (next[len - 1] + count[len - 1]) << 1;
  return lengths.map((l) => (l ? next[l]++ : -1));
}

/** Code-length symbols ([symbol, extra]) for a list of lengths: runs of zeros as 17/18, runs of a length as 16. */
function lengthSymbols(lengths) {
  const out = [];
  for (let i = 0; i < lengths.length; ) {
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === lengths[i]) run++;
    const value = lengths[i];
    i += run;
    if (value === 0) {
      for (; run >= 11; run -= Math.min(run, 138)) out.push([18, Math.min(run, 138) - 11]);
      if (run >= 3) out.push([17, run - 3]), (run = 0);
      for (; run > 0; run--) out.push([0]);
    } else {
      out.push([value]);
      for (run--; run >= 3; run -= Math.min(run, 6)) out.push([16, Math.min(run, 6) - 3]);
      for (; run > 0; run--) out.push([value]);
    }
  }
  return out;
}

const EXTRA_BITS = { 16: 2, 17: 3, 18: 7 };

/** Writes a dynamic block header with these literal/length and distance code lengths; returns their codes. */
function dynamicHeader(bits, final, lit, dist) {
  const symbols = lengthSymbols([...lit, ...dist]);
  const frequency = new Array(19).fill(0);
  for (const [s] of symbols) frequency[s]++;
  const clLengths = codeLengthCode(frequency);
  const used = Math.max(4, ...ORDER.map((s, i) => (clLengths[s] ? i + 1 : 0)));
  bits.put(final, 1).put(2, 2).put(lit.length - 257, 5).put(dist.length - 1, 5).put(used - 4, 4);
  for (let i = 0; i < used; i++) bits.put(clLengths[ORDER[i]], 3);
  const clCodes = canonical(clLengths);
  for (const [s, extra] of symbols) {
    bits.code(clCodes[s], clLengths[s]);
    if (s in EXTRA_BITS) bits.put(extra, EXTRA_BITS[s]);
  }
  return { lit: canonical(lit), dist: canonical(dist) };
}

/** A complete code over the used code-length symbols, the more frequent ones one bit shorter. */
function codeLengthCode(frequency) {
  const used = frequency.map((f, s) => [f, s]).filter(([f]) => f > 0).sort((a, b) => b[0] - a[0]);
  const lengths = new Array(19).fill(0);
  // A lone symbol still needs a complete code: pair it with an unused one.
  if (used.length === 1) used.push([0, used[0][1] === 0 ? 1 : 0]);
  // k symbols of L bits (2^(L-1) < k <= 2^L), of which 2^L - k are one bit shorter: Kraft sum 1.
  const bits = Math.ceil(Math.log2(used.length));
  const shorter = 2 ** bits - used.length;
  used.forEach(([, s], i) => (lengths[s] = i < shorter ? bits - 1 : bits));
  return lengths;
}

const EMPTY_TINY = { lit: Array.from({ length: 257 }, (_, s) => (s === 256 ? 1 : 0)), dist: [0] };

// 226 codes of 8 bits and 60 of 9 (226/256 + 60/512 = 1); 2 distance codes of 4 bits and 28 of 5.
const EMPTY_FULL = {
  lit: Array.from({ length: 286 }, (_, s) => (s < 226 ? 8 : 9)),
  dist: Array.from({ length: 30 }, (_, s) => (s < 2 ? 4 : 5)),
};

function adler32(data) {
  let a = 1;
  let b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function finishStream(bits, payload) {
  bits.align();
  const sum = adler32(payload);
  return Uint8Array.from([0x78, 0x9c, ...bits.bytes, sum >>> 24, (sum >>> 16) & 255, (sum >>> 8) & 255, sum & 255]);
}

/** Empty blocks of one shape, then the payload in one final stored block. */
function emptyBlocks(payload, shape, blocks) {
  const bits = new Bits();
  for (let i = 0; i < blocks; i++) {
    const { lit } = dynamicHeader(bits, 0, shape.lit, shape.dist);
    bits.code(lit[256], shape.lit[256]);
  }
  bits.put(1, 1).put(0, 2).align();
  bits.bytes.push(payload.length & 255, payload.length >>> 8, ~payload.length & 255, (~payload.length >>> 8) & 255, ...payload);
  return finishStream(bits, payload);
}

/** The payload in one dynamic block, every literal coded in 15 bits. */
function longCodes(payload) {
  // End-of-block and length symbols 257–262 take lengths 1–7 (1 − 1/128); the 256 literals share the
  // remaining 1/128 as 15-bit codes.
  const lit = Array.from({ length: 263 }, (_, s) => (s < 256 ? 15 : s - 255));
  const bits = new Bits();
  const codes = dynamicHeader(bits, 1, lit, [0]);
  for (const byte of payload) bits.code(codes.lit[byte], 15);
  bits.code(codes.lit[256], 1);
  return finishStream(bits, payload);
}

const toToken = (stream) => '007' + Buffer.from(stream).toString('base64');

/** Characters of a "007" token whose zlib stream is `bits` bits of blocks plus `bytes` whole bytes. */
const tokenLength = (bits, bytes) => 3 + 4 * Math.ceil((2 + Math.ceil(bits / 8) + bytes + 4) / 3);

/** Bits that one block of this shape takes, header to end-of-block. */
function blockBits(shape) {
  const bits = new Bits();
  const { lit } = dynamicHeader(bits, 0, shape.lit, shape.dist);
  bits.code(lit[256], shape.lit[256]);
  return bits.bytes.length * 8 + bits.n;
}

/**
 * @param kit - this package (../dist)
 * @param payloadOf - token → its inflated payload (node:zlib)
 * @param inputs - { appId, appCertificate, salt }: the salt tells otherwise equal sets apart
 * @returns [{ id, name, token, stream, payload, blocks }]: `stream` is the token's zlib bytes
 */
export function worstCaseTokens(kit, payloadOf, { appId, appCertificate, salt }) {
  const MAX = 90_000; // MAX_TOKEN_LENGTH, src/token007/limits.ts
  const service = (channelName) => [{ type: 1, channelName, uid: 42, privileges: { 1: 3600, 2: 3600, 3: 3600, 4: 3600 } }];
  const spec = { appId, appCertificate, expire: 3600, issueTs: 1_760_000_000, salt };
  const small = payloadOf(kit.buildToken({ ...spec, services: service('room') }));
  const shapes = [];
  for (const [id, name, shape] of [
    ['tiny-blocks', 'empty dynamic blocks, one code each', EMPTY_TINY],
    ['full-tables', 'empty dynamic blocks, 286 + 30 codes each', EMPTY_FULL],
  ]) {
    // The final stored block: 3 header bits, then its 4 length bytes and the payload.
    const each = blockBits(shape);
    let blocks = Math.floor((MAX * 3) / 4 / (each / 8));
    while (tokenLength(blocks * each + 3, 4 + small.length) > MAX) blocks--;
    const stream = emptyBlocks(small, shape, blocks);
    shapes.push({ id, name: `${name} (${blocks} blocks)`, stream, payload: small, blocks });
  }
  // The longest channel whose token, every literal in 15 bits, still fits.
  const base = payloadOf(kit.buildToken({ ...spec, services: service('') })).length;
  const header = longCodes(new Uint8Array(0)).length - 6;
  let channelLength = Math.floor(((MAX * 3) / 4 - header) / (15 / 8)) - base;
  while (tokenLength((base + channelLength) * 15 + 1, header) > MAX) channelLength--;
  const channel = Array.from({ length: channelLength }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join('');
  const big = payloadOf(kit.buildToken({ ...spec, services: service(channel) }));
  shapes.push({ id: 'long-codes', name: `15-bit literal codes (${big.length} bytes)`, stream: longCodes(big), payload: big, blocks: 1 });
  return shapes.map((s) => ({ ...s, token: toToken(s.stream) }));
}
