// build, decode, verify and doctor run in process through commander, as a user types them: what
// each prints on stdout and stderr and the exit code (0 ok, 1 a check failed, 2 usage).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register as registerBuild } from '../../src/cli/commands/build.js';
import { register as registerDecode } from '../../src/cli/commands/decode.js';
import { register as registerDoctor } from '../../src/cli/commands/doctor.js';
import { register as registerVerify } from '../../src/cli/commands/verify.js';
import { decodeToken, RtcTokenBuilder, RtmTokenBuilder } from '../../src/index.js';
import { RtcTokenBuilder as RtcTokenBuilder006 } from '../../src/006.js';
import { runInProcess } from '../support/cli-in-process.js';

const APP_ID = '970ca35de60c44645bbae8a215061b33';
const CERT = '5cfd2fd1755d40ecb72977518be15d3b';
const OTHER_CERT = '0123456789abcdef0123456789abcdef';
const CREDENTIALS = { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERT };
const T0 = 1_800_000_000;
const fixed = { issueTs: T0, salt: 7 };
const good = RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, 3600, 3600, fixed);
const token006 = RtcTokenBuilder006.buildTokenWithUid(APP_ID, CERT, 'room', 42, 1, T0 + 3600, { salt: 7, ts: T0 + 86_400 });

const build = (args: string[], env: Record<string, string | undefined> = CREDENTIALS, tty = false) => runInProcess(registerBuild, ['build', ...args], { env, tty });
const decode = (args: string[], stdin?: string) => runInProcess(registerDecode, ['decode', ...args], { stdin });
const verify = (args: string[], env: Record<string, string | undefined> = {}, stdin?: string) => runInProcess(registerVerify, ['verify', ...args], { env, stdin });
const doctor = (args: string[], env: Record<string, string | undefined> = {}, stdin?: string) => runInProcess(registerDoctor, ['doctor', ...args], { env, stdin });

afterEach(() => {
  vi.useRealTimers();
});

describe('build', () => {
  it('prints the token of the builder, with credentials from the environment', async () => {
    const r = await build(['rtc', '--channel', 'room', '--uid', '42', '--expire', '1h', '--issue-ts', String(T0), '--salt', '7']);
    expect(r).toEqual({ exitCode: 0, stdout: `${good}\n`, stderr: '' });
  });

  it('takes the credentials from flags too', async () => {
    const r = await build(['rtm', '--app-id', APP_ID, '--cert', CERT, '--user-id', 'alice', '--issue-ts', String(T0), '--salt', '7'], {});
    expect(r.stdout).toBe(`${RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 3600, fixed)}\n`);
  });

  it('--json prints the token and its decoded fields', async () => {
    const r = await build(['rtc', '--channel', 'room', '--uid', '42', '--issue-ts', String(T0), '--salt', '7', '--json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ token: good, decoded: JSON.parse(JSON.stringify(decodeToken(good))), findings: [] });
  });

  it('reports documented-rule findings on stderr, one per line', async () => {
    const r = await build(['rtc', '--channel', 'room', '--uid', '0', '--issue-ts', String(T0), '--salt', '7']);
    expect(r.stderr).toBe('warning UID_WILDCARD: uid 0 lets any user id join with this token\n');
  });

  it('builds no token for inputs that break a documented rule, unless --allow-rule-errors', async () => {
    const args = ['rtc', '--channel', 'room/1', '--uid', '42', '--issue-ts', String(T0), '--salt', '7'];
    const charset = 'error CHANNEL_NAME_CHARSET: channel name may contain only a-z, A-Z, 0-9, space and !#$%&()+-:;<=.>?@[]^_{}|~,\n';
    const refused = "error: no token built: the inputs break Agora's documented rules (see above); pass --allow-rule-errors to build it anyway\n";
    expect(await build(args)).toEqual({ exitCode: 1, stdout: '', stderr: charset + refused });
    const json = await build([...args, '--json']);
    expect([json.exitCode, JSON.parse(json.stdout)]).toEqual([1, { findings: [expect.objectContaining({ code: 'CHANNEL_NAME_CHARSET', severity: 'error', field: 'channelName' })] }]);
    const token = RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room/1', 42, 1, 3600, 3600, fixed);
    expect(await build([...args, '--allow-rule-errors'])).toEqual({ exitCode: 0, stdout: `${token}\n`, stderr: charset });
    const allowed = await build([...args, '--allow-rule-errors', '--json']);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ token, findings: [expect.objectContaining({ code: 'CHANNEL_NAME_CHARSET' })] });
  });

  it('paints errors red and warnings yellow on a terminal', async () => {
    const warned = await build(['rtc', '--channel', 'room', '--uid', '0'], CREDENTIALS, true);
    expect(warned.stderr).toBe('\x1b[33mwarning\x1b[39m UID_WILDCARD: uid 0 lets any user id join with this token\n');
    const refused = await build(['rtc', '--channel', 'room/1', '--uid', '1'], CREDENTIALS, true);
    expect(refused.stderr.startsWith('\x1b[31merror\x1b[39m CHANNEL_NAME_CHARSET: ')).toBe(true);
  });

  it('names both ways to give a missing credential', async () => {
    expect(await build(['fpa'], { AGORA_APP_CERTIFICATE: CERT })).toEqual({ exitCode: 2, stdout: '', stderr: 'error: missing the App ID: pass --app-id <hex> or set AGORA_APP_ID\n' });
    expect(await build(['fpa'], { AGORA_APP_ID: APP_ID })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'error: missing the App Certificate: pass --cert <hex> or set AGORA_APP_CERTIFICATE\n',
    });
  });

  it('refuses invalid credentials with exit 2 and the library message, never the certificate', async () => {
    const r = await build(['rtc', '--channel', 'room', '--uid', '42'], { AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: 'zz' + CERT.slice(2) });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*certificate/i);
    expect(r.stderr).not.toContain(CERT.slice(2));
  });

  it('refuses a missing credential or flag with exit 2', async () => {
    expect((await build(['rtc', '--channel', 'room', '--uid', '42'], { AGORA_APP_ID: APP_ID })).exitCode).toBe(2);
    expect((await build(['rtc', '--uid', '42'])).exitCode).toBe(2);
    expect((await build(['rtc', '--channel', 'room'])).stderr).toBe('error: --uid is required (0 lets any user join)\n');
    expect((await build(['rtc', '--channel', 'room', '--uid', '1', '--salt', '-1'])).exitCode).toBe(2);
    expect((await build(['rtc', '--channel', 'room', '--uid', '1', '--issue-ts', '4294967296'])).exitCode).toBe(2);
  });

  it('offers one subcommand per kind, with an example in its help', async () => {
    const r = await build(['rtc', '--help']);
    expect(r.exitCode).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain('$ agora-token-kit build rtc --channel room --uid 42 --role publisher --expire 1h');
    expect(help).toContain('--app-id <hex>');
    expect(help).toContain('(env: AGORA_APP_ID)');
    expect(help).toContain('(env: AGORA_APP_CERTIFICATE)');
    expect(help).toContain('--issue-ts <unix>');
    expect(help).toContain('--salt <n>');
  });

  it('takes --issue-ts and --salt from 0 to 4294967295', async () => {
    const r = await build(['chat-app', '--issue-ts', '0', '--salt', '4294967295', '--json']);
    expect(JSON.parse(r.stdout).decoded).toMatchObject({ issueTs: 0, salt: 4_294_967_295 });
  });
});

describe('decode', () => {
  it('shows the fields of a token', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((T0 + 60) * 1000);
    const r = await decode([good]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['version     007 (AccessToken2)', `app ID      ${APP_ID}`, 'issued      2027-01-15T08:00:00Z  (1 min ago)']);
    expect(r.stdout).toContain('  RTC (type 1)  channel "room", uid "42"\n');
    expect(r.stdout.endsWith('\n')).toBe(true);
  });

  it('--json prints what decodeToken returns', async () => {
    const r = await decode([token006, '--json']);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(decodeToken(token006))));
  });

  it('reads the token from stdin with "-"', async () => {
    const r = await decode(['-', '--json'], `${good}\n`);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: '007', appId: APP_ID });
  });

  it('exits 1 for a token it cannot decode, pointing at doctor', async () => {
    const r = await decode(['007garbage']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: cannot decode the token: .+ \(try: agora-token-kit doctor\)\n$/);
  });
});

describe('verify', () => {
  it('exits 0 for a token the certificate signed, 1 for another', async () => {
    expect(await verify([good], { AGORA_APP_CERTIFICATE: CERT })).toEqual({ exitCode: 0, stdout: 'valid: the token matches this App Certificate\n', stderr: '' });
    expect(await verify([good, '--cert', OTHER_CERT])).toEqual({ exitCode: 1, stdout: 'invalid: the token does not match this App Certificate\n', stderr: '' });
  });

  it('--json prints the verdict', async () => {
    expect(await verify([good, '--cert', CERT, '--json'])).toEqual({ exitCode: 0, stdout: '{\n  "valid": true\n}\n', stderr: '' });
    expect(await verify([good, '--cert', OTHER_CERT, '--json'])).toEqual({ exitCode: 1, stdout: '{\n  "valid": false\n}\n', stderr: '' });
  });

  it('a 006 token needs its channel and uid', async () => {
    const needs = 'error: a 006 token signs its channel and uid: pass --channel and --uid (or --account)\n';
    expect(await verify([token006, '--cert', CERT])).toEqual({ exitCode: 2, stdout: '', stderr: needs });
    expect((await verify([token006, '--cert', CERT, '--channel', 'room'])).stderr).toBe(needs);
    expect((await verify([token006, '--cert', CERT, '--uid', '42'])).stderr).toBe(needs);
    expect(await verify([token006, '--cert', CERT, '--channel', 'room', '--uid', '42'])).toEqual({
      exitCode: 0,
      stdout: 'valid: the token matches this App Certificate, channel and uid\n',
      stderr: '',
    });
    expect(await verify([token006, '--cert', CERT, '--channel', 'hall', '--uid', '42'])).toEqual({
      exitCode: 1,
      stdout: 'invalid: the token does not match this App Certificate, channel and uid\n',
      stderr: '',
    });
    const account = RtcTokenBuilder006.buildTokenWithAccount(APP_ID, CERT, 'room', 'alice', 1, T0 + 3600, { salt: 7, ts: T0 + 86_400 });
    expect((await verify([account, '--cert', CERT, '--channel', 'room', '--account', 'alice'])).exitCode).toBe(0);
  });

  it('a 007 token is verified alone, whatever channel is given', async () => {
    expect((await verify([good, '--cert', CERT, '--channel', 'elsewhere', '--uid', '1'])).exitCode).toBe(0);
  });

  it('refuses a certificate that is not 32 hex characters with exit 2', async () => {
    const r = await verify([good, '--cert', 'nope']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
  });

  it('exits 1 for a token that does not decode, and 2 without a certificate', async () => {
    expect((await verify(['007garbage', '--cert', CERT])).exitCode).toBe(1);
    expect(await verify([good])).toEqual({ exitCode: 2, stdout: '', stderr: 'error: missing the App Certificate: pass --cert <hex> or set AGORA_APP_CERTIFICATE\n' });
    expect((await verify([good, '--cert', CERT, '--uid', '1', '--account', 'a'])).exitCode).toBe(2);
  });

  it('reads the token from stdin, and trims a pasted argument', async () => {
    expect((await verify(['-', '--cert', CERT], {}, `  ${good}\n`)).exitCode).toBe(0);
    expect((await verify([` ${good}\n`, '--cert', CERT])).exitCode).toBe(0);
  });

  it('paints the verdict on a terminal', async () => {
    const valid = await runInProcess(registerVerify, ['verify', good, '--cert', CERT], { tty: true });
    expect(valid.stdout).toBe('\x1b[32mvalid: the token matches this App Certificate\x1b[39m\n');
    const invalid = await runInProcess(registerVerify, ['verify', good, '--cert', OTHER_CERT], { tty: true });
    expect(invalid.stdout).toBe('\x1b[31minvalid: the token does not match this App Certificate\x1b[39m\n');
  });
});

describe('doctor', () => {
  const at = ['--at', String(T0 + 60), '--cert', CERT];

  it('says ok for a good token', async () => {
    expect(await doctor([good, ...at, '--channel', 'room', '--uid', '42'])).toEqual({ exitCode: 0, stdout: 'ok: no problems found\n', stderr: '' });
  });

  it('prints one line per finding with its fix, and exits 1 on an error', async () => {
    const r = await doctor([good, ...at, '--channel', 'hall', '--uid', '0']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe(
      'error   CHANNEL_MISMATCH: the token is for channel "room", but the client joins "hall" → fix: build the token for the exact channel name the client joins\n' +
        'error   UID_ZERO_JOIN: the client joins with uid 0, so the SDK picks a random uid, but the token is only for uid "42" → fix: join with uid "42", or build the token with uid 0\n',
    );
  });

  it('exits 0 when there are only warnings', async () => {
    const r = await doctor([good, '--cert', CERT, '--at', String(T0 + 3500)]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('warning TOKEN_EXPIRING_SOON: the token expires in 1 min → fix: renew it now, and build tokens with a longer lifetime');
  });

  it('--json prints ok and the findings', async () => {
    const r = await doctor([good, ...at, '--uid', '43', '--json']);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      findings: [
        {
          code: 'UID_MISMATCH',
          severity: 'error',
          message: 'the token is for uid "42", but the client joins as uid "43"',
          fix: 'build the token for the uid or account the client joins with',
        },
      ],
    });
    expect(JSON.parse((await doctor([good, ...at, '--json'])).stdout)).toEqual({ ok: true, findings: [] });
  });

  it('passes every option to the diagnosis', async () => {
    const codes = async (args: string[], env: Record<string, string> = {}) =>
      (JSON.parse((await doctor([...args, '--at', String(T0 + 60), '--json'], env)).stdout) as { findings: { code: string }[] }).findings
        .map((f) => f.code)
        .filter((code) => code !== 'SIGNATURE_NOT_CHECKED');
    expect(await codes([good, '--app-id', '970ca35de60c44645bbae8a215061b34'])).toEqual(['APP_ID_MISMATCH']);
    expect(await codes([good], { AGORA_APP_ID: '970ca35de60c44645bbae8a215061b34' })).toEqual(['APP_ID_MISMATCH']);
    expect(await codes([good, '--cert', OTHER_CERT])).toEqual(['SIGNATURE_MISMATCH']);
    expect(await codes([good], { AGORA_APP_CERTIFICATE: OTHER_CERT })).toEqual(['SIGNATURE_MISMATCH']);
    expect(await codes([good, '--expect', '006'])).toEqual(['VERSION_MISMATCH']);
    expect(await codes([good, '--account', '042'])).toEqual(['UID_LOOKALIKE']);
    expect(await codes([RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 2, 3600, 3600, fixed), '--role', 'publisher'])).toEqual(['NO_PUBLISH_PRIVILEGE']);
    // A subscriber needs no publish privilege, and the token's own version is what was expected.
    expect(await codes([RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 42, 2, 3600, 3600, fixed), '--role', 'subscriber', '--expect', '007'])).toEqual([]);
    expect(await codes([token006, '--cert', OTHER_CERT, '--channel', 'room', '--uid', '42'])).toEqual(['SIGNATURE_MISMATCH']);
  });

  it('judges expiry at --at, an ISO date or Unix seconds, else now', async () => {
    const expired = await doctor([good, '--cert', CERT, '--at', '2027-01-15T10:00:00Z']);
    expect([expired.exitCode, expired.stdout]).toEqual([1, expect.stringContaining('TOKEN_EXPIRED: the token expired 1 h ago')]);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((T0 + 7200) * 1000);
    expect((await doctor([good, '--cert', CERT])).stdout).toContain('the token expired 1 h ago');
  });

  it('reads the token from stdin; an argument is diagnosed as given', async () => {
    expect((await doctor(['-', ...at], {}, `${good}\n`)).stdout).toBe('ok: no problems found\n');
    const padded = await doctor([` ${good}`, ...at]);
    expect([padded.exitCode, padded.stdout.split(':')[0]]).toEqual([1, 'error   TOKEN_EXTRA_CHARACTERS']);
  });

  it('says when the signature was not checked', async () => {
    expect((await doctor([good, '--at', String(T0 + 60)])).stdout).toBe(
      'warning SIGNATURE_NOT_CHECKED: no App Certificate was given, so the signature was not checked → fix: pass --cert (or set AGORA_APP_CERTIFICATE) to check that the token was signed with your certificate\n',
    );
  });

  it('paints on a terminal', async () => {
    const ok = await runInProcess(registerDoctor, ['doctor', good, ...at], { tty: true });
    expect(ok.stdout).toBe('\x1b[32mok: no problems found\x1b[39m\n');
    const bad = await runInProcess(registerDoctor, ['doctor', good, ...at, '--uid', '43', '--at', String(T0 + 3500)], { tty: true });
    expect(bad.stdout.split('\n').map((line) => line.split(':')[0])).toEqual([
      '\x1b[31merror  \x1b[39m \x1b[1mUID_MISMATCH\x1b[22m',
      '\x1b[33mwarning\x1b[39m \x1b[1mTOKEN_EXPIRING_SOON\x1b[22m',
      '\x1b[33mwarning\x1b[39m \x1b[1mPRIVILEGE_EXPIRING_SOON\x1b[22m',
      '',
    ]);
    expect(bad.stdout).toContain(' \x1b[2m→\x1b[22m fix: ');
  });

  it('refuses bad option values with exit 2', async () => {
    expect((await doctor([good, '--cert', 'nope'])).stderr).toMatch(/^error: /);
    expect((await doctor([good, '--cert', 'nope'])).exitCode).toBe(2);
    expect((await doctor([good, '--role', 'owner'])).exitCode).toBe(2);
    expect((await doctor([good, '--expect', '005'])).exitCode).toBe(2);
    expect((await doctor([good, '--at', 'tomorrow'])).exitCode).toBe(2);
    expect((await doctor([good, '--uid', '1', '--account', 'a'])).exitCode).toBe(2);
    expect((await doctor([good, '--uid', '-1'])).exitCode).toBe(2);
  });
});
