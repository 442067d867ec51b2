import { TokenError } from '../errors.js';
import { assertUint } from '../lib/validate.js';
import { nowSeconds } from '../token007/encode.js';
import { TOKEN_LIFETIME_006 } from './encode.js';

/** The relative lifetimes a 007 builder takes, from {@link expiryFrom006}. */
export interface RelativeExpiry {
  /** Seconds the 007 token lives: 86 400, the fixed lifetime of every 006 token. */
  tokenExpire: number;
  /**
   * Seconds the privileges last: the 006 absolute time minus now. Pass it as `privilegeExpire`
   * (RTC) or as `expire` (RTM, where one value covers token and login).
   */
  privilegeExpire: number;
}

/** Options of {@link expiryFrom006}. */
export interface ExpiryFrom006Options {
  /** The moment of the call, Unix seconds; defaults to the clock. */
  now?: number;
}

/**
 * Turns the absolute `privilegeExpiredTs` of a 006 builder call into the relative lifetimes of the
 * matching 007 call, at a given moment. 006 tokens always lived 24 h, so `tokenExpire` is 86 400
 * and the token lives exactly as long as before. A `privilegeExpiredTs` of 0 had no defined
 * meaning in the references; whether it meant "no limit" or "as long as the token", a 006 token
 * gave at most its 24 h, so it becomes 86 400 too.
 *
 * @param privilegeExpiredTs - the 006 argument: Unix time (s) when the privileges end, or 0
 * @param options - `now`, the moment of the call in Unix seconds (defaults to the clock)
 * @returns `tokenExpire` and `privilegeExpire`, seconds from now
 * @throws {@link TokenError} `ERR_INVALID_EXPIRE` when `privilegeExpiredTs` is not a uint32 or is not
 *   after `now` (a past 006 time has no 007 equivalent; 0 in 007 is not "expired"), and
 *   `ERR_INVALID_TIMESTAMP` when `now` is not a uint32
 * @example
 * ```ts
 * import { expiryFrom006, RtcTokenBuilder, RtcRole } from 'agora-token-kit';
 * const now = Math.floor(Date.now() / 1000);
 * const { tokenExpire, privilegeExpire } = expiryFrom006(now + 3600, { now }); // 86400, 3600
 * RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, RtcRole.PUBLISHER, tokenExpire, privilegeExpire);
 * ```
 */
export function expiryFrom006(privilegeExpiredTs: number, options?: ExpiryFrom006Options): RelativeExpiry {
  assertUint(privilegeExpiredTs, 32, 'privilegeExpiredTs', 'ERR_INVALID_EXPIRE');
  const now = options?.now ?? nowSeconds();
  assertUint(now, 32, 'now', 'ERR_INVALID_TIMESTAMP');
  if (privilegeExpiredTs === 0) return { tokenExpire: TOKEN_LIFETIME_006, privilegeExpire: TOKEN_LIFETIME_006 };
  if (privilegeExpiredTs <= now) {
    throw new TokenError(
      'ERR_INVALID_EXPIRE',
      `"privilegeExpiredTs" ${privilegeExpiredTs} is not after now (${now}); the privileges would already have expired`,
    );
  }
  return { tokenExpire: TOKEN_LIFETIME_006, privilegeExpire: privilegeExpiredTs - now };
}
