import { Privilege, ServiceType } from '../token007/constants.js';
import type { RtcServiceSpec, RtmServiceSpec, ServiceSpec } from '../token007/services.js';
import { build, type BuildOptions } from './options.js';
import { lifetimeParam, roleParam, stringParam, userParam } from './params.js';

/**
 * An RTC role of AccessToken2: one of the values of {@link RtcRole}. The builders take any number.
 */
export type RtcRole = 1 | 2;

/**
 * RTC roles of AccessToken2. Only `PUBLISHER` (1) receives the publish privileges; any other value,
 * including the 006 roles ATTENDEE (0) and ADMIN (101), gives a join-only token. Each member is
 * typed as the {@link RtcRole} union, not its own literal, so that a variable holding one role can
 * be given the other, as with agora-token's `number`.
 *
 * @example
 * ```ts
 * let role = RtcRole.SUBSCRIBER;
 * if (isHost) role = RtcRole.PUBLISHER;
 * RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, role, 3600, 3600);
 * ```
 */
export const RtcRole: { readonly PUBLISHER: RtcRole; readonly SUBSCRIBER: RtcRole } = { PUBLISHER: 1, SUBSCRIBER: 2 };

/** Parameters already checked by the caller (./params.ts). */
function rtcService(channelName: string, uid: string, role: number, join: number, audio: number, video: number, data: number): RtcServiceSpec {
  // Read here rather than destructured at module level: a top-level property read counts as a side
  // effect to bundlers, which would then keep every builder in a decode-only bundle.
  const { JoinChannel, PublishAudioStream, PublishVideoStream, PublishDataStream } = Privilege.Rtc;
  const privileges: Record<number, number> =
    role === RtcRole.PUBLISHER
      ? { [JoinChannel]: join, [PublishAudioStream]: audio, [PublishVideoStream]: video, [PublishDataStream]: data }
      : { [JoinChannel]: join };
  return { type: ServiceType.Rtc, channelName, uid, privileges };
}

const rtmService = (userId: string, expire: number): RtmServiceSpec => ({
  type: ServiceType.Rtm,
  userId,
  privileges: { [Privilege.Rtm.Login]: expire },
});

/**
 * The services of `buildTokenWithRtm2` (RTC with per-privilege expiries, RTM), which the ConvoAI and
 * STT builders extend.
 */
export function rtcRtmServices(
  channelName: string,
  rtcAccount: string | number,
  rtcRole: number,
  joinChannelPrivilegeExpire: number,
  pubAudioPrivilegeExpire: number,
  pubVideoPrivilegeExpire: number,
  pubDataStreamPrivilegeExpire: number,
  rtmUserId: string | number,
  rtmTokenExpire: number,
): ServiceSpec[] {
  return [
    rtcService(
      stringParam(channelName, 'channelName'),
      userParam(rtcAccount, 'rtcAccount'),
      roleParam(rtcRole, 'rtcRole'),
      lifetimeParam(joinChannelPrivilegeExpire, 'joinChannelPrivilegeExpire'),
      lifetimeParam(pubAudioPrivilegeExpire, 'pubAudioPrivilegeExpire'),
      lifetimeParam(pubVideoPrivilegeExpire, 'pubVideoPrivilegeExpire'),
      lifetimeParam(pubDataStreamPrivilegeExpire, 'pubDataStreamPrivilegeExpire'),
    ),
    rtmService(userParam(rtmUserId, 'rtmUserId'), lifetimeParam(rtmTokenExpire, 'rtmTokenExpire')),
  ];
}

/** buildTokenWithUid and buildTokenWithUserAccount, which differ only in the user parameter's name. */
function roleToken(
  appId: string,
  appCertificate: string,
  channelName: string,
  user: unknown,
  userName: 'uid' | 'account',
  role: number,
  tokenExpire: number,
  privilegeExpire: number,
  options: BuildOptions | undefined,
): string {
  const p = lifetimeParam(privilegeExpire, 'privilegeExpire');
  const service = rtcService(stringParam(channelName, 'channelName'), userParam(user, userName), roleParam(role, 'role'), p, p, p, p);
  return build(appId, appCertificate, lifetimeParam(tokenExpire, 'tokenExpire'), [service], options);
}

/** The two buildToken…AndPrivilege methods, which differ only in the user parameter's name. */
function privilegeToken(
  appId: string,
  appCertificate: string,
  channelName: string,
  user: unknown,
  userName: 'uid' | 'account',
  tokenExpire: number,
  join: number,
  audio: number,
  video: number,
  data: number,
  options: BuildOptions | undefined,
): string {
  const service = rtcService(
    stringParam(channelName, 'channelName'),
    userParam(user, userName),
    RtcRole.PUBLISHER,
    lifetimeParam(join, 'joinChannelPrivilegeExpire'),
    lifetimeParam(audio, 'pubAudioPrivilegeExpire'),
    lifetimeParam(video, 'pubVideoPrivilegeExpire'),
    lifetimeParam(data, 'pubDataStreamPrivilegeExpire'),
  );
  return build(appId, appCertificate, lifetimeParam(tokenExpire, 'tokenExpire'), [service], options);
}

/**
 * Builds RTC tokens (AccessToken2, "007"): a drop-in for `RtcTokenBuilder` of `agora-token@2.0.6`,
 * with the same static methods and positional parameters. Expiries are seconds after now.
 * Differences: bad input throws a {@link TokenError} instead of returning "" or packing "undefined";
 * the salt comes from `crypto.getRandomValues`; methods work detached from the class; each takes an
 * optional {@link BuildOptions} last.
 *
 * @example
 * ```ts
 * import { RtcTokenBuilder, RtcRole } from 'agora-token-kit';
 * const token = RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, RtcRole.PUBLISHER, 3600, 3600);
 * ```
 */
export class RtcTokenBuilder {
  /**
   * Builds an RTC token for a numeric uid (0 lets any uid join) or a string account.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the channel to join
   * @param uid - uint32 uid, 0 = any; a string is used as an account
   * @param role - {@link RtcRole}: 1 adds the publish privileges
   * @param tokenExpire - token lifetime in seconds
   * @param privilegeExpire - privilege lifetime in seconds (default 0, as agora-token)
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid credentials, uid, role or expiries
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithUid(appId, cert, 'room', 42, RtcRole.PUBLISHER, 3600, 3600);
   * ```
   */
  static buildTokenWithUid(
    appId: string,
    appCertificate: string,
    channelName: string,
    uid: string | number,
    role: number,
    tokenExpire: number,
    privilegeExpire: number = 0,
    options?: BuildOptions,
  ): string {
    return roleToken(appId, appCertificate, channelName, uid, 'uid', role, tokenExpire, privilegeExpire, options);
  }

  /**
   * Builds an RTC token for a user account (string; a number follows the uid rule).
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the channel to join
   * @param account - the user account
   * @param role - {@link RtcRole}: 1 adds the publish privileges
   * @param tokenExpire - token lifetime in seconds
   * @param privilegeExpire - privilege lifetime in seconds (default 0)
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, 'room', 'alice', RtcRole.SUBSCRIBER, 3600, 3600);
   * ```
   */
  static buildTokenWithUserAccount(
    appId: string,
    appCertificate: string,
    channelName: string,
    account: string | number,
    role: number,
    tokenExpire: number,
    privilegeExpire: number = 0,
    options?: BuildOptions,
  ): string {
    return roleToken(appId, appCertificate, channelName, account, 'account', role, tokenExpire, privilegeExpire, options);
  }

  /**
   * Builds an RTC token with one expiry per privilege (join, publish audio, video, data), no role.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the channel to join
   * @param uid - uint32 uid, 0 = any; a string is used as an account
   * @param tokenExpire - token lifetime in seconds
   * @param joinChannelPrivilegeExpire - seconds
   * @param pubAudioPrivilegeExpire - seconds
   * @param pubVideoPrivilegeExpire - seconds
   * @param pubDataStreamPrivilegeExpire - seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, 'room', 42, 3600, 3600, 600, 600, 600);
   * ```
   */
  static buildTokenWithUidAndPrivilege(
    appId: string,
    appCertificate: string,
    channelName: string,
    uid: string | number,
    tokenExpire: number,
    joinChannelPrivilegeExpire: number,
    pubAudioPrivilegeExpire: number,
    pubVideoPrivilegeExpire: number,
    pubDataStreamPrivilegeExpire: number,
    options?: BuildOptions,
  ): string {
    return privilegeToken(
      appId,
      appCertificate,
      channelName,
      uid,
      'uid',
      tokenExpire,
      joinChannelPrivilegeExpire,
      pubAudioPrivilegeExpire,
      pubVideoPrivilegeExpire,
      pubDataStreamPrivilegeExpire,
      options,
    );
  }

  /**
   * Builds an RTC token for an account with one expiry per privilege. Spelled with a capital B as in
   * agora-token; {@link RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege} is the same method.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the channel to join
   * @param account - the user account
   * @param tokenExpire - token lifetime in seconds
   * @param joinChannelPrivilegeExpire - seconds
   * @param pubAudioPrivilegeExpire - seconds
   * @param pubVideoPrivilegeExpire - seconds
   * @param pubDataStreamPrivilegeExpire - seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(appId, cert, 'room', 'alice', 3600, 3600, 0, 0, 0);
   * ```
   */
  static BuildTokenWithUserAccountAndPrivilege(
    appId: string,
    appCertificate: string,
    channelName: string,
    account: string | number,
    tokenExpire: number,
    joinChannelPrivilegeExpire: number,
    pubAudioPrivilegeExpire: number,
    pubVideoPrivilegeExpire: number,
    pubDataStreamPrivilegeExpire: number,
    options?: BuildOptions,
  ): string {
    return privilegeToken(
      appId,
      appCertificate,
      channelName,
      account,
      'account',
      tokenExpire,
      joinChannelPrivilegeExpire,
      pubAudioPrivilegeExpire,
      pubVideoPrivilegeExpire,
      pubDataStreamPrivilegeExpire,
      options,
    );
  }

  /**
   * Lower-camel alias of {@link RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege}, same parameters.
   * A method rather than a static field copy: bundlers cannot drop a class whose static
   * initializer reads a property, so a field would keep this builder in decode-only bundles.
   *
   * @param args - as {@link RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege}
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege(appId, cert, 'room', 'alice', 3600, 3600, 0, 0, 0);
   * ```
   */
  static buildTokenWithUserAccountAndPrivilege(
    ...args: Parameters<typeof RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege>
  ): string {
    return RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(...args);
  }

  /**
   * Builds a token for RTC and RTM with one account; the RTM login lasts `tokenExpire`.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the RTC channel
   * @param account - the RTC account and RTM user id
   * @param role - {@link RtcRole}
   * @param tokenExpire - token lifetime and RTM login lifetime, seconds
   * @param privilegeExpire - RTC privilege lifetime, seconds (default 0)
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithRtm(appId, cert, 'room', 'alice', RtcRole.PUBLISHER, 3600, 3600);
   * ```
   */
  static buildTokenWithRtm(
    appId: string,
    appCertificate: string,
    channelName: string,
    account: string | number,
    role: number,
    tokenExpire: number,
    privilegeExpire: number = 0,
    options?: BuildOptions,
  ): string {
    const user = userParam(account, 'account');
    const expire = lifetimeParam(tokenExpire, 'tokenExpire');
    const p = lifetimeParam(privilegeExpire, 'privilegeExpire');
    const services = [rtcService(stringParam(channelName, 'channelName'), user, roleParam(role, 'role'), p, p, p, p), rtmService(user, expire)];
    return build(appId, appCertificate, expire, services, options);
  }

  /**
   * Builds a token for RTC and RTM with separate accounts and one expiry per privilege.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param channelName - the RTC channel
   * @param rtcAccount - the RTC uid or account
   * @param rtcRole - {@link RtcRole}: 1 adds the publish privileges
   * @param rtcTokenExpire - token lifetime, seconds
   * @param joinChannelPrivilegeExpire - seconds
   * @param pubAudioPrivilegeExpire - seconds
   * @param pubVideoPrivilegeExpire - seconds
   * @param pubDataStreamPrivilegeExpire - seconds
   * @param rtmUserId - the RTM user id
   * @param rtmTokenExpire - RTM login lifetime, seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * RtcTokenBuilder.buildTokenWithRtm2(appId, cert, 'room', 'alice', 1, 3600, 3600, 3600, 3600, 3600, 'alice-rtm', 3600);
   * ```
   */
  static buildTokenWithRtm2(
    appId: string,
    appCertificate: string,
    channelName: string,
    rtcAccount: string | number,
    rtcRole: number,
    rtcTokenExpire: number,
    joinChannelPrivilegeExpire: number,
    pubAudioPrivilegeExpire: number,
    pubVideoPrivilegeExpire: number,
    pubDataStreamPrivilegeExpire: number,
    rtmUserId: string | number,
    rtmTokenExpire: number,
    options?: BuildOptions,
  ): string {
    const services = rtcRtmServices(
      channelName,
      rtcAccount,
      rtcRole,
      joinChannelPrivilegeExpire,
      pubAudioPrivilegeExpire,
      pubVideoPrivilegeExpire,
      pubDataStreamPrivilegeExpire,
      rtmUserId,
      rtmTokenExpire,
    );
    return build(appId, appCertificate, lifetimeParam(rtcTokenExpire, 'rtcTokenExpire'), services, options);
  }
}
