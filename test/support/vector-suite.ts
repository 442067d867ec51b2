// One vector suite for every host (vitest on Node, Deno, Bun, workerd, edge-runtime, Chromium):
// it imports nothing but fflate (as an independent inflater) and the vector data, and reports
// failures by throwing, so any runner can drive it.
import { unzlibSync } from 'fflate';
import type * as Library006 from '../../src/006.js';
import type * as Library from '../../src/index.js';
import { type VectorGroup, type VectorTest, vectorFiles } from './vector-files.js';

export type Lib = typeof Library;
/** The `agora-token-kit/006` entry (the agora-access-token drop-in). */
export type Lib006 = typeof Library006;

export interface VectorCase {
  file: string;
  name: string;
  run: () => void;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Sorted-key JSON, so that comparisons do not depend on property order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

export function fail(message: string): never {
  throw new Error(message);
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) fail(`${what} differs\n  actual:   ${a.slice(0, 600)}\n  expected: ${e.slice(0, 600)}`);
}

/** The 007 payload of a token: base64 after "007", inflated by fflate (not by the library under test). */
export function payload007(token: string): string {
  const b64 = token.slice(3);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return hex(unzlibSync(bytes));
}

function expectThrowsTokenError(lib: Lib, fn: () => unknown, what: string): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof lib.TokenError) return;
    fail(`${what}: expected a TokenError, got ${String(e)}`);
  }
  fail(`${what}: expected a TokenError, but it returned`);
}

function check007Token(lib: Lib, token: string, t: VectorTest): void {
  if (!token.startsWith('007')) fail(`token does not start with 007: ${token.slice(0, 12)}`);
  const payload = payload007(token);
  if (payload !== t.payloadHex) fail(`payload differs\n  actual:   ${payload}\n  expected: ${t.payloadHex}`);
  const { version, unknownServiceType, ...decoded } = lib.decodeToken(token) as Library.DecodedToken007;
  if (version !== '007') fail(`decoded version ${String(version)}`);
  expectEqual(decoded, t.decoded, 'decoded token');
  const stopsAtUnknown = t.flags.includes('UnknownServiceType');
  if (stopsAtUnknown !== (unknownServiceType !== undefined)) {
    fail(`unknownServiceType is ${String(unknownServiceType)} but the vector flags are ${t.flags.join(',')}`);
  }
  const cert = t.args.appCertificate as string;
  if (!lib.verifyToken(token, cert)) fail('verifyToken rejected the token built here');
}

/** Raw vector services carry privileges as `[id, expire]` pairs in call order. */
function serviceSpecs(t: VectorTest): Library.ServiceSpec[] {
  return (t.services ?? []).map((s) => ({ ...s, privileges: s.privileges as [number, number][] }) as unknown as Library.ServiceSpec);
}

function build007(lib: Lib, g: VectorGroup, t: VectorTest): () => string {
  if (g.type === 'AccessToken2Build') {
    const { appId, appCertificate, expire } = t.args as { appId: string; appCertificate: string; expire: number };
    return () => lib.buildToken({ appId, appCertificate, expire, issueTs: t.issueTs, salt: t.salt, services: serviceSpecs(t) });
  }
  const [className, method] = g.function.split('.') as [string, string];
  const builder = (lib as unknown as Record<string, Record<string, (...args: unknown[]) => string>>)[className];
  const fn = builder?.[method];
  if (!fn) return () => fail(`the library does not export ${g.function}`);
  // Detached on purpose: the methods must not depend on `this` (agora-token's do).
  return () => fn(...t.argsList, { issueTs: t.issueTs, salt: t.salt });
}

/**
 * A parse group tests one version's parser; decodeToken picks the parser by the prefix, so a token
 * of the other version (parse vector 86: a valid 007 token given to the 006 parser) is invalid here.
 */
function parseVerdict(lib: Lib, token: string, version: '006' | '007', verify: () => boolean): 'valid' | 'invalid' {
  try {
    if (lib.decodeToken(token).version !== version) return 'invalid';
    return verify() ? 'valid' : 'invalid';
  } catch (e) {
    if (e instanceof lib.TokenError) return 'invalid';
    throw e;
  }
}

/** The content of a 006 token: base64 after "006" and the app ID, decoded with atob (not the library). */
function content006(token: string): string {
  const bin = atob(token.slice(35));
  return hex(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The channel name and uid a 006 builder vector signs: RTM puts the account in the channel slot. */
function context006(g: VectorGroup, t: VectorTest): { channelName: string; uid: string | number } {
  const a = t.args as { channelName?: string; uid?: string | number; account?: string | number };
  if (g.function.startsWith('RtmTokenBuilder.')) return { channelName: String(a.account), uid: '' };
  return { channelName: a.channelName!, uid: (a.uid ?? a.account)! };
}

function check006Token(lib: Lib, token: string, g: VectorGroup, t: VectorTest): void {
  if (token !== t.token) fail(`token differs\n  actual:   ${token}\n  expected: ${t.token}`);
  const content = content006(token);
  if (content !== t.payloadHex) fail(`content differs\n  actual:   ${content}\n  expected: ${t.payloadHex}`);
  const { version, ...decoded } = lib.decodeToken(token) as Library.DecodedToken006;
  if (version !== '006') fail(`decoded version ${String(version)}`);
  const { rawMessageHex: _raw, ...expected } = t.decoded as Record<string, unknown>;
  expectEqual(decoded, expected, 'decoded token');
  const cert = t.args.appCertificate as string;
  if (!lib.verifyToken(token, cert, context006(g, t))) fail('verifyToken rejected the token built here');
}

/**
 * The 006 builders' mapping onto the function API (docs/format.md §3.3; the roles in
 * docs/upgrade-006-to-007.md), so that every host can prove the 006 vectors with the root entry
 * alone: RTC roles 0, 1 and 101 add the publish privileges; RTM signs the account as the channel
 * with an empty uid and privilege 1000.
 */
function build006(lib: Lib, g: VectorGroup, t: VectorTest): () => string {
  const a = t.args as { appID: string; appCertificate: string; role?: number; privilegeExpiredTs?: number };
  const common = { version: '006' as const, appId: a.appID, appCertificate: a.appCertificate, salt: t.salt, ts: t.ts };
  const { channelName, uid } = context006(g, t);
  if (g.type === 'AccessToken006Build') {
    return () => lib.buildToken({ ...common, channelName, uid, privileges: t.privileges! });
  }
  const at = a.privilegeExpiredTs!;
  const privileges: Record<number, number> = g.function.startsWith('RtmTokenBuilder.')
    ? { 1000: at }
    : [0, 1, 101].includes(a.role!)
      ? { 1: at, 2: at, 3: at, 4: at }
      : { 1: at };
  return () => lib.buildToken({ ...common, channelName, uid, privileges });
}

/** Every vector as a runnable case, for one build of the library. */
export function vectorCases(lib: Lib): VectorCase[] {
  const cases: VectorCase[] = [];
  for (const [file, data] of Object.entries(vectorFiles)) {
    for (const g of data.testGroups) {
      for (const t of g.tests) {
        cases.push({ file, name: `${g.function} #${t.tcId} ${t.comment}`, run: () => runVector(lib, g, t) });
      }
    }
  }
  return cases;
}

/**
 * The 006 builder vectors through the drop-in entry `agora-token-kit/006`: its `AccessToken` class
 * and its `RtcTokenBuilder`/`RtmTokenBuilder` methods, called detached with `{ salt, ts }` last.
 */
export function dropIn006Cases(lib: Lib, lib006: Lib006): VectorCase[] {
  const cases: VectorCase[] = [];
  for (const [file, data] of Object.entries(vectorFiles)) {
    for (const g of data.testGroups) {
      if (g.type !== 'AccessToken006Build' && g.type !== 'TokenBuilder006') continue;
      for (const t of g.tests) {
        const build = (): string => {
          const options = { salt: t.salt, ts: t.ts };
          if (g.type === 'AccessToken006Build') {
            const [appId, cert, channelName, uid] = t.argsList as [string, string, string, string | number];
            const token = new lib006.AccessToken(appId, cert, channelName, uid, options);
            for (const [id, at] of t.privileges!) token.addPrivilege(id, at);
            return token.build();
          }
          const [className, method] = g.function.split('.') as [string, string];
          const fn = (lib006 as unknown as Record<string, Record<string, (...args: unknown[]) => string>>)[className]?.[method];
          if (!fn) return fail(`agora-token-kit/006 does not export ${g.function}`);
          return fn(...t.argsList, options);
        };
        const run = (): void =>
          t.result === 'invalid' ? expectThrowsTokenError(lib, build, 'invalid builder input') : check006Token(lib, build(), g, t);
        cases.push({ file, name: `${g.function} #${t.tcId} ${t.comment}`, run });
      }
    }
  }
  return cases;
}

function runVector(lib: Lib, g: VectorGroup, t: VectorTest): void {
  switch (g.type) {
    case 'AccessToken2Build':
    case 'TokenBuilder007': {
      const build = build007(lib, g, t);
      if (t.result === 'invalid') return expectThrowsTokenError(lib, build, 'invalid builder input');
      return check007Token(lib, build(), t);
    }
    case 'AccessToken2ParseVerify': {
      const { token, appCertificate } = t.args as { token: string; appCertificate: string };
      const verdict = parseVerdict(lib, token, '007', () => lib.verifyToken(token, appCertificate));
      if (verdict !== t.result) fail(`verdict ${verdict}, expected ${t.result}`);
      if (verdict === 'valid') {
        const { version: _v, unknownServiceType: _u, ...decoded } = lib.decodeToken(token) as Library.DecodedToken007;
        // Types 9 and 10 are known here (agora-token 2.0.6), unknown to the Go reference.
        if (!t.flags.includes('UnknownServiceType') || !decoded.services.some((s) => s.type === 9 || s.type === 10)) {
          expectEqual(decoded, t.decoded, 'decoded token');
        }
      }
      return;
    }
    case 'AccessToken006Build':
    case 'TokenBuilder006': {
      const build = build006(lib, g, t);
      if (t.result === 'invalid') return expectThrowsTokenError(lib, build, 'invalid builder input');
      return check006Token(lib, build(), g, t);
    }
    case 'AccessToken006ParseVerify': {
      const { token, appCertificate, channelName, uid } = t.args as { token: string; appCertificate: string; channelName: string; uid: string };
      const verdict = parseVerdict(lib, token, '006', () => lib.verifyToken(token, appCertificate, { channelName, uid }));
      if (verdict !== t.result) fail(`verdict ${verdict}, expected ${t.result}`);
      if (verdict === 'valid') {
        const { version: _v, ...decoded } = lib.decodeToken(token) as Library.DecodedToken006;
        const { rawMessageHex: _raw, ...expected } = t.decoded as Record<string, unknown>;
        expectEqual(decoded, expected, 'decoded token');
      }
      return;
    }
    default:
      return fail(`no runner for group type ${g.type}`);
  }
}
