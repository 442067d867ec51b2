import { base64Decode } from '../lib/base64.js';
import { timingSafeEqual, toHex } from '../lib/bytes.js';
import { hmacSha256, signingKey007 } from '../lib/hmac.js';
import { zlibInflate } from '../lib/inflate.js';
import { ByteReader } from '../lib/reader.js';
import { assertCertificate, isAppIdFormat } from '../lib/validate.js';
import { MAX_PAYLOAD_BYTES } from './limits.js';
import { isKnownServiceType, readService, type DecodedService } from './services.js';

/** An AccessToken2 as read from its string. Nothing here is verified: see `verifyToken`. */
export interface DecodedToken007 {
  version: '007';
  /** HMAC-SHA256 signature, lower-case hex. */
  signature: string;
  appId: string;
  /** Unix time in seconds when the token was issued. */
  issueTs: number;
  /** Lifetime in seconds after `issueTs`. */
  expire: number;
  salt: number;
  /** Services in wire order, up to the first unknown type. */
  services: DecodedService[];
  /**
   * Present when decoding stopped at a service type whose layout is unknown: that service and any
   * after it are not listed (their length cannot be known), as every reference parser does. They are
   * still covered by the signature.
   */
  unknownServiceType?: number;
}

interface Parsed007 {
  decoded: DecodedToken007;
  signature: Uint8Array;
  /** View into the inflate scratch buffer: use before the next decode. */
  signingInfo: Uint8Array;
}

/** Parses the base64/zlib body of a token whose "007" prefix has been checked. */
export function parse007(token: string): Parsed007 {
  const payload = zlibInflate(base64Decode(token, 3), MAX_PAYLOAD_BYTES);
  const r = new ByteReader(payload);
  const signature = r.bytes('signature');
  const start = r.pos;
  const decoded: DecodedToken007 = {
    version: '007',
    signature: toHex(signature),
    appId: r.string('appId'),
    issueTs: r.u32('issueTs'),
    expire: r.u32('expire'),
    salt: r.u32('salt'),
    services: [],
  };
  const count = r.u16('service count');
  for (let i = 0; i < count; i++) {
    const type = r.u16('service type');
    if (!isKnownServiceType(type)) {
      decoded.unknownServiceType = type;
      break;
    }
    decoded.services.push(readService(r, type));
  }
  return { decoded, signature, signingInfo: payload.subarray(start) };
}

/**
 * Recomputes the signature over the raw signed bytes (so unknown services and trailing bytes count)
 * and compares in constant time. A token whose embedded app ID is not 32 hex characters cannot have
 * been issued by Agora and does not verify (the references refuse it too).
 */
export function verify007(token: string, appCertificate: string): boolean {
  assertCertificate(appCertificate);
  const { decoded, signature, signingInfo } = parse007(token);
  if (!isAppIdFormat(decoded.appId)) return false;
  const expected = hmacSha256(signingKey007(appCertificate, decoded.issueTs, decoded.salt), signingInfo);
  return timingSafeEqual(expected, signature);
}

