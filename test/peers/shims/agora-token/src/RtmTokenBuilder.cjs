// agora-token's src/RtmTokenBuilder, the 006 builder (see test/peers/run.mjs), from this package.
const kit = require('../../../../../dist/006.cjs');
module.exports = { RtmTokenBuilder: kit.RtmTokenBuilder, Role: kit.RtmRole };
