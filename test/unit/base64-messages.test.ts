import { describe, expect, it } from 'vitest';
import { base64Decode } from '../../src/lib/base64.js';
import { caught } from '../support/caught.js';

describe('base64Decode names each defect', () => {
  it.each([
    ['=Zg=', 'misplaced "=" at offset 0'],
    ['Z===', 'misplaced "=" at offset 1'],
    ['Zg===', 'misplaced "=" at offset 4'],
    ['Zg==Zg==', 'data after padding at offset 4'],
    ['Zm9-', 'unexpected character at offset 3'],
    ['Zm9vé', 'unexpected character at offset 4'],
    ['Zm9vYm-y', 'unexpected character at offset 6'],
    ['Zm9vYmF\u00c8', 'unexpected character at offset 7'],
    ['Zm9vŁmFy', 'unexpected character at offset 4'],
    ['Zg=', 'incomplete padding'],
    ['Zm9vYg', 'length is not a multiple of 4 (missing padding?)'],
  ])('%j: %s', (input, why) => {
    const e = caught(() => base64Decode(input));
    expect(e.code).toBe('ERR_MALFORMED_TOKEN');
    expect(e.message).toBe(`invalid base64: ${why}`);
  });

  it('decodes from an offset, and an offset that starts at padding is misplaced', () => {
    expect(base64Decode('006Zm9v', 3)).toEqual(new TextEncoder().encode('foo'));
    expect(caught(() => base64Decode('x==', 1)).message).toBe('invalid base64: misplaced "=" at offset 1');
    // Padding before the offset (a 006 app ID of "=" characters) is not the decoder's to strip.
    expect(caught(() => base64Decode('===', 1)).message).toBe('invalid base64: misplaced "=" at offset 1');
  });
});
