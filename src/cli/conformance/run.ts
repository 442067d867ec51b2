import type { Ask, ConformanceCase, Verdict } from './cases.js';

/** The outcome of one vector. */
export type CaseResult = Omit<ConformanceCase, 'run'> & Verdict;

/** After this many requests in a row without an answer, the adapter is taken as dead. */
const MAX_SILENT_REQUESTS = 3;

/**
 * Runs the cases one after another. When the adapter stops answering (timeouts or exits on
 * {@link MAX_SILENT_REQUESTS} requests in a row) the remaining cases fail without being sent.
 */
export async function runCases(cases: ConformanceCase[], ask: Ask, onProgress?: (done: number, current: ConformanceCase) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let silent = 0;
  const counting: Ask = async (request) => {
    const reply = await ask(request);
    silent = 'failure' in reply ? silent + 1 : 0;
    return reply;
  };
  for (const [i, c] of cases.entries()) {
    onProgress?.(i, c);
    const { run, ...info } = c;
    const verdict: Verdict =
      silent >= MAX_SILENT_REQUESTS
        ? { status: 'fail', reason: `not run: the adapter gave no answer to ${MAX_SILENT_REQUESTS} requests in a row` }
        : await run(counting);
    results.push({ ...info, ...verdict });
  }
  return results;
}

/** Per-file and overall counts. */
export interface Tally {
  file: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

/** Counts per file, in the order the files were run, and the overall total last. */
export function tally(results: CaseResult[]): { files: Tally[]; all: Tally } {
  const files = new Map<string, Tally>();
  const all: Tally = { file: 'all files', total: 0, passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    let t = files.get(r.file);
    if (!t) files.set(r.file, (t = { file: r.file, total: 0, passed: 0, failed: 0, skipped: 0 }));
    for (const x of [t, all]) {
      x.total++;
      if (r.status === 'pass') x.passed++;
      else if (r.status === 'fail') x.failed++;
      else x.skipped++;
    }
  }
  return { files: [...files.values()], all };
}

/** The human report: a per-file table, every failure and skip with its reason, and a summary line. */
export function formatReport(results: CaseResult[]): string[] {
  const { files, all } = tally(results);
  const width = Math.max(...files.map((f) => f.file.length), all.file.length) + 2;
  const row = (t: Tally | Record<keyof Tally, string>): string =>
    `${String(t.file).padEnd(width)}${[t.total, t.passed, t.failed, t.skipped].map((n) => String(n).padStart(9)).join('')}`;
  const lines = [row({ file: 'file', total: 'vectors', passed: 'passed', failed: 'failed', skipped: 'skipped' }), ...files.map(row), row(all)];
  const notPassed = results.filter((r) => r.status !== 'pass');
  if (notPassed.length) lines.push('');
  for (const r of notPassed) {
    const reason = 'reason' in r ? r.reason : '';
    lines.push(`${r.status === 'fail' ? 'FAIL' : 'SKIP'} ${r.file} ${r.function} #${r.tcId} (${r.comment}): ${reason}`);
  }
  lines.push('');
  lines.push(
    all.failed === 0
      ? `ok: ${all.passed} of ${all.total} vectors passed${all.skipped ? `, ${all.skipped} skipped` : ''}`
      : `FAILED: ${all.failed} of ${all.total} vectors failed, ${all.passed} passed${all.skipped ? `, ${all.skipped} skipped` : ''}`,
  );
  return lines;
}
