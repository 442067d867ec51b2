// agora-token's src/AccessToken, the 006 token class (see test/peers/run.mjs), from this package.
const kit = require('../../../../../dist/006.cjs');
module.exports = { AccessToken: kit.AccessToken, priviledges: kit.priviledges };
