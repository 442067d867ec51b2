import { HttpError } from './response.js';

/** Which browser origins may call the handler: none (same-origin only), a list, or any (`'*'`). */
export type AllowedOrigins = readonly string[] | '*';

const ALLOWED_METHODS = 'POST, GET, OPTIONS';
const ALLOWED_HEADERS = 'content-type, authorization';
const PREFLIGHT_MAX_AGE = '600';

function isOrigin(text: string): boolean {
  try {
    // WHATWG URL accepts "*" in a host name; browsers never send one, so a wildcard entry is a mistake.
    return !text.includes('*') && new URL(text).origin === text;
  } catch {
    return false;
  }
}

/** Decides the CORS response headers for one request's `Origin`. */
export class CorsPolicy {
  readonly #any: boolean;
  readonly #origins: ReadonlySet<string>;

  constructor(allowed: AllowedOrigins) {
    if (allowed !== '*' && !(Array.isArray(allowed) && allowed.every((o) => typeof o === 'string'))) {
      throw new TypeError('"allowedOrigins" must be an array of origins or "*"');
    }
    for (const origin of allowed === '*' ? [] : allowed) {
      // An origin is scheme://host[:port]; anything else (a path, a trailing slash, a wildcard) never matches
      // what browsers send, so it is a configuration mistake.
      if (!isOrigin(origin)) {
        throw new TypeError(`"allowedOrigins" entry ${JSON.stringify(origin)} is not an origin such as "https://app.example.com"; use allowedOrigins: '*' for any origin`);
      }
    }
    this.#any = allowed === '*';
    this.#origins = new Set(allowed === '*' ? [] : allowed);
  }

  #allows(origin: string | null): boolean {
    return origin !== null && (this.#any || this.#origins.has(origin));
  }

  /** Headers for an actual (non-preflight) response: none unless the origin is allowed. */
  headers(origin: string | null): Record<string, string> {
    if (this.#any) return { 'access-control-allow-origin': '*' };
    // The answer depends on Origin whenever a list is configured, so caches must key on it.
    const vary: Record<string, string> = this.#origins.size > 0 ? { vary: 'origin' } : {};
    return origin !== null && this.#allows(origin) ? { ...vary, 'access-control-allow-origin': origin } : vary;
  }

  /** The extra headers of an accepted preflight; a refused origin gets a 403 that names it. */
  preflight(origin: string | null): Record<string, string> {
    if (!this.#allows(origin)) {
      throw new HttpError(403, origin === null ? 'CORS preflight without an "origin" header' : `origin ${JSON.stringify(origin.slice(0, 100))} is not allowed`);
    }
    return {
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': PREFLIGHT_MAX_AGE,
    };
  }
}
