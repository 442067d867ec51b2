// Deno from the npm package `deno`. It resolves the package from the consumer's node_modules
// (package.json present), so Deno's own handling of `exports` is what runs.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bundleSuite } from '../bundle.mjs';
import { checkTokenEndpoint, credentials } from '../example-checks.mjs';
import { exec, readReport, startServer } from '../proc.mjs';

const deno = join(dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'bin.cjs');
const flags = ['--no-lock', '--no-prompt', '--quiet'];

export const denoHost = {
  name: 'deno',
  version: async () => (await exec(process.execPath, [deno, '--version'])).stdout.split('\n')[0].trim(),
  async suite(consumer) {
    const file = await bundleSuite(consumer, 'script', 'esm');
    return readReport(await exec(process.execPath, [deno, 'run', ...flags, file], { cwd: consumer.dir }));
  },
  async example(consumer) {
    const server = await startServer(
      process.execPath,
      [deno, 'run', ...flags, '--allow-net=127.0.0.1', '--allow-env', join(consumer.dir, 'examples', 'deno-server.ts')],
      { cwd: consumer.dir, env: { ...credentials, PORT: '0' } },
    );
    try {
      const checked = await checkTokenEndpoint(consumer, async (path, init) => {
        const res = await fetch(server.origin + path, init);
        return { status: res.status, text: await res.text() };
      });
      return `deno-server.ts ${checked}/${checked} requests`;
    } finally {
      await server.stop();
    }
  },
};
