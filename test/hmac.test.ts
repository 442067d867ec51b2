// The HMAC-SHA256 adapter over noble's SHA-256 (new keys absorbed in place, a repeated key's states kept) against
// node:crypto, on every block-boundary length, and the 007 key derivation (with its one-entry cache)
// against the chain of docs/format.md §2.7.
import { readdirSync, readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, signingKey007 } from '../src/lib/hmac.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const nodeHmac = (key: Uint8Array, message: Uint8Array): string => createHmac('sha256', key).update(message).digest('hex');
const u32le = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

// Lengths around every padding decision: 55/56 bytes fit one final block or not, 64 fills it.
const boundaryLength = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(55, 56, 63, 64, 65, 119, 120, 127, 128, 129));

describe('hmacSha256', () => {
  it('matches node:crypto for random keys (short, block-sized, longer than a block) and messages', () => {
    fc.assert(
      fc.property(
        boundaryLength.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
        fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(0, 4, 32, 63, 64, 65, 100).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))),
        (message, key) => {
          expect(hex(hmacSha256(key, message))).toBe(nodeHmac(key, message));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('keeps no stale state when keys alternate or a key buffer is changed in place', () => {
    const a = Uint8Array.from({ length: 32 }, (_, i) => i);
    const b = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    const message = Uint8Array.from(Buffer.from('the message'));
    for (let round = 0; round < 3; round++) {
      expect(hex(hmacSha256(a, message))).toBe(nodeHmac(a, message));
      expect(hex(hmacSha256(b, message))).toBe(nodeHmac(b, message));
    }
    const key = Uint8Array.from(a);
    expect(hex(hmacSha256(key, message))).toBe(nodeHmac(a, message));
    key[31] = 1 ^ key[31]!;
    expect(hex(hmacSha256(key, message))).toBe(nodeHmac(key, message));
    expect(hex(hmacSha256(key.subarray(0, 31), message))).toBe(nodeHmac(key.subarray(0, 31), message));
  });

  it('gives the same result for a key used again and again (its keyed states kept) as for a new one', () => {
    // Few keys, so that runs of one key occur; a long key is hashed first, and a key changed in place
    // between two calls must not be taken for the same key.
    const keys = [Uint8Array.of(1, 2, 3, 4), new Uint8Array(32).fill(7), new Uint8Array(64).fill(9), new Uint8Array(100).fill(3)];
    const call = fc.record({ key: fc.nat(keys.length - 1), changeInPlace: fc.boolean(), message: fc.uint8Array({ maxLength: 130 }) });
    fc.assert(
      fc.property(fc.array(call, { minLength: 2, maxLength: 12 }), (calls) => {
        const owned = keys.map((key) => Uint8Array.from(key));
        for (const { key, changeInPlace, message } of calls) {
          const bytes = owned[key]!;
          if (changeInPlace) bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
          expect(hex(hmacSha256(bytes, message))).toBe(nodeHmac(bytes, message));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('hashes views at any offset and long messages, and writes into a view of a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.nat(70), fc.uint8Array({ minLength: 1, maxLength: 80 }), (bytes, offset, key) => {
        const message = bytes.subarray(Math.min(offset, bytes.length));
        const target = new Uint8Array(40).fill(0xaa);
        hmacSha256(key, message, target.subarray(3, 35));
        expect(hex(target.subarray(3, 35))).toBe(nodeHmac(key, message));
        // Nothing written around the view.
        expect([...target.subarray(0, 3), ...target.subarray(35)]).toEqual(new Array(8).fill(0xaa));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes a message given as parts as their concatenation, wherever the parts split the blocks', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 6 }), fc.uint8Array({ maxLength: 80 }), (parts, key) => {
        expect(hex(hmacSha256(key, parts))).toBe(nodeHmac(key, Buffer.concat(parts)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes into a given buffer and returns it', () => {
    const out = new Uint8Array(32);
    const key = Uint8Array.of(1, 2, 3);
    expect(hmacSha256(key, key, out)).toBe(out);
    expect(hex(out)).toBe(nodeHmac(key, key));
  });
});

describe('signingKey007', () => {
  const reference = (certificate: string, issueTs: number, salt: number): string => {
    const k1 = createHmac('sha256', u32le(issueTs)).update(certificate).digest();
    return createHmac('sha256', u32le(salt)).update(k1).digest('hex');
  };

  it('follows the HMAC chain, whether the (issueTs, certificate) step is cached or not', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            certificate: fc.constantFrom('5cfd2fd1755d40ecb72977518be15d3b', '0123456789abcdef0123456789abcdef'),
            issueTs: fc.constantFrom(0, 1, 1_700_000_000, 0xffffffff),
            salt: fc.integer({ min: 0, max: 0xffffffff }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (calls) => {
          for (const { certificate, issueTs, salt } of calls) {
            expect(hex(signingKey007(certificate, issueTs, salt))).toBe(reference(certificate, issueTs, salt));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hashing comes from @noble/hashes', () => {
  const sources = (dir: string): string[] =>
    readdirSync(new URL(dir, import.meta.url), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(`${dir}${entry.name}/`) : [readFileSync(new URL(`${dir}${entry.name}`, import.meta.url), 'utf8')],
    );

  it('src/ holds no SHA-256 of its own and signs with noble', () => {
    const all = sources('../src/').join('\n');
    // The first round constant and initial state word of SHA-256, in any spelling, and the way the
    // former hand-written version derived its tables.
    expect(all).not.toMatch(/0x428a2f98|0x6a09e667|1116352408|1779033703|Math\.cbrt/i);
    expect(readFileSync(new URL('../src/lib/hmac.ts', import.meta.url), 'utf8')).toMatch(/from '@noble\/hashes\/sha2\.js'/);
  });
});
