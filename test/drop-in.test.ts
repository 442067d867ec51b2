// What code written for agora-token / agora-access-token relies on beyond the tokens themselves
// (README, "Moving from agora-token / agora-access-token"); test/peers/run.mjs runs the peers' own
// suites, this file pins each behaviour on its own.
import { describe, expect, it } from 'vitest';
import * as v006 from '../src/006.js';
import {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  decodeToken,
  EducationTokenBuilder,
  RtcRole,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
  verifyToken,
} from '../src/index.js';
import { caught } from './support/caught.js';

const appId = '3327194369a09232ae4bc396b00f86ff';
const cert = '3cc7461c96496a9a6af39be6805a28d1';
const at = 1_717_175_317;

describe('006 AccessToken: the public fields of agora-access-token', () => {
  const fixed = { salt: 7, ts: 1_717_258_117 };

  it('build() signs what is in messages, however it got there', () => {
    const viaMessages = new v006.AccessToken(appId, cert, 'room', 42, fixed);
    viaMessages.messages[v006.privileges.kJoinChannel] = at;
    viaMessages.messages[v006.privileges.kPublishAudioStream] = at + 1;
    const viaMethod = new v006.AccessToken(appId, cert, 'room', 42, fixed)
      .addPrivilege(v006.privileges.kPublishAudioStream, at + 1)
      .addPrivilege(v006.privileges.kJoinChannel, at);
    expect(viaMethod.messages).toEqual({ 1: at, 2: at + 1 });
    const token = viaMessages.build();
    expect(token).toBe(viaMethod.build());
    expect(decodeToken(token)).toMatchObject({ version: '006', salt: 7, ts: 1_717_258_117, privileges: { 1: at, 2: at + 1 } });
    expect(verifyToken(token, cert, { channelName: 'room', uid: 42 })).toBe(true);
  });

  it('a bad entry in messages is named as messages', () => {
    const token = new v006.AccessToken(appId, cert, 'room', 42, fixed);
    token.messages[1] = -1;
    const error = caught(() => token.build());
    expect(error.code).toBe('ERR_INVALID_EXPIRE');
    expect(error.message).toContain('"messages[1]"');
  });

  it('fromString fills appID, salt, ts and messages from a token', () => {
    const token = new v006.AccessToken(appId, cert, 'room', 42, fixed).addPrivilege(1, at).addPrivilege(1000, at + 5).build();
    const parsed = new v006.AccessToken('', '', '', '');
    expect(parsed.fromString(token)).toBe(true);
    expect({ appID: parsed.appID, salt: parsed.salt, ts: parsed.ts, messages: parsed.messages }).toEqual({
      appID: appId,
      salt: 7,
      ts: 1_717_258_117,
      messages: { 1: at, 1000: at + 5 },
    });
  });

  it.each([
    ['a 007 token', RtmTokenBuilder.buildToken(appId, cert, 'alice', 60)],
    ['a bad base64 character after the app ID', `006${appId}!`],
    ['nothing after the app ID', `006${appId}`],
    ['a truncated token', new v006.AccessToken(appId, cert, 'room', 42, fixed).addPrivilege(1, at).build().slice(0, -8)],
    ['the empty string', ''],
    ['a number', 6 as unknown as string],
    ['null', null as unknown as string],
  ])('fromString is false for %s and changes nothing', (_what, input) => {
    const parsed = new v006.AccessToken(appId, cert, 'room', 42, fixed).addPrivilege(1, at);
    expect(parsed.fromString(input)).toBe(false);
    expect({ appID: parsed.appID, salt: parsed.salt, ts: parsed.ts, messages: parsed.messages }).toEqual({ appID: appId, ...fixed, messages: { 1: at } });
  });
});

describe('006 RtmTokenBuilder: the role argument never enters the token', () => {
  const fixed = { salt: 9, ts: 1_717_258_117 };
  const withRole = (role: unknown) => v006.RtmTokenBuilder.buildToken(appId, cert, 'alice', role, at, fixed);

  it.each([
    ['the RtmRole object, as agora-access-token\'s demo server passes it', v006.RtmRole],
    ['undefined', undefined],
    ['a string', 'user'],
    ['a fraction', 1.5],
    ['a negative number', -1],
  ])('%s gives the same token as RtmRole.Rtm_User', (_what, role) => {
    expect(withRole(role)).toBe(withRole(v006.RtmRole.Rtm_User));
  });
});

describe('positional builders name the parameter the caller passed', () => {
  const fixed = { issueTs: 1_700_000_000, salt: 1 };
  const rtm2Args = (over: Record<number, unknown>) =>
    [appId, cert, 'room', 'alice', RtcRole.PUBLISHER, 600, 600, 600, 600, 600, 'bob', 600, undefined].map((v, i) => (i in over ? over[i] : v)) as Parameters<
      typeof RtcTokenBuilder.buildTokenWithRtm2
    >;
  const cases: [string, string, () => unknown][] = [
    ['RtcTokenBuilder.buildTokenWithUid', 'uid', () => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', -1, 1, 600, 600)],
    ['RtcTokenBuilder.buildTokenWithUid', 'channelName', () => RtcTokenBuilder.buildTokenWithUid(appId, cert, 7 as never, 1, 1, 600, 600)],
    ['RtcTokenBuilder.buildTokenWithUid', 'role', () => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 1, -1, 600, 600)],
    ['RtcTokenBuilder.buildTokenWithUid', 'tokenExpire', () => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 1, 1, -1, 600)],
    ['RtcTokenBuilder.buildTokenWithUid', 'privilegeExpire', () => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 1, 1, 600, NaN)],
    ['RtcTokenBuilder.buildTokenWithUserAccount', 'account', () => RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, 'room', {} as never, 1, 600, 600)],
    ['RtcTokenBuilder.buildTokenWithUidAndPrivilege', 'pubVideoPrivilegeExpire', () => RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, 'room', 1, 600, 600, 600, -5, 600)],
    ['RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege', 'account', () => RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, cert, 'room', -2, 600, 600, 600, 600, 600)],
    ['RtcTokenBuilder.buildTokenWithRtm', 'privilegeExpire', () => RtcTokenBuilder.buildTokenWithRtm(appId, cert, 'room', 'alice', 1, 600, 2 ** 32)],
    ['RtcTokenBuilder.buildTokenWithRtm2', 'rtcAccount', () => RtcTokenBuilder.buildTokenWithRtm2(...rtm2Args({ 3: -1 }))],
    ['RtcTokenBuilder.buildTokenWithRtm2', 'rtcRole', () => RtcTokenBuilder.buildTokenWithRtm2(...rtm2Args({ 4: 'host' }))],
    ['RtcTokenBuilder.buildTokenWithRtm2', 'rtcTokenExpire', () => RtcTokenBuilder.buildTokenWithRtm2(...rtm2Args({ 5: -1 }))],
    ['RtcTokenBuilder.buildTokenWithRtm2', 'rtmUserId', () => RtcTokenBuilder.buildTokenWithRtm2(...rtm2Args({ 10: null }))],
    ['RtcTokenBuilder.buildTokenWithRtm2', 'rtmTokenExpire', () => RtcTokenBuilder.buildTokenWithRtm2(...rtm2Args({ 11: 1.5 }))],
    ['ConvoAITokenBuilder.buildToken', 'joinChannelPrivilegeExpire', () => ConvoAITokenBuilder.buildToken(...rtm2Args({ 6: -1 }))],
    ['SttTokenBuilder.buildToken', 'pubDataStreamPrivilegeExpire', () => SttTokenBuilder.buildToken(...rtm2Args({ 9: '600' }))],
    ['RtmTokenBuilder.buildToken', 'userId', () => RtmTokenBuilder.buildToken(appId, cert, -1, 600)],
    ['RtmTokenBuilder.buildToken', 'expire', () => RtmTokenBuilder.buildToken(appId, cert, 'alice', -1)],
    ['RtmTokenBuilder.buildTokenWithPermissions', 'userId', () => RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 1.5, [], 600)],
    ['ChatTokenBuilder.buildUserToken', 'userId', () => ChatTokenBuilder.buildUserToken(appId, cert, -1, 600)],
    ['ChatTokenBuilder.buildAppToken', 'expire', () => ChatTokenBuilder.buildAppToken(appId, cert, -1)],
    ['ApaasTokenBuilder.buildRoomUserToken', 'roomUuid', () => ApaasTokenBuilder.buildRoomUserToken(appId, cert, 5 as never, 'u', 1, 600)],
    ['ApaasTokenBuilder.buildRoomUserToken', 'role', () => ApaasTokenBuilder.buildRoomUserToken(appId, cert, 'r', 'u', 40_000, 600)],
    ['EducationTokenBuilder.buildUserToken', 'userUuid', () => EducationTokenBuilder.buildUserToken(appId, cert, -1, 600)],
    ['ApaasTokenBuilder.buildAppToken', 'expire', () => ApaasTokenBuilder.buildAppToken(appId, cert, -1)],
    ['006 RtcTokenBuilder.buildTokenWithUid', 'uid', () => v006.RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', -1, 1, at)],
    ['006 RtcTokenBuilder.buildTokenWithAccount', 'account', () => v006.RtcTokenBuilder.buildTokenWithAccount(appId, cert, 'room', -1, 1, at)],
    ['006 RtcTokenBuilder.buildTokenWithAccount', 'privilegeExpiredTs', () => v006.RtcTokenBuilder.buildTokenWithAccount(appId, cert, 'room', 'a', 1, -1)],
    ['006 RtcTokenBuilder.buildTokenWithUidAndPrivilege', 'pubAudioPrivilegeExpiredTs', () => v006.RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, 'room', 1, at, -1, at, at)],
    ['006 RtmTokenBuilder.buildToken', 'account', () => v006.RtmTokenBuilder.buildToken(appId, cert, -1, 1, at)],
    ['006 RtmTokenBuilder.buildToken', 'privilegeExpiredTs', () => v006.RtmTokenBuilder.buildToken(appId, cert, 'alice', 1, 'soon' as never)],
  ];

  it.each(cases)('%s: a bad %s', (_builder, name, build) => {
    const { message } = caught(build);
    expect(message).toMatch(new RegExp(`^"${name}" `));
    expect(message).not.toContain('services');
  });

  it('uid -1: ERR_INVALID_UID naming uid, not services[0]', () => {
    const error = caught(() => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', -1, RtcRole.PUBLISHER, 600, 600, fixed));
    expect(error.code).toBe('ERR_INVALID_UID');
    expect(error.message).toBe('"uid" must be a string or an integer from 0 to 4294967295, got -1');
  });

  it('a bad lifetime mentions Agora\'s 24-hour cap', () => {
    const error = caught(() => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 1, 1, 600, -1));
    expect(error.code).toBe('ERR_INVALID_EXPIRE');
    expect(error.message).toContain('"privilegeExpire"');
    expect(error.message).toContain('24 hours');
  });

  it('a string over 65 535 UTF-8 bytes is named too', () => {
    const error = caught(() => RtmTokenBuilder.buildToken(appId, cert, 'é'.repeat(32_768), 60));
    expect(error.code).toBe('ERR_STRING_TOO_LONG');
    expect(error.message).toMatch(/^"userId" is 65536 bytes/);
  });

  it('the checks change no token: valid input gives what the service list gives', () => {
    const direct = RtcTokenBuilder.buildTokenWithRtm2(...rtm2Args({ 12: fixed }));
    expect(decodeToken(direct)).toMatchObject({ services: [{ type: 1, channelName: 'room', uid: 'alice' }, { type: 2, userId: 'bob' }] });
    expect(RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 0, 1, 600, 600, fixed)).toBe(
      RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, 'room', '', 1, 600, 600, fixed),
    );
  });
});
