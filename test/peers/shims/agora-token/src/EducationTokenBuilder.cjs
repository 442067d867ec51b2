// agora-token's src/EducationTokenBuilder (see test/peers/run.mjs), from this package.
module.exports = { EducationTokenBuilder: require('agora-token-kit').EducationTokenBuilder };
