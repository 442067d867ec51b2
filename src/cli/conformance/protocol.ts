// The JSON-lines protocol between the conformance runner and an adapter (docs/conformance.md).
// One request per line on the adapter's stdin, one answer per line on its stdout, matched by `id`.

/** Build with a builder method by name, positional arguments as in the vectors' `argsList`. */
export interface BuildRequest {
  op: 'build';
  version: '007' | '006';
  /** `Class.method` in the names of agora-token (007) / agora-access-token (006). */
  function: string;
  args: unknown[];
  /** 007: the clock and salt to use instead of now and a random salt. */
  issueTs?: number;
  salt: number;
  /** 006: the token expiry to use instead of now + 24 h. */
  ts?: number;
}

/** Build from explicit fields: 007 from a service list, 006 from a channel, uid and privileges. */
export type BuildTokenRequest =
  | {
      op: 'buildToken';
      version: '007';
      appId: string;
      appCertificate: string;
      issueTs: number;
      expire: number;
      salt: number;
      /** In `addService` order; `privileges` are `[id, expire]` pairs in `addPrivilege` order. */
      services: Record<string, unknown>[];
    }
  | {
      op: 'buildToken';
      version: '006';
      appId: string;
      appCertificate: string;
      channelName: string;
      uid: string | number;
      salt: number;
      ts: number;
      privileges: [number, number][];
    };

/** Decode a token without verifying it, as `version`: a token of another version must be refused. */
export interface DecodeRequest {
  op: 'decode';
  version: '007' | '006';
  token: string;
}

/** Verify a token's signature as `version`; 006 also gives the channel and uid it signs. */
export interface VerifyRequest {
  op: 'verify';
  version: '007' | '006';
  token: string;
  appCertificate: string;
  channelName?: string;
  uid?: string | number;
}

/** Any request, without its `id`. */
export type Request = BuildRequest | BuildTokenRequest | DecodeRequest | VerifyRequest;

/**
 * An adapter's answer (besides `id`): exactly one of `token`, `decoded`, `valid`, `error` (the
 * implementation refused the input or threw) or `unsupported` (it has no such function).
 */
export type Answer =
  | { token: string }
  | { decoded: Record<string, unknown> }
  | { valid: boolean }
  | { error: string }
  | { unsupported: string };

/** What the runner got back: an answer, or why there was none (timeout, exit, bad output). */
export type Reply = Answer | { failure: string };
