// agora-access-token's src/RtmTokenBuilder (see test/peers/run.mjs), from this package.
const kit = require('../../../../../dist/006.cjs');
module.exports = { RtmTokenBuilder: kit.RtmTokenBuilder, Role: kit.RtmRole };
