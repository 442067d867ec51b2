import { createTokenRenewer } from '../renewer.js';
import type { AdapterOptions, TokenSession } from './options.js';

/**
 * The part of agora-rtc-sdk-ng's `IAgoraRTCClient` that {@link joinRtcWithToken} uses: pass the
 * client from `AgoraRTC.createClient()`.
 */
export interface RtcClientLike {
  /** `'DISCONNECTED'` after the SDK left on `token-privilege-did-expire`: the rejoin test. */
  readonly connectionState: string;
  /** Joins with the first token, and again after expiry; resolves with the uid. */
  join(appid: string, channel: string, token: string | null, uid?: number | string | null): Promise<number | string>;
  /** Takes a renewed token while connected. */
  renewToken(token: string): Promise<void>;
  /** Called by `session.leave()`. */
  leave(): Promise<void>;
  /** Registers the two token listeners. */
  on(event: 'token-privilege-will-expire' | 'token-privilege-did-expire', listener: () => void): void;
  /** Removes them on `session.stop()`. */
  off(event: 'token-privilege-will-expire' | 'token-privilege-did-expire', listener: () => void): void;
}

/** Options of {@link joinRtcWithToken}. */
export interface JoinRtcOptions extends AdapterOptions {
  /** The App ID passed to `client.join`. */
  appId: string;
  /** The channel to join. */
  channel: string;
  /** The uid to join with; null or absent lets Agora assign one (the token must then be for uid 0). */
  uid?: number | string | null;
}

/** A joined RTC channel whose token is kept renewed, from {@link joinRtcWithToken}. */
export interface RtcTokenSession extends TokenSession {
  /** The uid that `client.join` resolved with; a rejoin after expiry uses it again. */
  readonly uid: number | string;
  /** Stops renewing, then leaves the channel (`client.leave()`). */
  leave(): Promise<void>;
}

const ignore = (): void => {};

/**
 * Joins an RTC channel with a fetched token and keeps the token valid, as Agora's guide describes:
 * `client.renewToken` on `token-privilege-will-expire` and on the renewer's own schedule, and a
 * fresh token and a new `client.join` on `token-privilege-did-expire` (the SDK has left by then).
 *
 * @param client - an agora-rtc-sdk-ng client (`IAgoraRTCClient`)
 * @param options - `appId`, `channel`, `uid`, `fetchToken`, and the renewer's options
 * @returns the session once joined
 * @throws (rejects) what `start()` of {@link createTokenRenewer} rejects with, e.g.
 *   `ERR_TOKEN_APPLY_FAILED` with the SDK's join error as `cause`
 * @example
 * ```ts
 * import AgoraRTC from 'agora-rtc-sdk-ng';
 * import { joinRtcWithToken } from 'agora-token-kit/client';
 * const client = AgoraRTC.createClient({ mode: 'rtc', codec: 'vp8' });
 * const session = await joinRtcWithToken(client, {
 *   appId, channel: 'room', uid: 42,
 *   fetchToken: async ({ signal }) => (await (await fetch('/token', { signal })).json()).token,
 * });
 * // … later
 * await session.leave();
 * ```
 */
export async function joinRtcWithToken(client: RtcClientLike, options: JoinRtcOptions): Promise<RtcTokenSession> {
  if (typeof client?.join !== 'function') throw new TypeError('"client" must be an agora-rtc-sdk-ng client (IAgoraRTCClient)');
  const { appId, channel, uid: requestedUid, onTokenApplied, ...renewerOptions } = options;
  let uid: number | string | null = requestedUid ?? null;
  const renewer = createTokenRenewer({
    ...renewerOptions,
    async applyToken(token, reason) {
      if (reason === 'initial' || (reason === 'expired' && client.connectionState === 'DISCONNECTED')) {
        uid = await client.join(appId, channel, token, uid);
      } else {
        await client.renewToken(token);
      }
      onTokenApplied?.(token, reason);
    },
  });
  await renewer.start();
  const willExpire = (): void => void renewer.renewNow().catch(ignore);
  const didExpire = (): void => void renewer.renewNow('expired').catch(ignore);
  client.on('token-privilege-will-expire', willExpire);
  client.on('token-privilege-did-expire', didExpire);
  const stop = (): void => {
    client.off('token-privilege-will-expire', willExpire);
    client.off('token-privilege-did-expire', didExpire);
    renewer.stop();
  };
  return {
    get uid() {
      return uid as number | string;
    },
    renewer,
    stop,
    async leave() {
      stop();
      await client.leave();
    },
  };
}
