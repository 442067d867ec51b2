/**
 * `agora-token-kit/server`: a production token server as a Fetch API handler, plus an adapter for
 * Node's `http` module. Web-standard code only; it runs in Node, Deno, Bun, Workers and edge functions.
 *
 * @packageDocumentation
 */
export { createTokenHandler } from './handler.js';
export type { TokenHandlerOptions } from './handler.js';
export type { TokenClaims, TokenEndpoint } from './endpoints.js';
export type { AllowedOrigins } from './cors.js';
export { toNodeListener } from './node-adapter.js';
export type { NodeListenerOptions, NodeRequestLike, NodeResponseLike, RequestLogEntry } from './node-adapter.js';
