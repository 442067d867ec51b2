// agora-token's src/RtcTokenBuilder2 (see test/peers/run.mjs), from this package.
const kit = require('../../../../../dist/index.cjs');
module.exports = { RtcTokenBuilder: kit.RtcTokenBuilder, Role: kit.RtcRole };
