// Node through `import` and through `require`, on the Node running this harness and on the oldest
// Node that `engines` claims. The package is resolved by Node itself from the consumer project.
import { join } from 'node:path';
import { bundleSuite } from '../bundle.mjs';
import { checkTokenScript } from '../example-checks.mjs';
import { exec, readReport } from '../proc.mjs';

/** One host per Node binary and module system. */
export function nodeHosts(bin, label) {
  const host = (system, format, example) => ({
    name: `${label} (${system})`,
    version: async () => (await exec(bin, ['--version'])).stdout.trim(),
    async suite(consumer) {
      const file = await bundleSuite(consumer, 'script', format);
      return readReport(await exec(bin, [file], { cwd: consumer.dir }));
    },
    async example(consumer) {
      const script = join(consumer.dir, 'examples', example);
      const checked = await checkTokenScript(consumer, (args, env) => exec(bin, [script, ...args], { cwd: consumer.dir, env }));
      return `${example} ${checked}/${checked} runs`;
    },
  });
  return [host('import', 'esm', 'node-esm.mjs'), host('require', 'cjs', 'node-cjs.cjs')];
}
