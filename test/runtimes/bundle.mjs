// esbuild bundles of the runtime suite and the examples, one per host. Each entry imports the
// package by name and is resolved from the consumer project, i.e. from the installed tarball.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { pkg } from '../package/consumer.mjs';
import { REPORT_MARK } from './proc.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const suite = JSON.stringify(resolve(here, 'suite.ts'));

/** How each kind of host runs code and hands back the report. */
// The suite is async (the client entry's cases wait for promises and timers); no top-level await,
// which the CommonJS entry cannot have.
const run = 'runSuite(lib, lib006, client)';
const tails = {
  script: `${run}.then((report) => console.log(${JSON.stringify(REPORT_MARK)} + JSON.stringify(report)));`,
  worker: `export default { fetch: async () => new Response(JSON.stringify(await ${run})) };`,
  edge: `addEventListener('fetch', (event) => event.respondWith(${run}.then((report) => new Response(JSON.stringify(report)))));`,
  browser: `globalThis.agoraReport = ${run};`,
};

async function bundle(consumer, { contents, outfile, format, keepPackage = false }) {
  const out = join(consumer.dir, 'runtime', outfile);
  mkdirSync(dirname(out), { recursive: true });
  await build({
    stdin: { contents, resolveDir: consumer.dir, sourcefile: outfile.replace(/\.\w+$/, '-entry.ts'), loader: 'ts' },
    outfile: out,
    bundle: true,
    format,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    // Script hosts resolve the package themselves (Node's, Deno's and Bun's own resolution of
    // `exports`); the others get it inlined, as a user's bundler would.
    external: keepPackage ? [pkg.name, `${pkg.name}/*`] : [],
    logLevel: 'error',
  });
  return out;
}

/**
 * The suite as a file for one kind of host.
 * @param {'script' | 'worker' | 'edge' | 'browser'} kind
 * @param {'esm' | 'cjs' | 'iife'} format
 */
export function bundleSuite(consumer, kind, format) {
  const contents = [
    `import * as lib from ${JSON.stringify(pkg.name)};`,
    `import * as lib006 from ${JSON.stringify(`${pkg.name}/006`)};`,
    `import * as client from ${JSON.stringify(`${pkg.name}/client`)};`,
    `import { runSuite } from ${suite};`,
    tails[kind],
  ].join('\n');
  const ext = { esm: 'mjs', cjs: 'cjs', iife: 'js' }[format];
  return bundle(consumer, { contents, outfile: `suite-${kind}.${ext}`, format, keepPackage: kind === 'script' });
}

/** An example from the consumer's copy of examples/, with the package inlined. */
export function bundleExample(consumer, name, { format, tail = '' }) {
  const path = JSON.stringify(join(consumer.dir, 'examples', name));
  const contents = tail ? `import handler from ${path};\n${tail}\n` : `export { default } from ${path};\n`;
  return bundle(consumer, { contents, outfile: `example-${name.replace(/\.\w+$/, '')}.${format === 'iife' ? 'js' : 'mjs'}`, format });
}
