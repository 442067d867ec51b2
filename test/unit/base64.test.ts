import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode } from '../../src/lib/base64.js';
import { TokenError } from '../../src/errors.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('base64', () => {
  it('matches the RFC 4648 §10 test vectors', () => {
    const cases: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of cases) {
      expect(base64Encode(bytes(plain))).toBe(encoded);
      expect(base64Decode(encoded)).toEqual(bytes(plain));
    }
  });

  it('round-trips any bytes and agrees with btoa', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const encoded = base64Encode(data);
        expect(encoded).toBe(btoa(String.fromCharCode(...data)));
        expect(base64Decode(encoded)).toEqual(data);
      }),
    );
  });

  it('skips only CR and LF, like Go', () => {
    expect(base64Decode('Zm9v\r\nYmFy\n')).toEqual(bytes('foobar'));
  });

  it('accepts and rejects what a strict decoder does, wherever a stray character falls', () => {
    // Whole groups of four are decoded four at a time and anything unusual falls back to the
    // checked loop; the mix below puts line breaks, padding, URL-safe and non-ASCII characters (some
    // whose low 7 bits are in the alphabet) at every position of a group.
    const char = fc.constantFrom(...'AZaz09+/Zm9vYmFy', '\r', '\n', '=', '-', '_', ' ', 'é', 'Ł', '\u00c8', '\u0141');
    const strict = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        const stripped = text.replace(/[\r\n]/g, '');
        if (strict.test(stripped)) expect(base64Decode(text)).toEqual(new Uint8Array(Buffer.from(stripped, 'base64')));
        else expect(() => base64Decode(text)).toThrow(TokenError);
      }),
      { numRuns: 3000 },
    );
  });

  it.each(['Zm9vYg', 'Zm9vYg=', 'Zm9v YmFy', 'Zm9-', 'Zm9_', 'Zg==Zg==', '=Zg=', 'Z===', 'Zm9vYmFy!'])('rejects %j', (input) => {
    expect(() => base64Decode(input)).toThrow(TokenError);
  });
});
