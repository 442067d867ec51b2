// Node, CommonJS: prints an RTC token for a channel and uid.
//   AGORA_APP_ID=… AGORA_APP_CERTIFICATE=… node examples/node-cjs.cjs <channel> <uid>
const { decodeToken, RtcRole, RtcTokenBuilder, TokenError } = require('agora-token-kit');

const { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: appCertificate } = process.env;
const [channelName = '', uid = '0'] = process.argv.slice(2);
if (!appId || !appCertificate) {
  console.error('set AGORA_APP_ID and AGORA_APP_CERTIFICATE');
  process.exit(1);
}

try {
  const token = RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channelName, Number(uid), RtcRole.PUBLISHER, 3600, 3600);
  const { issueTs, expire } = decodeToken(token);
  console.log(token);
  console.error(`expires ${new Date((issueTs + expire) * 1000).toISOString()}`);
} catch (e) {
  if (!(e instanceof TokenError)) throw e;
  console.error(`${e.code}: ${e.message}`);
  process.exit(2);
}
