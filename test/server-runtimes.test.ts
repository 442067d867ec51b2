// The built `agora-token-kit/server` handler in workerd (miniflare, no nodejs_compat) and in Deno: the
// same bundle answers the same requests in both, proving the handler needs only Web-standard globals.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyToken } from '../src/index.js';

const appId = '6e5d4c3b2a19f8e7d6c5b4a39281706f';
const appCertificate = '1029384756afbecd1029384756afbecd';
const distServer = fileURLToPath(new URL('../dist/server.js', import.meta.url));

interface Probe {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface Answer {
  name: string;
  status: number;
  body: Record<string, unknown> | null;
  allowOrigin: string | null;
}

const guide = JSON.stringify({ uid: 123, ChannelName: 'ChannelA', role: 1 });
const json = { 'content-type': 'application/json' };
const probes: Probe[] = [
  { name: 'guide', method: 'POST', path: '/fetch_rtc_token', headers: json, body: guide },
  { name: 'rtm', method: 'POST', path: '/fetch_rtm_token', headers: json, body: '{"userId":"alice","expire":60}' },
  { name: 'malformed', method: 'POST', path: '/fetch_rtc_token', headers: json, body: '{"uid":' },
  { name: 'wrong type', method: 'POST', path: '/fetch_rtc_token', headers: json, body: '{"uid":true,"ChannelName":"a","role":1}' },
  { name: 'oversized', method: 'POST', path: '/fetch_rtc_token', headers: json, body: JSON.stringify({ pad: 'x'.repeat(20_000) }) },
  { name: 'not json', method: 'POST', path: '/fetch_rtc_token', headers: { 'content-type': 'text/plain' }, body: guide },
  { name: 'wrong method', method: 'GET', path: '/fetch_rtc_token' },
  { name: 'unknown path', method: 'GET', path: '/nowhere' },
  { name: 'health', method: 'GET', path: '/healthz' },
  { name: 'cors', method: 'POST', path: '/fetch_rtc_token', headers: { ...json, origin: 'https://app.example.com' }, body: guide },
  { name: 'refused', method: 'POST', path: '/fetch_rtc_token', headers: { ...json, authorization: 'Bearer nobody' }, body: guide },
];
const expected: Record<string, number> = {
  guide: 200,
  rtm: 200,
  malformed: 400,
  'wrong type': 400,
  oversized: 413,
  'not json': 415,
  'wrong method': 405,
  'unknown path': 404,
  health: 200,
  cors: 200,
  refused: 403,
};

// One module for both hosts: a Worker (`export default { fetch }`) that also exports the probe runner.
const entry = `
import { createTokenHandler } from ${JSON.stringify(distServer)};
const handler = createTokenHandler({
  appId: ${JSON.stringify(appId)},
  appCertificate: ${JSON.stringify(appCertificate)},
  allowedOrigins: ['https://app.example.com'],
  authorize: (request) => request.headers.get('authorization') !== 'Bearer nobody',
});
export async function probe(list) {
  const answers = [];
  for (const p of list) {
    const response = await handler(new Request('http://tokens.test' + p.path, { method: p.method, headers: p.headers, body: p.body }));
    const text = await response.text();
    answers.push({ name: p.name, status: response.status, body: text ? JSON.parse(text) : null, allowOrigin: response.headers.get('access-control-allow-origin') });
  }
  return answers;
}
export default {
  async fetch(request) {
    return Response.json(await probe(await request.json()));
  },
};
`;

function check(answers: Answer[]): void {
  expect(Object.fromEntries(answers.map((a) => [a.name, a.status]))).toEqual(expected);
  for (const answer of answers) {
    expect(answer.body?.code).toBe(String(answer.status));
    expect(JSON.stringify(answer.body).toLowerCase()).not.toContain(appCertificate);
  }
  const byName = Object.fromEntries(answers.map((a) => [a.name, a]));
  for (const name of ['guide', 'rtm', 'cors']) expect(verifyToken(byName[name]!.body!.token as string, appCertificate)).toBe(true);
  expect([byName.cors!.allowOrigin, byName.guide!.allowOrigin]).toEqual(['https://app.example.com', null]);
}

let dir: string;
let bundle: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'agora-server-runtimes-'));
  writeFileSync(join(dir, 'entry.mjs'), entry);
  bundle = join(dir, 'worker.mjs');
  await build({ entryPoints: [join(dir, 'entry.mjs')], bundle: true, format: 'esm', platform: 'neutral', outfile: bundle, logLevel: 'error', nodePaths: [fileURLToPath(new URL('../node_modules', import.meta.url))] });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built handler in other runtimes', () => {
  it('answers every probe in workerd without nodejs_compat', async () => {
    const mf = new Miniflare({ modules: true, scriptPath: bundle, modulesRoot: dirname(bundle), compatibilityDate: '2026-05-01', compatibilityFlags: [] });
    try {
      const response = await mf.dispatchFetch('http://localhost/', { method: 'POST', body: JSON.stringify(probes) });
      check((await response.json()) as Answer[]);
    } finally {
      await mf.dispose();
    }
  }, 60_000);

  it('answers every probe in Deno', async () => {
    const runner = join(dir, 'deno-run.mjs');
    writeFileSync(runner, `import { probe } from './worker.mjs';\nconsole.log(JSON.stringify(await probe(${JSON.stringify(probes)})));\n`);
    const deno = join(dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'bin.cjs');
    const { stdout } = await promisify(execFile)(process.execPath, [deno, 'run', '--no-lock', '--no-prompt', '--quiet', runner], { cwd: dir, timeout: 60_000 });
    check(JSON.parse(stdout) as Answer[]);
  }, 60_000);
});
