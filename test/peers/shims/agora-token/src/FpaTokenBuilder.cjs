// agora-token's src/FpaTokenBuilder (see test/peers/run.mjs), from this package.
module.exports = { FpaTokenBuilder: require('agora-token-kit').FpaTokenBuilder };
