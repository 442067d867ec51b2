// Mutation testing of the token code: `npm run mutation` (20 minutes on 2 cores, 1 525 mutants; not in CI).
// Mutates packing, signing, services and decoding (src/lib, src/token007, src/token006 and the
// function API) and runs the in-process suites that exercise them; suites that spawn the CLI,
// other runtimes or a browser read dist/, which mutants never reach.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Mutants run only while a module loads (its tables) need a fresh module graph and the whole suite
  // each; the golden vectors exercise every table entry. `npm run mutation -- --ignoreStatic false`.
  ignoreStatic: true,
  // The scope of issue 6: packing, signing, services and decoding. deflate.ts (the compressor) is left
  // out: its output is only ever checked by inflating it, and a weaker compressor still round-trips.
  mutate: [
    'src/lib/{writer,reader,base64,bytes,validate,hmac,crc32,adler32,inflate,random}.ts',
    'src/token007/*.ts',
    'src/token006/{encode,decode,signature}.ts',
    'src/api.ts',
  ],
  testFiles: [
    'test/vectors.test.ts',
    'test/roundtrip.property.test.ts',
    'test/builders.test.ts',
    'test/agora-token-crosscheck.test.ts',
    'test/token006.test.ts',
    'test/token006-crosscheck.test.ts',
    'test/unit/**/*.test.ts',
    'test/checks.test.ts',
    'test/hmac.test.ts',
    'test/decode-verify-cache.test.ts',
    'test/fuzz.test.ts',
    'test/hostile.test.ts',
    'test/security*.test.ts',
  ],
  ignorePatterns: ['benchmark', 'docs', 'examples', 'coverage', 'reports', '*.tgz'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: 90 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
