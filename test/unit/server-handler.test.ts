// createTokenHandler's options and routing: what a deployer can configure, what each path and method
// answers, and how failures become JSON errors (never a 500 for bad input).
import { describe, expect, it } from 'vitest';
import { decodeToken, verifyToken } from '../../src/index.js';
import { createTokenHandler, type TokenHandlerOptions } from '../../src/server/index.js';

const appId = '3c5e1d7f0a9b4c2e8d6f1a0b9c8d7e6f';
const appCertificate = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const guideBody = { uid: 123, ChannelName: 'ChannelA', role: 1 };

const handlerWith = (options: Partial<TokenHandlerOptions> = {}) =>
  createTokenHandler({ appId, appCertificate, authorize: () => true, now: () => 1_767_225_600_000, salt: () => 1, ...options });

/** Headers as a plain object (the DOM typings give Headers no iterator). */
const headersOf = (headers: Headers): Record<string, string> => {
  const all: Record<string, string> = {};
  headers.forEach((value, name) => (all[name] = value));
  return all;
};
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://tokens.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function answer(handler: (r: Request) => Promise<Response>, request: Request) {
  const response = await handler(request);
  const text = await response.text();
  return { status: response.status, headers: headersOf(response.headers), body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>) };
}

describe('options', () => {
  it.each([null, undefined, 'options', 42])('refuses %j instead of an options object', (options) => {
    expect(() => createTokenHandler(options as unknown as TokenHandlerOptions)).toThrow(new TypeError('createTokenHandler needs an options object'));
  });

  it('refuses an authorize that is not a function', () => {
    expect(() => handlerWith({ authorize: true as unknown as () => boolean })).toThrow(TypeError);
  });

  it.each([
    [{ maxExpire: 0 }, '"maxExpire" must be an integer from 1 to 86400, got 0'],
    [{ maxExpire: 86_401 }, '"maxExpire" must be an integer from 1 to 86400, got 86401'],
    [{ maxExpire: 1.5 }, '"maxExpire" must be an integer from 1 to 86400, got 1.5'],
    [{ defaultExpire: 0 }, '"defaultExpire" must be an integer from 1 to 86400, got 0'],
    [{ maxExpire: 600, defaultExpire: 601 }, '"defaultExpire" must be an integer from 1 to 600, got 601'],
    [{ maxBodyBytes: 0 }, '"maxBodyBytes" must be an integer from 1 to 16777216, got 0'],
    [{ maxBodyBytes: 16_777_217 }, '"maxBodyBytes" must be an integer from 1 to 16777216, got 16777217'],
  ])('refuses %j with a RangeError naming the option and its range', (options, message) => {
    expect(() => handlerWith(options)).toThrow(new RangeError(message));
  });

  it.each([{ maxExpire: 1, defaultExpire: 1 }, { maxExpire: 86_400, defaultExpire: 86_400 }, { maxBodyBytes: 1 }, { maxBodyBytes: 16_777_216 }])('takes the bound %j', (options) => {
    expect(() => handlerWith(options)).not.toThrow();
  });

  it.each([
    [{ rtcTokenVersion: '005' }, `"rtcTokenVersion" must be '007' or '006', got 005`],
    [{ basePath: 'api' }, '"basePath" must start with "/" and not end with one, got "api"'],
    [{ basePath: '/' }, '"basePath" must start with "/" and not end with one, got "/"'],
    [{ basePath: '/api/' }, '"basePath" must start with "/" and not end with one, got "/api/"'],
    [{ basePath: '/api?x=1' }, '"basePath" must start with "/" and not end with one, got "/api?x=1"'],
    [{ basePath: '/api#top' }, '"basePath" must start with "/" and not end with one, got "/api#top"'],
    [{ basePath: 'x/api' }, '"basePath" must start with "/" and not end with one, got "x/api"'],
    [{ now: 5 }, '"now" and "salt" must be functions'],
    [{ salt: 5 }, '"now" and "salt" must be functions'],
  ])('refuses %j with a TypeError', (options, message) => {
    expect(() => handlerWith(options as Partial<TokenHandlerOptions>)).toThrow(new TypeError(message));
  });

  it('defaults the expiry to an hour below a longer maximum', async () => {
    const { body } = await answer(handlerWith({ maxExpire: 7200 }), post('/fetch_rtc_token', guideBody));
    expect(decodeToken(body!.token as string)).toMatchObject({ expire: 3600 });
    const longest = await answer(handlerWith({ maxExpire: 7200 }), post('/fetch_rtc_token', { ...guideBody, tokenExpire: 7200 }));
    expect(longest.status).toBe(200);
  });

  it('takes bodies up to 16384 bytes by default', async () => {
    const padded = (size: number) => {
      const text = JSON.stringify({ ...guideBody, ChannelName: 'ChannelA' });
      return text.slice(0, -1) + ' '.repeat(size - text.length) + '}';
    };
    expect((await answer(handlerWith(), post('/fetch_rtc_token', padded(16_384)))).status).toBe(200);
    expect((await answer(handlerWith(), post('/fetch_rtc_token', padded(16_385)))).status).toBe(413);
  });

  it('uses the clock in whole seconds', async () => {
    const { body } = await answer(handlerWith({ now: () => 1_800_000_000_999 }), post('/fetch_rtc_token', guideBody));
    expect(decodeToken(body!.token as string)).toMatchObject({ issueTs: 1_800_000_000 });
  });

  it('without a salt option, draws a salt per token', async () => {
    const handler = createTokenHandler({ appId, appCertificate, authorize: () => true });
    const salts = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const { status, body } = await answer(handler, post('/fetch_rtc_token', guideBody));
      expect(status).toBe(200);
      expect(verifyToken(body!.token as string, appCertificate)).toBe(true);
      salts.add((decodeToken(body!.token as string) as { salt: number }).salt);
    }
    expect(salts.size).toBeGreaterThan(1);
    const old = await answer(createTokenHandler({ appId, appCertificate, authorize: () => true, rtcTokenVersion: '006' }), post('/fetch_rtc_token', guideBody));
    expect(verifyToken(old.body!.token as string, appCertificate, { channelName: 'ChannelA', uid: 123 })).toBe(true);
  });
});

describe('routing', () => {
  it('serves every endpoint and /healthz under basePath only', async () => {
    const handler = handlerWith({ basePath: '/v1/tokens' });
    expect((await answer(handler, post('/v1/tokens/fetch_rtc_token', guideBody))).status).toBe(200);
    expect((await answer(handler, new Request('http://tokens.test/v1/tokens/healthz'))).body).toEqual({ status: 'ok', code: '200' });
    for (const path of ['/fetch_rtc_token', '/v1/tokens', '/v1/tokens/', '/v1/tokensfetch_rtc_token', '/v1/fetch_rtc_token']) {
      expect((await answer(handler, post(path, guideBody))).body).toEqual({ code: '404', error: `no endpoint at ${JSON.stringify(path)}` });
    }
  });

  it('names the unknown path, cut to 100 characters', async () => {
    const path = `/${'p'.repeat(150)}`;
    expect((await answer(handlerWith(), post(path, {}))).body).toEqual({ code: '404', error: `no endpoint at ${JSON.stringify(path.slice(0, 100))}` });
    expect((await answer(handlerWith(), post('/fetch_rtc_token/', {}))).status).toBe(404);
    expect((await answer(handlerWith(), post('/toString', {}))).status).toBe(404);
  });

  it('answers a plain OPTIONS with the allowed methods of the path', async () => {
    const options = (path: string) => new Request(`http://tokens.test${path}`, { method: 'OPTIONS' });
    expect(await answer(handlerWith(), options('/healthz'))).toMatchObject({ status: 204, headers: { allow: 'GET, OPTIONS' }, body: null });
    expect(await answer(handlerWith(), options('/fetch_fpa_token'))).toMatchObject({ status: 204, headers: { allow: 'POST, OPTIONS' }, body: null });
  });

  it('answers a wrong method with 405 and Allow', async () => {
    expect(await answer(handlerWith(), post('/healthz', {}))).toMatchObject({
      status: 405,
      headers: { allow: 'GET, OPTIONS' },
      body: { code: '405', error: '/healthz takes GET, not POST' },
    });
    expect(await answer(handlerWith({ basePath: '/api' }), new Request('http://tokens.test/api/fetch_rtc_token', { method: 'DELETE' }))).toMatchObject({
      status: 405,
      headers: { allow: 'POST, OPTIONS' },
      body: { code: '405', error: '/fetch_rtc_token takes POST, not DELETE' },
    });
  });

  it('answers a failure of its own with a bare 500, CORS headers included', async () => {
    const handler = handlerWith({
      allowedOrigins: ['https://app.example.com'],
      now: () => {
        throw new Error('clock at /etc/secret');
      },
    });
    expect(await answer(handler, post('/fetch_rtc_token', guideBody, { origin: 'https://app.example.com' }))).toMatchObject({
      status: 500,
      headers: { 'access-control-allow-origin': 'https://app.example.com', vary: 'origin' },
      body: { code: '500', error: 'internal error' },
    });
  });

  it('answers a library refusal as 400 with its message', async () => {
    const handler = handlerWith({ salt: () => -1 });
    const { status, body } = await answer(handler, post('/fetch_rtc_token', guideBody));
    expect(status).toBe(400);
    expect(body!.error).toMatch(/salt/);
  });

  it('a preflight to an allowed origin carries the CORS answer', async () => {
    const handler = handlerWith({ allowedOrigins: ['https://app.example.com'] });
    const preflight = new Request('http://tokens.test/healthz', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' },
    });
    const { status, headers } = await answer(handler, preflight);
    expect(status).toBe(204);
    expect(headers['access-control-allow-methods']).toBe('POST, GET, OPTIONS');
    expect(headers.allow).toBeUndefined();
  });
});
