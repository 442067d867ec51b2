// The web demo's files as `serve` hands them out: read from the package, served for GET and HEAD with
// headers that keep the page same-origin, everything else passed to the token handler.
// loadDemo needs the browser build: run `npm run build` first.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemo, withDemo } from '../../src/server/node-demo.js';

/** Headers as a plain object (the DOM typings give Headers no iterator). */
const headersOf = (headers: Headers): Record<string, string> => {
  const all: Record<string, string> = {};
  headers.forEach((value, name) => (all[name] = value));
  return all;
};
const root = new URL('../../', import.meta.url);
const assets = loadDemo({ demoCredentials: true });
const passed: Request[] = [];
const handler = withDemo(async (request) => {
  passed.push(request);
  return new Response('from the handler', { status: 418 });
}, assets);

describe('loadDemo', () => {
  it('holds the page, its script and style, and the browser build, with their types', () => {
    expect(Object.fromEntries([...assets].map(([path, asset]) => [path, asset.type]))).toEqual({
      '/': 'text/html; charset=utf-8',
      '/demo/app.js': 'text/javascript; charset=utf-8',
      '/demo/style.css': 'text/css; charset=utf-8',
      '/demo/favicon.svg': 'image/svg+xml',
      '/demo/agora-token-kit.js': 'text/javascript; charset=utf-8',
      '/demo/client.js': 'text/javascript; charset=utf-8',
      '/demo/server.json': 'application/json',
    });
    expect(JSON.parse(new TextDecoder().decode(assets.get('/demo/server.json')!.body))).toEqual({ demoCredentials: true });
    expect(assets.get('/')!.body).toEqual(new Uint8Array(readFileSync(new URL('demo/index.html', root))));
    expect(assets.get('/demo/agora-token-kit.js')!.body).toEqual(new Uint8Array(readFileSync(new URL('dist/browser/agora-token-kit.js', root))));
  });
});

describe('withDemo', () => {
  it.each(['/', '/demo/app.js', '/demo/style.css', '/demo/agora-token-kit.js', '/demo/client.js'])('serves %s for GET with the page headers', async (path) => {
    const response = await handler(new Request(`http://localhost${path}?v=1`));
    expect(response.status).toBe(200);
    expect(headersOf(response.headers)).toEqual({
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'content-type': assets.get(path)!.type,
    });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(assets.get(path)!.body);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await handler(new Request('http://localhost/', { method: 'HEAD' }));
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([200, 'text/html; charset=utf-8', '']);
  });

  it('passes other paths and other methods to the handler', async () => {
    passed.length = 0;
    for (const request of [
      new Request('http://localhost/healthz'),
      new Request('http://localhost/demo/missing.js'),
      new Request('http://localhost/', { method: 'POST', body: '{}' }),
      new Request('http://localhost/demo/app.js', { method: 'OPTIONS' }),
    ]) {
      const response = await handler(request);
      expect([response.status, await response.text()]).toEqual([418, 'from the handler']);
    }
    expect(passed.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['GET /healthz', 'GET /demo/missing.js', 'POST /', 'OPTIONS /demo/app.js']);
  });
});
