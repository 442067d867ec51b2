// Checks the package as it is published: the `npm pack` tarball, installed into a fresh consumer
// project. Every check covers each entry of package.json `exports` (and each `bin`), so a new entry
// is checked without editing this file. dist/ must be built first. `setup` checks the repository's
// own dependencies instead: what the main job installs, and that every tool is pinned.
//   npm run check:package [-- check name …]   (node test/package/check.mjs)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createJiti } from 'jiti';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import ts from 'typescript';
import { codeExports, makeConsumer, oldestNode, pkg, root } from './consumer.mjs';
import { agoraAccessTokenCode, agoraTokenCode } from './peer-code.mjs';

const require = createRequire(import.meta.url);
const bin = (name, file) => join(require.resolve(`${name}/package.json`).replace(/package\.json$/, ''), file);

/** Runs a command; on failure the error carries everything it printed. */
function run(cmd, args, options = {}) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  } catch (e) {
    throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${e.status}):\n${e.stdout ?? ''}${e.stderr ?? ''}`.trim());
  }
}

const exportsList = codeExports();

async function checkPublint(consumer) {
  const tarball = readFileSync(consumer.tarball);
  const { messages, pkg: packed } = await publint({
    pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  if (messages.length > 0) throw new Error(messages.map((m) => `${m.type}: ${formatMessage(m, packed, { color: false })}`).join('\n'));
  return 'no errors, warnings or suggestions (strict)';
}

async function checkAttw(consumer) {
  // attw exits non-zero on problems; the JSON says which.
  let output;
  try {
    output = execFileSync(process.execPath, [bin('@arethetypeswrong/cli', 'dist/index.js'), consumer.tarball, '--format', 'json', '--profile', 'strict'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    output = e.stdout;
    if (!output) throw new Error(`attw did not run: ${e.stderr}`);
  }
  const { analysis } = JSON.parse(output);
  const problems = analysis.problems ?? [];
  if (problems.length > 0) throw new Error(problems.map((p) => JSON.stringify(p)).join('\n'));
  const modes = new Set(Object.values(analysis.entrypoints).flatMap((e) => Object.keys(e.resolutions)));
  for (const { subpath } of exportsList) {
    if (!analysis.entrypoints[subpath]) throw new Error(`attw did not analyse ${subpath}`);
  }
  return `0 problems; ${exportsList.map((e) => e.subpath).join(', ')} in ${[...modes].join(', ')}`;
}

/** A consumer's sources that use every entry, with checks that fail if its types are missing or `any`. */
function consumerSources() {
  const isAny = 'type IsAny<T> = 0 extends 1 & T ? true : false;\nfunction notAny<T>(_: IsAny<T> extends true ? never : T): void {}\n';
  const usage = (lib) => `
const token: string = ${lib}.RtcTokenBuilder.buildTokenWithUid('appId', 'cert', 'room', 42, ${lib}.RtcRole.PUBLISHER, 3600, 3600);
const decoded = ${lib}.decodeToken(token);
if (decoded.version === '007') {
  const issued: number = decoded.issueTs;
  void issued;
}
const genuine: boolean = ${lib}.verifyToken(token, 'cert');
const failure: unknown = new ${lib}.TokenError('ERR_INVALID_UID', 'bad uid');
void genuine;
void failure;
// @ts-expect-error an error code outside the TokenErrorCode union
new ${lib}.TokenError('ERR_NOT_A_CODE', 'x');
// @ts-expect-error the uid is a number or a string
${lib}.RtcTokenBuilder.buildTokenWithUid('appId', 'cert', 'room', { uid: 42 }, 1, 3600, 3600);
`;
  const esm = [
    ...exportsList.map((e, i) => `import * as m${i} from '${e.specifier}';`),
    isAny,
    ...exportsList.map((_, i) => `notAny(m${i});`),
    usage('m0'),
  ].join('\n');
  const cjs = [
    ...exportsList.map((e, i) => `import m${i} = require('${e.specifier}');`),
    isAny,
    ...exportsList.map((_, i) => `notAny(m${i});`),
    usage('m0'),
  ].join('\n');
  return { esm, cjs };
}

async function checkTypes(consumer) {
  if (exportsList[0]?.subpath !== '.') throw new Error('the first entry of exports must be "."');
  const dir = join(consumer.dir, 'types');
  mkdirSync(dir, { recursive: true });
  const { esm, cjs } = consumerSources();
  writeFileSync(join(dir, 'esm.mts'), esm);
  writeFileSync(join(dir, 'cjs.cts'), cjs);
  writeFileSync(join(dir, 'esm.ts'), esm);
  // Code written for the peers, unchanged but for the module name, as ESM and as CommonJS.
  const peers = { 'agora-token': agoraTokenCode, 'agora-access-token': agoraAccessTokenCode };
  for (const [name, code] of Object.entries(peers)) for (const ext of ['ts', 'mts', 'cts']) writeFileSync(join(dir, `${name}.${ext}`), code);
  const peerFiles = (...exts) => Object.keys(peers).flatMap((name) => exts.map((ext) => `${name}.${ext}`));
  // skipLibCheck off: the emitted .d.ts files themselves must type-check; no @types leak in.
  const common = { strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['es2022', 'dom'], target: 'es2022' };
  const setups = {
    bundler: { compilerOptions: { ...common, module: 'preserve', moduleResolution: 'bundler' }, files: ['esm.ts', ...peerFiles('ts')] },
    node16: { compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16' }, files: ['esm.mts', 'cjs.cts', ...peerFiles('mts', 'cts')] },
    nodenext: { compilerOptions: { ...common, module: 'nodenext', moduleResolution: 'nodenext' }, files: ['esm.mts', 'cjs.cts', ...peerFiles('mts', 'cts')] },
    // `moduleResolution: node` (node10) ignores exports: typesVersions must lead it to each entry.
    node10: { compilerOptions: { ...common, module: 'commonjs', moduleResolution: 'node10' }, files: ['esm.ts', ...peerFiles('ts')] },
  };
  const tsc = bin('typescript', 'bin/tsc');
  for (const [name, config] of Object.entries(setups)) {
    writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
    run(process.execPath, [tsc, '-p', join(dir, `tsconfig.${name}.json`)], { cwd: dir });
  }
  return `${exportsList.length} entries and code written for ${Object.keys(peers).join(' and ')} type-check under ${Object.keys(setups).join(', ')} (skipLibCheck off, ts ${ts.version})`;
}

/** Loads every entry through `require` and `import`, and runs every bin, with one Node binary. */
function loadEverything(consumer, node) {
  for (const e of exportsList) {
    for (const [system, code] of [
      ['require', `const m = require(${JSON.stringify(e.specifier)});`],
      ['import', `const m = await import(${JSON.stringify(e.specifier)});`],
    ]) {
      if (!e[system]) continue;
      const script = `${code} if (Object.keys(m).length === 0) throw new Error('no exports');`;
      const args = system === 'import' ? ['--input-type=module', '-e', script] : ['-e', script];
      run(node, args, { cwd: consumer.dir });
    }
  }
  const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
  for (const name of Object.keys(bins)) run(node, [join(consumer.installed, bins[name]), '--help'], { cwd: consumer.dir });
  return Object.keys(bins).length;
}

async function checkNode(consumer) {
  const oldest = oldestNode();
  // The control: @noble/hashes 2 is ESM-only, so plain `require` of it fails on Node 20.0.0. The CJS
  // build must carry it inside, and the loads below prove that it does.
  try {
    run(oldest.bin, ['-e', "require('@noble/hashes/hmac.js')"], { cwd: consumer.dir });
    throw new Error(`require('@noble/hashes/hmac.js') worked on Node ${oldest.version}: this check no longer proves the CJS build`);
  } catch (e) {
    if (!/ERR_REQUIRE_ESM/.test(e.message)) throw e;
  }
  const lines = [];
  for (const [label, node] of [
    [process.versions.node, process.execPath],
    [oldest.version, oldest.bin],
  ]) {
    const bins = loadEverything(consumer, node);
    lines.push(`Node ${label}: ${exportsList.length} entries by require and import, ${bins} bin(s) --help`);
  }
  return `${lines.join('; ')} (control: require of @noble/hashes fails on ${oldest.version} with ERR_REQUIRE_ESM)`;
}

function files(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** tsup.config.ts as a list of build configurations. */
async function tsupConfigs() {
  return [await createJiti(import.meta.url).import(join(root, 'tsup.config.ts'), { default: true })].flat();
}

async function checkDocs() {
  const config = ts.readConfigFile(join(root, 'typedoc.json'), ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  // Each export's dist file comes from a tsup entry; its source must be a typedoc entry point.
  const sources = Object.assign({}, ...(await tsupConfigs()).map((c) => c.entry));
  const documented = new Set(config.config.entryPoints);
  for (const e of exportsList) {
    const name = /^\.\/dist\/(.+)\.js$/.exec(e.import ?? '')?.[1];
    const source = name && sources[name];
    if (!source) throw new Error(`no tsup entry builds ${e.import} for ${e.subpath}`);
    if (!documented.has(source)) throw new Error(`${source} (${e.subpath}) is not an entry point in typedoc.json`);
  }
  const out = mkdtempSync(join(tmpdir(), 'agora-token-kit-docs-'));
  try {
    // treatWarningsAsErrors is set in typedoc.json, so a warning fails the run.
    const log = run(process.execPath, [bin('typedoc', 'bin/typedoc'), '--out', out], { cwd: root });
    if (/warning|error/i.test(log.replace(/Found 0 errors and 0 warnings/, ''))) throw new Error(log);
    const committed = join(root, config.config.out);
    const stale = [];
    const fresh = files(out);
    let old = [];
    try {
      old = files(committed);
    } catch {
      // no committed docs yet
    }
    for (const f of new Set([...fresh, ...old])) {
      const a = fresh.includes(f) ? readFileSync(join(out, f), 'utf8') : null;
      const b = old.includes(f) ? readFileSync(join(committed, f), 'utf8') : null;
      if (a !== b) stale.push(f);
    }
    if (stale.length > 0) {
      throw new Error(`${relative(root, committed)} is out of date (${stale.length} files, e.g. ${stale.slice(0, 3).join(', ')}): run \`npm run docs\``);
    }
    return `${fresh.length} pages for ${documented.size} entry points, 0 warnings, ${relative(root, committed)} up to date`;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function checkChangesets() {
  // A clone of another branch has the base branch only as origin/<base>, where `status` alone fails.
  const { baseBranch } = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8'));
  let since = [];
  try {
    run('git', ['show-ref', '--verify', '--quiet', `refs/heads/${baseBranch}`], { cwd: root });
  } catch {
    since = ['--since', `origin/${baseBranch}`];
  }
  const log = run(process.execPath, [bin('@changesets/cli', 'bin.js'), 'status', ...since], { cwd: root });
  const bumps = log.split('\n').filter((l) => /- \S/.test(l)).length;
  return `changeset status passes (${bumps} package bump(s) pending)`;
}

/**
 * The main job (`npm ci && npm run build && npm start`) installs only what the build needs; every
 * other tool is pinned in a sub-package with its own lock file (README, Development).
 */
async function checkSetup() {
  const bundled = (await tsupConfigs()).flatMap((c) => c.noExternal ?? []).filter((name) => typeof name === 'string');
  const build = new Set(['tsup', 'typescript', ...bundled]);
  const extra = Object.keys(pkg.devDependencies ?? {}).filter((name) => !build.has(name));
  if (extra.length > 0) throw new Error(`the build does not need ${extra.join(', ')}: a package that only tests, checks or docs use goes into test/package.json`);
  const manifests = run('git', ['ls-files', '--', 'package.json', '**/package.json'], { cwd: root }).split('\n').filter(Boolean);
  const problems = [];
  const versions = {};
  for (const manifest of manifests) {
    const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(join(root, manifest), 'utf8'));
    // The root's `dependencies` are what users install with the package: ranges, on purpose.
    const pinned = manifest === 'package.json' ? devDependencies : { ...dependencies, ...devDependencies };
    for (const [name, version] of Object.entries(pinned)) {
      // An example depends on this package as it is in the repository (examples/web-client).
      if (name === pkg.name && version === `file:${relative(dirname(join(root, manifest)), root)}`) continue;
      if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`${manifest}: ${name} ${version} is not an exact version`);
      (versions[name] ??= new Set()).add(version);
    }
    const lock = join(root, manifest.replace(/package\.json$/, 'package-lock.json'));
    if (!statSync(lock, { throwIfNoEntry: false })?.isFile()) problems.push(`${manifest} has no package-lock.json`);
  }
  for (const [name, set] of Object.entries(versions)) if (set.size > 1) problems.push(`${name} is pinned to ${[...set].join(' and ')}`);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return `root devDependencies ${[...build].filter((name) => pkg.devDependencies?.[name]).join(', ')}; ${manifests.length} package.json files pinned exactly, one version of each package, each with a lock file`;
}

const checks = {
  publint: checkPublint,
  attw: checkAttw,
  types: checkTypes,
  node: checkNode,
  docs: checkDocs,
  changesets: checkChangesets,
  setup: checkSetup,
};

const only = process.argv.slice(2);
const started = performance.now();
const consumer = makeConsumer();
let failed = 0;
let ran = 0;
for (const [name, check] of Object.entries(checks)) {
  if (only.length > 0 && !only.includes(name)) continue;
  ran++;
  const t0 = performance.now();
  const took = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  try {
    console.log(`${name}: ${await check(consumer)} (${took()})`);
  } catch (e) {
    failed++;
    console.log(`${name}: FAILED (${took()})\n  ${String(e instanceof Error ? e.message : e).replaceAll('\n', '\n  ')}`);
  }
}
rmSync(consumer.dir, { recursive: true, force: true });
console.log(`check-package: wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`check-package: ${ran - failed} passed, ${failed} failed`);
process.exit(failed > 0 || ran === 0 ? 1 : 0);
