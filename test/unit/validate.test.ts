import { describe, expect, it } from 'vitest';
import { caught } from '../support/caught.js';
import {
  assertAppId,
  assertCertificate,
  assertString,
  assertUint,
  describe as describeValue,
  isAppIdFormat,
  isUint,
  uidString,
} from '../../src/lib/validate.js';

const HEX = '0123456789abcdef0123456789ABCDEF';

describe('describe (values in error messages)', () => {
  it.each([
    ['abc', '"abc"'],
    ['', '""'],
    ['x'.repeat(40), JSON.stringify('x'.repeat(40))],
    ['y'.repeat(41), JSON.stringify(`${'y'.repeat(40)}…`)],
    [42, '42'],
    [true, 'true'],
    [false, 'false'],
    [null, 'null'],
    [undefined, 'undefined'],
    [{}, 'object'],
    [[1], 'object'],
    [() => 1, 'function'],
    [10n, 'bigint'],
  ])('%s reads %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe('assertAppId / isAppIdFormat', () => {
  it('accepts 32 hex characters of either case', () => {
    expect(() => assertAppId(HEX)).not.toThrow();
    expect(isAppIdFormat(HEX)).toBe(true);
  });

  it.each([HEX + 'a', 'a' + HEX, HEX.slice(1), HEX.slice(0, 31) + 'g', ''])('refuses %j, whole string anchored', (bad) => {
    expect(isAppIdFormat(bad)).toBe(false);
    const e = caught(() => assertAppId(bad));
    expect(e.code).toBe('ERR_INVALID_APP_ID');
    expect(e.message).toBe(`"appId" must be 32 hexadecimal characters, got ${JSON.stringify(bad)}`);
  });

  it('names the type of a non-string, even one whose text would match', () => {
    expect(caught(() => assertAppId([HEX])).message).toBe('"appId" must be 32 hexadecimal characters, got object');
    expect(caught(() => assertAppId(7)).message).toBe('"appId" must be 32 hexadecimal characters, got 7');
  });
});

describe('assertCertificate', () => {
  it('accepts 32 hex characters', () => {
    expect(() => assertCertificate(HEX)).not.toThrow();
  });

  it.each([
    ['secret-but-short', 'a 16-character string'],
    [HEX + '0', 'a 33-character string'],
    [null, 'null'],
    [undefined, 'undefined'],
    [12, 'number'],
    [{}, 'object'],
  ])('refuses %j without echoing it', (bad, shown) => {
    const e = caught(() => assertCertificate(bad));
    expect(e.code).toBe('ERR_INVALID_APP_CERTIFICATE');
    expect(e.message).toBe(`"appCertificate" must be 32 hexadecimal characters, got ${shown}`);
  });
});

describe('isUint / assertUint', () => {
  it.each([
    [0, 16, true],
    [65535, 16, true],
    [65536, 16, false],
    [0, 32, true],
    [4294967295, 32, true],
    [4294967296, 32, false],
    [-1, 32, false],
    [1.5, 32, false],
    ['1', 32, false],
    [NaN, 16, false],
  ] as const)('isUint(%j, %i) is %s', (value, bits, ok) => {
    expect(isUint(value, bits)).toBe(ok);
  });

  it('states the 16-bit range and the value', () => {
    const e = caught(() => assertUint(65536, 16, 'privileges id', 'ERR_INVALID_PRIVILEGE'));
    expect(e.code).toBe('ERR_INVALID_PRIVILEGE');
    expect(e.message).toBe('"privileges id" must be an integer from 0 to 65535, got 65536');
  });

  it('states the 32-bit range and the value', () => {
    const e = caught(() => assertUint(-1, 32, 'expire', 'ERR_INVALID_EXPIRE'));
    expect(e.code).toBe('ERR_INVALID_EXPIRE');
    expect(e.message).toBe('"expire" must be an integer from 0 to 4294967295, got -1');
  });

  it('passes in-range values', () => {
    expect(() => assertUint(65535, 16, 'x', 'ERR_INVALID_ARGUMENT')).not.toThrow();
    expect(() => assertUint(4294967295, 32, 'x', 'ERR_INVALID_ARGUMENT')).not.toThrow();
  });
});

describe('assertString', () => {
  it('passes strings and refuses the rest with the field name', () => {
    expect(() => assertString('', 'channelName')).not.toThrow();
    const e = caught(() => assertString(5, 'channelName'));
    expect(e.code).toBe('ERR_INVALID_ARGUMENT');
    expect(e.message).toBe('"channelName" must be a string, got 5');
  });
});

describe('uidString (docs/format.md §2.3)', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [4294967295, '4294967295'],
    ['0', '0'],
    ['', ''],
    ['alice', 'alice'],
  ])('%j becomes %j', (value, text) => {
    expect(uidString(value, 'uid')).toBe(text);
  });

  it.each([[-1, '-1'], [4294967296, '4294967296'], [1.5, '1.5'], [null, 'null'], [true, 'true'], [{}, 'object']])('refuses %j', (value, shown) => {
    const e = caught(() => uidString(value, 'services[0].uid'));
    expect(e.code).toBe('ERR_INVALID_UID');
    expect(e.message).toBe(`"services[0].uid" must be a string or an integer from 0 to 4294967295, got ${shown}`);
  });
});
