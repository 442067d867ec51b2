// Salts come from crypto.getRandomValues, uniformly over 1 … 99 999 999 (rejection sampling), and
// never from Math.random. Each test imports a fresh copy of the library, whose salt pool is empty.
import { afterEach, describe, expect, it, vi } from 'vitest';

const CERT = '3cc7461c96496a9a6af39be6805a28d1';
const APP_ID = '3327194369a09232ae4bc396b00f86ff';
const RANGE = 99_999_999;
// The largest multiple of RANGE below 2^32: draws at or above it must be redrawn.
const ACCEPT_BELOW = Math.floor(2 ** 32 / RANGE) * RANGE;

async function freshLibrary() {
  vi.resetModules();
  return import('../src/index.js');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('salts', () => {
  it('are drawn with crypto.getRandomValues, redrawing values that would bias the range', async () => {
    const script = [ACCEPT_BELOW, 0xffffffff, ACCEPT_BELOW - 1, 0, RANGE - 1, RANGE, ACCEPT_BELOW + 1, 2 * RANGE + 4];
    const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const words = array as unknown as Uint32Array;
      words.fill(7);
      words.set(script);
      return array;
    });
    const lib = await freshLibrary();
    const salts = Array.from({ length: 5 }, () =>
      (lib.decodeToken(lib.buildToken({ appId: APP_ID, appCertificate: CERT, expire: 60, services: [{ type: 4 }] })) as { salt: number }).salt,
    );
    // ACCEPT_BELOW and 0xffffffff are skipped; the rest map to (v % RANGE) + 1.
    expect(salts).toEqual([RANGE, 1, RANGE, 1, 5]);
    expect(getRandomValues).toHaveBeenCalledTimes(1);
    expect(getRandomValues.mock.calls[0]![0]).toBeInstanceOf(Uint32Array);
    // The 006 builders draw from the same source.
    const v006 = lib.decodeToken(lib.buildToken({ version: '006', appId: APP_ID, appCertificate: CERT, channelName: 'c', uid: 1, privileges: {} }));
    expect(v006).toMatchObject({ salt: 8 });
  });

  it('are uniform over 1 … 99 999 999 (chi-square over 20 buckets)', async () => {
    const { randomSalt } = await import('../src/lib/random.js');
    const buckets = new Array<number>(20).fill(0);
    const n = 20_000;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const s = randomSalt();
      if (!Number.isInteger(s) || s < 1 || s > RANGE) outOfRange++;
      else buckets[Math.floor(((s - 1) * 20) / RANGE)]!++;
    }
    expect(outOfRange).toBe(0);
    const expected = n / 20;
    const chi2 = buckets.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: a fair source exceeds 80 with probability below 1e-9.
    expect(chi2).toBeLessThan(80);
  });

  it('never come from Math.random, and differ between two tokens built in the same second', async () => {
    const random = vi.spyOn(Math, 'random');
    const lib = await freshLibrary();
    const spec = { appId: APP_ID, appCertificate: CERT, expire: 60, issueTs: 1_700_000_000, services: [{ type: 1 as const, channelName: 'c', uid: 1 }] };
    const tokens = new Set(Array.from({ length: 200 }, () => lib.buildToken(spec)));
    const rtc = new Set(Array.from({ length: 200 }, () => lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'c', 1, 1, 60, 60, { issueTs: 1_700_000_000 })));
    expect(tokens.size).toBe(200);
    expect(rtc.size).toBe(200);
    expect(random).not.toHaveBeenCalled();
  });
});
