import { TokenError } from './errors.js';
import { uidString } from './lib/validate.js';
import { type DecodedToken006, parse006, verify006 } from './token006/decode.js';
import { encode006, type Token006Spec } from './token006/encode.js';
import { type DecodedToken007, parse007, verify007 } from './token007/decode.js';
import { encode007, type Token007Spec } from './token007/encode.js';
import { MAX_TOKEN_LENGTH } from './token007/limits.js';

/** What {@link buildToken} takes, chosen by `version` ("007" when omitted). */
export type TokenSpec = Token007Spec | Token006Spec;

/** What {@link decodeToken} returns, told apart by `version`. */
export type DecodedToken = DecodedToken007 | DecodedToken006;

/** The token versions this library reads and writes. */
export type TokenVersion = DecodedToken['version'];

/**
 * The context a "006" token is verified in: its signature covers the channel name and uid, which
 * the token does not store. Ignored for "007" tokens.
 */
export interface VerifyTokenOptions {
  /** The channel the token was built for (RTM tokens: the user account). */
  channelName: string;
  /** The uid (0 and "" are the wildcard) or account; "" for RTM tokens. */
  uid: string | number;
}

/**
 * Builds a token from an explicit spec: the function form of every builder. "007" (the default)
 * takes a list of services with relative expiries; `version: '006'` takes a channel, a uid and
 * privileges with absolute expiry times.
 *
 * @param spec - credentials, header fields and services (007) or channel, uid and privileges (006)
 * @returns the token string
 * @throws {@link TokenError} for invalid credentials, fields, expiries or an empty service list
 * @example
 * ```ts
 * import { buildToken, ServiceType } from 'agora-token-kit';
 * const token = buildToken({
 *   appId, appCertificate, expire: 3600,
 *   services: [{ type: ServiceType.Rtc, channelName: 'room', uid: 42, privileges: { 1: 3600 } }],
 * });
 * const legacy = buildToken({ version: '006', appId, appCertificate, channelName: 'room', uid: 42, privileges: { 1: expiresAt } });
 * ```
 */
export function buildToken(spec: TokenSpec): string {
  const version: unknown = (spec as { version?: unknown } | null)?.version;
  if (version === undefined || version === '007') return encode007(spec as Token007Spec);
  if (version === '006') return encode006(spec as Token006Spec);
  throw new TokenError('ERR_UNSUPPORTED_VERSION', `cannot build token version ${String(version)}; use "007" or "006"`);
}

/** Checks the argument and reads the version prefix, before any decoding work. */
export function tokenVersion(token: unknown): TokenVersion {
  if (typeof token !== 'string') throw new TypeError(`"token" must be a string, got ${token === null ? 'null' : typeof token}`);
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new TokenError('ERR_TOKEN_TOO_LONG', `token is ${token.length} characters; real tokens are far shorter than ${MAX_TOKEN_LENGTH}`);
  }
  if (token.length < 3) throw new TokenError('ERR_MALFORMED_TOKEN', 'token is shorter than its 3-character version prefix');
  const prefix = token.slice(0, 3);
  if (prefix === '007' || prefix === '006') return prefix;
  throw new TokenError('ERR_UNSUPPORTED_VERSION', `unsupported token version ${JSON.stringify(prefix)}; expected "007" or "006"`);
}

/**
 * Decodes a token of either version without checking its signature or expiry. A "006" token holds
 * only CRC-32 checksums of its channel name and uid, not the values.
 *
 * @param token - a "007" or "006" token
 * @returns its fields, told apart by `version`; for 007, services up to the first unknown type
 * @throws {@link TokenError} `ERR_MALFORMED_TOKEN`, `ERR_UNSUPPORTED_VERSION`, `ERR_TOKEN_TOO_LONG` or
 *   `ERR_INFLATE_LIMIT`; a `TypeError` when `token` is not a string
 * @example
 * ```ts
 * const { appId, issueTs, expire, services } = decodeToken(token);
 * ```
 */
export function decodeToken(token: string): DecodedToken {
  return tokenVersion(token) === '006' ? parse006(token).decoded : parse007(token).decoded;
}

/**
 * Checks a token's signature with the App Certificate, in constant time. It does not check expiry:
 * compare `issueTs + expire` (007) or `ts` (006), and each privilege, with the clock yourself, or use
 * the CLI's `doctor`.
 *
 * A "006" token signs its channel name and uid without storing them, so they must be given; the
 * token is valid only if the signature matches and the CRC-32 of both equals the token's. Agora's
 * reference SDKs have no 006 verify function, and their tests compare only the signature.
 *
 * @param token - a "007" or "006" token
 * @param appCertificate - the 32-hex-character App Certificate
 * @param options - for "006" tokens (required): the `channelName` and `uid` to check; the uid follows
 *   the uid rule (0 → ""). Ignored for "007".
 * @returns true when the signature (and for 006, both CRCs) match
 * @throws {@link TokenError} when the token cannot be decoded or the certificate is not 32 hex
 *   characters; `ERR_VERIFY_CONTEXT_REQUIRED` for a "006" token without `channelName` and `uid`
 * @example
 * ```ts
 * if (!verifyToken(token, appCertificate)) throw new Error('forged token');
 * // Both versions, while clients move from 006 to 007:
 * const ok = verifyToken(token, appCertificate, { channelName: 'room', uid: 42 });
 * ```
 */
export function verifyToken(token: string, appCertificate: string, options?: VerifyTokenOptions): boolean {
  if (tokenVersion(token) === '007') return verify007(token, appCertificate);
  const channelName: unknown = options?.channelName;
  const uid: unknown = options?.uid;
  if (channelName === undefined || uid === undefined) {
    throw new TokenError(
      'ERR_VERIFY_CONTEXT_REQUIRED',
      'a "006" token signs the channel name and uid without storing them: pass { channelName, uid } to verifyToken',
    );
  }
  if (typeof channelName !== 'string') throw new TokenError('ERR_INVALID_ARGUMENT', '"channelName" must be a string');
  return verify006(token, appCertificate, channelName, uidString(uid, 'uid'));
}
