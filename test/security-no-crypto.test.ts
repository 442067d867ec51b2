// Without crypto.getRandomValues the builders refuse to draw a salt (never falling back to
// Math.random); with an explicit salt, and for decoding and verifying, nothing needs it.
import { afterEach, describe, expect, it, vi } from 'vitest';

const CERT = '3cc7461c96496a9a6af39be6805a28d1';
const APP_ID = '3327194369a09232ae4bc396b00f86ff';
const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;

/** Replaces globalThis.crypto for one test and imports a fresh copy of the library under it. */
async function libraryWithCrypto(replacement: unknown) {
  Object.defineProperty(globalThis, 'crypto', { value: replacement, configurable: true, writable: true });
  vi.resetModules();
  return import('../src/index.js');
}

afterEach(() => {
  Object.defineProperty(globalThis, 'crypto', original);
  vi.restoreAllMocks();
});

describe.each([
  ['no crypto global', undefined],
  ['crypto without getRandomValues', { subtle: {} }],
])('%s', (_name, replacement) => {
  it('builders throw ERR_CRYPTO_UNAVAILABLE and never call Math.random', async () => {
    const random = vi.spyOn(Math, 'random');
    const lib = await libraryWithCrypto(replacement);
    const calls = [
      () => lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600),
      () => lib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 600),
      () => lib.buildToken({ appId: APP_ID, appCertificate: CERT, expire: 60, services: [{ type: 4 }] }),
      () => lib.buildToken({ version: '006', appId: APP_ID, appCertificate: CERT, channelName: 'c', uid: 1, privileges: {} }),
    ];
    for (const call of calls) {
      expect(call).toThrow(lib.TokenError);
      expect(call).toThrow(expect.objectContaining({ code: 'ERR_CRYPTO_UNAVAILABLE', message: expect.stringMatching(/crypto\.getRandomValues/) }));
    }
    expect(random).not.toHaveBeenCalled();
  });

  it('an explicit salt builds, and decoding and verifying work', async () => {
    const lib = await libraryWithCrypto(replacement);
    const token = lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600, { salt: 5 });
    expect(lib.decodeToken(token)).toMatchObject({ version: '007', salt: 5 });
    expect(lib.verifyToken(token, CERT)).toBe(true);
  });
});
