// Turns vectors into requests and judges the answers. Pure: the transport is passed in as `ask`.
import { unzlibSync } from 'fflate';
import { decodeToken } from '../../index.js';
import type { Reply, Request } from './protocol.js';

/** One test of a vector file, as far as the runner reads it. */
export interface VectorTest {
  tcId: number;
  comment: string;
  flags: string[];
  args: Record<string, unknown>;
  argsList: unknown[];
  result: 'valid' | 'invalid';
  issueTs?: number;
  salt?: number;
  ts?: number;
  services?: Record<string, unknown>[];
  privileges?: [number, number][];
  payloadHex?: string;
  token?: string;
  decoded?: Record<string, unknown>;
}

/** A group of tests of one function. */
export interface VectorGroup {
  type: string;
  function: string;
  tokenVersion: '006' | '007';
  tests: VectorTest[];
}

/** A vector file: `testGroups` is all the runner needs. */
export interface VectorFile {
  testGroups: VectorGroup[];
}

/** How one vector went. */
export type Verdict = { status: 'pass' } | { status: 'fail'; reason: string } | { status: 'skip'; reason: string };

/** Sends one request and waits for its reply. */
export type Ask = (request: Request) => Promise<Reply>;

/** One runnable vector. */
export interface ConformanceCase {
  file: string;
  function: string;
  tcId: number;
  comment: string;
  flags: string[];
  run: (ask: Ask) => Promise<Verdict>;
}

const PASS: Verdict = { status: 'pass' };
const fail = (reason: string): Verdict => ({ status: 'fail', reason });

/** Sorted-key JSON, so comparisons do not depend on property order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

const short = (value: unknown): string => {
  const text = canonical(value) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** The paths where `actual` differs from `expected`, as `path: expected X, got Y`, at most `limit`. */
function differences(actual: unknown, expected: unknown, path = '', limit = 4): string[] {
  if (canonical(actual) === canonical(expected)) return [];
  const bothObjects = actual && expected && typeof actual === 'object' && typeof expected === 'object' && Array.isArray(actual) === Array.isArray(expected);
  if (!bothObjects) return [`${path || 'value'}: expected ${short(expected)}, got ${short(actual)}`];
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  if (Array.isArray(a) && a.length !== (e as unknown as unknown[]).length) {
    return [`${path || 'value'}: expected ${(e as unknown as unknown[]).length} entries, got ${a.length}: ${short(a)}`];
  }
  const out: string[] = [];
  for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
    const sub = Array.isArray(a) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    out.push(...differences(a[key], e[key], sub, limit - out.length));
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The zlib-inflated content of a 007 token, or why it has none. Base64 must be canonical. */
function payload007(token: string): { hex: string } | { error: string } {
  if (!token.startsWith('007')) return { error: `the token does not start with "007": ${short(token.slice(0, 12))}` };
  const body = token.slice(3);
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  } catch {
    return { error: 'the token is not base64 after "007"' };
  }
  if (btoa(String.fromCharCode(...bytes)) !== body) return { error: 'the token is not canonical, padded base64 after "007"' };
  try {
    return { hex: hex(unzlibSync(bytes)) };
  } catch (e) {
    return { error: `the token is not zlib data: ${(e as Error).message}` };
  }
}

/** Field-level differences of two tokens, read with this library's decoder. */
function tokenDifferences(token: string, expected: Record<string, unknown> | undefined): string {
  try {
    const { version: _v, unknownServiceType: _u, ...decoded } = decodeToken(token) as unknown as Record<string, unknown>;
    const expectedFields = { ...expected };
    delete expectedFields.rawMessageHex;
    const diffs = differences(decoded, expectedFields);
    return diffs.length ? diffs.join('; ') : 'the bytes differ where the decoded fields do not show it';
  } catch (e) {
    return `its payload does not decode: ${(e as Error).message}`;
  }
}

const describeReply = (reply: Reply): string => {
  if ('failure' in reply) return reply.failure;
  if ('error' in reply) return `error ${short(reply.error)}`;
  return short(reply);
};

/** Checks an answer to a build request against the vector. */
function judgeBuild(reply: Reply, t: VectorTest, version: '006' | '007'): Verdict {
  if ('failure' in reply) return fail(reply.failure);
  if ('unsupported' in reply) return { status: 'skip', reason: reply.unsupported };
  if (t.result === 'invalid') {
    if ('error' in reply) return PASS;
    return fail(`expected the input to be refused with an error, got ${describeReply(reply)}`);
  }
  if ('error' in reply) return fail(`expected a token, got error ${short(reply.error)}`);
  if (!('token' in reply) || typeof reply.token !== 'string') return fail(`expected {"token"}, got ${describeReply(reply)}`);
  if (version === '006') {
    return reply.token === t.token ? PASS : fail(`token differs: ${tokenDifferences(reply.token, t.decoded)}`);
  }
  const payload = payload007(reply.token);
  if ('error' in payload) return fail(payload.error);
  return payload.hex === t.payloadHex ? PASS : fail(`payload differs: ${tokenDifferences(reply.token, t.decoded)}`);
}

const DECODED_FIELDS = {
  '007': ['signature', 'appId', 'issueTs', 'expire', 'salt', 'services'],
  '006': ['appId', 'signature', 'crcChannelName', 'crcUid', 'salt', 'ts', 'privileges'],
} as const;

/**
 * Compares a decoded answer with the reference parser's view. The Go reference stops at the first
 * service type it does not know (9 and 10 among them), so for vectors flagged UnknownServiceType an
 * implementation that knows more types may list more services after the expected ones.
 */
function judgeDecoded(decoded: Record<string, unknown>, t: VectorTest, version: '006' | '007'): Verdict {
  const expected = t.decoded ?? {};
  const actual: Record<string, unknown> = {};
  for (const field of DECODED_FIELDS[version]) actual[field] = decoded[field];
  const services = actual.services;
  const expectedServices = expected.services as unknown[] | undefined;
  if (t.flags.includes('UnknownServiceType') && Array.isArray(services) && expectedServices) {
    actual.services = services.slice(0, expectedServices.length);
  }
  const reference: Record<string, unknown> = {};
  for (const field of DECODED_FIELDS[version]) reference[field] = expected[field];
  const diffs = differences(actual, reference);
  return diffs.length ? fail(`decoded token differs: ${diffs.join('; ')}`) : PASS;
}

/** Decodes, then verifies; the verdict must match the vector's `result`, and a valid token's fields its `decoded`. */
async function runParse(ask: Ask, t: VectorTest, version: '006' | '007'): Promise<Verdict> {
  const token = t.args.token as string;
  const decodedReply = await ask({ op: 'decode', version, token });
  if ('failure' in decodedReply) return fail(decodedReply.failure);
  if ('unsupported' in decodedReply) return { status: 'skip', reason: decodedReply.unsupported };
  let verdict: 'valid' | 'invalid' = 'invalid';
  let why = 'decode refused it';
  if (!('error' in decodedReply)) {
    if (!('decoded' in decodedReply) || typeof decodedReply.decoded !== 'object' || decodedReply.decoded === null) {
      return fail(`expected {"decoded"} or {"error"}, got ${describeReply(decodedReply)}`);
    }
    const context = version === '006' ? { channelName: t.args.channelName as string, uid: t.args.uid as string | number } : {};
    const verified = await ask({ op: 'verify', version, token, appCertificate: t.args.appCertificate as string, ...context });
    if ('failure' in verified) return fail(verified.failure);
    if ('unsupported' in verified) return { status: 'skip', reason: verified.unsupported };
    if ('valid' in verified && typeof verified.valid === 'boolean') {
      verdict = verified.valid ? 'valid' : 'invalid';
      why = verified.valid ? 'it decoded and verified' : 'verify returned false';
    } else if ('error' in verified) why = `verify refused it: ${short(verified.error)}`;
    else return fail(`expected {"valid"} or {"error"}, got ${describeReply(verified)}`);
    if (verdict === 'valid' && t.result === 'valid') return judgeDecoded(decodedReply.decoded, t, version);
  }
  return verdict === t.result ? PASS : fail(`expected ${t.result}, got ${verdict} (${why})`);
}

/** The request that builds a vector's token. */
function buildRequest(g: VectorGroup, t: VectorTest): Request {
  const a = t.args;
  switch (g.type) {
    case 'AccessToken2Build':
      return {
        op: 'buildToken',
        version: '007',
        appId: a.appId as string,
        appCertificate: a.appCertificate as string,
        issueTs: t.issueTs!,
        expire: a.expire as number,
        salt: t.salt!,
        services: t.services ?? [],
      };
    case 'AccessToken006Build':
      return {
        op: 'buildToken',
        version: '006',
        appId: a.appID as string,
        appCertificate: a.appCertificate as string,
        channelName: a.channelName as string,
        uid: a.uid as string | number,
        salt: t.salt!,
        ts: t.ts!,
        privileges: t.privileges ?? [],
      };
    case 'TokenBuilder006':
      return { op: 'build', version: '006', function: g.function, args: t.argsList, salt: t.salt!, ts: t.ts! };
    default:
      return { op: 'build', version: '007', function: g.function, args: t.argsList, issueTs: t.issueTs!, salt: t.salt! };
  }
}

const BUILD_TYPES = new Set(['TokenBuilder007', 'AccessToken2Build', 'TokenBuilder006', 'AccessToken006Build']);
const PARSE_TYPES = new Set(['AccessToken2ParseVerify', 'AccessToken006ParseVerify']);

/** Every test of the files as a runnable case, in file order. */
export function conformanceCases(files: [name: string, data: VectorFile][]): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const [file, data] of files) {
    for (const g of data.testGroups) {
      for (const t of g.tests) {
        const base = { file, function: g.function, tcId: t.tcId, comment: t.comment, flags: t.flags };
        let run: ConformanceCase['run'];
        if (BUILD_TYPES.has(g.type)) run = async (ask) => judgeBuild(await ask(buildRequest(g, t)), t, g.tokenVersion);
        else if (PARSE_TYPES.has(g.type)) run = (ask) => runParse(ask, t, g.tokenVersion);
        else run = async () => ({ status: 'skip', reason: `the runner does not know group type ${g.type}` });
        cases.push({ ...base, run });
      }
    }
  }
  return cases;
}
