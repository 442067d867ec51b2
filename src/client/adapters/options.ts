import type { TokenReason, TokenRenewer, TokenRenewerOptions } from '../renewer.js';

/** What every SDK adapter takes: the renewer's options, with the SDK call in place of `applyToken`. */
export interface AdapterOptions extends Omit<TokenRenewerOptions, 'applyToken'> {
  /** Told of each token once the SDK has taken it (after join / login / open, or renewal). */
  onTokenApplied?: (token: string, reason: TokenReason) => void;
}

/** What every adapter's session has. */
export interface TokenSession {
  /** The renewer behind the session: its current `token` and `expiresAt`, and `renewNow()`. */
  readonly renewer: TokenRenewer;
  /** Removes the adapter's listeners from the SDK object and stops renewing; the SDK stays connected. */
  stop(): void;
}
