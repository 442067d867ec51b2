// `instanceof TokenError` must hold for errors from every copy of the class the package ships: each
// CommonJS entry bundles its own, and one app may load the ESM and the CJS build side by side.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import type * as Library from '../../src/index.js';
import type * as Library006 from '../../src/006.js';

const require = createRequire(import.meta.url);
const esm = (await import('../../dist/index.js')) as typeof Library;
const cjs006 = require('../../dist/006.cjs') as typeof Library006;
const cjs = require('../../dist/index.cjs') as typeof Library;

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('it did not throw');
}

it('recognises a TokenError thrown by another entry or module system', () => {
  const from006 = thrownBy(() => cjs006.RtcTokenBuilder.buildTokenWithUid('bad', '5CFd2fd1755d40ecb72977518be15d3b', 'room', 1, 1, 1));
  const fromCjs = thrownBy(() => cjs.decodeToken('007!'));
  for (const e of [from006, fromCjs]) {
    expect(e).toBeInstanceOf(esm.TokenError);
    expect(e).toBeInstanceOf(cjs.TokenError);
    expect(Object.getPrototypeOf(e)).not.toBe(esm.TokenError.prototype);
  }
  expect((from006 as Library.TokenError).code).toBe('ERR_INVALID_APP_ID');
});

it('does not take look-alikes for TokenErrors', () => {
  const lookAlike = Object.assign(new Error('x'), { name: 'TokenError', code: 'ERR_INVALID_APP_ID' });
  for (const value of [lookAlike, null, undefined, 'TokenError', { code: 'ERR_MALFORMED_TOKEN' }]) {
    expect(value instanceof esm.TokenError).toBe(false);
  }
});
