// agora-token's src/ChatTokenBuilder (see test/peers/run.mjs), from this package.
module.exports = { ChatTokenBuilder: require('../../../../../dist/index.cjs').ChatTokenBuilder };
