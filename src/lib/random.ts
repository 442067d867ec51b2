import { TokenError } from '../errors.js';

// The range every Agora reference except C++/Java draws from (docs/format.md §2.11), kept so that tokens
// look like the references' tokens; the source is a CSPRNG instead of Math.random.
const SALT_RANGE = 99_999_999;
// Largest multiple of the range below 2^32: values at or above it are redrawn, so every salt is
// equally likely (plain modulo would favour the low ones).
const ACCEPT_BELOW = 0x1_0000_0000 - (0x1_0000_0000 % SALT_RANGE);

const POOL_SIZE = 64;
const pool = /* @__PURE__ */ new Uint32Array(POOL_SIZE);
let next = POOL_SIZE;

function refill(): void {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  if (typeof c?.getRandomValues !== 'function') {
    throw new TokenError(
      'ERR_CRYPTO_UNAVAILABLE',
      'crypto.getRandomValues is not available in this runtime; pass an explicit salt or use a runtime with Web Crypto',
    );
  }
  c.getRandomValues(pool);
  next = 0;
}

/** A uniformly distributed salt in 1 … 99 999 999 from `crypto.getRandomValues`, drawn in batches. */
export function randomSalt(): number {
  for (;;) {
    if (next === POOL_SIZE) refill();
    const v = pool[next]!;
    // Each value is handed out once and wiped, so nothing later can learn a past salt from the pool.
    pool[next++] = 0;
    if (v < ACCEPT_BELOW) return (v % SALT_RANGE) + 1;
  }
}
