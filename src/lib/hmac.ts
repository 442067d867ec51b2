import { sha256 } from '@noble/hashes/sha2.js';
import { utf8Encode } from './bytes.js';

/*
 * HMAC-SHA256 (RFC 2104) over noble's audited SHA-256. A token costs three HMACs under three keys,
 * and noble's one-shot `hmac` builds and destroys two hash objects and their pads each time (about
 * half the speed, docs/design.md "Dependencies"). Here the states after the inner and outer pad
 * blocks are kept in hash objects that are reset in place, and each message hashes a copy of them
 * made with `_cloneInto`, so no hash object or pad is allocated per call. Calls are synchronous and
 * never interleave.
 */
type Sha256 = ReturnType<typeof sha256.create>;

// Never updated: copying it into another object resets that object to the initial state.
const fresh = /* @__PURE__ */ sha256.create();
const innerAfterKey = /* @__PURE__ */ sha256.create();
const outerAfterKey = /* @__PURE__ */ sha256.create();
const work = /* @__PURE__ */ sha256.create();

// The keyed states depend only on the key; 006 signs every token with the certificate as key, so the
// last key and its states are kept (key material, module scope only, never returned).
const lastKey = /* @__PURE__ */ new Uint8Array(64);
let lastKeyLength = -1;
const pad = /* @__PURE__ */ new Uint8Array(64);
// noble wraps the array it finishes into in a DataView, which moves a small new array's bytes off
// V8's heap (a slow allocation): results are finished into these long-lived arrays and copied out.
const innerDigest = /* @__PURE__ */ new Uint8Array(32);
const outerDigest = /* @__PURE__ */ new Uint8Array(32);

function sameAsLastKey(key: Uint8Array): boolean {
  if (key.length !== lastKeyLength) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== lastKey[i]) return false;
  return true;
}

// Given a whole block at once, noble wraps it in a new DataView; given in two parts, it is copied
// into the hash's own block buffer, whose view is reused.
const padHead = /* @__PURE__ */ pad.subarray(0, 32);
const padTail = /* @__PURE__ */ pad.subarray(32);

function absorbPad(state: Sha256, key: Uint8Array, byte: number): void {
  pad.fill(byte);
  for (let i = 0; i < key.length; i++) pad[i] = key[i]! ^ byte;
  fresh._cloneInto(state);
  state.update(padHead).update(padTail);
}

function loadKey(key: Uint8Array): void {
  if (key.length > 64) {
    key = sha256(key);
    lastKeyLength = -1;
  } else {
    lastKey.set(key);
    lastKeyLength = key.length;
  }
  absorbPad(innerAfterKey, key, 0x36);
  absorbPad(outerAfterKey, key, 0x5c);
  pad.fill(0);
}

/**
 * HMAC-SHA256 of `message` under `key`; keys over 64 bytes are hashed first. A message given as
 * parts is hashed as their concatenation, without building it. Writes the 32-byte result to `out`
 * (a new array by default), so hot paths can reuse a buffer.
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array | readonly Uint8Array[], out: Uint8Array = new Uint8Array(32)): Uint8Array {
  if (!sameAsLastKey(key)) loadKey(key);
  innerAfterKey._cloneInto(work);
  if (Array.isArray(message)) for (const part of message) work.update(part);
  else work.update(message as Uint8Array);
  work.digestInto(innerDigest);
  outerAfterKey._cloneInto(work);
  work.update(innerDigest);
  work.digestInto(outerDigest);
  out.set(outerDigest);
  return out;
}

// Scratch for the derivation below, so that signing a token allocates no intermediate keys.
const numberKey = /* @__PURE__ */ new Uint8Array(4);
const k2 = /* @__PURE__ */ new Uint8Array(32);

function u32le(value: number): Uint8Array {
  numberKey[0] = value;
  numberKey[1] = value >>> 8;
  numberKey[2] = value >>> 16;
  numberKey[3] = value >>> 24;
  return numberKey;
}

// A server signs many tokens in the same second with one certificate, so the first step of the key
// derivation is remembered for the last (issueTs, certificate) pair. The cache holds derived key
// material only, in module scope, never in anything returned to callers.
let cachedIssueTs = -1;
let cachedCertificate = '';
const cachedK1 = /* @__PURE__ */ new Uint8Array(32);

/**
 * The 007 signing key (docs/format.md §2.7): the little-endian issueTs and salt are the HMAC keys and
 * the certificate's ASCII text is the first message. Returns a scratch buffer, valid until the next call.
 */
export function signingKey007(certificate: string, issueTs: number, salt: number): Uint8Array {
  if (issueTs !== cachedIssueTs || certificate !== cachedCertificate) {
    hmacSha256(u32le(issueTs), utf8Encode(certificate), cachedK1);
    cachedIssueTs = issueTs;
    cachedCertificate = certificate;
  }
  return hmacSha256(u32le(salt), cachedK1, k2);
}
