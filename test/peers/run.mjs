// Runs the test suites shipped in the agora-token and agora-access-token tarballs (read from
// node_modules, never copied here) against this package's built dist/: in each test file, the
// modules under test are redirected to the shims in test/peers/shims/<peer>/, each a few lines
// re-exporting this package; a module with no shim has no counterpart here and gets
// test/peers/absent.cjs. Tests that cannot apply are listed, each with its reason, in
// test/peers/not-applicable.json; the run fails if an unlisted test fails or a listed one passes.
//   node test/peers/run.mjs [--shims DIR] [--not-applicable FILE]     (dist/ must be built)
import { fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { values: args } = parseArgs({
  options: {
    shims: { type: 'string', default: join(here, 'shims') },
    'not-applicable': { type: 'string', default: join(here, 'not-applicable.json') },
  },
});

/**
 * Each peer, at the version the not-applicable list was written for, and for each of its test files
 * the modules that file tests (paths inside the package). Every other module it loads, such as the
 * AccessToken2 decoder that the builder tests read our tokens with, stays the peer's.
 */
const SUITES = [
  {
    peer: 'agora-token',
    version: '2.0.6',
    files: {
      'AccessToken2Test.js': ['src/AccessToken2'],
      'AccessTokenTest.js': ['src/AccessToken', 'src/RtcTokenBuilder', 'src/SignalingToken'],
      'ApaasTokenBuilderTest.js': ['src/ApaasTokenBuilder'],
      'ChatTokenBuilderTest.js': ['src/ChatTokenBuilder'],
      'ConvoAITokenBuilderTest.js': ['src/ConvoAITokenBuilder', 'src/RtcTokenBuilder2'],
      'DynamicKeyTest.js': ['src/DynamicKey5'],
      'EducationTokenBuilderTest.js': ['src/EducationTokenBuilder'],
      'FpaTokenBuilderTest.js': ['src/FpaTokenBuilder'],
      'RtcTokenBuilder2Test.js': ['src/RtcTokenBuilder2'],
      'RtmTokenBuilder2Test.js': ['index'],
      'RtmTokenBuilderTest.js': ['src/AccessToken', 'src/RtmTokenBuilder'],
      'SttTokenBuilderTest.js': ['src/SttTokenBuilder', 'src/RtcTokenBuilder2'],
    },
  },
  {
    peer: 'agora-access-token',
    version: '2.0.4',
    files: {
      'AccessTokenTest.js': ['src/AccessToken', 'src/RtcTokenBuilder'],
      'DynamicKeyTest.js': ['src/DynamicKey5'],
      'RtmTokenTest.js': ['src/RtmTokenBuilder', 'src/AccessToken'],
    },
  },
];
const ABSENT = join(here, 'absent.cjs');
const TIMEOUT_MS = 5_000;

function runFile(file, redirects) {
  return new Promise((resolvePromise, reject) => {
    const child = fork(join(here, 'harness.cjs'), [JSON.stringify({ file, redirects, timeoutMs: TIMEOUT_MS })], { stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let results;
    child.on('message', (m) => (results = m.results));
    // Per test the harness gives up after TIMEOUT_MS; this bounds a file that hangs while loading.
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (results) resolvePromise({ results, output });
      else reject(new Error(`the harness for ${file} exited with ${code} and no results:\n${output}`));
    });
  });
}

const notApplicable = JSON.parse(readFileSync(args['not-applicable'], 'utf8'));
const problems = [];
let passedTotal = 0;

for (const { peer, version, files } of SUITES) {
  const root = dirname(require.resolve(`${peer}/package.json`));
  const installed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  if (installed !== version) {
    problems.push(`${peer}: ${installed} is installed, the suite definition and not-applicable list are for ${version}`);
    continue;
  }
  const listed = notApplicable[peer] ?? {};
  const shipped = readdirSync(join(root, 'test')).filter((f) => f.endsWith('.js')).sort();
  for (const f of shipped) if (!files[f]) problems.push(`${peer}: test/${f} has no entry in SUITES (which modules does it test?)`);
  const counts = { total: 0, passed: 0, notApplicable: 0 };
  const absent = new Set();
  for (const f of shipped.filter((name) => files[name])) {
    const redirects = {};
    for (const m of files[f]) {
      const shim = resolve(args.shims, peer, `${m}.cjs`);
      if (!existsSync(shim)) absent.add(m);
      redirects[join(root, m)] = existsSync(shim) ? shim : ABSENT;
    }
    const { results, output } = await runFile(join(root, 'test', f), redirects);
    if (results.length === 0) problems.push(`${peer} ${f}: no tests found (did the file fail to load?)${output ? `\n    ${output.trim()}` : ''}`);
    const reasons = listed[f] ?? {};
    for (const { name, failures } of results) {
      counts.total++;
      const reason = reasons[name];
      if (failures.length === 0 && !reason) counts.passed++;
      else if (failures.length > 0 && reason) counts.notApplicable++;
      else if (reason) problems.push(`${peer} ${f} ${name} passes but is listed as not applicable ("${reason}"): remove it from the list`);
      else problems.push(`${peer} ${f} ${name} failed:\n    ${failures.join('\n    ')}${output ? `\n  output:\n    ${output.trim().replaceAll('\n', '\n    ')}` : ''}`);
    }
    for (const name of Object.keys(reasons)) {
      if (!results.some((r) => r.name === name)) problems.push(`${peer} ${f} ${name} is listed as not applicable but there is no such test`);
    }
  }
  for (const f of Object.keys(listed)) if (!shipped.includes(f)) problems.push(`${peer}: the list names test/${f}, which is not shipped`);
  passedTotal += counts.passed;
  console.log(
    `${peer}@${version}: ${counts.total} tests, ${counts.passed} passed, ${counts.notApplicable} not applicable` +
      (absent.size > 0 ? ` (no counterpart here: ${[...absent].join(', ')})` : ''),
  );
}

for (const p of problems) console.log(`FAIL ${p}`);
console.log(`peers: ${passedTotal} passed, ${problems.length} failed`);
process.exit(problems.length > 0 ? 1 : 0);
