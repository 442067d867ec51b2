// Differential tests and fuzzing of the library's own zlib compressor and inflater against two
// independent implementations: node:zlib (the C zlib) and fflate.
import { constants, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { Zlib as FflateZlibStream, unzlibSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { TokenError } from '../src/errors.js';
import { zlibCompress } from '../src/lib/deflate.js';
import { zlibInflate } from '../src/lib/inflate.js';
import { vectorFiles } from './support/vector-files.js';

const LIMIT = 0xffff;
const RUNS = 1500;

/** Our compressor's output, copied out of its scratch buffer. */
const compress = (data: Uint8Array): Uint8Array => zlibCompress(data).slice();
const inflate = (stream: Uint8Array, limit = LIMIT): Uint8Array => zlibInflate(stream, limit).slice();

/** Every 007 payload (before compression) that the shipped vectors record. */
const realPayloads: Uint8Array[] = [];
const collect = (value: unknown): void => {
  if (Array.isArray(value)) value.forEach(collect);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'payloadHex' && typeof v === 'string' && v.length % 2 === 0) realPayloads.push(Uint8Array.from(Buffer.from(v, 'hex')));
      else collect(v);
    }
  }
};
collect(vectorFiles);

// Token-like payloads: runs of random bytes (signatures), hex text (app ids), repeated names and
// small little-endian integers, in any order — the material real tokens are made of.
const tokenLike = fc
  .array(
    fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 40 }),
      fc.stringMatching(/^[0-9a-f]{1,32}$/).map((s) => Uint8Array.from(Buffer.from(s))),
      fc.tuple(fc.constantFrom('room', 'channel-', 'user', 'x'), fc.integer({ min: 1, max: 30 })).map(([s, n]) => Uint8Array.from(Buffer.from(s.repeat(n)))),
      fc.integer({ min: 0, max: 0xffff }).map((n) => Uint8Array.of(n & 255, n >> 8, 0, 0)),
    ),
    { maxLength: 40 },
  )
  .map((parts) => Uint8Array.from(Buffer.concat(parts)));

const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 3000 }), tokenLike, fc.uint8Array({ maxLength: 300 }).map((b) => b.map((x) => x & 3)));

describe('zlibCompress', () => {
  it('round-trips every real token payload through node:zlib, fflate and our inflater', () => {
    expect(realPayloads.length).toBeGreaterThan(100);
    for (const payload of realPayloads) {
      const stream = compress(payload);
      expect(Uint8Array.from(inflateSync(stream))).toEqual(payload);
      expect(unzlibSync(stream)).toEqual(payload);
      expect(inflate(stream)).toEqual(payload);
    }
  });

  it('makes streams that node:zlib, fflate and our inflater all restore exactly (random payloads)', () => {
    fc.assert(
      fc.property(anyBytes, (data) => {
        const stream = compress(data);
        expect(Uint8Array.from(inflateSync(stream))).toEqual(data);
        expect(unzlibSync(stream)).toEqual(data);
        expect(inflate(stream)).toEqual(data);
      }),
      { numRuns: RUNS },
    );
  });

  it('finds repeats: long runs shrink far below their size', () => {
    const run = new Uint8Array(5000).fill(97);
    expect(compress(run).length).toBeLessThan(100);
    const text = Uint8Array.from(Buffer.from('channel-name-'.repeat(100)));
    expect(compress(text).length).toBeLessThan(text.length / 10);
  });

  it('gives the scratch buffer back as a view that the next call may reuse', () => {
    const first = zlibCompress(Uint8Array.of(1, 2, 3));
    const copy = first.slice();
    zlibCompress(new Uint8Array(200).fill(7));
    expect(Uint8Array.from(inflateSync(copy))).toEqual(Uint8Array.of(1, 2, 3));
  });
});

describe('zlibInflate', () => {
  const nodeOptions = [
    { level: 0 },
    { level: 1 },
    { level: 6 },
    { level: 9 },
    { level: 9, strategy: constants.Z_FIXED },
    { level: 9, strategy: constants.Z_HUFFMAN_ONLY },
    { level: 9, strategy: constants.Z_RLE },
    { level: 9, memLevel: 1, windowBits: 9 },
  ];

  it('restores node:zlib streams of every level and strategy (stored, fixed and dynamic blocks)', () => {
    fc.assert(
      fc.property(anyBytes, fc.constantFrom(...nodeOptions), (data, options) => {
        expect(inflate(deflateSync(data, options))).toEqual(data);
      }),
      { numRuns: RUNS },
    );
  });

  it('restores fflate streams, including stored and Huffman blocks mixed in one stream', () => {
    fc.assert(
      fc.property(fc.array(anyBytes, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 9 }), (chunks, level) => {
        const parts: Uint8Array[] = [];
        const stream = new FflateZlibStream({ level: level as 0 }, (chunk) => parts.push(chunk));
        chunks.forEach((chunk, i) => stream.push(chunk, i === chunks.length - 1));
        const joined = Uint8Array.from(Buffer.concat(parts));
        expect(inflate(joined)).toEqual(Uint8Array.from(Buffer.concat(chunks)));
        expect(inflate(zlibSync(chunks[0]!, { level: level as 0 }))).toEqual(chunks[0]);
      }),
      { numRuns: 500 },
    );
  });

  it('restores streams whose stored blocks follow Huffman blocks (sync-flushed parts joined)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyBytes, fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 4 }), (parts) => {
        // Each part but the last ends with a sync flush: an empty stored block after its own blocks.
        const raw = parts.map(([data, level], i) =>
          deflateRawSync(data, { level, finishFlush: i === parts.length - 1 ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }),
        );
        const all = Buffer.concat(parts.map(([data]) => data));
        const trailer = deflateSync(all).subarray(-4); // zlib's own Adler-32 of the whole
        const stream = Uint8Array.from(Buffer.concat([Buffer.from([0x78, 0x9c]), ...raw, trailer]));
        expect(Uint8Array.from(inflateSync(stream))).toEqual(Uint8Array.from(all));
        expect(inflate(stream)).toEqual(Uint8Array.from(all));
      }),
      { numRuns: 500 },
    );
  });

  it('ignores bytes after the Adler-32 trailer, as the reference parsers do', () => {
    const data = Uint8Array.from(Buffer.from('payload '.repeat(20)));
    const stream = Uint8Array.from(Buffer.concat([deflateSync(data), Buffer.from([1, 2, 3, 4, 5])]));
    expect(inflate(stream)).toEqual(data);
  });

  it('refuses a stream that inflates past the limit, with its own error code', () => {
    const bomb = deflateSync(new Uint8Array(1 << 20));
    expect(bomb.length).toBeLessThan(2000);
    expect(() => zlibInflate(bomb, LIMIT)).toThrowError(expect.objectContaining({ code: 'ERR_INFLATE_LIMIT' }));
    const exact = deflateSync(new Uint8Array(100).fill(9));
    expect(inflate(exact, 100)).toEqual(new Uint8Array(100).fill(9));
    expect(() => zlibInflate(exact, 99)).toThrowError(expect.objectContaining({ code: 'ERR_INFLATE_LIMIT' }));
  });

  it('agrees with node:zlib on damaged streams: same bytes, or a TokenError where zlib fails too', () => {
    // Some streams are left whole and some inflate past the limit, so that both ways of agreeing
    // (same bytes; zlib accepts only what passes our limit) are exercised, not only shared failures.
    const data = fc.oneof({ arbitrary: anyBytes, weight: 9 }, { arbitrary: fc.constant(new Uint8Array(LIMIT + 5000)), weight: 1 });
    const damaged = fc
      .tuple(data, fc.constantFrom(...nodeOptions), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }), fc.nat())
      .map(([bytes, options, flips, cut]) => {
        const stream = Uint8Array.from(deflateSync(bytes, options));
        for (const [at, mask] of flips) stream[at % stream.length]! ^= mask;
        // Sometimes truncated as well.
        return cut % 3 === 0 ? stream.subarray(0, cut % (stream.length + 1)) : stream;
      });
    const seen = { same: 0, pastLimit: 0 };
    fc.assert(
      fc.property(damaged, (stream) => {
        let ours: Uint8Array | TokenError;
        try {
          ours = inflate(stream);
        } catch (e) {
          expect(e).toBeInstanceOf(TokenError);
          expect(['ERR_MALFORMED_TOKEN', 'ERR_INFLATE_LIMIT']).toContain((e as TokenError).code);
          ours = e as TokenError;
        }
        let reference: Uint8Array | undefined;
        try {
          reference = Uint8Array.from(inflateSync(stream));
        } catch {
          reference = undefined;
        }
        if (ours instanceof TokenError) {
          // zlib may accept what we refuse only when it inflates past our limit, and we say so.
          if (reference) {
            expect(ours.code).toBe('ERR_INFLATE_LIMIT');
            expect(reference.length).toBeGreaterThan(LIMIT);
            seen.pastLimit++;
          }
        } else {
          expect(ours).toEqual(reference);
          seen.same++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(seen.same).toBeGreaterThan(RUNS / 20);
    expect(seen.pastLimit).toBeGreaterThan(0);
  });

  it('never throws anything but a TokenError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (tail, withHeader) => {
        const input = withHeader ? Uint8Array.from([0x78, 0x9c, ...tail]) : tail;
        try {
          zlibInflate(input, LIMIT);
        } catch (e) {
          expect(e).toBeInstanceOf(TokenError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
