// What `build <kind>` offers: one kind per builder method, the flags it takes and the call it makes.
import { InvalidArgumentError, Option } from 'commander';
import {
  ApaasTokenBuilder,
  ChatTokenBuilder,
  checkRtcInputs,
  checkRtmInputs,
  ConvoAITokenBuilder,
  EducationTokenBuilder,
  type Finding,
  FpaTokenBuilder,
  RtcTokenBuilder,
  type Rtm2PermissionEntry,
  Rtm2PermissionType,
  Rtm2ResourceType,
  RtmTokenBuilder,
  SttTokenBuilder,
} from '../index.js';
import { RtcTokenBuilder as RtcTokenBuilder006, RtmTokenBuilder as RtmTokenBuilder006 } from '../006.js';
import { TOKEN_LIFETIME_006 } from '../token006/encode.js';
import { nowSeconds } from '../token007/encode.js';
import { integerIn, parseDuration, parseUid } from './input.js';
import { usageError } from './output.js';

/** Parsed flag values of `build <kind>`; which are set depends on the kind. */
export interface BuildValues {
  appId: string;
  cert: string;
  issueTs?: number;
  salt?: number;
  v006?: boolean;
  channel?: string;
  uid?: number;
  account?: string;
  role?: number;
  expire: number;
  privilegeExpire?: number;
  joinChannelPrivilegeExpire?: number;
  pubAudioPrivilegeExpire?: number;
  pubVideoPrivilegeExpire?: number;
  pubDataStreamPrivilegeExpire?: number;
  userId?: string;
  rtmUserId?: string;
  rtmTokenExpire?: number;
  roomUuid?: string;
  userUuid?: string;
  permission?: Rtm2PermissionEntry[];
}

const ROLES: Record<string, number> = { publisher: 1, subscriber: 2, attendee: 0, admin: 101 };
const uint16 = integerIn(0, 0xffff);

function parseRole(text: string): number {
  const role = ROLES[text.toLowerCase()];
  if (role !== undefined) return role;
  try {
    return uint16(text);
  } catch {
    throw new InvalidArgumentError('expected publisher, subscriber (006 also attendee, admin) or a number');
  }
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const RESOURCES: Record<string, number> = Object.fromEntries(Object.entries(Rtm2ResourceType).map(([k, v]) => [kebab(k).slice(1), v]));
const PERMISSIONS: Record<string, number> = Object.fromEntries(Object.entries(Rtm2PermissionType).map(([k, v]) => [k.toLowerCase(), v]));

/** `--permission stream-channels:write:s1,s2`, repeatable; a repeated pair replaces the earlier one. */
function parsePermission(text: string, previous: Rtm2PermissionEntry[] = []): Rtm2PermissionEntry[] {
  const m = /^([a-z-]+|\d+):([a-z]+|\d+):(.*)$/.exec(text);
  const resourceType = m ? (RESOURCES[m[1]!] ?? (/^\d+$/.test(m[1]!) ? uint16(m[1]!) : undefined)) : undefined;
  const permissionType = m ? (PERMISSIONS[m[2]!] ?? (/^\d+$/.test(m[2]!) ? uint16(m[2]!) : undefined)) : undefined;
  if (!m || resourceType === undefined || permissionType === undefined) {
    throw new InvalidArgumentError(`expected <resource>:<read|write>:<name,name…> with resource one of ${Object.keys(RESOURCES).join(', ')}`);
  }
  return [...previous, { resourceType, permissionType, resources: m[3] === '' ? [] : m[3]!.split(',') }];
}

const durationFlag = (flags: string, description: string): Option => new Option(flags, description).argParser(parseDuration);

/** Every flag a kind can take. */
const FLAGS = {
  channel: () => new Option('--channel <name>', 'channel name').makeOptionMandatory(),
  uid: () => new Option('--uid <n>', 'numeric uid, 0 to 4294967295 (0 = any user)').argParser(parseUid),
  account: () => new Option('--account <name>', 'string user account'),
  role: () => new Option('--role <role>', 'publisher (1) or subscriber (2); 006 also attendee (0), admin (101)').argParser(parseRole).default(1, 'publisher'),
  privilegeExpire: () => durationFlag('--privilege-expire <duration>', 'privilege lifetime (default: --expire)'),
  joinChannelPrivilegeExpire: () => durationFlag('--join-channel-privilege-expire <duration>', 'join privilege lifetime (default: --expire)'),
  pubAudioPrivilegeExpire: () => durationFlag('--pub-audio-privilege-expire <duration>', 'publish-audio privilege lifetime (default: --expire)'),
  pubVideoPrivilegeExpire: () => durationFlag('--pub-video-privilege-expire <duration>', 'publish-video privilege lifetime (default: --expire)'),
  pubDataStreamPrivilegeExpire: () => durationFlag('--pub-data-stream-privilege-expire <duration>', 'data-stream privilege lifetime (default: --expire)'),
  userId: () => new Option('--user-id <id>', 'user id').makeOptionMandatory(),
  rtmUserId: () => new Option('--rtm-user-id <id>', 'RTM user id (default: the RTC account or uid)'),
  rtmTokenExpire: () => durationFlag('--rtm-token-expire <duration>', 'RTM login lifetime (default: --expire)'),
  roomUuid: () => new Option('--room-uuid <id>', 'room id').makeOptionMandatory(),
  userUuid: () => new Option('--user-uuid <id>', 'user id').makeOptionMandatory(),
  apaasRole: () => new Option('--role <n>', 'role in the room, an int16').argParser(integerIn(-32768, 32767)).makeOptionMandatory(),
  permission: () =>
    new Option('--permission <grant>', 'resource:read|write:names, repeatable (e.g. stream-channels:write:s1,s2)').argParser(parsePermission),
  v006: () => new Option('--v006', 'build a legacy AccessToken (006): valid 24 h, privileges until the build time + their lifetime'),
  expire: () => durationFlag('--expire <duration>', 'token lifetime: seconds or 90s, 15m, 1h, 1h30m').default(3600, '1h'),
} as const;

/** One `build` subcommand. */
export interface BuildKind {
  name: string;
  summary: string;
  example: string;
  flags: (keyof typeof FLAGS)[];
  /** Documented-rule findings for these inputs, printed as warnings. */
  check: (v: BuildValues) => Finding[];
  build: (v: BuildValues) => string;
}

/** The RTC identity: `--uid` or `--account`, exactly one. */
function rtcIdentity(v: BuildValues): string | number {
  if ((v.uid === undefined) === (v.account === undefined)) throw usageError('pass exactly one of --uid and --account');
  return v.uid ?? v.account!;
}

const opts = (v: BuildValues) => ({ issueTs: v.issueTs, salt: v.salt });
// 006 has no issueTs: its token expires 24 h after the build, and privileges at an absolute time.
const opts006 = (v: BuildValues) => ({ salt: v.salt, ts: v.issueTs === undefined ? undefined : v.issueTs + TOKEN_LIFETIME_006 });
const absolute = (v: BuildValues, seconds: number): number => (v.issueTs ?? nowSeconds()) + seconds;

const rtcCheck = (v: BuildValues): Finding[] =>
  checkRtcInputs({ channelName: v.channel, uid: v.uid ?? v.account, role: v.v006 ? undefined : v.role, tokenExpire: v.expire, privilegeExpire: v.privilegeExpire });
const rtmCheck = (userId: string | undefined, expire: number): Finding[] => checkRtmInputs({ userId, expire });
const priv = (v: BuildValues, value: number | undefined): number => value ?? v.expire;

const RTC_RTM2_FLAGS: BuildKind['flags'] = [
  'channel',
  'account',
  'uid',
  'role',
  'expire',
  'joinChannelPrivilegeExpire',
  'pubAudioPrivilegeExpire',
  'pubVideoPrivilegeExpire',
  'pubDataStreamPrivilegeExpire',
  'rtmUserId',
  'rtmTokenExpire',
];

type RtcRtm2Builder = typeof RtcTokenBuilder.buildTokenWithRtm2;
const rtcRtm2 = (builder: RtcRtm2Builder) => (v: BuildValues) => {
  const account = rtcIdentity(v);
  return builder(
    v.appId,
    v.cert,
    v.channel!,
    account,
    v.role!,
    v.expire,
    priv(v, v.joinChannelPrivilegeExpire),
    priv(v, v.pubAudioPrivilegeExpire),
    priv(v, v.pubVideoPrivilegeExpire),
    priv(v, v.pubDataStreamPrivilegeExpire),
    v.rtmUserId ?? String(account),
    priv(v, v.rtmTokenExpire),
    opts(v),
  );
};

// The class name is spelled out: the bin is minified, so `builder.name` would not survive.
const apaasKinds = (prefix: 'apaas' | 'education', className: string, builder: typeof ApaasTokenBuilder): BuildKind[] => [
  {
    name: `${prefix}-room-user`,
    summary: `${className}.buildRoomUserToken: RTM, Chat and a room-user privilege in one room`,
    example: `${prefix}-room-user --room-uuid room-1 --user-uuid alice --role 1 --expire 1h`,
    flags: ['roomUuid', 'userUuid', 'apaasRole', 'expire'],
    check: (v) => rtmCheck(v.userUuid, v.expire),
    build: (v) => builder.buildRoomUserToken(v.appId, v.cert, v.roomUuid!, v.userUuid!, v.role!, v.expire, opts(v)),
  },
  {
    name: `${prefix}-user`,
    summary: `${className}.buildUserToken: a user privilege across rooms`,
    example: `${prefix}-user --user-uuid alice --expire 1h`,
    flags: ['userUuid', 'expire'],
    check: (v) => rtmCheck(v.userUuid, v.expire),
    build: (v) => builder.buildUserToken(v.appId, v.cert, v.userUuid!, v.expire, opts(v)),
  },
  {
    name: `${prefix}-app`,
    summary: `${className}.buildAppToken: an app privilege for server calls`,
    example: `${prefix}-app --expire 1h`,
    flags: ['expire'],
    check: (v) => checkRtcInputs({ tokenExpire: v.expire }),
    build: (v) => builder.buildAppToken(v.appId, v.cert, v.expire, opts(v)),
  },
];

/** Every `build` kind, in help order. */
export const BUILD_KINDS: BuildKind[] = [
  {
    name: 'rtc',
    summary: 'RtcTokenBuilder.buildTokenWithUid: join (and publish) one channel as one numeric uid',
    example: 'rtc --channel room --uid 42 --role publisher --expire 1h',
    flags: ['channel', 'uid', 'role', 'expire', 'privilegeExpire', 'v006'],
    check: rtcCheck,
    build: (v) => {
      if (v.uid === undefined) throw usageError('--uid is required (0 lets any user join)');
      if (v.v006) return RtcTokenBuilder006.buildTokenWithUid(v.appId, v.cert, v.channel!, v.uid, v.role!, absolute(v, priv(v, v.privilegeExpire)), opts006(v));
      return RtcTokenBuilder.buildTokenWithUid(v.appId, v.cert, v.channel!, v.uid, v.role!, v.expire, priv(v, v.privilegeExpire), opts(v));
    },
  },
  {
    name: 'rtc-account',
    summary: 'RtcTokenBuilder.buildTokenWithUserAccount: join (and publish) one channel as a string account',
    example: 'rtc-account --channel room --account alice --role subscriber --expire 30m',
    flags: ['channel', 'account', 'role', 'expire', 'privilegeExpire', 'v006'],
    check: rtcCheck,
    build: (v) => {
      if (v.account === undefined) throw usageError('--account is required');
      if (v.v006) return RtcTokenBuilder006.buildTokenWithAccount(v.appId, v.cert, v.channel!, v.account, v.role!, absolute(v, priv(v, v.privilegeExpire)), opts006(v));
      return RtcTokenBuilder.buildTokenWithUserAccount(v.appId, v.cert, v.channel!, v.account, v.role!, v.expire, priv(v, v.privilegeExpire), opts(v));
    },
  },
  {
    name: 'rtc-privileges',
    summary: 'RtcTokenBuilder.buildTokenWithUidAndPrivilege / BuildTokenWithUserAccountAndPrivilege: one lifetime per privilege',
    example: 'rtc-privileges --channel room --uid 42 --expire 1h --pub-video-privilege-expire 10m',
    flags: ['channel', 'uid', 'account', 'expire', 'joinChannelPrivilegeExpire', 'pubAudioPrivilegeExpire', 'pubVideoPrivilegeExpire', 'pubDataStreamPrivilegeExpire'],
    check: (v) => checkRtcInputs({ channelName: v.channel, uid: v.uid ?? v.account, tokenExpire: v.expire }),
    build: (v) => {
      const id = rtcIdentity(v);
      const args = [
        v.expire,
        priv(v, v.joinChannelPrivilegeExpire),
        priv(v, v.pubAudioPrivilegeExpire),
        priv(v, v.pubVideoPrivilegeExpire),
        priv(v, v.pubDataStreamPrivilegeExpire),
        opts(v),
      ] as const;
      return typeof id === 'number'
        ? RtcTokenBuilder.buildTokenWithUidAndPrivilege(v.appId, v.cert, v.channel!, id, ...args)
        : RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(v.appId, v.cert, v.channel!, id, ...args);
    },
  },
  {
    name: 'rtc-rtm',
    summary: 'RtcTokenBuilder.buildTokenWithRtm: RTC and RTM login for one account',
    example: 'rtc-rtm --channel room --account alice --expire 1h',
    flags: ['channel', 'account', 'role', 'expire', 'privilegeExpire'],
    check: (v) => [...rtcCheck(v), ...rtmCheck(v.account, v.expire)],
    build: (v) => {
      if (v.account === undefined) throw usageError('--account is required');
      return RtcTokenBuilder.buildTokenWithRtm(v.appId, v.cert, v.channel!, v.account, v.role!, v.expire, priv(v, v.privilegeExpire), opts(v));
    },
  },
  {
    name: 'rtc-rtm2',
    summary: 'RtcTokenBuilder.buildTokenWithRtm2: RTC with one lifetime per privilege, and RTM login for an RTM user id',
    example: 'rtc-rtm2 --channel room --account alice --rtm-user-id alice-rtm --expire 1h',
    flags: RTC_RTM2_FLAGS,
    check: (v) => [...rtcCheck(v), ...rtmCheck(v.rtmUserId ?? String(v.uid ?? v.account), priv(v, v.rtmTokenExpire))],
    build: rtcRtm2((...a) => RtcTokenBuilder.buildTokenWithRtm2(...a)),
  },
  {
    name: 'rtm',
    summary: 'RtmTokenBuilder.buildToken: RTM login',
    example: 'rtm --user-id alice --expire 1h',
    flags: ['userId', 'expire', 'v006'],
    check: (v) => rtmCheck(v.userId, v.expire),
    build: (v) =>
      v.v006
        ? RtmTokenBuilder006.buildToken(v.appId, v.cert, v.userId!, 1, absolute(v, v.expire), opts006(v))
        : RtmTokenBuilder.buildToken(v.appId, v.cert, v.userId!, v.expire, opts(v)),
  },
  {
    name: 'rtm2',
    summary: 'RtmTokenBuilder.buildTokenWithPermissions: RTM login with resource permissions',
    example: 'rtm2 --user-id alice --permission message-channels:read:lobby --permission stream-channels:write:s1,s2',
    flags: ['userId', 'permission', 'expire'],
    check: (v) => rtmCheck(v.userId, v.expire),
    build: (v) => RtmTokenBuilder.buildTokenWithPermissions(v.appId, v.cert, v.userId!, v.permission ?? [], v.expire, opts(v)),
  },
  {
    name: 'chat-user',
    summary: 'ChatTokenBuilder.buildUserToken: Chat for one user',
    example: 'chat-user --user-id alice --expire 1h',
    flags: ['userId', 'expire'],
    check: (v) => checkRtcInputs({ tokenExpire: v.expire }),
    build: (v) => ChatTokenBuilder.buildUserToken(v.appId, v.cert, v.userId!, v.expire, opts(v)),
  },
  {
    name: 'chat-app',
    summary: 'ChatTokenBuilder.buildAppToken: Chat app privilege for server calls',
    example: 'chat-app --expire 1h',
    flags: ['expire'],
    check: (v) => checkRtcInputs({ tokenExpire: v.expire }),
    build: (v) => ChatTokenBuilder.buildAppToken(v.appId, v.cert, v.expire, opts(v)),
  },
  {
    name: 'fpa',
    summary: 'FpaTokenBuilder.buildToken: Flexible Path Acceleration login (24 h, fixed)',
    example: 'fpa',
    flags: [],
    check: () => [],
    build: (v) => FpaTokenBuilder.buildToken(v.appId, v.cert, opts(v)),
  },
  ...apaasKinds('apaas', 'ApaasTokenBuilder', ApaasTokenBuilder),
  ...apaasKinds('education', 'EducationTokenBuilder', EducationTokenBuilder),
  {
    name: 'convoai',
    summary: 'ConvoAITokenBuilder.buildToken: the rtc-rtm2 services plus Conversational AI',
    example: 'convoai --channel room --account agent --expire 1h',
    flags: RTC_RTM2_FLAGS,
    check: (v) => rtcCheck(v),
    build: rtcRtm2((...a) => ConvoAITokenBuilder.buildToken(...a)),
  },
  {
    name: 'stt',
    summary: 'SttTokenBuilder.buildToken: the rtc-rtm2 services plus speech-to-text',
    example: 'stt --channel room --account stt-bot --expire 1h',
    flags: RTC_RTM2_FLAGS,
    check: (v) => rtcCheck(v),
    build: rtcRtm2((...a) => SttTokenBuilder.buildToken(...a)),
  },
];

/** Creates a fresh commander option for a flag of a kind. */
export const flagOption = (flag: keyof typeof FLAGS): Option => FLAGS[flag]();
