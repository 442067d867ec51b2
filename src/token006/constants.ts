/**
 * AccessToken ("006") privilege ids, named as in `agora-access-token` (module
 * `src/AccessToken`, exported there as `priviledges`). 1–4 and 1000 are used by the builders; 101 is
 * the C++ reference's admin privilege; 5–12 are listed by that package but used by no builder.
 *
 * @deprecated AccessToken2 scopes privileges by service: use `Privilege` from `agora-token-kit`
 *   (e.g. `Privilege.Rtc.JoinChannel`, `Privilege.Rtm.Login`).
 * @example
 * ```ts
 * import { AccessToken, privileges } from 'agora-token-kit/006';
 * new AccessToken(appId, appCertificate, 'room', 42).addPrivilege(privileges.kJoinChannel, expiresAt).build();
 * ```
 */
export const privileges = {
  kJoinChannel: 1,
  kPublishAudioStream: 2,
  kPublishVideoStream: 3,
  kPublishDataStream: 4,
  kPublishAudiocdn: 5,
  kPublishVideoCdn: 6,
  kRequestPublishAudioStream: 7,
  kRequestPublishVideoStream: 8,
  kRequestPublishDataStream: 9,
  kInvitePublishAudioStream: 10,
  kInvitePublishVideoStream: 11,
  kInvitePublishDataStream: 12,
  kAdministrateChannel: 101,
  kRtmLogin: 1000,
} as const;

/**
 * A 006 RTC role: one of the values of {@link RtcRole}. The builders take any number.
 *
 * @deprecated Use `RtcRole` from `agora-token-kit`.
 */
export type RtcRole = 0 | 1 | 2 | 101;

/**
 * 006 RTC roles, as `RtcRole` of `agora-access-token`. ATTENDEE, PUBLISHER and ADMIN all receive the
 * publish privileges; SUBSCRIBER and any other value join only. Each member is typed as the
 * {@link RtcRole} union, so that a variable holding one role can be given another.
 *
 * @deprecated Use `RtcRole` from `agora-token-kit`, which keeps only PUBLISHER (1) and SUBSCRIBER (2):
 *   ATTENDEE and ADMIN become PUBLISHER.
 * @example
 * ```ts
 * import { RtcRole, RtcTokenBuilder } from 'agora-token-kit/006';
 * RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, 'room', 42, RtcRole.PUBLISHER, expiresAt);
 * ```
 */
export const RtcRole: { readonly ATTENDEE: RtcRole; readonly PUBLISHER: RtcRole; readonly SUBSCRIBER: RtcRole; readonly ADMIN: RtcRole } = {
  ATTENDEE: 0,
  PUBLISHER: 1,
  SUBSCRIBER: 2,
  ADMIN: 101,
};

/**
 * 006 RTM roles, as `RtmRole` of `agora-access-token`. The builder accepts any role argument and
 * ignores it.
 *
 * @deprecated `RtmTokenBuilder.buildToken` of `agora-token-kit` has no role parameter.
 * @example
 * ```ts
 * import { RtmRole, RtmTokenBuilder } from 'agora-token-kit/006';
 * RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', RtmRole.Rtm_User, expiresAt);
 * ```
 */
export const RtmRole = { Rtm_User: 1 } as const;
