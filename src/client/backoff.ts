/** How a failed renewal is retried: exponential backoff with jitter, capped. */
export interface RetryOptions {
  /** Delay before the first retry, in ms (default 1000). */
  initialDelayMs?: number;
  /** No retry waits longer than this, in ms (default 30 000). */
  maxDelayMs?: number;
}

export interface RetrySettings {
  initialDelayMs: number;
  maxDelayMs: number;
}

function positiveMs(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new RangeError(`"${name}" must be a positive number of ms, got ${String(value)}`);
  return value;
}

/** The retry settings with their defaults, checked. */
export function retrySettings(options: RetryOptions | undefined): RetrySettings {
  const initialDelayMs = positiveMs(options?.initialDelayMs, 1000, 'retry.initialDelayMs');
  const maxDelayMs = positiveMs(options?.maxDelayMs, 30_000, 'retry.maxDelayMs');
  if (maxDelayMs < initialDelayMs) throw new RangeError(`"retry.maxDelayMs" (${maxDelayMs}) is below "retry.initialDelayMs" (${initialDelayMs})`);
  return { initialDelayMs, maxDelayMs };
}

/**
 * The wait before retry number `attempt` (1, 2, …): the doubled delay, capped, of which a random
 * half is dropped, so that clients that failed together do not retry together.
 */
export function retryDelay(attempt: number, { initialDelayMs, maxDelayMs }: RetrySettings): number {
  const full = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
  return full / 2 + (Math.random() * full) / 2;
}
