/*
 * SHA-256 (FIPS 180-4) for the HMAC signing path. A general-purpose hash object allocates its
 * state, buffers and pads on every HMAC; a token costs three HMACs of a few hundred bytes, so that
 * overhead was most of the build time. Here all state lives in module scratch (calls are synchronous
 * and never interleave). Tested against node:crypto on messages of every block-boundary length.
 */

// The round constants and initial state are the first 32 bits of the fractional parts of the cube
// roots of the first 64 primes and the square roots of the first 8 (FIPS 180-4 §4.2.2, §5.3.3).
// Computed rather than listed to keep bundles small: every value lies at least 0.005 units of
// 2^-32 from a rounding boundary, over a thousand times the error of a libm cbrt or sqrt.
const fraction32 = (x: number): number => ((x - Math.floor(x)) * 0x100000000) | 0;

const PRIMES = /* @__PURE__ */ (() => {
  const primes: number[] = [];
  for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes;
})();

const K = /* @__PURE__ */ Int32Array.from(PRIMES, (p) => fraction32(Math.cbrt(p)));

export const IV = /* @__PURE__ */ Int32Array.from(PRIMES.slice(0, 8), (p) => fraction32(Math.sqrt(p)));

const W = /* @__PURE__ */ new Int32Array(64);

/** Mixes the 64-byte block at `m[p]` into `s`; the message schedule is expanded inside the rounds. */
export function compress(s: Int32Array, m: Uint8Array, p: number): void {
  let a = s[0]!, b = s[1]!, c = s[2]!, d = s[3]!, e = s[4]!, f = s[5]!, g = s[6]!, h = s[7]!;
  for (let i = 0; i < 64; i++) {
    let w: number;
    if (i < 16) {
      w = (m[p]! << 24) | (m[p + 1]! << 16) | (m[p + 2]! << 8) | m[p + 3]!;
      p += 4;
    } else {
      const x = W[i - 15]!;
      const y = W[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
    }
    W[i] = w;
    // Ch and Maj in their two-operation forms: g ^ (e & (f ^ g)) and (a & b) | (c & (a | b)).
    const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + K[i]! + w) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  s[0] = (s[0]! + a) | 0;
  s[1] = (s[1]! + b) | 0;
  s[2] = (s[2]! + c) | 0;
  s[3] = (s[3]! + d) | 0;
  s[4] = (s[4]! + e) | 0;
  s[5] = (s[5]! + f) | 0;
  s[6] = (s[6]! + g) | 0;
  s[7] = (s[7]! + h) | 0;
}

const tail = /* @__PURE__ */ new Uint8Array(128);

/**
 * Hashes `data` into `s`, which already holds the state after `prefixBytes` bytes (0 or one HMAC
 * pad block), and writes the big-endian digest to `out[o]`.
 */
export function finish(s: Int32Array, prefixBytes: number, data: Uint8Array, out: Uint8Array, o: number): void {
  const n = data.length;
  const whole = n - (n & 63);
  for (let p = 0; p < whole; p += 64) compress(s, data, p);
  const rest = n - whole;
  // Copied byte by byte: a subarray view would be an allocation on every hash.
  for (let i = 0; i < rest; i++) tail[i] = data[whole + i]!;
  tail[rest] = 0x80;
  const end = rest < 56 ? 64 : 128;
  tail.fill(0, rest + 1, end - 8);
  // Message length in bits as a 64-bit big-endian integer; exact for any length below 2^53 bits.
  const total = n + prefixBytes;
  const hi = Math.floor(total / 0x20000000);
  const lo = (total << 3) >>> 0;
  tail[end - 8] = hi >>> 24;
  tail[end - 7] = hi >>> 16;
  tail[end - 6] = hi >>> 8;
  tail[end - 5] = hi;
  tail[end - 4] = lo >>> 24;
  tail[end - 3] = lo >>> 16;
  tail[end - 2] = lo >>> 8;
  tail[end - 1] = lo;
  compress(s, tail, 0);
  if (end === 128) compress(s, tail, 64);
  for (let i = 0; i < 8; i++, o += 4) {
    const v = s[i]!;
    out[o] = v >>> 24;
    out[o + 1] = v >>> 16;
    out[o + 2] = v >>> 8;
    out[o + 3] = v;
  }
}

const state = /* @__PURE__ */ new Int32Array(8);

/** SHA-256 of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  state.set(IV);
  finish(state, 0, data, out, 0);
  return out;
}
