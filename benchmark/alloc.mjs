// npm run bench:alloc — bytes allocated per call on the build and decode paths, next to the official
// packages. Heap growth over a batch of calls is only a per-call allocation figure if no garbage
// collection ran during the batch: the young generation is made large (--min/max-semi-space-size) and
// every batch during which a GC was observed is thrown away and measured again, smaller.
import { PerformanceObserver } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { makeCases } from './cases.mjs';
import { loadSubjects } from './subjects.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 (npm run bench:alloc does)');
  process.exit(2);
}

let collections = 0;
new PerformanceObserver((list) => {
  collections += list.getEntries().length;
}).observe({ entryTypes: ['gc'] });
// GC entries reach the observer a few event-loop turns after the collection.
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

const usage = () => {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
};

/** Allocation per call (JS heap + array buffers) over `calls` calls with no GC in between. */
async function allocatedPerCall(fn, calls) {
  for (let size = calls; size >= 250; size >>= 1) {
    for (let attempt = 0; attempt < 3; attempt++) {
      globalThis.gc();
      await settle();
      const seen = collections;
      const before = usage();
      for (let i = 0; i < size; i++) fn(i);
      const after = usage();
      await settle();
      if (collections === seen) return { heap: (after.heap - before.heap) / size, buffers: (after.buffers - before.buffers) / size, calls: size };
    }
  }
  throw new Error('a garbage collection ran during every batch; raise --min-semi-space-size and --max-semi-space-size');
}

/** Heap still held after a full GC, per call, over `calls` calls: anything above ~0 is a leak. */
async function retainedPerCall(fn, calls) {
  globalThis.gc();
  await settle();
  const before = usage().heap;
  for (let i = 0; i < calls; i++) fn(i);
  globalThis.gc();
  await settle();
  return (usage().heap - before) / calls;
}

const subjects = await loadSubjects();
const cases = makeCases(subjects, createRequire(import.meta.url)('agora-token/src/AccessToken2.js'));
const CALLS = 20_000;
const fmt = (bytes) => `${Math.round(bytes).toLocaleString('en-US')} B`;
// Array-buffer memory is accounted outside the heap and released lazily, so a batch can even show it
// shrinking; below zero means none measurable.
const fmtBuffers = (bytes) => (bytes < 0 ? '≈0 B' : fmt(bytes));

console.log(`Node ${process.version} · allocation per call over up to ${CALLS.toLocaleString('en-US')} calls without GC`);
console.log('(JS heap growth; array buffers outside the heap shown separately; retained = still held after a full GC)\n');
for (const c of cases) {
  // Warm up so that one-time work (JIT, scratch buffers, lookup tables) is not counted.
  for (let i = 0; i < 20_000; i++) {
    c.ours(i);
    c.theirs.fn(i);
  }
  const ours = await allocatedPerCall(c.ours, CALLS);
  const theirs = await allocatedPerCall(c.theirs.fn, CALLS);
  const retained = await retainedPerCall(c.ours, CALLS);
  console.log(c.name);
  console.log(`  agora-token-kit  ${fmt(ours.heap)} heap + ${fmtBuffers(ours.buffers)} buffers per call; retained ${fmt(retained)} per call`);
  console.log(`  ${c.theirs.name}  ${fmt(theirs.heap)} heap + ${fmtBuffers(theirs.buffers)} buffers per call`);
}
