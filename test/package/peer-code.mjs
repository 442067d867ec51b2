// Code as it is written for agora-token@2.0.6 and agora-access-token@2.0.4 (the patterns of their
// READMEs, samples and demo server, in our words), with only the module name changed. The `types`
// check of test/package/check.mjs compiles it against the packed package, strict, under every
// module resolution: a drop-in must take it unchanged.

const credentials = `
const appId = '970CA35de60c44645bbae8a215061b33';
const appCertificate = '5CFd2fd1755d40ecb72977518be15d3b';
`;

/** For agora-token: every builder, and a role chosen at run time. */
export const agoraTokenCode = `
import {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  FpaTokenBuilder,
  Rtm2Permissions,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
} from 'agora-token-kit';
${credentials}
const tokenExpirationInSecond = 3600;
const privilegeExpirationInSecond = 3600;

// The token server pattern: audience by default, publisher for hosts.
export function rtcToken(channelName: string, uid: number, isHost: boolean): string {
  let role = RtcRole.SUBSCRIBER;
  if (isHost) role = RtcRole.PUBLISHER;
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channelName, uid, role, tokenExpirationInSecond, privilegeExpirationInSecond);
}

// A role kept as a plain number, as agora-token types it.
const configuredRole: number = RtcRole.PUBLISHER;
const roleFor = (host: boolean) => (host ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER);

export const tokens: string[] = [
  RtcTokenBuilder.buildTokenWithUserAccount(appId, appCertificate, 'room', 'alice', configuredRole, 600, 600),
  RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 0, roleFor(false), 600, 600),
  RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, appCertificate, 'room', 42, 600, 600, 600, 600, 600),
  RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, appCertificate, 'room', 'alice', 600, 600, 0, 0, 0),
  RtcTokenBuilder.buildTokenWithRtm(appId, appCertificate, 'room', 'alice', RtcRole.PUBLISHER, 600, 600),
  RtcTokenBuilder.buildTokenWithRtm2(appId, appCertificate, 'room', 'alice', RtcRole.SUBSCRIBER, 600, 600, 600, 600, 600, 'alice', 600),
  RtmTokenBuilder.buildToken(appId, appCertificate, 'test_user', 600),
  ChatTokenBuilder.buildUserToken(appId, appCertificate, 'user-uuid', 600),
  ChatTokenBuilder.buildAppToken(appId, appCertificate, 600),
  ApaasTokenBuilder.buildRoomUserToken(appId, appCertificate, 'room-uuid', 'user-uuid', 1, 600),
  ApaasTokenBuilder.buildUserToken(appId, appCertificate, 'user-uuid', 600),
  EducationTokenBuilder.buildAppToken(appId, appCertificate, 600),
  FpaTokenBuilder.buildToken(appId, appCertificate),
  ConvoAITokenBuilder.buildToken(appId, appCertificate, 'room', 'agent', RtcRole.PUBLISHER, 600, 600, 600, 600, 600, 'agent', 600),
  SttTokenBuilder.buildToken(appId, appCertificate, 'room', 'stt', RtcRole.SUBSCRIBER, 600, 600, 600, 600, 600, 'stt', 600),
];

const permissions = new Rtm2Permissions();
let access = Rtm2Permissions.kRead;
if (tokens.length > 1) access = Rtm2Permissions.kWrite;
permissions.add(Rtm2Permissions.kMessageChannels, access, ['lobby']);
permissions.add(Rtm2Permissions.kUsers, Rtm2Permissions.kWrite, ['bob']);
const readable: string[] | undefined = permissions.details[Rtm2Permissions.kMessageChannels]?.[Rtm2Permissions.kRead];
tokens.push(RtmTokenBuilder.buildTokenWithPermissions(appId, appCertificate, 'test_user', permissions, 600), String(readable));
`;

/** For agora-access-token: the 006 builders, Agora's demo server calls, and its AccessToken class. */
export const agoraAccessTokenCode = `
import { AccessToken, priviledges, RtcRole, RtcTokenBuilder, RtmRole, RtmTokenBuilder } from 'agora-token-kit/006';
${credentials}
const expirationTimeInSeconds = 3600;
const privilegeExpiredTs = Math.floor(Date.now() / 1000) + expirationTimeInSeconds;

export function rtcToken(channelName: string, uid: number, isHost: boolean): string {
  let role = RtcRole.SUBSCRIBER;
  if (isHost) role = RtcRole.PUBLISHER;
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channelName, uid, role, privilegeExpiredTs);
}

let legacyRole = RtcRole.ATTENDEE;
legacyRole = RtcRole.ADMIN;
const configuredRole: number = legacyRole;

export const tokens: string[] = [
  RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, 'room', 'alice', configuredRole, privilegeExpiredTs),
  // Agora's demo server passes the RtmRole object itself as the role.
  RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', RtmRole, privilegeExpiredTs),
  RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', RtmRole.Rtm_User, privilegeExpiredTs),
];

const key = new AccessToken(appId, appCertificate, 'room', 2882341273);
key.salt = 1;
key.ts = privilegeExpiredTs;
key.messages[priviledges.kJoinChannel] = privilegeExpiredTs;
key.addPriviledge(priviledges.kPublishAudioStream, privilegeExpiredTs);
tokens.push(key.build());

const parsed = new AccessToken('', '', '', '');
if (parsed.fromString(tokens[0]!)) {
  const joinUntil: number | undefined = parsed.messages[priviledges.kJoinChannel];
  const salt: number = parsed.salt;
  const ts: number = parsed.ts;
  console.log(parsed.appID, joinUntil, salt, ts);
}
`;
