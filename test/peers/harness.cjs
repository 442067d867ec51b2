// Runs one test file of a peer package in this process and sends back one result per test. The
// peers' files are nodeunit-style (`exports.name = function (test) { … test.done(); }`), so this is a
// small nodeunit: assertions record a failure and the test goes on, a test ends at `test.done()`.
// The modules under test are redirected to shims, however the file loads them (by `require`, or by
// compiling the module's source as the peers' buffer-helper tests do); every other module, the
// peer's own decoder included, is the peer's.
//   started by test/peers/run.mjs through `fork`, with one JSON argument:
//   { file, redirects: { "<peer module path, no extension>": "<shim path>" }, timeoutMs }
'use strict';
const assert = require('node:assert');
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const { file, redirects, timeoutMs } = JSON.parse(process.argv[2]);
const PACKAGE = require('../../package.json').name;

const shimFor = (modulePath) => redirects[modulePath.replace(/\.js$/, '')];

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (parent?.filename === file && request.startsWith('.')) {
    const shim = shimFor(path.resolve(path.dirname(file), request));
    if (shim) return shim;
  }
  // The shims import this package by name, wherever they are: resolved from here, inside the
  // repository, so that its package.json `exports` lead to the built dist/.
  if (request === PACKAGE || request.startsWith(`${PACKAGE}/`)) return resolveFilename.call(this, request, module, ...rest);
  return resolveFilename.call(this, request, parent, ...rest);
};

const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  const shim = shimFor(filename);
  return compile.call(this, shim ? `module.exports = require(${JSON.stringify(shim)});` : content, filename);
};

/** The `test` object of nodeunit: assertions record failures instead of throwing. */
function testObject(failures, finish) {
  const test = { done: finish, expect: (n) => (test.expected = n), expected: undefined, count: 0 };
  for (const name of ['ok', 'equal', 'notEqual', 'deepEqual', 'notDeepEqual', 'strictEqual', 'notStrictEqual', 'throws', 'doesNotThrow', 'ifError']) {
    test[name] = (...args) => {
      test.count++;
      try {
        assert[name](...args);
      } catch (e) {
        failures.push(e instanceof Error ? e.message : String(e));
      }
    };
  }
  return test;
}

function runOne(fn) {
  return new Promise((resolve) => {
    const failures = [];
    let timer;
    const finish = () => {
      clearTimeout(timer);
      process.removeListener('uncaughtException', onUncaught);
      if (test.expected !== undefined && test.expected !== test.count) failures.push(`expected ${test.expected} assertions, ran ${test.count}`);
      resolve(failures);
    };
    const onUncaught = (e) => {
      failures.push(`uncaught: ${e instanceof Error ? e.message : String(e)}`);
      finish();
    };
    const test = testObject(failures, finish);
    process.on('uncaughtException', onUncaught);
    timer = setTimeout(() => {
      failures.push(`test.done() not called within ${timeoutMs} ms`);
      finish();
    }, timeoutMs);
    try {
      fn(test);
    } catch (e) {
      failures.push(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      finish();
    }
  });
}

async function main() {
  let tests;
  try {
    tests = require(file);
  } catch (e) {
    // Every test the file declares fails with the load error.
    const names = [...readFileSync(file, 'utf8').matchAll(/^\s*exports\.(\w+)\s*=/gm)].map((m) => m[1]);
    const error = `the file did not load: ${e instanceof Error ? e.message : String(e)}`;
    return names.map((name) => ({ name, failures: [error] }));
  }
  const results = [];
  for (const [name, fn] of Object.entries(tests)) {
    if (typeof fn !== 'function') {
      results.push({ name, failures: ['not a test function (nodeunit groups are not supported by this harness)'] });
      continue;
    }
    results.push({ name, failures: await runOne(fn) });
  }
  return results;
}

main().then((results) => process.send({ results }, () => process.exit(0)));
