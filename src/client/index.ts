/**
 * `agora-token-kit/client`: keeps a web client supplied with valid Agora tokens. It schedules
 * renewal from the decoded token, retries with backoff, and wires itself to the Agora Web SDKs'
 * objects (typed structurally: no SDK is a dependency). Web-standard code only.
 *
 * @packageDocumentation
 */
export { createTokenRenewer } from './renewer.js';
export type { FetchTokenContext, RenewalErrorInfo, TokenReason, TokenRenewer, TokenRenewerOptions } from './renewer.js';
export type { RetryOptions } from './backoff.js';
export type { AdapterOptions, TokenSession } from './adapters/options.js';
export { joinRtcWithToken } from './adapters/rtc.js';
export type { JoinRtcOptions, RtcClientLike, RtcTokenSession } from './adapters/rtc.js';
export { loginRtmWithToken } from './adapters/rtm.js';
export type { LoginRtmOptions, RtmClientLike, RtmLinkStateLike, RtmTokenSession } from './adapters/rtm.js';
export { openChatWithToken } from './adapters/chat.js';
export type { ChatConnectionLike, ChatTokenHandlers, ChatTokenSession, OpenChatOptions } from './adapters/chat.js';
export { TokenError } from '../errors.js';
export type { TokenErrorCode } from '../errors.js';
