// verifyToken reuses what decodeToken parsed from the same token string: the reuse must never let a
// change to the returned object, or a different token, reach the signature check.
import { describe, expect, it } from 'vitest';
import { buildToken, decodeToken, type DecodedToken007, ServiceType, verifyToken } from '../src/index.js';

const CERT = '6f1e2d3c4b5a69788796a5b4c3d2e1f0';
const APP_ID = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const token = (channelName: string, salt: number): string =>
  buildToken({
    appId: APP_ID,
    appCertificate: CERT,
    expire: 600,
    issueTs: 1_750_000_000,
    salt,
    services: [{ type: ServiceType.Rtc, channelName, uid: 7, privileges: { 1: 600 } }],
  });

describe('decodeToken followed by verifyToken', () => {
  it('verifies what the string says, whatever the caller did to the decoded object', () => {
    const t = token('room', 11);
    const decoded = decodeToken(t) as DecodedToken007;
    decoded.salt = 12;
    decoded.issueTs = 1;
    decoded.appId = 'not an app id';
    expect(verifyToken(t, CERT)).toBe(true);
    expect(verifyToken(t, CERT.replace(/^6/, '7'))).toBe(false);
  });

  it('never answers for one token with the parse of another', () => {
    const good = token('room', 11);
    // One base64 character changed near the end (the Adler-32 trailer or the deflate stream).
    const tampered = good.slice(0, -6) + (good.slice(-6, -5) === 'A' ? 'B' : 'A') + good.slice(-5);
    decodeToken(good);
    let verdict: boolean | string;
    try {
      verdict = verifyToken(tampered, CERT);
    } catch (e) {
      verdict = (e as { code: string }).code;
    }
    expect(verdict).not.toBe(true);
    decodeToken(token('other', 12));
    expect(verifyToken(good, CERT)).toBe(true);
  });
});
