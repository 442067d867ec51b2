// agora-token's src/EducationTokenBuilder (see test/peers/run.mjs), from this package.
module.exports = { EducationTokenBuilder: require('../../../../../dist/index.cjs').EducationTokenBuilder };
