import { describe, expect, it } from 'vitest';
import { buildToken, decodeToken, tokenVersion, verifyToken } from '../../src/api.js';
import { ByteReader } from '../../src/lib/reader.js';
import { ByteWriter } from '../../src/lib/writer.js';
import { encode006 } from '../../src/token006/encode.js';
import { encode007, type Token007Spec } from '../../src/token007/encode.js';
import { privilegeMap, readService, serviceRecord, type ServiceSpec, writeService } from '../../src/token007/services.js';
import { caught } from '../support/caught.js';

const appId = '970ca35de60c44645bbae8a215061b33';
const appCertificate = '5cfd2fd1755d40ecb72977518be15d3b';
const base = { appId, appCertificate, issueTs: 1_700_000_000, expire: 600, salt: 1 };

const spec = (...services: unknown[]): Token007Spec => ({ ...base, services: services as ServiceSpec[] });
const pack = (service: unknown): Uint8Array => {
  const w = new ByteWriter();
  writeService(w, serviceRecord(service as ServiceSpec, 'services[0]'));
  return w.view().slice();
};

function expectError(fn: () => unknown, code: string, message: string): void {
  const e = caught(fn);
  expect(e.code).toBe(code);
  expect(e.message).toBe(message);
}

describe('privilegeMap', () => {
  it('reads plain objects (own keys only), Maps and lists of pairs', () => {
    expect([...privilegeMap({ 1: 10, 65535: 4294967295 }, 'p')]).toEqual([[1, 10], [65535, 4294967295]]);
    expect([...privilegeMap(Object.create({ 5: 1 }, { 2: { value: 20, enumerable: true } }), 'p')]).toEqual([[2, 20]]);
    expect([...privilegeMap(new Map([[3, 30]]), 'p')]).toEqual([[3, 30]]);
    expect([...privilegeMap([[4, 40], [0, 0]], 'p')]).toEqual([[4, 40], [0, 0]]);
    expect(privilegeMap(undefined, 'p').size).toBe(0);
  });

  it.each([null, 5, 'x', true])('refuses %j as a privilege map', (input) => {
    expectError(() => privilegeMap(input as never, 'services[0].privileges'), 'ERR_INVALID_PRIVILEGE',
      `"services[0].privileges" must be an object of privilege id → expire, got ${input === null ? 'null' : typeof input === 'string' ? '"x"' : String(input)}`);
  });

  it.each(['', '+1', '-1', '1e1', ' 1', '0x1', '1.0', '/', ':', '1a'])('refuses the key %j: ids are decimal digits only', (key) => {
    expectError(() => privilegeMap({ [key]: 1 }, 'services[0].privileges'), 'ERR_INVALID_PRIVILEGE',
      '"services[0].privileges id" must be an integer from 0 to 65535, got NaN');
  });

  it('refuses ids and expiries out of range, naming the entry', () => {
    expectError(() => privilegeMap({ 65536: 1 }, 'p'), 'ERR_INVALID_PRIVILEGE', '"p id" must be an integer from 0 to 65535, got 65536');
    expectError(() => privilegeMap({ 7: -1 }, 'p'), 'ERR_INVALID_EXPIRE', '"p[7]" must be an integer from 0 to 4294967295, got -1');
    expectError(() => privilegeMap({ 7: 4294967296 }, 'p'), 'ERR_INVALID_EXPIRE', '"p[7]" must be an integer from 0 to 4294967295, got 4294967296');
  });

  it('refuses entries of a list that are not [id, expire] pairs', () => {
    expectError(() => privilegeMap([[1]] as never, 'p'), 'ERR_INVALID_PRIVILEGE', '"p id" must be an integer from 0 to 65535, got NaN');
    expectError(() => privilegeMap([[1, 2, 3]] as never, 'p'), 'ERR_INVALID_PRIVILEGE', '"p id" must be an integer from 0 to 65535, got NaN');
    expectError(() => privilegeMap(['12'] as never, 'p'), 'ERR_INVALID_PRIVILEGE', '"p id" must be an integer from 0 to 65535, got NaN');
  });

  it('takes 65535 privileges and refuses 65536', () => {
    const all: Record<number, number> = {};
    for (let i = 0; i < 65535; i++) all[i] = 1;
    expect(privilegeMap(all, 'p').size).toBe(65535);
    all[65535] = 1;
    expectError(() => privilegeMap(all, 'services[0].privileges'), 'ERR_TOO_MANY_ITEMS', '"services[0].privileges" has more than 65535 privileges');
  });
});

describe('serviceRecord and writeService: field checks name the field', () => {
  it.each([null, 7, 'rtc'])('refuses the service %j', (service) => {
    expectError(() => pack(service), 'ERR_INVALID_SERVICE',
      `"services[0]" must be a service object, got ${service === null ? 'null' : typeof service === 'string' ? '"rtc"' : '7'}`);
  });

  it('checks the type, privileges, strings and ids', () => {
    expectError(() => pack({ type: 70000 }), 'ERR_INVALID_SERVICE', '"services[0].type" must be an integer from 0 to 65535, got 70000');
    expectError(() => pack({ type: 4, privileges: { 1: -5 } }), 'ERR_INVALID_EXPIRE', '"services[0].privileges[1]" must be an integer from 0 to 4294967295, got -5');
    expectError(() => pack({ type: 1, channelName: 5, uid: 1 }), 'ERR_INVALID_ARGUMENT', '"services[0].channelName" must be a string, got 5');
    expectError(() => pack({ type: 1, channelName: 'c', uid: -1 }), 'ERR_INVALID_UID', '"services[0].uid" must be a string or an integer from 0 to 4294967295, got -1');
    expectError(() => pack({ type: 3, channelName: 'c', account: null }), 'ERR_INVALID_UID', '"services[0].account" must be a string or an integer from 0 to 4294967295, got null');
    expectError(() => pack({ type: 1, channelName: 'é'.repeat(40000), uid: 1 }), 'ERR_STRING_TOO_LONG', '"services[0].channelName" is 80000 bytes; at most 65535 fit in a token');
    expectError(() => pack({ type: 5, userId: 'u'.repeat(65536) }), 'ERR_STRING_TOO_LONG', '"services[0].userId" is 65536 bytes; at most 65535 fit in a token');
  });

  it('packs every field of an RTC service', () => {
    expect([...pack({ type: 1, channelName: 'c', uid: 0, privileges: { 1: 2 } })]).toEqual([1, 0, 1, 0, 1, 0, 2, 0, 0, 0, 1, 0, 0x63, 0, 0]);
  });

  it.each([
    [-32768, [0x00, 0x80]],
    [32767, [0xff, 0x7f]],
    [-1, [0xff, 0xff]],
  ])('packs the aPaaS role %i as an i16', (role, bytes) => {
    const view = pack({ type: 7, roomUuid: 'r', userUuid: 'u', role });
    expect([...view.subarray(view.length - 2)]).toEqual(bytes);
  });

  it.each([32768, -32769, 1.5, '1', undefined])('refuses the aPaaS role %j', (role) => {
    const shown = role === '1' ? '"1"' : String(role);
    expectError(() => pack({ type: 7, roomUuid: 'r', userUuid: 'u', role }), 'ERR_INVALID_ROLE',
      `"services[0].role" must be an integer from -32768 to 32767, got ${shown}`);
  });

  it('packs RTM2 permissions sorted by resource type and permission type', () => {
    const permissions = [
      { resourceType: 2, permissionType: 1, resources: ['b'] },
      { resourceType: 1, permissionType: 3, resources: ['x', 'y'] },
      { resourceType: 1, permissionType: 2, resources: [] },
    ];
    const view = pack({ type: 8, userId: 'u', permissions });
    // type, no privileges, userId "u", 2 resource types: 1 → {2: [], 3: [x, y]}, 2 → {1: [b]}
    expect([...view]).toEqual([8, 0, 0, 0, 1, 0, 0x75, 2, 0, 1, 0, 2, 0, 2, 0, 0, 0, 3, 0, 2, 0, 1, 0, 0x78, 1, 0, 0x79, 2, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0x62]);
  });

  it.each([undefined, null])('packs RTM2 with permissions %j as none', (permissions) => {
    expect([...pack({ type: 8, userId: 'u', permissions })]).toEqual([8, 0, 0, 0, 1, 0, 0x75, 0, 0]);
  });

  it('checks RTM2 permissions entry by entry', () => {
    const bad = (permissions: unknown) => () => pack({ type: 8, userId: 'u', permissions });
    expectError(bad('all'), 'ERR_INVALID_ARGUMENT', '"services[0].permissions" must be a list of { resourceType, permissionType, resources }');
    expectError(bad([null]), 'ERR_INVALID_ARGUMENT', '"services[0].permissions[0]" must be { resourceType, permissionType, resources }');
    expectError(bad([{ resourceType: 1, permissionType: 1, resources: [] }, 5]), 'ERR_INVALID_ARGUMENT', '"services[0].permissions[1]" must be { resourceType, permissionType, resources }');
    expectError(bad([{ resourceType: -1, permissionType: 1, resources: [] }]), 'ERR_INVALID_ARGUMENT', '"services[0].permissions[0].resourceType" must be an integer from 0 to 65535, got -1');
    expectError(bad([{ resourceType: 1, permissionType: 65536, resources: [] }]), 'ERR_INVALID_ARGUMENT', '"services[0].permissions[0].permissionType" must be an integer from 0 to 65535, got 65536');
    expectError(bad([{ resourceType: 1, permissionType: 1, resources: 'a' }]), 'ERR_INVALID_ARGUMENT', '"services[0].permissions[0].resources" must be a list of strings, got "a"');
    expectError(bad([{ resourceType: 1, permissionType: 1, resources: ['a', 2] }]), 'ERR_INVALID_ARGUMENT', '"services[0].permissions[0].resources[1]" must be a string, got 2');
    expectError(bad([{ resourceType: 1, permissionType: 1, resources: ['x'.repeat(65536)] }]), 'ERR_STRING_TOO_LONG', '"services[0].permissions" is 65536 bytes; at most 65535 fit in a token');
  });

  it('counts RTM2 names and resource types against the u16 limit', () => {
    const names = new Array<string>(65536).fill('');
    expectError(() => pack({ type: 8, userId: 'u', permissions: [{ resourceType: 1, permissionType: 1, resources: names }] }), 'ERR_TOO_MANY_ITEMS',
      '"services[0].permissions[0].resources" has more than 65535 names');
    expect(pack({ type: 8, userId: 'u', permissions: [{ resourceType: 1, permissionType: 1, resources: names.slice(1) }] }).length).toBe(17 + 2 * 65535);
    const types = Array.from({ length: 65536 }, (_, i) => ({ resourceType: i, permissionType: 0, resources: [] }));
    expectError(() => pack({ type: 8, userId: 'u', permissions: types }), 'ERR_TOO_MANY_ITEMS', '"services[0].permissions" has too many resource types');
    expect(pack({ type: 8, userId: 'u', permissions: types.slice(1) }).length).toBe(9 + 8 * 65535);
  });

  it('keeps the later list when RTM2 repeats a resource and permission type, and merges resource types', () => {
    const view = pack({
      type: 8,
      userId: 'u',
      permissions: [
        { resourceType: 1, permissionType: 1, resources: ['old'] },
        { resourceType: 1, permissionType: 2, resources: ['two'] },
        { resourceType: 1, permissionType: 1, resources: ['new'] },
      ],
    });
    const decoded = readService(new ByteReader(view.subarray(2)), 8);
    expect(decoded).toMatchObject({
      permissions: [
        { resourceType: 1, permissionType: 1, resources: ['new'] },
        { resourceType: 1, permissionType: 2, resources: ['two'] },
      ],
    });
  });
});

describe('readService', () => {
  it('merges a resource type repeated on the wire', () => {
    const w = new ByteWriter().privileges(new Map()).string('u', 'userId').u16(2);
    w.u16(1).u16(1).u16(3).u16(1).string('a', 'n');
    w.u16(1).u16(1).u16(4).u16(1).string('b', 'n');
    expect(readService(new ByteReader(w.view().slice()), 8)).toEqual({
      type: 8,
      privileges: {},
      userId: 'u',
      permissions: [
        { resourceType: 1, permissionType: 3, resources: ['a'] },
        { resourceType: 1, permissionType: 4, resources: ['b'] },
      ],
    });
  });
});

describe('encode007', () => {
  it('refuses a spec that is not an object', () => {
    for (const bad of [null, 5, 'spec']) {
      expectError(() => encode007(bad as never), 'ERR_INVALID_ARGUMENT', 'the token spec must be an object');
      expectError(() => buildToken(bad as never), bad === null ? 'ERR_INVALID_ARGUMENT' : 'ERR_INVALID_ARGUMENT', 'the token spec must be an object');
    }
  });

  it('names each header field', () => {
    const rtc = { type: 1, channelName: 'c', uid: 1 };
    expectError(() => encode007({ ...spec(rtc), expire: -1 }), 'ERR_INVALID_EXPIRE', '"expire" must be an integer from 0 to 4294967295, got -1');
    expectError(() => encode007({ ...spec(rtc), issueTs: 2 ** 32 }), 'ERR_INVALID_TIMESTAMP', '"issueTs" must be an integer from 0 to 4294967295, got 4294967296');
    expectError(() => encode007({ ...spec(rtc), salt: 1.5 }), 'ERR_INVALID_SALT', '"salt" must be an integer from 0 to 4294967295, got 1.5');
    expectError(() => encode007(spec()), 'ERR_NO_SERVICE', 'a token needs at least one service in "services"');
  });

  it('refuses more than 65535 services', () => {
    const many = new Array(65536).fill({ type: 4 });
    expectError(() => encode007(spec(...many)), 'ERR_TOO_MANY_ITEMS', '"services" has more than 65535 entries');
  });

  it('65535 services are counted, then refused for the payload size', () => {
    const many = new Array(65535).fill({ type: 4 });
    expect(caught(() => encode007(spec(...many))).code).toBe('ERR_TOKEN_TOO_LONG');
  });

  it('builds a payload of exactly 65535 bytes and refuses one more', () => {
    // 82 header bytes, then RTC: type, privilege count, channel (2 + n) and uid "1" (3).
    const rtc = (n: number) => ({ type: 1, channelName: 'c'.repeat(n), uid: 1 });
    expect(decodeToken(encode007(spec(rtc(65535 - 91))))).toMatchObject({ services: [{ channelName: 'c'.repeat(65444) }] });
    expectError(() => encode007(spec(rtc(65535 - 90))), 'ERR_TOKEN_TOO_LONG', 'the token payload would be 65536 bytes; at most 65535 can be parsed by every Agora implementation');
  });

  it('names the service by its index, alone or among others', () => {
    expectError(() => encode007(spec({ type: 1, channelName: 3, uid: 1 })), 'ERR_INVALID_ARGUMENT', '"services[0].channelName" must be a string, got 3');
    expectError(() => encode007(spec({ type: 5, userId: 'u' }, { type: 1, channelName: 3, uid: 1 })), 'ERR_INVALID_ARGUMENT', '"services[1].channelName" must be a string, got 3');
    expectError(() => encode007(spec({ type: 5, userId: 'u' }, null)), 'ERR_INVALID_SERVICE', '"services[1]" must be a service object, got null');
    expectError(() => encode007(spec(null, { type: 5, userId: 'u' })), 'ERR_INVALID_SERVICE', '"services[0]" must be a service object, got null');
  });

  it('refuses a payload past 65535 bytes, stating its size', () => {
    const big = { type: 1, channelName: 'c'.repeat(65000), uid: 1 };
    expectError(() => encode007(spec(big, { type: 5, userId: 'u'.repeat(1000) })), 'ERR_TOKEN_TOO_LONG',
      `the token payload would be ${/* signature slot, appId, header */ 34 + 34 + 14 + /* RTC */ 2 + 2 + 65002 + 3 + /* Chat */ 2 + 2 + 1002} bytes; at most 65535 can be parsed by every Agora implementation`);
  });

  it('builds with version "007" or none, the same token', () => {
    const s = spec({ type: 5, userId: 'u' });
    expect(buildToken({ ...s, version: '007' })).toBe(encode007(s));
    expect(buildToken(s)).toBe(encode007(s));
    expect(decodeToken(buildToken(s))).toMatchObject({ version: '007', appId, salt: 1 });
  });
});

describe('encode006', () => {
  const s006 = { version: '006' as const, appId, appCertificate, channelName: 'c', uid: 1, ts: 1_700_086_400, salt: 1, privileges: { 1: 0 } };

  it('refuses a spec that is not an object', () => {
    expectError(() => encode006(null as never), 'ERR_INVALID_ARGUMENT', 'the token spec must be an object');
    expectError(() => encode006(3 as never), 'ERR_INVALID_ARGUMENT', 'the token spec must be an object');
  });

  it('names each field', () => {
    expectError(() => encode006({ ...s006, channelName: 1 as never }), 'ERR_INVALID_ARGUMENT', '"channelName" must be a string, got 1');
    expectError(() => encode006({ ...s006, uid: -2 }), 'ERR_INVALID_UID', '"uid" must be a string or an integer from 0 to 4294967295, got -2');
    expectError(() => encode006({ ...s006, ts: -1 }), 'ERR_INVALID_TIMESTAMP', '"ts" must be an integer from 0 to 4294967295, got -1');
    expectError(() => encode006({ ...s006, salt: -1 }), 'ERR_INVALID_SALT', '"salt" must be an integer from 0 to 4294967295, got -1');
    expectError(() => encode006({ ...s006, privileges: undefined as never }), 'ERR_INVALID_PRIVILEGE', '"privileges" is required (it may be empty)');
    expectError(() => encode006({ ...s006, privileges: { 1: -1 } }), 'ERR_INVALID_EXPIRE', '"privileges[1]" must be an integer from 0 to 4294967295, got -1');
  });

  it('takes a channel name of 65535 bytes and refuses 65536', () => {
    const token = encode006({ ...s006, channelName: 'c'.repeat(65535) });
    expect(verifyToken(token, appCertificate, { channelName: 'c'.repeat(65535), uid: 1 })).toBe(true);
    expectError(() => encode006({ ...s006, channelName: 'c'.repeat(65536) }), 'ERR_STRING_TOO_LONG', '"channelName" is 65536 bytes; at most 65535 fit in a token');
    expectError(() => encode006({ ...s006, uid: 'u'.repeat(65536) }), 'ERR_STRING_TOO_LONG', '"uid" is 65536 bytes; at most 65535 fit in a token');
  });

  it('refuses privileges whose message passes 65535 bytes', () => {
    const privileges = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [i, 1]));
    expect(encode006({ ...s006, privileges: privileges(10920) }).length).toBeGreaterThan(65535);
    expectError(() => encode006({ ...s006, privileges: privileges(10921) }), 'ERR_TOO_MANY_ITEMS', '"privileges" has 10921 entries; they do not fit in a token');
  });

  it('builds through buildToken and verifies with its channel and uid only', () => {
    const token = buildToken(s006);
    expect(token).toBe(encode006(s006));
    expect(verifyToken(token, appCertificate, { channelName: 'c', uid: 1 })).toBe(true);
    expect(verifyToken(token, appCertificate, { channelName: 'c', uid: '1' })).toBe(true);
    expect(verifyToken(token, appCertificate, { channelName: 'd', uid: 1 })).toBe(false);
  });
});

describe('api: tokenVersion, decodeToken, verifyToken', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [7, 'number'],
    [{}, 'object'],
  ])('a non-string token %j is a TypeError naming the argument', (token, kind) => {
    expect(() => tokenVersion(token)).toThrow(TypeError);
    expect(() => tokenVersion(token)).toThrow(`"token" must be a string, got ${kind}`);
  });

  it('refuses tokens longer than 90000 characters before any work', () => {
    expectError(() => decodeToken('007' + 'A'.repeat(89_998)), 'ERR_TOKEN_TOO_LONG', 'token is 90001 characters; real tokens are far shorter than 90000');
  });

  it('needs the 3-character version prefix', () => {
    expectError(() => decodeToken('00'), 'ERR_MALFORMED_TOKEN', 'token is shorter than its 3-character version prefix');
    expect(tokenVersion('007')).toBe('007');
    expect(tokenVersion('006')).toBe('006');
    expectError(() => decodeToken('008abc'), 'ERR_UNSUPPORTED_VERSION', 'unsupported token version "008"; expected "007" or "006"');
    expectError(() => buildToken({ ...base, version: '008' } as never), 'ERR_UNSUPPORTED_VERSION', 'cannot build token version 008; use "007" or "006"');
  });

  it('a "006" token shorter than its app ID is refused as such', () => {
    const message = 'a "006" token starts with its version and a 32-character app ID; this one is shorter';
    expectError(() => decodeToken('006' + appId.slice(1)), 'ERR_MALFORMED_TOKEN', message);
    expect(caught(() => decodeToken('006' + appId)).message).not.toBe(message);
  });

  it('verifying a "006" token needs its channel and uid', () => {
    const token = encode006({ version: '006', appId, appCertificate, channelName: 'c', uid: 1, ts: 1, salt: 1, privileges: {} });
    const message = 'a "006" token signs the channel name and uid without storing them: pass { channelName, uid } to verifyToken';
    expectError(() => verifyToken(token, appCertificate), 'ERR_VERIFY_CONTEXT_REQUIRED', message);
    expectError(() => verifyToken(token, appCertificate, { channelName: 'c' } as never), 'ERR_VERIFY_CONTEXT_REQUIRED', message);
    expectError(() => verifyToken(token, appCertificate, { uid: 1 } as never), 'ERR_VERIFY_CONTEXT_REQUIRED', message);
    expectError(() => verifyToken(token, appCertificate, { channelName: 5, uid: 1 } as never), 'ERR_INVALID_ARGUMENT', '"channelName" must be a string');
    expectError(() => verifyToken(token, appCertificate, { channelName: 'c', uid: -1 }), 'ERR_INVALID_UID', '"uid" must be a string or an integer from 0 to 4294967295, got -1');
  });
});
