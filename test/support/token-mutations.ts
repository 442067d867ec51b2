// Ways to damage a token, shared by the property suite (test/fuzz.test.ts), which picks their
// parameters with fast-check, and the long fuzz run (test/fuzz/run.mjs), which picks them with a seeded
// PRNG. Every function is pure and takes its positions explicitly, so a failing case can be replayed.
import { unzlibSync, zlibSync } from 'fflate';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Where the base64 body starts: after "007", or after "006" and the 32-character app ID. */
export const bodyStart = (token: string): number => (token.startsWith('006') ? 35 : 3);

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The body bytes of a well-formed token (the test's own decoder, not the library's). */
export function bodyBytes(token: string): Uint8Array {
  const bin = atob(token.slice(bodyStart(token)));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export const withBody = (token: string, body: Uint8Array): string => token.slice(0, bodyStart(token)) + toBase64(body);

/** The payload a 007 token signs and a parser reads: its body inflated. */
export const payload007 = (token: string): Uint8Array => unzlibSync(bodyBytes(token));

/** A 007 token around any payload, compressed by fflate (a different deflater than the library's). */
export const token007 = (payload: Uint8Array, level: 0 | 1 | 6 | 9 = 6): string => '007' + toBase64(zlibSync(payload, { level }));

/**
 * A 007 token whose zlib stream holds the payload in stored (uncompressed) blocks: the longest
 * encoding a payload can have. Built by hand: fflate's level 0 writes a stream that fails its own
 * Adler-32 check for a payload of exactly 65 535 bytes (zlib refuses it too).
 */
export function storedToken007(payload: Uint8Array): string {
  const blocks = Math.max(1, Math.ceil(payload.length / 0xffff));
  const out = new Uint8Array(2 + blocks * 5 + payload.length + 4);
  out.set([0x78, 0x01]);
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const chunk = payload.subarray(b * 0xffff, (b + 1) * 0xffff);
    out.set([b === blocks - 1 ? 1 : 0, chunk.length & 255, chunk.length >> 8, ~chunk.length & 255, (~chunk.length >> 8) & 255], o);
    out.set(chunk, o + 5);
    o += 5 + chunk.length;
  }
  let a = 1;
  let s = 0;
  for (const byte of payload) {
    a = (a + byte) % 65521;
    s = (s + a) % 65521;
  }
  out.set([s >> 8, s & 255, a >> 8, a & 255], o);
  return '007' + toBase64(out);
}

const at = (length: number, index: number): number => (length === 0 ? 0 : index % length);

export function flipBit(bytes: Uint8Array, index: number, bit: number): Uint8Array {
  const out = bytes.slice();
  if (out.length) out[at(out.length, index)]! ^= 1 << (bit & 7);
  return out;
}

/** Little-endian, as every length prefix and count of the wire format. */
export function setU16(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const out = bytes.slice();
  if (out.length < 2) return out;
  const i = at(out.length - 1, index);
  out[i] = value & 255;
  out[i + 1] = (value >>> 8) & 255;
  return out;
}

export function setU32(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const out = bytes.slice();
  if (out.length < 4) return out;
  const i = at(out.length - 3, index);
  for (let k = 0; k < 4; k++) out[i + k] = (value >>> (8 * k)) & 255;
  return out;
}

export function splice<T extends string | Uint8Array>(head: T, tail: T, cut: number, from: number): T {
  const a = head.slice(0, at(head.length + 1, cut));
  const b = tail.slice(at(tail.length + 1, from));
  if (typeof a === 'string') return (a + (b as string)) as T;
  const out = new Uint8Array(a.length + b.length);
  out.set(a as Uint8Array);
  out.set(b as Uint8Array, a.length);
  return out as T;
}

export function insertBytes(bytes: Uint8Array, index: number, extra: Uint8Array): Uint8Array {
  const i = at(bytes.length + 1, index);
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes.subarray(0, i));
  out.set(extra, i);
  out.set(bytes.subarray(i), i + extra.length);
  return out;
}

export function removeRange<T extends string | Uint8Array>(value: T, index: number, count: number): T {
  const i = at(value.length + 1, index);
  return splice(value.slice(0, i) as T, value.slice(i + count) as T, i, 0);
}

/** Text edits a token meets in transit: a replaced character, line breaks, the URL-safe alphabet, lost padding. */
export const textEdits = {
  replaceChar: (text: string, index: number, char: string): string => {
    const i = at(text.length, index);
    return text.slice(0, i) + char + text.slice(i + 1);
  },
  base64Char: (text: string, index: number, value: number): string => textEdits.replaceChar(text, index, B64[value & 63]!),
  lineBreaks: (text: string, every: number): string => text.replace(new RegExp(`(.{${Math.max(1, every)}})`, 'g'), '$1\r\n'),
  urlSafe: (text: string): string => text.replace(/\+/g, '-').replace(/\//g, '_'),
  stripPadding: (text: string): string => text.replace(/=+$/, ''),
  extraPadding: (text: string): string => `${text}=`,
} as const;

/** A tiny token whose payload inflates to `size` zero bytes. */
export const zlibBomb = (size: number): string => token007(new Uint8Array(size), 9);

/** One primitive of a payload: where it starts, how many bytes it takes, and the name errors give it. */
export interface Field {
  name: string;
  offset: number;
  size: number;
}

/**
 * Every field of a 007 payload, in wire order, found by walking it with the layout of docs/format.md §2
 * (the test's own reading, independent of the library's reader). Names are the ones the library's
 * truncation errors use; a string `x` is a `x length` prefix followed by its bytes `x`.
 */
export function fields007(payload: Uint8Array): Field[] {
  const out: Field[] = [];
  let p = 0;
  const field = (name: string, size: number): number => {
    if (p + size > payload.length) throw new Error('walked past the end of a well-formed payload');
    out.push({ name, offset: p, size });
    const v = size === 2 ? payload[p]! | (payload[p + 1]! << 8) : 0;
    p += size;
    return v;
  };
  const u16 = (name: string): number => field(name, 2);
  const str = (name: string): void => {
    field(name, u16(`${name} length`));
  };
  str('signature');
  str('appId');
  field('issueTs', 4);
  field('expire', 4);
  field('salt', 4);
  const services = u16('service count');
  for (let s = 0; s < services; s++) {
    const type = u16('service type');
    if (type < 1 || type > 10) break;
    field('privileges', 6 * u16('privileges count'));
    if (type === 1) str('channelName'), str('uid');
    else if (type === 3 || type === 6) str('channelName'), str('account');
    else if (type === 2 || type === 5) str('userId');
    else if (type === 7) str('roomUuid'), str('userUuid'), u16('role');
    else if (type === 8) {
      str('userId');
      const resources = u16('permission count');
      for (let r = 0; r < resources; r++) {
        u16('resource type');
        const perms = u16('permission type count');
        for (let k = 0; k < perms; k++) {
          u16('permission type');
          const names = u16('resource count');
          for (let n = 0; n < names; n++) str('resource name');
        }
      }
    }
  }
  return out;
}

/** Byte offsets of every length prefix and count in a 007 payload. */
export const lengthPrefixOffsets = (payload: Uint8Array): number[] =>
  fields007(payload)
    .filter((f) => / (length|count)$/.test(f.name))
    .map((f) => f.offset);

/** Values a length prefix is set to: empty, one, the signed-16 boundary, the maximum. */
export const EXTREME_U16 = [0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff] as const;
export const EXTREME_U32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff] as const;
