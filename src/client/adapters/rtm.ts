import { createTokenRenewer } from '../renewer.js';
import type { AdapterOptions, TokenSession } from './options.js';

/** The fields of agora-rtm-sdk's `linkState` event that {@link loginRtmWithToken} reads. */
export interface RtmLinkStateLike {
  /** The new link state, e.g. `'FAILED'`. */
  currentState: string;
  /** Why it changed; `'TOKEN_EXPIRED'` makes the session log in again with a fresh token. */
  reasonCode: string;
}

/**
 * The part of agora-rtm-sdk 2.x's `RTMClient` that {@link loginRtmWithToken} uses: pass the client
 * from `new AgoraRTM.RTM(appId, userId)`.
 */
export interface RtmClientLike {
  /** Logs in with the first token, and again after `TOKEN_EXPIRED`. */
  login(options?: { token?: string }): Promise<unknown>;
  /** Called by `session.logout()`. */
  logout(): Promise<unknown>;
  /** Takes a renewed login token. */
  renewToken(token: string): Promise<unknown>;
  /** Registers the token warning listener. */
  addEventListener(event: 'tokenPrivilegeWillExpire', listener: (channelName: string) => void): void;
  /** Registers the link state listener, which reports an expired token. */
  addEventListener(event: 'linkState', listener: (event: RtmLinkStateLike) => void): void;
  /** Removes the token warning listener on `session.stop()`. */
  removeEventListener(event: 'tokenPrivilegeWillExpire', listener: (channelName: string) => void): void;
  /** Removes the link state listener on `session.stop()`. */
  removeEventListener(event: 'linkState', listener: (event: RtmLinkStateLike) => void): void;
}

/** Options of {@link loginRtmWithToken}: the renewer's, with the RTM calls in place of `applyToken`. */
export type LoginRtmOptions = AdapterOptions;

/** A logged-in RTM client whose token is kept renewed, from {@link loginRtmWithToken}. */
export interface RtmTokenSession extends TokenSession {
  /** Stops renewing, then logs out (`client.logout()`). */
  logout(): Promise<void>;
}

const ignore = (): void => {};

/**
 * Logs an RTM 2.x client in with a fetched token and keeps the login token valid:
 * `client.renewToken` on `tokenPrivilegeWillExpire` and on the renewer's own schedule, and a fresh
 * token and a new `client.login` when the link fails with `TOKEN_EXPIRED`. The event for a stream
 * channel (it names the channel) is about that channel's RTC token, which this session leaves alone.
 *
 * @param client - an agora-rtm-sdk 2.x client (`RTMClient`)
 * @param options - `fetchToken` and the renewer's options
 * @returns the session once logged in
 * @throws (rejects) what `start()` of {@link createTokenRenewer} rejects with
 * @example
 * ```ts
 * import AgoraRTM from 'agora-rtm-sdk';
 * import { loginRtmWithToken } from 'agora-token-kit/client';
 * const rtm = new AgoraRTM.RTM(appId, 'alice');
 * const session = await loginRtmWithToken(rtm, { fetchToken: () => getRtmToken('alice') });
 * ```
 */
export async function loginRtmWithToken(client: RtmClientLike, options: LoginRtmOptions): Promise<RtmTokenSession> {
  if (typeof client?.login !== 'function') throw new TypeError('"client" must be an agora-rtm-sdk 2.x client (RTMClient)');
  const { onTokenApplied, ...renewerOptions } = options;
  let loggedOut = false;
  const renewer = createTokenRenewer({
    ...renewerOptions,
    async applyToken(token, reason) {
      if (reason === 'initial' || (reason === 'expired' && loggedOut)) {
        await client.login({ token });
        loggedOut = false;
      } else {
        await client.renewToken(token);
      }
      onTokenApplied?.(token, reason);
    },
  });
  await renewer.start();
  const willExpire = (channelName: string): void => {
    if (!channelName) renewer.renewNow().catch(ignore);
  };
  const linkState = (event: RtmLinkStateLike): void => {
    if (event.reasonCode !== 'TOKEN_EXPIRED') return;
    loggedOut = true;
    renewer.renewNow('expired').catch(ignore);
  };
  client.addEventListener('tokenPrivilegeWillExpire', willExpire);
  client.addEventListener('linkState', linkState);
  const stop = (): void => {
    client.removeEventListener('tokenPrivilegeWillExpire', willExpire);
    client.removeEventListener('linkState', linkState);
    renewer.stop();
  };
  return {
    renewer,
    stop,
    async logout() {
      stop();
      await client.logout();
    },
  };
}
