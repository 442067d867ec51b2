// Every token endpoint of the server: each required field, missing and of the wrong type, gets its 400
// naming the field; what authorize is shown; and which defaults an omitted expiry takes.
import { describe, expect, it } from 'vitest';
import {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
} from '../../src/index.js';
import { createTokenHandler, type TokenClaims, type TokenHandlerOptions } from '../../src/server/index.js';

const appId = '3c5e1d7f0a9b4c2e8d6f1a0b9c8d7e6f';
const appCertificate = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const NOW_MS = 1_767_225_600_999;
const fixed = { issueTs: Math.floor(NOW_MS / 1000), salt: 99 };

function handlerWith(options: Partial<TokenHandlerOptions> = {}) {
  const seen: TokenClaims[] = [];
  const handler = createTokenHandler({
    appId,
    appCertificate,
    authorize: (_request, claims) => (seen.push(claims), true),
    now: () => NOW_MS,
    salt: () => fixed.salt,
    defaultExpire: 3000,
    ...options,
  });
  return { handler, seen };
}

async function post(path: string, body: unknown, options: Partial<TokenHandlerOptions> = {}) {
  const { handler, seen } = handlerWith(options);
  const response = await handler(
    new Request(`http://tokens.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );
  const json = (await response.json()) as { token?: string; error?: string; code: string };
  return { status: response.status, token: json.token, error: json.error, claims: seen };
}

const rtcRtmBody = { channelName: 'room', rtcAccount: 'agent', rtcRole: 2, rtmUserId: 'agent-rtm' };
const permissions = [{ resourceType: 1, permissionType: 2, resources: ['s1'] }];

/** For each endpoint: a minimal valid body and, per required field, a value of the wrong type and its message. */
const REQUIRED: [path: string, body: Record<string, unknown>, wrong: Record<string, [unknown, string]>][] = [
  [
    '/fetch_rtc_token',
    { uid: 123, ChannelName: 'ChannelA', role: 1 },
    {
      uid: [true, 'must be a number or a string, got boolean'],
      ChannelName: [5, 'must be a string, got number'],
      role: ['1', 'must be 1 (publisher) or 2 (subscriber), got string'],
    },
  ],
  [
    '/fetch_rtc_token_with_privileges',
    { channelName: 'room', uid: 7 },
    { channelName: [null, 'must be a string, got null'], uid: [[7], 'must be a number or a string, got array'] },
  ],
  ...(['/fetch_rtc_rtm_token', '/fetch_convoai_token', '/fetch_stt_token'] as const).map(
    (path) =>
      [
        path,
        rtcRtmBody,
        {
          channelName: [1, 'must be a string, got number'],
          rtcAccount: [{}, 'must be a number or a string, got object'],
          rtcRole: [3, 'must be 1 (publisher) or 2 (subscriber), got 3'],
          rtmUserId: [false, 'must be a string, got boolean'],
        },
      ] as [string, Record<string, unknown>, Record<string, [unknown, string]>],
  ),
  ['/fetch_rtm_token', { userId: 'alice' }, { userId: [1, 'must be a string, got number'] }],
  [
    '/fetch_rtm2_token',
    { userId: 'alice', permissions },
    { userId: [[], 'must be a string, got array'], permissions: ['all', 'must be an array, got string'] },
  ],
  ['/fetch_chat_user_token', { userId: 'alice' }, { userId: [{}, 'must be a string, got object'] }],
  [
    '/fetch_apaas_room_user_token',
    { roomUuid: 'class-1', userUuid: 'bob', role: 2 },
    {
      roomUuid: [2, 'must be a string, got number'],
      userUuid: [true, 'must be a string, got boolean'],
      role: ['2', 'must be an integer from -32768 to 32767, got string'],
    },
  ],
  ['/fetch_apaas_user_token', { userUuid: 'bob' }, { userUuid: [null, 'must be a string, got null'] }],
];

describe('required fields', () => {
  const missing = REQUIRED.flatMap(([path, body]) => Object.keys(body).map((field) => [path, field, body] as const));
  it.each(missing)('%s without "%s" answers 400 "is required"', async (path, field, body) => {
    const { [field]: _dropped, ...rest } = body;
    expect(await post(path, rest)).toMatchObject({ status: 400, error: `"${field}" is required`, token: undefined });
  });

  const wrong = REQUIRED.flatMap(([path, body, bad]) => Object.entries(bad).map(([field, [value, message]]) => [path, field, value, message, body] as const));
  it.each(wrong)('%s with "%s" = %j answers 400', async (path, field, value, message, body) => {
    expect(await post(path, { ...body, [field]: value })).toMatchObject({ status: 400, error: `"${field}" ${message}`, token: undefined });
  });

  it.each(REQUIRED)('%s answers 200 with only its required fields', async (path, body) => {
    expect((await post(path, body)).status).toBe(200);
  });

  it.each([
    ['/fetch_rtc_token', 'tokenExpire'],
    ['/fetch_rtc_token', 'privilegeExpire'],
    ['/fetch_rtc_token_with_privileges', 'tokenExpire'],
    ['/fetch_rtc_token_with_privileges', 'joinChannelPrivilegeExpire'],
    ['/fetch_rtc_token_with_privileges', 'pubDataStreamPrivilegeExpire'],
    ['/fetch_rtc_rtm_token', 'rtcTokenExpire'],
    ['/fetch_rtc_rtm_token', 'pubVideoPrivilegeExpire'],
    ['/fetch_rtc_rtm_token', 'rtmTokenExpire'],
    ['/fetch_rtm_token', 'expire'],
    ['/fetch_rtm2_token', 'expire'],
    ['/fetch_chat_user_token', 'expire'],
    ['/fetch_chat_app_token', 'expire'],
    ['/fetch_apaas_room_user_token', 'expire'],
    ['/fetch_apaas_user_token', 'expire'],
    ['/fetch_apaas_app_token', 'expire'],
  ])('%s refuses "%s" of the wrong type', async (path, field) => {
    const body = REQUIRED.find(([p]) => p === path)?.[1] ?? {};
    const { status, error } = await post(path, { ...body, [field]: '60' });
    expect([status, error]).toEqual([400, expect.stringMatching(new RegExp(`^"${field}" must be an integer number of seconds from [01] to 86400, got string$`))]);
  });

  it('publish privileges may be 0 (left out), token lifetimes may not', async () => {
    expect((await post('/fetch_rtc_token_with_privileges', { channelName: 'room', uid: 7, pubAudioPrivilegeExpire: 0 })).status).toBe(200);
    expect((await post('/fetch_rtc_token_with_privileges', { channelName: 'room', uid: 7, tokenExpire: 0 })).error).toBe(
      '"tokenExpire" must be an integer number of seconds from 1 to 86400, got 0',
    );
    expect((await post('/fetch_rtc_rtm_token', { ...rtcRtmBody, joinChannelPrivilegeExpire: 0 })).status).toBe(200);
    expect((await post('/fetch_rtc_rtm_token', { ...rtcRtmBody, rtcTokenExpire: 0 })).status).toBe(400);
    expect((await post('/fetch_rtc_rtm_token', { ...rtcRtmBody, rtmTokenExpire: 0 })).status).toBe(400);
  });
});

describe('claims shown to authorize', () => {
  it.each([
    ['/fetch_rtc_token', { uid: 0, ChannelName: 'ChannelA', role: 2 }, { channelName: 'ChannelA', uid: 0, role: 2, expire: 3000 }],
    ['/fetch_rtc_token_with_privileges', { channelName: 'room', uid: 'alice', tokenExpire: 50 }, { channelName: 'room', uid: 'alice', expire: 50 }],
    ['/fetch_rtc_rtm_token', rtcRtmBody, { channelName: 'room', uid: 'agent', role: 2, userId: 'agent-rtm', expire: 3000 }],
    ['/fetch_convoai_token', { ...rtcRtmBody, rtcTokenExpire: 70 }, { channelName: 'room', uid: 'agent', role: 2, userId: 'agent-rtm', expire: 70 }],
    ['/fetch_stt_token', { ...rtcRtmBody, rtcRole: 101 }, { channelName: 'room', uid: 'agent', role: 1, userId: 'agent-rtm', expire: 3000 }],
    ['/fetch_rtm_token', { userId: 'alice', expire: 5 }, { userId: 'alice', expire: 5 }],
    ['/fetch_rtm2_token', { userId: 'alice', permissions }, { userId: 'alice', permissions, expire: 3000 }],
    ['/fetch_chat_user_token', { userId: 'alice' }, { userId: 'alice', expire: 3000 }],
    ['/fetch_chat_app_token', { expire: 9 }, { expire: 9 }],
    ['/fetch_fpa_token', {}, { expire: 86_400 }],
    ['/fetch_apaas_room_user_token', { roomUuid: 'class-1', userUuid: 'bob', role: -3 }, { roomUuid: 'class-1', userId: 'bob', roomRole: -3, expire: 3000 }],
    ['/fetch_apaas_user_token', { userUuid: 'bob' }, { userId: 'bob', expire: 3000 }],
    ['/fetch_apaas_app_token', {}, { expire: 3000 }],
  ])('%s', async (endpoint, body, claims) => {
    expect((await post(endpoint, body)).claims).toEqual([{ endpoint, ...claims }]);
  });
});

describe('omitted expiries', () => {
  it('/fetch_rtc_token: the privileges follow tokenExpire', async () => {
    expect((await post('/fetch_rtc_token', { uid: 5, ChannelName: 'c', role: 1, tokenExpire: 900 })).token).toBe(
      RtcTokenBuilder.buildTokenWithUserAccount(appId, appCertificate, 'c', 5, 1, 900, 900, fixed),
    );
    expect((await post('/fetch_rtc_token', { uid: 5, ChannelName: 'c', role: 2 })).token).toBe(
      RtcTokenBuilder.buildTokenWithUserAccount(appId, appCertificate, 'c', 5, 2, 3000, 3000, fixed),
    );
  });

  it('/fetch_rtc_token_with_privileges: each privilege follows tokenExpire', async () => {
    const { token } = await post('/fetch_rtc_token_with_privileges', { channelName: 'room', uid: 7, tokenExpire: 900, pubVideoPrivilegeExpire: 300 });
    expect(token).toBe(RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, appCertificate, 'room', 7, 900, 900, 900, 300, 900, fixed));
  });

  it.each([
    ['/fetch_rtc_rtm_token', RtcTokenBuilder.buildTokenWithRtm2],
    ['/fetch_convoai_token', ConvoAITokenBuilder.buildToken],
    ['/fetch_stt_token', SttTokenBuilder.buildToken],
  ] as const)('%s: privileges and the RTM login follow rtcTokenExpire', async (path, build) => {
    const { token } = await post(path, { ...rtcRtmBody, rtcTokenExpire: 800, pubAudioPrivilegeExpire: 100 });
    expect(token).toBe(build(appId, appCertificate, 'room', 'agent', 2, 800, 800, 100, 800, 800, 'agent-rtm', 800, fixed));
  });

  it.each([
    ['/fetch_rtm_token', { userId: 'alice' }, () => RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', 3000, fixed)],
    ['/fetch_rtm2_token', { userId: 'alice', permissions }, () => RtmTokenBuilder.buildTokenWithPermissions(appId, appCertificate, 'alice', permissions, 3000, fixed)],
    ['/fetch_chat_user_token', { userId: 'alice' }, () => ChatTokenBuilder.buildUserToken(appId, appCertificate, 'alice', 3000, fixed)],
    ['/fetch_chat_app_token', {}, () => ChatTokenBuilder.buildAppToken(appId, appCertificate, 3000, fixed)],
    ['/fetch_apaas_room_user_token', { roomUuid: 'r', userUuid: 'u', role: 1 }, () => ApaasTokenBuilder.buildRoomUserToken(appId, appCertificate, 'r', 'u', 1, 3000, fixed)],
    ['/fetch_apaas_user_token', { userUuid: 'u' }, () => ApaasTokenBuilder.buildUserToken(appId, appCertificate, 'u', 3000, fixed)],
    ['/fetch_apaas_app_token', {}, () => ApaasTokenBuilder.buildAppToken(appId, appCertificate, 3000, fixed)],
  ])('%s: the default expiry', async (path, body, expected) => {
    expect((await post(path, body)).token).toBe(expected());
  });
});

describe('documented rules', () => {
  it.each([
    ['/fetch_rtc_token', { uid: 1, ChannelName: 'room/1', role: 1 }, '"ChannelName": channel name may contain only'],
    ['/fetch_rtc_token', { uid: 'a'.repeat(256), ChannelName: 'room', role: 1 }, '"uid": user account is 256 bytes'],
    ['/fetch_rtc_token_with_privileges', { channelName: 'room/1', uid: 1 }, '"channelName": channel name may contain only'],
    ['/fetch_rtc_token_with_privileges', { channelName: 'room', uid: 'a'.repeat(256) }, '"uid": user account is 256 bytes'],
    ['/fetch_rtc_rtm_token', { ...rtcRtmBody, channelName: 'c'.repeat(64) }, '"channelName": channel name is 64 bytes'],
    ['/fetch_convoai_token', { ...rtcRtmBody, rtcAccount: 'a'.repeat(256) }, '"rtcAccount": user account is 256 bytes'],
    ['/fetch_stt_token', { ...rtcRtmBody, rtmUserId: 'u'.repeat(65) }, '"rtmUserId": RTM user id is 65 bytes'],
    ['/fetch_rtm_token', { userId: 'u'.repeat(65) }, '"userId": RTM user id is 65 bytes'],
    ['/fetch_rtm2_token', { userId: 'u'.repeat(65), permissions }, '"userId": RTM user id is 65 bytes'],
  ])('%s refuses %j, naming the field as sent', async (path, body, mentions) => {
    const { status, error, claims } = await post(path, body);
    expect([status, error]).toEqual([400, expect.stringContaining(mentions)]);
    expect(error!.startsWith(mentions)).toBe(true);
    expect(claims).toEqual([]);
  });

  it('a warning alone (uid 0, any user) does not refuse', async () => {
    expect((await post('/fetch_rtc_token', { uid: 0, ChannelName: 'room', role: 1 })).status).toBe(200);
    expect((await post('/fetch_rtc_token_with_privileges', { channelName: 'room', uid: 0 })).status).toBe(200);
    expect((await post('/fetch_rtc_rtm_token', { ...rtcRtmBody, rtcAccount: 0 })).status).toBe(200);
  });
});
