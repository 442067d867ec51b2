import { utf8Length } from './lib/bytes.js';

/** One documented-rule violation: the input still builds a token, but Agora may refuse or limit it. */
export interface Finding {
  /** Stable identifier, e.g. `CHANNEL_NAME_CHARSET`. */
  code: FindingCode;
  /** `error`: Agora documents the value as not allowed; `warning`: allowed but likely a mistake. */
  severity: 'error' | 'warning';
  /** The input field at fault. */
  field: string;
  message: string;
}

/** Every finding code the checks can report. */
export type FindingCode =
  | 'CHANNEL_NAME_EMPTY'
  | 'CHANNEL_NAME_TOO_LONG'
  | 'CHANNEL_NAME_CHARSET'
  | 'UID_OUT_OF_RANGE'
  | 'UID_WILDCARD'
  | 'ACCOUNT_EMPTY'
  | 'ACCOUNT_TOO_LONG'
  | 'USER_ID_EMPTY'
  | 'USER_ID_TOO_LONG'
  | 'ROLE_UNKNOWN'
  | 'ROLE_DEPRECATED'
  | 'EXPIRE_TOO_LONG'
  | 'EXPIRE_ZERO'
  | 'PRIVILEGE_OUTLIVES_TOKEN';

/** Agora's documented limits for the inputs of a token. */
export const LIMITS = {
  /** Channel names must be shorter than 64 bytes. */
  channelNameMaxBytes: 63,
  /** User accounts (string uids) up to 255 bytes. */
  accountMaxBytes: 255,
  /** RTM user ids up to 64 bytes. */
  rtmUserIdMaxBytes: 64,
  /** A privilege is valid for at most 24 hours. */
  maxExpireSeconds: 86_400,
} as const;

// a-z, A-Z, 0-9, space and the punctuation Agora documents for channel names.
const CHANNEL_NAME = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]*$/;

/** What {@link checkRtcInputs} looks at; every field is optional. */
export interface RtcInputs {
  channelName?: string;
  /** A numeric uid (0 = any user) or a string account. */
  uid?: string | number;
  role?: number;
  tokenExpire?: number;
  privilegeExpire?: number;
}

/** What {@link checkRtmInputs} looks at. */
export interface RtmInputs {
  userId?: string | number;
  expire?: number;
}

const finding = (severity: Finding['severity'], code: FindingCode, field: string, message: string): Finding => ({
  code,
  severity,
  field,
  message,
});

function checkExpiries(out: Finding[], tokenExpire: number | undefined, privilegeExpire: number | undefined, tokenField: string): void {
  for (const [field, value] of [
    [tokenField, tokenExpire],
    ['privilegeExpire', privilegeExpire],
  ] as const) {
    if (value === undefined) continue;
    if (value > LIMITS.maxExpireSeconds) {
      out.push(finding('error', 'EXPIRE_TOO_LONG', field, `${field} is ${value} s; Agora caps tokens and privileges at 24 h (86400 s)`));
    } else if (value === 0) {
      out.push(finding('warning', 'EXPIRE_ZERO', field, `${field} is 0: the value is written verbatim and its meaning is left to Agora's servers`));
    }
  }
  if (tokenExpire !== undefined && privilegeExpire !== undefined && privilegeExpire > tokenExpire) {
    out.push(
      finding('warning', 'PRIVILEGE_OUTLIVES_TOKEN', 'privilegeExpire', `privilegeExpire (${privilegeExpire} s) is longer than the token (${tokenExpire} s); the token's expiry limits it`),
    );
  }
}

/**
 * Checks RTC inputs against Agora's documented rules: channel name length and characters, uid range,
 * account length, role and lifetimes. The builders deliberately do not enforce these (they accept
 * what the references accept); the token server and the CLI do.
 *
 * @param inputs - the values a token would be built from
 * @returns the findings, empty when everything follows the rules
 * @example
 * ```ts
 * import { checkRtcInputs } from 'agora-token-kit';
 * checkRtcInputs({ channelName: 'room/1', uid: 42, role: 1, tokenExpire: 3600 });
 * // [{ code: 'CHANNEL_NAME_CHARSET', severity: 'error', field: 'channelName', ... }]
 * ```
 */
export function checkRtcInputs(inputs: RtcInputs): Finding[] {
  const out: Finding[] = [];
  const { channelName, uid, role } = inputs;
  if (channelName !== undefined) {
    const bytes = utf8Length(channelName);
    if (bytes === 0) out.push(finding('error', 'CHANNEL_NAME_EMPTY', 'channelName', 'channel name is empty'));
    if (bytes > LIMITS.channelNameMaxBytes) {
      out.push(finding('error', 'CHANNEL_NAME_TOO_LONG', 'channelName', `channel name is ${bytes} bytes; it must be shorter than 64 bytes`));
    }
    if (!CHANNEL_NAME.test(channelName)) {
      out.push(
        finding('error', 'CHANNEL_NAME_CHARSET', 'channelName', 'channel name may contain only a-z, A-Z, 0-9, space and !#$%&()+-:;<=.>?@[]^_{}|~,'),
      );
    }
  }
  if (typeof uid === 'number') {
    if (!Number.isInteger(uid) || uid < 0 || uid > 0xffffffff) {
      out.push(finding('error', 'UID_OUT_OF_RANGE', 'uid', `uid must be an integer from 0 to 4294967295, got ${uid}`));
    } else if (uid === 0) {
      out.push(finding('warning', 'UID_WILDCARD', 'uid', 'uid 0 lets any user id join with this token'));
    }
  } else if (typeof uid === 'string') {
    const bytes = utf8Length(uid);
    if (bytes === 0) out.push(finding('warning', 'ACCOUNT_EMPTY', 'uid', 'an empty account lets any user join, like uid 0'));
    if (bytes > LIMITS.accountMaxBytes) {
      out.push(finding('error', 'ACCOUNT_TOO_LONG', 'uid', `user account is ${bytes} bytes; at most 255 are allowed`));
    }
  }
  if (role !== undefined && role !== 1 && role !== 2) {
    if (role === 0 || role === 101) {
      out.push(finding('warning', 'ROLE_DEPRECATED', 'role', `role ${role} is a 006 role; in 007 it gives join only. Use 1 (publisher) to publish`));
    } else out.push(finding('error', 'ROLE_UNKNOWN', 'role', `role must be 1 (publisher) or 2 (subscriber), got ${role}`));
  }
  checkExpiries(out, inputs.tokenExpire, inputs.privilegeExpire, 'tokenExpire');
  return out;
}

/**
 * Checks RTM inputs against Agora's documented rules (user id up to 64 bytes, lifetime up to 24 h).
 *
 * @param inputs - the values a token would be built from
 * @returns the findings, empty when everything follows the rules
 * @example
 * ```ts
 * checkRtmInputs({ userId: 'alice', expire: 3600 }); // []
 * ```
 */
export function checkRtmInputs(inputs: RtmInputs): Finding[] {
  const out: Finding[] = [];
  if (inputs.userId !== undefined) {
    const bytes = utf8Length(String(inputs.userId === 0 ? '' : inputs.userId));
    if (bytes === 0) out.push(finding('error', 'USER_ID_EMPTY', 'userId', 'RTM user id is empty'));
    if (bytes > LIMITS.rtmUserIdMaxBytes) {
      out.push(finding('error', 'USER_ID_TOO_LONG', 'userId', `RTM user id is ${bytes} bytes; at most 64 are allowed`));
    }
  }
  checkExpiries(out, inputs.expire, undefined, 'expire');
  return out;
}
