import { TokenError } from '../errors.js';
import { base64Decode } from '../lib/base64.js';
import { timingSafeEqual, toHex, utf8Encode } from '../lib/bytes.js';
import { crc32 } from '../lib/crc32.js';
import { ByteReader } from '../lib/reader.js';
import { assertCertificate, isAppIdFormat } from '../lib/validate.js';
import { signature006 } from './signature.js';

/**
 * An AccessToken ("006") as read from its string. Nothing here is verified: see `verifyToken`. The
 * channel name and uid are not in the token, only their CRC-32 checksums.
 */
export interface DecodedToken006 {
  version: '006';
  /** Characters 3–34 of the token: 32 hexadecimal characters (anything else is malformed), case as given. */
  appId: string;
  /** HMAC-SHA256 signature, lower-case hex. */
  signature: string;
  /** CRC-32 of the channel name's UTF-8 bytes (RTM tokens: of the user account). */
  crcChannelName: number;
  /** CRC-32 of the uid text ("" for uid 0, whose CRC is 0). */
  crcUid: number;
  salt: number;
  /** Absolute Unix time (s) when the token expires. */
  ts: number;
  /** Privilege id → absolute Unix time (s) when it expires. */
  privileges: Record<number, number>;
}

interface Parsed006 {
  decoded: DecodedToken006;
  signature: Uint8Array;
  /** The signed message bytes exactly as stored, trailing bytes included. */
  message: Uint8Array;
}

const VERSION_AND_APP_ID = 35;

/** Parses a token whose "006" prefix has been checked. */
export function parse006(token: string): Parsed006 {
  if (token.length < VERSION_AND_APP_ID) {
    throw new TokenError('ERR_MALFORMED_TOKEN', 'a "006" token starts with its version and a 32-character app ID; this one is shorter');
  }
  // Go and C++ refuse an app ID that is not 32 hex characters; a non-ASCII character would also make
  // the slice above cut through UTF-16 units.
  const appId = token.slice(3, VERSION_AND_APP_ID);
  if (!isAppIdFormat(appId)) {
    throw new TokenError('ERR_MALFORMED_TOKEN', 'the app ID of a "006" token must be 32 hexadecimal characters');
  }
  // Strict base64 and every read bounds-checked: Go's parser pads a truncated message with zeros and
  // Node's copies partial strings (docs/format.md §3.4); both would hand back values that were never signed.
  const r = new ByteReader(base64Decode(token, VERSION_AND_APP_ID));
  const signature = r.bytes('signature');
  const crcChannelName = r.u32('crcChannelName');
  const crcUid = r.u32('crcUid');
  const message = r.bytes('message');
  const m = new ByteReader(message);
  const decoded: DecodedToken006 = {
    version: '006',
    appId,
    signature: toHex(signature),
    crcChannelName,
    crcUid,
    salt: m.u32('salt'),
    ts: m.u32('ts'),
    privileges: m.privileges('privileges'),
  };
  return { decoded, signature, message };
}

/**
 * Recomputes the signature over appId ‖ channelName ‖ uid ‖ message (docs/format.md §3.2) and compares it
 * in constant time, then checks both CRCs, which the references never look at.
 */
export function verify006(token: string, appCertificate: string, channelName: string, uid: string): boolean {
  assertCertificate(appCertificate);
  const { decoded, signature, message } = parse006(token);
  const channel = utf8Encode(channelName);
  const uidBytes = utf8Encode(uid);
  const signatureOk = timingSafeEqual(signature006(appCertificate, decoded.appId, channel, uidBytes, message), signature);
  return signatureOk && crc32(channel) === decoded.crcChannelName && crc32(uidBytes) === decoded.crcUid;
}
