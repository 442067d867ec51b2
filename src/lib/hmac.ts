import { _SHA256 } from '@noble/hashes/sha2.js';
import { utf8Encode } from './bytes.js';

/*
 * HMAC-SHA256 (RFC 2104) over noble's audited SHA-256. A token costs three HMACs under three keys,
 * and noble's one-shot `hmac` builds and destroys two hash objects and their pads each time (about
 * half the speed, docs/design.md "Dependencies"). Here long-lived hash objects are reset in place with
 * `_cloneInto`, so no hash object or pad is allocated per call. Calls are synchronous and never
 * interleave. The class is used rather than the `sha256` function object, whose wrapper and option
 * checks this file never calls and which would add about 0.35 kB (gzip) to every bundle.
 */

// Never updated: copying it into another object resets that object to the initial state.
const fresh = /* @__PURE__ */ new _SHA256();
const inner = /* @__PURE__ */ new _SHA256();
const outer = /* @__PURE__ */ new _SHA256();
// The states after the inner and outer pad blocks of a key used again: 006 signs every token under
// the certificate. A 007 token keys each step with a new value, which never repeats, so a key seen
// for the first time is absorbed straight into `inner` and `outer`, and these are filled only when
// it comes back (key material, module scope only, never returned).
const innerKeyed = /* @__PURE__ */ new _SHA256();
const outerKeyed = /* @__PURE__ */ new _SHA256();
const lastKey = /* @__PURE__ */ new Uint8Array(64);
let lastKeyLength = -1;
let keyedReady = false;

// noble finishes into a new DataView over the target array, except into the hash's own block buffer
// (which `digest()` uses), whose view it keeps: each half finishes into its hash's buffer, and the
// outer half reads the inner result from there. The field is protected in noble's types, so it is
// read once here; without it, arrays of our own take its place and only speed is lost.
function finishTarget(hash: _SHA256): Uint8Array {
  const own: unknown = (hash as unknown as { buffer?: unknown }).buffer;
  return own instanceof Uint8Array && own.length >= 32 ? own : new Uint8Array(32);
}
const innerTarget = /* @__PURE__ */ finishTarget(inner);
const outerTarget = /* @__PURE__ */ finishTarget(outer);
const innerDigest = /* @__PURE__ */ innerTarget.subarray(0, 32);
const outerDigest = /* @__PURE__ */ outerTarget.subarray(0, 32);

const pad = /* @__PURE__ */ new Uint8Array(64);
// Given a whole block at once, noble wraps it in a new DataView; given in two parts, it is copied
// into the hash's own block buffer, whose view is reused.
const padHead = /* @__PURE__ */ pad.subarray(0, 32);
const padTail = /* @__PURE__ */ pad.subarray(32);

function absorbPad(state: _SHA256, key: Uint8Array, byte: number): void {
  pad.fill(byte);
  for (let i = 0; i < key.length; i++) pad[i] = key[i]! ^ byte;
  fresh._cloneInto(state);
  state.update(padHead).update(padTail);
}

function absorbKey(innerState: _SHA256, outerState: _SHA256, key: Uint8Array): void {
  absorbPad(innerState, key, 0x36);
  absorbPad(outerState, key, 0x5c);
  pad.fill(0);
}

function sameAsLastKey(key: Uint8Array): boolean {
  if (key.length !== lastKeyLength) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== lastKey[i]) return false;
  return true;
}

/**
 * HMAC-SHA256 of `message` under `key`; keys over 64 bytes are hashed first. A message given as
 * parts is hashed as their concatenation, without building it. Writes the 32-byte result to `out`
 * (a new array by default), so hot paths can reuse a buffer.
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array | readonly Uint8Array[], out: Uint8Array = new Uint8Array(32)): Uint8Array {
  if (key.length > 64) key = new _SHA256().update(key).digest();
  if (sameAsLastKey(key)) {
    if (!keyedReady) absorbKey(innerKeyed, outerKeyed, key);
    keyedReady = true;
    innerKeyed._cloneInto(inner);
    outerKeyed._cloneInto(outer);
  } else {
    lastKey.set(key);
    lastKeyLength = key.length;
    keyedReady = false;
    absorbKey(inner, outer, key);
  }
  if (Array.isArray(message)) for (const part of message) inner.update(part);
  else inner.update(message as Uint8Array);
  inner.digestInto(innerTarget);
  outer.update(innerDigest);
  outer.digestInto(outerTarget);
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
