import { expect } from 'vitest';
import { TokenError } from '../../src/errors.js';

/** Runs `fn` and returns the TokenError it throws; fails when it throws nothing or something else. */
export function caught(fn: () => unknown): TokenError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TokenError);
    return error as TokenError;
  }
  throw new Error('expected a TokenError, nothing was thrown');
}
