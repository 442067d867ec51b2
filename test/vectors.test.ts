import { describe, expect, it } from 'vitest';
import * as source006 from '../src/006.js';
import * as source from '../src/index.js';
import { dropIn006Cases, vectorCases, type Lib, type Lib006 } from './support/vector-suite.js';
import { vectorFiles } from './support/vector-files.js';

// The same vectors against the sources and against the built package that users install.
const missingDist = (): never => {
  throw new Error('dist/ is missing: run `npm run build` before the tests');
};
const dist = (await import('../dist/index.js').catch(missingDist)) as Lib;
// Classes with private fields are nominal types, so the built declarations need a cast through unknown.
const dist006 = (await import('../dist/006.js').catch(missingDist)) as unknown as Lib006;

const targets: [string, Lib, Lib006][] = [
  ['source', source, source006],
  ['dist', dist, dist006],
];

describe.each(targets)('vectors against %s', (_name, lib, lib006) => {
  const cases = vectorCases(lib);
  for (const file of Object.keys(vectorFiles)) {
    describe(file, () => {
      for (const c of cases.filter((x) => x.file === file)) it(c.name, c.run);
    });
  }
  describe('006 builder vectors through agora-token-kit/006', () => {
    for (const c of dropIn006Cases(lib, lib006)) it(`${c.file} ${c.name}`, c.run);
  });
});

it('runs every test of every vector file', () => {
  const counted = Object.values(vectorFiles).reduce((n, f) => n + f.testGroups.reduce((m, g) => m + g.tests.length, 0), 0);
  const declared = Object.values(vectorFiles).reduce((n, f) => n + f.numberOfTests, 0);
  expect(vectorCases(source)).toHaveLength(declared);
  expect(counted).toBe(declared);
  const builders006 = ['accesstoken006.json', 'rtc-token-builder006.json', 'rtm-token-builder006.json'];
  expect(dropIn006Cases(source, source006)).toHaveLength(builders006.reduce((n, f) => n + vectorFiles[f]!.numberOfTests, 0));
});
