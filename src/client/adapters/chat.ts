import { createTokenRenewer } from '../renewer.js';
import type { AdapterOptions, TokenSession } from './options.js';

/** The token callbacks of agora-chat's event handlers that {@link openChatWithToken} registers. */
export interface ChatTokenHandlers {
  /** agora-chat raises it when 20 % of the token's lifetime is left. */
  onTokenWillExpire?: () => void;
  /** agora-chat raises it once the token has expired and the connection is lost. */
  onTokenExpired?: () => void;
}

/**
 * The part of agora-chat's `Connection` that {@link openChatWithToken} uses: pass the connection
 * from `new AgoraChat.connection({ appKey })`.
 */
export interface ChatConnectionLike {
  /** Logs in with the first token, and again after expiry. */
  open(parameters: { user: string; accessToken?: string }): Promise<unknown>;
  /** Takes a renewed token while connected. */
  renewToken(token: string): Promise<unknown>;
  /** Whether the connection is open: a token found expired on a closed connection is used to open it. */
  isOpened(): boolean;
  /** Called by `session.close()`. */
  close(): void;
  /** Registers the session's token handlers under its own id. */
  addEventHandler(id: string, handler: ChatTokenHandlers): void;
  /** Removes them on `session.stop()`. */
  removeEventHandler(id: string): void;
}

/** Options of {@link openChatWithToken}. */
export interface OpenChatOptions extends AdapterOptions {
  /** The Chat user ID that `open` logs in; the token must be a Chat user token for it. */
  user: string;
}

/** An open Chat connection whose token is kept renewed, from {@link openChatWithToken}. */
export interface ChatTokenSession extends TokenSession {
  /** Stops renewing, then closes the connection (`connection.close()`). */
  close(): void;
}

const ignore = (): void => {};
let handlers = 0;

/**
 * Opens an agora-chat connection with a fetched access token and keeps it valid:
 * `connection.renewToken` on `onTokenWillExpire` and on the renewer's own schedule, and a fresh token
 * and a new `open` on `onTokenExpired`.
 *
 * @param connection - an agora-chat `Connection`
 * @param options - `user`, `fetchToken`, and the renewer's options
 * @returns the session once open
 * @throws (rejects) what `start()` of {@link createTokenRenewer} rejects with
 * @example
 * ```ts
 * import AgoraChat from 'agora-chat';
 * import { openChatWithToken } from 'agora-token-kit/client';
 * const connection = new AgoraChat.connection({ appKey });
 * const session = await openChatWithToken(connection, { user: 'alice', fetchToken: () => getChatToken('alice') });
 * ```
 */
export async function openChatWithToken(connection: ChatConnectionLike, options: OpenChatOptions): Promise<ChatTokenSession> {
  if (typeof connection?.open !== 'function') throw new TypeError('"connection" must be an agora-chat Connection');
  const { user, onTokenApplied, ...renewerOptions } = options;
  let expired = false;
  const renewer = createTokenRenewer({
    ...renewerOptions,
    async applyToken(token, reason) {
      if (reason === 'initial' || (reason === 'expired' && (expired || !connection.isOpened()))) {
        await connection.open({ user, accessToken: token });
        expired = false;
      } else {
        await connection.renewToken(token);
      }
      onTokenApplied?.(token, reason);
    },
  });
  await renewer.start();
  // Handlers are registered by id; each session has its own.
  const id = `agora-token-kit-${++handlers}`;
  connection.addEventHandler(id, {
    onTokenWillExpire: () => void renewer.renewNow().catch(ignore),
    onTokenExpired: () => {
      expired = true;
      renewer.renewNow('expired').catch(ignore);
    },
  });
  const stop = (): void => {
    connection.removeEventHandler(id);
    renewer.stop();
  };
  return {
    renewer,
    stop,
    close() {
      stop();
      connection.close();
    },
  };
}
