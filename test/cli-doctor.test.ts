// `doctor`: one test per finding, each from a real token that has that defect, run through the built bin.
import { describe, expect, it } from 'vitest';
import { DOCTOR_CODES } from '../src/cli/doctor-findings.js';
import { APP_ID, CERT, cli } from './support/cli.js';

const missingDist = (): never => {
  throw new Error('dist/ is missing: run `npm run build` before the tests');
};
const kit = (await import('../dist/index.js').catch(missingDist)) as typeof import('../src/index.js');
const kit006 = (await import('../dist/006.js').catch(missingDist)) as unknown as typeof import('../src/006.js');
const { RtcTokenBuilder, RtmTokenBuilder } = kit;

const T0 = 1_800_000_000;
const opts = { issueTs: T0, salt: 7 };
const OTHER_CERT = '0123456789abcdef0123456789abcdef';
/** A minute after the tokens below were issued. */
const SOON_AFTER = ['--at', String(T0 + 60)];

const rtc = (channel: string, uid: number | string, role = 1, tokenExpire = 3600, privilegeExpire = 3600): string =>
  typeof uid === 'number'
    ? RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, channel, uid, role, tokenExpire, privilegeExpire, opts)
    : RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, channel, uid, role, tokenExpire, privilegeExpire, opts);
const good = rtc('room', 42);
const token006 = kit006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, T0 + 3600, { salt: 7, ts: T0 + 86_400 });
const shortVideo = RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 42, 3600, 3600, 3600, 600, 3600, opts);

/** A token whose base64 has a "+", which a URL query turns into a space. */
function tokenWithPlus(): string {
  for (let salt = 1; ; salt++) {
    const token = RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 3600, { issueTs: T0, salt });
    if (token.includes('+')) return token;
  }
}

type Case = [code: string, severity: 'error' | 'warning', token: string, flags: string[]];

const CASES: Case[] = [
  ['TOKEN_MALFORMED', 'error', `${good.slice(0, 20)}AAAA${good.slice(24)}`, []],
  ['TOKEN_TRUNCATED', 'error', good.slice(0, -5), []],
  ['TOKEN_URL_MANGLED', 'error', tokenWithPlus().replaceAll('+', ' '), []],
  ['TOKEN_URL_MANGLED', 'error', encodeURIComponent(tokenWithPlus()), []],
  ['TOKEN_EXTRA_CHARACTERS', 'error', `"${good}"`, []],
  ['VERSION_MISMATCH', 'error', token006, ['--expect', '007']],
  ['APP_ID_MISMATCH', 'error', good, ['--app-id', '970ca35de60c44645bbae8a215061b34']],
  ['SIGNATURE_MISMATCH', 'error', good, ['--cert', OTHER_CERT]],
  ['SIGNATURE_MISMATCH', 'error', token006, ['--cert', OTHER_CERT, '--channel', 'room', '--uid', '42']],
  ['SIGNATURE_NOT_CHECKED', 'warning', token006, ['--cert', CERT]],
  ['SIGNATURE_NOT_CHECKED', 'warning', token006, ['--channel', 'room', '--uid', '42']],
  ['SIGNATURE_NOT_CHECKED', 'warning', good, []],
  ['TOKEN_EXPIRED', 'error', good, ['--at', String(T0 + 7200)]],
  ['TOKEN_EXPIRED', 'error', token006, ['--at', String(T0 + 86_400)]],
  ['TOKEN_EXPIRING_SOON', 'warning', good, ['--at', String(T0 + 3600 - 120)]],
  ['PRIVILEGE_EXPIRED', 'error', shortVideo, ['--at', String(T0 + 1200)]],
  ['PRIVILEGE_EXPIRING_SOON', 'warning', shortVideo, ['--at', String(T0 + 300)]],
  ['NO_RTC_SERVICE', 'error', RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 3600, opts), ['--channel', 'room']],
  ['CHANNEL_MISMATCH', 'error', good, ['--channel', 'Room']],
  ['CHANNEL_MISMATCH', 'error', token006, ['--channel', 'Room']],
  ['UID_MISMATCH', 'error', good, ['--uid', '43']],
  ['UID_MISMATCH', 'error', rtc('room', 'alice'), ['--uid', '42']],
  ['UID_MISMATCH', 'error', token006, ['--uid', '43']],
  ['UID_ZERO_JOIN', 'error', good, ['--uid', '0']],
  ['UID_ZERO_JOIN', 'error', token006, ['--uid', '0']],
  ['UID_LOOKALIKE', 'error', rtc('room', '042'), ['--uid', '42']],
  ['UID_LOOKALIKE', 'error', good, ['--account', '042']],
  ['NO_PUBLISH_PRIVILEGE', 'error', rtc('room', 42, 2), ['--role', 'publisher']],
  ['NO_PUBLISH_PRIVILEGE', 'error', kit006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 2, T0 + 3600, { salt: 7, ts: T0 + 86_400 }), ['--role', 'publisher']],
  ['CHANNEL_NAME_EMPTY', 'error', rtc('', 42), []],
  ['CHANNEL_NAME_TOO_LONG', 'error', rtc('c'.repeat(64), 42), []],
  ['CHANNEL_NAME_CHARSET', 'error', rtc('room/1', 42), []],
  ['UID_WILDCARD', 'warning', rtc('room', 0), []],
  ['ACCOUNT_TOO_LONG', 'error', rtc('room', 'a'.repeat(256)), []],
  ['USER_ID_EMPTY', 'error', RtmTokenBuilder.buildToken(APP_ID, CERT, '', 3600, opts), []],
  ['USER_ID_TOO_LONG', 'error', RtmTokenBuilder.buildToken(APP_ID, CERT, 'u'.repeat(65), 3600, opts), []],
  ['EXPIRE_TOO_LONG', 'error', rtc('room', 42, 1, 2 * 86_400, 2 * 86_400), []],
  ['EXPIRE_ZERO', 'warning', rtc('room', 42, 1, 3600, 0), []],
  ['PRIVILEGE_OUTLIVES_TOKEN', 'warning', rtc('room', 42, 1, 600, 3600), []],
];

interface Finding {
  code: string;
  severity: string;
  message: string;
  fix: string;
}

const doctor = (token: string, flags: string[]) => cli(['doctor', token, ...SOON_AFTER, ...flags, '--json']);

describe('doctor', () => {
  it('finds nothing wrong with a good token used as built', () => {
    const r = cli(['doctor', good, ...SOON_AFTER, '--app-id', APP_ID, '--cert', CERT, '--channel', 'room', '--uid', '42', '--role', 'publisher', '--expect', '007']);
    expect(r).toEqual({ status: 0, stdout: 'ok: no problems found\n', stderr: '' });
  });

  it('passes a good 006 token checked with its certificate, channel and uid', () => {
    const r = doctor(token006, ['--cert', CERT, '--channel', 'room', '--uid', '42', '--role', 'publisher', '--expect', '006']);
    expect([r.status, JSON.parse(r.stdout)]).toEqual([0, { ok: true, findings: [] }]);
  });

  it.each(CASES)('%s (%s) from a real token with that defect', (code, severity, token, flags) => {
    const r = doctor(token, flags);
    const { ok, findings } = JSON.parse(r.stdout) as { ok: boolean; findings: Finding[] };
    const found = findings.find((f) => f.code === code);
    expect(found, JSON.stringify(findings)).toMatchObject({ severity, message: expect.any(String), fix: expect.any(String) });
    const hasError = findings.some((f) => f.severity === 'error');
    expect(ok).toBe(!hasError);
    expect(r.status).toBe(hasError ? 1 : 0);
    if (severity === 'warning') expect(hasError).toBe(false);
  });

  it('tests every code the doctor can report', () => {
    const reachable = new Set([...DOCTOR_CODES, 'CHANNEL_NAME_EMPTY', 'CHANNEL_NAME_TOO_LONG', 'CHANNEL_NAME_CHARSET', 'UID_WILDCARD', 'ACCOUNT_TOO_LONG', 'USER_ID_EMPTY', 'USER_ID_TOO_LONG', 'EXPIRE_TOO_LONG', 'EXPIRE_ZERO', 'PRIVILEGE_OUTLIVES_TOKEN']);
    expect(new Set(CASES.map(([code]) => code))).toEqual(reachable);
  });

  it('still checks a token it had to repair', () => {
    const { findings } = JSON.parse(doctor(encodeURIComponent(tokenWithPlus()), ['--channel', 'other']).stdout) as { findings: Finding[] };
    expect(findings.map((f) => f.code)).toEqual(['TOKEN_URL_MANGLED', 'CHANNEL_MISMATCH', 'SIGNATURE_NOT_CHECKED']);
  });

  it('says that the signature was not checked when no certificate is given, for 007 as for 006', () => {
    for (const token of [good, token006]) {
      const r = cli(['doctor', token, ...SOON_AFTER, '--channel', 'room', '--uid', '42']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^warning SIGNATURE_NOT_CHECKED: no App Certificate was given, .* fix: pass --cert \(or set AGORA_APP_CERTIFICATE\)/);
      expect(r.stdout).not.toContain('ok: no problems found');
    }
  });

  it('prints one line per finding with its severity, code and fix', () => {
    const r = cli(['doctor', good, ...SOON_AFTER, '--channel', 'lobby', '--uid', '0', '--cert', OTHER_CERT]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['error   SIGNATURE_MISMATCH', 'error   CHANNEL_MISMATCH', 'error   UID_ZERO_JOIN']);
    for (const line of lines) expect(line).toMatch(/ → fix: \S/);
  });

  it('reads the token from stdin and the context from the environment', () => {
    const r = cli(['doctor', '-', ...SOON_AFTER, '--json'], { input: `${good}\n`, env: { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: OTHER_CERT } });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => f.code)).toEqual(['SIGNATURE_MISMATCH']);
  });

  it('exits 2 on a malformed certificate or time', () => {
    expect(cli(['doctor', good, '--cert', 'abc']).status).toBe(2);
    expect(cli(['doctor', good, '--at', 'yesterday']).status).toBe(2);
    expect(cli(['doctor', good, '--uid', '1', '--account', 'a']).status).toBe(2);
  });
});
