import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenRenewer, type FetchTokenContext, type RenewalErrorInfo, TokenError, type TokenReason, type TokenRenewerOptions } from '../src/client/index.js';
import { nowSeconds, rtcToken, token006 } from './support/client-tokens.js';

const START = new Date('2026-12-01T10:00:00Z');

/** A renewer whose fetches, applications and errors are recorded. */
function setup(tokens: () => string | Promise<string>, options: Partial<TokenRenewerOptions> = {}) {
  const fetches: FetchTokenContext[] = [];
  const applied: { token: string; reason: TokenReason; at: number }[] = [];
  const errors: { error: TokenError; info: RenewalErrorInfo; at: number }[] = [];
  const renewer = createTokenRenewer({
    fetchToken: (context) => {
      fetches.push(context);
      return tokens();
    },
    applyToken: (token, reason) => {
      applied.push({ token, reason, at: Date.now() });
    },
    onError: (error, info) => errors.push({ error, info, at: Date.now() }),
    ...options,
  });
  return { renewer, fetches, applied, errors };
}

const seconds = (s: number) => s * 1000;
const elapsed = (at: number) => (at - START.getTime()) / 1000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('createTokenRenewer: the first token', () => {
  it('start() fetches with reason initial, applies it with reason initial and resolves with it', async () => {
    const token = rtcToken(600);
    const { renewer, fetches, applied } = setup(() => token);
    await expect(renewer.start()).resolves.toBe(token);
    expect(fetches.map((f) => f.reason)).toEqual(['initial']);
    expect(fetches[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(applied).toEqual([{ token, reason: 'initial', at: START.getTime() }]);
    expect(renewer.token).toBe(token);
    expect(renewer.expiresAt).toBe(START.getTime() + seconds(600));
    renewer.stop();
  });

  it('start() twice is one start', async () => {
    const { renewer, fetches } = setup(() => rtcToken(600));
    const [a, b] = await Promise.all([renewer.start(), renewer.start()]);
    expect(a).toBe(b);
    expect(fetches).toHaveLength(1);
    renewer.stop();
  });

  it('a token that never expires (all zeros) is applied and never renewed', async () => {
    const { renewer, fetches } = setup(() => rtcToken(0, 0));
    await renewer.start();
    expect(renewer.expiresAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(seconds(86_400 * 3));
    expect(fetches).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    renewer.stop();
  });
});

describe('createTokenRenewer: scheduling from the decoded token', () => {
  it('renews renewBeforeSeconds before the earliest expiry: a privilege that ends before the token', async () => {
    const { renewer, fetches, applied } = setup(() => rtcToken(3600, 600));
    await renewer.start();
    expect(renewer.expiresAt).toBe(START.getTime() + seconds(600));
    await vi.advanceTimersByTimeAsync(seconds(570) - 1);
    expect(fetches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetches.map((f) => f.reason)).toEqual(['initial', 'renew']);
    expect(applied.map((a) => [a.reason, elapsed(a.at)])).toEqual([
      ['initial', 0],
      ['renew', 570],
    ]);
    // The next one is measured from the new token's receipt.
    await vi.advanceTimersByTimeAsync(seconds(570));
    expect(applied.map((a) => elapsed(a.at))).toEqual([0, 570, 1140]);
    renewer.stop();
  });

  it('uses the token expiry when it comes first, and honours renewBeforeSeconds', async () => {
    const { renewer, applied } = setup(() => rtcToken(300, 3600), { renewBeforeSeconds: 60 });
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(240));
    expect(applied.map((a) => [a.reason, elapsed(a.at)])).toEqual([
      ['initial', 0],
      ['renew', 240],
    ]);
    renewer.stop();
  });

  it('renews a token shorter-lived than renewBeforeSeconds half-way, not at once', async () => {
    const { renewer, applied } = setup(() => rtcToken(20));
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(10) - 1);
    expect(applied).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(applied.map((a) => elapsed(a.at))).toEqual([0, 10]);
    renewer.stop();
  });

  it('reads a 006 token: the earliest privilege timestamp, measured from its issue (ts − 1 day)', async () => {
    const { renewer, applied } = setup(() => token006({ 1: nowSeconds() + 900, 2: nowSeconds() + 300, 3: 0 }));
    await renewer.start();
    expect(renewer.expiresAt).toBe(START.getTime() + seconds(300));
    await vi.advanceTimersByTimeAsync(seconds(270));
    expect(applied.map((a) => [a.reason, elapsed(a.at)])).toEqual([
      ['initial', 0],
      ['renew', 270],
    ]);
    renewer.stop();
  });

  it('a 006 token without privileges lives its one day', async () => {
    const { renewer } = setup(() => token006({}));
    await renewer.start();
    expect(renewer.expiresAt).toBe(START.getTime() + seconds(86_400));
    renewer.stop();
  });

  it.each([
    ['10 minutes ahead of', -600],
    ['10 minutes behind', 600],
  ])('renews on time with a local clock %s the token server', async (_, serverOffset) => {
    // The server's clock is START + offset; the token says so in its issueTs.
    const { renewer, applied } = setup(() => rtcToken(600, 600, nowSeconds() + serverOffset));
    await renewer.start();
    expect(renewer.expiresAt).toBe(START.getTime() + seconds(600));
    await vi.advanceTimersByTimeAsync(seconds(570) - 1);
    expect(applied).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(applied.map((a) => [a.reason, elapsed(a.at)])).toEqual([
      ['initial', 0],
      ['renew', 570],
    ]);
    renewer.stop();
  });

  it('with an injected local clock 10 minutes fast, expiresAt is on that clock and renewal still comes on time', async () => {
    const fast = () => Date.now() + seconds(600);
    const { renewer, applied } = setup(() => rtcToken(600), { now: fast });
    await renewer.start();
    expect(renewer.expiresAt).toBe(fast() + seconds(600));
    await vi.advanceTimersByTimeAsync(seconds(570) - 1);
    expect(applied).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(applied.map((a) => a.reason)).toEqual(['initial', 'renew']);
    renewer.stop();
  });
});

describe('createTokenRenewer: sleep and concurrent triggers', () => {
  it('a tab that slept past the deadline renews at once when it becomes visible, with reason expired', async () => {
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('document', doc);
    const { renewer, applied, fetches } = setup(() => rtcToken(600));
    await renewer.start();
    doc.visibilityState = 'hidden';
    // The wall clock moves on while no timer runs: a suspended device.
    vi.setSystemTime(START.getTime() + seconds(900));
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetches).toHaveLength(1);
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetches.map((f) => f.reason)).toEqual(['initial', 'expired']);
    expect(applied.map((a) => [a.reason, elapsed(a.at)])).toEqual([
      ['initial', 0],
      ['expired', 900],
    ]);
    renewer.stop();
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fetches).toHaveLength(2);
  });

  it('without a visibility event, a late timer compares the deadline with the wall clock', async () => {
    const { renewer, applied } = setup(() => rtcToken(600));
    await renewer.start();
    vi.setSystemTime(START.getTime() + seconds(580));
    // The next timer step (at most 15 s) fires and finds the renewal time passed, not the expiry.
    await vi.advanceTimersByTimeAsync(seconds(15));
    expect(applied.map((a) => a.reason)).toEqual(['initial', 'renew']);
    renewer.stop();
  });

  it('an SDK event at the moment of the timer causes one fetch', async () => {
    let release!: (token: string) => void;
    const { renewer, fetches, applied } = setup(() => (fetches.length === 1 ? rtcToken(600) : new Promise<string>((r) => (release = r))));
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(570));
    const fromEvent = renewer.renewNow();
    const again = renewer.renewNow('expired');
    expect(fetches).toHaveLength(2);
    const fresh = rtcToken(600);
    release(fresh);
    await expect(fromEvent).resolves.toBe(fresh);
    await expect(again).resolves.toBe(fresh);
    expect(fetches).toHaveLength(2);
    // The SDK said the token expired while the fetch was in flight: the new one is applied as a rejoin.
    expect(applied.map((a) => a.reason)).toEqual(['initial', 'expired']);
    renewer.stop();
  });

  it('renewNow() before start() and after stop() rejects', async () => {
    const { renewer, fetches } = setup(() => rtcToken(600));
    await expect(renewer.renewNow()).rejects.toMatchObject({ code: 'ERR_RENEWER_NOT_STARTED' });
    await renewer.start();
    renewer.stop();
    await expect(renewer.renewNow()).rejects.toMatchObject({ code: 'ERR_RENEWER_STOPPED' });
    await expect(renewer.start()).rejects.toMatchObject({ code: 'ERR_RENEWER_STOPPED' });
    expect(fetches).toHaveLength(1);
  });
});

describe('createTokenRenewer: failures', () => {
  it('retries a failing fetch with capped, jittered exponential backoff, reports the expiry, then recovers', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    let failing = false;
    const { renewer, fetches, applied, errors } = setup(
      () => {
        if (failing) throw new Error('503 from the token server');
        return rtcToken(600);
      },
      { retry: { initialDelayMs: 1000, maxDelayMs: 8000 } },
    );
    await renewer.start();
    failing = true;
    await vi.advanceTimersByTimeAsync(seconds(570));
    // 570 s: first failure; then waits of 1, 2, 4, 8, 8 s (random() = 1: the full delay), and the
    // last is cut to 7 s so that the attempt at 600 s, the expiry, reports it.
    await vi.advanceTimersByTimeAsync(seconds(29));
    const waits = errors.map((e) => e.info.retryInMs);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 7000]);
    expect(errors.every((e) => e.error.code === 'ERR_TOKEN_FETCH_FAILED' && e.info.reason === 'renew')).toBe(true);
    expect(errors[0]!.error.message).toContain('503 from the token server');
    expect(errors[0]!.error.cause).toBeInstanceOf(Error);
    const beforeExpiry = errors.length;
    await vi.advanceTimersByTimeAsync(seconds(1));
    const expiry = errors.slice(beforeExpiry).find((e) => e.error.code === 'ERR_TOKEN_EXPIRED');
    expect(expiry && elapsed(expiry.at)).toBe(600);
    expect(expiry!.info.reason).toBe('expired');
    expect(errors.filter((e) => e.error.code === 'ERR_TOKEN_EXPIRED')).toHaveLength(1);
    expect(fetches.at(-1)!.reason).toBe('expired');
    // Past expiry it keeps trying at the cap, with reason expired, and applies the new token so.
    await vi.advanceTimersByTimeAsync(seconds(60));
    expect(errors.filter((e) => e.error.code === 'ERR_TOKEN_EXPIRED')).toHaveLength(1);
    expect(errors.at(-1)!.info).toMatchObject({ reason: 'expired', retryInMs: 8000 });
    failing = false;
    await vi.advanceTimersByTimeAsync(seconds(8));
    expect(applied.map((a) => a.reason)).toEqual(['initial', 'expired']);
    const attempts = fetches.length;
    await vi.advanceTimersByTimeAsync(seconds(60));
    expect(fetches).toHaveLength(attempts);
    renewer.stop();
  });

  it('keeps each retry wait within [half, full] of the doubled delay', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    const { renewer, errors } = setup(() => (errors.length === 0 && renewer.token === undefined ? rtcToken(3600) : Promise.reject(new Error('down'))), {
      retry: { initialDelayMs: 1000, maxDelayMs: 4000 },
    });
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(3570));
    await vi.advanceTimersByTimeAsync(seconds(20));
    expect(errors.slice(0, 5).map((e) => e.info.retryInMs)).toEqual([500, 1000, 2000, 2000, 2000]);
    random.mockReturnValue(0.5);
    const at = errors.length;
    await vi.advanceTimersByTimeAsync(seconds(10));
    expect(errors.slice(at).map((e) => e.info.retryInMs)).toContain(3000);
    renewer.stop();
  });

  it('a token it cannot decode on renewal goes to onError and is retried, not applied', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    let next = 'not a token';
    const { renewer, applied, errors } = setup(() => (renewer.token === undefined ? rtcToken(600) : next));
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(570));
    expect(errors[0]!.error.code).toBe('ERR_UNSUPPORTED_VERSION');
    next = '007' + 'x'.repeat(40);
    await vi.advanceTimersByTimeAsync(seconds(1));
    expect(errors[1]!.error.code).toBe('ERR_MALFORMED_TOKEN');
    expect(applied).toHaveLength(1);
    next = rtcToken(600);
    await vi.advanceTimersByTimeAsync(seconds(2));
    expect(applied.map((a) => a.reason)).toEqual(['initial', 'renew']);
    renewer.stop();
  });

  it('a failing applyToken is reported with the SDK error as cause and retried', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const sdkError = new Error('INVALID_OPERATION');
    let calls = 0;
    const errors: TokenError[] = [];
    const renewer = createTokenRenewer({
      fetchToken: () => rtcToken(600),
      applyToken: () => {
        calls++;
        if (calls === 2) throw sdkError;
      },
      onError: (e) => errors.push(e),
    });
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(571));
    expect(errors.map((e) => e.code)).toEqual(['ERR_TOKEN_APPLY_FAILED']);
    expect(errors[0]!.cause).toBe(sdkError);
    expect(calls).toBe(3);
    renewer.stop();
  });

  it.each([
    ['undecodable', () => 'not a token', 'ERR_UNSUPPORTED_VERSION'],
    ['truncated', () => rtcToken(600).slice(0, 30), 'ERR_MALFORMED_TOKEN'],
    ['not a string', () => 42 as unknown as string, 'ERR_MALFORMED_TOKEN'],
    ['already expired (006, its privilege ended before issue)', () => token006({ 1: nowSeconds() - 60 }), 'ERR_TOKEN_EXPIRED'],
  ])('start() rejects a token that is %s, applies nothing and schedules nothing', async (_, make, code) => {
    const { renewer, applied, errors } = setup(make);
    const error = await renewer.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect(error).toMatchObject({ code });
    expect(applied).toHaveLength(0);
    expect(errors).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('start() rejects when fetchToken fails, and may be called again', async () => {
    let fail = true;
    const { renewer } = setup(() => (fail ? Promise.reject(new Error('offline')) : rtcToken(600)));
    await expect(renewer.start()).rejects.toMatchObject({ code: 'ERR_TOKEN_FETCH_FAILED', message: expect.stringContaining('offline') });
    fail = false;
    await expect(renewer.start()).resolves.toMatch(/^007/);
    renewer.stop();
  });

  it('an onError that throws does not end the retries or skip the backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const fetched: number[] = [];
    const renewer = createTokenRenewer({
      fetchToken: () => {
        fetched.push(elapsed(Date.now()));
        return renewer.token === undefined ? rtcToken(600) : Promise.reject(new Error('down'));
      },
      applyToken: () => {},
      onError: () => {
        throw new Error('bug in the app');
      },
    });
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(577));
    expect(fetched).toEqual([0, 570, 571, 573, 577]);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ message: 'bug in the app' }));
    renewer.stop();
  });

  it('reports through console.error when no onError is given', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const renewer = createTokenRenewer({
      fetchToken: () => (renewer.token === undefined ? rtcToken(600) : Promise.reject(new Error('down'))),
      applyToken: () => {},
    });
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(570));
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_TOKEN_FETCH_FAILED' }));
    renewer.stop();
  });

  it.each([
    [{ fetchToken: undefined }, TypeError, /fetchToken/],
    [{ applyToken: 'no' }, TypeError, /applyToken/],
    [{ renewBeforeSeconds: -1 }, RangeError, /renewBeforeSeconds/],
    [{ renewBeforeSeconds: Number.NaN }, RangeError, /renewBeforeSeconds/],
    [{ retry: { initialDelayMs: 0 } }, RangeError, /retry.initialDelayMs/],
    [{ retry: { initialDelayMs: 5000, maxDelayMs: 1000 } }, RangeError, /retry.maxDelayMs/],
  ])('refuses invalid options %o', (bad, type, message) => {
    const options = { fetchToken: () => '', applyToken: () => {}, ...bad } as unknown as TokenRenewerOptions;
    expect(() => createTokenRenewer(options)).toThrow(type);
    expect(() => createTokenRenewer(options)).toThrow(message);
  });
});

describe('createTokenRenewer: stop()', () => {
  it('aborts a fetch in flight; what it returns later is not applied and nothing runs afterwards', async () => {
    let release!: (token: string) => void;
    const { renewer, fetches, applied, errors } = setup(() => (fetches.length === 1 ? rtcToken(600) : new Promise<string>((r) => (release = r))));
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(570));
    const pending = renewer.renewNow();
    expect(fetches[1]!.signal.aborted).toBe(false);
    renewer.stop();
    expect(fetches[1]!.signal.aborted).toBe(true);
    expect(fetches[1]!.signal.reason).toMatchObject({ code: 'ERR_RENEWER_STOPPED' });
    release(rtcToken(600));
    await expect(pending).rejects.toMatchObject({ code: 'ERR_RENEWER_STOPPED' });
    expect(applied).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(seconds(86_400));
    expect(fetches).toHaveLength(2);
    expect(errors).toHaveLength(0);
  });

  it('during start() rejects start and applies nothing', async () => {
    let release!: (token: string) => void;
    const { renewer, applied } = setup(() => new Promise<string>((r) => (release = r)));
    const started = renewer.start();
    renewer.stop();
    release(rtcToken(600));
    await expect(started).rejects.toMatchObject({ code: 'ERR_RENEWER_STOPPED' });
    expect(applied).toHaveLength(0);
  });

  it('during a retry wait ends the wait: no timer is left', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const { renewer, fetches } = setup(() => (fetches.length === 1 ? rtcToken(600) : Promise.reject(new Error('down'))));
    await renewer.start();
    await vi.advanceTimersByTimeAsync(seconds(570));
    expect(vi.getTimerCount()).toBe(1);
    renewer.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(seconds(3600));
    expect(fetches).toHaveLength(2);
  });
});
