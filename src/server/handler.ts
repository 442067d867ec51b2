import { TokenError } from '../errors.js';
import { assertAppId, assertCertificate } from '../lib/validate.js';
import { readJsonObject } from './body.js';
import { type AllowedOrigins, CorsPolicy } from './cors.js';
import { ENDPOINTS, isTokenEndpoint, type TokenClaims } from './endpoints.js';
import { BodyFields } from './fields.js';
import { HostPolicy } from './hosts.js';
import { errorResponse, HttpError, jsonResponse } from './response.js';

/** Options of {@link createTokenHandler}. */
export interface TokenHandlerOptions {
  /** The 32-hex-character App ID. */
  appId: string;
  /** The 32-hex-character App Certificate. It never appears in a response or an error. */
  appCertificate: string;
  /**
   * Decides who may get which token: return `true` to allow. Returning `false` or throwing answers
   * 403. Called after the body has been read and validated, with what it asks for; read sessions,
   * cookies or bearer tokens from the request's headers.
   */
  authorize: (request: Request, claims: TokenClaims) => boolean | Promise<boolean>;
  /** Lifetime in seconds for requests that give none; default 3600. */
  defaultExpire?: number;
  /** Longest lifetime a request may ask for, in seconds; default and upper limit 86400 (Agora's cap). */
  maxExpire?: number;
  /**
   * Browser origins allowed to call from other sites, e.g. `['https://app.example.com']`. Default `[]`:
   * same-origin only, no CORS headers. `'*'` allows every origin and must be set explicitly.
   */
  allowedOrigins?: AllowedOrigins;
  /**
   * Host names the handler answers to, e.g. `['localhost', '127.0.0.1']`; a request for any other
   * name is refused with 421. Default: every name. Set it whenever the handler listens on a loopback
   * or private address, where a web page can reach it by rebinding its own name to that address
   * (DNS rebinding) and would otherwise get tokens signed with your certificate. Names only: no
   * scheme, port or wildcard; IPv6 addresses with or without brackets.
   */
  allowedHosts?: readonly string[];
  /** Largest request body in bytes; default 16384. */
  maxBodyBytes?: number;
  /** Token version of `/fetch_rtc_token`: `'007'` (default) or `'006'` for services mid-migration. */
  rtcTokenVersion?: '007' | '006';
  /** Path prefix the handler is mounted under, e.g. `'/api'`; default none. */
  basePath?: string;
  /** Current time in milliseconds, for tests; default `Date.now`. */
  now?: () => number;
  /** Salt for each token, for tests; default a fresh value from `crypto.getRandomValues`. */
  salt?: () => number;
}

const MAX_EXPIRE = 86_400;
const POST_METHODS = 'POST, OPTIONS';
const GET_METHODS = 'GET, OPTIONS';

function positiveInteger(value: number | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value >= 1 && value <= max) return value;
  throw new RangeError(`"${name}" must be an integer from 1 to ${max}, got ${String(value)}`);
}

function resolve(options: TokenHandlerOptions) {
  if (options === null || typeof options !== 'object') throw new TypeError('createTokenHandler needs an options object');
  const { appId, appCertificate, authorize, rtcTokenVersion = '007', basePath = '', now = Date.now, salt } = options;
  assertAppId(appId);
  assertCertificate(appCertificate);
  if (typeof authorize !== 'function') {
    throw new TypeError('"authorize" must be a function: deciding who may get a token is the deployer\'s call (use () => true only for a local demo)');
  }
  const maxExpire = positiveInteger(options.maxExpire, MAX_EXPIRE, 'maxExpire', MAX_EXPIRE);
  const defaultExpire = positiveInteger(options.defaultExpire, Math.min(3600, maxExpire), 'defaultExpire', maxExpire);
  const maxBodyBytes = positiveInteger(options.maxBodyBytes, 16_384, 'maxBodyBytes', 1 << 24);
  if (rtcTokenVersion !== '007' && rtcTokenVersion !== '006') throw new TypeError(`"rtcTokenVersion" must be '007' or '006', got ${String(rtcTokenVersion)}`);
  if (basePath !== '' && !/^\/[^?#]*[^/?#]$/.test(basePath)) throw new TypeError(`"basePath" must start with "/" and not end with one, got ${JSON.stringify(basePath)}`);
  if (typeof now !== 'function' || (salt !== undefined && typeof salt !== 'function')) throw new TypeError('"now" and "salt" must be functions');
  return {
    appId,
    appCertificate,
    authorize,
    limits: { defaultExpire, maxExpire },
    cors: new CorsPolicy(options.allowedOrigins ?? []),
    hosts: options.allowedHosts === undefined ? undefined : new HostPolicy(options.allowedHosts),
    maxBodyBytes,
    rtcTokenVersion,
    basePath,
    now,
    salt,
  };
}

/**
 * Creates a token server as a Fetch API handler, so one handler serves Node (through
 * `toNodeListener`), Deno, Bun, Cloudflare Workers and edge functions.
 *
 * Endpoints: `POST /fetch_rtc_token` with the body of Agora's guide (`{"uid": 123, "ChannelName":
 * "ChannelA", "role": 1}`), answering `{"token": "...", "code": "200"}`; a `POST /fetch_*_token`
 * endpoint for every other builder; `GET /healthz`. Errors are `{"code": "<status>", "error": "..."}`:
 * 400 bad body (naming the field), 403 refused by `authorize` or CORS preflight, 404 unknown path,
 * 405 wrong method, 413 body too large, 415 not JSON, 421 a host not in `allowedHosts`. Bad input
 * never yields a 500.
 *
 * @param options - credentials, `authorize`, limits, CORS and allowed hosts
 * @returns the handler
 * @throws {@link index!TokenError} for an invalid App ID or certificate; `TypeError`/`RangeError` for other
 *   invalid options
 * @example
 * ```ts
 * import { createTokenHandler } from 'agora-token-kit/server';
 * const handler = createTokenHandler({
 *   appId: env.AGORA_APP_ID,
 *   appCertificate: env.AGORA_APP_CERTIFICATE,
 *   authorize: async (request, claims) => (await sessionUser(request))?.id === claims.uid,
 * });
 * export default { fetch: handler };
 * ```
 */
export function createTokenHandler(options: TokenHandlerOptions): (request: Request) => Promise<Response> {
  const config = resolve(options);

  async function issue(request: Request, endpoint: keyof typeof ENDPOINTS): Promise<Response> {
    const body = await readJsonObject(request, config.maxBodyBytes);
    const fields = new BodyFields(body, config.limits);
    const prepared = ENDPOINTS[endpoint](fields);
    fields.finish();
    let allowed = false;
    try {
      allowed = (await config.authorize(request, prepared.claims)) === true;
    } catch {
      // What authorize threw may hold anything; the client learns only that it was refused.
    }
    if (!allowed) throw new HttpError(403, 'not authorized to get this token');
    const token = prepared.build({
      appId: config.appId,
      appCertificate: config.appCertificate,
      issueTs: Math.floor(config.now() / 1000),
      salt: config.salt?.(),
      rtcTokenVersion: config.rtcTokenVersion,
    });
    return jsonResponse(200, { token });
  }

  async function route(request: Request): Promise<Response> {
    config.hosts?.assert(request);
    const { pathname } = new URL(request.url);
    const { basePath } = config;
    const path = basePath === '' ? pathname : pathname.startsWith(basePath + '/') ? pathname.slice(basePath.length) : '';
    const isHealth = path === '/healthz';
    if (!isHealth && !isTokenEndpoint(path)) throw new HttpError(404, `no endpoint at ${JSON.stringify(pathname.slice(0, 100))}`);
    const method = request.method;
    if (method === 'OPTIONS') {
      const preflight = request.headers.has('access-control-request-method');
      const headers = preflight ? config.cors.preflight(request.headers.get('origin')) : { allow: isHealth ? GET_METHODS : POST_METHODS };
      return new Response(null, { status: 204, headers });
    }
    if (isHealth) {
      if (method !== 'GET') throw new HttpError(405, `${path} takes GET, not ${method}`, { allow: GET_METHODS });
      return jsonResponse(200, { status: 'ok' });
    }
    if (method !== 'POST') throw new HttpError(405, `${path} takes POST, not ${method}`, { allow: POST_METHODS });
    return issue(request, path);
  }

  return async function handleTokenRequest(request: Request): Promise<Response> {
    let response: Response;
    try {
      response = await route(request);
    } catch (error) {
      // Library errors name the field and never the certificate; anything else is a bug, told to no one.
      const refusal =
        error instanceof HttpError ? error : error instanceof TokenError ? new HttpError(400, error.message) : new HttpError(500, 'internal error');
      response = errorResponse(refusal);
    }
    for (const [name, value] of Object.entries(config.cors.headers(request.headers.get('origin')))) response.headers.set(name, value);
    return response;
  };
}
