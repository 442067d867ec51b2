// The built command over real HTTP on loopback: `agora-token-kit serve` as a child process.
import { spawnSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken, type DecodedToken007, verifyToken } from '../src/index.js';
import { BIN, type CliServer, runCliServe, startCliServer } from './support/cli-server.js';

const appId = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const appCertificate = '9a8b7c6d5e4f30211203f4e5d6c7b8a9';
const env = { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate };

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'agora-serve-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** What the guide's client does: axios.post(url, body) with JSON headers, then reads response.data.token. */
async function guideClient(url: string, body: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
  const response = await fetch(`${url}/fetch_rtc_token`, {
    method: 'POST',
    headers: { Accept: 'application/json, text/plain, */*', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, data: (await response.json()) as Record<string, unknown> };
}

/** A raw POST over node:http, for bodies fetch will not send as-is (chunked, with no length). */
function rawPost(url: string, path: string, chunks: string[], headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('agora-token-kit serve', () => {
  let server: CliServer;
  beforeAll(async () => {
    server = await startCliServer({ env, cwd });
  });

  it('says where its credentials come from in its first line, and never shows the certificate', () => {
    expect(server.lines[0]).toBe(`Using App ID ${appId} and its App Certificate from the environment.`);
  });

  it('answers the guide client with a token the certificate verifies', async () => {
    const response = await guideClient(server.url, { uid: 123, ChannelName: 'ChannelA', role: 1 });
    expect(response.status).toBe(200);
    expect(response.data.code).toBe('200');
    const token = response.data.token as string;
    expect(verifyToken(token, appCertificate)).toBe(true);
    const decoded = decodeToken(token) as DecodedToken007;
    expect(decoded.appId).toBe(appId);
    expect(decoded.services).toEqual([
      expect.objectContaining({ type: 1, channelName: 'ChannelA', uid: '123', privileges: { 1: 3600, 2: 3600, 3: 3600, 4: 3600 } }),
    ]);
    expect(Math.abs(decoded.issueTs - Date.now() / 1000)).toBeLessThan(60);
  });

  it('refuses malformed JSON, wrong types, an oversized body and a wrong method, each as JSON', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/fetch_rtc_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (r) => [r.status, await r.json()]);
    expect(await post('{"uid": 123, "ChannelName": "ChannelA", "role": 1')).toEqual([400, { code: '400', error: expect.stringContaining('not valid JSON') }]);
    expect(await post('{"uid": "123", "ChannelName": ["ChannelA"], "role": 1}')).toEqual([400, { code: '400', error: '"ChannelName" must be a string, got array' }]);
    expect(await post('{"uid": 123, "ChannelName": "ChannelA", "role": "publisher"}')).toEqual([400, { code: '400', error: expect.stringContaining('"role"') }]);
    expect(await post(JSON.stringify({ uid: 123, ChannelName: 'x'.repeat(20_000), role: 1 }))).toEqual([413, { code: '413', error: 'request body is larger than 16384 bytes' }]);
    const chunked = await rawPost(server.url, '/fetch_rtc_token', Array(40).fill('x'.repeat(1024)), { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect([chunked.status, JSON.parse(chunked.body)]).toEqual([413, { code: '413', error: 'request body is larger than 16384 bytes' }]);
    const get = await fetch(`${server.url}/fetch_rtc_token`);
    expect([get.status, get.headers.get('allow'), await get.json()]).toEqual([405, 'POST, OPTIONS', { code: '405', error: '/fetch_rtc_token takes POST, not GET' }]);
    const plain = await fetch(`${server.url}/fetch_rtc_token`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(415);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('keeps serving after refusals, and answers health checks', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok', code: '200' }]);
    expect((await guideClient(server.url, { uid: 7, ChannelName: 'ChannelB', role: 2 })).status).toBe(200);
  });

  it('serves the web demo at / with its script and the browser build of the library', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/demo/app.js">');
    const app = await fetch(`${server.url}/demo/app.js`);
    expect(await app.text()).toContain("from './agora-token-kit.js'");
    const lib = await fetch(`${server.url}/demo/agora-token-kit.js`);
    expect([lib.status, lib.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await lib.text()).toMatch(/export\s*\{[^}]*decodeToken/);
  });

  it('logs one line per request (method, path without query, status, ms), then stops cleanly on SIGTERM', async () => {
    await fetch(`${server.url}/healthz?probe=1`);
    const code = await server.stop('SIGTERM');
    expect(code).toBe(0);
    const requestLines = server.lines.filter((line) => /^[A-Z]+ \//.test(line));
    expect(requestLines.length).toBeGreaterThanOrEqual(13);
    for (const line of requestLines) expect(line).toMatch(/^(GET|POST) \/[\w/.-]* \d{3} \d+\.\dms$/);
    expect(requestLines.some((l) => l.startsWith('GET /healthz 200 '))).toBe(true);
    expect(requestLines.some((l) => l.startsWith('POST /fetch_rtc_token 413 '))).toBe(true);
    expect(server.lines.at(-1)).toBe('SIGTERM: finishing open requests, then stopping.');
    const everything = server.lines.join('\n') + server.stderr();
    expect(everything.toLowerCase()).not.toContain(appCertificate);
    expect(everything).not.toContain('probe=1');
  });
});

describe('agora-token-kit serve settings', () => {
  it('starts with generated demo credentials when none are set, and says so first', async () => {
    const server = await startCliServer({ cwd });
    try {
      expect(server.lines[0]).toMatch(/^No AGORA_APP_ID \/ AGORA_APP_CERTIFICATE set: using generated demo credentials \(App ID ([0-9a-f]{32})\)/);
      const demoAppId = /App ID ([0-9a-f]{32})/.exec(server.lines[0]!)![1];
      const { data } = await guideClient(server.url, { uid: 1, ChannelName: 'demo', role: 1 });
      expect(decodeToken(data.token as string).appId).toBe(demoAppId);
    } finally {
      expect(await server.stop('SIGINT')).toBe(0);
    }
  });

  it('reads the credentials from .env in the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-serve-env-'));
    writeFileSync(join(dir, '.env'), `# local settings\nAGORA_APP_ID=${appId}\nexport AGORA_APP_CERTIFICATE="${appCertificate}"\n`);
    const server = await startCliServer({ cwd: dir });
    try {
      expect(server.lines[0]).toBe(`Using App ID ${appId} and its App Certificate from .env.`);
      const { data } = await guideClient(server.url, { uid: 5, ChannelName: 'env', role: 1 });
      expect(verifyToken(data.token as string, appCertificate)).toBe(true);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves 006 tokens and allows a configured origin', async () => {
    const origin = 'http://localhost:8080';
    const server = await startCliServer({ env, cwd, args: ['--rtc-version', '006', '--allow-origin', origin] });
    try {
      const response = await fetch(`${server.url}/fetch_rtc_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ uid: 123, ChannelName: 'ChannelA', role: 1 }),
      });
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      const { token } = (await response.json()) as { token: string };
      expect(token.startsWith('006')).toBe(true);
      expect(verifyToken(token, appCertificate, { channelName: 'ChannelA', uid: 123 })).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [{ AGORA_APP_ID: appId }, 'AGORA_APP_CERTIFICATE is not set'],
    [{ AGORA_APP_CERTIFICATE: appCertificate }, 'AGORA_APP_ID is not set'],
    [{ AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: 'not-hex-' + appCertificate.slice(8) }, '"appCertificate" must be 32 hexadecimal characters'],
  ])('refuses to start with incomplete or invalid credentials %#', async (partial, message) => {
    const { code, stderr, stdout } = await runCliServe({ env: partial, cwd });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout + stderr).not.toContain(appCertificate.slice(8));
  });

  it('hints at --port when the port is in use', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = busy.address() as AddressInfo;
      const child = spawnSync(process.execPath, [BIN, 'serve', '--port', String(port)], { cwd, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 10_000 });
      expect(child.status).toBe(2);
      expect(child.stderr).toBe(`error: cannot listen on 127.0.0.1:${port} (EADDRINUSE): the port is in use: pick another with --port, or --port 0 for a free one\n`);
    } finally {
      busy.close();
    }
  });

  it.each([[['--host', '']], [['--host', 'http://127.0.0.1']], [['--host', '127.0.0.1:8082']], [['--allow-host', '*.example.com']], [['--allow-host', '']]])(
    'refuses %j: an empty or malformed host',
    async (args) => {
      const { code, stderr, stdout } = await runCliServe({ env, cwd, args });
      expect(code).toBe(2);
      expect(stderr).toContain(`option '${args[0]} <`);
      expect(stderr).toContain('expected a host name or IP address');
      expect(stdout).not.toContain('listening');
    },
  );

  it('refuses a bad port', async () => {
    const { code, stderr } = await runCliServe({ env, cwd, args: ['--port', '70000'] });
    expect(code).toBe(2);
    expect(stderr).toContain('--port');
  });
});
