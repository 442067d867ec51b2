import { buildToken } from '../api.js';
import { ApaasTokenBuilder } from '../builders/apaas.js';
import { ChatTokenBuilder } from '../builders/chat.js';
import { ConvoAITokenBuilder, SttTokenBuilder } from '../builders/convoai.js';
import { FpaTokenBuilder } from '../builders/fpa.js';
import type { BuildOptions } from '../builders/options.js';
import { RtcTokenBuilder } from '../builders/rtc.js';
import { RtmTokenBuilder } from '../builders/rtm.js';
import { checkRtcInputs, checkRtmInputs, type Finding } from '../checks.js';
import { TOKEN_LIFETIME_006 } from '../token006/encode.js';
import type { Rtm2PermissionEntry } from '../token007/services.js';
import type { BodyFields } from './fields.js';
import { HttpError } from './response.js';

/** The token endpoints, by path. */
export type TokenEndpoint =
  | '/fetch_rtc_token'
  | '/fetch_rtc_token_with_privileges'
  | '/fetch_rtc_rtm_token'
  | '/fetch_rtm_token'
  | '/fetch_rtm2_token'
  | '/fetch_chat_user_token'
  | '/fetch_chat_app_token'
  | '/fetch_fpa_token'
  | '/fetch_apaas_room_user_token'
  | '/fetch_apaas_user_token'
  | '/fetch_apaas_app_token'
  | '/fetch_convoai_token'
  | '/fetch_stt_token';

/**
 * What a request asks for, after validation: the second argument of `authorize`. Only the fields the
 * endpoint takes are set.
 */
export interface TokenClaims {
  /** The endpoint's path (without any `basePath`), e.g. `"/fetch_rtc_token"`. */
  endpoint: TokenEndpoint;
  /** The RTC channel. */
  channelName?: string;
  /** The RTC uid (a number, 0 = any user) or user account (a string). */
  uid?: string | number;
  /** The RTC role after mapping the old roles: 1 publisher, 2 subscriber. */
  role?: 1 | 2;
  /** The RTM, Chat or APaaS user id. */
  userId?: string;
  /** The APaaS room. */
  roomUuid?: string;
  /** The APaaS role in the room. */
  roomRole?: number;
  /** RTM2 grants. */
  permissions?: readonly Rtm2PermissionEntry[];
  /** The token's lifetime in seconds. */
  expire: number;
}

/** Credentials, clock and salt for one build. */
export interface BuildContext {
  appId: string;
  appCertificate: string;
  issueTs: number;
  salt: number | undefined;
  rtcTokenVersion: '007' | '006';
}

/** A validated request: what it asks for, and how to build it once authorized. */
export interface PreparedToken {
  claims: TokenClaims;
  build(context: BuildContext): string;
}

/** Stops at the first documented-rule error, naming the field as the client spelled it. */
function assertRules(findings: Finding[], fieldNames: Readonly<Record<string, string>>): void {
  const error = findings.find((f) => f.severity === 'error');
  if (error !== undefined) throw new HttpError(400, `"${fieldNames[error.field] ?? error.field}": ${error.message}`);
}

const options = (c: BuildContext): BuildOptions => ({ issueTs: c.issueTs, salt: c.salt });

/** 006 privileges are absolute times; the 006 roles that publish are mapped to 1 before this. */
function build006(c: BuildContext, channelName: string, uid: string | number, role: 1 | 2, privilegeExpire: number): string {
  const until = c.issueTs + privilegeExpire;
  const privileges: Record<number, number> = role === 1 ? { 1: until, 2: until, 3: until, 4: until } : { 1: until };
  return buildToken({
    version: '006',
    appId: c.appId,
    appCertificate: c.appCertificate,
    channelName,
    uid,
    privileges,
    ts: c.issueTs + TOKEN_LIFETIME_006,
    ...(c.salt === undefined ? {} : { salt: c.salt }),
  });
}

function rtcToken(f: BodyFields): PreparedToken {
  const uid = f.uid('uid');
  const channelName = f.string('ChannelName');
  const role = f.rtcRole('role');
  const tokenExpire = f.expire('tokenExpire');
  const privilegeExpire = f.expire('privilegeExpire', { fallback: tokenExpire });
  assertRules(checkRtcInputs({ channelName, uid }), { channelName: 'ChannelName' });
  return {
    claims: { endpoint: '/fetch_rtc_token', channelName, uid, role, expire: tokenExpire },
    build: (c) =>
      c.rtcTokenVersion === '006'
        ? build006(c, channelName, uid, role, privilegeExpire)
        : RtcTokenBuilder.buildTokenWithUserAccount(c.appId, c.appCertificate, channelName, uid, role, tokenExpire, privilegeExpire, options(c)),
  };
}

function rtcTokenWithPrivileges(f: BodyFields): PreparedToken {
  const channelName = f.string('channelName');
  const uid = f.uid('uid');
  const tokenExpire = f.expire('tokenExpire');
  // 0 is how the references' callers leave a publish privilege out.
  const privilege = (name: string): number => f.expire(name, { min: 0, fallback: tokenExpire });
  const join = privilege('joinChannelPrivilegeExpire');
  const audio = privilege('pubAudioPrivilegeExpire');
  const video = privilege('pubVideoPrivilegeExpire');
  const data = privilege('pubDataStreamPrivilegeExpire');
  assertRules(checkRtcInputs({ channelName, uid }), {});
  return {
    claims: { endpoint: '/fetch_rtc_token_with_privileges', channelName, uid, expire: tokenExpire },
    build: (c) =>
      RtcTokenBuilder.buildTokenWithUidAndPrivilege(c.appId, c.appCertificate, channelName, uid, tokenExpire, join, audio, video, data, options(c)),
  };
}

/** The body of buildTokenWithRtm2, shared by the ConvoAI and STT builders that extend it. */
function rtcRtmToken(endpoint: '/fetch_rtc_rtm_token' | '/fetch_convoai_token' | '/fetch_stt_token') {
  const builder = {
    '/fetch_rtc_rtm_token': RtcTokenBuilder.buildTokenWithRtm2,
    '/fetch_convoai_token': ConvoAITokenBuilder.buildToken,
    '/fetch_stt_token': SttTokenBuilder.buildToken,
  }[endpoint];
  return (f: BodyFields): PreparedToken => {
    const channelName = f.string('channelName');
    const rtcAccount = f.uid('rtcAccount');
    const role = f.rtcRole('rtcRole');
    const tokenExpire = f.expire('rtcTokenExpire');
    const privilege = (name: string): number => f.expire(name, { min: 0, fallback: tokenExpire });
    const join = privilege('joinChannelPrivilegeExpire');
    const audio = privilege('pubAudioPrivilegeExpire');
    const video = privilege('pubVideoPrivilegeExpire');
    const data = privilege('pubDataStreamPrivilegeExpire');
    const rtmUserId = f.string('rtmUserId');
    const rtmExpire = f.expire('rtmTokenExpire', { fallback: tokenExpire });
    assertRules([...checkRtcInputs({ channelName, uid: rtcAccount }), ...checkRtmInputs({ userId: rtmUserId })], {
      uid: 'rtcAccount',
      userId: 'rtmUserId',
    });
    return {
      claims: { endpoint, channelName, uid: rtcAccount, role, userId: rtmUserId, expire: tokenExpire },
      build: (c) =>
        builder(c.appId, c.appCertificate, channelName, rtcAccount, role, tokenExpire, join, audio, video, data, rtmUserId, rtmExpire, options(c)),
    };
  };
}

function rtmToken(f: BodyFields): PreparedToken {
  const userId = f.string('userId');
  const expire = f.expire('expire');
  assertRules(checkRtmInputs({ userId }), {});
  return {
    claims: { endpoint: '/fetch_rtm_token', userId, expire },
    build: (c) => RtmTokenBuilder.buildToken(c.appId, c.appCertificate, userId, expire, options(c)),
  };
}

function rtm2Token(f: BodyFields): PreparedToken {
  const userId = f.string('userId');
  const permissions = f.permissions('permissions');
  const expire = f.expire('expire');
  assertRules(checkRtmInputs({ userId }), {});
  return {
    claims: { endpoint: '/fetch_rtm2_token', userId, permissions, expire },
    build: (c) => RtmTokenBuilder.buildTokenWithPermissions(c.appId, c.appCertificate, userId, permissions, expire, options(c)),
  };
}

function chatUserToken(f: BodyFields): PreparedToken {
  const userId = f.string('userId');
  const expire = f.expire('expire');
  return {
    claims: { endpoint: '/fetch_chat_user_token', userId, expire },
    build: (c) => ChatTokenBuilder.buildUserToken(c.appId, c.appCertificate, userId, expire, options(c)),
  };
}

function chatAppToken(f: BodyFields): PreparedToken {
  const expire = f.expire('expire');
  return {
    claims: { endpoint: '/fetch_chat_app_token', expire },
    build: (c) => ChatTokenBuilder.buildAppToken(c.appId, c.appCertificate, expire, options(c)),
  };
}

// Every reference fixes the FPA token's lifetime; the body takes no fields.
const FPA_LIFETIME = 86_400;

function fpaToken(): PreparedToken {
  return {
    claims: { endpoint: '/fetch_fpa_token', expire: FPA_LIFETIME },
    build: (c) => FpaTokenBuilder.buildToken(c.appId, c.appCertificate, options(c)),
  };
}

function apaasRoomUserToken(f: BodyFields): PreparedToken {
  const roomUuid = f.string('roomUuid');
  const userId = f.string('userUuid');
  const roomRole = f.int16('role');
  const expire = f.expire('expire');
  return {
    claims: { endpoint: '/fetch_apaas_room_user_token', roomUuid, userId, roomRole, expire },
    build: (c) => ApaasTokenBuilder.buildRoomUserToken(c.appId, c.appCertificate, roomUuid, userId, roomRole, expire, options(c)),
  };
}

function apaasUserToken(f: BodyFields): PreparedToken {
  const userId = f.string('userUuid');
  const expire = f.expire('expire');
  return {
    claims: { endpoint: '/fetch_apaas_user_token', userId, expire },
    build: (c) => ApaasTokenBuilder.buildUserToken(c.appId, c.appCertificate, userId, expire, options(c)),
  };
}

function apaasAppToken(f: BodyFields): PreparedToken {
  const expire = f.expire('expire');
  return {
    claims: { endpoint: '/fetch_apaas_app_token', expire },
    build: (c) => ApaasTokenBuilder.buildAppToken(c.appId, c.appCertificate, expire, options(c)),
  };
}

/** Each endpoint reads its body fields (throwing a 400 naming the first bad one) into a prepared token. */
export const ENDPOINTS: Readonly<Record<TokenEndpoint, (fields: BodyFields) => PreparedToken>> = {
  '/fetch_rtc_token': rtcToken,
  '/fetch_rtc_token_with_privileges': rtcTokenWithPrivileges,
  '/fetch_rtc_rtm_token': rtcRtmToken('/fetch_rtc_rtm_token'),
  '/fetch_rtm_token': rtmToken,
  '/fetch_rtm2_token': rtm2Token,
  '/fetch_chat_user_token': chatUserToken,
  '/fetch_chat_app_token': chatAppToken,
  '/fetch_fpa_token': fpaToken,
  '/fetch_apaas_room_user_token': apaasRoomUserToken,
  '/fetch_apaas_user_token': apaasUserToken,
  '/fetch_apaas_app_token': apaasAppToken,
  '/fetch_convoai_token': rtcRtmToken('/fetch_convoai_token'),
  '/fetch_stt_token': rtcRtmToken('/fetch_stt_token'),
};

export const isTokenEndpoint = (path: string): path is TokenEndpoint => Object.hasOwn(ENDPOINTS, path);
