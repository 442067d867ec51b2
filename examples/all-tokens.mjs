// Builds one token of every kind with demo credentials and prints each one decoded.
// Demo credentials make well-formed tokens that Agora's servers reject: use your own App ID and
// App Certificate (AGORA_APP_ID, AGORA_APP_CERTIFICATE) for real ones.
import {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  decodeToken,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcRole,
  RtcTokenBuilder,
  Rtm2Permissions,
  RtmTokenBuilder,
  SttTokenBuilder,
  verifyToken,
} from 'agora-token-kit';

const appId = process.env.AGORA_APP_ID || '970CA35de60c44645bbae8a215061b33';
const cert = process.env.AGORA_APP_CERTIFICATE || '5CFd2fd1755d40ecb72977518be15d3b';

const perms = new Rtm2Permissions();
perms.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['lobby']);

const tokens = {
  'RTC, uid, publisher': RtcTokenBuilder.buildTokenWithUid(appId, cert, 'demo', 42, RtcRole.PUBLISHER, 3600, 3600),
  'RTC, account, subscriber': RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, 'demo', 'alice', RtcRole.SUBSCRIBER, 3600, 3600),
  'RTC, per-privilege expiries': RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, 'demo', 42, 3600, 3600, 1800, 1800, 600),
  'RTC + RTM': RtcTokenBuilder.buildTokenWithRtm(appId, cert, 'demo', 'alice', RtcRole.PUBLISHER, 3600, 3600),
  'RTC + RTM, separate ids': RtcTokenBuilder.buildTokenWithRtm2(appId, cert, 'demo', 'alice', 1, 3600, 3600, 3600, 3600, 3600, 'alice-rtm', 3600),
  RTM: RtmTokenBuilder.buildToken(appId, cert, 'alice', 3600),
  'RTM2 permissions': RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', perms, 3600),
  'Chat user': ChatTokenBuilder.buildUserToken(appId, cert, 'alice', 3600),
  'Chat app': ChatTokenBuilder.buildAppToken(appId, cert, 3600),
  FPA: FpaTokenBuilder.buildToken(appId, cert),
  'APaaS room user': ApaasTokenBuilder.buildRoomUserToken(appId, cert, 'room-1', 'alice', 1, 3600),
  'APaaS user': ApaasTokenBuilder.buildUserToken(appId, cert, 'alice', 3600),
  'APaaS app': ApaasTokenBuilder.buildAppToken(appId, cert, 3600),
  'Education user': EducationTokenBuilder.buildUserToken(appId, cert, 'alice', 3600),
  ConvoAI: ConvoAITokenBuilder.buildToken(appId, cert, 'demo', 'agent', 1, 3600, 3600, 3600, 3600, 3600, 'agent', 3600),
  STT: SttTokenBuilder.buildToken(appId, cert, 'demo', 'stt-bot', 2, 3600, 3600, 0, 0, 0, 'stt-bot', 3600),
};

for (const [kind, token] of Object.entries(tokens)) {
  const { services, issueTs, expire } = decodeToken(token);
  const summary = services.map((s) => `type ${s.type} ${JSON.stringify(s.privileges)}`).join(', ');
  console.log(`${kind}: ${token.slice(0, 24)}… (${token.length} chars) verified=${verifyToken(token, cert)} expires=${new Date((issueTs + expire) * 1000).toISOString()} services: ${summary}`);
}
