// agora-token's src/ChatTokenBuilder (see test/peers/run.mjs), from this package.
module.exports = { ChatTokenBuilder: require('agora-token-kit').ChatTokenBuilder };
