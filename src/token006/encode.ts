import { TokenError } from '../errors.js';
import { base64Encode } from '../lib/base64.js';
import { utf8Encode } from '../lib/bytes.js';
import { crc32 } from '../lib/crc32.js';
import { randomSalt } from '../lib/random.js';
import { assertAppId, assertCertificate, assertString, assertUint, uidString } from '../lib/validate.js';
import { ByteWriter } from '../lib/writer.js';
import { nowSeconds } from '../token007/encode.js';
import { type PrivilegeInput, privilegeMap } from '../token007/services.js';
import { signature006 } from './signature.js';

/** What an AccessToken ("006") is built from. */
export interface Token006Spec {
  version: '006';
  appId: string;
  appCertificate: string;
  /** The channel; RTM tokens put the user account here. */
  channelName: string;
  /** A uint32 uid (0 = any uid, signed as "") or a string account, signed verbatim. */
  uid: string | number;
  /** uint32; defaults to a fresh value from `crypto.getRandomValues`. */
  salt?: number;
  /** Absolute Unix time (s) when the token expires; defaults to now + 24 h, as every reference. */
  ts?: number;
  /**
   * Privilege id → absolute Unix time (s) when it expires: a plain object, a `Map` or `[id, time]`
   * pairs (a repeated id keeps the last value).
   */
  privileges: PrivilegeInput;
}

const SIGNATURE_FIELD = 34;
const content = /* @__PURE__ */ new ByteWriter(256);
const signature = /* @__PURE__ */ new Uint8Array(32);

/** Every reference sets the 006 token expiry to one day after the build (docs/format.md §3.1). */
export const TOKEN_LIFETIME_006 = 86_400;

/** UTF-8 bytes of a field the signature covers unframed; the 65 535-byte cap keeps it a wire string. */
function fieldBytes(text: string, field: string): Uint8Array {
  const bytes = utf8Encode(text);
  if (bytes.length > 0xffff) {
    throw new TokenError('ERR_STRING_TOO_LONG', `"${field}" is ${bytes.length} bytes; at most 65535 fit in a token`);
  }
  return bytes;
}

/**
 * Builds a "006" token (docs/format.md §3): `"006" ‖ appId ‖ base64(content)`, uncompressed. Validates
 * everything first, including the ids that the Go and Node references leave unchecked (C++ refuses
 * them too); throws {@link TokenError} on bad input.
 */
export function encode006(spec: Token006Spec): string {
  if (spec === null || typeof spec !== 'object') throw new TokenError('ERR_INVALID_ARGUMENT', 'the token spec must be an object');
  // Each field is read once, and all before the module writer below is touched: a getter or proxy
  // in the spec may itself build a token.
  const { appId, appCertificate, channelName, uid: givenUid, ts: givenTs, salt: givenSalt, privileges: givenPrivileges } = spec;
  assertAppId(appId);
  assertCertificate(appCertificate);
  assertString(channelName, 'channelName');
  const channel = fieldBytes(channelName, 'channelName');
  const uid = fieldBytes(uidString(givenUid, 'uid'), 'uid');
  const ts = givenTs ?? nowSeconds() + TOKEN_LIFETIME_006;
  assertUint(ts, 32, 'ts', 'ERR_INVALID_TIMESTAMP');
  if (givenSalt !== undefined) assertUint(givenSalt, 32, 'salt', 'ERR_INVALID_SALT');
  if (givenPrivileges === undefined) throw new TokenError('ERR_INVALID_PRIVILEGE', '"privileges" is required (it may be empty)');
  const privileges = privilegeMap(givenPrivileges, 'privileges');
  const salt = givenSalt ?? randomSalt();

  // Content is written in place into module scratch (the API is synchronous): the signature slot
  // first, filled in once the message after it is signed.
  const w = content.reset();
  w.pos = SIGNATURE_FIELD;
  w.u32(crc32(channel)).u32(crc32(uid));
  const lengthAt = w.pos;
  w.u16(0).u32(salt).u32(ts).privileges(privileges);
  const messageLength = w.pos - lengthAt - 2;
  if (messageLength > 0xffff) throw new TokenError('ERR_TOO_MANY_ITEMS', `"privileges" has ${privileges.size} entries; they do not fit in a token`);
  w.buf[lengthAt] = messageLength & 255;
  w.buf[lengthAt + 1] = messageLength >>> 8;
  signature006(appCertificate, appId, channel, uid, w.buf.subarray(lengthAt + 2, w.pos), signature);
  w.buf[0] = 32;
  w.buf[1] = 0;
  w.buf.set(signature, 2);
  const bytes = w.view();
  return '006' + appId + base64Encode(bytes);
}
