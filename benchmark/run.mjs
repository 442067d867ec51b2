// npm run bench (Node), npm run bench:deno, npm run bench:bun. Options: --rounds N, --pairs N,
// --slice MS, --warmup MS, --only id[,id], --wall (wall clock instead of CPU time), --json.
import os from 'node:os';
import { createRequire } from 'node:module';
import { makeCases } from './cases.mjs';
import { checksum, readOptions, runCases } from './harness.mjs';
import { loadSubjects } from './subjects.mjs';

const { rounds, pairs, sliceMs, warmupMs, only, json, clockKind } = readOptions(globalThis.Deno ? Deno.args : process.argv.slice(2), { rounds: 7, pairs: 10, sliceMs: 20 });

const runtime = globalThis.Deno
  ? { id: 'deno', label: `Deno ${Deno.version.deno}` }
  : process.versions.bun
    ? { id: 'bun', label: `Bun ${process.versions.bun}` }
    : { id: 'node', label: `Node ${process.version}` };

const subjects = await loadSubjects();
const agoraTokenModule = createRequire(import.meta.url)('agora-token/src/AccessToken2.js');
let cases = makeCases(subjects, agoraTokenModule);
if (only) cases = cases.filter((c) => only.split(',').includes(c.id));

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const cpus = os.cpus();
if (!json) {
  console.log(`${runtime.label} · ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'} · ${rounds} rounds × ${pairs} alternating ${sliceMs} ms slices per side · ${clockKind === 'cpu' ? 'process CPU time' : 'wall clock'}`);
  if (!subjects.kit006) console.log('dist/006.js not built: the 006 case is skipped');
  console.log('');
}

const results = runCases(cases, {
  rounds,
  pairs,
  sliceMs,
  warmupMs,
  onProgress: (r) => {
    if (json) return;
    const target = r.case.target[runtime.id] ?? r.case.target.other;
    const verdict = target === undefined ? '' : r.ratio.median >= target ? `  target ≥ ${target}×: met` : `  target ≥ ${target}×: NOT MET`;
    console.log(r.case.name);
    console.log(`  agora-token-kit  ${fmt(r.ours.median)} ops/s  (min ${fmt(r.ours.min)}, max ${fmt(r.ours.max)})`);
    console.log(`  ${r.case.theirs.name}  ${fmt(r.theirs.median)} ops/s  (min ${fmt(r.theirs.min)}, max ${fmt(r.theirs.max)})`);
    console.log(`  ratio ${r.ratio.median.toFixed(2)}×  (per-round min ${r.ratio.min.toFixed(2)}×, max ${r.ratio.max.toFixed(2)}×)${verdict}`);
  },
});

if (json) {
  const rows = results.map((r) => ({
    id: r.case.id,
    name: r.case.name,
    competitor: r.case.theirs.name,
    ours: r.ours,
    theirs: r.theirs,
    ratio: r.ratio,
    target: r.case.target[runtime.id] ?? r.case.target.other ?? null,
  }));
  console.log(JSON.stringify({ runtime: runtime.label, cpus: cpus.length, clock: clockKind, rounds, pairs, sliceMs, results: rows }, null, 2));
} else {
  console.log(`\n(checksum ${checksum()})`);
}
