// npm run bench:compare [-- REF] — this package against an earlier version of itself: the working
// tree (or --head REF) and REF (default HEAD~1) are each copied into a temporary folder that links
// this repository's node_modules, built there with their own tsup config, and measured side by side
// with the interleaved harness of run.mjs. Options: --head REF, --rounds N, --pairs N, --slice MS,
// --warmup MS, --only id[,id], --wall, --keep (leave the temporary folders). Node only.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildInput, CERTIFICATE, kitWorkloads, officialTokens } from './cases.mjs';
import { checksum, readOptions, runCases } from './harness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const valued = ['head', 'rounds', 'pairs', 'slice', 'warmup', 'only'];
const positional = args.filter((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1]?.slice(2)));
const baseRef = positional[0] ?? 'HEAD~1';
const headAt = args.indexOf('--head');
const headRef = headAt >= 0 && headAt + 1 < args.length ? args[headAt + 1] : undefined;
const { rounds, pairs, sliceMs, warmupMs, only, clockKind } = readOptions(args, { rounds: 7, pairs: 10, sliceMs: 20 });

const git = (...gitArgs) => execFileSync('git', gitArgs, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });

/** Writes the sources of `ref` (a commit) or of the working tree (`ref` undefined) into `dir`. */
function checkout(ref, dir) {
  mkdirSync(dir, { recursive: true });
  if (ref) {
    // git archive needs no second worktree, so the repository's own metadata is left untouched.
    execFileSync('tar', ['-x', '-C', dir], { input: execFileSync('git', ['archive', '--format=tar', ref], { cwd: root, maxBuffer: 256 << 20 }) });
    return;
  }
  // Tracked and new files as they are on disk, uncommitted changes included; ignored ones (dist,
  // node_modules) left out.
  for (const file of git('ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0')) {
    if (file && existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(dir, file));
  }
}

function build(ref, dir) {
  const short = ref && git('rev-parse', '--short', ref).trim();
  const label = !ref ? 'working tree' : short.startsWith(ref) ? short : `${ref} (${short})`;
  console.error(`building ${label} in ${dir}`);
  checkout(ref, dir);
  // A link, not an install: both builds use this repository's dependencies, so only the code differs.
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsup'), [], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return label;
}

async function load(dir) {
  const entry = (name) => pathToFileURL(path.join(dir, 'dist', `${name}.js`)).href;
  const kit006 = existsSync(path.join(dir, 'dist', '006.js')) ? await import(entry('006')) : undefined;
  return { kit: await import(entry('index')), kit006 };
}

function fail(message) {
  throw new Error(`the two builds disagree: ${message}`);
}

const temp = mkdtempSync(path.join(os.tmpdir(), 'agora-token-kit-compare-'));
try {
  const headLabel = build(headRef, path.join(temp, 'head'));
  const baseLabel = build(baseRef, path.join(temp, 'base'));
  const head = await load(path.join(temp, 'head'));
  const base = await load(path.join(temp, 'base'));

  const require = createRequire(import.meta.url);
  const agoraTokenModule = require('agora-token/src/AccessToken2.js');
  const tokens = officialTokens({ AccessToken2: agoraTokenModule.AccessToken2 }, agoraTokenModule);
  const headSide = kitWorkloads(head.kit, head.kit006, tokens);
  const baseSide = kitWorkloads(base.kit, base.kit006, tokens);

  // Each build must accept the other's tokens and read the same services, so that a faster wrong
  // build cannot pass for a faster right one.
  for (let i = 0; i < 8; i++) {
    const fromHead = headSide.build007(i);
    const fromBase = baseSide.build007(i);
    if (!head.kit.verifyToken(fromBase, CERTIFICATE) || !base.kit.verifyToken(fromHead, CERTIFICATE)) fail(`007 token ${i} does not cross-verify`);
    if (JSON.stringify(head.kit.decodeToken(fromBase).services) !== JSON.stringify(base.kit.decodeToken(fromHead).services)) fail(`007 services ${i}`);
    if (headSide.decodeVerify007(i) !== true || baseSide.decodeVerify007(i) !== true) fail(`official token ${i} does not verify`);
    if (headSide.build006 && baseSide.build006) {
      const context = buildInput(i);
      if (!head.kit.verifyToken(baseSide.build006(i), CERTIFICATE, context) || !base.kit.verifyToken(headSide.build006(i), CERTIFICATE, context)) fail(`006 token ${i} does not cross-verify`);
    }
  }

  const names = {
    build007: '007 RTC build (buildTokenWithUid, publisher)',
    decode007: '007 decodeToken',
    decodeVerify007: '007 decodeToken + verifyToken',
    verify007: '007 verifyToken alone',
    build006: '006 RTC build (buildTokenWithUid, publisher)',
  };
  let cases = Object.keys(names)
    .filter((id) => headSide[id] && baseSide[id])
    .map((id) => ({ id, name: names[id], ours: headSide[id], theirs: { name: baseLabel, fn: baseSide[id] }, target: {} }));
  if (only) cases = cases.filter((c) => only.split(',').includes(c.id));

  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const cpus = os.cpus();
  console.log(`Node ${process.version} · ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'} · load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${rounds} rounds × ${pairs} alternating ${sliceMs} ms slices per side · ${clockKind === 'cpu' ? 'process CPU time' : 'wall clock'}\n`);
  const width = Math.max(...cases.map((c) => c.name.length));
  const headWidth = Math.max(14, headLabel.length);
  const baseWidth = Math.max(14, baseLabel.length);
  console.log(`${'case'.padEnd(width)}  ${headLabel.padStart(headWidth)}  ${baseLabel.padStart(baseWidth)}  head/base (per-round min–max)`);
  runCases(cases, {
    rounds,
    pairs,
    sliceMs,
    warmupMs,
    onProgress: (r) => {
      const ratio = `${r.ratio.median.toFixed(3)}×  (${r.ratio.min.toFixed(3)}–${r.ratio.max.toFixed(3)})`;
      console.log(`${r.case.name.padEnd(width)}  ${`${fmt(r.ours.median)}/s`.padStart(headWidth)}  ${`${fmt(r.theirs.median)}/s`.padStart(baseWidth)}  ${ratio}`);
    },
  });
  console.log(`\n(load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; checksum ${checksum()})`);
} finally {
  if (args.includes('--keep')) console.error(`kept ${temp}`);
  else rmSync(temp, { recursive: true, force: true });
}
