/** A refusal with an HTTP status; the handler turns it into the JSON error body. */
export class HttpError extends Error {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = headers;
  }
}

// Tokens are credentials: no cache may keep them, and no browser may sniff the JSON into something else.
const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A JSON answer; `code` repeats the status as a string, the shape the guide's client reads. */
export function jsonResponse(status: number, body: Record<string, unknown>, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(JSON.stringify({ ...body, code: String(status) }), { status, headers: { ...BASE_HEADERS, ...headers } });
}

export const errorResponse = (error: HttpError): Response =>
  new Response(JSON.stringify({ code: String(error.status), error: error.message }), { status: error.status, headers: { ...BASE_HEADERS, ...error.headers } });
