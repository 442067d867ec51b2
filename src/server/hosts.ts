import { HttpError } from './response.js';

/**
 * A host name or IP address as a URL spells it (lowercase, IPv6 in brackets, `127.1` as `127.0.0.1`),
 * or `undefined` when the text is not a bare host: a port, path, user or wildcard makes it something else.
 */
export function canonicalHost(text: string): string | undefined {
  if (typeof text !== 'string' || text === '' || /[*@/\\?#\s]/.test(text)) return undefined;
  // An unbracketed colon can only be IPv6; a name with a port then fails to parse, as it should.
  const bracketed = text.includes(':') && !text.startsWith('[') ? `[${text}]` : text;
  let url: URL;
  try {
    url = new URL(`http://${bracketed}/`);
  } catch {
    return undefined;
  }
  return url.port === '' && url.pathname === '/' ? url.hostname : undefined;
}

/** True for `localhost`, 127.0.0.0/8 and `::1`, in any spelling a URL accepts. */
export function isLoopbackHost(text: string): boolean {
  const host = canonicalHost(text);
  return host === 'localhost' || host === '[::1]' || (host !== undefined && /^127\.\d+\.\d+\.\d+$/.test(host));
}

/**
 * The Host names a handler answers to. A page whose own name an attacker has rebound to 127.0.0.1
 * (DNS rebinding) reaches a loopback server as same-origin, but its requests still carry the
 * attacker's name in `Host`: refusing unknown names is what keeps such a page from getting tokens.
 */
export class HostPolicy {
  readonly #names: ReadonlySet<string>;

  constructor(allowed: readonly string[]) {
    if (!Array.isArray(allowed) || allowed.length === 0) {
      throw new TypeError('"allowedHosts" must be a non-empty array of host names; leave it out to answer every host');
    }
    this.#names = new Set(
      allowed.map((entry: unknown) => {
        const host = typeof entry === 'string' ? canonicalHost(entry) : undefined;
        if (host === undefined) {
          throw new TypeError(`"allowedHosts" entry ${JSON.stringify(entry)} is not a host name or IP address such as "tokens.example.com" (no scheme, port or wildcard)`);
        }
        return host;
      }),
    );
  }

  /**
   * Refuses a request whose URL names another host, with 421 Misdirected Request: the request
   * reached a server that does not serve that name, which is what RFC 9110 §15.5.20 describes.
   */
  assert(request: Request): void {
    const host = new URL(request.url).hostname;
    if (!this.#names.has(host)) {
      throw new HttpError(421, `this server does not answer to the host ${JSON.stringify(host.slice(0, 100))}`);
    }
  }
}
