// Cross-checks with agora-access-token@2.0.4, the npm package the 006 entry replaces (Node only).
//
// Loading it: its AccessToken.fromString assigns an undeclared variable (`originVersion = …`,
// docs/format.md §3.4). In strict-mode code that assignment throws a ReferenceError, which
// fromString catches and turns into `false` for every token; that happens whenever the module is
// bundled into ESM or otherwise evaluated as strict code. Node's CommonJS loader runs it in sloppy
// mode, where the assignment creates a global instead, so we load it through createRequire and
// delete that global after each parse. The first test shows the failure under strict mode.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as dropIn from '../src/006.js';
import { buildToken, type DecodedToken006, decodeToken, verifyToken } from '../src/index.js';

interface TheirAccessToken {
  salt: number;
  ts: number;
  messages: Record<string, number>;
  signature: Uint8Array;
  crc_channel_name: number;
  crc_uid: number;
  addPriviledge(privilege: number, expireTimestamp: number): void;
  build(): string;
  fromString(token: string): boolean;
}
interface TheirAccessTokenModule {
  AccessToken: new (appID: string, appCertificate: string, channelName: string, uid: string | number) => TheirAccessToken;
}
interface TheirPackage {
  RtcTokenBuilder: {
    buildTokenWithUid(...args: [string, string, string, number, number, number]): string;
    buildTokenWithAccount(...args: [string, string, string, string, number, number]): string;
  };
  RtmTokenBuilder: { buildToken(...args: [string, string, string, number, number]): string };
}

const require = createRequire(import.meta.url);
const theirs = require('agora-access-token') as TheirPackage;
const { AccessToken: TheirToken } = require('agora-access-token/src/AccessToken') as TheirAccessTokenModule;

/** Their parser's view of a token, or null when it refuses it. */
function theirParse(token: string): TheirAccessToken | null {
  const parsed = new TheirToken('', '', '', '');
  try {
    return parsed.fromString(token) ? parsed : null;
  } finally {
    delete (globalThis as { originVersion?: unknown }).originVersion;
  }
}

const decode006 = (token: string): DecodedToken006 => {
  const decoded = decodeToken(token);
  if (decoded.version !== '006') throw new Error('expected a 006 token');
  return decoded;
};

const hex = (data: Uint8Array): string => Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('');

const appId = '3327194369a09232ae4bc396b00f86ff';
const appCertificate = '3cc7461c96496a9a6af39be6805a28d1';
const now = 1_795_996_357;
const hex32 = fc.stringMatching(/^[0-9a-fA-F]{32}$/);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const text = fc.string({ unit: 'grapheme', maxLength: 24 });
const privilegeList = fc.array(fc.tuple(fc.constantFrom(1, 2, 3, 4, 101, 1000, 7, 65_535), u32), { maxLength: 6 });

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the strict-mode bug of agora-access-token', () => {
  it('makes fromString refuse every token when the module runs as strict code', () => {
    const source = readFileSync(require.resolve('agora-access-token/src/AccessToken'), 'utf8');
    const strictModule = { exports: {} as TheirAccessTokenModule };
    new Function('require', 'module', 'exports', `'use strict';\n${source}`)(require, strictModule, strictModule.exports);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const token = buildToken({ version: '006', appId, appCertificate, channelName: 'c', uid: 1, privileges: { 1: now } });
    expect(new strictModule.exports.AccessToken('', '', '', '').fromString(token)).toBe(false);
    expect(String(log.mock.calls[0]?.[0])).toMatch(/originVersion is not defined/);
    expect(theirParse(token)).not.toBeNull();
  });
});

describe('tokens built by agora-access-token', () => {
  it('decode and verify here', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now * 1000);
    const cases: [string, string, string | number][] = [
      [theirs.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, 1, now + 600), 'room', 42],
      [theirs.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 0, 2, now + 600), 'room', 0],
      [theirs.RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, '频道', 'José', 101, now + 600), '频道', 'José'],
      [theirs.RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', 1, now + 600), 'alice', ''],
    ];
    for (const [token, channelName, uid] of cases) {
      const decoded = decode006(token);
      expect(decoded.appId).toBe(appId);
      expect(decoded.ts).toBe(now + 86_400);
      expect(Object.values(decoded.privileges).every((t) => t === now + 600)).toBe(true);
      expect(verifyToken(token, appCertificate, { channelName, uid })).toBe(true);
      expect(verifyToken(token, 'd056890b323e9fe14342c2b4531d3af9', { channelName, uid })).toBe(false);
      expect(verifyToken(token, appCertificate, { channelName: `${channelName}!`, uid })).toBe(false);
    }
    expect(Object.keys(decode006(cases[0]![0]).privileges)).toEqual(['1', '2', '3', '4']);
    expect(Object.keys(decode006(cases[1]![0]).privileges)).toEqual(['1']);
    expect(decode006(cases[3]![0]).privileges).toEqual({ 1000: now + 600 });
  });

  it('equal ours byte for byte for the same salt and ts, and both parsers agree (property)', () => {
    fc.assert(
      fc.property(hex32, hex32, text, fc.oneof(text, u32), u32, u32, privilegeList, (id, cert, channelName, uid, salt, ts, privileges) => {
        const their = new TheirToken(id, cert, channelName, uid);
        their.salt = salt;
        their.ts = ts;
        for (const [p, t] of privileges) their.addPriviledge(p, t);
        const theirToken = their.build();

        const ours = new dropIn.AccessToken(id, cert, channelName, uid, { salt, ts });
        for (const [p, t] of privileges) ours.addPrivilege(p, t);
        const ourToken = ours.build();
        expect(ourToken).toBe(theirToken);

        expect(verifyToken(theirToken, cert, { channelName, uid })).toBe(true);
        const parsed = theirParse(ourToken);
        expect(parsed).not.toBeNull();
        const decoded = decode006(ourToken);
        expect({
          signature: hex(parsed!.signature),
          crcChannelName: parsed!.crc_channel_name,
          crcUid: parsed!.crc_uid,
          salt: parsed!.salt,
          ts: parsed!.ts,
          privileges: parsed!.messages,
        }).toEqual({ ...decoded, version: undefined, appId: undefined });
      }),
      { numRuns: 200 },
    );
  });
});

describe('tokens built here', () => {
  it('are accepted by its parser, from every builder', () => {
    const options = { salt: 99, ts: now + 86_400 };
    const tokens = [
      dropIn.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, dropIn.RtcRole.PUBLISHER, now + 600, options),
      dropIn.RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, 'room', 'alice', dropIn.RtcRole.SUBSCRIBER, now + 600, options),
      dropIn.RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, appCertificate, 'room', 42, now + 600, now + 60, now + 60, 0, options),
      dropIn.RtcTokenBuilder.buildTokenWithAccountAndPrivilege(appId, appCertificate, 'room', 'bob', now + 600, 0, 0, 0, options),
      dropIn.RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', dropIn.RtmRole.Rtm_User, now + 600, options),
      buildToken({ version: '006', appId, appCertificate, channelName: 'room', uid: 7, privileges: { 1: now, 1000: now }, ...options }),
    ];
    for (const token of tokens) {
      const parsed = theirParse(token);
      expect(parsed).not.toBeNull();
      expect(parsed!.salt).toBe(99);
      expect(parsed!.ts).toBe(now + 86_400);
      expect(parsed!.messages).toEqual(decode006(token).privileges);
    }
  });

  it('differ within one second, where agora-access-token repeats its token', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now * 1000);
    const theirA = theirs.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, 1, now + 600);
    const theirB = theirs.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, 1, now + 600);
    expect(theirB).toBe(theirA);
    const ourA = dropIn.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, 1, now + 600);
    const ourB = dropIn.RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, 1, now + 600);
    expect(decode006(ourA).ts).toBe(decode006(ourB).ts);
    expect(ourB).not.toBe(ourA);
  });
});
