/**
 * Calls `check` each time the page becomes visible again: a hidden or sleeping tab runs its timers
 * late or not at all. Outside browsers (no `document`) there is nothing to watch.
 *
 * @returns a function that stops watching
 */
export function onPageVisible(check: () => void): () => void {
  const doc = (globalThis as { document?: Document }).document;
  if (typeof doc?.addEventListener !== 'function') return () => {};
  const listener = (): void => {
    if (doc.visibilityState === 'visible') check();
  };
  doc.addEventListener('visibilitychange', listener);
  return () => doc.removeEventListener('visibilitychange', listener);
}
