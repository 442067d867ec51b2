import { TokenError } from '../errors.js';
import { utf8Decode } from './bytes.js';

/** Bounds-checked little-endian reader: every length prefix is checked before it is trusted. */
export class ByteReader {
  pos = 0;

  constructor(readonly buf: Uint8Array) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number, what: string): void {
    if (this.buf.length - this.pos < n) {
      throw new TokenError('ERR_MALFORMED_TOKEN', `token payload is truncated: ${what} at byte ${this.pos} needs ${n} bytes, ${this.remaining} left`);
    }
  }

  u16(what: string): number {
    this.need(2, what);
    const b = this.buf;
    const v = b[this.pos]! | (b[this.pos + 1]! << 8);
    this.pos += 2;
    return v;
  }

  /** A u16 length or count prefix; the field name for the error is only built when it is missing. */
  private prefix(what: string, suffix: string): number {
    if (this.remaining < 2) this.need(2, `${what} ${suffix}`);
    return this.u16(what);
  }

  i16(what: string): number {
    return (this.u16(what) << 16) >> 16;
  }

  u32(what: string): number {
    this.need(4, what);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  bytes(what: string): Uint8Array {
    const n = this.prefix(what, 'length');
    this.need(n, what);
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(what: string): string {
    const n = this.prefix(what, 'length');
    this.need(n, what);
    // Decoded straight from the payload: a copy first would only be garbage.
    const text = utf8Decode(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return text;
  }

  /**
   * A privilege map keyed by the numeric id. Keys are integers by construction, so a crafted token
   * cannot write `__proto__`; the object has no prototype as well, so a caller looking up a name
   * such as "constructor" gets undefined rather than an inherited function. A repeated key keeps the
   * last value, as Go does (docs/format.md §1.3).
   */
  privileges(what: string): Record<number, number> {
    const count = this.prefix(what, 'count');
    this.need(count * 6, what);
    const out: Record<number, number> = Object.create(null);
    for (let i = 0; i < count; i++) {
      const key = this.u16(what);
      out[key] = this.u32(what);
    }
    return out;
  }
}
