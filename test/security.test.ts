// The App Certificate must never leave the library: not in an error (message, stack, properties,
// cause), not in a decoded result, and not in JSON.stringify or util.inspect of anything returned.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as v006 from '../src/006.js';
import {
  ApaasTokenBuilder,
  buildToken,
  ChatTokenBuilder,
  checkRtcInputs,
  ConvoAITokenBuilder,
  decodeToken,
  EducationTokenBuilder,
  FpaTokenBuilder,
  Rtm2Permissions,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
  TokenError,
  verifyToken,
} from '../src/index.js';
import { caught } from './support/caught.js';
import { bodyBytes, payload007 } from './support/token-mutations.js';

const CERT = '8717e25f44c0c473000d8e1d981967f1';
const APP_ID = 'f86ad6cab503158ebaea5eed49b84391';
const FIXED = { issueTs: 1_700_000_000, salt: 99 };

/** Every way the certificate could show up in text: as given, in either case, and as bytes in hex. */
const needles = (cert: string): string[] => [cert, cert.toLowerCase(), cert.toUpperCase()];

/** Everything an error exposes, as text: message, stack, own and inherited-visible properties, cause chain. */
function errorText(e: unknown, depth = 0): string {
  if (!(e instanceof Error) || depth > 5) return String(e);
  const props = Object.getOwnPropertyNames(e).map((k) => `${k}=${String((e as unknown as Record<string, unknown>)[k])}`);
  return [
    e.message,
    e.stack ?? '',
    String(e),
    JSON.stringify(e),
    inspect(e, { showHidden: true, depth: Infinity, getters: true }),
    ...props,
    errorText(e.cause, depth + 1),
  ].join('\n');
}

/** Every text form of a returned value. */
const valueText = (value: unknown): string =>
  [String(value), JSON.stringify(value) ?? '', inspect(value, { showHidden: true, depth: Infinity, getters: true })].join('\n');

function expectNoSecret(text: string, cert: string): void {
  for (const needle of needles(cert)) expect(text).not.toContain(needle);
  // Not even a part of it: no 8-character window of the certificate.
  for (let i = 0; i + 8 <= cert.length; i++) expect(text.toLowerCase()).not.toContain(cert.slice(i, i + 8).toLowerCase());
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw');
}

describe('errors never contain the certificate', () => {
  const good = RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600, FIXED);
  // Calls that fail while a valid certificate is among their arguments.
  const failures: [string, () => unknown][] = [
    ['bad app ID', () => RtcTokenBuilder.buildTokenWithUid('nope', CERT, 'room', 42, 1, 600, 600)],
    ['bad uid', () => RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', -1, 1, 600, 600)],
    ['bad role', () => RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1.5, 600, 600)],
    ['bad expire', () => RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', -5)],
    ['bad timestamp', () => ChatTokenBuilder.buildAppToken(APP_ID, CERT, 600, { issueTs: 2 ** 40 })],
    ['bad salt', () => FpaTokenBuilder.buildToken(APP_ID, CERT, { salt: -1 })],
    ['bad apaas role', () => ApaasTokenBuilder.buildRoomUserToken(APP_ID, CERT, 'room', 'u', 1e6, 600)],
    ['bad permissions', () => RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'u', 'x' as never, 600)],
    ['string too long', () => RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'x'.repeat(70_000), 'a', 1, 600, 600)],
    ['no services', () => buildToken({ appId: APP_ID, appCertificate: CERT, expire: 600, services: [] })],
    ['bad privilege', () => buildToken({ appId: APP_ID, appCertificate: CERT, expire: 600, services: [{ type: 4, privileges: { 1: -1 } }] })],
    ['bad version', () => buildToken({ version: '005', appId: APP_ID, appCertificate: CERT } as never)],
    ['malformed token', () => verifyToken(`${good.slice(0, 40)}!`, CERT)],
    ['empty token body', () => verifyToken('007', CERT)],
    ['006 without context', () => verifyToken(v006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 0), CERT)],
    ['006 bad uid', () => v006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', -1, 1, 0)],
    ['006 bad app ID', () => buildToken({ version: '006', appId: 'x', appCertificate: CERT, channelName: 'c', uid: 1, privileges: {} })],
  ];

  it.each(failures)('%s', (_name, call) => {
    const e = thrown(call);
    expect(e).toBeInstanceOf(TokenError);
    expectNoSecret(errorText(e), CERT);
  });

  // Near-certificates are probably the real one mistyped: the error describes them without echoing them.
  const nearMisses: [string, string][] = [
    ['one character short', CERT.slice(1)],
    ['one character long', `${CERT}0`],
    ['a non-hex character', `${CERT.slice(0, 31)}g`],
    ['surrounding whitespace', ` ${CERT} `],
    ['a newline', `${CERT}\n`],
    ['with a prefix', `cert:${CERT}`],
  ];

  it.each(nearMisses)('a certificate with %s is refused without echoing it', (_name, cert) => {
    for (const call of [
      () => verifyToken(good, cert),
      () => RtcTokenBuilder.buildTokenWithUid(APP_ID, cert, 'room', 42, 1, 600, 600),
      () => buildToken({ version: '006', appId: APP_ID, appCertificate: cert, channelName: 'c', uid: 1, privileges: {} }),
      () => new v006.AccessToken(APP_ID, cert, 'c', 1).build(),
    ]) {
      const e = thrown(call);
      expect(e).toMatchObject({ code: 'ERR_INVALID_APP_CERTIFICATE' });
      expectNoSecret(errorText(e), CERT);
    }
  });
});

describe('nothing returned contains the certificate', () => {
  const perms = new Rtm2Permissions();
  perms.add(Rtm2Permissions.kStreamChannels, Rtm2Permissions.kWrite, ['s1']);
  const tokens007 = [
    RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600, FIXED),
    RtcTokenBuilder.buildTokenWithRtm2(APP_ID, CERT, 'room', 'acc', 1, 600, 600, 600, 600, 600, 'user', 600, FIXED),
    RtmTokenBuilder.buildTokenWithPermissions(APP_ID, CERT, 'user', perms, 600, FIXED),
    ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'user', 600, FIXED),
    FpaTokenBuilder.buildToken(APP_ID, CERT, FIXED),
    ApaasTokenBuilder.buildRoomUserToken(APP_ID, CERT, 'room', 'user', 1, 600, FIXED),
    EducationTokenBuilder.buildAppToken(APP_ID, CERT, 600, FIXED),
    ConvoAITokenBuilder.buildToken(APP_ID, CERT, 'room', 'acc', 1, 600, 600, 600, 600, 600, 'user', 600, FIXED),
    SttTokenBuilder.buildToken(APP_ID, CERT, 'room', 'acc', 1, 600, 600, 600, 600, 600, 'user', 600, FIXED),
  ];
  const tokens006 = [
    v006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 0, { salt: 5, ts: 1_700_086_400 }),
    v006.RtmTokenBuilder.buildToken(APP_ID, CERT, 'user', 1, 0, { salt: 5, ts: 1_700_086_400 }),
  ];

  it('tokens: neither the text nor the signed payload holds the certificate, as text or as bytes', () => {
    const certBytes = Array.from({ length: 16 }, (_, i) => parseInt(CERT.slice(2 * i, 2 * i + 2), 16));
    for (const token of [...tokens007, ...tokens006]) {
      expectNoSecret(token, CERT);
      const bytes = token.startsWith('007') ? payload007(token) : bodyBytes(token);
      const latin1 = String.fromCharCode(...bytes);
      expectNoSecret(latin1, CERT);
      expect(latin1).not.toContain(String.fromCharCode(...certBytes));
    }
  });

  it('decoded tokens, verification results and findings', () => {
    for (const token of tokens007) {
      expectNoSecret(valueText(decodeToken(token)), CERT);
      expect(verifyToken(token, CERT)).toBe(true);
    }
    for (const token of tokens006) {
      expectNoSecret(valueText(decodeToken(token)), CERT);
      expect(verifyToken(token, CERT, { channelName: token === tokens006[0] ? 'room' : 'user', uid: token === tokens006[0] ? 42 : '' })).toBe(true);
    }
    expectNoSecret(valueText(checkRtcInputs({ channelName: 'room/1', uid: -1, role: 7, tokenExpire: 1e6 })), CERT);
  });

  it('a 006 AccessToken object keeps the certificate out of JSON and inspect, and still signs with it', () => {
    const token = new v006.AccessToken(APP_ID, CERT, 'room', 42, { salt: 5, ts: 1_700_086_400 });
    token.addPrivilege(v006.privileges.kJoinChannel, 1_700_003_600);
    expectNoSecret(valueText(token), CERT);
    expectNoSecret(Object.keys(token).join(','), CERT);
    expect(verifyToken(token.build(), CERT, { channelName: 'room', uid: 42 })).toBe(true);
  });

  it('the builder classes hold no state after building', () => {
    for (const cls of [RtcTokenBuilder, RtmTokenBuilder, ChatTokenBuilder, FpaTokenBuilder, ApaasTokenBuilder, ConvoAITokenBuilder, v006.RtcTokenBuilder]) {
      expectNoSecret(inspect(cls, { showHidden: true, depth: 4 }), CERT);
    }
  });
});

describe('verifyToken checks what the references check, and the 006 checksums', () => {
  // Tokens re-signed here with the real key, so that only the check under test can refuse them.
  const hmacSigned007 = async (appId: string) => {
    const { hmacSha256, signingKey007 } = await import('../src/lib/hmac.js');
    const { fields007, payload007: inflate, token007 } = await import('./support/token-mutations.js');
    const original = inflate(RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 600, 600, FIXED));
    const field = fields007(original).find((f) => f.name === 'appId')!;
    const payload = original.slice();
    payload.set(new TextEncoder().encode(appId), field.offset);
    payload.set(hmacSha256(signingKey007(CERT, FIXED.issueTs, FIXED.salt), payload.subarray(34)), 2);
    return token007(payload);
  };

  it('007: a correctly signed token whose app ID is not 32 hex characters does not verify', async () => {
    expect(verifyToken(await hmacSigned007('0123456789abcdef0123456789ABCDEF'), CERT)).toBe(true);
    expect(verifyToken(await hmacSigned007('0123456789abcdef0123456789abcdeg'), CERT)).toBe(false);
  });

  it('006: the signature and both CRC-32 fields must all match, and an app ID out of format is malformed', async () => {
    const { signature006 } = await import('../src/token006/signature.js');
    const { bodyBytes: body, withBody } = await import('./support/token-mutations.js');
    const token = v006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 0, { salt: 5, ts: 1_700_086_400 });
    const context = { channelName: 'room', uid: 42 };
    expect(verifyToken(token, CERT, context)).toBe(true);
    expect(verifyToken(token, CERT, { channelName: 'room2', uid: 42 })).toBe(false);
    expect(verifyToken(token, CERT, { channelName: 'room', uid: 43 })).toBe(false);
    // The CRCs are not signed: change one and the signature still matches, but the token must not verify.
    for (const offset of [34, 38]) {
      const bytes = body(token);
      bytes[offset]! ^= 1;
      expect(verifyToken(withBody(token, bytes), CERT, context)).toBe(false);
    }
    // The app ID is signed: re-sign for another app ID, valid or not in format.
    const resigned = (appId: string) => {
      const bytes = body(token);
      const message = bytes.subarray(44);
      const enc = new TextEncoder();
      bytes.set(signature006(CERT, appId, enc.encode('room'), enc.encode('42'), message), 2);
      return withBody(`006${appId}`, bytes);
    };
    expect(verifyToken(resigned('0123456789abcdef0123456789ABCDEF'), CERT, context)).toBe(true);
    expect(caught(() => verifyToken(resigned('0123456789abcdef0123456789abcdeg'), CERT, context)).code).toBe('ERR_MALFORMED_TOKEN');
  });
});
