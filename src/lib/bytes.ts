const encoder = /* @__PURE__ */ new TextEncoder();
// Wire strings are raw bytes; invalid UTF-8 (possible only in crafted tokens) decodes to U+FFFD
// for display while the signature is still checked over the original bytes.
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * UTF-8 bytes of `text`. Most fields are short ASCII, which a plain loop copies several times faster
 * than a TextEncoder call; anything else, or longer, goes to the encoder.
 */
export function utf8Encode(text: string): Uint8Array {
  // Stryker disable next-line all: speed path only; the loop falls back to the encoder, which writes the same bytes
  if (text.length > 64) return encoder.encode(text);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return encoder.encode(text);
    out[i] = c;
  }
  return out;
}

export const utf8Decode = (bytes: Uint8Array): string => decoder.decode(bytes);

/** UTF-8 byte length without allocating: the packer sizes its buffer with it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const HEX = /* @__PURE__ */ Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
let hexScratch = /* @__PURE__ */ new Uint8Array(64);

/** Lower-case hex; written as bytes and decoded once, which is faster than appending characters. */
export function toHex(bytes: Uint8Array): string {
  if (hexScratch.length < bytes.length * 2) hexScratch = new Uint8Array(bytes.length * 2);
  const out = hexScratch;
  for (let i = 0, o = 0; i < bytes.length; i++, o += 2) {
    out[o] = HEX[bytes[i]! >> 4]!;
    out[o + 1] = HEX[bytes[i]! & 15]!;
  }
  return decoder.decode(out.subarray(0, bytes.length * 2));
}

/** Constant-time equality: the loop never exits early, so timing does not reveal the first mismatch. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
