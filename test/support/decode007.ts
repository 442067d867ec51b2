import { type DecodedToken007, decodeToken } from '../../src/index.js';

/** decodeToken narrowed to AccessToken2, for tests that only build 007 tokens. */
export function decode007(token: string): DecodedToken007 {
  const decoded = decodeToken(token);
  if (decoded.version !== '007') throw new Error(`expected a 007 token, got version ${decoded.version}`);
  return decoded;
}
