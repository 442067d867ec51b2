// The server's CORS decisions and its JSON answers, as a browser and a client read them.
import { describe, expect, it } from 'vitest';
import { CorsPolicy } from '../../src/server/cors.js';
import { errorResponse, HttpError, jsonResponse } from '../../src/server/response.js';

const origin = 'https://app.example.com';

/** A response's headers as a plain object (the DOM typings give Headers no iterator). */
const headersOf = ({ headers }: Response): Record<string, string> => {
  const all: Record<string, string> = {};
  headers.forEach((value, name) => (all[name] = value));
  return all;
};

describe('CorsPolicy', () => {
  it('refuses options that are neither a list of strings nor "*"', () => {
    for (const allowed of ['https://app.example.com', [1], null, undefined, {}]) {
      expect(() => new CorsPolicy(allowed as never)).toThrow(new TypeError('"allowedOrigins" must be an array of origins or "*"'));
    }
  });

  it.each(['*', 'https://*.example.com', 'https://app.example.com/', 'https://app.example.com/path', 'app.example.com', 'not a url', ''])(
    'refuses the entry %j, quoting it',
    (entry) => {
      expect(() => new CorsPolicy([origin, entry])).toThrow(
        new TypeError(`"allowedOrigins" entry ${JSON.stringify(entry)} is not an origin such as "https://app.example.com"; use allowedOrigins: '*' for any origin`),
      );
    },
  );

  it('takes origins with a port or a non-default scheme', () => {
    expect(() => new CorsPolicy(['http://localhost:5173', 'https://a.example:8443'])).not.toThrow();
  });

  it('sends nothing by default: same-origin only', () => {
    const policy = new CorsPolicy([]);
    expect(policy.headers(origin)).toEqual({});
    expect(policy.headers(null)).toEqual({});
  });

  it('echoes a listed origin and always varies on Origin', () => {
    const policy = new CorsPolicy([origin, 'http://localhost:5173']);
    expect(policy.headers(origin)).toEqual({ vary: 'origin', 'access-control-allow-origin': origin });
    expect(policy.headers('http://localhost:5173')).toEqual({ vary: 'origin', 'access-control-allow-origin': 'http://localhost:5173' });
    expect(policy.headers('https://evil.example')).toEqual({ vary: 'origin' });
    expect(policy.headers(null)).toEqual({ vary: 'origin' });
  });

  it("allows any origin with '*', without Vary", () => {
    const policy = new CorsPolicy('*');
    expect(policy.headers('https://anywhere.example')).toEqual({ 'access-control-allow-origin': '*' });
    expect(policy.headers(null)).toEqual({ 'access-control-allow-origin': '*' });
    expect(policy.preflight('https://anywhere.example')).toEqual({
      'access-control-allow-methods': 'POST, GET, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
    });
  });

  it('answers the preflight of a listed origin', () => {
    expect(new CorsPolicy([origin]).preflight(origin)).toEqual({
      'access-control-allow-methods': 'POST, GET, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization',
      'access-control-max-age': '600',
    });
  });

  it('refuses other preflights with a 403 naming the origin, cut to 100 characters', () => {
    const refused = (policy: CorsPolicy, from: string | null) => {
      try {
        policy.preflight(from);
      } catch (error) {
        expect(error).toBeInstanceOf(HttpError);
        return [(error as HttpError).status, (error as HttpError).message];
      }
      return expect.unreachable('preflight accepted');
    };
    const policy = new CorsPolicy([origin]);
    expect(refused(policy, 'https://evil.example')).toEqual([403, 'origin "https://evil.example" is not allowed']);
    expect(refused(policy, null)).toEqual([403, 'CORS preflight without an "origin" header']);
    expect(refused(new CorsPolicy('*'), null)).toEqual([403, 'CORS preflight without an "origin" header']);
    expect(refused(new CorsPolicy([]), origin)).toEqual([403, `origin "${origin}" is not allowed`]);
    const long = `https://${'a'.repeat(200)}.example`;
    expect(refused(policy, long)).toEqual([403, `origin ${JSON.stringify(long.slice(0, 100))} is not allowed`]);
  });
});

describe('answers', () => {
  const base = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

  it('a JSON answer repeats the status as a string code, with headers that keep tokens out of caches', async () => {
    const response = jsonResponse(200, { token: 't' });
    expect(response.status).toBe(200);
    expect(headersOf(response)).toEqual(base);
    expect(await response.json()).toEqual({ token: 't', code: '200' });
  });

  it('extra headers are added and a body "code" cannot contradict the status', async () => {
    const response = jsonResponse(201, { code: 'mine', a: 1 }, { allow: 'GET' });
    expect(headersOf(response)).toEqual({ ...base, allow: 'GET' });
    expect(await response.json()).toEqual({ a: 1, code: '201' });
  });

  it('an error answer carries the status, the message and the error headers', async () => {
    const error = new HttpError(405, 'takes POST', { allow: 'POST, OPTIONS' });
    expect([error.name, error.status, error.message]).toEqual(['HttpError', 405, 'takes POST']);
    const response = errorResponse(error);
    expect(response.status).toBe(405);
    expect(headersOf(response)).toEqual({ ...base, allow: 'POST, OPTIONS' });
    expect(await response.json()).toEqual({ code: '405', error: 'takes POST' });
    expect(new HttpError(400, 'x').headers).toEqual({});
  });
});
