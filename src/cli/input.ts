import { InvalidArgumentError } from 'commander';
import { usageError } from './output.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * A duration in whole seconds: `3600`, `90s`, `15m`, `1h`, `1d`, or a sum such as `1h30m`.
 * Used as a commander argument parser, so errors are `InvalidArgumentError` (exit 2).
 */
export function parseDuration(text: string): number {
  const parts = /^(?:\d+[smhd]?)+$/.test(text) ? text.match(/\d+[smhd]?/g) : null;
  if (!parts) throw new InvalidArgumentError('expected a duration such as 3600, 90s, 15m, 1h or 1h30m');
  let total = 0;
  for (const part of parts) {
    const unit = /[smhd]$/.test(part) ? part.slice(-1) : 's';
    total += Number.parseInt(part, 10) * (UNIT_SECONDS[unit] ?? 1);
  }
  if (total > 0xffffffff) throw new InvalidArgumentError('must be at most 4294967295 seconds');
  return total;
}

/** A decimal integer in [min, max]; commander argument parser. */
export const integerIn =
  (min: number, max: number) =>
  (text: string): number => {
    const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return value;
  };

/** A uid: an integer from 0 to 4294967295 (0 = any user). */
export const parseUid = integerIn(0, 0xffffffff);

/** A point in time as Unix seconds: an ISO 8601 date (`2026-11-28T10:00:00Z`) or Unix seconds. */
export function parseTime(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new InvalidArgumentError('expected an ISO 8601 date such as 2026-11-28T10:00:00Z, or Unix seconds');
  return Math.floor(ms / 1000);
}

/**
 * The token argument, or the whole of stdin when it is `-`. Surrounding whitespace is trimmed either
 * way: a pasted token often carries a space or newline, and a token never contains one.
 */
export async function readToken(arg: string): Promise<string> {
  if (arg !== '-') return arg.trim();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') throw usageError('no token on stdin');
  return text;
}
