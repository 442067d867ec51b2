// The CLI's small parts: argument parsers (a wrong value is a usage error, exit 2), reading a token from
// stdin, time formatting, exit codes and colour.
import { Readable } from 'node:stream';
import { InvalidArgumentError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { integerIn, parseDuration, parseTime, parseUid, readToken } from '../../src/cli/input.js';
import { CliError, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE, out, outJson, paintFor, usageError } from '../../src/cli/output.js';
import { isoTime, relative, span, untilExpiry } from '../../src/cli/time.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const refusal = (parse: () => unknown): string => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as Error).message;
  }
  return expect.unreachable('the value was accepted');
};

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['3600', 3600],
    ['45s', 45],
    ['15m', 900],
    ['2h', 7200],
    ['1d', 86_400],
    ['1h30m', 5400],
    ['1d1h1m1s', 90_061],
    ['10m5', 605],
    ['007', 7],
    ['4294967295', 4_294_967_295],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'h', '1x', '1 h', '-5', '1.5h', '1H', 'x1h', '1h x'])('refuses %j', (text) => {
    expect(refusal(() => parseDuration(text))).toBe('expected a duration such as 3600, 90s, 15m, 1h or 1h30m');
  });

  it('refuses more than a uint32 of seconds', () => {
    expect(refusal(() => parseDuration('4294967296'))).toBe('must be at most 4294967295 seconds');
    expect(refusal(() => parseDuration('49711d'))).toBe('must be at most 4294967295 seconds');
  });
});

describe('integerIn and parseUid', () => {
  it('takes both bounds and refuses one past each, naming the range', () => {
    const parse = integerIn(-3, 7);
    expect([parse('-3'), parse('0'), parse('7')]).toEqual([-3, 0, 7]);
    for (const text of ['-4', '8', '1.0', ' 1', '1e1', '', '0x1', '+1']) expect(refusal(() => parse(text))).toBe('expected an integer from -3 to 7');
  });

  it('refuses integers past the safe range even when the range is wider', () => {
    expect(refusal(() => integerIn(0, Number.MAX_VALUE)('9007199254740993'))).toBe(`expected an integer from 0 to ${Number.MAX_VALUE}`);
  });

  it('parseUid takes 0 to 4294967295', () => {
    expect([parseUid('0'), parseUid('4294967295')]).toEqual([0, 4_294_967_295]);
    expect(refusal(() => parseUid('4294967296'))).toBe('expected an integer from 0 to 4294967295');
    expect(refusal(() => parseUid('-1'))).toBe('expected an integer from 0 to 4294967295');
  });
});

describe('parseTime', () => {
  it('takes Unix seconds as they are', () => {
    expect(parseTime('1800000000')).toBe(1_800_000_000);
    expect(parseTime('0')).toBe(0);
  });

  it('takes ISO 8601 dates, in whole seconds', () => {
    expect(parseTime('2026-11-28T10:00:00Z')).toBe(Date.UTC(2026, 10, 28, 10) / 1000);
    expect(parseTime('2026-11-28T10:00:00.900Z')).toBe(Date.UTC(2026, 10, 28, 10) / 1000);
    expect(parseTime('2026-11-28')).toBe(Date.UTC(2026, 10, 28) / 1000);
  });

  it.each(['tomorrow', '28/11/2026', 'Nov 28 2026', '2026-13-45', '-5', '1.5', ''])('refuses %j', (text) => {
    expect(refusal(() => parseTime(text))).toBe('expected an ISO 8601 date such as 2026-11-28T10:00:00Z, or Unix seconds');
  });
});

describe('readToken', () => {
  const stdin = (text: string) => vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from(text)]) as unknown as typeof process.stdin);

  it('returns an argument other than "-" trimmed, without reading stdin', async () => {
    const spy = stdin('ignored');
    expect(await readToken(' 007abc\n')).toBe('007abc');
    expect(spy).not.toHaveBeenCalled();
  });

  it('reads "-" from stdin, trimmed', async () => {
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from('  007ab'), Buffer.from('c\n\n')]) as unknown as typeof process.stdin);
    expect(await readToken('-')).toBe('007abc');
  });

  it('refuses an empty stdin with a usage error', async () => {
    stdin(' \n');
    await expect(readToken('-')).rejects.toEqual(usageError('no token on stdin'));
    await expect(readToken('-')).rejects.toMatchObject({ exitCode: EXIT_USAGE, message: 'no token on stdin' });
  });
});

describe('time formatting', () => {
  it('isoTime drops the milliseconds', () => {
    expect(isoTime(1_800_000_000)).toBe('2027-01-15T08:00:00Z');
    expect(isoTime(0)).toBe('1970-01-01T00:00:00Z');
  });

  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [3599, '59 min'],
    [3600, '1 h'],
    [172_799, '47 h'],
    [172_800, '2 d'],
    [-90, '1 min'],
  ])('span(%d) is %s', (seconds, text) => {
    expect(span(seconds)).toBe(text);
  });

  it('untilExpiry and relative say which side of now', () => {
    expect(untilExpiry(1100, 1000)).toBe('in 1 min');
    expect(untilExpiry(1000, 1000)).toBe('expired 0 s ago');
    expect(untilExpiry(900, 1000)).toBe('expired 1 min ago');
    expect(relative(1005, 1000)).toBe('in 5 s');
    expect(relative(1000, 1000)).toBe('now');
    expect(relative(280, 1000)).toBe('12 min ago');
  });
});

describe('output', () => {
  it('exit codes: 0 ok, 1 a check failed, 2 usage', () => {
    expect([EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE]).toEqual([0, 1, 2]);
    const e = new CliError(EXIT_CHECK_FAILED, 'bad');
    expect([e.name, e.exitCode, e.message, e instanceof Error]).toEqual(['CliError', 1, 'bad', true]);
    expect(usageError('x')).toMatchObject({ name: 'CliError', exitCode: 2, message: 'x' });
  });

  it('paints on a terminal only, and never with NO_COLOR set', () => {
    const tty = { isTTY: true } as never;
    const paint = paintFor(tty, {});
    expect(['red', 'yellow', 'green', 'dim', 'bold'].map((s) => paint(s as 'red', 'x'))).toEqual([
      '\x1b[31mx\x1b[39m',
      '\x1b[33mx\x1b[39m',
      '\x1b[32mx\x1b[39m',
      '\x1b[2mx\x1b[22m',
      '\x1b[1mx\x1b[22m',
    ]);
    expect(paintFor(tty, { NO_COLOR: '' })('red', 'x')).toBe('\x1b[31mx\x1b[39m');
    expect(paintFor(tty, { NO_COLOR: '1' })('red', 'x')).toBe('x');
    expect(paintFor({ isTTY: false } as never, {})('red', 'x')).toBe('x');
    expect(paintFor({} as never, {})('red', 'x')).toBe('x');
  });

  it('takes the colour setting from the process by default', () => {
    vi.stubEnv('NO_COLOR', '1');
    try {
      expect(paintFor({ isTTY: true } as never)('red', 'x')).toBe('x');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('writes lines and JSON documents to stdout', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    out('a line');
    outJson({ a: [1] });
    expect(written).toEqual(['a line\n', '{\n  "a": [\n    1\n  ]\n}\n']);
  });
});
