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

// Servers decode a token to read it and then verify the same string; keeping what verification
// needs from the last parse spares that second base64 + inflate + parse. Copies only, in buffers
// reused from parse to parse: the decoded object belongs to the caller, who may change it, and
// signingInfo is a view of the inflater's scratch.
const lastSigned = {
  token: undefined as string | undefined,
  appId: '',
  issueTs: 0,
  salt: 0,
  signature: /* @__PURE__ */ new Uint8Array(0) as Uint8Array,
  signingInfo: /* @__PURE__ */ new Uint8Array(512),
  signingInfoLength: 0,
};

function remember(token: string, decoded: DecodedToken007, signature: Uint8Array, signingInfo: Uint8Array): void {
  const m = lastSigned;
  if (m.signingInfo.length < signingInfo.length) m.signingInfo = new Uint8Array(signingInfo.length);
  m.signingInfo.set(signingInfo);
  m.signingInfoLength = signingInfo.length;
  m.token = token;
  m.appId = decoded.appId;
  m.issueTs = decoded.issueTs;
  m.salt = decoded.salt;
  m.signature = signature;
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
  const signingInfo = payload.subarray(start);
  remember(token, decoded, signature, signingInfo);
  return { decoded, signature, signingInfo };
}

/**
 * Recomputes the signature over the raw signed bytes (so unknown services and trailing bytes count)
 * and compares in constant time. A token whose embedded app ID is not 32 hex characters cannot have
 * been issued by Agora and does not verify (the references refuse it too).
 */
export function verify007(token: string, appCertificate: string): boolean {
  assertCertificate(appCertificate);
  if (lastSigned.token !== token) parse007(token);
  const { appId, issueTs, salt, signature, signingInfo, signingInfoLength } = lastSigned;
  if (!isAppIdFormat(appId)) return false;
  const expected = hmacSha256(signingKey007(appCertificate, issueTs, salt), signingInfo.subarray(0, signingInfoLength));
  return timingSafeEqual(expected, signature);
}

