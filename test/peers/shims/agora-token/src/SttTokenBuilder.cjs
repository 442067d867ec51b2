// agora-token's src/SttTokenBuilder (see test/peers/run.mjs), from this package.
module.exports = { SttTokenBuilder: require('../../../../../dist/index.cjs').SttTokenBuilder };
