// The server's body-field readers: every 400 names the field as the client spelled it, and says what
// was expected and what came. Exact messages, both ends of every range, and each JSON type.
import { describe, expect, it } from 'vitest';
import { BodyFields, type ExpiryLimits } from '../../src/server/fields.js';
import { HttpError } from '../../src/server/response.js';

const limits: ExpiryLimits = { defaultExpire: 3600, maxExpire: 86_400 };
const fields = (body: Record<string, unknown>, l: ExpiryLimits = limits) => new BodyFields(body, l);

/** The 400 a reader throws, as `[status, message]`; fails when it does not throw an HttpError. */
function refusal(read: () => unknown): [number, string] {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return [(error as HttpError).status, (error as HttpError).message];
  }
  return expect.unreachable('the reader accepted the value');
}

describe('required fields', () => {
  it.each(['string', 'uid', 'rtcRole', 'int16', 'permissions'] as const)('%s: an absent field is "required"', (reader) => {
    expect(refusal(() => fields({})[reader]('x'))).toEqual([400, '"x" is required']);
  });

  it('does not take a field the body only inherits', () => {
    // `constructor` exists on every object through its prototype, never as a sent field.
    expect(refusal(() => fields({}).string('constructor'))).toEqual([400, '"constructor" is required']);
    expect(fields({}).expire('toString')).toBe(3600);
  });

  it('treats an explicit null as present, of the wrong type', () => {
    expect(refusal(() => fields({ s: null }).string('s'))).toEqual([400, '"s" must be a string, got null']);
  });
});

describe('string', () => {
  it('returns a non-empty string as sent', () => {
    expect(fields({ name: ' a b ' }).string('name')).toBe(' a b ');
  });

  it.each([
    [5, 'number'],
    [true, 'boolean'],
    [null, 'null'],
    [['a'], 'array'],
    [{ a: 1 }, 'object'],
  ])('refuses %j, naming its type', (value, type) => {
    expect(refusal(() => fields({ s: value }).string('s'))).toEqual([400, `"s" must be a string, got ${type}`]);
  });

  it('refuses the empty string', () => {
    expect(refusal(() => fields({ s: '' }).string('s'))).toEqual([400, '"s" must not be empty']);
  });
});

describe('uid', () => {
  it.each([0, 1, 4_294_967_295])('takes the uint32 %d', (uid) => {
    expect(fields({ uid }).uid('uid')).toBe(uid);
  });

  it('takes any string as a user account', () => {
    expect(fields({ uid: 'alice' }).uid('uid')).toBe('alice');
    expect(fields({ uid: '' }).uid('uid')).toBe('');
  });

  it.each([-1, 4_294_967_296, 1.5, Number.MAX_SAFE_INTEGER])('refuses the number %d with the range', (uid) => {
    expect(refusal(() => fields({ uid }).uid('uid'))).toEqual([400, `"uid" must be an integer from 0 to 4294967295, got ${uid}`]);
  });

  it.each([
    [true, 'boolean'],
    [null, 'null'],
    [[1], 'array'],
    [{}, 'object'],
  ])('refuses %j as neither number nor string', (uid, type) => {
    expect(refusal(() => fields({ rtcAccount: uid }).uid('rtcAccount'))).toEqual([400, `"rtcAccount" must be a number or a string, got ${type}`]);
  });
});

describe('rtcRole', () => {
  it.each([
    [1, 1],
    [2, 2],
    [0, 1],
    [101, 1],
  ])('maps %d to %d', (role, expected) => {
    expect(fields({ role }).rtcRole('role')).toBe(expected);
  });

  it.each([
    [3, '3'],
    [-1, '-1'],
    [1.5, '1.5'],
    [100, '100'],
    ['1', 'string'],
    [true, 'boolean'],
    [null, 'null'],
  ])('refuses %j', (role, got) => {
    expect(refusal(() => fields({ rtcRole: role }).rtcRole('rtcRole'))).toEqual([400, `"rtcRole" must be 1 (publisher) or 2 (subscriber), got ${got}`]);
  });
});

describe('int16', () => {
  it.each([-32_768, -1, 0, 32_767])('takes %d', (role) => {
    expect(fields({ role }).int16('role')).toBe(role);
  });

  it.each([
    [-32_769, '-32769'],
    [32_768, '32768'],
    [0.5, '0.5'],
    ['1', 'string'],
    [null, 'null'],
  ])('refuses %j', (role, got) => {
    expect(refusal(() => fields({ role }).int16('role'))).toEqual([400, `"role" must be an integer from -32768 to 32767, got ${got}`]);
  });
});

describe('expire', () => {
  it('falls back to the default expiry when absent, capped at the maximum', () => {
    expect(fields({}).expire('expire')).toBe(3600);
    expect(fields({}, { defaultExpire: 3600, maxExpire: 600 }).expire('expire')).toBe(600);
    expect(fields({}, { defaultExpire: 300, maxExpire: 600 }).expire('expire')).toBe(300);
    expect(fields({}).expire('expire', { fallback: 77 })).toBe(77);
  });

  it('takes 1 to the maximum, and 0 only where the caller allows it', () => {
    expect(fields({ e: 1 }).expire('e')).toBe(1);
    expect(fields({ e: 86_400 }).expire('e')).toBe(86_400);
    expect(fields({ e: 600 }, { defaultExpire: 60, maxExpire: 600 }).expire('e')).toBe(600);
    expect(fields({ e: 0 }).expire('e', { min: 0 })).toBe(0);
  });

  it.each([
    [0, {}, '"e" must be an integer number of seconds from 1 to 86400, got 0'],
    [86_401, {}, '"e" must be an integer number of seconds from 1 to 86400, got 86401'],
    [-1, { min: 0 }, '"e" must be an integer number of seconds from 0 to 86400, got -1'],
    [1.5, {}, '"e" must be an integer number of seconds from 1 to 86400, got 1.5'],
    ['60', {}, '"e" must be an integer number of seconds from 1 to 86400, got string'],
    [null, {}, '"e" must be an integer number of seconds from 1 to 86400, got null'],
  ])('refuses %j (%j)', (value, options, message) => {
    expect(refusal(() => fields({ e: value }).expire('e', options))).toEqual([400, message]);
  });

  it('names the configured maximum', () => {
    expect(refusal(() => fields({ e: 601 }, { defaultExpire: 60, maxExpire: 600 }).expire('e'))).toEqual([
      400,
      '"e" must be an integer number of seconds from 1 to 600, got 601',
    ]);
  });
});

describe('permissions', () => {
  const read = (value: unknown) => fields({ permissions: value }).permissions('permissions');

  it('returns each grant with exactly its three fields', () => {
    expect(
      read([
        { resourceType: 0, permissionType: 65_535, resources: [] },
        { resourceType: 65_535, permissionType: 0, resources: ['a', 'b'] },
      ]),
    ).toEqual([
      { resourceType: 0, permissionType: 65_535, resources: [] },
      { resourceType: 65_535, permissionType: 0, resources: ['a', 'b'] },
    ]);
    expect(read([])).toEqual([]);
  });

  it.each([
    [{}, '"permissions" must be an array, got object'],
    ['x', '"permissions" must be an array, got string'],
    [null, '"permissions" must be an array, got null'],
    [[null], '"permissions[0]" must be an object, got null'],
    [[1], '"permissions[0]" must be an object, got number'],
    [[[]], '"permissions[0]" must be an object, got array'],
    [[{ resourceType: 1, permissionType: 1, resources: [] }, 'x'], '"permissions[1]" must be an object, got string'],
    [[{ resourceType: 1, permissionType: 1, resources: [], extra: 1 }], 'unknown field "permissions[0].extra"'],
    [[{ permissionType: 1, resources: [] }], '"permissions[0].resourceType" must be an integer from 0 to 65535, got undefined'],
    [[{ resourceType: -1, permissionType: 1, resources: [] }], '"permissions[0].resourceType" must be an integer from 0 to 65535, got -1'],
    [[{ resourceType: 65_536, permissionType: 1, resources: [] }], '"permissions[0].resourceType" must be an integer from 0 to 65535, got 65536'],
    [[{ resourceType: 1, permissionType: '1', resources: [] }], '"permissions[0].permissionType" must be an integer from 0 to 65535, got string'],
    [[{ resourceType: 1, permissionType: 65_536, resources: [] }], '"permissions[0].permissionType" must be an integer from 0 to 65535, got 65536'],
    [[{ resourceType: 1, permissionType: 1 }], '"permissions[0].resources" must be an array of strings'],
    [[{ resourceType: 1, permissionType: 1, resources: 'lobby' }], '"permissions[0].resources" must be an array of strings'],
    [[{ resourceType: 1, permissionType: 1, resources: ['a', 2] }], '"permissions[0].resources" must be an array of strings'],
  ])('refuses %j', (value, message) => {
    expect(refusal(() => read(value))).toEqual([400, message]);
  });
});

describe('finish', () => {
  it('passes when every field was read, including absent optional ones', () => {
    const f = fields({ a: 'x', e: 5 });
    f.string('a');
    f.expire('e');
    f.expire('other');
    expect(() => f.finish()).not.toThrow();
  });

  it('refuses the first field no reader asked for, cut to 60 characters', () => {
    const f = fields({ a: 'x', ['k'.repeat(100)]: 1, b: 2 });
    f.string('a');
    expect(refusal(() => f.finish())).toEqual([400, `unknown field "${'k'.repeat(60)}"`]);
  });
});
