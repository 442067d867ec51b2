// agora-token's src/AccessToken, the 006 token class (see test/peers/run.mjs), from this package.
const kit = require('agora-token-kit/006');
module.exports = { AccessToken: kit.AccessToken, priviledges: kit.priviledges };
