import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8Encode } from './bytes.js';

export const hmacSha256 = (key: Uint8Array, message: Uint8Array): Uint8Array => hmac(sha256, key, message);

const u32le = (value: number): Uint8Array =>
  Uint8Array.of(value & 255, (value >>> 8) & 255, (value >>> 16) & 255, (value >>> 24) & 255);

// A server signs many tokens in the same second with one certificate, so the first step of the key
// derivation is remembered for the last (issueTs, certificate) pair. The cache holds derived key
// material only, in module scope, never in anything returned to callers.
let cachedIssueTs = -1;
let cachedCertificate = '';
let cachedK1: Uint8Array | undefined;

/**
 * The 007 signing key (FORMAT.md §2.7): the little-endian issueTs and salt are the HMAC keys and the
 * certificate's ASCII text is the first message.
 */
export function signingKey007(certificate: string, issueTs: number, salt: number): Uint8Array {
  if (issueTs !== cachedIssueTs || certificate !== cachedCertificate || !cachedK1) {
    cachedK1 = hmacSha256(u32le(issueTs), utf8Encode(certificate));
    cachedIssueTs = issueTs;
    cachedCertificate = certificate;
  }
  return hmacSha256(u32le(salt), cachedK1);
}
