import { TokenError, type TokenErrorCode } from '../errors.js';

const HEX32 = /^[0-9a-fA-F]{32}$/;

/** Shows what was passed without echoing it: used for values that might be a secret. */
const kind = (value: unknown): string =>
  typeof value === 'string' ? `a ${value.length}-character string` : value === null ? 'null' : typeof value;

/** Shows a non-secret value for error messages, shortened. */
export const describe = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return typeof value;
};

export function assertAppId(appId: unknown): asserts appId is string {
  if (typeof appId === 'string' && HEX32.test(appId)) return;
  throw new TokenError('ERR_INVALID_APP_ID', `"appId" must be 32 hexadecimal characters, got ${describe(appId)}`);
}

/** The certificate is never echoed, not even in part. */
export function assertCertificate(certificate: unknown): asserts certificate is string {
  if (typeof certificate === 'string' && HEX32.test(certificate)) return;
  throw new TokenError(
    'ERR_INVALID_APP_CERTIFICATE',
    `"appCertificate" must be 32 hexadecimal characters, got ${kind(certificate)}`,
  );
}

export const isAppIdFormat = (value: string): boolean => HEX32.test(value);

export const isUint = (value: unknown, bits: 16 | 32): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= (bits === 16 ? 0xffff : 0xffffffff);

export function assertUint(value: unknown, bits: 16 | 32, field: string, code: TokenErrorCode): asserts value is number {
  if (isUint(value, bits)) return;
  throw new TokenError(code, `"${field}" must be an integer from 0 to ${bits === 16 ? 0xffff : 0xffffffff}, got ${describe(value)}`);
}

export function assertString(value: unknown, field: string): asserts value is string {
  if (typeof value === 'string') return;
  throw new TokenError('ERR_INVALID_ARGUMENT', `"${field}" must be a string, got ${describe(value)}`);
}

/**
 * The uid rule shared by every reference (docs/format.md §2.3): a number must be a uint32 and becomes its
 * decimal text, 0 becoming "" (the wildcard); a string is used verbatim, so "0" stays "0".
 */
export function uidString(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) {
    return value === 0 ? '' : String(value);
  }
  throw new TokenError(
    'ERR_INVALID_UID',
    `"${field}" must be a string or an integer from 0 to 4294967295, got ${describe(value)}`,
  );
}
