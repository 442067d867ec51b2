// What someone who installed the package reads (the npm page, node_modules, `--help`) must point at
// files that exist: in the package itself, or in the repository that package.json names.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from './support/cli.js';

const REPOSITORY = 'https://github.com/agora-token-kit/agora-token-kit';
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
};

/** The package's files as `npm pack` would ship them. */
let packed: Set<string>;
beforeAll(() => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as [{ files: { path: string }[] }];
  packed = new Set(pack.files.map((f) => f.path));
}, 60_000);

/** A repository URL's file or folder, when the URL points into this repository's main branch. */
const repositoryPath = (url: string): string | undefined => new RegExp(`^${REPOSITORY}/(?:blob|tree)/main/([^#?]+)`).exec(url)?.[1];

describe('package metadata', () => {
  it('names one repository in repository, homepage and bugs', () => {
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git` });
    expect(manifest.homepage).toBe(`${REPOSITORY}#readme`);
    expect(manifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
  });
});

describe('links in the shipped Markdown', () => {
  it('ships README.md and SECURITY.md', () => {
    expect(packed).toContain('README.md');
    expect(packed).toContain('SECURITY.md');
  });

  it('every link works from the npm page: absolute, and into the repository only at files that exist', () => {
    const checked: string[] = [];
    for (const file of [...packed].filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        checked.push(target!);
        if (target!.startsWith('#')) continue;
        expect(target, `${file} links to ${target}`).toMatch(/^https?:\/\//);
        const path = repositoryPath(target!);
        if (path !== undefined) expect(existsSync(join(ROOT, path)), `${file} links to ${target}, which is not in the repository`).toBe(true);
      }
    }
    expect(checked.filter((t) => t.startsWith(`${REPOSITORY}/blob/main/docs/`)).length).toBeGreaterThanOrEqual(4);
    expect(checked).toContain(`${REPOSITORY}/security/advisories/new`);
  });
});

describe('--help', () => {
  // The build kinds share one help template; two of them stand for the rest.
  const commands = [[], ['build'], ['build', 'rtc'], ['build', 'fpa'], ['decode'], ['verify'], ['doctor'], ['conformance'], ['serve']];

  it('names no file of this repository that the package lacks, except as a link into the repository', () => {
    for (const command of commands) {
      const help = cli([...command, '--help']).stdout;
      for (const url of help.match(/https?:\/\/\S+/g) ?? []) {
        const path = repositoryPath(url.replace(/[).,]+$/, ''));
        if (path !== undefined) expect(existsSync(join(ROOT, path)), `${command.join(' ')} --help links to ${url}`).toBe(true);
      }
      const withoutUrls = help.replace(/https?:\/\/\S+/g, '');
      for (const [path] of withoutUrls.matchAll(/\b(?:examples|docs|test|scripts|benchmark|src|demo|dist|vectors)\/[\w./-]*\w/g)) {
        expect(packed.has(path) || [...packed].some((f) => f.startsWith(`${path}/`)), `${command.join(' ')} --help names ${path}`).toBe(true);
      }
    }
  }, 60_000);
});
