import { Privilege, ServiceType } from '../token007/constants.js';
import { build, type BuildOptions } from './options.js';
import { lifetimeParam, userParam } from './params.js';

/**
 * Builds Chat tokens (AccessToken2): a drop-in for `ChatTokenBuilder` of `agora-token@2.0.6`.
 *
 * @example
 * ```ts
 * import { ChatTokenBuilder } from 'agora-token-kit';
 * const token = ChatTokenBuilder.buildUserToken(appId, appCertificate, 'alice', 3600);
 * ```
 */
export class ChatTokenBuilder {
  /**
   * Builds a Chat user token.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param userId - the chat user id (a number follows the uid rule)
   * @param expire - lifetime in seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * ChatTokenBuilder.buildUserToken(appId, cert, 'alice', 3600);
   * ```
   */
  static buildUserToken(appId: string, appCertificate: string, userId: string | number, expire: number, options?: BuildOptions): string {
    const lifetime = lifetimeParam(expire, 'expire');
    const service = { type: ServiceType.Chat, userId: userParam(userId, 'userId'), privileges: { [Privilege.Chat.User]: lifetime } };
    return build(appId, appCertificate, lifetime, [service], options);
  }

  /**
   * Builds a Chat app (administrator) token.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param expire - lifetime in seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * ChatTokenBuilder.buildAppToken(appId, cert, 3600);
   * ```
   */
  static buildAppToken(appId: string, appCertificate: string, expire: number, options?: BuildOptions): string {
    const lifetime = lifetimeParam(expire, 'expire');
    const service = { type: ServiceType.Chat, userId: '', privileges: { [Privilege.Chat.App]: lifetime } };
    return build(appId, appCertificate, lifetime, [service], options);
  }
}
