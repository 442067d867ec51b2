import { TokenError } from '../errors.js';
import { type RetryOptions, retryDelay, retrySettings } from './backoff.js';
import { tokenLifetime } from './lifetime.js';
import { onPageVisible } from './wake.js';

/**
 * Why a token is fetched and applied: `'initial'` by `start()`, `'renew'` before the current token
 * expires, `'expired'` once it has (the SDK has then dropped the connection: join or log in again).
 */
export type TokenReason = 'initial' | 'renew' | 'expired';

/** What `fetchToken` is called with. */
export interface FetchTokenContext {
  /** Why this token is needed. */
  reason: TokenReason;
  /** Aborted by `stop()`: pass it to `fetch` so that a request in flight is cancelled. */
  signal: AbortSignal;
}

/** What `onError` is told besides the error. */
export interface RenewalErrorInfo {
  /** The reason of the attempt that failed (`'expired'` for the expiry report itself). */
  reason: TokenReason;
  /** 1 for the first attempt of this renewal, then 2, 3, … */
  attempt: number;
  /** How long until the next attempt, in ms; absent when no retry follows the report. */
  retryInMs?: number;
}

/** Options of {@link createTokenRenewer}. */
export interface TokenRenewerOptions {
  /** Gets a token from your token server. May return it or a promise of it. */
  fetchToken: (context: FetchTokenContext) => string | Promise<string>;
  /** Hands a token to the SDK (join, renewToken, …). A rejection counts as a failed attempt. */
  applyToken: (token: string, reason: TokenReason) => unknown;
  /** Renew this many seconds before the earliest expiry in the token (default 30, as the Agora SDKs warn). */
  renewBeforeSeconds?: number;
  /** Backoff of failed renewals. */
  retry?: RetryOptions;
  /**
   * Told of each failed renewal attempt (codes `ERR_TOKEN_FETCH_FAILED`, `ERR_TOKEN_APPLY_FAILED`,
   * `ERR_MALFORMED_TOKEN`, …) and, once, of `ERR_TOKEN_EXPIRED` when the token expired before a new
   * one came. Defaults to `console.error`. Failures of `start()` reject its promise instead.
   */
  onError?: (error: TokenError, info: RenewalErrorInfo) => void;
  /** The local clock in ms since the epoch (default `Date.now`); for tests. */
  now?: () => number;
}

/** A running renewal loop, from {@link createTokenRenewer}. */
export interface TokenRenewer {
  /**
   * Fetches the first token, applies it with reason `'initial'` and starts renewing. Calling it
   * again returns the same promise.
   */
  start(): Promise<string>;
  /** Cancels timers and aborts any fetch in flight; nothing is fetched or applied afterwards. */
  stop(): void;
  /**
   * Renews at once, or joins the renewal in flight (never two fetches at a time). `'expired'` says
   * the SDK reports the token expired, so the new token is applied with reason `'expired'`.
   */
  renewNow(reason?: 'renew' | 'expired'): Promise<string>;
  /** The token last applied. */
  readonly token: string | undefined;
  /** When the current token's earliest expiry falls, in local-clock ms; undefined if it has none. */
  readonly expiresAt: number | undefined;
}

const DEFAULT_RENEW_BEFORE_SECONDS = 30;
// Besides the timer set for the renewal time, the wall clock is checked this often: a suspended
// device can stop the clock that timers run on, so that timer may fire long after the deadline.
// A separate interval, not a chain of short timers: browsers throttle chained timers in hidden tabs
// to one a minute, and the renewal timer must not become one of them.
const CHECK_INTERVAL_MS = 15_000;
// setTimeout's longest delay (about 24.8 days); a longer one fires at once.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

const stoppedError = (): TokenError => new TokenError('ERR_RENEWER_STOPPED', 'the token renewer was stopped');
const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));
const ignore = (): void => {};

function assertOptions(options: TokenRenewerOptions): number {
  if (options === null || typeof options !== 'object') throw new TypeError('"options" must be an object');
  if (typeof options.fetchToken !== 'function') throw new TypeError('"fetchToken" must be a function');
  if (typeof options.applyToken !== 'function') throw new TypeError('"applyToken" must be a function');
  const renewBefore = options.renewBeforeSeconds ?? DEFAULT_RENEW_BEFORE_SECONDS;
  if (typeof renewBefore !== 'number' || !(renewBefore >= 0) || !Number.isFinite(renewBefore)) {
    throw new RangeError(`"renewBeforeSeconds" must be a non-negative number, got ${String(renewBefore)}`);
  }
  return renewBefore;
}

/**
 * Keeps a client supplied with valid Agora tokens. It decodes each token to find its earliest
 * expiry (the token's and each privilege's; for 006 the privilege timestamps), measures that from
 * the token's issue time so that a local clock that is off does not matter, and renews
 * `renewBeforeSeconds` before it. A token that lives less than that is renewed half-way. Failed
 * renewals are retried with capped, jittered exponential backoff, also past expiry (then with
 * reason `'expired'`); each failure goes to `onError`.
 *
 * @param options - `fetchToken`, `applyToken`, and optionally `renewBeforeSeconds`, `retry`, `onError`
 * @returns the renewer; nothing happens until `start()`
 * @throws TypeError or RangeError for invalid options
 * @example
 * ```ts
 * import { createTokenRenewer } from 'agora-token-kit/client';
 * const renewer = createTokenRenewer({
 *   fetchToken: async ({ signal }) => (await (await fetch('/token', { signal })).json()).token,
 *   applyToken: (token, reason) => (reason === 'initial' ? connect(token) : sdk.renewToken(token)),
 *   onError: (error) => console.warn(error.code, error.message),
 * });
 * await renewer.start();
 * ```
 */
export function createTokenRenewer(options: TokenRenewerOptions): TokenRenewer {
  const renewBeforeSeconds = assertOptions(options);
  const retry = retrySettings(options.retry);
  const { fetchToken, applyToken } = options;
  const now = options.now ?? (() => Date.now());
  const onError = options.onError ?? ((error: TokenError) => console.error(error));
  // An onError that throws must not end the retry loop: that would restart it at once, without backoff.
  const report = (error: TokenError, info: RenewalErrorInfo): void => {
    try {
      onError(error, info);
    } catch (thrown) {
      console.error(thrown);
    }
  };

  let state: 'idle' | 'starting' | 'running' | 'stopped' = 'idle';
  let token: string | undefined;
  let expiresAt: number | undefined;
  let renewAt: number | undefined;
  let sdkSaysExpired = false;
  // The wait for the renewal time or for the next retry, and the wall-clock check while waiting.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setInterval> | undefined;
  let endPause: (() => void) | undefined;
  let abort: AbortController | undefined;
  let started: Promise<string> | undefined;
  let inFlight: Promise<string> | undefined;
  let unwatch: (() => void) | undefined;

  const isExpired = (): boolean => sdkSaysExpired || (expiresAt !== undefined && now() >= expiresAt);
  const throwIfStopped = (): void => {
    if (state === 'stopped') throw stoppedError();
  };

  function clearTimers(): void {
    if (timer !== undefined) clearTimeout(timer);
    if (watchdog !== undefined) clearInterval(watchdog);
    timer = watchdog = undefined;
  }

  /** Fetches, decodes and applies one token; on success it becomes the current one. */
  async function obtain(reason: TokenReason): Promise<string> {
    const controller = new AbortController();
    abort = controller;
    let fresh: unknown;
    try {
      fresh = await fetchToken({ reason, signal: controller.signal });
    } catch (cause) {
      throwIfStopped();
      throw new TokenError('ERR_TOKEN_FETCH_FAILED', `fetchToken failed: ${messageOf(cause)}`, { cause });
    } finally {
      abort = undefined;
    }
    throwIfStopped();
    const receivedAt = now();
    const lifetime = tokenLifetime(fresh);
    const applied = fresh as string;
    try {
      await applyToken(applied, reason === 'initial' ? reason : isExpired() ? 'expired' : 'renew');
    } catch (cause) {
      throwIfStopped();
      throw new TokenError('ERR_TOKEN_APPLY_FAILED', `applyToken failed: ${messageOf(cause)}`, { cause });
    }
    throwIfStopped();
    // Measured from receipt with the token's own lifetime: the issue time is on the server's clock.
    const seconds = lifetime.seconds;
    token = applied;
    sdkSaysExpired = false;
    expiresAt = seconds === Infinity ? undefined : receivedAt + seconds * 1000;
    renewAt = seconds === Infinity ? undefined : receivedAt + (seconds > renewBeforeSeconds ? seconds - renewBeforeSeconds : seconds / 2) * 1000;
    return applied;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      endPause = resolve;
      timer = setTimeout(resolve, ms);
    });
  }

  async function renewUntilDone(): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const reason = isExpired() ? 'expired' : 'renew';
      try {
        return await obtain(reason);
      } catch (error) {
        throwIfStopped();
        // Fetch and apply failures are wrapped by obtain(); anything else comes from decoding.
        const failure = error instanceof TokenError ? error : new TokenError('ERR_MALFORMED_TOKEN', messageOf(error), { cause: error });
        const untilExpiry = expiresAt === undefined ? Infinity : expiresAt - now();
        // The last retry before expiry is timed to the expiry, so that it is reported when it happens.
        const retryInMs = reason === 'renew' && untilExpiry > 0 ? Math.min(retryDelay(attempt, retry), untilExpiry) : retryDelay(attempt, retry);
        report(failure, { reason, attempt, retryInMs });
        await pause(retryInMs);
        throwIfStopped();
        if (reason === 'renew' && isExpired()) {
          report(new TokenError('ERR_TOKEN_EXPIRED', `the token expired before a new one could be fetched (${attempt} failed attempts)`), {
            reason: 'expired',
            attempt,
          });
        }
      }
    }
  }

  function renew(expired: boolean): Promise<string> {
    if (state === 'stopped') return Promise.reject(stoppedError());
    if (state === 'idle') return Promise.reject(new TokenError('ERR_RENEWER_NOT_STARTED', 'call start() before renewNow()'));
    if (expired) sdkSaysExpired = true;
    if (state === 'starting') return started!;
    if (inFlight === undefined) {
      clearTimers();
      inFlight = renewUntilDone().finally(() => {
        inFlight = undefined;
        schedule();
      });
    }
    return inFlight;
  }

  /** Renews when the renewal time has passed on the wall clock, or waits for it. */
  function schedule(): void {
    if (state !== 'running' || inFlight !== undefined) return;
    clearTimers();
    if (renewAt === undefined) return;
    const wait = renewAt - now();
    if (wait <= 0) {
      renew(false).catch(ignore);
      return;
    }
    timer = setTimeout(schedule, Math.min(wait, MAX_TIMEOUT_MS));
    watchdog = setInterval(() => {
      if (now() >= renewAt!) schedule();
    }, CHECK_INTERVAL_MS);
  }

  return {
    start() {
      if (state === 'stopped') return Promise.reject(stoppedError());
      if (started !== undefined) return started;
      state = 'starting';
      started = obtain('initial').then(
        (first) => {
          state = 'running';
          unwatch = onPageVisible(schedule);
          schedule();
          return first;
        },
        (error: unknown) => {
          if (state === 'stopped') throw stoppedError();
          state = 'idle';
          started = undefined;
          throw error;
        },
      );
      return started;
    },
    stop() {
      state = 'stopped';
      clearTimers();
      endPause?.();
      abort?.abort(stoppedError());
      unwatch?.();
      unwatch = undefined;
    },
    renewNow(reason = 'renew') {
      return renew(reason === 'expired');
    },
    get token() {
      return token;
    },
    get expiresAt() {
      return expiresAt;
    },
  };
}
