// agora-token's src/ApaasTokenBuilder (see test/peers/run.mjs), from this package.
module.exports = { ApaasTokenBuilder: require('../../../../../dist/index.cjs').ApaasTokenBuilder };
