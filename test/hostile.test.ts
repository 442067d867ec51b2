// Hostile input at the public API: argument types, size limits, zlib bombs, strict base64, prototype
// pollution, and the regression vectors kept from fuzzing.
import { describe, expect, it } from 'vitest';
import { base64Decode } from '../src/lib/base64.js';
import { MAX_PAYLOAD_BYTES, MAX_TOKEN_LENGTH } from '../src/token007/limits.js';
import { buildToken, decodeToken, type DecodedToken006, type DecodedToken007, TokenError, verifyToken } from '../src/index.js';
import crashers from './regressions/decode-crashers.json' with { type: 'json' };
import * as m from './support/token-mutations.js';
import { caught } from './support/caught.js';

const CERT = '3cc7461c96496a9a6af39be6805a28d1';
const APP_ID = '3327194369a09232ae4bc396b00f86ff';
const rtc = (channelName: string, uid: string | number) =>
  buildToken({ appId: APP_ID, appCertificate: CERT, expire: 600, issueTs: 1_700_000_000, salt: 7, services: [{ type: 1, channelName, uid, privileges: { 1: 600 } }] });
const v006 = (channelName: string, uid: string | number) =>
  buildToken({ version: '006', appId: APP_ID, appCertificate: CERT, channelName, uid, salt: 7, ts: 1_700_086_400, privileges: { 1: 1_700_003_600 } });

const decodeCode = (token: string) => caught(() => decodeToken(token)).code;
const verifyCode = (token: string) => caught(() => verifyToken(token, CERT, { channelName: 'room', uid: 42 })).code;

describe('argument types', () => {
  const notStrings: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a number', 7],
    ['a bigint', 7n],
    ['a boolean', true],
    ['an object', {}],
    ['an array', []],
    ['a symbol', Symbol('t')],
    ['a function', () => '007'],
    ['a String object', new String(rtc('room', 1))],
  ];

  it.each(notStrings)('%s as the token is a TypeError naming "token", from decode and verify', (_label, value) => {
    for (const call of [() => decodeToken(value as string), () => verifyToken(value as string, CERT)]) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(/"token"/);
      expect(call).not.toThrow(TokenError);
    }
  });

  it('a certificate that is not a string is a TokenError naming "appCertificate"', () => {
    for (const cert of [undefined, null, 42, {}, [CERT]]) {
      expect(() => verifyToken(rtc('room', 1), cert as string)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_APP_CERTIFICATE' }));
      expect(() => verifyToken(rtc('room', 1), cert as string)).toThrow(/"appCertificate"/);
    }
  });

  it('odd 006 verification contexts are TokenErrors', () => {
    const token = v006('room', 42);
    for (const options of [null, 5, 'room', {}, { channelName: 5, uid: 42 }, { channelName: 'room', uid: -1 }, { channelName: 'room', uid: {} }]) {
      expect(() => verifyToken(token, CERT, options as never)).toThrow(TokenError);
    }
    expect(verifyToken(token, CERT, { channelName: 'room', uid: 42 })).toBe(true);
  });
});

describe('size limits', () => {
  it('refuses a string longer than MAX_TOKEN_LENGTH before decoding it', () => {
    // Garbage at the limit is decoded (and found malformed); one character more is refused unread.
    for (const prefix of ['007', '006', 'xyz']) {
      expect(decodeCode(prefix + 'A'.repeat(MAX_TOKEN_LENGTH - 2))).toBe('ERR_TOKEN_TOO_LONG');
      expect(verifyCode(prefix + 'A'.repeat(MAX_TOKEN_LENGTH - 2))).toBe('ERR_TOKEN_TOO_LONG');
    }
    expect(decodeCode('007' + '!'.repeat(MAX_TOKEN_LENGTH - 3))).toBe('ERR_MALFORMED_TOKEN');
  });

  it('the largest payload, stored without compression, fits under the string limit and decodes', () => {
    const payload = new Uint8Array(MAX_PAYLOAD_BYTES);
    payload.set(m.payload007(rtc('room', 42)));
    const token = m.storedToken007(payload);
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(decodeToken(token)).toMatchObject({ version: '007', services: [{ channelName: 'room', uid: '42' }] });
  });

  it('refuses a payload one byte over the limit with ERR_INFLATE_LIMIT', () => {
    const payload = new Uint8Array(MAX_PAYLOAD_BYTES + 1);
    payload.set(m.payload007(rtc('room', 42)));
    for (const token of [m.storedToken007(payload), m.token007(payload)]) {
      expect(decodeCode(token)).toBe('ERR_INFLATE_LIMIT');
      expect(verifyCode(token)).toBe('ERR_INFLATE_LIMIT');
    }
  });

  it('refuses a zlib bomb (a short token asking for 4 MiB) without allocating it', () => {
    const bomb = m.zlibBomb(4 << 20);
    expect(bomb.length).toBeLessThan(MAX_TOKEN_LENGTH);
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 20; i++) {
      expect(decodeCode(bomb)).toBe('ERR_INFLATE_LIMIT');
      expect(verifyCode(bomb)).toBe('ERR_INFLATE_LIMIT');
    }
    // 20 decodes of a 4 MiB bomb would need 80 MiB; the bounded inflater needs its 64 KiB buffer.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 << 20);
  });
});

describe('strict base64, as Go', () => {
  // A token with both '+' or '/' and '=' padding, so every rule below has something to act on.
  const token = [...Array(64).keys()].map((i) => rtc(`room-${i}`, i)).find((t) => /[+/]/.test(t) && t.endsWith('='))!;

  it('skips CR and LF only', () => {
    expect(decodeToken(m.textEdits.lineBreaks(token, 76))).toEqual(decodeToken(token));
    expect(decodeToken(`${token}\n`)).toEqual(decodeToken(token));
  });

  it('refuses the URL-safe alphabet, missing or extra padding, whitespace and stray characters', () => {
    const bad = [
      m.textEdits.urlSafe(token),
      m.textEdits.stripPadding(token),
      m.textEdits.extraPadding(token),
      `${token}AAAA`,
      `${token.slice(0, 40)} ${token.slice(40)}`,
      `${token.slice(0, 40)}\t${token.slice(40)}`,
      `${token.slice(0, 40)}.${token.slice(40)}`,
      `${token.slice(0, 40)}é${token.slice(40)}`,
      `${token.slice(0, 40)}=${token.slice(40)}`,
    ];
    for (const t of bad) expect(decodeCode(t)).toBe('ERR_MALFORMED_TOKEN');
    const legacy = v006('room', 42);
    expect(decodeCode(m.textEdits.stripPadding(legacy) === legacy ? `${legacy}=` : m.textEdits.stripPadding(legacy))).toBe('ERR_MALFORMED_TOKEN');
  });
});

describe('base64Decode refuses, with a message naming the problem', () => {
  // Non-ASCII stands in for a base64 character inside a whole group, where a table lookup past
  // the ASCII range would read undefined (= 0) and accept it.
  it.each([
    ['a non-ASCII letter', 'Zm9vZm9\u00e9', /unexpected character at offset 7/],
    ['U+0080', 'Zm9\u0080', /unexpected character at offset 3/],
    ['U+0100', 'Zm9vZm9vZm9\u0100', /unexpected character at offset 11/],
    ['an astral character', 'Zm9v\u{1F600}Zm', /unexpected character at offset 4/],
    ['a URL-safe character', 'Zm-v', /unexpected character at offset 2/],
    ['a space', 'Zm9v Zm9v', /unexpected character at offset 4/],
    ['a DEL character', 'Zm9\u007f', /unexpected character at offset 3/],
    ['padding after one character', 'A===', /misplaced "=" at offset 1/],
    ['padding first', '=AAA', /misplaced "=" at offset 0/],
    ['three padding characters', 'AA===', /misplaced "=" at offset 4/],
    ['padding past the group', 'AAA==', /misplaced "=" at offset 4/],
    ['data after padding', 'AA=A', /data after padding at offset 3/],
    ['half the padding', 'AA=', /incomplete padding/],
    ['no padding', 'AAA', /missing padding/],
  ])('%s', (_name, text, message) => {
    expect(() => base64Decode(text)).toThrow(message);
    expect(() => base64Decode(text)).toThrow(expect.objectContaining({ code: 'ERR_MALFORMED_TOKEN', message: expect.stringMatching(/^invalid base64: /) }));
  });

  it('accepts both padded tails and line breaks anywhere, and starts at the given offset', () => {
    expect([...base64Decode('AA==')]).toEqual([0]);
    expect([...base64Decode('AAA=')]).toEqual([0, 0]);
    expect([...base64Decode('/+8=')]).toEqual([255, 239]);
    expect([...base64Decode('Zm\r\n9vYg=\n=\r\n')]).toEqual([102, 111, 111, 98]);
    expect([...base64Decode('007Zm9vYmFy', 3)]).toEqual([102, 111, 111, 98, 97, 114]);
    expect([...base64Decode('0000Zm9v', 4)]).toEqual([102, 111, 111]);
  });
});

describe('a truncated token names the field it ends in', () => {
  const message = (token: string): string => {
    try {
      decodeToken(token);
    } catch (e) {
      if (e instanceof TokenError && e.code === 'ERR_MALFORMED_TOKEN') return e.message;
      throw e;
    }
    throw new Error('expected ERR_MALFORMED_TOKEN, but the truncated token decoded');
  };
  const expected = (f: m.Field, base = 0) => `token payload is truncated: ${f.name} at byte ${f.offset - base} needs ${f.size} bytes, ${f.size - 1} left`;

  it('007: every field of every service layout', () => {
    const token = buildToken({
      appId: APP_ID,
      appCertificate: CERT,
      expire: 600,
      services: [
        { type: 1, channelName: 'room', uid: 42, privileges: { 1: 600, 2: 600 } },
        { type: 2, userId: 'alice', privileges: { 1: 600 } },
        { type: 3, channelName: 'push', account: 'acc' },
        { type: 4, privileges: { 1: 0 } },
        { type: 5, userId: 'chat' },
        { type: 6, channelName: 'cdn', account: 'viewer' },
        { type: 7, roomUuid: 'class', userUuid: 'pupil', role: 2 },
        { type: 8, userId: 'rtm', permissions: [{ resourceType: 1, permissionType: 1, resources: ['s1', 's2'] }] },
      ],
    });
    const payload = m.payload007(token);
    const fields = m.fields007(payload).filter((f) => f.size > 0);
    expect(new Set(fields.map((f) => f.name)).size).toBe(31);
    for (const f of fields) expect(message(m.token007(payload.slice(0, f.offset + f.size - 1)))).toBe(expected(f));
  });

  it('006: the outer fields and those of the signed message', () => {
    const body = m.bodyBytes(v006('room', 42));
    const sigEnd = 2 + (body[0]! | (body[1]! << 8));
    const msgStart = sigEnd + 10;
    const outer: m.Field[] = [
      { name: 'signature length', offset: 0, size: 2 },
      { name: 'signature', offset: 2, size: sigEnd - 2 },
      { name: 'crcChannelName', offset: sigEnd, size: 4 },
      { name: 'crcUid', offset: sigEnd + 4, size: 4 },
      { name: 'message length', offset: sigEnd + 8, size: 2 },
      { name: 'message', offset: msgStart, size: body.length - msgStart },
    ];
    const withBody = (bytes: Uint8Array) => m.withBody(v006('room', 42), bytes);
    for (const f of outer) expect(message(withBody(body.slice(0, f.offset + f.size - 1)))).toBe(expected(f));
    // The message is read on its own: cut it and its length prefix together.
    const inner: m.Field[] = [
      { name: 'salt', offset: msgStart, size: 4 },
      { name: 'ts', offset: msgStart + 4, size: 4 },
      { name: 'privileges count', offset: msgStart + 8, size: 2 },
      { name: 'privileges', offset: msgStart + 10, size: 6 },
    ];
    for (const f of inner) {
      const cut = body.slice(0, f.offset + f.size - 1);
      cut[sigEnd + 8] = cut.length - msgStart;
      expect(message(withBody(cut))).toBe(expected(f, msgStart));
    }
  });
});

describe('prototype pollution', () => {
  const names = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

  it('decoding names such as __proto__ and constructor sets data only, never a prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const name of names) {
      const token = buildToken({
        appId: APP_ID,
        appCertificate: CERT,
        expire: 600,
        services: [
          { type: 1, channelName: name, uid: name, privileges: { 1: 600, 2: 600 } },
          { type: 3, channelName: name, account: name },
          { type: 7, roomUuid: name, userUuid: name, role: 1 },
          { type: 8, userId: name, permissions: [{ resourceType: 0, permissionType: 0, resources: [name, name] }] },
        ],
      });
      const decoded = decodeToken(token) as DecodedToken007;
      expect(decoded.services).toMatchObject([
        { channelName: name, uid: name },
        { channelName: name, account: name },
        { roomUuid: name, userUuid: name },
        { userId: name, permissions: [{ resources: [name, name] }] },
      ]);
      for (const s of decoded.services) {
        expect(Object.getPrototypeOf(s.privileges)).toBeNull();
        for (const key of names) expect((s.privileges as Record<string, unknown>)[key]).toBeUndefined();
        expect(Object.keys(s.privileges).every((k) => /^\d+$/.test(k))).toBe(true);
        expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
      }
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decoded privilege maps have no prototype in both versions, and still compare and serialize as plain data', () => {
    const d7 = decodeToken(rtc('room', 42)) as DecodedToken007;
    const d6 = decodeToken(v006('room', 42)) as DecodedToken006;
    for (const privileges of [d7.services[0]!.privileges, d6.privileges]) {
      expect(Object.getPrototypeOf(privileges)).toBeNull();
      expect('constructor' in privileges).toBe(false);
    }
    expect(d7.services[0]!.privileges).toEqual({ 1: 600 });
    expect(d6.privileges).toEqual({ 1: 1_700_003_600 });
    expect(JSON.parse(JSON.stringify(d6)).privileges).toEqual({ 1: 1_700_003_600 });
  });
});

describe('regression vectors', () => {
  it('the file holds cases', () => {
    expect(crashers.cases.length).toBeGreaterThan(0);
    expect(new Set(crashers.cases.map((c) => c.tcId)).size).toBe(crashers.cases.length);
  });

  it.each(crashers.cases.map((c) => [c.tcId, c.comment, c.token, (c as { error?: string | null }).error] as const))(
    '#%i %s',
    (id, _comment, token, error) => {
      expect(error, `case #${id} has no pinned "error" (test/fuzz/run.mjs appends it without one)`).not.toBeUndefined();
      for (const run of [() => decodeToken(token), () => verifyToken(token, CERT, { channelName: 'room', uid: 42 })]) {
        if (error === null) expect(run).not.toThrow();
        else expect(caught(run).code).toBe(error);
      }
    },
  );
});

it('a token decoded later does not change an earlier result (scratch buffers are reused)', () => {
  const first = decodeToken(rtc('first', 1));
  const snapshot = JSON.stringify(first);
  decodeToken(rtc('second-and-longer', 2));
  expect(caught(() => decodeToken(m.token007(new Uint8Array(70_000)))).code).toBe('ERR_INFLATE_LIMIT');
  expect(JSON.stringify(first)).toBe(snapshot);
});
