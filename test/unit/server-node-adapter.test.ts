// toNodeListener with stand-ins for Node's request and response: what the handler receives (method,
// URL, headers, body) and what is written back, including the 500 for a handler that throws.
import { describe, expect, it } from 'vitest';
import { toNodeListener, type NodeRequestLike, type RequestLogEntry } from '../../src/server/node-adapter.js';

function nodeRequest(fields: Partial<NodeRequestLike>, chunks: string[] = []) {
  const state = { read: 0 };
  const req: NodeRequestLike = {
    rawHeaders: [],
    complete: true,
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        state.read += 1;
        yield new TextEncoder().encode(chunk);
      }
    },
    ...fields,
  };
  return { req, state };
}

function nodeResponse() {
  const written = { statusCode: 0, headers: {} as Record<string, string>, body: undefined as string | undefined, ends: 0 };
  const res = {
    set statusCode(value: number) {
      written.statusCode = value;
    },
    get statusCode() {
      return written.statusCode;
    },
    setHeader(name: string, value: string) {
      written.headers[name] = value;
    },
    end(body?: Uint8Array) {
      written.ends += 1;
      written.body = body === undefined ? undefined : new TextDecoder().decode(body);
    },
  };
  return { res, written };
}

/** Runs one request through the adapter; the handler records what it was given and answers `reply`. */
async function through(req: NodeRequestLike, reply: (request: Request) => Promise<Response> = async () => new Response('ok', { status: 201, headers: { 'x-a': '1' } })) {
  const seen: { request?: Request; body?: string } = {};
  const log: RequestLogEntry[] = [];
  const { res, written } = nodeResponse();
  const listener = toNodeListener(
    async (request) => {
      seen.request = request;
      seen.body = request.body === null ? undefined : await request.text();
      return reply(request);
    },
    { onResponse: (entry) => log.push(entry) },
  );
  await listener(req, res);
  return { seen, written, log };
}

describe('the request the handler sees', () => {
  it('carries the method, the URL on the Host, every header and the body', async () => {
    const { req } = nodeRequest(
      { method: 'POST', url: '/fetch_rtc_token?x=1', rawHeaders: ['Host', 'tokens.test:8082', 'Content-Type', 'application/json', 'X-Many', 'a', 'X-Many', 'b'] },
      ['{"uid":', '1}'],
    );
    const { seen } = await through(req);
    expect(seen.request!.method).toBe('POST');
    expect(seen.request!.url).toBe('http://tokens.test:8082/fetch_rtc_token?x=1');
    expect(seen.request!.headers.get('content-type')).toBe('application/json');
    expect(seen.request!.headers.get('x-many')).toBe('a, b');
    expect(seen.body).toBe('{"uid":1}');
  });

  it('defaults a missing method to GET, a missing URL to / and a missing Host to localhost', async () => {
    const { req } = nodeRequest({ method: undefined, url: undefined });
    const { seen, log } = await through(req);
    expect([seen.request!.method, seen.request!.url, seen.body]).toEqual(['GET', 'http://localhost/', undefined]);
    expect(log).toEqual([{ method: 'GET', path: '/', status: 201, ms: expect.any(Number) }]);
  });

  it('keeps the host of the Host header, whatever the path looks like', async () => {
    for (const [url, expected] of [
      ['//evil.example/fetch_rtc_token', 'http://tokens.test//evil.example/fetch_rtc_token'],
      ['/a?b=1#c', 'http://tokens.test/a?b=1#c'],
    ]) {
      const { req } = nodeRequest({ method: 'GET', url, rawHeaders: ['Host', 'tokens.test'] });
      expect((await through(req)).seen.request!.url).toBe(expected);
    }
  });

  it('takes an absolute http(s) target with its own host, as proxies send it', async () => {
    for (const url of ['https://other.test/healthz', 'http://other.test/healthz']) {
      const { req } = nodeRequest({ method: 'GET', url, rawHeaders: ['Host', 'tokens.test'] });
      expect((await through(req)).seen.request!.url).toBe(url);
    }
  });

  it.each([
    ['a target that is not a path', 'healthz', ['Host', 'tokens.test'], 'the request target must be a path'],
    ['a non-http absolute target', 'ftp://tokens.test/x', ['Host', 'tokens.test'], 'the request target must be a path'],
    ['a scheme that only ends in http', 'xhttp://tokens.test/x', ['Host', 'tokens.test'], 'the request target must be a path'],
    ['an empty Host', '/healthz', ['Host', ''], 'the "host" header is not a host name'],
    ['a Host with a space', '/healthz', ['Host', 'bad host'], 'the "host" header is not a host name'],
    ['a Host with a user', '/healthz', ['Host', 'user@tokens.test'], 'the "host" header is not a host name'],
    ['a Host with a path', '/healthz', ['Host', 'tokens.test/x'], 'the "host" header is not a host name'],
    ['a Host with a backslash', '/healthz', ['Host', 'tokens.test\\x'], 'the "host" header is not a host name'],
    ['a Host with a query', '/healthz', ['Host', 'tokens.test?x'], 'the "host" header is not a host name'],
    ['a Host with a fragment', '/healthz', ['Host', 'tokens.test#x'], 'the "host" header is not a host name'],
    ['a Host that does not parse', '/healthz', ['Host', 'a:b:c'], 'the "host" header is not a host name'],
  ])('answers 400 to %s, without calling the handler', async (_what, url, rawHeaders, message) => {
    const { req } = nodeRequest({ method: 'GET', url, rawHeaders });
    const { seen, written, log } = await through(req);
    expect(seen.request).toBeUndefined();
    expect(written.statusCode).toBe(400);
    expect(JSON.parse(written.body!)).toEqual({ code: '400', error: message });
    expect(log[0]!.status).toBe(400);
  });

  it.each(['TRACE', 'trace', 'CONNECT', 'TRACK'])('answers %s with a JSON 405, without calling the handler', async (method) => {
    const { req } = nodeRequest({ method, url: '/healthz', rawHeaders: ['Host', 'tokens.test'] });
    const { seen, written } = await through(req);
    expect(seen.request).toBeUndefined();
    expect(written.statusCode).toBe(405);
    expect(written.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(written.body!)).toEqual({ code: '405', error: `method ${method} is not supported` });
  });

  it('ignores a trailing header name without a value', async () => {
    const { req } = nodeRequest({ method: 'GET', url: '/', rawHeaders: ['X-A', '1', 'X-Dangling'] });
    const headers: string[][] = [];
    (await through(req)).seen.request!.headers.forEach((value, name) => headers.push([name, value]));
    expect(headers).toEqual([['x-a', '1']]);
  });

  it('gives GET and HEAD no body, and reads no chunk for them', async () => {
    for (const method of ['GET', 'HEAD']) {
      const { req, state } = nodeRequest({ method, url: '/' }, ['ignored']);
      const { seen } = await through(req);
      expect(seen.request!.body).toBeNull();
      expect(state.read).toBe(0);
    }
  });

  it('streams the body only as the handler reads it', async () => {
    const { req, state } = nodeRequest({ method: 'POST', url: '/', rawHeaders: ['content-type', 'application/json'] }, ['a', 'b', 'c']);
    const { res } = nodeResponse();
    await toNodeListener(async () => new Response(null, { status: 413 }))(req, res);
    expect(state.read).toBeLessThan(3);
  });
});

describe('the response written', () => {
  it('copies the status, headers and body, and logs the path without its query', async () => {
    const { req } = nodeRequest({ method: 'PUT', url: '/a/b?token=secret' });
    const { written, log } = await through(req);
    expect(written).toEqual({ statusCode: 201, headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-a': '1' }, body: 'ok', ends: 1 });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: 'PUT', path: '/a/b', status: 201 });
    expect(log[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(log[0]!.ms).toBeLessThan(10_000);
  });

  it('closes the connection when the request body is still arriving', async () => {
    const { req } = nodeRequest({ method: 'POST', url: '/', complete: false });
    expect((await through(req)).written.headers.connection).toBe('close');
    const { req: whole } = nodeRequest({ method: 'POST', url: '/', complete: true });
    expect((await through(whole)).written.headers.connection).toBeUndefined();
  });

  it('answers a handler that throws with a JSON 500 and nothing of the error', async () => {
    const { req } = nodeRequest({ method: 'GET', url: '/x' });
    const { written, log } = await through(req, async () => {
      throw new Error('secret detail');
    });
    expect(written).toEqual({
      statusCode: 500,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
      body: '{"code":"500","error":"internal error"}',
      ends: 1,
    });
    expect(log[0]).toMatchObject({ method: 'GET', path: '/x', status: 500 });
  });

  it('works without a log callback', async () => {
    const { req } = nodeRequest({ method: 'GET', url: '/' });
    const { res, written } = nodeResponse();
    await toNodeListener(async () => new Response('fine'))(req, res);
    expect([written.statusCode, written.body]).toEqual([200, 'fine']);
  });
});
