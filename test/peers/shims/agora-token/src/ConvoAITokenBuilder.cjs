// agora-token's src/ConvoAITokenBuilder (see test/peers/run.mjs), from this package.
module.exports = { ConvoAITokenBuilder: require('../../../../../dist/index.cjs').ConvoAITokenBuilder };
