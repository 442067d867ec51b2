import { TokenError } from '../errors.js';
import { Privilege, Rtm2PermissionType, Rtm2ResourceType, ServiceType } from '../token007/constants.js';
import type { Rtm2PermissionEntry } from '../token007/services.js';
import { build, type BuildOptions } from './options.js';
import { lifetimeParam, userParam } from './params.js';

/**
 * RTM2 permissions, as `Rtm2Permissions` of agora-token: `add()` sets (replaces) the resource list of
 * one (resource type, permission type) pair.
 *
 * @example
 * ```ts
 * const perms = new Rtm2Permissions();
 * perms.add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['lobby']);
 * RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', perms, 3600);
 * ```
 */
export class Rtm2Permissions {
  // Getters, not static fields: a static initializer that reads a property counts as a side effect
  // to bundlers, which would then keep this class (and the encoder) in decode-only bundles. Typed
  // `number`, as agora-token types them, so that one variable can hold either of two values.
  static get kMessageChannels(): number {
    return Rtm2ResourceType.MessageChannels;
  }
  static get kStreamChannels(): number {
    return Rtm2ResourceType.StreamChannels;
  }
  static get kGroupChannels(): number {
    return Rtm2ResourceType.GroupChannels;
  }
  static get kServerGroups(): number {
    return Rtm2ResourceType.ServerGroups;
  }
  static get kUsers(): number {
    return Rtm2ResourceType.Users;
  }
  static get kRead(): number {
    return Rtm2PermissionType.Read;
  }
  static get kWrite(): number {
    return Rtm2PermissionType.Write;
  }

  /** resource type → permission type → resource names, as in agora-token. */
  details: { [resourceType: number]: { [permissionType: number]: string[] } } = {};

  /**
   * Sets the resources one permission applies to, replacing an earlier list for the same pair.
   *
   * @param resourceType - e.g. {@link Rtm2Permissions.kStreamChannels}
   * @param permissionType - {@link Rtm2Permissions.kRead} or {@link Rtm2Permissions.kWrite}
   * @param resources - resource names, kept in this order
   * @throws {@link TokenError} when `resources` is not a list (agora-token splits a string into characters)
   * @example
   * ```ts
   * perms.add(Rtm2Permissions.kUsers, Rtm2Permissions.kWrite, ['bob']);
   * ```
   */
  add(resourceType: number, permissionType: number, resources: readonly string[]): void {
    if (!Array.isArray(resources)) {
      throw new TokenError('ERR_INVALID_ARGUMENT', '"resources" must be a list of resource names');
    }
    (this.details[resourceType] ??= {})[permissionType] = [...resources];
  }

  /**
   * The grants as a list, the shape `buildToken` takes and `decodeToken` returns.
   *
   * @returns one entry per (resource type, permission type) pair
   * @example
   * ```ts
   * perms.entries(); // [{ resourceType: 0, permissionType: 0, resources: ['lobby'] }]
   * ```
   */
  entries(): Rtm2PermissionEntry[] {
    return Object.entries(this.details).flatMap(([resourceType, byPermission]) =>
      Object.entries(byPermission).map(([permissionType, resources]) => ({
        resourceType: Number(resourceType),
        permissionType: Number(permissionType),
        resources,
      })),
    );
  }
}

/**
 * Builds RTM tokens (AccessToken2): a drop-in for `RtmTokenBuilder` of `agora-token@2.0.6`.
 *
 * @example
 * ```ts
 * import { RtmTokenBuilder } from 'agora-token-kit';
 * const token = RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', 3600);
 * ```
 */
export class RtmTokenBuilder {
  /**
   * Builds an RTM login token.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param userId - the RTM user id (a number follows the uid rule)
   * @param expire - token and login lifetime, seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * RtmTokenBuilder.buildToken(appId, cert, 'alice', 3600);
   * ```
   */
  static buildToken(appId: string, appCertificate: string, userId: string | number, expire: number, options?: BuildOptions): string {
    const lifetime = lifetimeParam(expire, 'expire');
    const service = { type: ServiceType.Rtm, userId: userParam(userId, 'userId'), privileges: { [Privilege.Rtm.Login]: lifetime } };
    return build(appId, appCertificate, lifetime, [service], options);
  }

  /**
   * Builds an RTM token with resource permissions (service type 8, a special interface that Agora
   * must enable for the project).
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param userId - the RTM user id
   * @param permissions - an {@link Rtm2Permissions}, or its entries as a list; null/undefined = none
   * @param expire - token and login lifetime, seconds
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * RtmTokenBuilder.buildTokenWithPermissions(appId, cert, 'alice', [{ resourceType: 0, permissionType: 0, resources: ['lobby'] }], 3600);
   * ```
   */
  static buildTokenWithPermissions(
    appId: string,
    appCertificate: string,
    userId: string | number,
    permissions: Rtm2Permissions | readonly Rtm2PermissionEntry[] | null | undefined,
    expire: number,
    options?: BuildOptions,
  ): string {
    const list = permissions instanceof Rtm2Permissions ? permissions.entries() : (permissions ?? []);
    const lifetime = lifetimeParam(expire, 'expire');
    const service = { type: ServiceType.Rtm2, userId: userParam(userId, 'userId'), permissions: list, privileges: { [Privilege.Rtm2.Login]: lifetime } };
    return build(appId, appCertificate, lifetime, [service], options);
  }
}
