import { TokenError } from '../errors.js';
import { utf8Encode } from '../lib/bytes.js';
import { assertString, assertUint, describe, isUint, uidString } from '../lib/validate.js';

// The positional builders check their parameters here, under the names the caller knows
// (`uid`, `tokenExpire`, …), before the service list is packed: the packer would name the same
// fault after its own fields (`services[0].uid`), which the caller never wrote.

// Up to this many UTF-16 code units always fit in 65535 UTF-8 bytes (3 bytes a unit at most).
const ALWAYS_FITS = 21_845;

function fitsWire(text: string, name: string): string {
  if (text.length > ALWAYS_FITS) {
    const bytes = utf8Encode(text).length;
    if (bytes > 0xffff) throw new TokenError('ERR_STRING_TOO_LONG', `"${name}" is ${bytes} bytes; at most 65535 fit in a token`);
  }
  return text;
}

/** A string parameter (channel or room name). */
export function stringParam(value: unknown, name: string): string {
  assertString(value, name);
  return fitsWire(value, name);
}

/** A user parameter (uid, account, user id): the uid rule of lib/validate.ts, as the packed text. */
export const userParam = (value: unknown, name: string): string => fitsWire(uidString(value, name), name);

/**
 * A lifetime in seconds. Agora's servers cap tokens and privileges at 24 hours; longer values are
 * accepted, as by every reference, and reported by checks.ts.
 */
export function lifetimeParam(value: unknown, name: string): number {
  if (isUint(value, 32)) return value;
  throw new TokenError(
    'ERR_INVALID_EXPIRE',
    `"${name}" must be a whole number of seconds from 0 to 4294967295 (Agora caps lifetimes at 24 hours, 86400), got ${describe(value)}`,
  );
}

/** An RTC role: any uint16, of which only 1 (publisher) adds the publish privileges. */
export function roleParam(value: unknown, name: string): number {
  assertUint(value, 16, name, 'ERR_INVALID_ROLE');
  return value;
}

/** An APaaS room role: int16, as packed (docs/format.md §2.3). */
export function roomRoleParam(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= -0x8000 && value <= 0x7fff) return value;
  throw new TokenError('ERR_INVALID_ROLE', `"${name}" must be an integer from -32768 to 32767, got ${describe(value)}`);
}

/** A 006 privilege expiry: an absolute Unix time in seconds. */
export function timestampParam(value: unknown, name: string): number {
  if (isUint(value, 32)) return value;
  throw new TokenError('ERR_INVALID_EXPIRE', `"${name}" must be a Unix time in whole seconds, from 0 to 4294967295, got ${describe(value)}`);
}
