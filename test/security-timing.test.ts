// Signature comparison is constant-time: equal-length signatures that differ at the first byte and
// at the last byte go through the same comparison, reading every byte. The comparator is wrapped
// (this file only) so that each element it reads is counted.
import { describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => ({ count: 0 }));

vi.mock('../src/lib/bytes.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/lib/bytes.js')>();
  const counted = (bytes: Uint8Array): Uint8Array =>
    new Proxy(bytes, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++;
        return Reflect.get(target, key);
      },
    });
  return { ...actual, timingSafeEqual: vi.fn((a: Uint8Array, b: Uint8Array) => actual.timingSafeEqual(counted(a), counted(b))) };
});

const { timingSafeEqual } = await import('../src/lib/bytes.js');
const { buildToken, verifyToken } = await import('../src/index.js');
const m = await import('./support/token-mutations.js');

const CERT = '3cc7461c96496a9a6af39be6805a28d1';
const APP_ID = '3327194369a09232ae4bc396b00f86ff';
const spy = vi.mocked(timingSafeEqual);

/** Runs `fn` and returns what it returned, how many comparisons ran and how many bytes they read. */
function measure<T>(fn: () => T): { result: T; calls: number; reads: number; lengths: number[][] } {
  spy.mockClear();
  reads.count = 0;
  const result = fn();
  return { result, calls: spy.mock.calls.length, reads: reads.count, lengths: spy.mock.calls.map(([a, b]) => [a.length, b.length]) };
}

describe('timingSafeEqual', () => {
  const base = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
  const differAt = (i: number) => {
    const x = base.slice();
    x[i]! ^= 0x80;
    return x;
  };

  it('reads every byte of both inputs whether they match, differ first, differ last or differ everywhere', () => {
    const cases = [
      [base.slice(), true],
      [differAt(0), false],
      [differAt(31), false],
      [base.map((b) => b ^ 0xff), false],
    ] as const;
    for (const [other, equal] of cases) {
      expect(measure(() => timingSafeEqual(base, other))).toMatchObject({ result: equal, reads: 64 });
    }
  });

  it('answers false for different lengths without reading (the length is not secret)', () => {
    expect(measure(() => timingSafeEqual(base, base.subarray(0, 31)))).toMatchObject({ result: false, reads: 0 });
  });
});

describe('verifyToken compares the whole signature', () => {
  /** The token with one signature byte changed (007: payload bytes 2..33; 006: body bytes 2..33). */
  const tamper007 = (token: string, index: number) => m.token007(m.flipBit(m.payload007(token), 2 + index, 0));
  const tamper006 = (token: string, index: number) => m.withBody(token, m.flipBit(m.bodyBytes(token), 2 + index, 0));
  const t007 = buildToken({ appId: APP_ID, appCertificate: CERT, expire: 600, services: [{ type: 1, channelName: 'room', uid: 42 }] });
  const t006 = buildToken({ version: '006', appId: APP_ID, appCertificate: CERT, channelName: 'room', uid: 42, privileges: { 1: 1 } });
  const context = { channelName: 'room', uid: 42 };

  it.each([
    ['007', t007, tamper007],
    ['006', t006, tamper006],
  ] as const)('%s: a mismatch at the first and at the last byte take the same path', (_v, token, tamper) => {
    const valid = measure(() => verifyToken(token, CERT, context));
    const first = measure(() => verifyToken(tamper(token, 0), CERT, context));
    const last = measure(() => verifyToken(tamper(token, 31), CERT, context));
    expect([valid.result, first.result, last.result]).toEqual([true, false, false]);
    for (const run of [valid, first, last]) expect(run).toMatchObject({ calls: 1, reads: 64, lengths: [[32, 32]] });
  });
});
