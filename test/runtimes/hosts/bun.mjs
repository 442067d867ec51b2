// Bun from the npm package `bun`. Its postinstall moves the binary into bun/bin/bun.exe; where
// install scripts did not run, the binary is still in the platform package.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bundleSuite } from '../bundle.mjs';
import { checkTokenEndpoint, credentials } from '../example-checks.mjs';
import { exec, readReport, startServer } from '../proc.mjs';

function isElf(path) {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(4);
  readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  return head.toString('latin1') === '\x7fELF';
}

function bunBinary() {
  const require = createRequire(import.meta.url);
  const candidates = [join(dirname(require.resolve('bun/package.json')), 'bin', 'bun.exe')];
  try {
    candidates.push(join(dirname(require.resolve('@oven/bun-linux-x64/package.json')), 'bin', 'bun'));
  } catch {
    // not installed on this platform
  }
  const found = candidates.find(isElf);
  if (!found) throw new Error(`no bun binary in ${candidates.join(' or ')}`);
  return found;
}

export const bunHost = {
  name: 'bun',
  version: async () => `bun ${(await exec(bunBinary(), ['--version'])).stdout.trim()}`,
  async suite(consumer) {
    const file = await bundleSuite(consumer, 'script', 'esm');
    return readReport(await exec(bunBinary(), [file], { cwd: consumer.dir }));
  },
  async example(consumer) {
    const server = await startServer(bunBinary(), [join(consumer.dir, 'examples', 'bun-server.ts')], {
      cwd: consumer.dir,
      env: { ...credentials, PORT: '0' },
    });
    try {
      const checked = await checkTokenEndpoint(consumer, async (path, init) => {
        const res = await fetch(server.origin + path, init);
        return { status: res.status, text: await res.text() };
      });
      return `bun-server.ts ${checked}/${checked} requests`;
    } finally {
      await server.stop();
    }
  },
};
