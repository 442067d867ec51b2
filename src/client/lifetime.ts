import { decodeToken } from '../api.js';
import { TokenError } from '../errors.js';
import { TOKEN_LIFETIME_006 } from '../token006/encode.js';

/** When a token was issued and how long it lasts, both on the clock of the server that built it. */
export interface TokenLifetime {
  /** Unix time (s) of issue, on the server's clock. */
  issuedAt: number;
  /** Seconds from issue to the earliest expiry that matters; Infinity when nothing expires. */
  seconds: number;
}

/**
 * Reads the earliest expiry of a token: its own and each privilege's. A 0 means "no limit" in both
 * versions, as the CLI's doctor reads it (src/cli/doctor-findings.ts). A 006 token stores no issue
 * time, but every reference sets its expiry one day after issue (src/token006/encode.ts).
 */
export function tokenLifetime(token: unknown): TokenLifetime {
  if (typeof token !== 'string') {
    throw new TokenError('ERR_MALFORMED_TOKEN', `fetchToken must resolve with a token string, got ${token === null ? 'null' : typeof token}`);
  }
  const decoded = decodeToken(token);
  let issuedAt: number;
  let ends: number[];
  if (decoded.version === '007') {
    issuedAt = decoded.issueTs;
    ends = [decoded.expire, ...decoded.services.flatMap((s) => Object.values(s.privileges))].filter((v) => v !== 0);
  } else {
    issuedAt = decoded.ts - TOKEN_LIFETIME_006;
    ends = [decoded.ts, ...Object.values(decoded.privileges)].filter((v) => v !== 0).map((at) => at - issuedAt);
  }
  const seconds = Math.min(...ends);
  if (seconds <= 0) throw new TokenError('ERR_TOKEN_EXPIRED', `the fetched token expired ${-seconds} s before it was issued`);
  return { issuedAt, seconds };
}
