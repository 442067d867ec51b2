// `build <kind>` in process: each kind makes the call of its builder with the flags' values and
// defaults, checks its inputs against the documented rules, and parses its flags as documented.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  ConvoAITokenBuilder,
  decodeToken,
  EducationTokenBuilder,
  FpaTokenBuilder,
  RtcTokenBuilder,
  RtmTokenBuilder,
  SttTokenBuilder,
} from '../../src/index.js';
import { RtcTokenBuilder as RtcTokenBuilder006, RtmTokenBuilder as RtmTokenBuilder006 } from '../../src/006.js';
import { BUILD_KINDS, type BuildValues, flagOption } from '../../src/cli/build-kinds.js';

const appId = '970ca35de60c44645bbae8a215061b33';
const cert = '5cfd2fd1755d40ecb72977518be15d3b';
const T0 = 1_800_000_000;
const fixed = { issueTs: T0, salt: 7 };
const base: BuildValues = { appId, cert, issueTs: T0, salt: 7, expire: 3600, role: 1 };

const kind = (name: string) => {
  const found = BUILD_KINDS.find((k) => k.name === name);
  if (found === undefined) throw new Error(`no kind ${name}`);
  return found;
};
const build = (name: string, values: Partial<BuildValues>) => kind(name).build({ ...base, ...values });
const codes = (name: string, values: Partial<BuildValues>) => kind(name).check({ ...base, ...values }).map((f) => f.code);

const usage = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    expect(e).toMatchObject({ name: 'CliError', exitCode: 2 });
    return (e as Error).message;
  }
  return expect.unreachable('accepted');
};
const invalid = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidArgumentError);
    return (e as Error).message;
  }
  return expect.unreachable('accepted');
};

describe('the kinds', () => {
  it('are listed in help order, each with a summary and an example of its own name', () => {
    expect(BUILD_KINDS.map((k) => k.name)).toEqual([
      'rtc',
      'rtc-account',
      'rtc-privileges',
      'rtc-rtm',
      'rtc-rtm2',
      'rtm',
      'rtm2',
      'chat-user',
      'chat-app',
      'fpa',
      'apaas-room-user',
      'apaas-user',
      'apaas-app',
      'education-room-user',
      'education-user',
      'education-app',
      'convoai',
      'stt',
    ]);
    for (const k of BUILD_KINDS) {
      expect(k.example.startsWith(`${k.name} `) || k.example === k.name).toBe(true);
      expect(k.summary).toMatch(/^[A-Za-z]+TokenBuilder\.\w+/);
    }
    expect(kind('education-user').summary).toBe('EducationTokenBuilder.buildUserToken: a user privilege across rooms');
    expect(kind('apaas-room-user').summary).toBe('ApaasTokenBuilder.buildRoomUserToken: RTM, Chat and a room-user privilege in one room');
  });
});

describe('what each kind builds', () => {
  it.each([
    ['rtc', { channel: 'room', uid: 42, role: 2, privilegeExpire: 600 }, () => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, 2, 3600, 600, fixed)],
    ['rtc', { channel: 'room', uid: 0 }, () => RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 0, 1, 3600, 3600, fixed)],
    ['rtc-account', { channel: 'room', account: 'alice', expire: 60 }, () => RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, 'room', 'alice', 1, 60, 60, fixed)],
    [
      'rtc-privileges',
      { channel: 'room', uid: 42, expire: 900, pubVideoPrivilegeExpire: 300, pubDataStreamPrivilegeExpire: 0 },
      () => RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, 'room', 42, 900, 900, 900, 300, 0, fixed),
    ],
    [
      'rtc-privileges',
      { channel: 'room', account: 'alice', joinChannelPrivilegeExpire: 100, pubAudioPrivilegeExpire: 200 },
      () => RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, cert, 'room', 'alice', 3600, 100, 200, 3600, 3600, fixed),
    ],
    ['rtc-rtm', { channel: 'room', account: 'alice', privilegeExpire: 60 }, () => RtcTokenBuilder.buildTokenWithRtm(appId, cert, 'room', 'alice', 1, 3600, 60, fixed)],
    [
      'rtc-rtm2',
      { channel: 'room', account: 'alice', rtmUserId: 'alice-rtm', rtmTokenExpire: 120, pubAudioPrivilegeExpire: 30 },
      () => RtcTokenBuilder.buildTokenWithRtm2(appId, cert, 'room', 'alice', 1, 3600, 3600, 30, 3600, 3600, 'alice-rtm', 120, fixed),
    ],
    [
      'rtc-rtm2',
      { channel: 'room', uid: 42, role: 2 },
      () => RtcTokenBuilder.buildTokenWithRtm2(appId, cert, 'room', 42, 2, 3600, 3600, 3600, 3600, 3600, '42', 3600, fixed),
    ],
    [
      'convoai',
      { channel: 'room', account: 'agent', joinChannelPrivilegeExpire: 10, pubVideoPrivilegeExpire: 20, pubDataStreamPrivilegeExpire: 40 },
      () => ConvoAITokenBuilder.buildToken(appId, cert, 'room', 'agent', 1, 3600, 10, 3600, 20, 40, 'agent', 3600, fixed),
    ],
    ['stt', { channel: 'room', account: 'bot', expire: 50 }, () => SttTokenBuilder.buildToken(appId, cert, 'room', 'bot', 1, 50, 50, 50, 50, 50, 'bot', 50, fixed)],
    ['rtm', { userId: 'alice' }, () => RtmTokenBuilder.buildToken(appId, cert, 'alice', 3600, fixed)],
    [
      'rtm2',
      { userId: 'alice', permission: [{ resourceType: 1, permissionType: 1, resources: ['s1'] }] },
      () => RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', [{ resourceType: 1, permissionType: 1, resources: ['s1'] }], 3600, fixed),
    ],
    ['rtm2', { userId: 'alice' }, () => RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', [], 3600, fixed)],
    ['chat-user', { userId: 'alice', expire: 70 }, () => ChatTokenBuilder.buildUserToken(appId, cert, 'alice', 70, fixed)],
    ['chat-app', { expire: 70 }, () => ChatTokenBuilder.buildAppToken(appId, cert, 70, fixed)],
    ['fpa', {}, () => FpaTokenBuilder.buildToken(appId, cert, fixed)],
    ['apaas-room-user', { roomUuid: 'r1', userUuid: 'u1', role: -2 }, () => ApaasTokenBuilder.buildRoomUserToken(appId, cert, 'r1', 'u1', -2, 3600, fixed)],
    ['apaas-user', { userUuid: 'u1' }, () => ApaasTokenBuilder.buildUserToken(appId, cert, 'u1', 3600, fixed)],
    ['apaas-app', {}, () => ApaasTokenBuilder.buildAppToken(appId, cert, 3600, fixed)],
    ['education-room-user', { roomUuid: 'r1', userUuid: 'u1', role: 3 }, () => EducationTokenBuilder.buildRoomUserToken(appId, cert, 'r1', 'u1', 3, 3600, fixed)],
    ['education-user', { userUuid: 'u1', expire: 5 }, () => EducationTokenBuilder.buildUserToken(appId, cert, 'u1', 5, fixed)],
    ['education-app', { expire: 5 }, () => EducationTokenBuilder.buildAppToken(appId, cert, 5, fixed)],
  ] as [string, Partial<BuildValues>, () => string][])('%s %j', (name, values, expected) => {
    expect(build(name, values)).toBe(expected());
  });

  it('006 tokens: valid 24 h from the build, privileges until the build time plus their lifetime', () => {
    const opts006 = { salt: 7, ts: T0 + 86_400 };
    expect(build('rtc', { channel: 'room', uid: 42, v006: true, privilegeExpire: 600 })).toBe(RtcTokenBuilder006.buildTokenWithUid(appId, cert, 'room', 42, 1, T0 + 600, opts006));
    expect(build('rtc', { channel: 'room', uid: 42, v006: true, role: 101 })).toBe(RtcTokenBuilder006.buildTokenWithUid(appId, cert, 'room', 42, 101, T0 + 3600, opts006));
    expect(build('rtc-account', { channel: 'room', account: 'alice', v006: true, expire: 60 })).toBe(
      RtcTokenBuilder006.buildTokenWithAccount(appId, cert, 'room', 'alice', 1, T0 + 60, opts006),
    );
    expect(build('rtm', { userId: 'alice', v006: true, expire: 60 })).toBe(RtmTokenBuilder006.buildToken(appId, cert, 'alice', 1, T0 + 60, opts006));
  });

  it('without --issue-ts, builds for now', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = kind('rtc').build({ appId, cert, expire: 3600, role: 1, channel: 'room', uid: 1, v006: true });
    const after = Math.floor(Date.now() / 1000);
    const decoded = decodeToken(token) as { ts: number; privileges: Record<number, number> };
    expect(decoded.ts).toBeGreaterThanOrEqual(before + 86_400);
    expect(decoded.ts).toBeLessThanOrEqual(after + 86_400);
    expect(decoded.privileges[1]).toBeGreaterThanOrEqual(before + 3600);
    expect(decoded.privileges[1]).toBeLessThanOrEqual(after + 3600);
    const rtm = decodeToken(kind('rtm').build({ appId, cert, expire: 60, userId: 'a', v006: true })) as { privileges: Record<number, number> };
    expect(rtm.privileges[1000]).toBeGreaterThanOrEqual(before + 60);
  });

  it('refuses a missing or doubled identity as a usage error', () => {
    expect(usage(() => build('rtc', { channel: 'room' }))).toBe('--uid is required (0 lets any user join)');
    expect(usage(() => build('rtc-account', { channel: 'room' }))).toBe('--account is required');
    expect(usage(() => build('rtc-rtm', { channel: 'room' }))).toBe('--account is required');
    for (const name of ['rtc-privileges', 'rtc-rtm2', 'convoai', 'stt']) {
      expect(usage(() => build(name, { channel: 'room' }))).toBe('pass exactly one of --uid and --account');
      expect(usage(() => build(name, { channel: 'room', uid: 1, account: 'a' }))).toBe('pass exactly one of --uid and --account');
    }
  });
});

describe('the documented-rule checks of each kind', () => {
  it('rtc and rtc-account check the channel, identity, role and lifetimes; not the role of a 006 token', () => {
    expect(codes('rtc', { channel: 'room', uid: 42 })).toEqual([]);
    expect(codes('rtc', { channel: 'room/1', uid: 0, role: 3, expire: 90_000, privilegeExpire: 0 })).toEqual([
      'CHANNEL_NAME_CHARSET',
      'UID_WILDCARD',
      'ROLE_UNKNOWN',
      'EXPIRE_TOO_LONG',
      'EXPIRE_ZERO',
    ]);
    expect(codes('rtc', { channel: 'room', uid: 42, role: 0, v006: true })).toEqual([]);
    expect(codes('rtc', { channel: 'room', uid: 42, role: 0 })).toEqual(['ROLE_DEPRECATED']);
    expect(codes('rtc-account', { channel: 'room', account: 'a'.repeat(256), privilegeExpire: 7200 })).toEqual(['ACCOUNT_TOO_LONG', 'PRIVILEGE_OUTLIVES_TOKEN']);
  });

  it('rtc-privileges checks the channel, identity and lifetime', () => {
    expect(codes('rtc-privileges', { channel: '', account: '', expire: 0 })).toEqual(['CHANNEL_NAME_EMPTY', 'ACCOUNT_EMPTY', 'EXPIRE_ZERO']);
    expect(codes('rtc-privileges', { channel: 'room', uid: 0 })).toEqual(['UID_WILDCARD']);
  });

  it('rtc-rtm checks the RTM user id too', () => {
    expect(codes('rtc-rtm', { channel: 'room', account: 'u'.repeat(65) })).toEqual(['USER_ID_TOO_LONG']);
    expect(codes('rtc-rtm', { channel: 'room', account: 'alice', expire: 90_000 })).toEqual(['EXPIRE_TOO_LONG', 'EXPIRE_TOO_LONG']);
  });

  it('rtc-rtm2 checks the RTM user id it will use, and its lifetime', () => {
    expect(codes('rtc-rtm2', { channel: 'room', account: 'alice', rtmUserId: 'u'.repeat(65) })).toEqual(['USER_ID_TOO_LONG']);
    expect(codes('rtc-rtm2', { channel: 'room', account: 'u'.repeat(65) })).toEqual(['USER_ID_TOO_LONG']);
    expect(codes('rtc-rtm2', { channel: 'room', uid: 42, rtmTokenExpire: 90_000 })).toEqual(['EXPIRE_TOO_LONG']);
    expect(codes('rtc-rtm2', { channel: 'room', uid: 42 })).toEqual([]);
  });

  it('RTM, Chat, APaaS and ConvoAI kinds check what they take', () => {
    expect(codes('rtm', { userId: '' })).toEqual(['USER_ID_EMPTY']);
    expect(codes('rtm', { userId: 'a', expire: 90_000 })).toEqual(['EXPIRE_TOO_LONG']);
    expect(codes('rtm2', { userId: 'u'.repeat(65) })).toEqual(['USER_ID_TOO_LONG']);
    expect(codes('chat-user', { userId: 'a', expire: 90_000 })).toEqual(['EXPIRE_TOO_LONG']);
    expect(codes('chat-app', { expire: 0 })).toEqual(['EXPIRE_ZERO']);
    expect(codes('fpa', { expire: 90_000 })).toEqual([]);
    expect(codes('apaas-room-user', { userUuid: 'u'.repeat(65), expire: 0 })).toEqual(['USER_ID_TOO_LONG', 'EXPIRE_ZERO']);
    expect(codes('education-user', { userUuid: '' })).toEqual(['USER_ID_EMPTY']);
    expect(codes('apaas-app', { expire: 90_000 })).toEqual(['EXPIRE_TOO_LONG']);
    expect(codes('convoai', { channel: 'a/b', account: 'x' })).toEqual(['CHANNEL_NAME_CHARSET']);
    expect(codes('stt', { channel: 'room', uid: 0 })).toEqual(['UID_WILDCARD']);
  });
});

describe('flags', () => {
  it('declares each kind\'s flags, the mandatory ones and the defaults', () => {
    const shape = (name: string) =>
      kind(name).flags.map((f) => {
        const o = flagOption(f);
        return `${o.flags}${o.mandatory ? ' (mandatory)' : ''}${o.defaultValue === undefined ? '' : ` = ${o.defaultValue} (${o.defaultValueDescription})`}`;
      });
    expect(shape('rtc')).toEqual([
      '--channel <name> (mandatory)',
      '--uid <n>',
      '--role <role> = 1 (publisher)',
      '--expire <duration> = 3600 (1h)',
      '--privilege-expire <duration>',
      '--v006',
    ]);
    expect(shape('rtc-rtm2')).toEqual([
      '--channel <name> (mandatory)',
      '--account <name>',
      '--uid <n>',
      '--role <role> = 1 (publisher)',
      '--expire <duration> = 3600 (1h)',
      '--join-channel-privilege-expire <duration>',
      '--pub-audio-privilege-expire <duration>',
      '--pub-video-privilege-expire <duration>',
      '--pub-data-stream-privilege-expire <duration>',
      '--rtm-user-id <id>',
      '--rtm-token-expire <duration>',
    ]);
    expect(shape('apaas-room-user')).toEqual(['--room-uuid <id> (mandatory)', '--user-uuid <id> (mandatory)', '--role <n> (mandatory)', '--expire <duration> = 3600 (1h)']);
    expect(shape('rtm2')).toEqual(['--user-id <id> (mandatory)', '--permission <grant>', '--expire <duration> = 3600 (1h)']);
    expect(shape('fpa')).toEqual([]);
  });

  it('durations and uids are parsed', () => {
    expect(flagOption('expire').parseArg!('1h30m', undefined)).toBe(5400);
    for (const f of ['privilegeExpire', 'joinChannelPrivilegeExpire', 'pubAudioPrivilegeExpire', 'pubVideoPrivilegeExpire', 'pubDataStreamPrivilegeExpire', 'rtmTokenExpire'] as const) {
      expect(flagOption(f).parseArg!('2m', undefined)).toBe(120);
    }
    expect(flagOption('uid').parseArg!('4294967295', undefined)).toBe(4_294_967_295);
    expect(invalid(() => flagOption('uid').parseArg!('-1', undefined))).toBe('expected an integer from 0 to 4294967295');
    expect(flagOption('apaasRole').parseArg!('-32768', undefined)).toBe(-32_768);
    expect(invalid(() => flagOption('apaasRole').parseArg!('32768', undefined))).toBe('expected an integer from -32768 to 32767');
  });

  it('--role takes names in any case, or a uint16', () => {
    const role = (text: string) => flagOption('role').parseArg!(text, undefined);
    expect(['publisher', 'Subscriber', 'ATTENDEE', 'admin', '0', '65535', '7'].map(role)).toEqual([1, 2, 0, 101, 0, 65_535, 7]);
    for (const text of ['65536', 'owner', '-1', '']) {
      expect(invalid(() => role(text))).toBe('expected publisher, subscriber (006 also attendee, admin) or a number');
    }
  });

  it('--permission takes resource:read|write:names, by name or number, and accumulates', () => {
    const permission = (text: string, previous?: unknown) => flagOption('permission').parseArg!(text, previous);
    expect(permission('message-channels:read:lobby')).toEqual([{ resourceType: 0, permissionType: 0, resources: ['lobby'] }]);
    expect(
      ['stream-channels', 'group-channels', 'server-groups', 'users'].map((r) => (permission(`${r}:write:`) as { resourceType: number }[])[0]!.resourceType),
    ).toEqual([1, 2, 3, 4]);
    expect(permission('7:1:a,b,c')).toEqual([{ resourceType: 7, permissionType: 1, resources: ['a', 'b', 'c'] }]);
    expect(permission('users:write:', [{ resourceType: 0, permissionType: 0, resources: ['x'] }])).toEqual([
      { resourceType: 0, permissionType: 0, resources: ['x'] },
      { resourceType: 4, permissionType: 1, resources: [] },
    ]);
    expect(permission('users:read:a:b')).toEqual([{ resourceType: 4, permissionType: 0, resources: ['a:b'] }]);
    const message = 'expected <resource>:<read|write>:<name,name…> with resource one of message-channels, stream-channels, group-channels, server-groups, users';
    // The whole argument must be a grant: nothing before the resource, no second line after the names.
    for (const text of ['lobby', 'users:admin:x', 'rooms:read:x', 'users:read', 'Users:read:x', ':read:x', 'users::x', '!users:read:x', 'users:read:a\nb']) {
      expect(invalid(() => permission(text))).toBe(message);
    }
    expect(invalid(() => permission('65536:read:x'))).toBe('expected an integer from 0 to 65535');
    expect(invalid(() => permission('users:65536:x'))).toBe('expected an integer from 0 to 65535');
  });
});
