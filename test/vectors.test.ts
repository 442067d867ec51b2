import { describe, expect, it } from 'vitest';
import * as source from '../src/index.js';
import { vectorCases, type Lib } from './support/vector-suite.js';
import { vectorFiles } from './support/vector-files.js';

// The same vectors against the sources and against the built package that users install.
const dist = (await import('../dist/index.js').catch(() => {
  throw new Error('dist/ is missing: run `npm run build` before the tests');
})) as Lib;

const targets: [string, Lib][] = [
  ['source', source],
  ['dist', dist],
];

describe.each(targets)('vectors against %s', (_name, lib) => {
  const cases = vectorCases(lib, { with006: false });
  for (const file of Object.keys(vectorFiles)) {
    describe(file, () => {
      for (const c of cases.filter((x) => x.file === file)) {
        if (c.skip) it.skip(`${c.name} (skipped: ${c.skip})`, c.run);
        else it(c.name, c.run);
      }
    });
  }
});

it('runs every test of every vector file', () => {
  const counted = Object.values(vectorFiles).reduce((n, f) => n + f.testGroups.reduce((m, g) => m + g.tests.length, 0), 0);
  const declared = Object.values(vectorFiles).reduce((n, f) => n + f.numberOfTests, 0);
  expect(vectorCases(source, { with006: false })).toHaveLength(declared);
  expect(counted).toBe(declared);
});
