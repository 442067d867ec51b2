import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_ID, BIN, CERT, CREDENTIALS, cli, cliOnTty } from './support/cli.js';

const missingDist = (): never => {
  throw new Error('dist/ is missing: run `npm run build` before the tests');
};
const kit = (await import('../dist/index.js').catch(missingDist)) as typeof import('../src/index.js');
const kit006 = (await import('../dist/006.js').catch(missingDist)) as unknown as typeof import('../src/006.js');

const ISSUE_TS = 1_800_000_000;
const SALT = 12345;
const FIXED = ['--issue-ts', String(ISSUE_TS), '--salt', String(SALT)];
const opts = { issueTs: ISSUE_TS, salt: SALT };
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Every build kind: its flags, and the same token built through the library. */
const KINDS: [kind: string, flags: string[], expected: () => string][] = [
  ['rtc', ['--channel', 'room', '--uid', '42', '--expire', '1h', '--privilege-expire', '30m'], () => kit.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 1800, opts)],
  ['rtc-account', ['--channel', 'room', '--account', 'alice', '--role', 'subscriber', '--expire', '15m'], () => kit.RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, CERT, 'room', 'alice', 2, 900, 900, opts)],
  [
    'rtc-privileges',
    ['--channel', 'room', '--uid', '42', '--expire', '1h', '--pub-video-privilege-expire', '10m', '--pub-data-stream-privilege-expire', '90s'],
    () => kit.RtcTokenBuilder.buildTokenWithUidAndPrivilege(APP_ID, CERT, 'room', 42, 3600, 3600, 3600, 600, 90, opts),
  ],
  [
    'rtc-privileges',
    ['--channel', 'room', '--account', 'alice', '--expire', '2h', '--join-channel-privilege-expire', '1h'],
    () => kit.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(APP_ID, CERT, 'room', 'alice', 7200, 3600, 7200, 7200, 7200, opts),
  ],
  ['rtc-rtm', ['--channel', 'room', '--account', 'alice', '--expire', '1h'], () => kit.RtcTokenBuilder.buildTokenWithRtm(APP_ID, CERT, 'room', 'alice', 1, 3600, 3600, opts)],
  [
    'rtc-rtm2',
    ['--channel', 'room', '--account', 'alice', '--role', '2', '--rtm-user-id', 'alice-rtm', '--rtm-token-expire', '20m', '--expire', '1h'],
    () => kit.RtcTokenBuilder.buildTokenWithRtm2(APP_ID, CERT, 'room', 'alice', 2, 3600, 3600, 3600, 3600, 3600, 'alice-rtm', 1200, opts),
  ],
  ['rtm', ['--user-id', 'alice', '--expire', '1h'], () => kit.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 3600, opts)],
  [
    'rtm2',
    ['--user-id', 'alice', '--permission', 'message-channels:read:lobby', '--permission', 'stream-channels:write:s1,s2', '--expire', '1h'],
    () =>
      kit.RtmTokenBuilder.buildTokenWithPermissions(
        APP_ID,
        CERT,
        'alice',
        [
          { resourceType: 0, permissionType: 0, resources: ['lobby'] },
          { resourceType: 1, permissionType: 1, resources: ['s1', 's2'] },
        ],
        3600,
        opts,
      ),
  ],
  ['chat-user', ['--user-id', 'alice', '--expire', '1h'], () => kit.ChatTokenBuilder.buildUserToken(APP_ID, CERT, 'alice', 3600, opts)],
  ['chat-app', ['--expire', '1h'], () => kit.ChatTokenBuilder.buildAppToken(APP_ID, CERT, 3600, opts)],
  ['fpa', [], () => kit.FpaTokenBuilder.buildToken(APP_ID, CERT, opts)],
  ['apaas-room-user', ['--room-uuid', 'r1', '--user-uuid', 'u1', '--role', '-1', '--expire', '1h'], () => kit.ApaasTokenBuilder.buildRoomUserToken(APP_ID, CERT, 'r1', 'u1', -1, 3600, opts)],
  ['apaas-user', ['--user-uuid', 'u1', '--expire', '1h'], () => kit.ApaasTokenBuilder.buildUserToken(APP_ID, CERT, 'u1', 3600, opts)],
  ['apaas-app', ['--expire', '1h'], () => kit.ApaasTokenBuilder.buildAppToken(APP_ID, CERT, 3600, opts)],
  ['education-room-user', ['--room-uuid', 'r1', '--user-uuid', 'u1', '--role', '2', '--expire', '1h'], () => kit.EducationTokenBuilder.buildRoomUserToken(APP_ID, CERT, 'r1', 'u1', 2, 3600, opts)],
  ['education-user', ['--user-uuid', 'u1', '--expire', '1h'], () => kit.EducationTokenBuilder.buildUserToken(APP_ID, CERT, 'u1', 3600, opts)],
  ['education-app', ['--expire', '1h'], () => kit.EducationTokenBuilder.buildAppToken(APP_ID, CERT, 3600, opts)],
  [
    'convoai',
    ['--channel', 'room', '--account', 'agent', '--expire', '1h'],
    () => kit.ConvoAITokenBuilder.buildToken(APP_ID, CERT, 'room', 'agent', 1, 3600, 3600, 3600, 3600, 3600, 'agent', 3600, opts),
  ],
  ['stt', ['--channel', 'room', '--uid', '7', '--expire', '1h'], () => kit.SttTokenBuilder.buildToken(APP_ID, CERT, 'room', 7, 1, 3600, 3600, 3600, 3600, 3600, '7', 3600, opts)],
  [
    'rtc',
    ['--v006', '--channel', 'room', '--uid', '42', '--role', 'attendee', '--expire', '1h'],
    () => kit006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 0, ISSUE_TS + 3600, { salt: SALT, ts: ISSUE_TS + 86_400 }),
  ],
  [
    'rtc-account',
    ['--v006', '--channel', 'room', '--account', 'alice', '--role', 'subscriber', '--expire', '1h'],
    () => kit006.RtcTokenBuilder.buildTokenWithAccount(APP_ID, CERT, 'room', 'alice', 2, ISSUE_TS + 3600, { salt: SALT, ts: ISSUE_TS + 86_400 }),
  ],
  ['rtm', ['--v006', '--user-id', 'alice', '--expire', '1h'], () => kit006.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 1, ISSUE_TS + 3600, { salt: SALT, ts: ISSUE_TS + 86_400 })],
];

const token007 = kit.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 3600, opts);
const token006 = kit006.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, ISSUE_TS + 3600, { salt: SALT, ts: ISSUE_TS + 86_400 });
const OTHER_CERT = '0123456789abcdef0123456789abcdef';

describe('build', () => {
  it.each(KINDS)('%s %j builds what the library builds, with credentials from the environment', (kind, flags, expected) => {
    const r = cli(['build', kind, ...flags, ...FIXED], { env: CREDENTIALS });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${expected()}\n`);
  });

  it('takes the credentials from flags too, and --json gives the token and decodeToken of it', () => {
    const r = cli(['build', 'rtc', '--app-id', APP_ID, '--cert', CERT, '--channel', 'room', '--uid', '42', '--expire', '3600', '--json', ...FIXED]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.token).toBe(token007);
    expect(json.decoded).toEqual(JSON.parse(JSON.stringify(kit.decodeToken(token007))));
  });

  it('builds with a fresh salt and the current time when none is fixed', () => {
    const before = Math.floor(Date.now() / 1000);
    const a = cli(['build', 'rtm', '--user-id', 'alice'], { env: CREDENTIALS }).stdout.trim();
    const b = cli(['build', 'rtm', '--user-id', 'alice'], { env: CREDENTIALS }).stdout.trim();
    const [da, db] = [kit.decodeToken(a), kit.decodeToken(b)] as [import('../src/index.js').DecodedToken007, import('../src/index.js').DecodedToken007];
    expect(da.salt).not.toBe(db.salt);
    expect(da.issueTs).toBeGreaterThanOrEqual(before);
    expect(da.expire).toBe(3600);
    expect(kit.verifyToken(a, CERT)).toBe(true);
  });

  it.each([
    ['a channel with a "/"', ['--channel', 'room/1'], 'CHANNEL_NAME_CHARSET'],
    ['a 70-character channel', ['--channel', 'c'.repeat(70)], 'CHANNEL_NAME_TOO_LONG'],
    ['a 25-hour lifetime', ['--channel', 'room', '--expire', '25h'], 'EXPIRE_TOO_LONG'],
    ['role 3', ['--channel', 'room', '--role', '3'], 'ROLE_UNKNOWN'],
  ])('refuses %s: exit 1, the finding on stderr, no token on stdout', (_name, flags, code) => {
    const r = cli(['build', 'rtc', '--uid', '42', ...flags, ...FIXED], { env: CREDENTIALS });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error ${code}: `);
    expect(r.stderr).toContain('--allow-rule-errors');
  });

  it('--json of a refused build is the findings alone', () => {
    const r = cli(['build', 'rtc', '--channel', 'room/1', '--uid', '42', '--json', ...FIXED], { env: CREDENTIALS });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ findings: [expect.objectContaining({ code: 'CHANNEL_NAME_CHARSET', severity: 'error', field: 'channelName' })] });
  });

  it('--allow-rule-errors builds what the library builds, still listing the findings on stderr', () => {
    const r = cli(['build', 'rtc', '--channel', 'room/1', '--uid', '42', '--expire', '2d', '--allow-rule-errors', ...FIXED], { env: CREDENTIALS });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${kit.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room/1', 42, 1, 172_800, 172_800, opts)}\n`);
    expect(r.stderr).toContain('error CHANNEL_NAME_CHARSET: ');
    expect(r.stderr).toContain('error EXPIRE_TOO_LONG: ');
  });

  it('builds despite warnings, and --json lists them with the token', () => {
    const r = cli(['build', 'rtc', '--channel', 'room', '--uid', '0', '--json', ...FIXED], { env: CREDENTIALS });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.token).toBe(kit.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 0, 1, 3600, 3600, opts));
    expect(json.findings).toEqual([expect.objectContaining({ code: 'UID_WILDCARD', severity: 'warning' })]);
    expect(r.stderr).toContain('warning UID_WILDCARD: ');
    const clean = JSON.parse(cli(['build', 'rtc', '--channel', 'room', '--uid', '42', '--json', ...FIXED], { env: CREDENTIALS }).stdout);
    expect(clean.findings).toEqual([]);
  });

  it.each([
    [{ AGORA_APP_CERTIFICATE: CERT }, ['--app-id', 'AGORA_APP_ID']],
    [{ AGORA_APP_ID: APP_ID }, ['--cert', 'AGORA_APP_CERTIFICATE']],
  ])('names the flag and the environment variable of a missing credential %#', (env, names) => {
    const r = cli(['build', 'rtc', '--channel', 'room', '--uid', '1'], { env });
    expect([r.status, r.stdout]).toEqual([2, '']);
    for (const name of names) expect(r.stderr).toContain(name);
    const verify = cli(['verify', token007]);
    expect(verify.status).toBe(2);
    expect(verify.stderr).toContain('AGORA_APP_CERTIFICATE');
  });

  it.each([
    ['no credentials', ['build', 'rtc', '--channel', 'room', '--uid', '1'], {}, /AGORA_APP_ID|--app-id/],
    ['a bad duration', ['build', 'rtc', '--channel', 'room', '--uid', '1', '--expire', '1w'], CREDENTIALS, /duration/],
    ['a uid out of range', ['build', 'rtc', '--channel', 'room', '--uid', '4294967296'], CREDENTIALS, /4294967295/],
    ['a bad app ID', ['build', 'rtm', '--user-id', 'a', '--app-id', 'nothex'], { AGORA_APP_CERTIFICATE: CERT }, /appId/],
    ['--uid and --account together', ['build', 'rtc-privileges', '--channel', 'r', '--uid', '1', '--account', 'a'], CREDENTIALS, /exactly one/],
    ['an unknown kind', ['build', 'nope'], CREDENTIALS, /unknown command/],
    ['an unknown option', ['decode', token007, '--nope'], {}, /unknown option/],
  ])('exits 2 on %s, with the reason on stderr and nothing on stdout', (_name, args, env, message) => {
    const r = cli(args, { env });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('never echoes the certificate in an error', () => {
    const badCert = 'secret-certificate-value-1234567';
    const r = cli(['build', 'rtm', '--user-id', 'a', '--app-id', APP_ID, '--cert', badCert]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('appCertificate');
    expect(r.stderr).not.toContain(badCert);
  });
});

describe('decode', () => {
  it('shows version, app ID, times and every privilege of a 007 token', () => {
    const r = cli(['decode', token007]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('007 (AccessToken2)');
    expect(r.stdout).toContain(APP_ID);
    expect(r.stdout).toContain('2027-01-15T08:00:00Z');
    expect(r.stdout).toMatch(/expires\s+2027-01-15T09:00:00Z {2}\((in|expired) /);
    expect(r.stdout).toContain('channel "room", uid "42"');
    for (const name of ['joinChannel (1)', 'publishAudioStream (2)', 'publishVideoStream (3)', 'publishDataStream (4)']) expect(r.stdout).toContain(name);
  });

  it('says when a token expired, relative to now', () => {
    const old = kit.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 3600, { issueTs: Math.floor(Date.now() / 1000) - 3 * 3600, salt: 1 });
    expect(cli(['decode', old]).stdout).toMatch(/expires\s+\S+ {2}\(expired 2 h ago\)/);
  });

  it.each([
    ['007', token007],
    ['006', token006],
  ])('--json of a %s token is exactly decodeToken', (_v, token) => {
    const r = cli(['decode', token, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(kit.decodeToken(token))));
  });

  it('shows the CRCs and absolute expiries of a 006 token', () => {
    const r = cli(['decode', token006]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('006 (AccessToken)');
    const d = kit.decodeToken(token006) as { crcChannelName: number };
    expect(r.stdout).toContain(`0x${d.crcChannelName.toString(16).padStart(8, '0')}`);
    expect(r.stdout).toContain('2027-01-15T09:00:00Z');
  });

  it('trims spaces and newlines around a pasted token', () => {
    const r = cli(['decode', ` ${token007}\n `, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(kit.decodeToken(token007))));
  });

  it('reads the token from stdin with -', () => {
    const r = cli(['decode', '-', '--json'], { input: `${token007}\n` });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).appId).toBe(APP_ID);
  });

  it('exits 1 with the reason on stderr for a token that cannot be decoded', () => {
    const r = cli(['decode', `${token007.slice(0, 40)}`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cannot decode the token/);
  });

  it('exits 2 when stdin is empty', () => {
    const r = cli(['decode', '-'], { input: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no token on stdin');
  });
});

describe('verify', () => {
  it('exits 0 for the right certificate and 1 for another', () => {
    const ok = cli(['verify', token007, '--cert', CERT]);
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringContaining('valid')]);
    const bad = cli(['verify', token007, '--cert', OTHER_CERT]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('invalid');
  });

  it('trims spaces and newlines around a pasted token', () => {
    expect(cli(['verify', ` ${token007} `, '--cert', CERT, '--json'])).toEqual({ status: 0, stdout: '{\n  "valid": true\n}\n', stderr: '' });
    expect(cli(['verify', `\t${token007}\n`, '--cert', OTHER_CERT]).status).toBe(1);
  });

  it('--json is verifyToken, and the certificate may come from the environment', () => {
    expect(JSON.parse(cli(['verify', token007, '--json'], { env: { AGORA_APP_CERTIFICATE: CERT } }).stdout)).toEqual({ valid: kit.verifyToken(token007, CERT) });
    const r = cli(['verify', '-', '--json'], { input: token007, env: { AGORA_APP_CERTIFICATE: OTHER_CERT } });
    expect([r.status, JSON.parse(r.stdout)]).toEqual([1, { valid: false }]);
  });

  it('checks 006 tokens with their channel and uid', () => {
    expect(cli(['verify', token006, '--cert', CERT, '--channel', 'room', '--uid', '42']).status).toBe(0);
    expect(cli(['verify', token006, '--cert', CERT, '--channel', 'room', '--uid', '43']).status).toBe(1);
    const missing = cli(['verify', token006, '--cert', CERT]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--channel');
  });

  it('exits 2 without a certificate or with a malformed one', () => {
    expect(cli(['verify', token007]).status).toBe(2);
    expect(cli(['verify', token007, '--cert', 'abc']).status).toBe(2);
  });
});

describe('conventions', () => {
  it('--version prints the package version', () => {
    expect(cli(['--version'])).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it.each([[[]], [['build']], [['decode']], [['verify']], [['doctor']], [['conformance']], [['build', 'rtc']], [['build', 'fpa']]])(
    '%j --help exits 0 and shows an example',
    (args) => {
      const r = cli([...args, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Usage: agora-token-kit/);
      expect(r.stdout).toMatch(/Examples?:\n {2}\$ (\S+=\S+ )*agora-token-kit /);
    },
  );

  it('build --help names the builder method of every kind', () => {
    const help = cli(['build', '--help']).stdout.replace(/\s+/g, ' ');
    for (const method of ['RtcTokenBuilder.buildTokenWithUid', 'ApaasTokenBuilder.buildRoomUserToken', 'EducationTokenBuilder.buildAppToken', 'SttTokenBuilder.buildToken']) {
      expect(help).toContain(method);
    }
  });

  it('ends quietly when its output is piped into a reader that stops early', () => {
    // `true` exits without reading, so every write of the bin meets a closed pipe (EPIPE).
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" build --help | true`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
  });

  it('no command is a usage error', () => {
    expect(cli([]).status).toBe(2);
  });

  it('colours output on a terminal only, and never with NO_COLOR', () => {
    const expired = kit.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 60, { issueTs: 1000, salt: 1 });
    const ESC = '\x1b[';
    expect(cliOnTty(['decode', expired])).toContain(`${ESC}31m`);
    expect(cliOnTty(['decode', expired], { NO_COLOR: '1' })).not.toContain(ESC);
    expect(cli(['decode', expired]).stdout).not.toContain(ESC);
    expect(cliOnTty(['doctor', expired])).toContain(`${ESC}31m`);
    expect(cliOnTty(['doctor', expired], { NO_COLOR: '1' })).not.toContain(ESC);
    expect(cli(['doctor', expired]).stdout).not.toContain(ESC);
  });
});
