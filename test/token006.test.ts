import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as dropIn from '../src/006.js';
import {
  buildToken,
  type DecodedToken006,
  decodeToken,
  expiryFrom006,
  type Token006Spec,
  TokenError,
  verifyToken,
} from '../src/index.js';
import { crc32 } from '../src/lib/crc32.js';
import { caught } from './support/caught.js';

const appId = '3327194369a09232ae4bc396b00f86ff';
const appCertificate = '3cc7461c96496a9a6af39be6805a28d1';
const otherCertificate = 'd056890b323e9fe14342c2b4531d3af9';
const fixed = { salt: 7, ts: 1_717_258_117 };

const spec = (over: Partial<Token006Spec> = {}): Token006Spec => ({
  version: '006',
  appId,
  appCertificate,
  channelName: 'room',
  uid: 42,
  privileges: { 1: 1_717_175_317 },
  ...fixed,
  ...over,
});

const decode006 = (token: string): DecodedToken006 => {
  const decoded = decodeToken(token);
  if (decoded.version !== '006') throw new Error(`expected a 006 token, got ${decoded.version}`);
  return decoded;
};


const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const b64 = (data: Uint8Array): string => btoa(String.fromCharCode(...data));
const unb64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

afterEach(() => {
  vi.useRealTimers();
});

describe('crc32', () => {
  it('is the zlib/IEEE CRC-32', () => {
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    // docs/format.md §7.2: CRCs of the upstream channel name and uid.
    expect(crc32(bytes('7d72365eb983485397e3e3f9d460bdda'))).toBe(0x107d48b7);
    expect(crc32(bytes('2882341273'))).toBe(0xe551a057);
  });
});

describe('buildToken({ version: "006" }) and decodeToken', () => {
  it('round-trips every field', () => {
    const token = buildToken(spec({ privileges: { 4: 40, 1: 10, 1000: 99 } }));
    expect(token.startsWith(`006${appId}`)).toBe(true);
    expect(decode006(token)).toEqual({
      version: '006',
      appId,
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      crcChannelName: crc32(bytes('room')),
      crcUid: crc32(bytes('42')),
      salt: 7,
      ts: 1_717_258_117,
      privileges: { 1: 10, 4: 40, 1000: 99 },
    });
  });

  it('accepts privileges as a Map or as [id, time] pairs, a repeated id keeping the last time', () => {
    const fromObject = buildToken(spec({ privileges: { 1: 5, 2: 6 } }));
    expect(buildToken(spec({ privileges: new Map([[2, 6], [1, 5]]) }))).toBe(fromObject);
    expect(buildToken(spec({ privileges: [[1, 9], [2, 6], [1, 5]] }))).toBe(fromObject);
  });

  it('follows the uid rule: 0 and "" are the wildcard, "0" is an account', () => {
    expect(buildToken(spec({ uid: 0 }))).toBe(buildToken(spec({ uid: '' })));
    expect(buildToken(spec({ uid: '0' }))).not.toBe(buildToken(spec({ uid: 0 })));
    expect(decode006(buildToken(spec({ uid: 0 }))).crcUid).toBe(0);
    expect(buildToken(spec({ uid: 4_294_967_295 }))).toBe(buildToken(spec({ uid: '4294967295' })));
  });

  it('defaults ts to now + 24 h', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T12:00:00Z'));
    const { ts: _ts, ...noTs } = spec();
    const now = Date.UTC(2026, 10, 28, 12) / 1000;
    expect(decode006(buildToken(noTs)).ts).toBe(now + 86_400);
    expect(decode006(dropIn.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 1, 1, now + 60)).ts).toBe(now + 86_400);
  });

  it('draws a fresh salt for every token, even within one second (agora-access-token reuses one per process)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T12:00:00Z'));
    const build = () => dropIn.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, dropIn.RtcRole.PUBLISHER, 1_900_000_000);
    const tokens = Array.from({ length: 8 }, build);
    expect(new Set(tokens.map((t) => decode006(t).ts)).size).toBe(1);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(new Set(tokens.map((t) => decode006(t).salt)).size).toBe(tokens.length);
    const { salt: _salt, ...noSalt } = spec();
    expect(buildToken(noSalt)).not.toBe(buildToken(noSalt));
    const a = new dropIn.AccessToken(appId, appCertificate, 'room', 42);
    const b = new dropIn.AccessToken(appId, appCertificate, 'room', 42);
    expect(a.salt).not.toBe(b.salt);
  });

  it('packs UTF-8 verbatim in the signature and CRCs', () => {
    const token = buildToken(spec({ channelName: '频道', uid: 'José' }));
    expect(decode006(token).crcChannelName).toBe(crc32(bytes('频道')));
    expect(decode006(token).crcUid).toBe(crc32(bytes('José')));
    // NFD "José" is other bytes, so another signature.
    expect(verifyToken(token, appCertificate, { channelName: '频道', uid: 'José'.normalize('NFD') })).toBe(false);
    expect(verifyToken(token, appCertificate, { channelName: '频道', uid: 'José' })).toBe(true);
  });
});

describe('006 input validation', () => {
  it.each<[string, Partial<Token006Spec>, string]>([
    ['app ID not 32 hex', { appId: 'not-an-app-id' }, 'ERR_INVALID_APP_ID'],
    ['certificate not 32 hex', { appCertificate: 'short' }, 'ERR_INVALID_APP_CERTIFICATE'],
    ['negative uid', { uid: -1 }, 'ERR_INVALID_UID'],
    ['fractional uid', { uid: 1.5 }, 'ERR_INVALID_UID'],
    ['uid above uint32', { uid: 2 ** 32 }, 'ERR_INVALID_UID'],
    ['ts above uint32', { ts: 2 ** 32 }, 'ERR_INVALID_TIMESTAMP'],
    ['negative salt', { salt: -1 }, 'ERR_INVALID_SALT'],
    ['privilege time above uint32', { privileges: { 1: 2 ** 32 } }, 'ERR_INVALID_EXPIRE'],
    ['privilege time not an integer', { privileges: { 1: 1.5 } }, 'ERR_INVALID_EXPIRE'],
    ['privilege id above uint16', { privileges: { 65_536: 1 } }, 'ERR_INVALID_PRIVILEGE'],
    ['privileges missing', { privileges: undefined }, 'ERR_INVALID_PRIVILEGE'],
    ['channel name not a string', { channelName: 5 as unknown as string }, 'ERR_INVALID_ARGUMENT'],
    ['channel name over 65535 bytes', { channelName: 'é'.repeat(32_768) }, 'ERR_STRING_TOO_LONG'],
    ['account over 65535 bytes', { uid: 'u'.repeat(65_536) }, 'ERR_STRING_TOO_LONG'],
  ])('%s is a TokenError', (_name, over, code) => {
    expect(caught(() => buildToken(spec(over))).code).toBe(code);
  });

  it('never echoes the certificate', () => {
    const secret = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz1';
    try {
      buildToken(spec({ appCertificate: secret }));
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(secret);
      return;
    }
    throw new Error('expected a TokenError');
  });

  // The RTM role is accepted whatever it is, as by agora-access-token: test/drop-in.test.ts.
  it('rejects an RTC role that is not a uint16 and an unknown version', () => {
    expect(caught(() => dropIn.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'c', 1, -1, 0)).code).toBe('ERR_INVALID_ROLE');
    expect(caught(() => buildToken({ ...spec(), version: '005' } as unknown as Token006Spec)).code).toBe('ERR_UNSUPPORTED_VERSION');
  });
});

describe('verifyToken for 006', () => {
  const token = buildToken(spec());

  it('needs the channel name and uid, and says so with its own code', () => {
    expect(caught(() => verifyToken(token, appCertificate)).code).toBe('ERR_VERIFY_CONTEXT_REQUIRED');
    expect(caught(() => verifyToken(token, appCertificate, { channelName: 'room' } as never)).code).toBe('ERR_VERIFY_CONTEXT_REQUIRED');
    expect(caught(() => verifyToken(token, appCertificate, { uid: 42 } as never)).code).toBe('ERR_VERIFY_CONTEXT_REQUIRED');
    expect(caught(() => verifyToken(token, appCertificate, { channelName: 'room', uid: -1 })).code).toBe('ERR_INVALID_UID');
    expect(caught(() => verifyToken(token, 'bad', { channelName: 'room', uid: 42 })).code).toBe('ERR_INVALID_APP_CERTIFICATE');
  });

  it('accepts the right certificate, channel and uid only', () => {
    expect(verifyToken(token, appCertificate, { channelName: 'room', uid: 42 })).toBe(true);
    expect(verifyToken(token, appCertificate, { channelName: 'room', uid: '42' })).toBe(true);
    expect(verifyToken(token, otherCertificate, { channelName: 'room', uid: 42 })).toBe(false);
    expect(verifyToken(token, appCertificate, { channelName: 'room2', uid: 42 })).toBe(false);
    expect(verifyToken(token, appCertificate, { channelName: 'room', uid: 43 })).toBe(false);
    const wildcard = buildToken(spec({ uid: 0 }));
    expect(verifyToken(wildcard, appCertificate, { channelName: 'room', uid: '' })).toBe(true);
    expect(verifyToken(wildcard, appCertificate, { channelName: 'room', uid: 0 })).toBe(true);
    expect(verifyToken(wildcard, appCertificate, { channelName: 'room', uid: '0' })).toBe(false);
  });

  it('compares every byte of the signature, and its length', () => {
    // Content: u16 signature length (32) at 0, the signature at 2..33.
    const content = unb64(token.slice(35));
    const context = { channelName: 'room', uid: 42 };
    for (let i = 0; i < 32; i++) {
      for (const mask of [0x01, 0x80]) {
        const forged = content.slice();
        forged[2 + i]! ^= mask;
        expect(verifyToken(token.slice(0, 35) + b64(forged), appCertificate, context), `signature byte ${i} ^ ${mask}`).toBe(false);
      }
    }
    // The first 16 bytes of the right signature, framed as a 16-byte signature.
    const half = Uint8Array.from([16, 0, ...content.subarray(2, 18), ...content.subarray(34)]);
    expect(decode006(token.slice(0, 35) + b64(half)).signature).toBe(decode006(token).signature.slice(0, 32));
    expect(verifyToken(token.slice(0, 35) + b64(half), appCertificate, context)).toBe(false);
    expect(verifyToken(token.slice(0, 35) + b64(content), appCertificate, context)).toBe(true);
  });

  it('checks both CRCs, which the signature does not cover', () => {
    const content = unb64(token.slice(35));
    for (const offset of [34, 38]) {
      const forged = content.slice();
      forged[offset]! ^= 1;
      const tampered = token.slice(0, 35) + b64(forged);
      // Signature-only verification, as the references' tests do, would still accept it.
      expect(decode006(tampered).signature).toBe(decode006(token).signature);
      expect(verifyToken(tampered, appCertificate, { channelName: 'room', uid: 42 })).toBe(false);
    }
  });

  it.each([
    ['a letter past f', `${'g'.repeat(32)}`],
    ['a non-ASCII letter', `${'0'.repeat(31)}é`],
    ['a character outside the BMP (two UTF-16 units)', `${'0'.repeat(30)}\u{1F600}`],
    ['a space', ` ${'0'.repeat(31)}`],
  ])('refuses, in decode and verify, an app ID with %s as a malformed token', (_name, appIdSegment) => {
    const renamed = `006${appIdSegment}${token.slice(35)}`;
    expect(renamed.length).toBe(token.length);
    for (const e of [caught(() => decodeToken(renamed)), caught(() => verifyToken(renamed, appCertificate, { channelName: 'room', uid: 42 }))]) {
      expect(e.code).toBe('ERR_MALFORMED_TOKEN');
      expect(e.message).toMatch(/app ID of a "006" token must be 32 hexadecimal characters/);
    }
    // The same body after a valid app ID decodes: only the app ID is at fault.
    expect(decodeToken(`006${'0'.repeat(32)}${token.slice(35)}`).version).toBe('006');
  });

  it('leaves 007 untouched: the context is ignored', () => {
    const t007 = buildToken({ appId, appCertificate, expire: 600, issueTs: 1_111_111, salt: 1, services: [{ type: 1, channelName: 'room', uid: 42, privileges: { 1: 600 } }] });
    expect(verifyToken(t007, appCertificate)).toBe(true);
    expect(verifyToken(t007, appCertificate, { channelName: 'other', uid: 7 })).toBe(true);
    expect(decodeToken(t007).version).toBe('007');
  });
});

describe('decoding hostile 006 input', () => {
  const token = buildToken(spec());

  it.each([
    ['shorter than version and app ID', token.slice(0, 20)],
    ['nothing after the app ID', token.slice(0, 35)],
    ['invalid base64 character', `${token.slice(0, 50)}!${token.slice(51)}`],
    ['URL-safe alphabet character (Node accepts it)', `${token.slice(0, 50)}-${token.slice(51)}`],
    ['truncated message', token.slice(0, -8)],
    ['truncated signature', token.slice(0, 43)],
  ])('%s is ERR_MALFORMED_TOKEN', (_name, bad) => {
    expect(caught(() => decodeToken(bad)).code).toBe('ERR_MALFORMED_TOKEN');
  });

  it('ignores bytes after the content, as the references do', () => {
    const content = unb64(token.slice(35));
    const extended = token.slice(0, 35) + b64(Uint8Array.from([...content, 1, 2, 3]));
    expect(decode006(extended)).toEqual(decode006(token));
    expect(verifyToken(extended, appCertificate, { channelName: 'room', uid: 42 })).toBe(true);
  });

  it('throws only TokenError for any content', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (content) => {
        const candidate = `006${appId}${b64(content)}`;
        try {
          decodeToken(candidate);
          verifyToken(candidate, appCertificate, { channelName: 'room', uid: 42 });
        } catch (e) {
          if (!(e instanceof TokenError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('006 round trip (property)', () => {
  const hex32 = fc.stringMatching(/^[0-9a-fA-F]{32}$/);
  const u32 = fc.integer({ min: 0, max: 0xffffffff });
  const text = fc.string({ unit: 'grapheme', maxLength: 24 });

  it('decodes what it builds and verifies only in its own context', () => {
    fc.assert(
      fc.property(
        hex32,
        hex32,
        text,
        fc.oneof(text, u32),
        u32,
        u32,
        fc.dictionary(fc.integer({ min: 0, max: 0xffff }).map(String), u32, { maxKeys: 6 }),
        (id, cert, channelName, uid, salt, ts, privileges) => {
          const token = buildToken({ version: '006', appId: id, appCertificate: cert, channelName, uid, salt, ts, privileges });
          const uidText = uid === 0 ? '' : String(uid);
          expect(decode006(token)).toEqual({
            version: '006',
            appId: id,
            signature: expect.stringMatching(/^[0-9a-f]{64}$/),
            crcChannelName: crc32(bytes(channelName)),
            crcUid: crc32(bytes(uidText)),
            salt,
            ts,
            privileges,
          });
          expect(verifyToken(token, cert, { channelName, uid })).toBe(true);
          expect(verifyToken(token, cert, { channelName: `${channelName}x`, uid })).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('agora-token-kit/006 drop-in', () => {
  it('has the names and values of agora-access-token', () => {
    expect(dropIn.RtcRole).toEqual({ ATTENDEE: 0, PUBLISHER: 1, SUBSCRIBER: 2, ADMIN: 101 });
    expect(dropIn.RtmRole).toEqual({ Rtm_User: 1 });
    expect(dropIn.privileges).toMatchObject({ kJoinChannel: 1, kPublishAudioStream: 2, kPublishVideoStream: 3, kPublishDataStream: 4, kAdministrateChannel: 101, kRtmLogin: 1000 });
    expect(dropIn.priviledges).toBe(dropIn.privileges);
  });

  it('grants publish privileges to ATTENDEE, PUBLISHER and ADMIN only', () => {
    const granted = (role: number) =>
      Object.keys(decode006(dropIn.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'c', 1, role, 100, fixed)).privileges).map(Number);
    expect(granted(dropIn.RtcRole.ATTENDEE)).toEqual([1, 2, 3, 4]);
    expect(granted(dropIn.RtcRole.PUBLISHER)).toEqual([1, 2, 3, 4]);
    expect(granted(dropIn.RtcRole.ADMIN)).toEqual([1, 2, 3, 4]);
    expect(granted(dropIn.RtcRole.SUBSCRIBER)).toEqual([1]);
    expect(granted(3)).toEqual([1]);
  });

  it('builds per-privilege expiries, for uids and accounts, detached from the class', () => {
    const { buildTokenWithUidAndPrivilege, buildTokenWithAccountAndPrivilege } = dropIn.RtcTokenBuilder;
    const t = buildTokenWithUidAndPrivilege(appId, appCertificate, 'c', 9, 11, 22, 33, 44, fixed);
    expect(decode006(t).privileges).toEqual({ 1: 11, 2: 22, 3: 33, 4: 44 });
    expect(buildTokenWithAccountAndPrivilege(appId, appCertificate, 'c', '9', 11, 22, 33, 44, fixed)).toBe(t);
    expect(verifyToken(t, appCertificate, { channelName: 'c', uid: 9 })).toBe(true);
  });

  it('RTM: the account is signed in the channel slot with an empty uid and privilege 1000', () => {
    const { buildToken: rtm } = dropIn.RtmTokenBuilder;
    const t = rtm(appId, appCertificate, 'alice', dropIn.RtmRole.Rtm_User, 500, fixed);
    expect(decode006(t)).toMatchObject({ crcChannelName: crc32(bytes('alice')), crcUid: 0, privileges: { 1000: 500 } });
    expect(verifyToken(t, appCertificate, { channelName: 'alice', uid: '' })).toBe(true);
    expect(t).toBe(buildToken(spec({ channelName: 'alice', uid: '', privileges: { 1000: 500 } })));
  });

  it('AccessToken: chainable addPrivilege, the agora-access-token spelling, salt and ts as fields', () => {
    const token = new dropIn.AccessToken(appId, appCertificate, 'room', 42, fixed);
    const viaClass = token.addPrivilege(dropIn.privileges.kJoinChannel, 1_717_175_317).build();
    expect(viaClass).toBe(buildToken(spec()));
    const legacy = new dropIn.AccessToken(appId, appCertificate, 'room', 42);
    legacy.salt = fixed.salt;
    legacy.ts = fixed.ts;
    legacy.addPriviledge(1, 1);
    legacy.addPriviledge(1, 1_717_175_317);
    expect(legacy.build()).toBe(viaClass);
  });

  it('AccessToken does not expose the certificate', () => {
    const token = new dropIn.AccessToken(appId, appCertificate, 'room', 42);
    expect(JSON.stringify(token)).not.toContain(appCertificate);
    expect(Object.values(token)).not.toContain(appCertificate);
    expect(caught(() => new dropIn.AccessToken(appId, 'nope', 'room', 42).addPrivilege(1, 1).build()).code).toBe('ERR_INVALID_APP_CERTIFICATE');
  });
});

describe('expiryFrom006', () => {
  const now = 1_800_000_000;

  it('turns an absolute privilege time into relative seconds at a given now', () => {
    expect(expiryFrom006(now + 3600, { now })).toEqual({ tokenExpire: 86_400, privilegeExpire: 3600 });
    expect(expiryFrom006(now + 1, { now })).toEqual({ tokenExpire: 86_400, privilegeExpire: 1 });
  });

  it('maps 0 to the 24 h a 006 token gave at most', () => {
    expect(expiryFrom006(0, { now })).toEqual({ tokenExpire: 86_400, privilegeExpire: 86_400 });
  });

  it('refuses a time that is not after now, and broken numbers', () => {
    expect(caught(() => expiryFrom006(now, { now })).code).toBe('ERR_INVALID_EXPIRE');
    expect(caught(() => expiryFrom006(now - 5, { now })).code).toBe('ERR_INVALID_EXPIRE');
    expect(caught(() => expiryFrom006(-1, { now })).code).toBe('ERR_INVALID_EXPIRE');
    expect(caught(() => expiryFrom006(now + 1, { now: 1.5 })).code).toBe('ERR_INVALID_TIMESTAMP');
  });

  it('uses the clock by default', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now * 1000);
    expect(expiryFrom006(now + 600)).toEqual({ tokenExpire: 86_400, privilegeExpire: 600 });
  });
});
