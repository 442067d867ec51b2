// Runs the runtime suite (every vector plus the builder smoke) and the examples against the packed
// package in every host, one line per host. A host that cannot start fails the run.
//   node test/runtimes/run.mjs [host name prefix …]     (dist/ must be built)
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeConsumer, oldestNode, root } from '../package/consumer.mjs';
import { bunHost } from './hosts/bun.mjs';
import { chromiumHost } from './hosts/chromium.mjs';
import { denoHost } from './hosts/deno.mjs';
import { edgeHost } from './hosts/edge.mjs';
import { nodeHosts } from './hosts/node.mjs';
import { workerdHost } from './hosts/workerd.mjs';

const started = performance.now();
const only = process.argv.slice(2);
const consumer = makeConsumer();
// Not examples/web-client: a browser page with its own package, tested by test/web-client-example.test.ts.
cpSync(join(root, 'examples'), join(consumer.dir, 'examples'), { recursive: true, filter: (path) => !path.startsWith(join(root, 'examples', 'web-client')) });

const oldest = oldestNode();
const hosts = [
  ...nodeHosts(process.execPath, `node ${process.versions.node}`),
  ...nodeHosts(oldest.bin, `node ${oldest.version}`),
  denoHost,
  bunHost,
  workerdHost,
  edgeHost,
  chromiumHost,
].filter((h) => only.length === 0 || only.some((prefix) => h.name.startsWith(prefix)));

const HOST_TIMEOUT_MS = 120_000;

/** A host that hangs (e.g. a runtime that fails to start and never shuts down) fails instead. */
function bounded(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${HOST_TIMEOUT_MS / 1000} s`)), HOST_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
let failed = 0;
for (const host of hosts) {
  const t0 = performance.now();
  const problems = [];
  let line = `${host.name}:`;
  try {
    const report = await bounded(host.suite(consumer), `${host.name} suite`);
    line += ` ${report.tallies.map((t) => `${t.passed}/${t.total} ${t.label}`).join(', ')}`;
    problems.push(...report.failures);
    if (report.tallies.some((t) => t.passed !== t.total || t.total === 0)) problems.push('not every case passed');
    if (host.webOnly) {
      line += report.nodeGlobals.length === 0 ? ', no Node globals' : '';
      if (report.nodeGlobals.length > 0) problems.push(`this host should have Web-standard globals only, but has ${report.nodeGlobals.join(', ')}`);
    }
  } catch (e) {
    line += ' suite did not run';
    problems.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
  }
  if (host.example) {
    try {
      line += `; example ${await bounded(host.example(consumer), `${host.name} example`)}`;
    } catch (e) {
      line += '; example FAILED';
      problems.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
  }
  line += ` (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
  if (problems.length > 0) failed++;
  console.log(problems.length > 0 ? `${line} FAILED` : line);
  console.log(`  ${await host.version().catch((e) => `version unknown: ${e.message}`)}`);
  for (const p of problems) console.log(`  ${p.replaceAll('\n', '\n  ')}`);
}

rmSync(consumer.dir, { recursive: true, force: true });
console.log(`runtimes: wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`runtimes: ${hosts.length - failed} passed, ${failed} failed`);
if (hosts.length === 0) console.log('runtimes: no host matched', only);
// Exit explicitly: a runtime left hanging after a failure must not keep the run alive.
process.exit(failed > 0 || hosts.length === 0 ? 1 : 0);
