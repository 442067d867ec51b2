import { describe, expect, it } from 'vitest';
import { toHex, utf8Decode, utf8Encode, utf8Length } from '../../src/lib/bytes.js';
import { ByteReader } from '../../src/lib/reader.js';
import { ByteWriter } from '../../src/lib/writer.js';
import { caught } from '../support/caught.js';

const enc = new TextEncoder();

describe('utf8Length', () => {
  it.each([
    '',
    'a',
    '\x7f',
    '\x80',
    '\u07ff',
    '\u0800',
    '\ud7ff',
    '\ue000',
    '\uffff',
    '\ud800\udc00',
    '\udbff\udfff',
    '😀x',
    'a😀',
    '\ud800',
    'a\udbff',
    '\ud800a',
    '\ud800\ue000',
    '\ud800\udbff',
    '\udc00',
    '\udfff\udc00',
    '\ud7ff\udc00',
    '\udc00\udc00',
    'ascii, ünïcødé, 中文, 😀😀',
  ])('%j has as many bytes as TextEncoder writes', (text) => {
    expect(utf8Length(text)).toBe(enc.encode(text).length);
  });
});

describe('utf8Encode / utf8Decode', () => {
  it.each(['', 'room', 'x'.repeat(64), 'y'.repeat(65), '\x7f', '\x80', 'é', 'a'.repeat(70) + 'é'])('encodes %j as TextEncoder does', (text) => {
    expect(utf8Encode(text)).toEqual(enc.encode(text));
  });

  it('keeps a leading BOM and turns invalid bytes into U+FFFD', () => {
    expect(utf8Decode(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
    expect(utf8Decode(Uint8Array.of(0x41, 0xff, 0x42))).toBe('A\ufffdB');
  });
});

describe('toHex', () => {
  it('writes lower-case hex of short and long inputs', () => {
    expect(toHex(new Uint8Array(0))).toBe('');
    expect(toHex(Uint8Array.of(0x00, 0x0f, 0xa0, 0xff))).toBe('000fa0ff');
    const long = Uint8Array.from({ length: 100 }, (_, i) => (i * 37) & 255);
    expect(toHex(long)).toBe(Array.from(long, (b) => b.toString(16).padStart(2, '0')).join(''));
    expect(toHex(Uint8Array.of(1, 2))).toBe('0102');
  });
});

describe('ByteWriter', () => {
  it('packs little-endian integers and grows past its capacity', () => {
    const w = new ByteWriter(2);
    w.u16(0x1234).u32(0xdeadbeef).u16(0xffff);
    expect([...w.view()]).toEqual([0x34, 0x12, 0xef, 0xbe, 0xad, 0xde, 0xff, 0xff]);
    expect([...w.reset().u16(1).view()]).toEqual([1, 0]);
  });

  it.each([
    ['', [0, 0]],
    ['ab', [2, 0, 0x61, 0x62]],
    ['\x7f', [1, 0, 0x7f]],
    ['\x80', [2, 0, 0xc2, 0x80]],
    ['é', [2, 0, 0xc3, 0xa9]],
    ['a\u0800', [4, 0, 0x61, 0xe0, 0xa0, 0x80]],
  ] as const)('frames the string %j as UTF-8 bytes', (text, bytes) => {
    expect([...new ByteWriter(1).string(text, 'f').view()]).toEqual(bytes);
  });

  it('frames long strings of either kind', () => {
    const ascii = 'q'.repeat(300);
    const view = new ByteWriter(4).string(ascii, 'f').view();
    expect(view.length).toBe(302);
    expect([view[0], view[1], view[2], view[301]]).toEqual([44, 1, 0x71, 0x71]);
    const mixed = 'é'.repeat(100);
    expect(new ByteWriter(4).string(mixed, 'f').view().subarray(2)).toEqual(enc.encode(mixed));
  });

  it('accepts 65535 bytes and refuses 65536 with the field and size', () => {
    expect(new ByteWriter().bytes(new Uint8Array(0xffff), 'f').view().length).toBe(0xffff + 2);
    const e = caught(() => new ByteWriter().bytes(new Uint8Array(0x10000), 'services[0].channelName'));
    expect(e.code).toBe('ERR_STRING_TOO_LONG');
    expect(e.message).toBe('"services[0].channelName" is 65536 bytes; at most 65535 fit in a token');
    expect(caught(() => new ByteWriter().string('é'.repeat(40000), 'f')).code).toBe('ERR_STRING_TOO_LONG');
  });

  it('writes privileges with ascending keys whatever the insertion order', () => {
    const expected = [3, 0, 0, 0, 5, 0, 0, 0, 1, 0, 9, 0, 0, 0, 7, 0, 2, 0, 0, 0];
    expect([...new ByteWriter().privileges(new Map([[7, 2], [0, 5], [1, 9]])).view()]).toEqual(expected);
    expect([...new ByteWriter().privileges(new Map([[0, 5], [1, 9], [7, 2]])).view()]).toEqual(expected);
    expect([...new ByteWriter().privileges(new Map()).view()]).toEqual([0, 0]);
  });
});

describe('ByteReader', () => {
  it('reads what the writer packs', () => {
    const w = new ByteWriter().u16(0xfffe).u32(0xfedcba98).string('héllo', 's').bytes(Uint8Array.of(9, 8), 'b');
    w.privileges(new Map([[2, 20], [1, 10]]));
    const r = new ByteReader(w.view().slice());
    expect(r.i16('i')).toBe(-2);
    expect(r.u32('u')).toBe(0xfedcba98);
    expect(r.string('s')).toBe('héllo');
    expect(r.bytes('b')).toEqual(Uint8Array.of(9, 8));
    const p = r.privileges('p');
    expect(Object.getPrototypeOf(p)).toBeNull();
    expect({ ...p }).toEqual({ 1: 10, 2: 20 });
    expect(r.remaining).toBe(0);
  });

  it.each([
    [[1], 'u16', (r: ByteReader) => r.u16('role'), 'token payload is truncated: role at byte 0 needs 2 bytes, 1 left'],
    [[1, 2, 3], 'u32', (r: ByteReader) => r.u32('salt'), 'token payload is truncated: salt at byte 0 needs 4 bytes, 3 left'],
    [[1], 'length', (r: ByteReader) => r.string('uid'), 'token payload is truncated: uid length at byte 0 needs 2 bytes, 1 left'],
    [[3, 0, 0x61], 'string', (r: ByteReader) => r.string('uid'), 'token payload is truncated: uid at byte 2 needs 3 bytes, 1 left'],
    [[2, 0, 9], 'bytes', (r: ByteReader) => r.bytes('signature'), 'token payload is truncated: signature at byte 2 needs 2 bytes, 1 left'],
    [[], 'count', (r: ByteReader) => r.privileges('privileges'), 'token payload is truncated: privileges count at byte 0 needs 2 bytes, 0 left'],
    [[1, 0, 1, 0, 0, 0, 0], 'map', (r: ByteReader) => r.privileges('privileges'), 'token payload is truncated: privileges at byte 2 needs 6 bytes, 5 left'],
  ] as const)('%j: a truncated %s is refused', (bytes, _kind, read, message) => {
    const e = caught(() => read(new ByteReader(Uint8Array.from(bytes))));
    expect(e.code).toBe('ERR_MALFORMED_TOKEN');
    expect(e.message).toBe(message);
  });
});
