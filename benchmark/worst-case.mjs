// npm run bench:worst. The costliest valid tokens to decode (worst-case-tokens.mjs), each timed
// against node:zlib's inflateSync on the same zlib bytes. Prints our time as a multiple of zlib's;
// verifyToken also signs the whole payload (HMAC-SHA256), which zlib's side does not.
// Options: --rounds N, --pairs N, --slice MS, --warmup MS, --only id[,id], --wall, --json.
import os from 'node:os';
import { inflateSync } from 'node:zlib';
import { readOptions, runCases } from './harness.mjs';
import { CERTIFICATE, APP_ID } from './cases.mjs';
import { worstCaseTokens } from './worst-case-tokens.mjs';

const { rounds, pairs, sliceMs, warmupMs, only, json, clockKind } = readOptions(process.argv.slice(2), { rounds: 7, pairs: 6, sliceMs: 40 });

// The bar set in SECURITY.md: decoding costs at most this many times node:zlib's inflate.
const BAR = 3;

let kit;
try {
  kit = await import('../dist/index.js');
} catch {
  throw new Error('dist/index.js is missing: run `npm run build` first');
}
const payloadOf = (token) => Uint8Array.from(inflateSync(Buffer.from(token.slice(3), 'base64')));
// Two sets that differ in salt only: verifyToken keeps the last token's parse, so calls alternate.
const sets = [1, 2].map((salt) => worstCaseTokens(kit, payloadOf, { appId: APP_ID, appCertificate: CERTIFICATE, salt }));
const wanted = (t) => !only || only.split(',').includes(t.id);

const cases = [];
for (const [i, t] of sets[0].entries()) {
  if (!wanted(t)) continue;
  const pair = [t, sets[1][i]];
  for (const u of pair) {
    // Both sides must produce the payload, and the token must verify: an early error would be cheap.
    if (!Buffer.from(inflateSync(u.stream)).equals(Buffer.from(u.payload))) throw new Error(`${u.id}: node:zlib disagrees with the payload`);
    if (!kit.verifyToken(u.token, CERTIFICATE)) throw new Error(`${u.id}: the token does not verify`);
    if (u.token.length > 90_000) throw new Error(`${u.id}: the token is longer than MAX_TOKEN_LENGTH`);
  }
  const zlib = { name: 'node:zlib inflateSync', fn: (k) => inflateSync(pair[k & 1].stream).length };
  cases.push({ id: `${t.id}/decode`, name: `decodeToken, ${t.name}, ${t.token.length} characters`, ours: (k) => kit.decodeToken(pair[k & 1].token).salt, theirs: zlib });
  cases.push({ id: `${t.id}/verify`, name: `verifyToken (decode + HMAC of the payload), ${t.name}`, ours: (k) => kit.verifyToken(pair[k & 1].token, CERTIFICATE), theirs: zlib });
}

const cpus = os.cpus();
if (!json) {
  console.log(`Node ${process.version} · ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'} · load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} · ${clockKind === 'cpu' ? 'process CPU time' : 'wall clock'}`);
  console.log(`time per call as a multiple of node:zlib on the same bytes (bar: ≤ ${BAR}×)\n`);
}
const ms = (opsPerSecond) => (1000 / opsPerSecond).toFixed(2);
let worst = 0;
const results = runCases(cases, {
  rounds,
  pairs,
  sliceMs,
  warmupMs,
  onProgress: (r) => {
    // The harness reports ours ÷ theirs in calls per second; a cost multiple is its inverse.
    const cost = { median: 1 / r.ratio.median, min: 1 / r.ratio.max, max: 1 / r.ratio.min };
    worst = Math.max(worst, cost.median);
    r.cost = cost;
    if (json) return;
    console.log(r.case.name);
    console.log(`  agora-token-kit ${ms(r.ours.median)} ms, node:zlib ${ms(r.theirs.median)} ms`);
    console.log(`  ${cost.median.toFixed(2)}× zlib (per-round ${cost.min.toFixed(2)}× to ${cost.max.toFixed(2)}×)${cost.median <= BAR ? '' : '  OVER THE BAR'}`);
  },
});
if (json) {
  const rows = results.map((r) => ({ id: r.case.id, name: r.case.name, oursMs: 1000 / r.ours.median, zlibMs: 1000 / r.theirs.median, cost: r.cost }));
  console.log(JSON.stringify({ runtime: `Node ${process.version}`, load: os.loadavg(), clock: clockKind, bar: BAR, results: rows }, null, 2));
} else console.log(`\nworst median: ${worst.toFixed(2)}× node:zlib (bar ≤ ${BAR}×)`);
