// agora-token's src/FpaTokenBuilder (see test/peers/run.mjs), from this package.
module.exports = { FpaTokenBuilder: require('../../../../../dist/index.cjs').FpaTokenBuilder };
