#!/usr/bin/env node
// Long fuzz run of decodeToken and verifyToken: `npm run fuzz -- [--runs N] [--seconds S] [--seed X]`.
// Feeds mutated tokens (text, base64-body and payload-level edits, splices, extreme length prefixes,
// zlib bombs, random strings) to the current sources and reports inputs per second and every
// unexpected outcome: an exception that is not a TokenError, a wrong result type, a result that
// changes between two decodes of the same string, or one input taking longer than SLOW_MS.
// New crashers are appended to test/regressions/decode-crashers.json, which test/hostile.test.ts replays;
// they have no pinned `error` yet, so the suite fails on them until the cause is fixed and the code pinned.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '600' },
    seed: { type: 'string', default: String(Date.now() >>> 0) },
  },
});
const RUNS = Number(args.runs);
const SECONDS = Number(args.seconds);
const SEED = Number(args.seed) >>> 0;
const SLOW_MS = 200;
const CERT = '3cc7461c96496a9a6af39be6805a28d1';
const CRASHERS = join(root, 'test/regressions/decode-crashers.json');

// The sources, bundled in memory: no build step, and dist/ is left alone for the other suites.
const bundle = await build({
  stdin: {
    contents: "export * from './src/index.ts'; export * as m from './test/support/token-mutations.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
  logLevel: 'error',
});
const lib = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
const { m, TokenError, decodeToken, verifyToken, buildToken } = lib;

// mulberry32: small, seedable, good enough to pick mutations.
let state = SEED;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
};
const int = (n) => Math.floor(rand() * n);
const pick = (list) => list[int(list.length)];

// Corpus: every token in the shipped vectors plus freshly built ones of every service type.
const corpus = new Set();
const collect = (value) => {
  if (typeof value === 'string' && /^00[67][A-Za-z0-9+/]{20,}={0,2}$/.test(value)) corpus.add(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v);
};
for (const file of readdirSync(join(root, 'vectors')).filter((f) => f.endsWith('.json'))) {
  collect(JSON.parse(readFileSync(join(root, 'vectors', file), 'utf8')));
}
const APP_ID = '3327194369a09232ae4bc396b00f86ff';
const serviceFor = (type) => ({
  type,
  privileges: Object.fromEntries(Array.from({ length: int(4) }, () => [int(0x10000), int(0x1_0000_0000)])),
  channelName: `c${int(1e6)}`,
  uid: pick([0, 1, 0xffffffff, '', 'acc', '__proto__']),
  account: 'constructor',
  userId: pick(['alice', 42, '']),
  roomUuid: 'room',
  userUuid: 'u',
  role: pick([-1, 0, 1, 2]),
  permissions: [{ resourceType: int(5), permissionType: int(2), resources: ['__proto__', 'r'] }],
});
for (let i = 0; i < 200; i++) {
  const services = Array.from({ length: 1 + int(3) }, () => serviceFor(1 + int(11)));
  corpus.add(buildToken({ appId: APP_ID, appCertificate: CERT, expire: int(86401), issueTs: int(2 ** 32), salt: int(2 ** 32), services }));
}
const seeds = [...corpus];
const bombs = [65535, 65536, 1 << 20].map((n) => m.zlibBomb(n));
// Mutants that still decode are kept (bounded), so edits stack and reach deeper code.
const pool = [];

const randomBytes = (n) => Uint8Array.from({ length: n }, () => int(256));
const u16Value = () => (rand() < 0.7 ? pick(m.EXTREME_U16) : int(0x10000));

function mutatePayload(token) {
  let payload;
  try {
    payload = m.payload007(token);
  } catch {
    return mutateBody(token);
  }
  switch (int(6)) {
    case 0:
      payload = m.flipBit(payload, int(payload.length), int(8));
      break;
    case 1: {
      let offsets = [];
      try {
        offsets = m.lengthPrefixOffsets(payload);
      } catch {
        // a stacked edit already broke the layout: fall back to any offset
      }
      payload = m.setU16(payload, offsets.length ? pick(offsets) : int(payload.length), u16Value());
      break;
    }
    case 2:
      payload = m.setU32(payload, int(payload.length), rand() < 0.7 ? pick(m.EXTREME_U32) : int(2 ** 32));
      break;
    case 3:
      payload = m.insertBytes(payload, int(payload.length + 1), randomBytes(1 + int(8)));
      break;
    case 4:
      payload = m.removeRange(payload, int(payload.length + 1), 1 + int(16));
      break;
    default: {
      let other;
      try {
        other = m.payload007(pick(seeds));
      } catch {
        other = randomBytes(64);
      }
      payload = m.splice(payload, other, int(payload.length + 1), int(other.length + 1));
    }
  }
  const level = pick([0, 1, 6, 9, 'stored']);
  return level === 'stored' ? m.storedToken007(payload) : m.token007(payload, level);
}

function mutateBody(token) {
  let body;
  try {
    body = m.bodyBytes(token);
  } catch {
    return mutateText(token);
  }
  switch (int(5)) {
    case 0:
      body = m.flipBit(body, int(body.length), int(8));
      break;
    case 1:
      body = m.setU16(body, int(body.length), u16Value());
      break;
    case 2:
      body = m.insertBytes(body, int(body.length + 1), randomBytes(1 + int(8)));
      break;
    case 3:
      body = m.removeRange(body, int(body.length + 1), 1 + int(8));
      break;
    default:
      body = body.slice(0, int(body.length + 1));
  }
  return m.withBody(token, body);
}

function mutateText(token) {
  const t = m.textEdits;
  switch (int(9)) {
    case 0:
      return t.base64Char(token, int(token.length), int(64));
    case 1:
      return t.replaceChar(token, int(token.length), String.fromCharCode(int(0x10000)));
    case 2:
      return token.slice(0, int(token.length + 1));
    case 3: {
      const other = pick(seeds);
      return m.splice(token, other, int(token.length + 1), int(other.length + 1));
    }
    case 4:
      return t.lineBreaks(token, 1 + int(80));
    case 5:
      return t.urlSafe(token);
    case 6:
      return rand() < 0.5 ? t.stripPadding(token) : t.extraPadding(token);
    case 7:
      return m.removeRange(token, int(token.length + 1), 1 + int(8));
    default:
      return pick(['007', '006', '', '00', '7']) + Array.from({ length: int(300) }, () => pick([...'ABCDabcd0189+/=\r\n'])).join('');
  }
}

function nextInput() {
  const r = rand();
  if (r < 0.002) return rand() < 0.5 ? pick(bombs) : mutateBody(pick(bombs));
  let token = pool.length && rand() < 0.3 ? pick(pool) : pick(seeds);
  for (let n = 1 + int(3); n > 0; n--) {
    const op = rand();
    token = op < 0.45 ? mutatePayload(token) : op < 0.75 ? mutateBody(token) : mutateText(token);
  }
  return token;
}

const outcomes = new Map();
const unexpected = [];
const count = (key) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
const report = (input, via, problem) => {
  unexpected.push({ input, via, problem });
  if (unexpected.length <= 20) console.error(`UNEXPECTED (${via}): ${problem}\n  input: ${JSON.stringify(input.slice(0, 300))}`);
};

function run(input, via, fn, tally = true) {
  const t0 = performance.now();
  try {
    const value = fn();
    if (tally) count(`${via}: returned`);
    return value;
  } catch (e) {
    if (e instanceof TokenError) {
      if (tally) count(`${via}: ${e.code}`);
    }
    else report(input, via, `${e?.name ?? typeof e}: ${e?.message ?? String(e)}`);
    return undefined;
  } finally {
    const ms = performance.now() - t0;
    if (ms > SLOW_MS) report(input, via, `took ${ms.toFixed(0)} ms`);
  }
}

const started = performance.now();
const deadline = started + SECONDS * 1000;
let inputs = 0;
let slowest = 0;
let previous = seeds[0];
for (; inputs < RUNS; inputs++) {
  if ((inputs & 1023) === 0 && performance.now() > deadline) break;
  const input = nextInput();
  const t0 = performance.now();
  const decoded = run(input, 'decodeToken', () => decodeToken(input));
  if (decoded !== undefined) {
    if (decoded === null || typeof decoded !== 'object' || (decoded.version !== '007' && decoded.version !== '006')) {
      report(input, 'decodeToken', `returned ${typeof decoded} without a known version`);
    } else if ((inputs & 63) === 0) {
      // Decoding reuses scratch buffers: a result must not change when another token is decoded.
      const first = JSON.stringify(decoded);
      run(previous, 'decodeToken', () => decodeToken(previous), false);
      const again = run(input, 'decodeToken', () => decodeToken(input), false);
      if (JSON.stringify(again) !== first || JSON.stringify(decoded) !== first) {
        report(input, 'decodeToken', 'result changed after decoding another token');
      }
    }
    if (pool.length < 2000) pool.push(input);
    else pool[int(pool.length)] = input;
    previous = input;
  }
  const context = input.startsWith('006') ? { channelName: 'room', uid: 42 } : undefined;
  const verified = run(input, 'verifyToken', () => verifyToken(input, CERT, context));
  if (verified !== undefined && typeof verified !== 'boolean') report(input, 'verifyToken', `returned ${typeof verified}`);
  slowest = Math.max(slowest, performance.now() - t0);
}
const seconds = (performance.now() - started) / 1000;

// Every crasher becomes a regression vector, replayed by the test suite from then on.
if (unexpected.length) {
  const file = JSON.parse(readFileSync(CRASHERS, 'utf8'));
  const known = new Set(file.cases.map((c) => c.token));
  for (const { input, via, problem } of unexpected.slice(0, 50)) {
    if (known.has(input)) continue;
    known.add(input);
    file.cases.push({ tcId: file.cases.length + 1, comment: `${via}: ${problem} (test/fuzz/run.mjs, seed ${SEED})`, token: input });
  }
  writeFileSync(CRASHERS, `${JSON.stringify(file, null, 2)}\n`);
}

console.log(`seed ${SEED}; corpus ${seeds.length} tokens`);
console.log(`${inputs} inputs in ${seconds.toFixed(1)} s: ${Math.round(inputs / seconds)} inputs/s (each decoded and verified)`);
console.log(`slowest input ${slowest.toFixed(1)} ms; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
for (const [key, n] of [...outcomes].sort()) console.log(`  ${key}: ${n}`);
console.log(`unexpected outcomes: ${unexpected.length}`);
process.exitCode = unexpected.length ? 1 : 0;
