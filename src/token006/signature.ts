import { utf8Encode } from '../lib/bytes.js';
import { hmacSha256 } from '../lib/hmac.js';

/**
 * The 006 signature (docs/format.md §3.2): HMAC-SHA256 keyed with the certificate's ASCII text over
 * appId ‖ channelName ‖ uid ‖ message, concatenated without length prefixes.
 */
export function signature006(
  appCertificate: string,
  appId: string,
  channel: Uint8Array,
  uid: Uint8Array,
  message: Uint8Array,
  out?: Uint8Array,
): Uint8Array {
  return hmacSha256(utf8Encode(appCertificate), [utf8Encode(appId), channel, uid, message], out);
}
