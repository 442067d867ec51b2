// Property suite for hostile input: whatever string reaches decodeToken or verifyToken, the only
// outcomes allowed are a result or a TokenError. test/fuzz/run.mjs runs the same mutations far longer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildToken, type DecodedToken007, decodeToken, type ServiceSpec, TokenError, verifyToken } from '../src/index.js';
import * as m from './support/token-mutations.js';
import { vectorFiles } from './support/vector-files.js';

const CERT = '3cc7461c96496a9a6af39be6805a28d1';
const APP_ID = '3327194369a09232ae4bc396b00f86ff';

/** Every token string in the shipped vectors, valid or not, of both versions. */
const corpus: string[] = [];
const collect = (value: unknown): void => {
  if (typeof value === 'string' && /^00[67][A-Za-z0-9+/]{20,}={0,2}$/.test(value)) corpus.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v);
};
collect(vectorFiles);
const tokens007 = corpus.filter((t) => {
  try {
    return t.startsWith('007') && m.payload007(t).length > 0;
  } catch {
    return false;
  }
});

/** The rule under test: a result of the right shape, or a TokenError; nothing else. */
function assertOnlyTokenErrors(input: string): void {
  const context = input.startsWith('006') ? { channelName: 'room', uid: 42 } : undefined;
  const calls: [string, () => unknown][] = [
    ['decodeToken', () => decodeToken(input)],
    // A third argument is the 006 verification context; 007 ignores it.
    ['verifyToken', () => (verifyToken as (...a: unknown[]) => unknown)(input, CERT, context)],
  ];
  for (const [name, call] of calls) {
    let result: unknown;
    try {
      result = call();
    } catch (e) {
      if (e instanceof TokenError) continue;
      throw new Error(`${name} threw ${String(e)} for ${JSON.stringify(input.slice(0, 200))}`);
    }
    if (name === 'verifyToken') expect(typeof result).toBe('boolean');
    else expect(['007', '006']).toContain((result as { version?: unknown }).version);
  }
}

const RUNS = { numRuns: 400 };
const token = fc.constantFrom(...corpus);
const valid007 = fc.constantFrom(...tokens007);
const position = fc.nat({ max: 100_000 });
const smallBytes = fc.uint8Array({ minLength: 1, maxLength: 12 });

it('the corpus holds every kind of vector token', () => {
  expect(tokens007.length).toBeGreaterThan(200);
  expect(corpus.some((t) => t.startsWith('006'))).toBe(true);
});

describe('any string', () => {
  it('arbitrary text, including lone surrogates', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), assertOnlyTokenErrors), RUNS);
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 }), (s) => {
        assertOnlyTokenErrors(`007${s}`);
      }),
      RUNS,
    );
  });

  it('a version prefix followed by base64 characters', () => {
    const b64 = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n'), maxLength: 600 });
    fc.assert(
      fc.property(fc.constantFrom('007', '006', '006' + APP_ID), b64, (prefix, body) => assertOnlyTokenErrors(prefix + body)),
      RUNS,
    );
  });

  it('random bytes as a zlib stream, and random payloads', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, asPayload) => {
        assertOnlyTokenErrors(asPayload ? m.token007(bytes) : `007${m.toBase64(bytes)}`);
      }),
      RUNS,
    );
  });
});

describe('mutated tokens', () => {
  it('text edits: replaced characters, truncations, deletions, line breaks, URL-safe alphabet, padding', () => {
    const edit = fc.oneof(
      fc.tuple(position, fc.nat(63)).map(([i, v]) => (t: string) => m.textEdits.base64Char(t, i, v)),
      fc.tuple(position, fc.integer({ min: 0, max: 0xffff })).map(([i, c]) => (t: string) => m.textEdits.replaceChar(t, i, String.fromCharCode(c))),
      position.map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
      fc.tuple(position, fc.nat(16)).map(([i, n]) => (t: string) => m.removeRange(t, i, n)),
      fc.integer({ min: 1, max: 90 }).map((n) => (t: string) => m.textEdits.lineBreaks(t, n)),
      fc.constant(m.textEdits.urlSafe),
      fc.constant(m.textEdits.stripPadding),
      fc.constant(m.textEdits.extraPadding),
    );
    fc.assert(
      fc.property(token, fc.array(edit, { minLength: 1, maxLength: 3 }), (t, edits) => {
        assertOnlyTokenErrors(edits.reduce((acc, f) => f(acc), t));
      }),
      RUNS,
    );
  });

  it('splices of two tokens', () => {
    fc.assert(fc.property(token, token, position, position, (a, b, i, j) => assertOnlyTokenErrors(m.splice(a, b, i, j))), RUNS);
  });

  it('edits of the compressed bytes: bit flips, extreme u16 values, insertions, deletions, truncations', () => {
    const edit = fc.oneof(
      fc.tuple(position, fc.nat(7)).map(([i, b]) => (x: Uint8Array) => m.flipBit(x, i, b)),
      fc.tuple(position, fc.constantFrom(...m.EXTREME_U16)).map(([i, v]) => (x: Uint8Array) => m.setU16(x, i, v)),
      fc.tuple(position, smallBytes).map(([i, extra]) => (x: Uint8Array) => m.insertBytes(x, i, extra)),
      fc.tuple(position, fc.nat(16)).map(([i, n]) => (x: Uint8Array) => m.removeRange(x, i, n)),
      position.map((n) => (x: Uint8Array) => x.slice(0, n % (x.length + 1))),
    );
    fc.assert(
      fc.property(token, fc.array(edit, { minLength: 1, maxLength: 3 }), (t, edits) => {
        assertOnlyTokenErrors(m.withBody(t, edits.reduce((acc, f) => f(acc), m.bodyBytes(t))));
      }),
      RUNS,
    );
  });

  it('edits of the payload, recompressed into a valid zlib stream at several levels and as stored blocks', () => {
    const edit = fc.oneof(
      fc.tuple(position, fc.nat(7)).map(([i, b]) => (x: Uint8Array) => m.flipBit(x, i, b)),
      fc.tuple(position, fc.constantFrom(...m.EXTREME_U16)).map(([i, v]) => (x: Uint8Array) => m.setU16(x, i, v)),
      fc.tuple(position, fc.constantFrom(...m.EXTREME_U32)).map(([i, v]) => (x: Uint8Array) => m.setU32(x, i, v)),
      fc.tuple(position, smallBytes).map(([i, extra]) => (x: Uint8Array) => m.insertBytes(x, i, extra)),
      fc.tuple(position, fc.nat(16)).map(([i, n]) => (x: Uint8Array) => m.removeRange(x, i, n)),
      fc.tuple(valid007, position, position).map(([other, i, j]) => (x: Uint8Array) => m.splice(x, m.payload007(other), i, j)),
    );
    fc.assert(
      fc.property(valid007, fc.array(edit, { minLength: 1, maxLength: 3 }), fc.constantFrom(0 as const, 1 as const, 9 as const, 'stored' as const), (t, edits, level) => {
        const payload = edits.reduce((acc, f) => f(acc), m.payload007(t));
        assertOnlyTokenErrors(level === 'stored' ? m.storedToken007(payload) : m.token007(payload, level));
      }),
      RUNS,
    );
  });

  it('every length prefix and count of every valid vector token set to each extreme value', () => {
    let checked = 0;
    // One token per layout (the sequence of service types and list lengths): tokens that differ only
    // in field values have their prefixes at the same places and would repeat the same checks.
    const layouts = new Map<string, string>();
    for (const t of tokens007) {
      try {
        const payload = m.payload007(t);
        const offsets = m.lengthPrefixOffsets(payload);
        layouts.set(offsets.map((o) => `${o}:${payload[o]! | (payload[o + 1]! << 8)}`).join(','), t);
      } catch {
        // truncated parse vectors have no complete layout
      }
    }
    const walkable = [...layouts.values()];
    expect(walkable.length).toBeGreaterThan(50);
    for (const t of walkable) {
      const payload = m.payload007(t);
      for (const offset of m.lengthPrefixOffsets(payload)) {
        for (const value of m.EXTREME_U16) {
          assertOnlyTokenErrors(m.token007(m.setU16(payload, offset, value), 1));
          checked++;
        }
      }
    }
    // signature, appId and service count at least, in every token
    expect(checked).toBeGreaterThan(walkable.length * 3 * m.EXTREME_U16.length);
  });
});

describe('build → decode round trips at the edges', () => {
  // Lone surrogates cannot be encoded as UTF-8: they are packed as U+FFFD, as TextEncoder does.
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 3 }),
    fc.constantFrom('', '0', '__proto__', 'constructor', 'toString', '\u0000', 'x'.repeat(255), 'é'.repeat(2000)),
  );
  const wellFormed = (s: string): string => new TextDecoder().decode(new TextEncoder().encode(s));
  const uid = fc.oneof(anyText, fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff), fc.nat());
  const uidText = (v: string | number): string => (typeof v === 'number' ? (v === 0 ? '' : String(v)) : wellFormed(v));
  const u32 = fc.oneof(fc.constantFrom(0, 1, 0xffffffff), fc.nat({ max: 0xffffffff }));
  const privileges = fc.array(fc.tuple(fc.oneof(fc.constantFrom(0, 0xffff), fc.nat(0xffff)), u32), { maxLength: 4 });

  it('keeps every string, uid and number exactly (strings as well-formed UTF-8)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 5, 6, 7),
        anyText,
        uid,
        privileges,
        u32,
        u32,
        u32,
        (type, text, id, privs, issueTs, expire, salt) => {
          const service = { type, privileges: privs, channelName: text, roomUuid: text, uid: id, account: id, userId: id, userUuid: id, role: -1 };
          const t = buildToken({ appId: APP_ID, appCertificate: CERT, issueTs, expire, salt, services: [service as unknown as ServiceSpec] });
          const decoded = decodeToken(t) as DecodedToken007;
          expect(decoded).toMatchObject({ version: '007', appId: APP_ID, issueTs, expire, salt });
          const s = decoded.services[0] as unknown as Record<string, unknown>;
          expect(s.type).toBe(type);
          expect(s.privileges).toEqual(Object.fromEntries(privs));
          if (type === 1 || type === 3 || type === 6) expect(s.channelName).toBe(wellFormed(text));
          if (type === 7) expect([s.roomUuid, s.userUuid, s.role]).toEqual([wellFormed(text), uidText(id), -1]);
          const idField = { 1: 'uid', 2: 'userId', 3: 'account', 5: 'userId', 6: 'account', 7: 'userUuid' }[type]!;
          expect(s[idField]).toBe(uidText(id));
          expect(verifyToken(t, CERT)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops at a custom service type and still verifies', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 0xffff }), privileges, (type, privs) => {
        const t = buildToken({ appId: APP_ID, appCertificate: CERT, expire: 60, services: [{ type: 1, channelName: 'c', uid: 1 }, { type, privileges: privs }] });
        const decoded = decodeToken(t) as DecodedToken007;
        expect(decoded.services).toHaveLength(1);
        expect(decoded.unknownServiceType).toBe(type);
        expect(verifyToken(t, CERT)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
