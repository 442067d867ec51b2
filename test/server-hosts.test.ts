// DNS rebinding and methods Fetch cannot hold, over real HTTP on loopback against `agora-token-kit serve`.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenHandler, toNodeListener } from '../src/server/index.js';
import { type CliServer, startCliServer } from './support/cli-server.js';

const appId = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const appCertificate = '9a8b7c6d5e4f30211203f4e5d6c7b8a9';
const env = { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate };
const guideBody = JSON.stringify({ uid: 123, ChannelName: 'ChannelA', role: 1 });

interface Raw {
  status: number;
  body: string;
}

/** One request through node:http, which, unlike fetch, sends any Host header and method it is given. */
function raw(url: string, options: { method?: string; path?: string; host?: string; body?: string }): Promise<Raw> {
  const { port, hostname } = new URL(url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.host !== undefined) headers.host = options.host;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname: hostname.replace(/^\[|\]$/g, ''), port, path: options.path ?? '/fetch_rtc_token', method: options.method ?? 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'agora-serve-hosts-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('serve answers only to the hosts it knows (DNS rebinding)', () => {
  let server: CliServer;
  let port: string;
  beforeAll(async () => {
    server = await startCliServer({ env, cwd, args: ['--allow-host', 'tokens.test'] });
    port = new URL(server.url).port;
  });
  afterAll(() => server.stop());

  it.each([['attacker.example'], ['127.0.0.1.attacker.example'], ['localhost.attacker.example'], ['tokens.test.attacker.example'], ['127.0.0.2']])(
    'refuses a token request naming %s with 421 JSON and no token',
    async (name) => {
      const r = await raw(server.url, { host: `${name}:${port}`, body: guideBody });
      expect(r.status).toBe(421);
      expect(JSON.parse(r.body)).toEqual({ code: '421', error: `this server does not answer to the host "${name}"` });
      expect(r.body).not.toContain('007');
    },
  );

  it('refuses the page too, and a path that names a loopback host after the slashes', async () => {
    const page = await raw(server.url, { method: 'GET', path: '/', host: `attacker.example:${port}` });
    expect(page.status).toBe(421);
    const sneaky = await raw(server.url, { path: '//localhost/fetch_rtc_token', host: `attacker.example:${port}`, body: guideBody });
    expect(sneaky.status).toBe(421);
    expect(sneaky.body).not.toContain('"token"');
  });

  it.each([['localhost'], ['LOCALHOST'], ['127.0.0.1'], ['[::1]'], ['tokens.test'], ['Tokens.Test']])('answers a request naming %s', async (name) => {
    const r = await raw(server.url, { host: `${name}:${port}`, body: guideBody });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).token).toMatch(/^007/);
  });

  it('refuses a Host header that is not a host with 400', async () => {
    for (const host of ['localhost@attacker.example', 'attacker.example/x', 'a b']) {
      const r = await raw(server.url, { host, body: guideBody });
      expect([r.status, JSON.parse(r.body)]).toEqual([400, { code: '400', error: 'the "host" header is not a host name' }]);
    }
  });

  it('answers TRACE with 405 and TRACK with a 4xx, never 500', async () => {
    for (const path of ['/fetch_rtc_token', '/', '/nowhere']) {
      const trace = await raw(server.url, { method: 'TRACE', path });
      expect([trace.status, JSON.parse(trace.body)]).toEqual([405, { code: '405', error: 'method TRACE is not supported' }]);
    }
    // Node's parser does not know TRACK and refuses it before the listener runs.
    const track = await raw(server.url, { method: 'TRACK' });
    expect(track.status).toBeGreaterThanOrEqual(400);
    expect(track.status).toBeLessThan(500);
    expect(server.lines.some((line) => / 500 /.test(line))).toBe(false);
  });
});

describe('serve --host', () => {
  it.each([['127.0.0.2'], ['localhost'], ['::1']])('treats %s as loopback: no warning, and answers to its own name', async (host) => {
    const server = await startCliServer({ env, cwd, args: ['--host', host] });
    try {
      expect(server.lines.join('\n')).not.toContain('Warning');
      const { port } = new URL(server.url);
      const ownName = host.includes(':') ? `[${host}]` : host;
      expect((await raw(server.url, { host: `${ownName}:${port}`, body: guideBody })).status).toBe(200);
      expect((await raw(server.url, { host: `attacker.example:${port}`, body: guideBody })).status).toBe(421);
    } finally {
      await server.stop();
    }
  });
});

describe('toNodeListener and methods Fetch cannot hold', () => {
  const handler = createTokenHandler({ appId, appCertificate, authorize: () => true });

  async function listen(method: string, rawHeaders: string[], url = '/fetch_rtc_token') {
    const sent: { headers: Record<string, string>; body?: string } = { headers: {} };
    const req = { method, url, rawHeaders, complete: true, async *[Symbol.asyncIterator]() {} };
    const res = {
      statusCode: 200,
      setHeader: (name: string, value: string) => (sent.headers[name] = value),
      end: (body?: Uint8Array) => (sent.body = new TextDecoder().decode(body)),
    };
    await toNodeListener(handler)(req, res);
    return [res.statusCode, sent.headers['content-type'], JSON.parse(sent.body!)];
  }

  it.each([['CONNECT'], ['TRACE'], ['TRACK'], ['trace']])('%s gets a 405 JSON error', async (method) => {
    expect(await listen(method, ['Host', 'localhost'])).toEqual([405, 'application/json; charset=utf-8', { code: '405', error: `method ${method} is not supported` }]);
  });

  it('an empty Host header is a 400, not a host taken from the path', async () => {
    expect(await listen('GET', ['Host', ''], '/healthz')).toEqual([400, 'application/json; charset=utf-8', { code: '400', error: 'the "host" header is not a host name' }]);
  });
});
