// The library's own SHA-256 and HMAC-SHA256 against node:crypto, on every block-boundary length, and
// the 007 key derivation (with its one-entry cache) against the chain of FORMAT.md §2.7.
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, signingKey007 } from '../src/lib/hmac.js';
import { sha256 } from '../src/lib/sha256.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const nodeHmac = (key: Uint8Array, message: Uint8Array): string => createHmac('sha256', key).update(message).digest('hex');
const u32le = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

// Lengths around every padding decision: 55/56 bytes fit one final block or not, 64 fills it.
const boundaryLength = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(55, 56, 63, 64, 65, 119, 120, 127, 128, 129));

describe('sha256', () => {
  it('matches node:crypto for messages of every length up to a few blocks', () => {
    for (let n = 0; n <= 200; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('matches node:crypto on random messages, including long ones', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1000, maxLength: 5000 })), (data) => {
        expect(hex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });
});

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
