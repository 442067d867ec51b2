/** Unix seconds as ISO 8601 without milliseconds: `2026-11-28T10:00:00Z`. */
export const isoTime = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');

/** A length of time in its largest whole unit: `45 s`, `23 min`, `5 h`, `3 d`. */
export function span(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 2 * 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** When an expiry falls relative to `now`: `in 23 min`, `expired 2 h ago`. */
export const untilExpiry = (at: number, now: number): string => (at > now ? `in ${span(at - now)}` : `expired ${span(now - at)} ago`);

/** When a past or future event falls relative to `now`: `12 min ago`, `in 5 s`. */
export const relative = (at: number, now: number): string => (at > now ? `in ${span(at - now)}` : at === now ? 'now' : `${span(now - at)} ago`);
