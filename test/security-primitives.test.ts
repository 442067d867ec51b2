// The signing and packing primitives written here (the HMAC adapter over noble's SHA-256, CRC-32,
// Adler-32, deflate and the bounded inflater) agree with Node's independent implementations on
// random input, at the block and window boundaries where hand-written code tends to break. A wrong signature would either lock
// users out or, worse, accept tokens it should refuse.
import { createHmac } from 'node:crypto';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adler32 } from '../src/lib/adler32.js';
import { crc32 } from '../src/lib/crc32.js';
import { zlibCompress } from '../src/lib/deflate.js';
import { hmacSha256 } from '../src/lib/hmac.js';
import { zlibInflate } from '../src/lib/inflate.js';
import { TokenError } from '../src/errors.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
// Lengths around the 64-byte block and the 55/56-byte padding split, and a few blocks further.
const boundaryLength = fc.oneof(fc.constantFrom(0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129), fc.nat(300));
const bytesOf = (length: fc.Arbitrary<number>) => length.chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
// Compressible data: runs and repeats reach long matches and far distances; random data reaches literals.
const compressible = fc
  .array(fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.nat(300)), { maxLength: 30 })
  .map((parts) => {
    const out: number[] = [];
    for (const [chunk, repeat] of parts) for (let r = 0; r <= repeat % 50; r++) out.push(...chunk);
    return Uint8Array.from(out.slice(0, 60_000));
  });
const payloadLike = fc.oneof(compressible, fc.uint8Array({ maxLength: 2000 }));

describe('HMAC-SHA256 matches node:crypto', () => {
  it('HMAC with keys shorter than, equal to and longer than a block, alternating so the key cache must switch', () => {
    const key = bytesOf(fc.oneof(fc.constantFrom(0, 1, 4, 32, 63, 64, 65, 131), fc.nat(150)));
    fc.assert(
      fc.property(key, key, bytesOf(boundaryLength), (a, b, message) => {
        for (const k of [a, b, a]) expect(hex(hmacSha256(k, message))).toBe(createHmac('sha256', k).update(message).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });

  it('HMAC keys that differ only in a late byte or in length are told apart', () => {
    const message = new TextEncoder().encode('payload');
    const long = new Uint8Array(100).fill(7);
    const longer = new Uint8Array(101).fill(7);
    const lastByte = long.slice();
    lastByte[99] = 8;
    const short = new Uint8Array(32).fill(7);
    for (const k of [long, longer, lastByte, short, short.subarray(0, 31), long]) {
      expect(hex(hmacSha256(k, message))).toBe(createHmac('sha256', k).update(message).digest('hex'));
    }
  });
});

describe('checksums', () => {
  it('CRC-32 matches zlib', () => {
    fc.assert(
      fc.property(bytesOf(boundaryLength), (data) => {
        expect(crc32(data)).toBe(zlib.crc32(data));
      }),
      { numRuns: 200 },
    );
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('Adler-32 matches its definition, past the 5552-byte blocks where sums are reduced', () => {
    const reference = (data: Uint8Array): number => {
      let a = 1;
      let b = 0;
      for (const byte of data) {
        a = (a + byte) % 65521;
        b = (b + a) % 65521;
      }
      return ((b << 16) | a) >>> 0;
    };
    for (const n of [0, 1, 5551, 5552, 5553, 11_105, 65_535]) {
      const worst = new Uint8Array(n).fill(255);
      expect(adler32(worst)).toBe(reference(worst));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12_000 }), (data) => {
        expect(adler32(data)).toBe(reference(data));
      }),
      { numRuns: 50 },
    );
  });
});

describe('deflate and the bounded inflater', () => {
  it('inflates what zlib writes at every level and strategy, and stops exactly at the limit', () => {
    const strategies = [zlib.constants.Z_DEFAULT_STRATEGY, zlib.constants.Z_FILTERED, zlib.constants.Z_HUFFMAN_ONLY, zlib.constants.Z_RLE, zlib.constants.Z_FIXED];
    fc.assert(
      fc.property(payloadLike, fc.integer({ min: 0, max: 9 }), fc.constantFrom(...strategies), (data, level, strategy) => {
        const stream = zlib.deflateSync(data, { level, strategy });
        expect(hex(zlibInflate(stream, data.length))).toBe(hex(data));
        if (data.length > 0) {
          expect(() => zlibInflate(stream, data.length - 1)).toThrow(expect.objectContaining({ code: 'ERR_INFLATE_LIMIT' }));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a stream whose Adler-32 trailer is wrong or missing', () => {
    const data = new TextEncoder().encode('a token payload, a token payload, a token payload');
    const stream = zlib.deflateSync(data);
    for (let i = 1; i <= 4; i++) {
      const bad = stream.slice();
      bad[bad.length - i]! ^= 1;
      expect(() => zlibInflate(bad, 1000)).toThrow(/Adler-32 checksum mismatch/);
      expect(() => zlibInflate(stream.subarray(0, stream.length - i), 1000)).toThrow(TokenError);
    }
  });

  it('writes streams zlib inflates back to the input', () => {
    fc.assert(
      fc.property(payloadLike, (data) => {
        expect(hex(zlib.inflateSync(zlibCompress(data)))).toBe(hex(data));
      }),
      { numRuns: 200 },
    );
  });
});
