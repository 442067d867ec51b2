// agora-access-token's src/RtcTokenBuilder (see test/peers/run.mjs), from this package.
const kit = require('../../../../../dist/006.cjs');
module.exports = { RtcTokenBuilder: kit.RtcTokenBuilder, Role: kit.RtcRole };
