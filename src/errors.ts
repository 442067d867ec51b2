/**
 * Every stable error code a {@link TokenError} can carry. Switch on `error.code`, never on the
 * message text, which may be reworded.
 */
export type TokenErrorCode =
  | 'ERR_INVALID_APP_ID'
  | 'ERR_INVALID_APP_CERTIFICATE'
  | 'ERR_INVALID_UID'
  | 'ERR_INVALID_ROLE'
  | 'ERR_INVALID_EXPIRE'
  | 'ERR_INVALID_TIMESTAMP'
  | 'ERR_INVALID_SALT'
  | 'ERR_INVALID_PRIVILEGE'
  | 'ERR_INVALID_SERVICE'
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_NO_SERVICE'
  | 'ERR_STRING_TOO_LONG'
  | 'ERR_TOO_MANY_ITEMS'
  | 'ERR_MALFORMED_TOKEN'
  | 'ERR_TOKEN_TOO_LONG'
  | 'ERR_INFLATE_LIMIT'
  | 'ERR_UNSUPPORTED_VERSION'
  | 'ERR_VERIFY_CONTEXT_REQUIRED'
  | 'ERR_CRYPTO_UNAVAILABLE'
  | 'ERR_TOKEN_FETCH_FAILED'
  | 'ERR_TOKEN_APPLY_FAILED'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_RENEWER_STOPPED'
  | 'ERR_RENEWER_NOT_STARTED';

// Symbol.for: the same symbol in every copy of this module.
const BRAND = Symbol.for('agora-token-kit.TokenError');

/**
 * The one error class this library throws for bad input, malformed tokens and missing platform
 * features. Messages name the offending field but never contain the App Certificate.
 *
 * @example
 * ```ts
 * import { RtcTokenBuilder, TokenError } from 'agora-token-kit';
 * try {
 *   RtcTokenBuilder.buildTokenWithUid('not-an-app-id', cert, 'room', 42, 1, 3600, 3600);
 * } catch (e) {
 *   if (e instanceof TokenError && e.code === 'ERR_INVALID_APP_ID') console.error(e.message);
 * }
 * ```
 */
export class TokenError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: TokenErrorCode;

  /**
   * Makes `instanceof TokenError` true for a TokenError from any copy of this class: each CommonJS
   * entry (`agora-token-kit`, `/006`, `/server`) bundles its own, and one app may load both the ESM
   * and the CJS build.
   *
   * @param value - the value on the left of `instanceof`
   * @returns whether `value` is a TokenError of this library
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  static {
    // The mark that `instanceof` looks for. On the prototype, so that it is no own key of an error,
    // and not declared, so that the types of two copies stay interchangeable.
    Object.defineProperty(this.prototype, BRAND, { value: true });
  }

  /**
   * @param code - the stable reason code
   * @param message - a human-readable explanation naming the field at fault
   * @param options - `cause`, when another error led to this one
   */
  constructor(code: TokenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'TokenError';
  }
}
