import { describe, expect, it } from 'vitest';
import {
  ApaasTokenBuilder,
  buildToken,
  ChatTokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcRole,
  RtcTokenBuilder,
  RtcTokenBuilder2,
  Rtm2Permissions,
  RtmTokenBuilder,
  RtmTokenBuilder2,
  ServiceType,
  TokenError,
  type TokenErrorCode,
  verifyToken,
} from '../src/index.js';
import { decode007 } from './support/decode007.js';
import { caught } from './support/caught.js';

const appId = '3327194369a09232ae4bc396b00f86ff';
const cert = '3cc7461c96496a9a6af39be6805a28d1';
const fixed = { issueTs: 1_700_000_000, salt: 12345 };


describe('broken input is a TokenError, never a wrong token or ""', () => {
  const rtc = (over: Partial<Record<'appId' | 'cert' | 'uid' | 'role' | 'expire' | 'privilege', unknown>>) => () =>
    RtcTokenBuilder.buildTokenWithUid(
      (over.appId ?? appId) as string,
      (over.cert ?? cert) as string,
      'room',
      ('uid' in over ? over.uid : 42) as number,
      (over.role ?? 1) as number,
      (over.expire ?? 3600) as number,
      (over.privilege ?? 3600) as number,
    );

  it.each([
    ['empty app ID', { appId: '' }, 'ERR_INVALID_APP_ID'],
    ['non-hex app ID', { appId: 'Z327194369a09232ae4bc396b00f86ff' }, 'ERR_INVALID_APP_ID'],
    ['numeric app ID', { appId: 12345 }, 'ERR_INVALID_APP_ID'],
    ['31-char certificate', { cert: cert.slice(1) }, 'ERR_INVALID_APP_CERTIFICATE'],
    ['uid -1 (agora-token packs "-1")', { uid: -1 }, 'ERR_INVALID_UID'],
    ['uid 1.5', { uid: 1.5 }, 'ERR_INVALID_UID'],
    ['uid NaN', { uid: NaN }, 'ERR_INVALID_UID'],
    ['uid undefined (agora-token packs "undefined")', { uid: undefined }, 'ERR_INVALID_UID'],
    ['uid 2^32', { uid: 2 ** 32 }, 'ERR_INVALID_UID'],
    ['uid as an object', { uid: {} }, 'ERR_INVALID_UID'],
    ['role "1" as a string', { role: '1' }, 'ERR_INVALID_ROLE'],
    ['negative expire', { expire: -1 }, 'ERR_INVALID_EXPIRE'],
    ['fractional expire', { expire: 1.9 }, 'ERR_INVALID_EXPIRE'],
    ['expire 2^32', { expire: 2 ** 32 }, 'ERR_INVALID_EXPIRE'],
    ['expire as a string', { expire: '600' }, 'ERR_INVALID_EXPIRE'],
    ['privilege expire NaN', { privilege: NaN }, 'ERR_INVALID_EXPIRE'],
  ] as const)('%s → %s', (_name, over, code) => {
    expect(caught(rtc(over)).code).toBe(code);
  });

  it('rejects a string over 65 535 UTF-8 bytes', () => {
    expect(caught(() => RtmTokenBuilder.buildToken(appId, cert, 'é'.repeat(32768), 60)).code).toBe('ERR_STRING_TOO_LONG');
    // A long string still fits while the whole payload stays within 65 535 bytes.
    expect(decode007(RtmTokenBuilder.buildToken(appId, cert, 'a'.repeat(65_000), 60)).services).toHaveLength(1);
  });

  it('rejects a payload no reference parser could read', () => {
    const services = Array.from({ length: 3 }, () => ({ type: ServiceType.Rtm, userId: 'x'.repeat(30000) }));
    expect(caught(() => buildToken({ appId, appCertificate: cert, expire: 1, services })).code).toBe('ERR_TOKEN_TOO_LONG');
  });

  it('rejects a non-string channel name and bad options', () => {
    expect(caught(() => RtcTokenBuilder.buildTokenWithUid(appId, cert, 7 as unknown as string, 1, 1, 1, 1)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(caught(() => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'c', 1, 1, 1, 1, { salt: -5 })).code).toBe('ERR_INVALID_SALT');
    expect(caught(() => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'c', 1, 1, 1, 1, { issueTs: 2 ** 32 })).code).toBe('ERR_INVALID_TIMESTAMP');
  });

  it('rejects an empty service list and malformed services in buildToken', () => {
    expect(caught(() => buildToken({ appId, appCertificate: cert, expire: 1, services: [] })).code).toBe('ERR_NO_SERVICE');
    expect(caught(() => buildToken({ appId, appCertificate: cert, expire: 1, services: [{ type: 70000 }] })).code).toBe('ERR_INVALID_SERVICE');
    expect(caught(() => buildToken({ appId, appCertificate: cert, expire: 1, services: [{ type: 1, privileges: { 1: -1 } }] as never })).code).toBe(
      'ERR_INVALID_EXPIRE',
    );
    expect(caught(() => buildToken({ appId, appCertificate: cert, expire: 1, services: [{ type: 4, privileges: { x: 1 } as never }] })).code).toBe(
      'ERR_INVALID_PRIVILEGE',
    );
    expect(caught(() => buildToken({ appId, appCertificate: cert, expire: 1, services: [{ type: 7, roomUuid: 'r', userUuid: 'u', role: 40000 }] })).code).toBe(
      'ERR_INVALID_ROLE',
    );
    expect(caught(() => buildToken({ version: '008' as never, appId, appCertificate: cert, expire: 1, services: [{ type: 4 }] })).code).toBe(
      'ERR_UNSUPPORTED_VERSION',
    );
  });

  it('rejects RTM2 resources given as a bare string (agora-token splits it into characters)', () => {
    expect(caught(() => new Rtm2Permissions().add(0, 0, 'abc' as never)).code).toBe('ERR_INVALID_ARGUMENT');
    const bad = [{ resourceType: 0, permissionType: 0, resources: 'abc' }] as never;
    expect(caught(() => RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'u', bad, 60)).code).toBe('ERR_INVALID_ARGUMENT');
  });

  it('never puts the certificate into an error message', () => {
    const secret = '0123456789abcdef0123456789abcdeZ';
    const e = caught(() => RtcTokenBuilder.buildTokenWithUid(appId, secret, 'room', 1, 1, 1, 1));
    expect(e.code).toBe('ERR_INVALID_APP_CERTIFICATE');
    expect(e.message).toContain('a 32-character string');
    for (const shown of [e.message, String(e), JSON.stringify(e), e.stack ?? '']) expect(shown).not.toContain(secret.slice(0, 16));
  });
});

describe('drop-in behaviour', () => {
  it('numeric ids work in every builder; 0 becomes "" and "0" stays "0"', () => {
    const rtm = (id: string | number) => (decode007(RtmTokenBuilder.buildToken(appId, cert, id, 60, fixed)).services[0] as { userId: string }).userId;
    expect(rtm(1234)).toBe('1234');
    expect(rtm(0)).toBe('');
    expect(rtm('0')).toBe('0');
    const chat = decode007(ChatTokenBuilder.buildUserToken(appId, cert, 77, 60)).services[0] as { userId: string };
    expect(chat.userId).toBe('77');
    const apaas = decode007(ApaasTokenBuilder.buildUserToken(appId, cert, 5, 60)).services[0] as { userUuid: string };
    expect(apaas.userUuid).toBe('5');
  });

  it('roles: only 1 publishes; 0, 2 and 101 join only', () => {
    const privs = (role: number) => Object.keys(decode007(RtcTokenBuilder.buildTokenWithUid(appId, cert, 'c', 1, role, 60, 60)).services[0]!.privileges);
    expect(privs(RtcRole.PUBLISHER)).toEqual(['1', '2', '3', '4']);
    for (const role of [0, RtcRole.SUBSCRIBER, 101]) expect(privs(role)).toEqual(['1']);
  });

  it('privilegeExpire defaults to 0 like agora-token', () => {
    const { services } = decode007(RtcTokenBuilder.buildTokenWithUid(appId, cert, 'c', 1, 2, 60));
    expect(services[0]!.privileges).toEqual({ 1: 0 });
  });

  it('methods work detached from their class, and the Go/C++ names are aliases', () => {
    const { buildTokenWithUid, buildTokenWithUidAndPrivilege } = RtcTokenBuilder;
    expect(buildTokenWithUid(appId, cert, 'c', 1, 1, 60, 60, fixed)).toBe(RtcTokenBuilder.buildTokenWithUid(appId, cert, 'c', 1, 1, 60, 60, fixed));
    expect(buildTokenWithUidAndPrivilege(appId, cert, 'c', 1, 60, 1, 2, 3, 4, fixed)).toBe(
      RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege(appId, cert, 'c', 1, 60, 1, 2, 3, 4, fixed),
    );
    expect(RtcTokenBuilder2).toBe(RtcTokenBuilder);
    expect(RtmTokenBuilder2).toBe(RtmTokenBuilder);
    expect(EducationTokenBuilder.buildAppToken(appId, cert, 60, fixed)).toBe(ApaasTokenBuilder.buildAppToken(appId, cert, 60, fixed));
  });

  it('fixed issueTs and salt give reproducible tokens; defaults use the clock and a fresh salt', () => {
    const a = FpaTokenBuilder.buildToken(appId, cert, fixed);
    expect(FpaTokenBuilder.buildToken(appId, cert, fixed)).toBe(a);
    const before = Math.floor(Date.now() / 1000);
    const t1 = decode007(FpaTokenBuilder.buildToken(appId, cert));
    const t2 = decode007(FpaTokenBuilder.buildToken(appId, cert));
    expect(t1.issueTs).toBeGreaterThanOrEqual(before);
    expect(t1.issueTs).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(t1.salt).not.toBe(t2.salt);
    for (const t of [t1, t2]) {
      expect(t.salt).toBeGreaterThanOrEqual(1);
      expect(t.salt).toBeLessThanOrEqual(99_999_999);
    }
  });

  it('Rtm2Permissions: add replaces the list of a pair, entries feed the builder', () => {
    const perms = new Rtm2Permissions();
    perms.add(Rtm2Permissions.kUsers, Rtm2Permissions.kRead, ['a']);
    perms.add(Rtm2Permissions.kUsers, Rtm2Permissions.kRead, ['b', 'c']);
    perms.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kWrite, ['m']);
    expect(perms.details).toEqual({ 4: { 0: ['b', 'c'] }, 0: { 1: ['m'] } });
    const token = RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'u', perms, 60, fixed);
    expect(token).toBe(RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'u', perms.entries(), 60, fixed));
    expect(decode007(token).services[0]).toMatchObject({
      permissions: [
        { resourceType: 0, permissionType: 1, resources: ['m'] },
        { resourceType: 4, permissionType: 0, resources: ['b', 'c'] },
      ],
    });
    expect(verifyToken(RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'u', null, 60), cert)).toBe(true);
  });
});

describe('decodeToken and verifyToken', () => {
  const token = RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, 1, 3600, 3600, fixed);

  it('decodes every header field and the services', () => {
    expect(decode007(token)).toEqual({
      version: '007',
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      appId,
      issueTs: fixed.issueTs,
      expire: 3600,
      salt: fixed.salt,
      services: [{ type: 1, privileges: { 1: 3600, 2: 3600, 3: 3600, 4: 3600 }, channelName: 'room', uid: '42' }],
    });
  });

  it('verify is false for another certificate and an error for a malformed one', () => {
    expect(verifyToken(token, cert)).toBe(true);
    expect(verifyToken(token, cert.toUpperCase())).toBe(false);
    expect(caught(() => verifyToken(token, 'short')).code).toBe('ERR_INVALID_APP_CERTIFICATE');
  });

  it('names the problem with a token', () => {
    expect(caught(() => decode007('008' + token.slice(3))).code).toBe('ERR_UNSUPPORTED_VERSION');
    expect(caught(() => decode007('00')).code).toBe('ERR_MALFORMED_TOKEN');
    expect(caught(() => decode007(token.slice(0, 40))).code).toBe('ERR_MALFORMED_TOKEN');
    expect(caught(() => decode007('007' + 'A'.repeat(100_000))).code).toBe('ERR_TOKEN_TOO_LONG');
    expect(() => decode007(42 as unknown as string)).toThrow(TypeError);
  });
});
