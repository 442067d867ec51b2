import { md5 } from '@noble/hashes/legacy.js';
import { toHex, utf8Encode } from '../lib/bytes.js';
import { Privilege, ServiceType } from '../token007/constants.js';
import { build, type BuildOptions } from './options.js';
import { lifetimeParam, roomRoleParam, stringParam, userParam } from './params.js';

// APaaS "no role" (docs/format.md §2.3).
const NO_ROLE = -1;

/**
 * Builds APaaS (Flexible Classroom) tokens: a drop-in for `ApaasTokenBuilder` of `agora-token@2.0.6`,
 * following Agora's Go/C++/Python/Java references where that package differs: the room-user token
 * carries the RoomUser privilege (agora-token drops it) and role 0 stays 0 (agora-token turns it into
 * -1); the README's "What remains different, on purpose" lists these.
 *
 * @example
 * ```ts
 * import { ApaasTokenBuilder } from 'agora-token-kit';
 * const token = ApaasTokenBuilder.buildRoomUserToken(appId, appCertificate, 'room-1', 'alice', 1, 3600);
 * ```
 */
export class ApaasTokenBuilder {
  /**
   * Builds a room-user token: RTM login, Chat user (the MD5 of the user id) and APaaS room user.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param roomUuid - the room id
   * @param userUuid - the user id (a number follows the uid rule)
   * @param role - the user's role in the room, int16
   * @param expire - lifetime in seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * ApaasTokenBuilder.buildRoomUserToken(appId, cert, 'room-1', 'alice', 1, 3600);
   * ```
   */
  static buildRoomUserToken(
    appId: string,
    appCertificate: string,
    roomUuid: string,
    userUuid: string | number,
    role: number,
    expire: number,
    options?: BuildOptions,
  ): string {
    const userId = userParam(userUuid, 'userUuid');
    const lifetime = lifetimeParam(expire, 'expire');
    const room = stringParam(roomUuid, 'roomUuid');
    const services = [
      { type: ServiceType.Rtm, userId, privileges: { [Privilege.Rtm.Login]: lifetime } },
      { type: ServiceType.Chat, userId: toHex(md5(utf8Encode(userId))), privileges: { [Privilege.Chat.User]: lifetime } },
      { type: ServiceType.Apaas, roomUuid: room, userUuid: userId, role: roomRoleParam(role, 'role'), privileges: { [Privilege.Apaas.RoomUser]: lifetime } },
    ];
    return build(appId, appCertificate, lifetime, services, options);
  }

  /**
   * Builds an APaaS user token.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param userUuid - the user id
   * @param expire - lifetime in seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * ApaasTokenBuilder.buildUserToken(appId, cert, 'alice', 3600);
   * ```
   */
  static buildUserToken(appId: string, appCertificate: string, userUuid: string | number, expire: number, options?: BuildOptions): string {
    const lifetime = lifetimeParam(expire, 'expire');
    const service = { type: ServiceType.Apaas, roomUuid: '', userUuid: userParam(userUuid, 'userUuid'), role: NO_ROLE, privileges: { [Privilege.Apaas.User]: lifetime } };
    return build(appId, appCertificate, lifetime, [service], options);
  }

  /**
   * Builds an APaaS app token.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param expire - lifetime in seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * ApaasTokenBuilder.buildAppToken(appId, cert, 3600);
   * ```
   */
  static buildAppToken(appId: string, appCertificate: string, expire: number, options?: BuildOptions): string {
    const lifetime = lifetimeParam(expire, 'expire');
    const service = { type: ServiceType.Apaas, roomUuid: '', userUuid: '', role: NO_ROLE, privileges: { [Privilege.Apaas.App]: lifetime } };
    return build(appId, appCertificate, lifetime, [service], options);
  }
}

/**
 * Builds Education tokens: `EducationTokenBuilder` of agora-token, identical to
 * {@link ApaasTokenBuilder} in every reference.
 *
 * @example
 * ```ts
 * import { EducationTokenBuilder } from 'agora-token-kit';
 * const token = EducationTokenBuilder.buildUserToken(appId, appCertificate, 'alice', 3600);
 * ```
 */
export class EducationTokenBuilder extends ApaasTokenBuilder {}
