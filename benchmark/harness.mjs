// Interleaved throughput measurement. A round is a run of short alternating slices (ours, theirs,
// theirs, ours, ...), so drift (thermal, GC pressure, other load) falls on both sides alike; each
// round yields one ops/s figure per side and their ratio. Time is the process's CPU time by default
// (user + system, all threads): on a shared machine the wall clock also counts the moments another
// process had the core, which land on one side or the other at random. --wall uses the wall clock.

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
let clock = cpuMs;

/** Chooses the clock: 'cpu' (default) or 'wall'. */
function useClock(kind) {
  clock = kind === 'wall' ? () => performance.now() : cpuMs;
}

/**
 * The options every benchmark script takes (--rounds N, --pairs N, --slice MS, --warmup MS,
 * --only id[,id], --wall, --json), with the script's own defaults; also switches the clock.
 */
export function readOptions(args, defaults) {
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const clockKind = args.includes('--wall') ? 'wall' : 'cpu';
  useClock(clockKind);
  return {
    rounds: Number(option('rounds', defaults.rounds)),
    pairs: Number(option('pairs', defaults.pairs)),
    sliceMs: Number(option('slice', defaults.sliceMs)),
    warmupMs: Number(option('warmup', 400)),
    only: option('only', ''),
    json: args.includes('--json'),
    clockKind,
  };
}

let sink = 0;

/** Calls fn(i) in batches for about `ms`; returns [calls, elapsed ms]. */
function slice(fn, ms, offset) {
  let calls = 0;
  const start = clock();
  let now = start;
  do {
    for (let k = 0; k < 64; k++) {
      const result = fn(offset + calls + k);
      // Kept observable so no engine can drop the call as dead code.
      sink = (sink + (typeof result === 'string' ? result.length : result ? 1 : 0)) | 0;
    }
    calls += 64;
    now = clock();
  } while (now - start < ms);
  return [calls, now - start];
}

/** A value derived from every result, printed so the results stay observable. */
export const checksum = () => sink;

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const summary = (values) => ({ min: Math.min(...values), median: median(values), max: Math.max(...values) });

/**
 * Runs every case for `rounds` rounds; a round is `pairs` pairs of `sliceMs` slices, the side that
 * goes first alternating. Warm-up: `warmupMs` per side before the first round.
 * @returns per case: ours and theirs { min, median, max } ops/s over rounds, and the per-round ratio
 */
export function runCases(cases, { rounds, pairs, sliceMs, warmupMs, onProgress = () => {} }) {
  const results = [];
  for (const c of cases) {
    slice(c.ours, warmupMs, 0);
    slice(c.theirs.fn, warmupMs, 0);
    const ours = [];
    const theirs = [];
    const ratios = [];
    for (let r = 0; r < rounds; r++) {
      const total = { ours: [0, 0], theirs: [0, 0] };
      const run = (side, fn) => {
        const [calls, ms] = slice(fn, sliceMs, total[side][0]);
        total[side][0] += calls;
        total[side][1] += ms;
      };
      for (let p = 0; p < pairs; p++) {
        if ((r + p) % 2 === 0) {
          run('ours', c.ours);
          run('theirs', c.theirs.fn);
        } else {
          run('theirs', c.theirs.fn);
          run('ours', c.ours);
        }
      }
      const o = (total.ours[0] * 1000) / total.ours[1];
      const t = (total.theirs[0] * 1000) / total.theirs[1];
      ours.push(o);
      theirs.push(t);
      ratios.push(o / t);
    }
    const result = { case: c, ours: summary(ours), theirs: summary(theirs), ratio: summary(ratios) };
    results.push(result);
    onProgress(result);
  }
  return results;
}
