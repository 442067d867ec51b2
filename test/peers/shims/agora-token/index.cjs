// agora-token's index (see test/peers/run.mjs): this package's main entry exports the same names.
module.exports = require('../../../../dist/index.cjs');
