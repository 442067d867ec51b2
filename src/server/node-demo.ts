import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file of the web demo, held in memory: the demo is a few kilobytes and never changes while serving. */
interface Asset {
  type: string;
  body: Uint8Array<ArrayBuffer>;
}

// URL path → file, relative to the package root. The library and `agora-token-kit/client` modules are
// the self-contained browser builds (tsup.config.ts), so the page needs no import map and no node_modules.
const FILES: Readonly<Record<string, [file: string, type: string]>> = {
  '/': ['demo/index.html', 'text/html; charset=utf-8'],
  '/demo/app.js': ['demo/app.js', 'text/javascript; charset=utf-8'],
  '/demo/style.css': ['demo/style.css', 'text/css; charset=utf-8'],
  '/demo/favicon.svg': ['demo/favicon.svg', 'image/svg+xml'],
  '/demo/agora-token-kit.js': ['dist/browser/agora-token-kit.js', 'text/javascript; charset=utf-8'],
  '/demo/client.js': ['dist/browser/client.js', 'text/javascript; charset=utf-8'],
};

const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** The package root: the nearest folder above this file whose package.json is this package's, in src/ or dist/ alike. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'agora-token-kit') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the agora-token-kit package folder that holds the web demo');
    dir = parent;
  }
}

/** What the page is told about the server it runs on, at `/demo/server.json`. */
export interface DemoServerInfo {
  /** The server signs with generated credentials, so Agora rejects its tokens: the page says so. */
  demoCredentials: boolean;
}

/**
 * Reads the web demo's files from the installed package (`demo/` and the browser build in `dist/`).
 * Throws, naming the file, when one is missing, e.g. in a clone that has not been built.
 */
export function loadDemo(info: DemoServerInfo): ReadonlyMap<string, Asset> {
  const root = packageRoot();
  const assets = new Map<string, Asset>();
  for (const [path, [file, type]] of Object.entries(FILES)) {
    const full = join(root, file);
    if (!existsSync(full)) throw new Error(`the web demo needs ${full}; run npm run build first`);
    assets.set(path, { type, body: new Uint8Array(readFileSync(full)) });
  }
  assets.set('/demo/server.json', { type: 'application/json', body: new TextEncoder().encode(JSON.stringify(info)) });
  return assets;
}

/** Serves the demo's files for GET (and HEAD); every other request goes to `handler`. */
export function withDemo(handler: (request: Request) => Promise<Response>, assets: ReadonlyMap<string, Asset>) {
  return async (request: Request): Promise<Response> => {
    const asset = request.method === 'GET' || request.method === 'HEAD' ? assets.get(new URL(request.url).pathname) : undefined;
    if (asset === undefined) return handler(request);
    return new Response(request.method === 'HEAD' ? null : asset.body, { status: 200, headers: { ...PAGE_HEADERS, 'content-type': asset.type } });
  };
}
