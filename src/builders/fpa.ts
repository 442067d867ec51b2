import { Privilege, ServiceType } from '../token007/constants.js';
import { build, type BuildOptions } from './options.js';

// Fixed by every reference: the token lives 24 hours and the login privilege value is 0.
const FPA_TOKEN_EXPIRE = 86_400;

/**
 * Builds FPA (Flexible Path Acceleration) tokens: a drop-in for `FpaTokenBuilder` of `agora-token@2.0.6`.
 *
 * @example
 * ```ts
 * import { FpaTokenBuilder } from 'agora-token-kit';
 * const token = FpaTokenBuilder.buildToken(appId, appCertificate);
 * ```
 */
export class FpaTokenBuilder {
  /**
   * Builds an FPA token valid for 24 hours.
   *
   * @param appId - the 32-hex-character App ID
   * @param appCertificate - the 32-hex-character App Certificate
   * @param options - fixed issueTs/salt
   * @returns the token
   * @throws {@link TokenError} for invalid credentials
   * @example
   * ```ts
   * FpaTokenBuilder.buildToken(appId, cert);
   * ```
   */
  static buildToken(appId: string, appCertificate: string, options?: BuildOptions): string {
    const service = { type: ServiceType.Fpa, privileges: { [Privilege.Fpa.Login]: 0 } };
    return build(appId, appCertificate, FPA_TOKEN_EXPIRE, [service], options);
  }
}
