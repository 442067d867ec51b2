/**
 * AccessToken2 service types (docs/format.md §2.3). 9 and 10 exist only in `agora-token@2.0.6`.
 *
 * @example
 * ```ts
 * import { ServiceType } from 'agora-token-kit';
 * decodeToken(token).services.filter((s) => s.type === ServiceType.Rtc);
 * ```
 */
export const ServiceType = {
  Rtc: 1,
  Rtm: 2,
  Streaming: 3,
  Fpa: 4,
  Chat: 5,
  FCdn: 6,
  Apaas: 7,
  Rtm2: 8,
  ConvoAI: 9,
  Stt: 10,
} as const;

/**
 * Privilege ids per service (docs/format.md §2.5). Ids are scoped by service: `Rtm.Login` and
 * `Rtc.JoinChannel` are both 1.
 *
 * @example
 * ```ts
 * import { Privilege, ServiceType, buildToken } from 'agora-token-kit';
 * buildToken({ appId, appCertificate, expire: 600, services: [
 *   { type: ServiceType.Rtc, channelName: 'room', uid: 42, privileges: { [Privilege.Rtc.JoinChannel]: 600 } },
 * ] });
 * ```
 */
export const Privilege = {
  Rtc: { JoinChannel: 1, PublishAudioStream: 2, PublishVideoStream: 3, PublishDataStream: 4 },
  Rtm: { Login: 1 },
  Streaming: { PublishMixStream: 1, PublishRawStream: 2 },
  Fpa: { Login: 1 },
  Chat: { User: 1, App: 2 },
  FCdn: { Publish: 1, Play: 2 },
  Apaas: { RoomUser: 1, User: 2, App: 3 },
  Rtm2: { Login: 1 },
} as const;

/**
 * RTM2 resource types (docs/format.md §2.4).
 *
 * @example
 * ```ts
 * const entry = { resourceType: Rtm2ResourceType.StreamChannels, permissionType: Rtm2PermissionType.Write, resources: ['s1'] };
 * ```
 */
export const Rtm2ResourceType = {
  MessageChannels: 0,
  StreamChannels: 1,
  GroupChannels: 2,
  ServerGroups: 3,
  Users: 4,
} as const;

/**
 * RTM2 permission types (docs/format.md §2.4).
 *
 * @example
 * ```ts
 * const readOnly = { resourceType: Rtm2ResourceType.Users, permissionType: Rtm2PermissionType.Read, resources: ['peer'] };
 * ```
 */
export const Rtm2PermissionType = { Read: 0, Write: 1 } as const;
