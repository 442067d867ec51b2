// Length and distance alphabets of RFC 1951 §3.2.5, shared by the compressor and the inflater. Each
// symbol's extra-bit count grows by one every four (lengths) or two (distances) symbols and its base
// follows the previous symbol's range; generated rather than listed to keep bundles small.
const alphabet = (count: number, first: number, extraBits: (symbol: number) => number): [Uint16Array, Uint8Array] => {
  const base = new Uint16Array(count);
  const extra = new Uint8Array(count);
  for (let s = 0, b = first; s < count; s++) {
    base[s] = b;
    extra[s] = extraBits(s);
    b += 1 << extra[s]!;
  }
  return [base, extra];
};

const LENGTHS = /* @__PURE__ */ (() => {
  const [base, extra] = alphabet(29, 3, (s) => (s < 8 || s === 28 ? 0 : (s - 4) >> 2));
  // Symbol 285 stands for 258 alone, not for the 259 the sequence would give.
  base[28] = 258;
  return { base, extra };
})();

const DISTANCES = /* @__PURE__ */ (() => {
  const [base, extra] = alphabet(30, 1, (s) => (s < 4 ? 0 : (s - 2) >> 1));
  return { base, extra };
})();

export const LENGTH_BASE = /* @__PURE__ */ (() => LENGTHS.base)();
export const LENGTH_EXTRA = /* @__PURE__ */ (() => LENGTHS.extra)();
export const DIST_BASE = /* @__PURE__ */ (() => DISTANCES.base)();
export const DIST_EXTRA = /* @__PURE__ */ (() => DISTANCES.extra)();

/** Code lengths of the fixed literal/length alphabet (RFC 1951 §3.2.6). */
export function fixedLiteralLengths(): Uint8Array {
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  return lengths;
}
