import { TokenError } from './errors.js';
import { type DecodedToken007, parse007, verify007 } from './token007/decode.js';
import { encode007, type Token007Spec } from './token007/encode.js';
import { MAX_TOKEN_LENGTH } from './token007/limits.js';

/** What {@link buildToken} takes, chosen by `version` ("007" when omitted). */
export type TokenSpec = Token007Spec;

/** What {@link decodeToken} returns, told apart by `version`. */
export type DecodedToken = DecodedToken007;

/** The token versions this library reads and writes. */
export type TokenVersion = DecodedToken['version'];

/**
 * Builds a token from an explicit list of services: the function form of every builder.
 *
 * @param spec - credentials, header fields and services
 * @returns the token string
 * @throws {@link TokenError} for invalid credentials, fields, expiries or an empty service list
 * @example
 * ```ts
 * import { buildToken, ServiceType } from 'agora-token-kit';
 * const token = buildToken({
 *   appId, appCertificate, expire: 3600,
 *   services: [{ type: ServiceType.Rtc, channelName: 'room', uid: 42, privileges: { 1: 3600 } }],
 * });
 * ```
 */
export function buildToken(spec: TokenSpec): string {
  const version: unknown = (spec as { version?: unknown } | null)?.version;
  if (version === undefined || version === '007') return encode007(spec);
  throw new TokenError('ERR_UNSUPPORTED_VERSION', `cannot build token version ${String(version)}; use "007"`);
}

/** Checks the argument and reads the version prefix, before any decoding work. */
export function tokenVersion(token: unknown): TokenVersion {
  if (typeof token !== 'string') throw new TypeError(`"token" must be a string, got ${token === null ? 'null' : typeof token}`);
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new TokenError('ERR_TOKEN_TOO_LONG', `token is ${token.length} characters; real tokens are far shorter than ${MAX_TOKEN_LENGTH}`);
  }
  if (token.length < 3) throw new TokenError('ERR_MALFORMED_TOKEN', 'token is shorter than its 3-character version prefix');
  const prefix = token.slice(0, 3);
  if (prefix === '007') return prefix;
  throw new TokenError('ERR_UNSUPPORTED_VERSION', `unsupported token version ${JSON.stringify(prefix)}; expected "007"`);
}

/**
 * Decodes a token without checking its signature or expiry.
 *
 * @param token - a "007" token
 * @returns its fields; services up to the first unknown type
 * @throws {@link TokenError} `ERR_MALFORMED_TOKEN`, `ERR_UNSUPPORTED_VERSION`, `ERR_TOKEN_TOO_LONG` or
 *   `ERR_INFLATE_LIMIT`; a `TypeError` when `token` is not a string
 * @example
 * ```ts
 * const { appId, issueTs, expire, services } = decodeToken(token);
 * ```
 */
export function decodeToken(token: string): DecodedToken {
  tokenVersion(token);
  return parse007(token).decoded;
}

/**
 * Checks a token's signature with the App Certificate, in constant time. It does not check expiry:
 * compare `issueTs + expire` (and each privilege) with the clock yourself, or use the CLI's `doctor`.
 *
 * @param token - a "007" token
 * @param appCertificate - the 32-hex-character App Certificate
 * @returns true when the signature matches
 * @throws {@link TokenError} when the token cannot be decoded or the certificate is not 32 hex characters
 * @example
 * ```ts
 * if (!verifyToken(token, appCertificate)) throw new Error('forged token');
 * ```
 */
export function verifyToken(token: string, appCertificate: string): boolean {
  tokenVersion(token);
  return verify007(token, appCertificate);
}
