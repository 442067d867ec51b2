import { errorResponse, HttpError } from './response.js';

/**
 * The parts of Node's `http.IncomingMessage` the adapter reads. Declared here rather than imported so
 * that this entry point carries no `node:*` import and no dependency on `@types/node`.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array> {
  method?: string | undefined;
  url?: string | undefined;
  /** Alternating names and values, as received. */
  rawHeaders: string[];
  /** True once the whole request, body included, has been received. */
  complete: boolean;
}

/** The parts of Node's `http.ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  statusCode: number;
  /** Sets one response header. */
  setHeader(name: string, value: string): unknown;
  /** Sends the body, if any, and finishes the response. */
  end(body?: Uint8Array): unknown;
}

/** One line of the request log: no query string, no body, no header. */
export interface RequestLogEntry {
  method: string;
  /** The URL path without its query string. */
  path: string;
  status: number;
  /** Milliseconds from the request's arrival to the end of the response. */
  ms: number;
}

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /** Called once per request after the response is written, e.g. to print a log line. */
  onResponse?: (entry: RequestLogEntry) => void;
}

const NO_BODY = new Set(['GET', 'HEAD']);
// Methods the Fetch standard forbids: `new Request` throws on them, so they never reach the handler.
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

// The request target is appended to the origin as text: parsed as a relative URL, a path such as
// `//localhost/x` would replace the host named in the Host header, and so slip past allowedHosts.
function requestUrl(target: string, host: string | null): URL {
  if (!target.startsWith('/')) {
    // Absolute form (`GET http://host/path`), which only proxies are sent; it names its own host.
    if (URL.canParse(target) && /^https?:$/.test(new URL(target).protocol)) return new URL(target);
    throw new HttpError(400, 'the request target must be a path');
  }
  const authority = host ?? 'localhost';
  if (authority === '' || /[@/\\?#\s]/.test(authority) || !URL.canParse(`http://${authority}${target}`)) {
    throw new HttpError(400, 'the "host" header is not a host name');
  }
  return new URL(`http://${authority}${target}`);
}

function toRequest(req: NodeRequestLike): Request {
  const method = req.method ?? 'GET';
  if (FORBIDDEN_METHODS.has(method.toUpperCase())) throw new HttpError(405, `method ${method} is not supported`);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const url = requestUrl(req.url ?? '/', headers.get('host'));
  if (NO_BODY.has(method)) return new Request(url, { method, headers });
  const chunks = req[Symbol.asyncIterator]();
  // Pull-based, so a handler that stops reading (a body over its limit) stops the upload being buffered.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit);
}

/**
 * Adapts a Fetch API handler, such as the one from `createTokenHandler`, to Node's `http` module.
 *
 * @param handler - the Fetch API handler
 * @param options - an optional per-request log callback
 * @returns a `(req, res)` listener for `http.createServer`
 * @throws never: a handler that throws is answered with a 500 JSON error; a method that `Request`
 *   cannot hold (CONNECT, TRACE, TRACK) with 405, and a Host header that is not a host with 400
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createTokenHandler, toNodeListener } from 'agora-token-kit/server';
 * const handler = createTokenHandler({ appId, appCertificate, authorize });
 * createServer(toNodeListener(handler)).listen(8082, '127.0.0.1');
 * ```
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: NodeListenerOptions = {},
): (req: NodeRequestLike, res: NodeResponseLike) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await handler(toRequest(req));
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      // HttpError comes only from toRequest: a request that cannot become a `Request` at all.
      response = errorResponse(error instanceof HttpError ? error : new HttpError(500, 'internal error'));
      bytes = new Uint8Array(await response.arrayBuffer());
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    // A refused body may still be arriving: closing the connection discards it instead of parsing it
    // as the next request.
    if (!req.complete) res.setHeader('connection', 'close');
    res.end(bytes);
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    options.onResponse?.({ method: req.method ?? 'GET', path, status: response.status, ms: performance.now() - started });
  };
}
