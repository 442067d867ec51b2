/**
 * `agora-token-kit/006`: AccessToken ("006") builders, a drop-in for `agora-access-token@2.0.4`
 * (`RtcTokenBuilder`, `RtmTokenBuilder`, `RtcRole`, `RtmRole`, and the `AccessToken` class of its
 * `src/AccessToken` module). Same names and positional parameters; every builder takes one optional
 * `{ salt, ts }` last. To decode or verify 006 tokens, use `decodeToken`/`verifyToken` from
 * `agora-token-kit`, which read both versions.
 *
 * @deprecated AccessToken is superseded by AccessToken2 ("007"): use the builders of
 *   `agora-token-kit`. docs/upgrade-006-to-007.md maps every call.
 * @packageDocumentation
 */
export { AccessToken, RtcTokenBuilder, RtmTokenBuilder } from './token006/builders.js';
export type { BuildOptions006 } from './token006/builders.js';
export { privileges, privileges as priviledges, RtcRole, RtmRole } from './token006/constants.js';
