// Stands in for a peer module that has no counterpart in this package (test/peers/run.mjs). It loads,
// so that the other tests of the same file still run, and every export throws when used. Exports are
// functions so that a file can still declare `class X extends Service` at load time.
'use strict';
function absent(name) {
  const fail = () => {
    throw new Error(`agora-token-kit has no counterpart of this peer module (its "${name}" was used)`);
  };
  return new Proxy(function () {}, { apply: fail, construct: fail });
}
module.exports = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? absent(name) : undefined) });
