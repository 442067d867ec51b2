// Cloudflare's workerd through miniflare, without the nodejs_compat flag: only Web-standard
// globals. workerd needs an absolute scriptPath and a modulesRoot (a relative path with `..`
// crashes it).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Miniflare } from 'miniflare';
import { bundleExample, bundleSuite } from '../bundle.mjs';
import { checkTokenEndpoint, credentials } from '../example-checks.mjs';

async function withWorker(scriptPath, bindings, use) {
  const mf = new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: dirname(scriptPath),
    compatibilityDate: '2026-04-01',
    compatibilityFlags: [],
    bindings,
  });
  try {
    await mf.ready;
    return await use(mf);
  } finally {
    await mf.dispose();
  }
}

export const workerdHost = {
  name: 'workerd',
  version: async () => {
    const require = createRequire(import.meta.url);
    return `workerd ${require('workerd/package.json').version} via miniflare ${require('miniflare/package.json').version}, no compatibility flags`;
  },
  webOnly: true,
  async suite(consumer) {
    const script = await bundleSuite(consumer, 'worker', 'esm');
    return withWorker(script, {}, async (mf) => JSON.parse(await (await mf.dispatchFetch('http://localhost/')).text()));
  },
  async example(consumer) {
    const script = await bundleExample(consumer, 'cloudflare-worker.ts', { format: 'esm' });
    const checked = await withWorker(script, credentials, (mf) =>
      checkTokenEndpoint(consumer, async (path, init) => {
        const res = await mf.dispatchFetch(`http://localhost${path}`, init);
        return { status: res.status, text: await res.text() };
      }),
    );
    return `cloudflare-worker.ts ${checked}/${checked} requests`;
  },
};
