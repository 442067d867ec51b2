// agora-access-token's src/RtmTokenBuilder (see test/peers/run.mjs), from this package.
const kit = require('agora-token-kit/006');
module.exports = { RtmTokenBuilder: kit.RtmTokenBuilder, Role: kit.RtmRole };
