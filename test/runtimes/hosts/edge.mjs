// Vercel's edge-runtime VM: Web-standard globals, no Buffer, require or process. Vercel does give
// Edge Functions `process.env`, so the example's VM gets that object and nothing else of process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EdgeRuntime } from 'edge-runtime';
import { bundleExample, bundleSuite } from '../bundle.mjs';
import { checkTokenEndpoint, credentials } from '../example-checks.mjs';

export const edgeHost = {
  name: 'edge-runtime',
  version: async () => `edge-runtime ${createRequire(import.meta.url)('edge-runtime/package.json').version}`,
  webOnly: true,
  async suite(consumer) {
    const runtime = new EdgeRuntime({ initialCode: readFileSync(await bundleSuite(consumer, 'edge', 'iife'), 'utf8') });
    return JSON.parse(await (await runtime.dispatchFetch('http://localhost/')).text());
  },
  async example(consumer) {
    // Vercel calls the default export with each Request; the VM dispatches fetch events.
    const code = await bundleExample(consumer, 'vercel-edge.ts', {
      format: 'iife',
      tail: "addEventListener('fetch', (event) => event.respondWith(handler(event.request)));",
    });
    const runtime = new EdgeRuntime({
      initialCode: readFileSync(code, 'utf8'),
      extend: (context) => Object.assign(context, { process: { env: { ...credentials } } }),
    });
    const checked = await checkTokenEndpoint(
      consumer,
      async (path, init) => {
        const res = await runtime.dispatchFetch(`http://localhost${path}`, init);
        return { status: res.status, text: await res.text() };
      },
      '/api',
    );
    return `vercel-edge.ts ${checked}/${checked} requests`;
  },
};
