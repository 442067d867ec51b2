import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zlibInflate } from '../../src/lib/inflate.js';
import { caught } from '../support/caught.js';

// Each defect gets its own hand-made stream, so that removing one check cannot hide behind a later
// one that happens to fail the same stream with the same code.

/** LSB-first bit packer, as deflate writes; Huffman codes go in MSB first. */
class Bits {
  readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;
  put(value: number, count: number): this {
    for (let i = 0; i < count; i++) {
      this.acc |= ((value >> i) & 1) << this.n;
      if (++this.n === 8) this.flush();
    }
    return this;
  }
  code(code: number, length: number): this {
    for (let i = length - 1; i >= 0; i--) this.put((code >> i) & 1, 1);
    return this;
  }
  flush(): this {
    if (this.n) this.bytes.push(this.acc);
    this.acc = 0;
    this.n = 0;
    return this;
  }
}

/** Canonical codes for `lengths` (RFC 1951 §3.2.2). */
function canonical(lengths: readonly number[]): number[] {
  const count = new Array<number>(16).fill(0);
  for (const l of lengths) if (l) count[l]!++;
  const next = new Array<number>(16).fill(0);
  for (let len = 2; len < 16; len++) next[len] = (next[len - 1]! + count[len - 1]!) << 1;
  return lengths.map((l) => (l ? next[l]!++ : -1));
}

const adler = (data: Uint8Array): number => {
  let a = 1;
  let b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
};

const trailer = (data: Uint8Array): number[] => {
  const v = adler(data);
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
};

const zlib = (body: number[], trailerBytes: number[] = []): Uint8Array => Uint8Array.from([0x78, 0x9c, ...body, ...trailerBytes]);

const text = (s: string) => new TextEncoder().encode(s);

/** Fixed-Huffman literal/length code of `sym` (RFC 1951 §3.2.6). */
function fixedSymbol(b: Bits, sym: number): Bits {
  if (sym < 144) return b.code(0x30 + sym, 8);
  if (sym < 256) return b.code(0x190 + sym - 144, 9);
  if (sym < 280) return b.code(sym - 256, 7);
  return b.code(0xc0 + sym - 280, 8);
}

/** A final fixed-Huffman block: literals as numbers, or [lengthSym, extra, extraBits, distSym, dExtra, dBits]. */
function fixedBlock(items: (number | number[])[]): number[] {
  const b = new Bits().put(1, 1).put(1, 2);
  for (const item of items) {
    if (typeof item === 'number') fixedSymbol(b, item);
    else {
      const [ls, lx, lb, ds, dx, db] = item as [number, number, number, number, number, number];
      fixedSymbol(b, ls).put(lx, lb).code(ds, 5).put(dx, db);
    }
  }
  fixedSymbol(b, 256);
  return b.flush().bytes;
}

const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Dynamic {
  nlen: number;
  ndist: number;
  /** Code-length code: symbol → bit length. */
  cl: Record<number, number>;
  /** Code-length symbols with their extra bits: [sym] or [sym, extraValue]. */
  seq: number[][];
  /** Bits appended after the code lengths (already encoded), e.g. data. */
  after?: (b: Bits) => void;
  hclen?: number;
}

function dynamicBlock(d: Dynamic): number[] {
  const b = new Bits().put(1, 1).put(2, 2).put(d.nlen - 257, 5).put(d.ndist - 1, 5);
  const clLengths = Array.from({ length: 19 }, (_, s) => d.cl[s] ?? 0);
  const used = d.hclen ?? Math.max(4, ...ORDER.map((s, i) => (clLengths[s] ? i + 1 : 0)));
  b.put(used - 4, 4);
  for (let i = 0; i < used; i++) b.put(clLengths[ORDER[i]!]!, 3);
  const codes = canonical(clLengths);
  for (const [sym, extra] of d.seq) {
    b.code(codes[sym!]!, clLengths[sym!]!);
    if (sym === 16) b.put(extra!, 2);
    if (sym === 17) b.put(extra!, 3);
    if (sym === 18) b.put(extra!, 7);
  }
  d.after?.(b);
  return b.flush().bytes;
}

/** Code-length symbols for `n` zeros. */
function zeros(n: number): number[][] {
  const out: number[][] = [];
  while (n >= 11) {
    const k = Math.min(n, 138);
    out.push([18, k - 11]);
    n -= k;
  }
  for (; n > 0; n--) out.push([0]);
  return out;
}

/** Code-length symbols for a whole length list (only 0..15 and runs of zeros). */
function lengthsSeq(lengths: number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < lengths.length; ) {
    if (lengths[i] === 0) {
      let j = i;
      while (j < lengths.length && lengths[j] === 0) j++;
      out.push(...zeros(j - i));
      i = j;
    } else out.push([lengths[i++]!]);
  }
  return out;
}

const CL = { 0: 2, 1: 2, 2: 3, 3: 3, 18: 2 } as const;

/** A dynamic block with the given literal/length and distance code lengths, coding `data` afterwards. */
function dynamicWith(
  lit: number[],
  dist: number[],
  data: (b: Bits, litCodes: number[], distCodes: number[]) => void,
  cl: Record<number, number> = CL,
): number[] {
  const litCodes = canonical(lit);
  const distCodes = canonical(dist);
  return dynamicBlock({
    nlen: lit.length,
    ndist: dist.length,
    cl,
    seq: lengthsSeq([...lit, ...dist]),
    after: (b) => data(b, litCodes, distCodes),
  });
}

const litLengths = (entries: Record<number, number>, n = 257): number[] => Array.from({ length: n }, (_, s) => entries[s] ?? 0);

function expectMalformed(input: Uint8Array, why: string, limit = 1000): void {
  const e = caught(() => zlibInflate(input, limit));
  expect(e.code).toBe('ERR_MALFORMED_TOKEN');
  expect(e.message).toBe(`invalid zlib data: ${why}`);
}

function expectLimit(input: Uint8Array, limit: number): void {
  const e = caught(() => zlibInflate(input, limit));
  expect(e.code).toBe('ERR_INFLATE_LIMIT');
  expect(e.message).toBe(`token payload inflates past ${limit} bytes; refused before allocating it`);
}

describe('zlibInflate: valid streams', () => {
  it('inflates what fflate compresses, at every level', () => {
    const data = text('the quick brown fox jumps over the lazy dog; '.repeat(40) + 'ünïcødé');
    for (const level of [0, 1, 6, 9] as const) expect(zlibInflate(zlibSync(data, { level }), 5000)).toEqual(data);
  });

  it('reads a fixed block with a back-reference that reaches exactly the start', () => {
    // "ab" then length 3 at distance 2: "ababa".
    const out = text('ababa');
    expect(zlibInflate(zlib(fixedBlock([97, 98, [257, 0, 0, 1, 0, 0]]), trailer(out)), 5)).toEqual(out);
  });

  it('ignores bytes after the trailer', () => {
    const out = text('a');
    expect(zlibInflate(zlib(fixedBlock([97]), [...trailer(out), 1, 2, 3]), 10)).toEqual(out);
  });

  it('reads an empty stored block, and stored data up to the limit', () => {
    expect(zlibInflate(zlib([1, 0, 0, 0xff, 0xff], trailer(new Uint8Array(0))), 10)).toEqual(new Uint8Array(0));
    const data = text('hello');
    expect(zlibInflate(zlib([1, 5, 0, 0xfa, 0xff, ...data], trailer(data)), 5)).toEqual(data);
  });

  it('reads a stored block that follows a fixed block, whole buffered bytes included', () => {
    const b = new Bits().put(0, 1).put(1, 2);
    fixedSymbol(b, 120);
    fixedSymbol(b, 256);
    b.put(1, 1).put(0, 2).flush();
    const out = text('xyz');
    const body = [...b.bytes, 2, 0, 0xfd, 0xff, 0x79, 0x7a];
    expect(zlibInflate(zlib(body, trailer(out)), 3)).toEqual(out);
  });

  it('reads a dynamic block, including a lone literal/length code and a lone distance code', () => {
    // Only end-of-block has a code (one code of length 1, which zlib allows): an empty block.
    const empty = dynamicWith(litLengths({ 256: 1 }), [0], (b, lit) => b.code(lit[256]!, 1));
    expect(zlibInflate(zlib(empty, trailer(new Uint8Array(0))), 10)).toEqual(new Uint8Array(0));
    // 'a', then length 3 (257) at distance 1 through the only distance code: "aaaa".
    const lit = litLengths({ 97: 1, 256: 2, 257: 2 }, 258);
    const block = dynamicWith(lit, [1], (b, lc, dc) => {
      b.code(lc[97]!, 1).code(lc[257]!, 2).code(dc[0]!, 1).code(lc[256]!, 2);
    });
    const out = text('aaaa');
    expect(zlibInflate(zlib(block, trailer(out)), 4)).toEqual(out);
  });

  it('accepts 286 literal/length and 30 distance codes, the most allowed', () => {
    const lit = litLengths({ 97: 1, 256: 2, 285: 2 }, 286);
    const dist = Array.from({ length: 30 }, (_, i) => (i < 2 ? 1 : 0));
    const block = dynamicWith(lit, dist, (b, lc) => b.code(lc[97]!, 1).code(lc[256]!, 2));
    expect(zlibInflate(zlib(block, trailer(text('a'))), 1)).toEqual(text('a'));
  });
});

describe('zlibInflate: codes of every length', () => {
  // A code-length code for every length 0–15 and zero runs: 15 codes of 4 bits and 2 of 5.
  const CL_ALL: Record<number, number> = Object.fromEntries([...Array.from({ length: 16 }, (_, l) => [l, l >= 14 ? 5 : 4]), [18, 4]]);

  /** A complete prefix code: split random leaves (never past 15 bits) until there are `leaves`. */
  const completeLengths = (leaves: number, picks: number[]): number[] => {
    const lengths = [0];
    for (let i = 0; lengths.length < leaves; i++) {
      const splittable = lengths.flatMap((l, at) => (l < 15 ? [at] : []));
      const at = splittable[picks[i % picks.length]! % splittable.length]!;
      lengths.splice(at, 1, lengths[at]! + 1, lengths[at]! + 1);
    }
    return lengths;
  };

  it('decodes literal codes of 1 to 15 bits as node:zlib does, table or walk', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 257 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
        fc.array(fc.nat(), { maxLength: 300 }),
        (leaves, picks, data) => {
          // EOB and the first leaves − 1 byte values share the code; the data uses those bytes.
          const lengths = completeLengths(leaves, picks);
          const lit = litLengths({}, 257);
          lit[256] = lengths[0]!;
          for (let b = 0; b < leaves - 1; b++) lit[b] = lengths[b + 1]!;
          const bytes = Uint8Array.from(data, (x) => x % (leaves - 1));
          const block = dynamicWith(lit, [0], (b, lc) => {
            for (const x of bytes) b.code(lc[x]!, lit[x]!);
            b.code(lc[256]!, lit[256]!);
          }, CL_ALL);
          const stream = zlib(block, trailer(bytes));
          expect(Uint8Array.from(inflateSync(stream))).toEqual(bytes);
          expect(zlibInflate(stream, bytes.length)).toEqual(bytes);
          // Cut inside the last code or the trailer: a truncated stream, never a wrong result.
          expectMalformed(stream.subarray(0, stream.length - 5), 'unexpected end of stream');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('decodes 15-bit literal codes next to end-of-block and length codes of 1 to 7 bits', () => {
    // The shape of benchmark/worst-case-tokens.mjs "long-codes": every literal misses the table.
    const lit = Array.from({ length: 263 }, (_, s) => (s < 256 ? 15 : s - 255));
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 255);
    const block = dynamicWith(lit, [0], (b, lc) => {
      for (const x of bytes) b.code(lc[x]!, 15);
      b.code(lc[256]!, 1);
    }, CL_ALL);
    const stream = zlib(block, trailer(bytes));
    expect(Uint8Array.from(inflateSync(stream))).toEqual(bytes);
    expect(zlibInflate(stream, bytes.length)).toEqual(bytes);
  });
});

describe('zlibInflate: one defect per stream', () => {
  it('missing header', () => {
    expectMalformed(Uint8Array.of(), 'missing header');
    expectMalformed(Uint8Array.of(0x78), 'missing header');
  });

  it('a bare header is a truncated stream, not a missing header', () => {
    expectMalformed(Uint8Array.of(0x78, 0x9c), 'unexpected end of stream');
  });

  it.each([
    ['method 9', 0x79, 0],
    ['window 2^16', 0x88, 0],
    ['bad check bits', 0x78, 0x9d],
  ])('bad header: %s', (_name, cmf, flg) => {
    // A correct FCHECK unless the case is about it.
    const f = flg || (31 - ((cmf << 8) % 31)) % 31;
    expectMalformed(Uint8Array.of(cmf, f, ...fixedBlock([]), 0, 0, 0, 1), 'bad header');
  });

  it('preset dictionary', () => {
    let flg = 0x20;
    while (((0x78 << 8) | flg) % 31) flg++;
    expectMalformed(Uint8Array.of(0x78, flg, ...fixedBlock([]), 0, 0, 0, 1), 'preset dictionary');
  });

  it('reserved block type', () => {
    expectMalformed(zlib([0b111, 0, 0, 0, 0, 0]), 'reserved block type');
  });

  it('stored block: length field cut short', () => {
    expectMalformed(zlib([1, 5, 0, 0xfa]), 'unexpected end of stream');
  });

  it('stored block: bad length check', () => {
    expectMalformed(zlib([1, 5, 0, 0xfa, 0xfe, 1, 2, 3, 4, 5, 0, 0, 0, 0]), 'bad stored block length');
  });

  it('stored block: data cut short', () => {
    expectMalformed(zlib([1, 5, 0, 0xfa, 0xff, 1, 2, 3, 4]), 'unexpected end of stream');
  });

  it('stored block that ends the input exactly: the trailer is what is missing', () => {
    expectMalformed(zlib([1, 0, 0, 0xff, 0xff]), 'missing Adler-32 trailer');
    expectMalformed(zlib([1, 2, 0, 0xfd, 0xff, 7, 8]), 'missing Adler-32 trailer');
  });

  it('stored block past the limit', () => {
    const data = text('hello');
    expectLimit(zlib([1, 5, 0, 0xfa, 0xff, ...data], trailer(data)), 4);
  });

  it('literals past the limit, and a copy past the limit', () => {
    expectLimit(zlib(fixedBlock([97, 98, 99]), trailer(text('abc'))), 2);
    expect(zlibInflate(zlib(fixedBlock([97, 98, 99]), trailer(text('abc'))), 3)).toEqual(text('abc'));
    const aaaa = zlib(fixedBlock([97, [257, 0, 0, 0, 0, 0]]), trailer(text('aaaa')));
    expectLimit(aaaa, 3);
    expect(zlibInflate(aaaa, 4)).toEqual(text('aaaa'));
  });

  it('a zlib bomb is refused at the limit', () => {
    const bomb = zlibSync(new Uint8Array(5_000_000), { level: 9 });
    expect(bomb.length).toBeLessThan(6000);
    expectLimit(bomb, 65535);
  });

  it('invalid length symbol (286)', () => {
    expectMalformed(zlib(fixedBlock([97, [286, 0, 0, 0, 0, 0]])), 'invalid length symbol');
  });

  it('fixed distance codes 30 and 31 are no codes', () => {
    // The fixed distance table holds 30 symbols, so its own walk refuses these before the symbol check.
    expectMalformed(zlib(fixedBlock([97, [257, 0, 0, 30, 0, 0]]), [0, 0, 0, 0]), 'invalid Huffman code');
    expectMalformed(zlib(fixedBlock([97, [257, 0, 0, 31, 0, 0]]), [0, 0, 0, 0]), 'invalid Huffman code');
  });

  it('distance too far back', () => {
    expectMalformed(zlib(fixedBlock([97, [257, 0, 0, 1, 0, 0]]), [0, 0, 0, 0]), 'distance too far back');
  });

  it('a code cut off by the end of the input', () => {
    // Final fixed block, then nothing: the zero bits left over do not make an end-of-block code.
    expectMalformed(zlib([0b011]), 'unexpected end of stream');
  });

  it('a code that ends exactly at the end of the input is whole', () => {
    // 3 header bits, six 9-bit literals and a 7-bit end-of-block code fill exactly 8 bytes.
    const body = fixedBlock([200, 200, 200, 200, 200, 200]);
    expect(body.length).toBe(8);
    expectMalformed(zlib(body), 'missing Adler-32 trailer');
    const out = new Uint8Array(6).fill(200);
    expect(zlibInflate(zlib(body, trailer(out)), 6)).toEqual(out);
  });

  it('the bit-by-bit walk gives up after 15 bits, not one more', () => {
    // Header and eight zero code-length lengths take 41 bits; exactly 15 zero bits follow.
    const b = new Bits().put(1, 1).put(2, 2).put(0, 5).put(0, 5).put(4, 4).put(0, 24).put(0, 15).flush();
    expect(b.bytes.length).toBe(7);
    expectMalformed(zlib(b.bytes), 'invalid Huffman code');
  });

  it('a dynamic header cut short', () => {
    expectMalformed(zlib([0b101]), 'unexpected end of stream');
  });

  it('missing or wrong Adler-32 trailer', () => {
    const out = text('a');
    expectMalformed(zlib(fixedBlock([97])), 'missing Adler-32 trailer');
    expectMalformed(zlib(fixedBlock([97]), trailer(out).slice(0, 3)), 'missing Adler-32 trailer');
    const wrong = trailer(out);
    wrong[3]! ^= 1;
    expectMalformed(zlib(fixedBlock([97]), wrong), 'Adler-32 checksum mismatch');
  });

  it('too many literal/length codes (287)', () => {
    expectMalformed(zlib(new Bits().put(1, 1).put(2, 2).put(30, 5).put(0, 5).put(0, 4).flush().bytes.concat([0, 0, 0, 0])), 'too many codes');
  });

  it('too many distance codes (31)', () => {
    expectMalformed(zlib(new Bits().put(1, 1).put(2, 2).put(0, 5).put(30, 5).put(0, 4).flush().bytes.concat([0, 0, 0, 0])), 'too many codes');
  });

  it('incomplete and over-subscribed code-length codes', () => {
    expectMalformed(zlib(dynamicBlock({ nlen: 257, ndist: 1, cl: { 0: 1 }, seq: [] })), 'bad code-length code');
    expectMalformed(zlib(dynamicBlock({ nlen: 257, ndist: 1, cl: { 0: 1, 1: 1, 2: 1 }, seq: [] })), 'bad code-length code');
  });

  it('an empty code-length code leaves no code to decode', () => {
    const b = new Bits().put(1, 1).put(2, 2).put(0, 5).put(0, 5).put(0, 4).put(0, 12).flush();
    expectMalformed(zlib([...b.bytes, 0, 0, 0, 0]), 'invalid Huffman code');
  });

  it('repeat of no length', () => {
    expectMalformed(zlib(dynamicBlock({ nlen: 257, ndist: 1, cl: { 16: 1, 0: 1 }, seq: [[16, 0]] }), [0, 0, 0, 0]), 'repeat of no length');
  });

  it('too many code lengths', () => {
    expectMalformed(zlib(dynamicBlock({ nlen: 257, ndist: 1, cl: { 18: 1, 0: 1 }, seq: [[18, 127], [18, 110]] }), [0, 0, 0, 0]), 'too many code lengths');
  });

  it('no end-of-block code (exactly all lengths given, all zero)', () => {
    expectMalformed(zlib(dynamicBlock({ nlen: 257, ndist: 1, cl: { 18: 1, 0: 1 }, seq: [[18, 127], [18, 109]] }), [0, 0, 0, 0]), 'no end-of-block code');
  });

  it('over-subscribed and incomplete literal/length codes', () => {
    const over = dynamicWith(litLengths({ 97: 1, 98: 1, 256: 1 }), [0], () => {});
    expectMalformed(zlib(over, [0, 0, 0, 0]), 'bad literal/length code');
    const incomplete = dynamicWith(litLengths({ 97: 1, 256: 2 }), [0], () => {});
    expectMalformed(zlib(incomplete, [0, 0, 0, 0]), 'bad literal/length code');
  });

  it('over-subscribed and incomplete distance codes', () => {
    const lit = litLengths({ 97: 1, 256: 1 });
    expectMalformed(zlib(dynamicWith(lit, [1, 1, 1], () => {}), [0, 0, 0, 0]), 'bad distance code');
    expectMalformed(zlib(dynamicWith(lit, [1, 2], () => {}), [0, 0, 0, 0]), 'bad distance code');
  });
});
