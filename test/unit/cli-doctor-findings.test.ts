// `doctor`'s diagnosis in process: for each finding, a real token with that defect, the exact message
// and fix a user reads, and the inputs that must not produce it.
import { describe, expect, it } from 'vitest';
import { buildToken, ChatTokenBuilder, decodeToken, RtcTokenBuilder, RtmTokenBuilder, TokenError } from '../../src/index.js';
import { RtcTokenBuilder as RtcTokenBuilder006 } from '../../src/006.js';
import { diagnose, type DoctorFinding, type DoctorInput } from '../../src/cli/doctor-findings.js';

const APP_ID = '970ca35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';
const OTHER_CERT = '0123456789abcdef0123456789abcdef';
const T0 = 1_800_000_000;
const opts = { issueTs: T0, salt: 7 };

const rtc = (channel: string, uid: number | string, role = 1, tokenExpire = 3600, privilegeExpire = 3600): string =>
  typeof uid === 'number'
    ? RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, channel, uid, role, tokenExpire, privilegeExpire, opts)
    : RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, channel, uid, role, tokenExpire, privilegeExpire, opts);
const good = rtc('room', 42);
const rtc006 = (uid: number | string = 42, role = 1) =>
  typeof uid === 'number'
    ? RtcTokenBuilder006.buildTokenWithUid(APP_ID, CERT, 'room', uid, role, T0 + 3600, { salt: 7, ts: T0 + 86_400 })
    : RtcTokenBuilder006.buildTokenWithAccount(APP_ID, CERT, 'room', uid, role, T0 + 3600, { salt: 7, ts: T0 + 86_400 });
const token006 = rtc006();

/** Every run without a certificate carries this warning; the tests of other findings leave it out. */
const NO_CERTIFICATE: DoctorFinding = {
  code: 'SIGNATURE_NOT_CHECKED',
  severity: 'warning',
  message: 'no App Certificate was given, so the signature was not checked',
  fix: 'pass --cert (or set AGORA_APP_CERTIFICATE) to check that the token was signed with your certificate',
};
const run = (token: string, input: Partial<DoctorInput> = {}): DoctorFinding[] => {
  const findings = diagnose({ token, now: T0 + 60, ...input });
  return input.appCertificate === undefined ? findings.filter((f) => f.message !== NO_CERTIFICATE.message) : findings;
};
const codes = (token: string, input: Partial<DoctorInput> = {}) => run(token, input).map((f) => f.code);
const only = (token: string, input: Partial<DoctorInput> = {}): DoctorFinding => {
  const findings = run(token, input);
  expect(findings).toHaveLength(1);
  return findings[0]!;
};
const reason = (token: string): string => {
  try {
    decodeToken(token);
  } catch (e) {
    return (e as Error).message;
  }
  return expect.unreachable('the token decodes');
};

/** A token whose base64 has a "+", which a URL query turns into a space. */
function tokenWithPlus(): string {
  for (let salt = 1; ; salt++) {
    const token = RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 3600, { issueTs: T0, salt });
    if (token.includes('+')) return token;
  }
}

describe('a good token', () => {
  it('has no findings, with or without everything the client knows', () => {
    expect(run(good)).toEqual([]);
    expect(run(good, { appId: APP_ID, appCertificate: CERT, channelName: 'room', uid: 42, role: 'publisher', expectVersion: '007' })).toEqual([]);
    expect(run(rtc('room', 'alice'), { account: 'alice', channelName: 'room' })).toEqual([]);
    expect(run(token006, { appId: APP_ID, appCertificate: CERT, channelName: 'room', uid: 42, role: 'publisher', expectVersion: '006' })).toEqual([]);
    expect(run(rtc006('alice'), { appCertificate: CERT, channelName: 'room', account: 'alice' })).toEqual([]);
  });
});

describe('tokens that do not decode', () => {
  it.each([`"${good}"`, `'${good}'`, `\`${good}\``, `  ${good}\n`, ` "${good}" `])('TOKEN_EXTRA_CHARACTERS for %j, and the rest is still checked', (token) => {
    expect(run(token, { channelName: 'Room' })).toEqual([
      { code: 'TOKEN_EXTRA_CHARACTERS', severity: 'error', message: 'the token has surrounding spaces, newlines or quotes', fix: 'pass the token text only, without quotes or whitespace' },
      expect.objectContaining({ code: 'CHANNEL_MISMATCH' }),
    ]);
  });

  it('TOKEN_URL_MANGLED for spaces that were "+"', () => {
    expect(run(tokenWithPlus().replaceAll('+', ' '), { uid: 43 })).toEqual([
      {
        code: 'TOKEN_URL_MANGLED',
        severity: 'error',
        message: 'every "+" of the token became a space: it was put in a URL query without encoding',
        fix: 'encode the token with encodeURIComponent before putting it in a URL',
      },
      expect.objectContaining({ code: 'UID_MISMATCH' }),
    ]);
  });

  it('TOKEN_URL_MANGLED for a percent-encoded token', () => {
    expect(run(encodeURIComponent(tokenWithPlus()), { uid: 43 })).toEqual([
      { code: 'TOKEN_URL_MANGLED', severity: 'error', message: 'the token is still percent-encoded (%2B, %2F, %3D)', fix: 'URL-decode the token once before passing it to the SDK' },
      expect.objectContaining({ code: 'UID_MISMATCH' }),
    ]);
  });

  it('TOKEN_TRUNCATED for a 007 token cut short', () => {
    const cut = good.slice(0, -5);
    expect(only(cut)).toEqual({
      code: 'TOKEN_TRUNCATED',
      severity: 'error',
      message: `the token is cut short (${cut.length} characters; ${reason(cut)})`,
      fix: 'copy the whole token; if it travels in a URL or header, check nothing cuts it',
    });
  });

  it('TOKEN_TRUNCATED for a 006 token cut inside its app ID, or its body', () => {
    expect(only(token006.slice(0, 20)).code).toBe('TOKEN_TRUNCATED');
    expect(only(token006.slice(0, 35)).code).toBe('TOKEN_TRUNCATED');
    expect(only(token006.slice(0, -3)).code).toBe('TOKEN_TRUNCATED');
  });

  it.each([
    ['damaged base64 of a whole length', `${good.slice(0, 20)}AAAA${good.slice(24)}`],
    ['no version', 'hello'],
    ['a stray character', `${good.slice(0, -4)}!${good.slice(-3)}`],
    ['mismatched quotes', `"${good}'`],
    ['a broken percent escape', `${good.slice(0, 10)}%E0%A4%A`],
    ['another version', `008${good.slice(3)}`],
  ])('TOKEN_MALFORMED for %s', (_what, token) => {
    expect(only(token)).toEqual({
      code: 'TOKEN_MALFORMED',
      severity: 'error',
      message: `the token cannot be decoded: ${reason(token)}`,
      fix: 'pass a token built by an Agora token builder, whole and unchanged',
    });
  });
});

describe('tokens that would fool a weaker repair or rule', () => {
  it('repairs spaces inside the quotes too, and never a repair that does not decode', () => {
    expect(run(`"${good} "`).map((f) => f.code)).toEqual(['TOKEN_EXTRA_CHARACTERS']);
    expect(only('"garbage"').code).toBe('TOKEN_MALFORMED');
    expect(only('007 garbage here').code).toBe('TOKEN_MALFORMED');
    expect(only(`x"${good}"`).code).toBe('TOKEN_MALFORMED');
    expect(only(`"${good}"x`).code).toBe('TOKEN_MALFORMED');
  });

  it('calls a token cut short only when it starts with the version', () => {
    for (const cut of [5, 6]) expect(only(`x${good.slice(0, -cut)}`).code).toBe('TOKEN_MALFORMED');
  });

  it('names the 006 signature mismatch, skips a 006 privilege without a time, and leaves Chat ids to Chat', () => {
    expect(only(token006, { appCertificate: OTHER_CERT, channelName: 'room', uid: 42 }).message).toBe('the signature does not match this App Certificate');
    const untimed = buildToken({ version: '006', appId: APP_ID, appCertificate: CERT, channelName: 'room', uid: 42, salt: 7, ts: T0 + 86_400, privileges: { 1: T0 + 3600, 2: 0 } });
    expect(run(untimed, { now: T0 + 60 })).toEqual([]);
    const chat = ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'u'.repeat(65), 3600, opts);
    expect(run(chat).map((f) => f.code)).not.toContain('USER_ID_TOO_LONG');
  });

  it('gives the account hint for a uid that only ends in digits, and sees a channel that differs by a leading space', () => {
    expect(only(rtc('room', 'x42'), { uid: 42 }).message).toContain('joinChannelWithUserAccount("x42")');
    expect(only(rtc(' room', 42), { channelName: 'ROOM' }).message).toBe('the token is for channel " room", but the client joins "ROOM" (they differ only in letter case or spaces)');
  });
});

describe('version, app ID and signature', () => {
  it('VERSION_MISMATCH both ways, each with its fix', () => {
    expect(only(token006, { expectVersion: '007' })).toEqual({
      code: 'VERSION_MISMATCH',
      severity: 'error',
      message: 'this is a 006 token, but 007 is expected',
      fix: 'build an AccessToken2 (007) token with the 007 builders of agora-token-kit',
    });
    expect(only(good, { expectVersion: '006' })).toEqual({
      code: 'VERSION_MISMATCH',
      severity: 'error',
      message: 'this is a 007 token, but 006 is expected',
      fix: 'build a 006 token, or update the client SDK to one that accepts 007 tokens',
    });
  });

  it('APP_ID_MISMATCH, saying when only the letter case differs', () => {
    const other = '970ca35de60c44645bbae8a215061b34';
    expect(only(good, { appId: other })).toEqual({
      code: 'APP_ID_MISMATCH',
      severity: 'error',
      message: `the token is for app ID ${APP_ID}, not ${other}`,
      fix: 'build the token with the App ID the client initialises the SDK with',
    });
    expect(only(good, { appId: APP_ID.toUpperCase() }).message).toBe(`the token is for app ID ${APP_ID}, not ${APP_ID.toUpperCase()} (they differ in letter case only)`);
  });

  it('SIGNATURE_MISMATCH for 007, with a hint when the certificate given is the App ID', () => {
    expect(only(good, { appCertificate: OTHER_CERT })).toEqual({
      code: 'SIGNATURE_MISMATCH',
      severity: 'error',
      message: 'the signature does not match this App Certificate',
      fix: 'use the primary App Certificate of this app from Agora Console (a changed or secondary certificate signs differently)',
    });
    expect(only(good, { appCertificate: APP_ID.toUpperCase() }).fix).toBe('the certificate given is the App ID: use the App Certificate from Agora Console');
  });

  it('SIGNATURE_MISMATCH for 006 once its channel and uid match', () => {
    expect(only(token006, { appCertificate: OTHER_CERT, channelName: 'room', uid: 42 })).toMatchObject({ code: 'SIGNATURE_MISMATCH', severity: 'error' });
    expect(only(rtc006('alice'), { appCertificate: OTHER_CERT, channelName: 'room', account: 'alice' }).code).toBe('SIGNATURE_MISMATCH');
    expect(only(rtc006(0), { appCertificate: OTHER_CERT, channelName: 'room', uid: 0 }).code).toBe('SIGNATURE_MISMATCH');
    expect(run(rtc006(0), { appCertificate: CERT, channelName: 'room', uid: 0 })).toEqual([]);
    // A channel or uid that differs is reported alone: the signature cannot be judged then.
    expect(codes(token006, { appCertificate: OTHER_CERT, channelName: 'Room', uid: 42 })).toEqual(['CHANNEL_MISMATCH']);
    expect(codes(token006, { appCertificate: OTHER_CERT, channelName: 'room', uid: 43 })).toEqual(['UID_MISMATCH']);
  });

  it('SIGNATURE_NOT_CHECKED for 006 without the channel and uid', () => {
    const notChecked = {
      code: 'SIGNATURE_NOT_CHECKED',
      severity: 'warning',
      message: 'a 006 signature covers the channel name and uid, which the token does not store',
      fix: 'pass --channel and --uid (or --account) to check the certificate too',
    };
    expect(run(token006, { appCertificate: CERT })).toEqual([notChecked]);
    expect(run(token006, { appCertificate: CERT, channelName: 'room' })).toEqual([notChecked]);
    expect(run(token006, { appCertificate: CERT, uid: 42 })).toEqual([notChecked]);
  });

  it('SIGNATURE_NOT_CHECKED without a certificate, for 007 and 006, after the errors', () => {
    expect(diagnose({ token: good, now: T0 })).toEqual([NO_CERTIFICATE]);
    expect(diagnose({ token: token006, now: T0, channelName: 'room', uid: 42 })).toEqual([NO_CERTIFICATE]);
    expect(diagnose({ token: good, now: T0, uid: 43 }).map((f) => f.code)).toEqual(['UID_MISMATCH', 'SIGNATURE_NOT_CHECKED']);
    expect(diagnose({ token: good, now: T0 + 3500 }).map((f) => f.code)).toEqual(['SIGNATURE_NOT_CHECKED', 'TOKEN_EXPIRING_SOON', 'PRIVILEGE_EXPIRING_SOON']);
    expect(diagnose({ token: 'garbage', now: T0 }).map((f) => f.code)).toEqual(['TOKEN_MALFORMED']);
  });

  it('throws a TokenError for a certificate that is not 32 hex characters', () => {
    expect(() => run(good, { appCertificate: 'nope' })).toThrow(TokenError);
  });
});

describe('expiry', () => {
  it('TOKEN_EXPIRED from the moment of expiry, for 007 and 006, and nothing else about time', () => {
    expect(only(good, { now: T0 + 3600 })).toEqual({
      code: 'TOKEN_EXPIRED',
      severity: 'error',
      message: 'the token expired 0 s ago',
      fix: 'build a new token, and renew tokens before they expire (onTokenPrivilegeWillExpire)',
    });
    expect(only(good, { now: T0 + 7200 }).message).toBe('the token expired 1 h ago');
    expect(only(token006, { now: T0 + 86_400 + 120 }).message).toBe('the token expired 2 min ago');
  });

  it('TOKEN_EXPIRING_SOON under 10 minutes', () => {
    expect(run(good, { now: T0 + 3000 })).toEqual([]);
    expect(run(good, { now: T0 + 3001 })).toEqual([
      { code: 'TOKEN_EXPIRING_SOON', severity: 'warning', message: 'the token expires in 9 min', fix: 'renew it now, and build tokens with a longer lifetime' },
      expect.objectContaining({ code: 'PRIVILEGE_EXPIRING_SOON' }),
    ]);
    expect(codes(token006, { now: T0 + 86_400 - 30 })).toContain('TOKEN_EXPIRING_SOON');
  });

  it('a token with no expiry written is never expired', () => {
    const never = buildToken({ appId: APP_ID, appCertificate: CERT, issueTs: T0, salt: 7, expire: 0, services: [{ type: 2, userId: 'alice', privileges: { 1: 0 } }] });
    expect(codes(never, { now: T0 + 10 * 86_400 })).toEqual(['EXPIRE_ZERO']);
  });

  it('PRIVILEGE_EXPIRED and PRIVILEGE_EXPIRING_SOON, grouped by service and time', () => {
    const mixed = RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 42, 3600, 3600, 600, 600, 1200, opts);
    expect(run(mixed, { now: T0 + 600 }).map((f) => f.message)).toEqual(['RTC publishAudioStream, publishVideoStream expired 0 s ago, before the token']);
    expect(run(mixed, { now: T0 + 601 })).toEqual([
      {
        code: 'PRIVILEGE_EXPIRED',
        severity: 'error',
        message: 'RTC publishAudioStream, publishVideoStream expired 1 s ago, before the token',
        fix: 'build a new token with privilege expiries at least as long as the session',
      },
      {
        code: 'PRIVILEGE_EXPIRING_SOON',
        severity: 'warning',
        message: 'RTC publishDataStream expires in 9 min',
        fix: 'renew the token before then (onTokenPrivilegeWillExpire)',
      },
    ]);
    expect(codes(mixed, { now: T0 })).toEqual([]);
    expect(codes(mixed, { now: T0 + 1 })).toEqual(['PRIVILEGE_EXPIRING_SOON']);
  });

  it('groups the same expiry of different services apart, and skips privileges without a time', () => {
    const token = buildToken({
      appId: APP_ID,
      appCertificate: CERT,
      issueTs: T0,
      salt: 7,
      expire: 3600,
      services: [
        { type: 1, channelName: 'room', uid: 42, privileges: { 1: 60, 2: 0 } },
        { type: 2, userId: 'alice', privileges: { 1: 60 } },
      ],
    });
    expect(run(token, { now: T0 + 120 }).map((f) => f.message)).toEqual(['RTC joinChannel expired 1 min ago, before the token', 'RTM login expired 1 min ago, before the token']);
  });

  it('006 privileges are absolute times, named by id', () => {
    const t = RtcTokenBuilder006.buildTokenWithUid(APP_ID, CERT, 'room', 42, 2, T0 + 60, { salt: 7, ts: T0 + 86_400 });
    expect(run(t, { now: T0 + 60 }).map((f) => [f.code, f.message])).toEqual([['PRIVILEGE_EXPIRED', '006 privilege 1 expired 0 s ago, before the token']]);
    expect(run(t, { now: T0 }).map((f) => [f.code, f.message])).toEqual([['PRIVILEGE_EXPIRING_SOON', '006 privilege 1 expires in 1 min']]);
  });
});

describe('channel, uid and role of a 007 token', () => {
  it('CHANNEL_MISMATCH, saying when only case or spaces differ', () => {
    expect(only(good, { channelName: 'lobby' })).toEqual({
      code: 'CHANNEL_MISMATCH',
      severity: 'error',
      message: 'the token is for channel "room", but the client joins "lobby"',
      fix: 'build the token for the exact channel name the client joins',
    });
    expect(only(good, { channelName: ' Room' }).message).toBe('the token is for channel "room", but the client joins " Room" (they differ only in letter case or spaces)');
  });

  it('checks the RTC service of the channel joined, else the first', () => {
    const two = buildToken({
      appId: APP_ID,
      appCertificate: CERT,
      issueTs: T0,
      salt: 7,
      expire: 3600,
      services: [
        { type: 1, channelName: 'a', uid: 1, privileges: { 1: 3600 } },
        { type: 1, channelName: 'b', uid: 2, privileges: { 1: 3600 } },
      ],
    });
    expect(codes(two, { channelName: 'b', uid: 2 })).toEqual([]);
    expect(run(two, { uid: 2 }).map((f) => f.message)).toEqual(['the token is for uid "1", but the client joins as uid "2"']);
  });

  it('NO_RTC_SERVICE only when the client joins a channel', () => {
    const rtm = RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 3600, opts);
    expect(only(rtm, { channelName: 'room' })).toEqual({
      code: 'NO_RTC_SERVICE',
      severity: 'error',
      message: 'the token has no RTC service, so it cannot join a channel',
      fix: 'build it with an RTC builder (RtcTokenBuilder)',
    });
    expect(only(rtm, { uid: 1 }).code).toBe('NO_RTC_SERVICE');
    expect(only(rtm, { account: 'a' }).code).toBe('NO_RTC_SERVICE');
    expect(only(rtm, { role: 'subscriber' }).code).toBe('NO_RTC_SERVICE');
    expect(run(rtm)).toEqual([]);
  });

  it('UID_MISMATCH, with a hint when the token holds an account', () => {
    expect(only(good, { uid: 43 })).toEqual({
      code: 'UID_MISMATCH',
      severity: 'error',
      message: 'the token is for uid "42", but the client joins as uid "43"',
      fix: 'build the token for the uid or account the client joins with',
    });
    expect(only(rtc('room', 'alice'), { uid: 42 }).message).toBe(
      'the token is for uid "alice" (a user account: join with joinChannelWithUserAccount("alice")), but the client joins as uid "42"',
    );
    expect(only(rtc('room', 'alice'), { account: 'bob' }).message).toBe('the token is for uid "alice", but the client joins as account "bob"');
  });

  it('UID_ZERO_JOIN when the client lets the SDK pick a uid', () => {
    expect(only(good, { uid: 0 })).toEqual({
      code: 'UID_ZERO_JOIN',
      severity: 'error',
      message: 'the client joins with uid 0, so the SDK picks a random uid, but the token is only for uid "42"',
      fix: 'join with uid "42", or build the token with uid 0',
    });
  });

  it('a wildcard token takes any uid', () => {
    expect(codes(rtc('room', 0), { uid: 5 })).toEqual(['UID_WILDCARD']);
  });

  it('UID_LOOKALIKE when the numbers match but the text does not', () => {
    expect(only(rtc('room', '042'), { uid: 42 })).toEqual({
      code: 'UID_LOOKALIKE',
      severity: 'error',
      message: 'the token\'s uid is the string "042", which is not uid "42": uids are compared as text',
      fix: 'build the token with the uid exactly as the client joins ("42")',
    });
    expect(only(good, { account: '042' }).message).toBe('the token\'s uid is the string "42", which is not account "042": uids are compared as text');
    expect(only(rtc('room', '+42'), { uid: 42 }).code).toBe('UID_LOOKALIKE');
    expect(only(rtc('room', ' 42 '), { uid: 42 }).code).toBe('UID_LOOKALIKE');
    expect(only(rtc('room', '4 2'), { uid: 42 }).code).toBe('UID_MISMATCH');
    expect(only(rtc('room', '42x'), { uid: 42 }).message).toContain('joinChannelWithUserAccount');
  });

  it('NO_PUBLISH_PRIVILEGE names what a publisher lacks', () => {
    expect(only(rtc('room', 42, 2), { role: 'publisher' })).toEqual({
      code: 'NO_PUBLISH_PRIVILEGE',
      severity: 'error',
      message: 'the user must publish, but the token lacks publishAudioStream, publishVideoStream, publishDataStream',
      fix: 'build the token with role 1 (publisher)',
    });
    const videoOnly = buildToken({
      appId: APP_ID,
      appCertificate: CERT,
      issueTs: T0,
      salt: 7,
      expire: 3600,
      services: [{ type: 1, channelName: 'room', uid: 42, privileges: { 1: 3600, 3: 3600 } }],
    });
    expect(only(videoOnly, { role: 'publisher' }).message).toBe('the user must publish, but the token lacks publishAudioStream, publishDataStream');
    expect(run(rtc('room', 42, 2), { role: 'subscriber' })).toEqual([]);
  });
});

describe('channel, uid and role of a 006 token', () => {
  it('compares checksums', () => {
    expect(only(token006, { channelName: 'Room' })).toEqual({
      code: 'CHANNEL_MISMATCH',
      severity: 'error',
      message: 'the token is not for channel "Room" (its channel CRC-32 differs)',
      fix: 'build the token for the exact channel name the client joins',
    });
    expect(only(token006, { uid: 43 })).toEqual({
      code: 'UID_MISMATCH',
      severity: 'error',
      message: 'the token is not for uid "43" (its uid CRC-32 differs)',
      fix: 'build the token for the uid or account the client joins with',
    });
    expect(only(token006, { account: 'bob' }).message).toBe('the token is not for account "bob" (its uid CRC-32 differs)');
    expect(run(token006, { channelName: 'room', uid: 42 })).toEqual([]);
    expect(run(rtc006('bob'), { account: 'bob' })).toEqual([]);
  });

  it('UID_ZERO_JOIN, and a wildcard token takes any uid', () => {
    expect(only(token006, { uid: 0 })).toEqual({
      code: 'UID_ZERO_JOIN',
      severity: 'error',
      message: 'the client joins with uid 0, so the SDK picks a random uid, but the token is for one specific uid',
      fix: 'join with the uid the token was built for, or build it with uid 0',
    });
    expect(run(rtc006(0), { uid: 5 })).toEqual([]);
  });

  it('NO_PUBLISH_PRIVILEGE', () => {
    expect(only(rtc006(42, 2), { role: 'publisher' }).message).toBe('the user must publish, but the token lacks publishAudioStream, publishVideoStream, publishDataStream');
    expect(run(token006, { role: 'publisher' })).toEqual([]);
  });
});

describe("Agora's documented rules, read from the token", () => {
  it.each([
    [rtc('', 42), 'CHANNEL_NAME_EMPTY', 'error', 'give the channel a name'],
    [rtc('c'.repeat(64), 42), 'CHANNEL_NAME_TOO_LONG', 'error', 'use a channel name shorter than 64 bytes'],
    [rtc('room/1', 42), 'CHANNEL_NAME_CHARSET', 'error', 'use only a-z, A-Z, 0-9, space and !#$%&()+-:;<=.>?@[]^_{}|~, in channel names'],
    [rtc('room', 0), 'UID_WILDCARD', 'warning', 'build one token per user with their real uid unless any user may join with it'],
    [rtc('room', 'a'.repeat(256)), 'ACCOUNT_TOO_LONG', 'error', 'use a user account of at most 255 bytes'],
    [RtmTokenBuilder.buildToken(APP_ID, CERT, '', 3600, opts), 'USER_ID_EMPTY', 'error', 'build the token for the user id the client logs in with'],
    [RtmTokenBuilder.buildToken(APP_ID, CERT, 'u'.repeat(65), 3600, opts), 'USER_ID_TOO_LONG', 'error', 'use an RTM user id of at most 64 bytes'],
    [rtc('room', 42, 1, 2 * 86_400, 2 * 86_400), 'EXPIRE_TOO_LONG', 'error', 'build tokens for at most 24 h (86400 s) and renew them before they expire'],
    [RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 2 * 86_400, opts), 'EXPIRE_TOO_LONG', 'error', 'build tokens for at most 24 h (86400 s) and renew them before they expire'],
    [rtc('room', 42, 1, 3600, 0), 'EXPIRE_ZERO', 'warning', 'pass an explicit lifetime in seconds, e.g. 3600'],
    [rtc('room', 42, 1, 600, 3600), 'PRIVILEGE_OUTLIVES_TOKEN', 'warning', 'give privileges at most the token lifetime'],
  ])('%#: %s', (token, code, severity, fix) => {
    const finding = run(token).find((f) => f.code === code);
    expect(finding).toMatchObject({ severity, fix, message: expect.any(String) });
    expect(Object.keys(finding!).sort()).toEqual(['code', 'fix', 'message', 'severity']);
  });

  it('reports a rule once however many services break it, errors before warnings', () => {
    const token = buildToken({
      appId: APP_ID,
      appCertificate: CERT,
      issueTs: T0,
      salt: 7,
      expire: 2 * 86_400,
      services: [
        { type: 1, channelName: 'room', uid: 0, privileges: { 1: 2 * 86_400 } },
        { type: 1, channelName: 'hall', uid: 0, privileges: { 1: 2 * 86_400 } },
      ],
    });
    // tokenExpire and privilegeExpire are two rules; the second service repeats both.
    expect(codes(token, { now: T0 })).toEqual(['EXPIRE_TOO_LONG', 'EXPIRE_TOO_LONG', 'UID_WILDCARD']);
  });

  it('the longest privilege of a service is compared with the token lifetime', () => {
    const token = RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 42, 600, 600, 600, 900, 600, opts);
    expect(run(token, { now: T0 - 3600 }).map((f) => f.message)).toEqual(["privilegeExpire (900 s) is longer than the token (600 s); the token's expiry limits it"]);
  });

  it('006 tokens are not held to the 007 rules', () => {
    const t = RtcTokenBuilder006.buildTokenWithUid(APP_ID, CERT, 'room/1', 0, 1, T0 + 3600, { salt: 7, ts: T0 + 86_400 });
    expect(run(t)).toEqual([]);
  });
});
