import { ServiceType } from '../token007/constants.js';
import { build, type BuildOptions } from './options.js';
import { lifetimeParam } from './params.js';
import { rtcRtmServices } from './rtc.js';

type RtcRtmArgs = [
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
];

// Both packages' builders are buildTokenWithRtm2 plus a bare marker service with no privileges.
function buildWithMarker(marker: 9 | 10, args: RtcRtmArgs): string {
  const [appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire, join, audio, video, data, rtmUserId, rtmExpire, options] = args;
  const services = [
    ...rtcRtmServices(channelName, rtcAccount, rtcRole, join, audio, video, data, rtmUserId, rtmExpire),
    { type: marker },
  ];
  return build(appId, appCertificate, lifetimeParam(rtcTokenExpire, 'rtcTokenExpire'), services, options);
}

/**
 * Builds Conversational AI agent tokens, as `ConvoAITokenBuilder` of `agora-token@2.0.6`: RTC and RTM
 * services plus a ConvoAI (type 9) marker. The parameters are those of
 * {@link RtcTokenBuilder.buildTokenWithRtm2}.
 *
 * @example
 * ```ts
 * import { ConvoAITokenBuilder } from 'agora-token-kit';
 * const token = ConvoAITokenBuilder.buildToken(appId, cert, 'room', 'agent', 1, 3600, 3600, 3600, 3600, 3600, 'agent', 3600);
 * ```
 */
export class ConvoAITokenBuilder {
  /**
   * Builds the token.
   *
   * @param args - as {@link RtcTokenBuilder.buildTokenWithRtm2}, then optional {@link BuildOptions}
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * ConvoAITokenBuilder.buildToken(appId, cert, 'room', 'agent', 1, 3600, 3600, 3600, 3600, 3600, 'agent', 3600);
   * ```
   */
  static buildToken(...args: RtcRtmArgs): string {
    return buildWithMarker(ServiceType.ConvoAI, args);
  }
}

/**
 * Builds speech-to-text agent tokens, as `SttTokenBuilder` of `agora-token@2.0.6`: RTC and RTM services
 * plus an STT (type 10) marker.
 *
 * @example
 * ```ts
 * import { SttTokenBuilder } from 'agora-token-kit';
 * const token = SttTokenBuilder.buildToken(appId, cert, 'room', 'stt', 2, 3600, 3600, 0, 0, 0, 'stt', 3600);
 * ```
 */
export class SttTokenBuilder {
  /**
   * Builds the token.
   *
   * @param args - as {@link RtcTokenBuilder.buildTokenWithRtm2}, then optional {@link BuildOptions}
   * @returns the token
   * @throws {@link TokenError} for invalid input
   * @example
   * ```ts
   * SttTokenBuilder.buildToken(appId, cert, 'room', 'stt', 2, 3600, 3600, 0, 0, 0, 'stt', 3600);
   * ```
   */
  static buildToken(...args: RtcRtmArgs): string {
    return buildWithMarker(ServiceType.Stt, args);
  }
}
