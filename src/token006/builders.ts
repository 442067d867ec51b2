import { TokenError } from '../errors.js';
import { randomSalt } from '../lib/random.js';
import { roleParam, timestampParam, userParam } from '../builders/params.js';
import { nowSeconds } from '../token007/encode.js';
import { privilegeMap } from '../token007/services.js';
import { privileges as Privileges, RtcRole } from './constants.js';
import { parse006 } from './decode.js';
import { encode006, TOKEN_LIFETIME_006 } from './encode.js';

/**
 * The optional last argument of every 006 builder: a fixed salt and token expiry, for reproducible
 * tokens in tests and golden vectors. Leave both unset in production.
 *
 * @deprecated Use `BuildOptions` from `agora-token-kit` (`issueTs`, `salt`) with the 007 builders.
 */
export interface BuildOptions006 {
  /** uint32; defaults to a fresh value from `crypto.getRandomValues` for every token. */
  salt?: number;
  /** Absolute Unix time (s) when the token expires; defaults to now + 24 h. */
  ts?: number;
}

const { kJoinChannel, kPublishAudioStream, kPublishVideoStream, kPublishDataStream, kRtmLogin } = Privileges;

function build(
  appId: string,
  appCertificate: string,
  channelName: string,
  uid: string | number,
  privileges: Map<number, number> | Record<number, number>,
  options: BuildOptions006 | undefined,
): string {
  return encode006({ version: '006', appId, appCertificate, channelName, uid, privileges, salt: options?.salt, ts: options?.ts });
}

const rtcPrivileges = (join: number, audio: number, video: number, data: number): Record<number, number> => ({
  [kJoinChannel]: join,
  [kPublishAudioStream]: audio,
  [kPublishVideoStream]: video,
  [kPublishDataStream]: data,
});

// The uid and account variants of each builder differ only in the user parameter's name, which
// errors use (../builders/params.ts).

function roleToken(
  appID: string,
  appCertificate: string,
  channelName: string,
  user: unknown,
  userName: 'uid' | 'account',
  role: number,
  privilegeExpiredTs: number,
  options: BuildOptions006 | undefined,
): string {
  const uid = userParam(user, userName);
  roleParam(role, 'role');
  const t = timestampParam(privilegeExpiredTs, 'privilegeExpiredTs');
  const publishes = role === RtcRole.ATTENDEE || role === RtcRole.PUBLISHER || role === RtcRole.ADMIN;
  const privileges = publishes ? rtcPrivileges(t, t, t, t) : { [kJoinChannel]: t };
  return build(appID, appCertificate, channelName, uid, privileges, options);
}

function privilegeToken(
  appID: string,
  appCertificate: string,
  channelName: string,
  user: unknown,
  userName: 'uid' | 'account',
  join: number,
  audio: number,
  video: number,
  data: number,
  options: BuildOptions006 | undefined,
): string {
  const privileges = rtcPrivileges(
    timestampParam(join, 'joinChannelPrivilegeExpiredTs'),
    timestampParam(audio, 'pubAudioPrivilegeExpiredTs'),
    timestampParam(video, 'pubVideoPrivilegeExpiredTs'),
    timestampParam(data, 'pubDataStreamPrivilegeExpiredTs'),
  );
  return build(appID, appCertificate, channelName, userParam(user, userName), privileges, options);
}

/**
 * A 006 token built privilege by privilege: a drop-in for `AccessToken` of `agora-access-token`
 * (module `src/AccessToken`), with its public `messages`, `salt` and `ts` fields and `fromString`.
 * Unlike that class, every instance draws its own salt from `crypto.getRandomValues` (the package
 * draws one per process), the certificate is not readable from the object, and bad input throws a
 * {@link index!TokenError} at `build()`.
 *
 * @deprecated Use `buildToken({ appId, appCertificate, expire, services })` from `agora-token-kit`
 *   (AccessToken2, with relative expiries).
 * @example
 * ```ts
 * import { AccessToken, privileges } from 'agora-token-kit/006';
 * const token = new AccessToken(appId, appCertificate, 'room', 42)
 *   .addPrivilege(privileges.kJoinChannel, expiresAt)
 *   .build();
 * ```
 */
export class AccessToken {
  /** The App ID the token is for; `fromString` sets it from the token. */
  appID: string;
  /** The channel (RTM tokens: the user account). */
  readonly channelName: string;
  /** The uid (0 = any uid) or account. */
  readonly uid: string | number;
  /** uint32 salt; drawn at construction unless given. */
  salt: number;
  /** Absolute Unix time (s) when the token expires; now + 24 h unless given. */
  ts: number;
  /**
   * Privilege id → absolute Unix time (s) when it ends, as in agora-access-token: `addPrivilege`
   * writes here, `build()` reads it, `fromString()` fills it.
   */
  messages: Record<number, number> = {};
  readonly #appCertificate: string;

  /**
   * @param appID - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the channel name
   * @param uid - uint32 uid (0 = any) or a string account
   * @param options - fixed salt and ts
   */
  constructor(appID: string, appCertificate: string, channelName: string, uid: string | number, options?: BuildOptions006) {
    this.appID = appID;
    this.#appCertificate = appCertificate;
    this.channelName = channelName;
    this.uid = uid;
    this.salt = options?.salt ?? randomSalt();
    this.ts = options?.ts ?? nowSeconds() + TOKEN_LIFETIME_006;
  }

  /**
   * Grants a privilege until an absolute time; granting it again replaces the time.
   *
   * @param privilege - a privilege id, e.g. {@link privileges}.kJoinChannel
   * @param expireTimestamp - Unix time (s) when the privilege ends
   * @returns this token, for chaining
   * @example
   * ```ts
   * token.addPrivilege(privileges.kPublishAudioStream, expiresAt);
   * ```
   */
  addPrivilege(privilege: number, expireTimestamp: number): this {
    this.messages[privilege] = expireTimestamp;
    return this;
  }

  /**
   * `agora-access-token`'s spelling of {@link AccessToken.addPrivilege}.
   *
   * @param privilege - a privilege id
   * @param expireTimestamp - Unix time (s) when the privilege ends
   * @returns this token, for chaining
   * @example
   * ```ts
   * token.addPriviledge(privileges.kJoinChannel, expiresAt);
   * ```
   */
  addPriviledge(privilege: number, expireTimestamp: number): this {
    return this.addPrivilege(privilege, expireTimestamp);
  }

  /**
   * Reads a 006 token into this object, as agora-access-token does: `appID`, `salt`, `ts` and
   * `messages` take the token's values. Nothing is verified (see `verifyToken`), and the channel
   * and uid stay as they were: the token holds only their checksums.
   *
   * @param token - a "006" token
   * @returns true if it was read; false, changing nothing, for anything that is not a well-formed
   *   006 token
   * @example
   * ```ts
   * const parsed = new AccessToken('', '', '', '');
   * if (parsed.fromString(token)) console.log(parsed.ts, parsed.messages[privileges.kJoinChannel]);
   * ```
   */
  fromString(token: string): boolean {
    if (typeof token !== 'string' || !token.startsWith('006')) return false;
    let decoded;
    try {
      decoded = parse006(token).decoded;
    } catch (e) {
      if (e instanceof TokenError) return false;
      throw e;
    }
    this.appID = decoded.appId;
    this.salt = decoded.salt;
    this.ts = decoded.ts;
    this.messages = { ...decoded.privileges };
    return true;
  }

  /**
   * Signs and encodes the token.
   *
   * @returns the "006" token
   * @throws {@link index!TokenError} for invalid ids, uid, salt, ts or messages
   * @example
   * ```ts
   * const token = new AccessToken(appId, appCertificate, 'room', 0).addPrivilege(1, expiresAt).build();
   * ```
   */
  build(): string {
    const privileges = privilegeMap(this.messages, 'messages');
    return build(this.appID, this.#appCertificate, this.channelName, this.uid, privileges, { salt: this.salt, ts: this.ts });
  }
}

/**
 * Builds RTC AccessToken ("006") tokens: a drop-in for `RtcTokenBuilder` of `agora-access-token`
 * with the same static methods and positional parameters, where `privilegeExpiredTs` is an absolute
 * Unix time. Differences: bad input (including invalid ids, which that package signs anyway) throws
 * a {@link index!TokenError}; the salt is fresh for every token; methods work detached from the class; each
 * takes an optional {@link BuildOptions006} last.
 *
 * @deprecated Use `RtcTokenBuilder` from `agora-token-kit` (AccessToken2); convert the expiry with
 *   `expiryFrom006`. See docs/upgrade-006-to-007.md.
 * @example
 * ```ts
 * import { RtcRole, RtcTokenBuilder } from 'agora-token-kit/006';
 * const expiresAt = Math.floor(Date.now() / 1000) + 3600;
 * const token = RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, RtcRole.PUBLISHER, expiresAt);
 * ```
 */
export class RtcTokenBuilder {
  /**
   * Builds an RTC token for a numeric uid (0 lets any uid join).
   *
   * @param appID - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the channel to join
   * @param uid - uint32 uid, 0 = any
   * @param role - {@link RtcRole}: ATTENDEE, PUBLISHER and ADMIN add the publish privileges
   * @param privilegeExpiredTs - Unix time (s) when the privileges end
   * @param options - fixed salt and ts
   * @returns the token
   * @throws {@link index!TokenError} for invalid ids, uid, role or timestamps
   * @deprecated Use `RtcTokenBuilder.buildTokenWithUid` from `agora-token-kit` with role PUBLISHER or
   *   SUBSCRIBER and relative `tokenExpire`/`privilegeExpire` (see `expiryFrom006`).
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, RtcRole.SUBSCRIBER, expiresAt);
   * ```
   */
  static buildTokenWithUid(
    appID: string,
    appCertificate: string,
    channelName: string,
    uid: number,
    role: number,
    privilegeExpiredTs: number,
    options?: BuildOptions006,
  ): string {
    return roleToken(appID, appCertificate, channelName, uid, 'uid', role, privilegeExpiredTs, options);
  }

  /**
   * Builds an RTC token for a user account (a number follows the uid rule).
   *
   * @param appID - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the channel to join
   * @param account - the user account
   * @param role - {@link RtcRole}: ATTENDEE, PUBLISHER and ADMIN add the publish privileges
   * @param privilegeExpiredTs - Unix time (s) when the privileges end
   * @param options - fixed salt and ts
   * @returns the token
   * @throws {@link index!TokenError} for invalid input
   * @deprecated Use `RtcTokenBuilder.buildTokenWithUserAccount` from `agora-token-kit`.
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, 'room', 'alice', RtcRole.PUBLISHER, expiresAt);
   * ```
   */
  static buildTokenWithAccount(
    appID: string,
    appCertificate: string,
    channelName: string,
    account: string | number,
    role: number,
    privilegeExpiredTs: number,
    options?: BuildOptions006,
  ): string {
    return roleToken(appID, appCertificate, channelName, account, 'account', role, privilegeExpiredTs, options);
  }

  /**
   * Builds an RTC token with one absolute expiry per privilege (join, publish audio, video, data).
   *
   * @param appID - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the channel to join
   * @param uid - uint32 uid, 0 = any
   * @param joinChannelPrivilegeExpiredTs - Unix time (s)
   * @param pubAudioPrivilegeExpiredTs - Unix time (s)
   * @param pubVideoPrivilegeExpiredTs - Unix time (s)
   * @param pubDataStreamPrivilegeExpiredTs - Unix time (s)
   * @param options - fixed salt and ts
   * @returns the token
   * @throws {@link index!TokenError} for invalid input
   * @deprecated Use `RtcTokenBuilder.buildTokenWithUidAndPrivilege` from `agora-token-kit` (relative
   *   seconds).
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, appCertificate, 'room', 42, expiresAt, expiresAt, 0, 0);
   * ```
   */
  static buildTokenWithUidAndPrivilege(
    appID: string,
    appCertificate: string,
    channelName: string,
    uid: number,
    joinChannelPrivilegeExpiredTs: number,
    pubAudioPrivilegeExpiredTs: number,
    pubVideoPrivilegeExpiredTs: number,
    pubDataStreamPrivilegeExpiredTs: number,
    options?: BuildOptions006,
  ): string {
    return privilegeToken(
      appID,
      appCertificate,
      channelName,
      uid,
      'uid',
      joinChannelPrivilegeExpiredTs,
      pubAudioPrivilegeExpiredTs,
      pubVideoPrivilegeExpiredTs,
      pubDataStreamPrivilegeExpiredTs,
      options,
    );
  }

  /**
   * Builds an RTC token for an account with one absolute expiry per privilege.
   *
   * @param appID - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the channel to join
   * @param account - the user account
   * @param joinChannelPrivilegeExpiredTs - Unix time (s)
   * @param pubAudioPrivilegeExpiredTs - Unix time (s)
   * @param pubVideoPrivilegeExpiredTs - Unix time (s)
   * @param pubDataStreamPrivilegeExpiredTs - Unix time (s)
   * @param options - fixed salt and ts
   * @returns the token
   * @throws {@link index!TokenError} for invalid input
   * @deprecated Use `RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege` from `agora-token-kit`
   *   (relative seconds).
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithAccountAndPrivilege(appId, appCertificate, 'room', 'alice', expiresAt, 0, 0, 0);
   * ```
   */
  static buildTokenWithAccountAndPrivilege(
    appID: string,
    appCertificate: string,
    channelName: string,
    account: string | number,
    joinChannelPrivilegeExpiredTs: number,
    pubAudioPrivilegeExpiredTs: number,
    pubVideoPrivilegeExpiredTs: number,
    pubDataStreamPrivilegeExpiredTs: number,
    options?: BuildOptions006,
  ): string {
    return privilegeToken(
      appID,
      appCertificate,
      channelName,
      account,
      'account',
      joinChannelPrivilegeExpiredTs,
      pubAudioPrivilegeExpiredTs,
      pubVideoPrivilegeExpiredTs,
      pubDataStreamPrivilegeExpiredTs,
      options,
    );
  }
}

/**
 * Builds RTM AccessToken ("006") tokens: a drop-in for `RtmTokenBuilder` of `agora-access-token`.
 * The account goes into the channel slot, the uid is empty, the privilege is 1000 (RTM login).
 *
 * @deprecated Use `RtmTokenBuilder.buildToken(appId, appCertificate, userId, expire)` from
 *   `agora-token-kit`: no role, and `expire` in seconds from now.
 * @example
 * ```ts
 * import { RtmRole, RtmTokenBuilder } from 'agora-token-kit/006';
 * const token = RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', RtmRole.Rtm_User, expiresAt);
 * ```
 */
export class RtmTokenBuilder {
  /**
   * Builds an RTM login token.
   *
   * @param appID - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param account - the RTM user account (a number follows the uid rule)
   * @param role - {@link RtmRole}.Rtm_User by convention, but anything is accepted and ignored, as by
   *   agora-access-token: no RTM token carries a role (Agora's own demo server passes the `RtmRole`
   *   object itself)
   * @param privilegeExpiredTs - Unix time (s) when the login privilege ends
   * @param options - fixed salt and ts
   * @returns the token
   * @throws {@link index!TokenError} for invalid input
   * @deprecated Use `RtmTokenBuilder.buildToken` from `agora-token-kit`.
   * @example
   * ```ts
   * RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', RtmRole.Rtm_User, expiresAt);
   * ```
   */
  static buildToken(
    appID: string,
    appCertificate: string,
    account: string | number,
    role: unknown,
    privilegeExpiredTs: number,
    options?: BuildOptions006,
  ): string {
    const ts = timestampParam(privilegeExpiredTs, 'privilegeExpiredTs');
    return build(appID, appCertificate, userParam(account, 'account'), '', { [kRtmLogin]: ts }, options);
  }
}
