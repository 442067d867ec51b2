// agora-token's src/RtcTokenBuilder, the 006 builder (see test/peers/run.mjs), from this package.
const kit = require('../../../../../dist/006.cjs');
module.exports = { RtcTokenBuilder: kit.RtcTokenBuilder, Role: kit.RtcRole };
