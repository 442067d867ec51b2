// Mutation testing of the token server and the CLI: `npm run mutation:server-cli` (issue 13), kept apart
// from `npm run mutation` so that each scope runs in its own time. Only tests that import src/ in
// process can kill these mutants: the suites that spawn dist/cli.js or serve over HTTP read dist/.
// One folder at a time: `npm run mutation:server-cli -- --mutate 'src/server/**/*.ts'`.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  // index.ts only re-exports. main.ts runs the program at import and commands/serve.ts listens on a
  // port and waits for a signal: both are exercised through dist/ by test/cli*.test.ts and
  // test/server-http.test.ts, and listed as out of scope in docs/mutation.md.
  mutate: ['src/server/*.ts', '!src/server/index.ts', 'src/cli/**/*.ts', '!src/cli/main.ts', '!src/cli/commands/serve.ts'],
  testFiles: ['test/server.test.ts', 'test/unit/server-*.test.ts', 'test/unit/cli-*.test.ts'],
  // test/unit/cli-conformance.test.ts answers the vectors with the reference adapter in examples/conformance.
  ignorePatterns: [...base.ignorePatterns.filter((pattern) => pattern !== 'examples'), 'examples/*', '!examples/conformance'],
  htmlReporter: { fileName: 'reports/mutation-server-cli/index.html' },
  jsonReporter: { fileName: 'reports/mutation-server-cli/mutation.json' },
  thresholds: { high: 95, low: 85, break: 85 },
};
